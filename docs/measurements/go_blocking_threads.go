// N goroutines each make one blocking syscall (nanosleep) at once: how many OS threads does the
// Go runtime end up with? Prints GOMAXPROCS, N, the thread count before and after.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

func threads() int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "Threads:") {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(l, "Threads:")))
			return n
		}
	}
	return -1
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	ms, _ := strconv.Atoi(os.Args[2])
	before := threads()
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			ts := syscall.NsecToTimespec(int64(ms) * 1e6)
			syscall.Nanosleep(&ts, nil) // a blocking syscall: the M blocks with its goroutine
			wg.Done()
		}()
	}
	wg.Wait()
	fmt.Printf("{\"gomaxprocs\": %d, \"n\": %d, \"threads_before\": %d, \"threads_after\": %d, \"elapsed_ms\": %.1f}\n",
		runtime.GOMAXPROCS(0), n, before, threads(), float64(time.Since(start).Microseconds())/1000)
}
