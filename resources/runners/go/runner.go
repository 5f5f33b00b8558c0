// Command runner executes a conviz request plan (`conviz-cli plan FILE --json`) with real
// goroutines and prints what it measured as one JSON object, the fields of conviz-cli live's
// measured.cpp.<model> objects. Standard library only; docs/live.md, "Real Go and Node.js".
//
//	go build -o runner runner.go && conviz-cli plan scenarios/default.toml --json | ./runner
//
// What each step becomes:
//
//	cpu, offload  a busy loop of calibrated iterations: that much CPU time, wherever the
//	              goroutine runs (Go preempts it after 10 ms like any other goroutine)
//	io            time.Sleep: the goroutine parks on a timer, its P runs others
//	io + pool     holds a slot of a buffered channel (the pool) for the wait
//	blocking      syscall.Nanosleep: a real blocking system call, so the runtime takes the M
//	              into the syscall and sysmon hands its P to another M
//	fanout        a goroutine per child and a sync.WaitGroup
//	stack         recursion with 1 KiB frames to that depth: the stack grows by copying
//
// Latency runs from when a request was due (its arrival, or its client's think time ended), so a
// late dispatch counts (no coordinated omission).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// planVersion is the plan format this runner reads (request_plan.cpp's kPlanVersion).
const planVersion = 1

// Step is one step of a task; exactly one of its kinds is set.
type Step struct {
	CPU      *int64   `json:"cpu"`
	Offload  *int64   `json:"offload"`
	IO       *int64   `json:"io"`
	Pool     *int     `json:"pool"`
	Blocking *int64   `json:"blocking"`
	Stack    *int64   `json:"stack"`
	Fanout   [][]Step `json:"fanout"`
}

// Plan is conviz's request plan (docs/live.md, "The request plan").
type Plan struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	Model   struct {
		Gomaxprocs int `json:"gomaxprocs"`
	} `json:"model"`
	Pools []struct {
		Name string `json:"name"`
		Size int    `json:"size"`
	} `json:"pools"`
	MaxWallNs int64 `json:"max_wall_ns"`
	Load      struct {
		Kind       string  `json:"kind"`
		Requests   int     `json:"requests"`
		DurationNs int64   `json:"duration_ns"`
		ArrivalsNs []int64 `json:"arrivals_ns"`
		Clients    int     `json:"clients"`
		ThinkNs    []int64 `json:"think_ns"`
	} `json:"load"`
	Requests [][]Step `json:"requests"`
}

// run holds one execution's state; every counter is updated atomically.
type run struct {
	plan      *Plan
	pools     []chan struct{}
	start     time.Time
	latency   []int64 // per request index, ns; -1 until it completes
	issued    int64
	completed int64
	lastEnd   int64 // ns since start
	live      int64 // goroutines of requests alive now (fan-out children included)
	peakLive  int64
}

// ---- CPU work ----------------------------------------------------------------------------

var spinSink uint64

// spin does n iterations of dependent integer work the compiler cannot remove.
//
//go:noinline
func spin(n int64) {
	x := spinSink
	for i := int64(0); i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	spinSink = x
}

