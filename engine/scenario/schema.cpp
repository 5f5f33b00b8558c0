#include "engine/scenario/schema.h"

#include <array>

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
               +[](S &s) -> int & { return s.machine.cores; }},

    NumericKey{"load", "rate", NumberKind::Real, 0, kMaxRate, true, "open: mean arrivals per second (Poisson)",
               +[](S &s) -> double & { return s.load.rate; }},
    NumericKey{"load", "clients", NumberKind::Count, 1, static_cast<double>(limits::maxClients), false,
               "closed: clients; each sends, waits for its response, thinks, sends again",
               +[](S &s) -> I64 & { return s.load.clients; }},
    NumericKey{"load", "think", NumberKind::Duration, 0, kMaxDuration, false,
               "closed: mean think time between a response and the next request",
               +[](S &s) -> Nanos & { return s.load.think.mean; }},
    NumericKey{"load", "count", NumberKind::Count, 1, static_cast<double>(limits::maxRequests), false,
               "batch: requests released together at t = 0", +[](S &s) -> I64 & { return s.load.count; }},
    NumericKey{"load", "requests", NumberKind::Count, 1, static_cast<double>(limits::maxRequests), false,
               "requests to issue (open, closed); batch issues `count`",
               +[](S &s) -> I64 & { return s.load.requests; }},
    NumericKey{"load", "duration", NumberKind::Duration, 0, kMaxDuration, false,
               "if above 0ns: stop issuing at this time instead of after `requests`",
               +[](S &s) -> Nanos & { return s.load.duration; }},
    NumericKey{"load", "warmup", NumberKind::Duration, 0, kMaxDuration, false,
               "requests that arrive before this are left out of the metrics",
               +[](S &s) -> Nanos & { return s.load.warmup; }},

    NumericKey{"fibers", "gomaxprocs", NumberKind::Count, 0, limits::maxCores, false,
               "logical processors P (GOMAXPROCS); 0 = one per core", +[](S &s) -> int & { return s.fibers.gomaxprocs; }},
    NumericKey{"fibers", "stack_initial", NumberKind::Size, 1, kMaxStack, false,
               "a goroutine's first stack; it doubles by copying as it grows",
               +[](S &s) -> I64 & { return s.fibers.stackInitial; }},
    NumericKey{"fibers", "time_slice", NumberKind::Duration, 0, kMaxDuration, true,
               "a goroutine runs this long before it is preempted (forcePreemptNS)",
               +[](S &s) -> Nanos & { return s.fibers.timeSlice; }},
    NumericKey{"fibers", "switch_cost", NumberKind::Duration, 0, kMaxDuration, false, "goroutine switch",
               +[](S &s) -> Nanos & { return s.fibers.switchCost; }},
    NumericKey{"fibers", "spawn_cost", NumberKind::Duration, 0, kMaxDuration, false, "go f() plus exit",
               +[](S &s) -> Nanos & { return s.fibers.spawnCost; }},
    NumericKey{"fibers", "handoff_delay", NumberKind::Duration, 0, kMaxDuration, false,
               "a blocking syscall keeps its P this long before sysmon hands the P to another M",
               +[](S &s) -> Nanos & { return s.fibers.handoffDelay; }},
    NumericKey{"fibers", "netpoll_interval", NumberKind::Duration, 0, kMaxDuration, true,
               "sysmon polls the network if nobody has for this long",
               +[](S &s) -> Nanos & { return s.fibers.netpollInterval; }},
    NumericKey{"fibers", "wakeup_latency", NumberKind::Duration, 0, kMaxDuration, false,
               "waking an idle P's thread (futex); 0ns = instantaneous",
               +[](S &s) -> Nanos & { return s.fibers.wakeupLatency; }},
    NumericKey{"fibers", "local_queue", NumberKind::Count, 1, 4096, false, "per-P run queue slots",
               +[](S &s) -> int & { return s.fibers.localQueue; }},
    NumericKey{"fibers", "global_check_interval", NumberKind::Count, 1, 1'000'000, false,
               "every Nth schedule checks the global run queue first",
               +[](S &s) -> int & { return s.fibers.globalCheckInterval; }},
    NumericKey{"fibers", "max_threads", NumberKind::Count, 1, kMaxThreads, false,
               "OS threads (Ms) the runtime may create (debug.SetMaxThreads)",
               +[](S &s) -> I64 & { return s.fibers.maxThreads; }},
    NumericKey{"fibers", "runtime_memory", NumberKind::Size, 0, kMaxBaselineBytes, false,
               "resident runtime and binary baseline", +[](S &s) -> I64 & { return s.fibers.runtimeMemory; }},
    NumericKey{"fibers", "task_memory", NumberKind::Size, 0, kMaxStack, false, "per goroutine, beyond its stack",
               +[](S &s) -> I64 & { return s.fibers.taskMemory; }},
    NumericKey{"fibers", "thread_stack_reserved", NumberKind::Size, 0, kMaxStack, false,
               "each M's system stack, reserved (virtual)",
               +[](S &s) -> I64 & { return s.fibers.threadStackReserved; }},
    NumericKey{"fibers", "thread_stack_committed", NumberKind::Size, 0, kMaxStack, false,
               "resident part of each M's stack", +[](S &s) -> I64 & { return s.fibers.threadStackCommitted; }},
    NumericKey{"fibers", "stack_copy_bytes_per_ns", NumberKind::Real, 0, 1e6, true,
               "memmove bandwidth when a stack doubles (10 = 10 GB/s)",
               +[](S &s) -> double & { return s.fibers.stackCopyBytesPerNs; }},

    NumericKey{"event_loop", "processes", NumberKind::Count, 1, limits::maxProcesses, false,
               "processes (cluster workers, round-robin), one JS thread each",
               +[](S &s) -> int & { return s.eventLoop.processes; }},
    NumericKey{"event_loop", "threadpool", NumberKind::Count, 1, limits::maxThreadpool, false,
               "libuv pool threads per process (UV_THREADPOOL_SIZE)",
               +[](S &s) -> int & { return s.eventLoop.threadpool; }},
    NumericKey{"event_loop", "cpu_factor", NumberKind::Real, 0, 1000, true,
               "JS CPU time per unit of a step's CPU; 1.0 = as fast as the others",
               +[](S &s) -> double & { return s.eventLoop.cpuFactor; }},
    NumericKey{"event_loop", "callback_cost", NumberKind::Duration, 0, kMaxDuration, false,
               "loop overhead per callback dispatched", +[](S &s) -> Nanos & { return s.eventLoop.callbackCost; }},
    NumericKey{"event_loop", "baseline_memory", NumberKind::Size, 0, kMaxBaselineBytes, false,
               "resident memory of an idle process", +[](S &s) -> I64 & { return s.eventLoop.baselineMemory; }},
    NumericKey{"event_loop", "task_memory", NumberKind::Size, 0, kMaxStack, false,
               "per pending request on the V8 heap", +[](S &s) -> I64 & { return s.eventLoop.taskMemory; }},
    NumericKey{"event_loop", "thread_stack_reserved", NumberKind::Size, 0, kMaxStack, false,
               "loop and pool threads' stack, reserved (virtual)",
               +[](S &s) -> I64 & { return s.eventLoop.threadStackReserved; }},
    NumericKey{"event_loop", "thread_stack_committed", NumberKind::Size, 0, kMaxStack, false,
               "resident part of each of those stacks",
               +[](S &s) -> I64 & { return s.eventLoop.threadStackCommitted; }},

    NumericKey{"threads", "pool_size", NumberKind::Count, 1, kMaxThreads, false,
               "pool mode: worker threads, created at start", +[](S &s) -> I64 & { return s.threads.poolSize; }},
    NumericKey{"threads", "max_threads", NumberKind::Count, 1, kMaxThreads, false,
               "threads the process may have; more are refused", +[](S &s) -> I64 & { return s.threads.maxThreads; }},
    NumericKey{"threads", "stack_reserved", NumberKind::Size, 0, kMaxStack, false,
               "each thread's stack, reserved (virtual): 8MiB on Linux, 1MiB JVM/Windows",
               +[](S &s) -> I64 & { return s.threads.stackReserved; }},
    NumericKey{"threads", "stack_touched", NumberKind::Size, 0, kMaxStack, false,
               "resident part of an idle thread's stack", +[](S &s) -> I64 & { return s.threads.stackTouched; }},
    NumericKey{"threads", "task_memory", NumberKind::Size, 0, kMaxStack, false,
               "per thread beyond its stack (kernel structures)", +[](S &s) -> I64 & { return s.threads.taskMemory; }},
    NumericKey{"threads", "baseline_memory", NumberKind::Size, 0, kMaxBaselineBytes, false, "process baseline",
               +[](S &s) -> I64 & { return s.threads.baselineMemory; }},
    NumericKey{"threads", "switch_cost", NumberKind::Duration, 0, kMaxDuration, false,
               "kernel context switch (also for Go's Ms and Node's threads)",
               +[](S &s) -> Nanos & { return s.threads.switchCost; }},
    NumericKey{"threads", "spawn_cost", NumberKind::Duration, 0, kMaxDuration, false, "pthread_create plus join",
               +[](S &s) -> Nanos & { return s.threads.spawnCost; }},
    NumericKey{"threads", "time_slice", NumberKind::Duration, 0, kMaxDuration, false,
               "kernel time slice; 0ns = the EEVDF default for the core count",
               +[](S &s) -> Nanos & { return s.threads.timeSlice; }},

    NumericKey{"cost", "offered_rate", NumberKind::Real, 0, kMaxRate, false,
               "req/s the whole service must carry; 0 = load.rate", +[](S &s) -> double & { return s.cost.offeredRate; }},
    NumericKey{"cost", "target_utilization", NumberKind::Real, 0, 1, true,
               "plan containers to keep their CPUs at most this busy",
               +[](S &s) -> double & { return s.cost.targetUtilization; }},
    NumericKey{"cost", "lambda_gb_second", NumberKind::Real, 0, 1, false, "USD per GB-second of Lambda duration",
               +[](S &s) -> double & { return s.cost.lambdaGbSecond; }},
    NumericKey{"cost", "lambda_per_million", NumberKind::Real, 0, 1e6, false, "USD per million Lambda requests",
               +[](S &s) -> double & { return s.cost.lambdaPerMillion; }},
    NumericKey{"cost", "lambda_memory", NumberKind::Size, 0, 16.0 * static_cast<double>(GiB), false,
               "Lambda memory setting; 0B = the least that fits, at least 128 MiB",
               +[](S &s) -> I64 & { return s.cost.lambdaMemory; }},
    NumericKey{"cost", "lambda_mb_per_vcpu", NumberKind::Real, 0, 1e6, true,
               "Lambda memory (MB) that buys one full vCPU; less memory, less CPU",
               +[](S &s) -> double & { return s.cost.lambdaMbPerVcpu; }},
    NumericKey{"cost", "container_vcpu", NumberKind::Real, 0, 1024, true, "vCPUs per container",
               +[](S &s) -> double & { return s.cost.containerVcpu; }},
    NumericKey{"cost", "container_memory", NumberKind::Size, 1, kMaxBaselineBytes, false, "memory per container",
               +[](S &s) -> I64 & { return s.cost.containerMemory; }},
    NumericKey{"cost", "vcpu_hour", NumberKind::Real, 0, 1e6, false, "USD per vCPU-hour of a container",
               +[](S &s) -> double & { return s.cost.vcpuHour; }},
    NumericKey{"cost", "gb_hour", NumberKind::Real, 0, 1e6, false, "USD per GB-hour of a container",
               +[](S &s) -> double & { return s.cost.gbHour; }},
    NumericKey{"cost", "host_cores", NumberKind::Count, 1, limits::maxCores, false,
               "cores of the host the density figure packs instances onto",
               +[](S &s) -> int & { return s.cost.hostCores; }},
    NumericKey{"cost", "host_memory", NumberKind::Size, 1, kMaxBaselineBytes, false, "memory of that host",
               +[](S &s) -> I64 & { return s.cost.hostMemory; }},
};

