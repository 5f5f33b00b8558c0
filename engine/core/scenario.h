// A scenario as a plain value: the workload, the machine and every model parameter, all units
// resolved. engine/scenario/ reads and writes it as TOML; the engine only ever sees this struct.
// Defaults are the sourced numbers of docs/models.md (and ../shared/FACTS.md).
#pragma once

#include "engine/core/random.h"
#include "engine/core/sim_time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conviz {

inline constexpr std::int64_t KiB = 1024;
inline constexpr std::int64_t MiB = 1024 * KiB;
inline constexpr std::int64_t GiB = 1024 * MiB;

enum class StepKind : std::uint8_t {
    Cpu,      // a CPU burst (× the model's CPU factor)
    Io,       // a non-blocking network wait, optionally holding a connection of a pool
    Blocking, // a blocking syscall or file read: libuv pool / M hand-off / a blocked thread
    Fanout,   // N children with their own steps, joined
    Stack,    // the stack depth this task reaches
};

struct Step {
    StepKind kind = StepKind::Cpu;
    DurationDist duration;      // cpu, io, blocking
    int pool = -1;              // io: index into Scenario::pools, or -1
    bool offload = false;       // cpu: Node runs it on the libuv pool (crypto, zlib); Go and threads run it inline
    std::int64_t count = 0;     // fanout: number of children
    std::vector<Step> children; // fanout: each child's steps
    std::int64_t bytes = 0;     // stack: depth reached

    friend bool operator==(const Step &, const Step &) = default;
};

enum class LoadKind : std::uint8_t { Open, Closed, Batch };

struct Load {
    LoadKind kind = LoadKind::Open;
    double rate = 100.0;           // open: Poisson arrivals per second
    std::int64_t clients = 100;    // closed: concurrent clients
    DurationDist think{};          // closed: think time between a response and the next request
    std::int64_t count = 1000;     // batch: requests released at t = 0
    std::int64_t requests = 20000; // requests to issue (open, closed); batch issues `count`
    Nanos duration{};              // if > 0: stop issuing at this time instead of after `requests`
    Nanos warmup{};                // requests that arrive before this are excluded from the metrics

    friend bool operator==(const Load &, const Load &) = default;
};

struct Pool {
    std::string name;
    std::int64_t size = 1;
    friend bool operator==(const Pool &, const Pool &) = default;
};

struct Machine {
    int cores = 4;
    friend bool operator==(const Machine &, const Machine &) = default;
};