// threadCPU is this OS thread's CPU time (CLOCK_THREAD_CPUTIME_ID).
func threadCPU() int64 {
	var ts syscall.Timespec
	syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

// iterationsPerNs is measured once at start on a locked thread's CPU clock: the fastest of
// several trials, so time the kernel gave to other processes does not count.
var iterationsPerNs float64

func calibrate() {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	const n = 2_000_000
	spin(n) // warm up
	best := int64(math.MaxInt64)
	for i := 0; i < 7; i++ {
		t0 := threadCPU()
		spin(n)
		if d := threadCPU() - t0; d > 0 && d < best {
			best = d
		}
	}
	iterationsPerNs = float64(n) / float64(best)
}

func burn(ns int64) { spin(int64(float64(ns) * iterationsPerNs)) }

// ---- Steps -------------------------------------------------------------------------------

// blockFor sleeps in the nanosleep system call, resumed after a signal (Go preempts with SIGURG).
func blockFor(ns int64) {
	ts := syscall.NsecToTimespec(ns)
	for {
		var left syscall.Timespec
		if err := syscall.Nanosleep(&ts, &left); err != syscall.EINTR {
			return
		}
		ts = left
	}
}

// deepen recurses until `bytes` of stack are in use, touching each 1 KiB frame.
//
//go:noinline
func deepen(bytes int64) byte {
	var frame [1024]byte
	frame[bytes%1024] = byte(bytes)
	if bytes > 1024 {
		frame[0] += deepen(bytes - 1024)
	}
	return frame[0] + frame[bytes%1024]
}

func (r *run) enter() {
	n := atomic.AddInt64(&r.live, 1)
	for {
		p := atomic.LoadInt64(&r.peakLive)
		if n <= p || atomic.CompareAndSwapInt64(&r.peakLive, p, n) {
			return
		}
	}
}

func (r *run) leave() { atomic.AddInt64(&r.live, -1) }

func (r *run) task(steps []Step) {
	for i := range steps {
		s := &steps[i]
		switch {
		case s.CPU != nil:
			burn(*s.CPU)
		case s.Offload != nil:
			burn(*s.Offload) // Go has no pool for it: it runs on the goroutine's P
		case s.IO != nil:
			if s.Pool != nil {
				r.pools[*s.Pool] <- struct{}{}
			}
			time.Sleep(time.Duration(*s.IO))
			if s.Pool != nil {
				<-r.pools[*s.Pool]
			}
		case s.Blocking != nil:
			blockFor(*s.Blocking)
		case s.Stack != nil:
			deepen(*s.Stack)
		case s.Fanout != nil:
			var wg sync.WaitGroup
			for c := range s.Fanout {
				wg.Add(1)
				r.enter()
				go func(child []Step) {
					defer wg.Done()
					defer r.leave()
					r.task(child)
				}(s.Fanout[c])
			}
			wg.Wait()
		}
	}
}

// request runs request k, due at `due`, on the calling goroutine and records its latency.
func (r *run) request(k int, due time.Time) {
	atomic.AddInt64(&r.issued, 1)
	r.task(r.plan.Requests[k])
	end := time.Now()
	r.latency[k] = int64(end.Sub(due))
	atomic.AddInt64(&r.completed, 1)
	since := int64(end.Sub(r.start))
	for {
		l := atomic.LoadInt64(&r.lastEnd)
		if since <= l || atomic.CompareAndSwapInt64(&r.lastEnd, l, since) {
			return
		}
	}
}

// sleepUntil parks the goroutine until t.
func sleepUntil(t time.Time) {
	if d := time.Until(t); d > 0 {
		time.Sleep(d)
	}
}

// issue starts the load and returns a channel closed once every request issued has ended.
func (r *run) issue() <-chan struct{} {
	p := r.plan
	n := len(p.Requests)
	var wg sync.WaitGroup
	spawn := func(k int, due time.Time) {
		r.enter()
		go func() {
			defer wg.Done()
			defer r.leave()
			r.request(k, due)
		}()
	}
	open := func(at time.Time) bool {
		return p.Load.DurationNs == 0 || at.Sub(r.start) < time.Duration(p.Load.DurationNs)
	}
	switch p.Load.Kind {
	case "open": // a dispatcher at each drawn arrival time
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < n && k < len(p.Load.ArrivalsNs); k++ {
				due := r.start.Add(time.Duration(p.Load.ArrivalsNs[k]))
				sleepUntil(due)
				wg.Add(1)
				spawn(k, due)
			}
		}()
	case "closed": // each client: a request, then its think time, then the next
		var issued int64
		clients := p.Load.Clients
		if clients > n {
			clients = n
		}
		for c := 0; c < clients; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				due := r.start
				for {
					if time.Until(due) > 0 {
						time.Sleep(time.Until(due))
					} else {
						// Due already (no think time): the request still arrives from outside, so
						// it waits its turn for a P behind the goroutines already runnable, as a
						// connection's goroutine woken by the netpoller does, instead of running on.
						runtime.Gosched()
					}
					k := int(atomic.AddInt64(&issued, 1) - 1)
					if k >= n || !open(due) {
						return
					}
					r.enter()
					r.request(k, due)
					r.leave()
					due = time.Now().Add(time.Duration(p.Load.ThinkNs[k]))
				}
			}()
		}
	default: // batch: every request at once
		wg.Add(n)
		for k := 0; k < n; k++ {
			spawn(k, r.start)
		}
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	return done
}