constexpr std::array<std::string_view, 12> kTopKeys{"name",   "description", "seed",    "machine",
                                                     "load",   "request",     "pools",   "fibers",
                                                     "event_loop", "threads", "sweep", "cost"};
constexpr std::array<std::string_view, 13> kCostKeys{
    "offered_rate", "target_utilization", "lambda_gb_second", "lambda_per_million", "lambda_memory",
    "lambda_mb_per_vcpu", "container_vcpu", "container_memory", "vcpu_hour", "gb_hour", "host_cores",
    "host_memory", "prices_date"};
constexpr std::array<std::string_view, 1> kMachineKeys{"cores"};
constexpr std::array<std::string_view, 10> kLoadKeys{"kind",  "rate",     "clients",  "think",   "think_dist",
                                                     "think_p99", "count", "requests", "duration", "warmup"};
constexpr std::array<std::string_view, 1> kRequestKeys{"steps"};
constexpr std::array<std::string_view, 16> kFiberKeys{
    "gomaxprocs",     "stack_initial", "time_slice",  "switch_cost",           "spawn_cost",  "handoff_delay",
    "netpoll_interval", "wakeup_latency", "local_queue", "global_check_interval", "max_threads", "runtime_memory",
    "task_memory",    "thread_stack_reserved", "thread_stack_committed", "stack_copy_bytes_per_ns"};
constexpr std::array<std::string_view, 8> kEventLoopKeys{
    "processes", "threadpool", "cpu_factor", "callback_cost", "baseline_memory", "task_memory",
    "thread_stack_reserved", "thread_stack_committed"};
constexpr std::array<std::string_view, 10> kThreadKeys{"mode",           "pool_size",   "max_threads", "stack_reserved",
                                                       "stack_touched",  "task_memory", "baseline_memory",
                                                       "switch_cost",    "spawn_cost",  "time_slice"};
constexpr std::array<std::string_view, 5> kSweepKeys{"param", "from", "to", "steps", "log"};
constexpr std::array<std::string_view, 10> kStepKeys{"cpu", "io",   "blocking", "fanout",  "stack",
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
    if (table == "sweep")
        return kSweepKeys;
    if (table == "step")
        return kStepKeys;
    if (table == "cost")
        return kCostKeys;
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

} // namespace conviz::scenario::detail
