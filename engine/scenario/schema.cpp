#include "engine/scenario/schema.h"

#include <array>
#include <cmath>

namespace conviz::scenario::detail {
namespace {

constexpr double kMaxDuration = static_cast<double>(limits::maxDuration.count());
constexpr double kMaxStack = static_cast<double>(limits::maxStackBytes);
constexpr double kMaxThreads = static_cast<double>(limits::maxThreads);

using S = Scenario;
using I64 = std::int64_t;

// Ranges: the loader rejects anything outside them. They come from scenario.h `limits`, plus a
// few of this file's own: a zero cost is always allowed, a zero slice or poll interval never (the
// engine would loop in place), and per-task sizes stop at 1 GiB so that totals fit in 64 bits.
const std::array kNumericKeys{
    NumericKey{"machine", "cores", NumberKind::Count, 1, limits::maxCores, false, "simulated CPU cores",
               +[](S &s) -> int & { return s.machine.cores; }, "CPU cores",
               "Cores of the simulated machine, shared by all of a model's OS threads."},

    NumericKey{"load", "rate", NumberKind::Real, 0, kMaxRate, true, "open: mean arrivals per second (Poisson)",
               +[](S &s) -> double & { return s.load.rate; }, "Arrival rate",
               "Requests arriving per second (Poisson, open load): clients do not wait for "
               "answers, so an overloaded model builds an ever longer queue."},
    NumericKey{"load", "clients", NumberKind::Count, 1, static_cast<double>(limits::maxClients), false,
               "closed: clients; each sends, waits for its response, thinks, sends again",
               +[](S &s) -> I64 & { return s.load.clients; }, "Clients",
               "Concurrent clients (closed load): each sends a request, waits for the "
               "answer, thinks, and sends the next."},
    NumericKey{"load", "think", NumberKind::Duration, 0, kMaxDuration, false,
               "closed: mean think time between a response and the next request",
               +[](S &s) -> Nanos & { return s.load.think.mean; }, "Think time",
               "Mean pause between a client's answer and its next request."},
    NumericKey{"load", "count", NumberKind::Count, 1, static_cast<double>(limits::maxRequests), false,
               "batch: requests released together at t = 0", +[](S &s) -> I64 & { return s.load.count; },
               "Requests at once",
               "Requests released together at t = 0 (batch load): how many tasks each "
               "model must hold at the same time."},
    NumericKey{"load", "requests", NumberKind::Count, 1, static_cast<double>(limits::maxRequests), false,
               "requests to issue (open, closed); batch issues `count`", +[](S &s) -> I64 & { return s.load.requests; },
               "Requests in the run",
               "How many requests the run issues. More gives steadier numbers and a "
               "longer run to play back; fewer recomputes faster."},
    NumericKey{"load", "duration", NumberKind::Duration, 0, kMaxDuration, false,
               "if above 0ns: stop issuing at this time instead of after `requests`",
               +[](S &s) -> Nanos & { return s.load.duration; }, "Load duration"},
    NumericKey{"load", "warmup", NumberKind::Duration, 0, kMaxDuration, false,
               "requests that arrive before this are left out of the metrics",
               +[](S &s) -> Nanos & { return s.load.warmup; }, "Warm-up"},

    NumericKey{"request", "alloc", NumberKind::Size, 0, kMaxStack, false,
               "heap bytes one request allocates; 0B = garbage collection is not modelled",
               +[](S &s) -> I64 & { return s.alloc; }, "Heap allocated per request",
               "Bytes one request allocates on the heap (objects, buffers, strings). They stay live until the "
               "request ends, then are garbage. Above 0 the Go collector and V8's scavenger run and pause the "
               "models; C++ threads have no collector. 0 leaves garbage collection out."},

    NumericKey{"fibers", "gomaxprocs", NumberKind::Count, 0, limits::maxCores, false,
               "logical processors P (GOMAXPROCS); 0 = one per core",
               +[](S &s) -> int & { return s.fibers.gomaxprocs; }, "GOMAXPROCS",
               "Logical processors (P) that run goroutines; 0 means one per core (the "
               "default since Go 1.5)."},
    NumericKey{"fibers", "stack_initial", NumberKind::Size, 1, kMaxStack, false,
               "a goroutine's first stack; it doubles by copying as it grows",
               +[](S &s) -> I64 & { return s.fibers.stackInitial; }, "Initial goroutine stack",
               "A goroutine's first stack: 2 KiB since Go 1.4. It doubles by copying when a "
               "call chain needs more."},
    NumericKey{"fibers", "time_slice", NumberKind::Duration, 0, kMaxDuration, true,
               "a goroutine runs this long before it is preempted (forcePreemptNS)",
               +[](S &s) -> Nanos & { return s.fibers.timeSlice; }, "Time slice",
               "A goroutine that runs this long is preempted (forcePreemptNS, 10 ms)."},
    NumericKey{"fibers", "switch_cost", NumberKind::Duration, 0, kMaxDuration, false, "goroutine switch",
               +[](S &s) -> Nanos & { return s.fibers.switchCost; }, "Goroutine switch",
               "CPU one goroutine switch costs (measured 120–130 ns)."},
    NumericKey{"fibers", "spawn_cost", NumberKind::Duration, 0, kMaxDuration, false, "go f() plus exit",
               +[](S &s) -> Nanos & { return s.fibers.spawnCost; }, "Goroutine spawn",
               "CPU for go f() plus exit (measured 0.4–0.55 µs)."},
    NumericKey{"fibers", "handoff_delay", NumberKind::Duration, 0, kMaxDuration, false,
               "sysmon's shortest sleep; a P in a syscall is handed off on the tick after the one that saw it",
               +[](S &s) -> Nanos & { return s.fibers.handoffDelay; }, "Syscall hand-off delay",
               "sysmon's shortest period (20 µs): a blocking syscall keeps its P for one to two "
               "sysmon ticks before sysmon hands the P to another OS thread."},
    NumericKey{"fibers", "sysmon_max_period", NumberKind::Duration, 0, kMaxDuration, false,
               "sysmon's longest sleep, reached by doubling while it finds nothing to retake",
               +[](S &s) -> Nanos & { return s.fibers.sysmonMaxPeriod; }, "sysmon's longest period",
               "sysmon's period doubles up to this (10 ms) while it retakes nothing."},
    NumericKey{"fibers", "sysmon_idle_ticks", NumberKind::Count, 1, 1'000'000, false,
               "sysmon ticks without a retake before its period starts doubling",
               +[](S &s) -> int & { return s.fibers.sysmonIdleTicks; }, "sysmon idle ticks",
               "After this many ticks without a retake (50) sysmon's period starts doubling."},
    NumericKey{"fibers", "netpoll_interval", NumberKind::Duration, 0, kMaxDuration, true,
               "sysmon polls the network if nobody has for this long",
               +[](S &s) -> Nanos & { return s.fibers.netpollInterval; }, "Netpoll interval"},
    NumericKey{"fibers", "wakeup_latency", NumberKind::Duration, 0, kMaxDuration, false,
               "waking an idle P's thread (futex); 0ns = instantaneous",
               +[](S &s) -> Nanos & { return s.fibers.wakeupLatency; }, "P wake-up latency"},
    NumericKey{"fibers", "local_queue", NumberKind::Count, 1, 4096, false, "per-P run queue slots",
               +[](S &s) -> int & { return s.fibers.localQueue; }, "Local run queue slots"},
    NumericKey{"fibers", "global_check_interval", NumberKind::Count, 1, 1'000'000, false,
               "every Nth schedule checks the global run queue first",
               +[](S &s) -> int & { return s.fibers.globalCheckInterval; }, "Global queue check interval"},
    NumericKey{"fibers", "max_threads", NumberKind::Count, 1, kMaxThreads, false,
               "OS threads (Ms) the runtime may create (debug.SetMaxThreads)",
               +[](S &s) -> I64 & { return s.fibers.maxThreads; }, "Go thread limit"},
    NumericKey{"fibers", "runtime_memory", NumberKind::Size, 0, kMaxBaselineBytes, false,
               "resident runtime and binary baseline", +[](S &s) -> I64 & { return s.fibers.runtimeMemory; },
               "Go runtime memory"},
    NumericKey{"fibers", "task_memory", NumberKind::Size, 0, kMaxStack, false, "per goroutine, beyond its stack",
               +[](S &s) -> I64 & { return s.fibers.taskMemory; }, "Memory per goroutine"},
    NumericKey{"fibers", "connection_memory", NumberKind::Size, 0, kMaxStack, false,
               "per idle keep-alive connection, beyond its goroutine's stack (memory.per = \"connection\")",
               +[](S &s) -> I64 & { return s.fibers.connectionMemory; }, "Memory per Go connection",
               "Resident memory of one idle net/http keep-alive connection beyond its goroutine's 2 KiB "
               "stack: the 4 KiB bufio reader and writer, the socket, the goroutine's grown stack. Used "
               "instead of task_memory for each request when memory.per is \"connection\"."},
    NumericKey{"fibers", "thread_stack_reserved", NumberKind::Size, 0, kMaxStack, false,
               "each M's system stack, reserved (virtual)", +[](S &s) -> I64 & { return s.fibers.threadStackReserved; },
               "M stack reserved"},
    NumericKey{"fibers", "thread_stack_committed", NumberKind::Size, 0, kMaxStack, false,
               "resident part of each M's stack", +[](S &s) -> I64 & { return s.fibers.threadStackCommitted; },
               "M stack committed"},
    NumericKey{"fibers", "stack_copy_bytes_per_ns", NumberKind::Real, 0, 1e6, true,
               "memmove bandwidth when a stack doubles (10 = 10 GB/s)",
               +[](S &s) -> double & { return s.fibers.stackCopyBytesPerNs; }, "Stack copy bandwidth"},
    NumericKey{"fibers", "gogc", NumberKind::Count, 1, 100'000, false,
               "GOGC: a GC cycle starts when the heap has grown by this percent of the live heap",
               +[](S &s) -> int & { return s.fibers.gogc; }, "GOGC",
               "Go's GOGC (default 100): a collection starts when the heap has grown by this percent of "
               "the heap marked live by the last one (at least 4 MiB × GOGC/100 in all). Doubling it "
               "halves the cycles. Used when request.alloc is above 0."},
    NumericKey{"fibers", "gc_live_heap", NumberKind::Size, 0, kMaxBaselineBytes, false,
               "live heap besides the requests' own: the program's long-lived data",
               +[](S &s) -> I64 & { return s.fibers.gcLiveHeap; }, "Go live heap",
               "Heap that stays live besides the requests in flight (caches, maps, the runtime's own): "
               "it sets the next cycle's trigger and the mark work. 139 KiB is an idle net/http server's "
               "(measured)."},
    NumericKey{"fibers", "gc_mark_cost", NumberKind::Real, 0, 1e6, false,
               "mark CPU per byte of live heap, in ns (0.7 = 0.73 ms per MiB)",
               +[](S &s) -> double & { return s.fibers.gcMarkCost; }, "GC mark cost per byte",
               "CPU a GC cycle's mark phase spends per byte of live heap; dedicated mark workers do it "
               "on a quarter of the Ps, which goroutines cannot use meanwhile."},
    NumericKey{"fibers", "gc_stw_pause", NumberKind::Duration, 0, kMaxDuration, false,
               "each of a GC cycle's two stop-the-world pauses, when no P runs goroutines",
               +[](S &s) -> Nanos & { return s.fibers.gcStwPause; }, "GC stop-the-world pause",
               "Each GC cycle stops every P twice (sweep termination and mark termination) for about "
               "this long."},

    NumericKey{"event_loop", "processes", NumberKind::Count, 1, limits::maxProcesses, false,
               "processes (cluster workers, round-robin), one JS thread each",
               +[](S &s) -> int & { return s.eventLoop.processes; }, "Processes (cluster)",
               "Node processes, each with one JavaScript thread; connections are dealt "
               "round-robin (the cluster module)."},
    NumericKey{"event_loop", "threadpool", NumberKind::Count, 1, limits::maxThreadpool, false,
               "libuv pool threads per process (UV_THREADPOOL_SIZE)",
               +[](S &s) -> int & { return s.eventLoop.threadpool; }, "libuv pool size",
               "Threads in each process's libuv pool (UV_THREADPOOL_SIZE, default 4): "
               "blocking file, DNS and crypto work waits for one."},
    NumericKey{"event_loop", "cpu_factor", NumberKind::Real, 0, 1000, true,
               "JS CPU time per unit of a step's CPU; 1.0 = as fast as the others",
               +[](S &s) -> double & { return s.eventLoop.cpuFactor; }, "JS CPU factor",
               "CPU time of JavaScript relative to the others; 1.0 = as fast (true for a trivial "
               "HTTP handler)."},
    NumericKey{"event_loop", "callback_cost", NumberKind::Duration, 0, kMaxDuration, false,
               "loop overhead per callback dispatched", +[](S &s) -> Nanos & { return s.eventLoop.callbackCost; },
               "Callback overhead"},
    NumericKey{"event_loop", "baseline_memory", NumberKind::Size, 0, kMaxBaselineBytes, false,
               "resident memory of an idle process", +[](S &s) -> I64 & { return s.eventLoop.baselineMemory; },
               "Node process memory"},
    NumericKey{"event_loop", "task_memory", NumberKind::Size, 0, kMaxStack, false, "per pending request on the V8 heap",
               +[](S &s) -> I64 & { return s.eventLoop.taskMemory; }, "Heap per pending request",
               "V8 heap per pending request (promises, closures): about 0.5 KiB."},
    NumericKey{"event_loop", "connection_memory", NumberKind::Size, 0, kMaxStack, false,
               "per idle keep-alive connection: socket, HTTP parser, buffers (memory.per = \"connection\")",
               +[](S &s) -> I64 & { return s.eventLoop.connectionMemory; }, "Memory per Node connection",
               "Resident memory of one idle http keep-alive connection: its net.Socket, HTTP parser and "
               "libuv handle. Used instead of task_memory for each request when memory.per is "
               "\"connection\"."},
    NumericKey{"event_loop", "thread_stack_reserved", NumberKind::Size, 0, kMaxStack, false,
               "loop and pool threads' stack, reserved (virtual)",
               +[](S &s) -> I64 & { return s.eventLoop.threadStackReserved; }, "Node thread stack reserved"},
    NumericKey{"event_loop", "thread_stack_committed", NumberKind::Size, 0, kMaxStack, false,
               "resident part of each of those stacks", +[](S &s) -> I64 & { return s.eventLoop.threadStackCommitted; },
               "Node thread stack committed"},
    NumericKey{"event_loop", "gc_young_space", NumberKind::Size, 1, kMaxStack, false,
               "V8's semi-space: a scavenge runs each time this much is allocated (less what survived)",
               +[](S &s) -> I64 & { return s.eventLoop.gcYoungSpace; }, "V8 young generation",
               "V8 allocates new objects in a semi-space; when it is full the JavaScript thread stops for "
               "a scavenge. Node 20 grows it to 16 MiB under load. Used when request.alloc is above 0."},
    NumericKey{"event_loop", "gc_scavenge_pause", NumberKind::Duration, 0, kMaxDuration, false,
               "fixed part of each scavenge's pause of the loop thread",
               +[](S &s) -> Nanos & { return s.eventLoop.gcScavengePause; }, "Scavenge pause (fixed)",
               "Each scavenge stops the event loop for this long plus gc_scavenge_cost per surviving byte: "
               "the callbacks that wait meanwhile see it as event-loop lag."},
    NumericKey{"event_loop", "gc_scavenge_cost", NumberKind::Real, 0, 1e6, false,
               "scavenge pause per surviving byte, in ns (the in-flight requests' objects survive)",
               +[](S &s) -> double & { return s.eventLoop.gcScavengeCost; }, "Scavenge cost per byte",
               "A scavenge copies what is still live (the objects of requests in flight); its pause grows "
               "by this many ns per surviving byte."},

    NumericKey{"threads", "pool_size", NumberKind::Count, 1, kMaxThreads, false,
               "pool mode: worker threads, created at start", +[](S &s) -> I64 & { return s.threads.poolSize; },
               "Thread pool size", "Worker threads created at start; requests queue for a free one."},
    NumericKey{"threads", "max_threads", NumberKind::Count, 1, kMaxThreads, false,
               "threads the process may have; more are refused", +[](S &s) -> I64 & { return s.threads.maxThreads; },
               "Thread limit",
               "Threads the process may have; a request that needs one more is refused "
               "(vm.max_map_count allows about 32k)."},
    NumericKey{"threads", "stack_reserved", NumberKind::Size, 0, kMaxStack, false,
               "each thread's stack, reserved (virtual): 8MiB on Linux, 1MiB JVM/Windows",
               +[](S &s) -> I64 & { return s.threads.stackReserved; }, "Stack reserved",
               "Virtual address space each thread's stack reserves: 8 MiB on Linux, 1 MiB "
               "for the JVM and Windows. Not resident until touched."},
    NumericKey{"threads", "stack_touched", NumberKind::Size, 0, kMaxStack, false,
               "resident part of an idle thread's stack", +[](S &s) -> I64 & { return s.threads.stackTouched; },
               "Stack committed (idle)", "Resident part of an idle thread's stack: about 8 KiB measured."},
    NumericKey{"threads", "task_memory", NumberKind::Size, 0, kMaxStack, false,
               "per thread beyond its stack (kernel structures)", +[](S &s) -> I64 & { return s.threads.taskMemory; },
               "Kernel memory per thread"},
    NumericKey{"threads", "connection_memory", NumberKind::Size, 0, kMaxStack, false,
               "per idle keep-alive connection, beyond its thread's stack (memory.per = \"connection\")",
               +[](S &s) -> I64 & { return s.threads.connectionMemory; }, "Memory per thread connection",
               "Resident memory of one idle keep-alive connection in a thread-per-connection server "
               "beyond the thread's idle stack: its 4 KiB input and output buffers, the thread's "
               "deeper stack and its malloc arena's share. Held by each request when memory.per is "
               "\"connection\"."},
    NumericKey{"threads", "baseline_memory", NumberKind::Size, 0, kMaxBaselineBytes, false, "process baseline",
               +[](S &s) -> I64 & { return s.threads.baselineMemory; }, "Process memory"},
    NumericKey{"threads", "switch_cost", NumberKind::Duration, 0, kMaxDuration, false,
               "kernel context switch (also for Go's Ms and Node's threads)",
               +[](S &s) -> Nanos & { return s.threads.switchCost; }, "Context switch",
               "CPU a kernel context switch costs (1–4 µs direct); also paid by Go's and "
               "Node's OS threads."},
    NumericKey{"threads", "spawn_cost", NumberKind::Duration, 0, kMaxDuration, false,
               "pthread_create, on the creating thread (the accept loop, or a fan-out's parent)",
               +[](S &s) -> Nanos & { return s.threads.spawnCost; }, "Thread creation",
               "CPU the creating thread spends in pthread_create (22 µs measured); a thread per "
               "request is created by one accept loop, one after another."},
    NumericKey{"threads", "time_slice", NumberKind::Duration, 0, kMaxDuration, false,
               "kernel time slice; 0ns = the EEVDF default for the core count",
               +[](S &s) -> Nanos & { return s.threads.timeSlice; }, "Kernel time slice",
               "How long the kernel lets a thread run before another gets the core; 0 = "
               "the EEVDF default for the core count."},

    NumericKey{"live", "fiber_stack", NumberKind::Size, 16.0 * static_cast<double>(KiB), kMaxStack, false,
               "live mode: stack each fiber reserves (plus a guard page); only touched pages are committed",
               +[](S &s) -> I64 & { return s.live.fiberStack; }, "Live fiber stack"},
    NumericKey{"live", "preempt", NumberKind::Count, 0, 1, false,
               "live mode: 1 = a fiber's cpu step yields every fibers.time_slice (as Go preempts); 0 = never",
               +[](S &s) -> I64 & { return s.live.preempt; }, "Live fiber preemption"},
    NumericKey{"live", "requests", NumberKind::Count, 0, static_cast<double>(limits::maxRequests), false,
               "live mode: issue at most this many requests; 0 = the load's own count",
               +[](S &s) -> I64 & { return s.live.requests; }, "Live request cap"},
    NumericKey{"live", "max_threads", NumberKind::Count, 1, kMaxThreads, false,
               "live mode: OS threads a run may create; a run that needs more is refused",
               +[](S &s) -> I64 & { return s.live.maxThreads; }, "Live thread cap"},
    NumericKey{"live", "max_fibers", NumberKind::Count, 1, static_cast<double>(limits::maxTotalTasks), false,
               "live mode: fibers alive at once; a run that needs more is refused",
               +[](S &s) -> I64 & { return s.live.maxFibers; }, "Live fiber cap"},
    NumericKey{"live", "max_wall", NumberKind::Duration, 0, kMaxDuration, true,
               "live mode: a run still going after this is stopped and reported as such",
               +[](S &s) -> Nanos & { return s.live.maxWall; }, "Live wall-time cap"},
    NumericKey{"live", "max_memory", NumberKind::Size, 0, kMaxBaselineBytes, false,
               "live mode: committed memory a run's estimate may reach; 0B = a quarter of MemAvailable",
               +[](S &s) -> I64 & { return s.live.maxMemory; }, "Live memory cap"},
    NumericKey{"live", "trace_events", NumberKind::Count, 0, static_cast<double>(limits::maxTotalTasks), false,
               "live mode: spans and task events the run's trace keeps; 0 = no trace",
               +[](S &s) -> I64 & { return s.live.traceEvents; }, "Live trace events"},

    NumericKey{"narration", "saturation_ratio", NumberKind::Real, 1, 1000, true,
               "arrivals at least this many times the departures in a window count as falling behind",
               +[](S &s) -> double & { return s.narration.saturationRatio; }, "Saturation ratio",
               "The story tells a model is overloaded when, window after window, this many times more "
               "requests arrive than leave (1.2: about 1.4 standard deviations above an even match)."},
    NumericKey{"narration", "onset_windows", NumberKind::Count, 1, 1000, false,
               "windows in a row that must fall behind before the overload is told",
               +[](S &s) -> int & { return s.narration.onsetWindows; }, "Overload onset windows"},
    NumericKey{"narration", "arrivals_per_window", NumberKind::Real, 1, 1e6, false,
               "expected arrivals in one window of the overload watch",
               +[](S &s) -> double & { return s.narration.arrivalsPerWindow; }, "Arrivals per window"},
    NumericKey{"narration", "min_window", NumberKind::Duration, 0, kMaxDuration, true,
               "the shortest window of the overload watch", +[](S &s) -> Nanos & { return s.narration.minWindow; },
               "Shortest window"},
    NumericKey{"narration", "min_backlog", NumberKind::Count, 0, static_cast<double>(limits::maxTotalTasks), false,
               "a backlog smaller than this is a busy server's ordinary queue, not a pile-up",
               +[](S &s) -> I64 & { return s.narration.minBacklog; }, "Least backlog told"},
    NumericKey{"narration", "loop_lag_alert", NumberKind::Duration, 0, kMaxDuration, true,
               "event-loop lag above which the loop is told to lag (50 ms: W3C Long Tasks)",
               +[](S &s) -> Nanos & { return s.narration.loopLagAlert; }, "Loop lag alert",
               "How long a ready callback may wait before the story says the event loop lags: 50 ms is "
               "the W3C Long Tasks threshold and the RAIL budget for handling an input."},
    NumericKey{"narration", "retell_after", NumberKind::Duration, 0, kMaxDuration, false,
               "a pool that runs out again within this long is the same episode, told once",
               +[](S &s) -> Nanos & { return s.narration.retellAfter; }, "Retell after"},

    NumericKey{"cost", "offered_rate", NumberKind::Real, 0, kMaxRate, false,
               "req/s the whole service must carry; 0 = load.rate",
               +[](S &s) -> double & { return s.cost.offeredRate; }, "Offered rate"},
    NumericKey{"cost", "target_utilization", NumberKind::Real, 0, 1, true,
               "plan containers to keep their CPUs at most this busy",
               +[](S &s) -> double & { return s.cost.targetUtilization; }, "Target CPU utilisation"},
    NumericKey{"cost", "lambda_gb_second", NumberKind::Real, 0, 1, false, "USD per GB-second of Lambda duration",
               +[](S &s) -> double & { return s.cost.lambdaGbSecond; }, "Lambda price per GB-second"},
    NumericKey{"cost", "lambda_per_million", NumberKind::Real, 0, 1e6, false, "USD per million Lambda requests",
               +[](S &s) -> double & { return s.cost.lambdaPerMillion; }, "Lambda price per million requests"},
    NumericKey{"cost", "lambda_memory", NumberKind::Size, 0, 16.0 * static_cast<double>(GiB), false,
               "Lambda memory setting; 0B = the least that fits, at least 128 MiB",
               +[](S &s) -> I64 & { return s.cost.lambdaMemory; }, "Lambda memory"},
    NumericKey{"cost", "lambda_mb_per_vcpu", NumberKind::Real, 0, 1e6, true,
               "Lambda memory (MB) that buys one full vCPU; less memory, less CPU",
               +[](S &s) -> double & { return s.cost.lambdaMbPerVcpu; }, "Lambda MB per vCPU"},
    NumericKey{"cost", "container_vcpu", NumberKind::Real, 0, 1024, true, "vCPUs per container",
               +[](S &s) -> double & { return s.cost.containerVcpu; }, "Container vCPUs"},
    NumericKey{"cost", "container_memory", NumberKind::Size, 1, kMaxBaselineBytes, false, "memory per container",
               +[](S &s) -> I64 & { return s.cost.containerMemory; }, "Container memory"},
    NumericKey{"cost", "vcpu_hour", NumberKind::Real, 0, 1e6, false, "USD per vCPU-hour of a container",
               +[](S &s) -> double & { return s.cost.vcpuHour; }, "Price per vCPU-hour"},
    NumericKey{"cost", "gb_hour", NumberKind::Real, 0, 1e6, false, "USD per GB-hour of a container",
               +[](S &s) -> double & { return s.cost.gbHour; }, "Price per GB-hour"},
    NumericKey{"cost", "host_cores", NumberKind::Count, 1, limits::maxCores, false,
               "cores of the host the density figure packs instances onto",
               +[](S &s) -> int & { return s.cost.hostCores; }, "Host cores"},
    NumericKey{"cost", "host_memory", NumberKind::Size, 1, kMaxBaselineBytes, false, "memory of that host",
               +[](S &s) -> I64 & { return s.cost.hostMemory; }, "Host memory"},
};

constexpr std::array<std::string_view, 15> kTopKeys{"name",    "description", "seed",   "machine",    "load",
                                                    "request", "pools",       "fibers", "event_loop", "threads",
                                                    "memory",  "sweep",       "cost",   "live",       "narration"};
constexpr std::array<std::string_view, 1> kMemoryKeys{"per"};
constexpr std::array<std::string_view, 7> kNarrationKeys{"saturation_ratio", "onset_windows", "arrivals_per_window",
                                                         "min_window",       "min_backlog",   "loop_lag_alert",
                                                         "retell_after"};
constexpr std::array<std::string_view, 8> kLiveKeys{"fiber_stack", "preempt",  "requests",   "max_threads",
                                                    "max_fibers",  "max_wall", "max_memory", "trace_events"};
constexpr std::array<std::string_view, 13> kCostKeys{
    "offered_rate",       "target_utilization", "lambda_gb_second", "lambda_per_million", "lambda_memory",
    "lambda_mb_per_vcpu", "container_vcpu",     "container_memory", "vcpu_hour",          "gb_hour",
    "host_cores",         "host_memory",        "prices_date"};
constexpr std::array<std::string_view, 1> kMachineKeys{"cores"};
constexpr std::array<std::string_view, 10> kLoadKeys{"kind",      "rate",  "clients",  "think",    "think_dist",
                                                     "think_p99", "count", "requests", "duration", "warmup"};
constexpr std::array<std::string_view, 2> kRequestKeys{"steps", "alloc"};
constexpr std::array<std::string_view, 23> kFiberKeys{"gomaxprocs",
                                                      "stack_initial",
                                                      "time_slice",
                                                      "switch_cost",
                                                      "spawn_cost",
                                                      "handoff_delay",
                                                      "sysmon_max_period",
                                                      "sysmon_idle_ticks",
                                                      "netpoll_interval",
                                                      "wakeup_latency",
                                                      "local_queue",
                                                      "global_check_interval",
                                                      "max_threads",
                                                      "runtime_memory",
                                                      "task_memory",
                                                      "connection_memory",
                                                      "thread_stack_reserved",
                                                      "thread_stack_committed",
                                                      "stack_copy_bytes_per_ns",
                                                      "gogc",
                                                      "gc_live_heap",
                                                      "gc_mark_cost",
                                                      "gc_stw_pause"};
constexpr std::array<std::string_view, 12> kEventLoopKeys{"processes",
                                                          "threadpool",
                                                          "cpu_factor",
                                                          "callback_cost",
                                                          "baseline_memory",
                                                          "task_memory",
                                                          "connection_memory",
                                                          "thread_stack_reserved",
                                                          "thread_stack_committed",
                                                          "gc_young_space",
                                                          "gc_scavenge_pause",
                                                          "gc_scavenge_cost"};
constexpr std::array<std::string_view, 11> kThreadKeys{
    "mode",          "pool_size",   "max_threads",       "stack_reserved",
    "stack_touched", "task_memory", "connection_memory", "baseline_memory",
    "switch_cost",   "spawn_cost",  "time_slice"};
constexpr std::array<std::string_view, 5> kSweepKeys{"param", "from", "to", "steps", "log"};
constexpr std::array<std::string_view, 10> kStepKeys{"cpu",  "io",  "blocking", "fanout",  "stack",
                                                     "dist", "p99", "pool",     "offload", "steps"};

} // namespace

std::span<const NumericKey> numericKeys() { return kNumericKeys; }

const NumericKey *findNumericKey(std::string_view table, std::string_view key)
{
    for (const NumericKey &k : kNumericKeys)
        if (k.table == table && k.key == key)
            return &k;
    return nullptr;
}

std::span<const std::string_view> keysOf(std::string_view table)
{
    if (table.empty())
        return kTopKeys;
    if (table == "machine")
        return kMachineKeys;
    if (table == "load")
        return kLoadKeys;
    if (table == "request")
        return kRequestKeys;
    if (table == "fibers")
        return kFiberKeys;
    if (table == "event_loop")
        return kEventLoopKeys;
    if (table == "threads")
        return kThreadKeys;
    if (table == "memory")
        return kMemoryKeys;
    if (table == "sweep")
        return kSweepKeys;
    if (table == "step")
        return kStepKeys;
    if (table == "cost")
        return kCostKeys;
    if (table == "live")
        return kLiveKeys;
    if (table == "narration")
        return kNarrationKeys;
    return {};
}

double numericValue(const NumericKey &key, Scenario &scenario)
{
    struct Visitor {
        Scenario &s;
        double operator()(int &(*f)(Scenario &)) const { return f(s); }
        double operator()(std::int64_t &(*f)(Scenario &)) const { return static_cast<double>(f(s)); }
        double operator()(double &(*f)(Scenario &)) const { return f(s); }
        double operator()(Nanos &(*f)(Scenario &)) const { return static_cast<double>(f(s).count()); }
    };
    return std::visit(Visitor{scenario}, key.field);
}

void setNumericValue(const NumericKey &key, Scenario &scenario, double value)
{
    struct Visitor {
        Scenario &s;
        double v;
        void operator()(int &(*f)(Scenario &)) const { f(s) = static_cast<int>(std::llround(v)); }
        void operator()(std::int64_t &(*f)(Scenario &)) const { f(s) = std::llround(v); }
        void operator()(double &(*f)(Scenario &)) const { f(s) = v; }
        void operator()(Nanos &(*f)(Scenario &)) const { f(s) = Nanos{std::llround(v)}; }
    };
    std::visit(Visitor{scenario, value}, key.field);
}

} // namespace conviz::scenario::detail
