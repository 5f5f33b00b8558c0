// Go's garbage collector on this machine, for the fibers.gc_* defaults of docs/models.md.
//
//	go build -o /tmp/gc_go gc_go.go && /tmp/gc_go LIVE_MIB ALLOC_MIB CHUNK_KIB [GOGC]
//	/tmp/gc_go server           # the live heap of an idle net/http server after one request
//
// It holds LIVE_MIB of pointer-rich objects (64-byte nodes in a linked list, as a server's
// caches and maps hold pointers), then allocates ALLOC_MIB of garbage in CHUNK_KIB pieces. It runs
// itself again under GODEBUG=gctrace=1 and reads Go's own line for every cycle after the live heap
// is built: the two stop-the-world pauses (clock), the mark CPU (assist + background + idle) and the
// heap marked live. It prints the cycles, the bytes allocated per cycle against the runway
// live × GOGC/100 (at least 4 MiB × GOGC/100 − live, Go's minimum heap), the pauses and the mark CPU
// per byte of live heap.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

type node struct {
	next *node
	pad  [6]int64
}

var keep *node
var sink []byte

func child(liveMiB, allocMiB, chunkKiB int) {
	n := liveMiB * 1024 * 1024 / 64
	for i := 0; i < n; i++ {
		keep = &node{next: keep}
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	fmt.Fprintln(os.Stderr, "MEASURE-START")
	chunk := chunkKiB * 1024
	total := allocMiB * 1024 * 1024
	for done := 0; done < total; done += chunk {
		sink = make([]byte, chunk)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Fprintln(os.Stderr, "MEASURE-END")
	fmt.Printf("numgc %d allocated %d live %d\n", after.NumGC-before.NumGC, after.TotalAlloc-before.TotalAlloc,
		before.HeapAlloc)
	runtime.KeepAlive(keep)
}

type cycle struct {
	stw1, stw2, markCPU float64 // ms
	liveMB              float64
}

// "gc 5 @0.123s 2%: 0.018+1.2+0.003 ms clock, 0.073+0.15/0.30/0.0+0.012 ms cpu, 4->4->0 MB, 4 MB goal, ..."
func parse(line string) (cycle, bool) {
	var c cycle
	f := strings.Fields(line)
	if len(f) < 11 || f[0] != "gc" || strings.Contains(line, "(forced)") {
		return c, false
	}
	clock := strings.Split(f[4], "+")
	cpu := strings.Split(f[7], "+")
	heap := strings.Split(f[10], "->")
	if len(clock) != 3 || len(cpu) != 3 || len(heap) != 3 {
		return c, false
	}
	c.stw1, _ = strconv.ParseFloat(clock[0], 64)
	c.stw2, _ = strconv.ParseFloat(clock[2], 64)
	for _, part := range strings.Split(cpu[1], "/") {
		v, _ := strconv.ParseFloat(part, 64)
		c.markCPU += v
	}
	c.liveMB, _ = strconv.ParseFloat(heap[2], 64)
	return c, true
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func server() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") }))
	resp, err := http.Get("http://" + ln.Addr().String() + "/")
	if err != nil {
		panic(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Printf("idle net/http server after one request (client in the same process): live heap %d B\n", m.HeapAlloc)
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "server" {
		server()
		return
	}
	liveMiB, _ := strconv.Atoi(os.Args[1])
	allocMiB, _ := strconv.Atoi(os.Args[2])
	chunkKiB, _ := strconv.Atoi(os.Args[3])
	if os.Getenv("GC_GO_CHILD") == "1" {
		child(liveMiB, allocMiB, chunkKiB)
		return
	}
	gogc := 100
	if len(os.Args) > 4 {
		gogc, _ = strconv.Atoi(os.Args[4])
	}
	cmd := exec.Command(os.Args[0], os.Args[1:4]...)
	cmd.Env = append(os.Environ(), "GC_GO_CHILD=1", "GODEBUG=gctrace=1", fmt.Sprintf("GOGC=%d", gogc))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		panic(err)
	}
	var cycles []cycle
	measuring := false
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case l == "MEASURE-START":
			measuring = true
		case l == "MEASURE-END":
			measuring = false
		case measuring:
			if c, ok := parse(l); ok {
				cycles = append(cycles, c)
			}
		}
	}
	var numgc, allocated, live int64
	fmt.Sscanf(string(out), "numgc %d allocated %d live %d", &numgc, &allocated, &live)
	minimum := int64(4<<20) * int64(gogc) / 100
	runway := live * int64(gogc) / 100
	if minimum-live > runway {
		runway = minimum - live
	}
	var stw, perByte []float64
	for _, c := range cycles {
		stw = append(stw, c.stw1*1e3, c.stw2*1e3)
		// Per byte of the pointer-rich live set: the garbage allocated during the mark is counted
		// as marked (allocate-black) but is never scanned.
		perByte = append(perByte, c.markCPU*1e6/float64(live))
	}
	fmt.Printf("GOMAXPROCS %d GOGC %d live %d B (%.1f MiB) allocated %d B in %d KiB chunks\n", runtime.GOMAXPROCS(0),
		gogc, live, float64(live)/(1<<20), allocated, chunkKiB)
	fmt.Printf("cycles %d (gctrace lines %d); allocated per cycle %.0f B; runway %d B; per cycle / runway %.3f\n",
		numgc, len(cycles), float64(allocated)/float64(numgc), runway, float64(allocated)/float64(numgc)/float64(runway))
	fmt.Printf("stw pause median %.1f us (each of 2 per cycle); mark cpu median %.3f ns per live byte\n", median(stw),
		median(perByte))
}
