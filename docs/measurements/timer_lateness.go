// How much later than asked time.Sleep(d) returns in an otherwise idle Go program: 300 sleeps of
// MS milliseconds (fractions allowed), one after another. go run timer_lateness.go [MS=4]
package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"time"
)

func main() {
	ms := 4.0
	if len(os.Args) > 1 {
		ms, _ = strconv.ParseFloat(os.Args[1], 64)
	}
	d := time.Duration(ms * float64(time.Millisecond))
	late := make([]float64, 300)
	for i := range late {
		t0 := time.Now()
		time.Sleep(d)
		late[i] = float64(time.Since(t0)-d) / 1e6
	}
	sort.Float64s(late)
	sum := 0.0
	for _, l := range late {
		sum += l
	}
	fmt.Printf("{\"asked_ms\":%g,\"late_mean_ms\":%.3f,\"late_p50_ms\":%.3f,\"late_p99_ms\":%.3f}\n", ms, sum/300, late[150], late[296])
}