// ---- Measuring ---------------------------------------------------------------------------

type sample struct {
	rss, virtual, threads int64
}

func readProc() sample {
	var s sample
	if b, err := os.ReadFile("/proc/self/statm"); err == nil {
		f := strings.Fields(string(b))
		if len(f) >= 2 {
			page := int64(os.Getpagesize())
			v, _ := strconv.ParseInt(f[0], 10, 64)
			res, _ := strconv.ParseInt(f[1], 10, 64)
			s.virtual, s.rss = v*page, res*page
		}
	}
	if b, err := os.ReadFile("/proc/self/stat"); err == nil {
		// Field 20 (num_threads), counted after the command name's closing parenthesis.
		if i := strings.LastIndexByte(string(b), ')'); i >= 0 {
			f := strings.Fields(string(b)[i+1:])
			if len(f) > 17 {
				s.threads, _ = strconv.ParseInt(f[17], 10, 64)
			}
		}
	}
	return s
}

// peaks is what the sampler keeps: the highest figures, and the goroutine stacks at the sample
// with the most live tasks (runtime/metrics, read without stopping the world).
type peaks struct {
	rss, virtual, threads, stackBytes, tasksAtPeak int64
}

func (r *run) sampleOnce(pk *peaks, stacks []metrics.Sample) {
	s := readProc()
	if s.rss > pk.rss {
		pk.rss = s.rss
	}
	if s.virtual > pk.virtual {
		pk.virtual = s.virtual
	}
	if s.threads > pk.threads {
		pk.threads = s.threads
	}
	if live := atomic.LoadInt64(&r.live); live >= pk.tasksAtPeak {
		metrics.Read(stacks)
		pk.tasksAtPeak = live
		if stacks[0].Value.Kind() == metrics.KindUint64 {
			pk.stackBytes = int64(stacks[0].Value.Uint64())
		}
	}
}

func rusage() syscall.Rusage {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return u
}

func seconds(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }

// nearestRank is the smallest sample with at least q of the samples at or below it (as conviz's
// LatencySummary); `sorted` is in ascending order.
func nearestRank(sorted []int64, q float64) float64 {
	i := int(math.Ceil(q * float64(len(sorted))))
	if i < 1 {
		i = 1
	}
	if i > len(sorted) {
		i = len(sorted)
	}
	return float64(sorted[i-1])
}

func fail(code int, format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "conviz go runner: "+format+"\n", args...)
	os.Exit(code)
}

func readPlan() *Plan {
	var in io.Reader = os.Stdin
	if len(os.Args) > 1 && os.Args[1] != "-" {
		f, err := os.Open(os.Args[1])
		if err != nil {
			fail(2, "%v", err)
		}
		defer f.Close()
		in = f
	}
	var p Plan
	if err := json.NewDecoder(bufio.NewReaderSize(in, 1<<20)).Decode(&p); err != nil {
		fail(2, "the plan is not valid JSON: %v", err)
	}
	if p.Format != "conviz-plan" || p.Version != planVersion {
		fail(2, "not a conviz plan of version %d (format %q, version %d)", planVersion, p.Format, p.Version)
	}
	for _, pool := range p.Pools {
		if pool.Size < 1 {
			fail(2, "pool %q has size %d", pool.Name, pool.Size)
		}
	}
	return &p
}

