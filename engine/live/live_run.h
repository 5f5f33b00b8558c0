// Live mode: the requests the Workload draws for a scenario and seed, executed for real on this
// machine by one of three executors (Boost.Fiber fibers, a Boost.Asio event loop, std::thread) and
// measured. Qt-free and Boost-free in its interface: results are plain structs, so the app and the
// CLI can use them without knowing the executors. docs/live.md says what each step kind becomes.
#pragma once

#include "engine/core/scenario.h"
#include "engine/live/live_trace.h"
#include "engine/metrics.h"
#include "engine/model_kind.h"

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conviz::live {

// How a live run ended.
enum class StopReason : std::uint8_t {
    Finished,  // every request issued ended (completed or refused)
    Cancelled, // LiveControl::cancel() was called
    WallLimit, // live.max_wall passed; the run was stopped
    Failed,    // the run could not start (the OS refused a thread or memory); LiveMetrics::note says why
};

// Shared by the thread that runs a live run and any thread that watches or cancels it. Every
// member is thread-safe; the object must outlive the run.
class LiveControl {
public:
    // Asks the run to stop. Any thread, any time; the run returns within about 0.1 s.
    void cancel() noexcept { m_cancel.store(true, std::memory_order_relaxed); }
    bool cancelRequested() const noexcept { return m_cancel.load(std::memory_order_relaxed); }
    // The flag itself, for loops that poll it.
    const std::atomic<bool> &cancelFlag() const noexcept { return m_cancel; }

    // Progress: requests ended (completed or refused) and the requests the run will issue (0 until
    // the run has started; an open load that stops at load.duration may end before `total`).
    std::int64_t ended() const noexcept { return m_ended.load(std::memory_order_relaxed); }
    std::int64_t total() const noexcept { return m_total.load(std::memory_order_relaxed); }
    double fraction() const noexcept
    {
        const std::int64_t t = total();
        return t > 0 ? static_cast<double>(ended()) / static_cast<double>(t) : 0.0;
    }

    // For the run itself.
    void setTotal(std::int64_t n) noexcept { m_total.store(n, std::memory_order_relaxed); }
    void addEnded() noexcept { m_ended.fetch_add(1, std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancel{false};
    std::atomic<std::int64_t> m_ended{0};
    std::atomic<std::int64_t> m_total{0};
};

// Memory measured during a live run. Stack figures are per-task stacks (fibers' own stacks,
// request threads' pthread stacks; an event loop's tasks have none), summed at the sample with the
// most live tasks; committed = pages resident by mincore.
struct LiveMemory {
    std::int64_t peakRssBytes = 0;     // /proc/self/statm, sampled every 10 ms
    std::int64_t peakVirtualBytes = 0; // the same, address space
    std::int64_t stackReservedBytes = 0;
    std::int64_t stackCommittedBytes = 0;
    std::int64_t tasksAtPeak = 0; // live tasks (fibers, request threads) when the stacks were sampled
};

// One request that ended, in ns since the run started: when it was due (its drawn arrival, or
// its client's think time ended) and when it ended. For charts over time and for checks.
struct LiveRequest {
    std::uint64_t index = 0; // the Workload's request index
    std::int64_t dueNs = 0;
    std::int64_t endNs = 0;
    bool refused = false;
};

// What one executor measured. Latencies are in nanoseconds, from the instant a request was due
// (its drawn arrival, or its client's think time ended) to its end, so a late dispatch counts.
struct LiveMetrics {
    ModelKind model = ModelKind::Fibers;
    StopReason stop = StopReason::Finished;
    std::string note; // why requests were refused at run time, if any were; empty otherwise

    std::int64_t issued = 0;
    std::int64_t completed = 0;
    std::int64_t refused = 0;    // a live cap (live.max_threads, live.max_fibers) or the OS said no
    std::int64_t unfinished = 0; // issued − completed − refused: 0 unless stopped early

    double throughputRps = 0;  // completed / (last completion − start)
    LatencySummary latency;    // the engine's own summary, of completed requests
    double cpuUtilization = 0; // getrusage user + system time / (wall × hardware threads), 0..1
    LiveMemory memory;
    std::int64_t peakTasks = 0;      // most live tasks at once: fibers, request threads, pending loop tasks
    std::int64_t peakThreads = 0;    // OS threads of the process, sampled (/proc/self/stat)
    std::int64_t threadsCreated = 0; // by the executor: workers, loops, pools, request threads
    std::int64_t workers = 0;        // fibers: worker threads; event loop: loops; threads: pool or 0
    std::int64_t voluntarySwitches = 0;
    std::int64_t involuntarySwitches = 0;
    double wallSeconds = 0;
    std::vector<LiveRequest> requests; // every request that completed or was refused, in the order they ended
    LiveTrace trace;                   // which task ran on which thread and CPU, and when (live.trace_events)
};

// The machine a live run measured.
struct MachineInfo {
    int cpus = 0;            // std::thread::hardware_concurrency()
    std::string modelName;   // /proc/cpuinfo "model name"
    std::string kernel;      // uname -r
    std::string loadAverage; // /proc/loadavg's first three fields when asked
};
MachineInfo machineInfo();

// The scenario as a live run executes it: load.requests (or load.count) lowered to live.requests
// when that is set, no warm-up (a live run counts every request), machine.cores at most this
// machine's hardware threads. Simulate this one to compare like with like.
Scenario liveScenario(const Scenario &s);

// Why `model` cannot run `s` live without exceeding a cap (threads, fibers, stack, wall time), as a
// sentence naming the cap and the `--set live.…=` that raises it; nullopt if it may run.
std::optional<std::string> refusal(const Scenario &s, ModelKind model);

// The committed memory a run can reach, as refusal() weighs it against live.max_memory: each task's
// stack commit and heap as the model's own memory parameters say (fibers.stack_initial or the
// deepest stack step, rounded up to pages, plus fibers.task_memory; threads.stack_touched plus
// threads.task_memory; event_loop.task_memory), times the most tasks the run can have at once (a
// batch, the closed-load clients, or every request of an open load, at most what the live caps let
// run), plus the executor's own threads' committed stacks and this process's resident memory now.
struct MemoryEstimate {
    std::int64_t tasks = 0;
    std::int64_t perTaskBytes = 0;
    std::int64_t threads = 0; // the executor's own: fiber workers, loops and their pools
    std::int64_t threadBytes = 0;
    std::int64_t baselineBytes = 0;
    std::int64_t totalBytes() const { return tasks * perTaskBytes + threadBytes + baselineBytes; }
};
MemoryEstimate memoryEstimate(const Scenario &s, ModelKind model);
// live.max_memory, or a quarter of MemAvailable (/proc/meminfo) now when it is 0; 0 if neither is known.
std::int64_t memoryCap(const Scenario &s);

// Runs liveScenario(s)'s requests under `model` for real and measures them. Blocks the calling
// thread (which samples memory) for the run's length, at most live.max_wall plus about 0.1 s.
// Precondition: refusal(s, model) is empty. Run one live run at a time per process: process-wide
// figures (RSS, threads, rusage) would mix otherwise. Throws nothing the executors raise: a run
// that cannot start returns StopReason::Failed.
LiveMetrics runLive(const Scenario &s, ModelKind model, LiveControl &control);

} // namespace conviz::live
