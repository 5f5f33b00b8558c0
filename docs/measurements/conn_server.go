// An idle-connection memory server: Go net/http, measured by conn_memory.py.
//
//	CGO_ENABLED=0 go build -o conn_server_go conn_server.go && ./conn_server_go
//
// Listens on a free loopback port and prints it. GET / answers "ok" on a keep-alive connection,
// which net/http keeps open (IdleTimeout 0: no limit), each with its own goroutine parked in a
// read, a 4 KiB bufio.Reader and a 4 KiB bufio.Writer. GET /park?n=N starts N bare goroutines
// blocked on a channel (the bare-task figure) and answers when they exist. GET /mem answers the
// runtime's MemStats (stack and heap in use) as JSON.
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strconv"
)

func main() {
	block := make(chan struct{})
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	http.HandleFunc("/park", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.URL.Query().Get("n"))
		for i := 0; i < n; i++ {
			go func() { <-block }()
		}
		w.Write([]byte("ok"))
	})
	// GET /mem: where the memory is, by the runtime's own account (read after /proc, by conn_memory.py).
	http.HandleFunc("/mem", func(w http.ResponseWriter, r *http.Request) {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		json.NewEncoder(w).Encode(map[string]uint64{"stack_inuse": m.StackInuse, "heap_inuse": m.HeapInuse,
			"heap_alloc": m.HeapAlloc, "sys": m.Sys, "goroutines": uint64(runtime.NumGoroutine())})
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr().(*net.TCPAddr).Port)
	srv := &http.Server{}
	panic(srv.Serve(ln))
}