// Go's M:N scheduler (golang/go src/runtime/proc.go, stack.go).
struct FiberParams {
    int gomaxprocs = 0;                      // 0: the number of cores (Go 1.5+ default)
    std::int64_t stackInitial = 2 * KiB;     // stack.go _StackMin, Go 1.4+
    Nanos timeSlice{10'000'000};             // proc.go forcePreemptNS
    Nanos switchCost{150};                   // goroutine switch, measured 120–130 ns (FACTS)
    Nanos spawnCost{500};                    // go f() + exit, measured 0.4–0.55 µs (FACTS)
    Nanos handoffDelay{20'000};              // sysmon's shortest sleep (proc.go sysmon: delay = 20 µs)
    Nanos netpollInterval{10'000'000};       // sysmon polls the network if nobody has for 10 ms
    Nanos wakeupLatency{0};                  // waking an idle P's M (futex); 0 = instantaneous
    int localQueue = 256;                    // per-P run queue slots
    int globalCheckInterval = 61;            // schedtick % 61 == 0 checks the global queue first
    std::int64_t maxThreads = 10000;         // runtime/debug.SetMaxThreads default
    std::int64_t runtimeMemory = 4692 * KiB; // idle net/http server after one request: 4.6 MiB RSS (measured)
    std::int64_t taskMemory = 680;           // per goroutine beyond its stack: 2.66 KiB parked RSS − 2 KiB (measured)
    std::int64_t threadStackReserved = 8 * MiB;  // each M's system stack (pthread default)
    std::int64_t threadStackCommitted = 8 * KiB; // resident part of an M's stack
    double stackCopyBytesPerNs = 10.0;           // memmove bandwidth when a stack doubles (≈ 10 GB/s)
    std::int64_t connectionMemory = 13'595;      // idle net/http connection: 15,643 B RSS − 2 KiB stack (measured)
    Nanos sysmonMaxPeriod{10'000'000};           // sysmon's longest sleep (proc.go: delay capped at 10 ms)
    int sysmonIdleTicks = 50;                    // idle sysmon ticks before its sleep doubles (proc.go: idle > 50)
    // The garbage collector (engine/gc.h; docs/models.md "Garbage collection"), used when request.alloc > 0.
    int gogc = 100;                    // GOGC default (mgcpacer.go defaultGOGC)
    std::int64_t gcLiveHeap = 142'368; // live heap besides the requests': idle net/http server, 139 KiB (measured)
    double gcMarkCost = 0.7;           // mark CPU per byte of live heap, ns: 0.66–0.80 measured
    Nanos gcStwPause{10'000};          // each of a cycle's two stop-the-world pauses: 9–10 µs measured
    friend bool operator==(const FiberParams &, const FiberParams &) = default;
};

// Node.js with libuv (libuv docs design.rst, threadpool.rst; nodejs.org event-loop guide).
struct EventLoopParams {
    int processes = 1;                          // cluster workers, round-robin
    int threadpool = 4;                         // UV_THREADPOOL_SIZE default
    double cpuFactor = 1.0;                     // JS CPU time per unit of a step's CPU (≈ Go for trivial HTTP, FACTS)
    Nanos callbackCost{0};                      // loop overhead per callback dispatched
    std::int64_t baselineMemory = 45364 * KiB;  // idle http server after one request: 44.3 MiB RSS (measured)
    std::int64_t taskMemory = 860;              // RSS per pending async function, measured 0.84 KiB (at 100,000)
    std::int64_t threadStackReserved = 8 * MiB; // loop and pool threads: pthread default stack
    std::int64_t threadStackCommitted = 8 * KiB; // resident part of each thread's stack
    std::int64_t connectionMemory = 8'780;       // idle http connection: 8,780 B RSS, socket + parser (measured)
    // V8's young-generation scavenger (engine/gc.h; docs/models.md "Garbage collection"), used when request.alloc > 0.
    std::int64_t gcYoungSpace = 16 * MiB; // semi-space: V8's 16 MiB maximum, reached with survivors (measured)
    Nanos gcScavengePause{130'000};       // fixed part of a scavenge's pause of the loop thread (measured fit)
    double gcScavengeCost = 1.3;          // pause per surviving byte, ns (measured fit)
    friend bool operator==(const EventLoopParams &, const EventLoopParams &) = default;
};

enum class ThreadMode : std::uint8_t { PerRequest, Pool };

// OS threads under the Linux scheduler. time_slice and switch_cost describe the kernel, so they
// also apply to the OS threads that run Go's Ms and Node's loop and pool threads.
struct ThreadParams {
    ThreadMode mode = ThreadMode::PerRequest;
    std::int64_t poolSize = 200;          // pool mode: worker threads, created at start
    std::int64_t maxThreads = 32000;      // vm.max_map_count 65530 / 2 mappings per thread
    std::int64_t stackReserved = 8 * MiB; // RLIMIT_STACK soft limit, Linux default
    std::int64_t stackTouched = 8 * KiB;  // resident per idle thread: 8.3 KiB measured (docs/measurements)
    std::int64_t taskMemory = 0; // per thread beyond its stack: counted in stack_touched (8.3 KiB RSS measured)
    std::int64_t baselineMemory = 2904 * KiB; // idle C++ thread-per-connection server after one request: 2.8 MiB RSS
    Nanos switchCost{2000};                   // direct context switch, 1–4 µs (FACTS)
    Nanos spawnCost{22000}; // pthread_create of an 8 MiB-stack thread, on the creator: 22 µs measured (models.md)
    Nanos timeSlice{0};     // 0: the EEVDF default, 0.75 ms × (1 + log2(min(cores, 8)))
    std::int64_t connectionMemory = 8'882; // idle connection: 17,413 B RSS − an idle thread's 8,531 B (measured)
    friend bool operator==(const ThreadParams &, const ThreadParams &) = default;
};

// What a request's root task holds besides its stack: the bare task's memory (`*.task_memory`, a
// parked goroutine, a pending promise, an idle thread) or a whole server connection's
// (`*.connection_memory`: its socket, buffers and parser as well). Fan-out children are always bare tasks.
enum class MemoryUnit : std::uint8_t { Task, Connection };

struct MemoryParams {
    MemoryUnit per = MemoryUnit::Task; // "task" keeps the figures of scenarios written before it existed
    friend bool operator==(const MemoryParams &, const MemoryParams &) = default;
};

// The most telling sweep of a preset: `conviz-cli sweep FILE` with no --param runs it.
struct SweepSpec {
    std::string param; // dotted key, e.g. "load.rate"; empty: none
    double from = 0;
    double to = 0;
    int steps = 10;
    bool log = false;
    friend bool operator==(const SweepSpec &, const SweepSpec &) = default;
};

// What running the service costs (the cost model, engine/cost.h). Prices are public list prices,
// AWS us-east-1, x86, on demand, as of `pricesDate`.
struct CostParams {
    double offeredRate = 0;                 // req/s the whole service must carry; 0 = load.rate
    double targetUtilization = 0.7;         // plan containers to run their CPUs this busy at most
    double lambdaGbSecond = 0.0000166667;   // USD per GB-second of Lambda duration
    double lambdaPerMillion = 0.20;         // USD per million Lambda requests
    std::int64_t lambdaMemory = 0;          // Lambda memory setting; 0 = the least that fits (≥ 128 MiB)
    double lambdaMbPerVcpu = 1769;          // Lambda gives one full vCPU at 1,769 MB, proportionally less below
    double containerVcpu = 1.0;             // vCPUs per container
    std::int64_t containerMemory = 2 * GiB; // memory per container
    double vcpuHour = 0.04048;              // USD per vCPU-hour (Fargate, Linux/x86)
    double gbHour = 0.004445;               // USD per GB-hour (Fargate)
    int hostCores = 16;                     // a host for the density figure
    std::int64_t hostMemory = 64 * GiB;
    std::string pricesDate = "2026-03"; // when the prices above were read
    friend bool operator==(const CostParams &, const CostParams &) = default;
};

// Live mode (engine/live): how the same requests run for real on this machine, and the caps that
// keep such a run safe and short. The simulation ignores these. Sources: docs/models.md, "Live mode".
struct LiveParams {
    std::int64_t fiberStack = 64 * KiB;  // reserved per fiber (mmap + a guard page); issue 11's default
    std::int64_t preempt = 1;            // 1: a cpu step yields every fibers.time_slice (Go 1.14+); 0: never
    std::int64_t requests = 0;           // issue at most this many requests; 0 = the load's own count
    std::int64_t maxThreads = 2000;      // OS threads a live run may create; issue 11's cap
    std::int64_t maxFibers = 100'000;    // fibers alive at once; issue 11's cap
    Nanos maxWall{60LL * 1'000'000'000}; // a live run is stopped after this; issue 11's cap
    std::int64_t maxMemory = 0;          // committed-memory estimate cap; 0 = a quarter of MemAvailable
    std::int64_t traceEvents = 200'000;  // spans + task events a live run's trace keeps (docs/models.md)
    friend bool operator==(const LiveParams &, const LiveParams &) = default;
};

// The thresholds of the run's story (`[narration]`). They decide what is told, never what happens.
// Sources: docs/models.md, "Narration".
struct NarrationRules {
    // A window holds this many expected arrivals: with Poisson arrivals, a window's count varies
    // by 1/√50 ≈ 14 %, so `saturationRatio` is about 1.4 standard deviations above an even match.
    double arrivalsPerWindow = 50;
    // The shortest window: below 1 ms a window holds only a few requests' worth of service.
    Nanos minWindow{1'000'000};
    // Arrivals at least this many times the departures in a window count as falling behind.
    double saturationRatio = 1.2;
    // Windows in a row that must fall behind, with the backlog growing, before the onset is told:
    // one noisy window (p ≈ 0.08) becomes three (≈ 0.0005); a model that keeps up is not accused.
    int onsetWindows = 3;
    // A backlog smaller than this is the ordinary queue of a busy server, not a pile-up.
    std::int64_t minBacklog = 16;
    // Event-loop lag (a ready callback's wait) above which the loop is told to lag: 50 ms is the
    // W3C Long Tasks API's threshold and the RAIL model's budget for handling an input event.
    Nanos loopLagAlert{50'000'000};
    // A pool that runs out again within this long of its last wait is the same episode, told once:
    // near its limit a pool's queue empties and refills within milliseconds (the default preset at
    // 5,000 req/s told "all 30 connections of pool 'db' are in use" at least 24 times in 0.63 s).
    Nanos retellAfter{1'000'000'000};
    friend bool operator==(const NarrationRules &, const NarrationRules &) = default;
};

struct Scenario {
    std::string name = "Untitled";
    std::string description;
    std::uint64_t seed = 42;
    Machine machine;
    Load load;
    std::vector<Step> steps;
    std::int64_t alloc = 0; // [request] alloc: heap bytes one request allocates; 0 = no garbage collection modelled
    std::vector<Pool> pools;
    FiberParams fibers;
    EventLoopParams eventLoop;
    ThreadParams threads;
    MemoryParams memory;
    SweepSpec sweep;
    CostParams cost;
    LiveParams live;
    NarrationRules narration;

    friend bool operator==(const Scenario &, const Scenario &) = default;

    // Effective values of parameters whose default depends on the machine.
    int effectiveGomaxprocs() const { return fibers.gomaxprocs > 0 ? fibers.gomaxprocs : machine.cores; }
    Nanos effectiveKernelSlice() const;
};

// Limits that keep a scenario from exhausting memory or running for hours. The scenario loader
// rejects anything beyond them with a message; the engine asserts them.
namespace limits {
inline constexpr int maxCores = 1024;
inline constexpr std::int64_t maxRequests = 5'000'000;
inline constexpr std::int64_t maxTasksPerRequest = 100'000;
inline constexpr std::int64_t maxTotalTasks = 50'000'000;
inline constexpr std::int64_t maxClients = 1'000'000;
inline constexpr std::int64_t maxPoolSize = 1'000'000;
inline constexpr std::int64_t maxThreads = 4'000'000;
inline constexpr int maxProcesses = 1024;
inline constexpr int maxThreadpool = 1024; // libuv's own cap
inline constexpr int maxNesting = 8;
inline constexpr std::int64_t maxStackBytes = GiB;          // Go's maximum goroutine stack
inline constexpr Nanos maxDuration{3600LL * 1'000'000'000}; // any single duration or run length: 1 h
} // namespace limits

// Tasks one request creates: 1 for the root plus every fan-out child, recursively.
std::int64_t tasksPerRequest(const std::vector<Step> &steps);

} // namespace conviz
