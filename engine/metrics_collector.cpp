#include "engine/metrics_collector.h"

#include <algorithm>
#include <cmath>

namespace conviz {

void MetricsCollector::arrived(Nanos now)
{
    ++m_measuredArrivals;
    changeInSystem(now, +1);
}

void MetricsCollector::departed(Nanos arrival, Nanos now, bool refused)
{
    // A refused request has no latency, but it was in the system until now, so it counts for L
    // and moves the window's end like any other departure.
    if (!refused)
        m_latencies.push_back((now - arrival).count());
    changeInSystem(now, -1);
    m_lastCompletion = now;
}

void MetricsCollector::scheduled(Nanos readySince, Nanos now)
{
    if (measures(readySince))
        m_schedDelays.push_back((now - readySince).count());
}

void MetricsCollector::changeInSystem(Nanos now, int delta)
{
    // The integral of "measured requests in the system" over time, so that L (meanInSystem) can be
    // checked against λ·W (Little's law) in the queueing tests.
    m_inSystemIntegral += static_cast<double>(m_inSystem) * static_cast<double>((now - m_inSystemSince).count());
    m_inSystemSince = now;
    m_inSystem += delta;
}

ModelMetrics MetricsCollector::collect(const FinishedRun &run)
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
    m.schedulingDelay = LatencySummary::of(m_schedDelays.empty() ? run.kernel.dispatchDelays() : m_schedDelays);

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

LatencySummary LatencySummary::of(std::vector<std::int64_t> &samples)
{
    LatencySummary s;
    s.count = static_cast<std::int64_t>(samples.size());
    if (samples.empty())
        return s;
    const auto n = samples.size();
    // The mean was first computed by summing the sorted samples in doubles. When no sample is
    // negative and the total stays within 2^53, every such partial sum is an exact integer, so an
    // integer sum in any order gives the same bits; only beyond that is the sorted order kept.
    constexpr std::uint64_t kExactInDouble = std::uint64_t{1} << 53;
    std::uint64_t total = 0;
    std::int64_t least = samples.front();
    std::int64_t most = samples.front();
    for (std::int64_t v : samples) {
        least = std::min(least, v);
        most = std::max(most, v);
        if (v >= 0 && total <= kExactInDouble)
            total += static_cast<std::uint64_t>(v);
    }
    if (least >= 0 && total <= kExactInDouble) {
        s.mean = static_cast<double>(total) / static_cast<double>(n);
    } else {
        std::sort(samples.begin(), samples.end());
        double sum = 0;
        for (std::int64_t v : samples)
            sum += static_cast<double>(v);
        s.mean = sum / static_cast<double>(n);
    }
    // Nearest rank (the smallest sample with at least q of the samples at or below it): always a
    // value that was observed, never an interpolation between two. Selected, not sorted: a run of a
    // million requests spent a third of its time sorting. Highest rank first, so that each
    // selection leaves the lower ranks in a shorter prefix for the next.
    std::size_t unsettled = n; // samples[0, unsettled) hold every rank not yet selected
    const auto rank = [&](double q) {
        auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
        i = std::clamp<std::size_t>(i, 1, n) - 1;
        const auto nth = samples.begin() + static_cast<std::ptrdiff_t>(i);
        std::nth_element(samples.begin(), nth, samples.begin() + static_cast<std::ptrdiff_t>(unsettled));
        unsettled = i + 1;
        return static_cast<double>(*nth);
    };
    s.p99 = rank(0.99);
    s.p90 = rank(0.90);
    s.p50 = rank(0.50);
    s.max = static_cast<double>(most);
    return s;
}

} // namespace conviz
