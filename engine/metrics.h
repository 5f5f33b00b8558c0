// The numbers a model run ends with. Computed by the runtime itself, so they are identical whether
// or not anyone records a trace.
#pragma once

#include "engine/core/sim_time.h"
#include "engine/model_kind.h"
#include "engine/sample_log.h"

#include <cstdint>
#include <vector>

namespace conviz {

// A distribution of durations, in nanoseconds.
struct LatencySummary {
    std::int64_t count = 0;
    double mean = 0;
    double p50 = 0;
    double p90 = 0;
    double p99 = 0;
    double max = 0;

    // Summarises `samples` (reorders them). Percentiles are nearest-rank; every figure is exact.
    static LatencySummary of(std::vector<std::int64_t> &samples);
    // The same summary of a run's recorded samples.
    static LatencySummary of(const SampleLog &samples);
};

struct MemorySummary {
    std::int64_t peakCommitted = 0; // stacks (committed) + everything else
    std::int64_t peakReserved = 0;  // stacks (reserved) + everything else
    std::int64_t peakStackCommitted = 0;
    std::int64_t peakStackReserved = 0;
    std::int64_t baselineCommitted = 0; // committed before the first request: runtime, process, idle threads
};

// What the garbage collector cost a model (engine/gc.h). Counted from the warm-up's end.
struct GcSummary {
    enum class Status : std::uint8_t {
        NoCollector,  // C++ threads: no collector (malloc's cost is left out too)
        NoAllocation, // request.alloc = 0: garbage collection is not modelled
        Modelled,
    };
    Status status = Status::NoAllocation;
    std::int64_t cycles = 0;    // Go: GC cycles; Node: young-generation scavenges
    std::int64_t pauses = 0;    // pauses that stop goroutines (Go: two per cycle) or the loop (one per scavenge)
    Nanos pauseTotal{};         // their lengths added up
    Nanos pauseMax{};           // the longest
    Nanos cpu{};                // CPU spent collecting: pauses on every P that had to stop, plus mark work
    double cpuShare = 0;        // cpu ÷ all the CPU the model used, 0..1
    std::int64_t allocated = 0; // bytes the requests allocated
};

struct ModelMetrics {
    ModelKind model = ModelKind::Fibers;
    bool cancelled = false;

    std::int64_t issued = 0;     // requests offered to the model
    std::int64_t completed = 0;  // requests that finished (warm-up included)
    std::int64_t refused = 0;    // requests refused (no thread could be created for them)
    std::int64_t measured = 0;   // completed requests that arrived after warm-up
    std::int64_t unfinished = 0; // issued − completed − refused: 0 unless the run was cancelled

    double throughputRps = 0;       // measured completions / measurement window
    LatencySummary latency;         // of measured requests
    LatencySummary schedulingDelay; // runnable → running (goroutines, threads) / callback ready → run (loop lag)

    double cpuUtilization = 0; // busy core time / (cores × window), 0..1
    std::vector<double> coreUtilization;

    MemorySummary memory;
    std::int64_t peakTasks = 0;
    std::int64_t peakThreads = 0;
    std::int64_t peakInFlight = 0;

    std::int64_t contextSwitches = 0; // kernelSwitches + userSwitches
    std::int64_t kernelSwitches = 0;  // one OS thread replacing another on a core
    std::int64_t userSwitches = 0;    // one goroutine replacing another on an M
    std::int64_t threadsCreated = 0;
    std::int64_t steals = 0;
    std::int64_t preemptions = 0;
    std::int64_t handoffs = 0;
    std::int64_t stackGrowths = 0;
    std::int64_t events = 0; // simulation events processed

    Nanos windowStart{};     // warm-up end
    Nanos windowEnd{};       // last completion
    double meanInSystem = 0; // time-average of measured requests in the system (L)
    double arrivalRate = 0;  // measured arrivals per second (λ)
    // Open load: the arrival rate ÷ the departure rate while arrivals outran the model (StrainWatch);
    // 0 if they never did. How far the load was beyond what the model could serve.
    double overload = 0;

    GcSummary gc;
};

// Why a model measured no request, when it did not: its throughput and latencies are then empty
// (not zero), and every report says why in words of its own.
enum class Unmeasured : std::uint8_t {
    No,              // measured > 0
    AllRefused,      // every request offered was refused
    NothingFinished, // no request finished
    AllInWarmup,     // every request that finished arrived before windowStart
    Other,           // (a run with no requests, say)
};
inline Unmeasured whyUnmeasured(const ModelMetrics &m)
{
    if (m.measured > 0)
        return Unmeasured::No;
    if (m.issued > 0 && m.refused == m.issued)
        return Unmeasured::AllRefused;
    if (m.completed == 0)
        return Unmeasured::NothingFinished;
    return m.windowStart > Nanos::zero() ? Unmeasured::AllInWarmup : Unmeasured::Other;
}

} // namespace conviz