func main() {
	p := readPlan()
	if p.Model.Gomaxprocs > 0 {
		runtime.GOMAXPROCS(p.Model.Gomaxprocs)
	}
	calibrate()
	r := &run{plan: p, latency: make([]int64, len(p.Requests))}
	for k := range r.latency {
		r.latency[k] = -1
	}
	for _, pool := range p.Pools {
		r.pools = append(r.pools, make(chan struct{}, pool.Size))
	}
	stacks := []metrics.Sample{{Name: "/memory/classes/heap/stacks:bytes"}}
	var pk peaks
	maxWall := time.Duration(p.MaxWallNs)
	if maxWall <= 0 {
		maxWall = time.Minute
	}

	before := rusage()
	r.start = time.Now()
	done := r.issue()
	ticker := time.NewTicker(10 * time.Millisecond)
	stopped := "finished"
	deadline := time.After(maxWall)
wait:
	for {
		select {
		case <-done:
			break wait
		case <-ticker.C:
			r.sampleOnce(&pk, stacks)
		case <-deadline:
			stopped = "wall_limit"
			break wait
		}
	}
	ticker.Stop()
	wall := time.Since(r.start)
	r.sampleOnce(&pk, stacks)
	after := rusage()

	completed := atomic.LoadInt64(&r.completed)
	var lat []int64
	sum := 0.0
	for _, l := range r.latency {
		if l >= 0 { // -1: never completed
			lat = append(lat, l)
			sum += float64(l)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	ms := func(ns float64) float64 { return ns / 1e6 }
	latency := map[string]float64{"mean": 0, "p50": 0, "p90": 0, "p99": 0, "max": 0}
	if len(lat) > 0 {
		latency["mean"] = ms(sum / float64(len(lat)))
		latency["p50"] = ms(nearestRank(lat, 0.50))
		latency["p90"] = ms(nearestRank(lat, 0.90))
		latency["p99"] = ms(nearestRank(lat, 0.99))
		latency["max"] = ms(float64(lat[len(lat)-1]))
	}
	throughput := 0.0
	if le := atomic.LoadInt64(&r.lastEnd); le > 0 {
		throughput = float64(completed) / (float64(le) / 1e9)
	}
	cpu := seconds(after.Utime) - seconds(before.Utime) + seconds(after.Stime) - seconds(before.Stime)
	out := map[string]interface{}{
		"runtime":         runtime.Version(),
		"completed":       completed,
		"refused":         0,
		"unfinished":      atomic.LoadInt64(&r.issued) - completed,
		"stopped":         stopped,
		"throughput_rps":  throughput,
		"latency_ms":      latency,
		"cpu_utilization": cpu / (wall.Seconds() * float64(runtime.NumCPU())),
		"memory": map[string]int64{
			"peak_rss_bytes":        pk.rss,
			"peak_virtual_bytes":    pk.virtual,
			"stack_reserved_bytes":  pk.stackBytes,
			"stack_committed_bytes": pk.stackBytes,
			"tasks_at_peak":         pk.tasksAtPeak,
		},
		"peak_tasks":      atomic.LoadInt64(&r.peakLive),
		"peak_threads":    pk.threads,
		"threads_created": pprof.Lookup("threadcreate").Count(),
		"workers":         runtime.GOMAXPROCS(0),
		"context_switches": map[string]int64{
			"voluntary":   after.Nvcsw - before.Nvcsw,
			"involuntary": after.Nivcsw - before.Nivcsw,
		},
		"wall_seconds": wall.Seconds(),
		"note":         "",
	}
	b, _ := json.Marshal(out)
	os.Stdout.Write(append(b, '\n'))
	if stopped != "finished" {
		os.Exit(1)
	}
}
