// Turns a run into its ModelMetrics. While the run goes, the collector records samples over the
// measurement window (requests that arrive once warm-up is over); after it, collect() reads the
// load, task, memory and kernel totals and computes every number in one place.
#pragma once

#include "engine/kernel_scheduler.h"
#include "engine/load_driver.h"
#include "engine/memory_ledger.h"
#include "engine/metrics.h"
#include "engine/sample_log.h"
#include "engine/task_table.h"

#include <cstdint>

namespace conviz {

// Events a model counts as it runs; they reach ModelMetrics unchanged.
struct ModelCounters {
    std::int64_t userSwitches = 0;
    std::int64_t steals = 0;
    std::int64_t preemptions = 0;
    std::int64_t handoffs = 0;
    std::int64_t stackGrowths = 0;
};

// What collect() reads once the run has ended.
struct FinishedRun {
    ModelKind model = ModelKind::Fibers;
    bool cancelled = false;
    std::uint64_t events = 0;
    const LoadDriver &load;
    const TaskTable &tasks;
    const MemoryLedger &memory;
    const KernelScheduler &kernel;
    const ModelCounters &counters;
};

class MetricsCollector {
public:
    explicit MetricsCollector(Nanos warmup) : m_warmup(warmup) {}

    // True if a request arriving at `arrival` is measured (it arrived after warm-up).
    bool measures(Nanos arrival) const { return arrival >= m_warmup; }
    // A measured request arrived at `now`. Inline, as departed() and scheduled(): each runs once or
    // more per request.
    void arrived(Nanos now)
    {
        ++m_measuredArrivals;
        changeInSystem(now, +1);
    }
    // A measured request that arrived at `arrival` left at `now`, completed or refused.
    void departed(Nanos arrival, Nanos now, bool refused)
    {
        // A refused request has no latency, but it was in the system until now, so it counts for L
        // and moves the window's end like any other departure.
        if (!refused)
            m_latencies.push_back((now - arrival).count());
        changeInSystem(now, -1);
        m_lastCompletion = now;
    }
    // A task ready since `readySince` got the CPU at `now`. Ignored if it became ready during warm-up.
    void scheduled(Nanos readySince, Nanos now)
    {
        if (measures(readySince))
            m_schedDelays.push_back((now - readySince).count());
    }
    bool hasSchedulingDelays() const { return !m_schedDelays.empty(); }

    // The run's metrics.
    ModelMetrics collect(const FinishedRun &run) const;

private:
    void changeInSystem(Nanos now, int delta)
    {
        // The integral of "measured requests in the system" over time, so that L (meanInSystem) can
        // be checked against λ·W (Little's law) in the queueing tests.
        m_inSystemIntegral += static_cast<double>(m_inSystem) * static_cast<double>((now - m_inSystemSince).count());
        m_inSystemSince = now;
        m_inSystem += delta;
    }

    const Nanos m_warmup;
    SampleLog m_latencies;   // ns, completed measured requests
    SampleLog m_schedDelays; // ns, as the model defines its scheduling delay
    std::int64_t m_measuredArrivals = 0;
    std::int64_t m_inSystem = 0;
    Nanos m_inSystemSince{};
    double m_inSystemIntegral = 0; // request·ns
    Nanos m_lastCompletion{};
};

} // namespace conviz
