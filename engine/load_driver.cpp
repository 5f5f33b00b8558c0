#include "engine/load_driver.h"

#include <algorithm>

namespace conviz {

LoadDriver::LoadDriver(const Scenario &scenario, Simulation &sim, RequestSink &sink)
    : m_scenario(scenario),
      m_sim(sim),
      m_sink(sink),
      m_workload(scenario),
      // Closed and batch load never draw arrivals; 1.0 only meets the generator's positive-rate contract.
      m_arrivals(scenario.seed, scenario.load.kind == LoadKind::Open ? scenario.load.rate : 1.0),
      m_toIssue(scenario.load.kind == LoadKind::Batch ? scenario.load.count : scenario.load.requests)
{
}

void LoadDriver::start()
{
    switch (m_scenario.load.kind) {
    case LoadKind::Open: scheduleNextArrival(); break;
    case LoadKind::Closed: {
        const std::int64_t clients = std::min(m_scenario.load.clients, m_toIssue);
        for (std::int64_t c = 0; c < clients; ++c)
            issue(static_cast<std::int32_t>(c));
        break;
    }
    case LoadKind::Batch:
        while (m_issued < m_toIssue)
            issue(-1);
        break;
    }
}

void LoadDriver::issue(std::int32_t client)
{
    const auto index = static_cast<std::uint64_t>(m_issued++);
    m_peakInFlight = std::max(m_peakInFlight, ++m_inFlight);
    m_sink.issueRequest(index, client);
}

double LoadDriver::doneFraction() const
{
    return static_cast<double>(m_completed + m_refused) / static_cast<double>(m_toIssue);
}

bool LoadDriver::moreToIssue() const
{
    return m_issued < m_toIssue && loadStillOpen(m_scenario, m_sim.now()); // a closed client stops too
}

void LoadDriver::scheduleNextArrival()
{
    if (m_issued >= m_toIssue)
        return;
    // The arrival stream is drawn one step ahead, so an arrival at or past load.duration ends the
    // open load without issuing anything.
    const Nanos at = m_arrivals.next();
    if (!loadStillOpen(m_scenario, at))
        return;
    m_sim.schedule(at, this, kArrival);
}

void LoadDriver::onEvent(const Event &event)
{
    switch (event.kind) {
    case kArrival:
        // Issue before scheduling the next arrival: events the request schedules take the earlier
        // sequence numbers, and swapping the two would reorder ties (and every golden trace).
        issue(-1);
        scheduleNextArrival();
        return;
    case kClientNext:
        if (moreToIssue())
            issue(static_cast<std::int32_t>(event.a));
        return;
    }
}

} // namespace conviz
