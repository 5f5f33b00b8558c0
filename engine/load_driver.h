// The load: when requests arrive. Open load draws Poisson arrivals at a rate whatever the system
// does; closed load has a fixed set of clients that each wait for their response, think, and ask
// again; batch load offers every request at time zero. The driver counts requests in and out and
// hands each new one to a RequestSink (the Runtime), which turns it into tasks.
#pragma once

#include "engine/core/scenario.h"
#include "engine/simulation.h"
#include "engine/workload.h"

#include <cstdint>

namespace conviz {

// Where the load driver sends the requests it issues.
class RequestSink {
public:
    // Request `index` of the stream arrives now; `client` is the closed-load client that sent it, or -1.
    virtual void issueRequest(std::uint64_t index, std::int32_t client) = 0;

protected:
    ~RequestSink() = default;
};

// load.duration, when set, closes the door: nothing is issued `elapsed` into the load once it has
// passed, and an arrival drawn at or past it ends an open load (shared with the live runs).
inline bool loadStillOpen(const Scenario &s, Nanos elapsed)
{
    return s.load.duration == Nanos::zero() || elapsed < s.load.duration;
}

class LoadDriver final : public EventHandler {
public:
    // `sim` and `sink` must outlive the driver.
    LoadDriver(const Scenario &scenario, Simulation &sim, RequestSink &sink);
    LoadDriver(const LoadDriver &) = delete;
    LoadDriver &operator=(const LoadDriver &) = delete;

    // Issues the first requests (batch: all of them; closed: one per client) or schedules the
    // first arrival (open). Call once, before the simulation runs.
    void start();
    // Request `index`, sent by `client` (or -1), has ended: completed, or refused. Its client thinks
    // and then sends its next request, if any is left to send.
    // Inline: every request ends here.
    void requestEnded(std::int32_t client, std::uint64_t index, bool refused)
    {
        if (refused)
            ++m_refused;
        else
            ++m_completed;
        --m_inFlight;
        // Refused or not, the client goes on: a closed load keeps its number of clients constant.
        if (client >= 0 && moreToIssue())
            m_sim.after(m_workload.thinkTime(index), this, kClientNext, static_cast<std::uint32_t>(client));
    }

    const Workload &workload() const { return m_workload; }
    // The share of the run's requests that have ended, 0..1 (how far the run has got).
    double doneFraction() const;

    std::int64_t issued() const { return m_issued; }
    std::int64_t completed() const { return m_completed; }
    std::int64_t refused() const { return m_refused; }
    std::int64_t inFlight() const { return m_inFlight; }
    std::int64_t peakInFlight() const { return m_peakInFlight; }

private:
    enum EventKind : std::uint32_t { kArrival, kClientNext };

    void onEvent(const Event &event) override;
    void issue(std::int32_t client);
    void scheduleNextArrival();
    bool moreToIssue() const;

    const Scenario &m_scenario;
    Simulation &m_sim;
    RequestSink &m_sink;
    Workload m_workload;
    Workload::Arrivals m_arrivals;
    std::int64_t m_toIssue = 0;
    std::int64_t m_issued = 0;
    std::int64_t m_completed = 0;
    std::int64_t m_refused = 0;
    std::int64_t m_inFlight = 0;
    std::int64_t m_peakInFlight = 0;
};

} // namespace conviz
