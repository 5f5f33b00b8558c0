#include "engine/metrics_collector.h"

#include <algorithm>
#include <cmath>

namespace conviz {

ModelMetrics MetricsCollector::collect(const FinishedRun &run) const
{
    ModelMetrics m;
    m.model = run.model;
    m.cancelled = run.cancelled;
    m.issued = run.load.issued();
    m.completed = run.load.completed();
    m.refused = run.load.refused();
    m.measured = static_cast<std::int64_t>(m_latencies.size());
    m.unfinished = m.issued - m.completed - m.refused;

    // The window runs from warm-up's end to the last measured departure, not to the end of the
    // simulation: idle time after the last request would dilute throughput and utilisation.
    m.windowStart = m_warmup;
    m.windowEnd = max(m_lastCompletion, m.windowStart);
    const double window = (m.windowEnd - m.windowStart).toSeconds();
    if (window > 0) {
        m.throughputRps = static_cast<double>(m.measured) / window;
        m.arrivalRate = static_cast<double>(m_measuredArrivals) / window;
        m.meanInSystem = m_inSystemIntegral / 1e9 / window;
    }
    m.latency = LatencySummary::of(m_latencies);
    // A model that records no delay of its own (threads) is scheduled by the kernel alone, so its
    // runnable → running delay is the kernel's dispatch delay.
    m.schedulingDelay =
        m_schedDelays.empty() ? LatencySummary::of(run.kernel.dispatchDelays()) : LatencySummary::of(m_schedDelays);

    const auto &busy = run.kernel.busyTime();
    double busySum = 0;
    for (Nanos b : busy) {
        const double u = window > 0 ? std::min(1.0, b.toSeconds() / window) : 0.0;
        m.coreUtilization.push_back(u);
        busySum += u;
    }
    m.cpuUtilization = busy.empty() ? 0 : busySum / static_cast<double>(busy.size());

    m.memory = run.memory.summary();
    m.peakTasks = run.tasks.peakTasks();
    m.peakThreads = run.kernel.peakThreads();
    m.peakInFlight = run.load.peakInFlight();
    m.kernelSwitches = run.kernel.switches();
    m.userSwitches = run.counters.userSwitches;
    m.contextSwitches = m.kernelSwitches + m.userSwitches;
    m.threadsCreated = run.kernel.threadsCreated();
    m.steals = run.counters.steals;
    m.preemptions = run.counters.preemptions;
    m.handoffs = run.counters.handoffs;
    m.stackGrowths = run.counters.stackGrowths;
    m.events = static_cast<std::int64_t>(run.events);
    return m;
}

} // namespace conviz
