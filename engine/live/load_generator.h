// The load, for real: a dispatcher thread that issues each request at its drawn time (open load),
// each client's next request after its think time (closed), or every request at once (batch), and
// records how each one ended. The same stream as the simulation's LoadDriver. Internal to
// conviz_live.
#pragma once

#include "engine/live/executor.h"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace conviz::live {

class LoadGenerator {
public:
    // `scenario` (already liveScenario()'d), `executor` and `control` must outlive the generator.
    LoadGenerator(const Scenario &scenario, Executor &executor, LiveControl &control);
    ~LoadGenerator();
    LoadGenerator(const LoadGenerator &) = delete;
    LoadGenerator &operator=(const LoadGenerator &) = delete;

    // Starts the dispatcher thread; the run's clock starts now.
    void start();
    // Request `job` ended. Any thread.
    void ended(std::unique_ptr<RequestJob> job, Outcome outcome);
    // Waits until every request issued has ended and no more will be issued, or until `deadline`.
    // Returns true if the run is over.
    bool waitUntilOver(Clock::time_point deadline);
    // Stops issuing and joins the dispatcher (after a cancel, or once the run is over).
    void stop();

    Clock::time_point startTime() const { return m_start; }
    // Read after stop().
    std::int64_t issued() const { return m_issued; }
    std::int64_t completed() const { return m_completed; }
    std::int64_t refused() const { return m_refused; }
    std::vector<std::int64_t> &latencies() { return m_latencies; }
    std::vector<LiveRequest> &records() { return m_records; }
    Clock::time_point lastEnd() const { return m_lastEnd; }

private:
    struct Due {
        Clock::time_point at;
        std::int32_t client;
        bool operator>(const Due &o) const { return at > o.at; }
    };

    void dispatch();
    bool moreToIssue(Clock::time_point at) const; // m_mutex held
    void scheduleArrival();                       // m_mutex held

    const Scenario &m_scenario;
    Executor &m_executor;
    LiveControl &m_control;
    Workload m_workload;
    Workload::Arrivals m_arrivals;
    std::int64_t m_toIssue = 0;
    Clock::time_point m_start;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> m_due;
    bool m_stopping = false;
    bool m_issuing = true; // false once nothing more will be issued
    std::int64_t m_issued = 0;
    std::int64_t m_completed = 0;
    std::int64_t m_refused = 0;
    std::int64_t m_abandoned = 0;
    std::vector<std::int64_t> m_latencies;
    std::vector<LiveRequest> m_records;
    Clock::time_point m_lastEnd;
    std::thread m_thread;
};

} // namespace conviz::live
