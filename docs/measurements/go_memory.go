package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

func rss() string {
	b, _ := os.ReadFile("/proc/self/status")
	out := []string{}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS") || strings.HasPrefix(l, "VmSize") || strings.HasPrefix(l, "Threads") {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
	}
	return strings.Join(out, ", ")
}

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	go http.ListenAndServe("127.0.0.1:18080", nil)
	time.Sleep(300 * time.Millisecond)
	fmt.Println("idle http server:", rss())
	var wg sync.WaitGroup
	block := make(chan struct{})
	n := 100000
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() { <-block; wg.Done() }()
	}
	time.Sleep(300 * time.Millisecond)
	fmt.Println(n, "parked goroutines:", rss())
	close(block)
	wg.Wait()
}
