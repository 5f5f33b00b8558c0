#include "engine/live/load_generator.h"

#include "engine/live/busy_work.h"
#include "engine/load_driver.h"

#include <algorithm>

namespace conviz::live {

LoadGenerator::LoadGenerator(const Scenario &scenario, Executor &executor, LiveControl &control)
    : m_scenario(scenario),
      m_executor(executor),
      m_control(control),
      m_workload(scenario),
      // As LoadDriver: closed and batch loads never draw arrivals; 1.0 meets the positive-rate contract.
      m_arrivals(scenario.seed, scenario.load.kind == LoadKind::Open ? scenario.load.rate : 1.0),
      m_toIssue(scenario.load.kind == LoadKind::Batch ? scenario.load.count : scenario.load.requests)
{
}

LoadGenerator::~LoadGenerator() { stop(); }

void LoadGenerator::start()
{
    std::lock_guard lock(m_mutex);
    m_start = Clock::now();
    m_lastEnd = m_start;
    switch (m_scenario.load.kind) {
    case LoadKind::Open: scheduleArrival(); break;
    case LoadKind::Closed:
        for (std::int64_t c = 0; c < std::min(m_scenario.load.clients, m_toIssue); ++c)
            m_due.push({m_start, static_cast<std::int32_t>(c)});
        break;
    case LoadKind::Batch:
        for (std::int64_t i = 0; i < m_toIssue; ++i)
            m_due.push({m_start, -1});
        break;
    }
    m_control.setTotal(m_toIssue);
    m_thread = std::thread([this] { dispatch(); });
}

bool LoadGenerator::moreToIssue(Clock::time_point at) const
{
    return m_issued < m_toIssue &&
           loadStillOpen(m_scenario, Nanos{std::chrono::duration_cast<std::chrono::nanoseconds>(at - m_start).count()});
}

void LoadGenerator::scheduleArrival()
{
    if (m_issued >= m_toIssue)
        return;
    // Drawn one ahead, as LoadDriver does: an arrival at or past load.duration ends the load.
    const Nanos at = m_arrivals.next();
    if (!loadStillOpen(m_scenario, at))
        return;
    m_due.push({m_start + std::chrono::nanoseconds(at.count()), -1});
}

void LoadGenerator::dispatch()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping && !m_control.cancelRequested()) {
        if (m_due.empty()) {
            m_changed.wait_for(lock, kStopCheck);
            continue;
        }
        const Due next = m_due.top();
        const Clock::time_point now = Clock::now();
        if (now < next.at) {
            m_changed.wait_until(lock, std::min(next.at, now + kStopCheck));
            continue;
        }
        m_due.pop();
        if (!moreToIssue(next.at))
            continue; // a client retires, or the open load has issued everything
        auto job = std::make_unique<RequestJob>();
        job->index = static_cast<std::uint64_t>(m_issued++);
        job->client = next.client;
        job->due = next.at;
        if (m_scenario.load.kind == LoadKind::Open)
            scheduleArrival();
        // Drawing the plan and handing it over happen unlocked: `ended` may run meanwhile.
        lock.unlock();
        m_workload.plan(job->index, job->plan);
        m_executor.submit(std::move(job));
        lock.lock();
    }
}

void LoadGenerator::ended(std::unique_ptr<RequestJob> job, Outcome outcome)
{
    const Clock::time_point now = Clock::now();
    {
        std::lock_guard lock(m_mutex);
        switch (outcome) {
        case Outcome::Completed:
            ++m_completed;
            m_latencies.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(now - job->due).count());
            m_lastEnd = std::max(m_lastEnd, now);
            break;
        case Outcome::Refused: ++m_refused; break;
        case Outcome::Abandoned: ++m_abandoned; break;
        }
        if (outcome != Outcome::Abandoned) {
            const auto since = [&](Clock::time_point t) {
                return std::chrono::duration_cast<std::chrono::nanoseconds>(t - m_start).count();
            };
            m_records.push_back({job->index, since(job->due), since(now), outcome == Outcome::Refused});
        }
        // Refused or not, a closed-load client goes on after its think time (as LoadDriver).
        if (job->client >= 0 && outcome != Outcome::Abandoned && m_issued < m_toIssue)
            m_due.push({now + std::chrono::nanoseconds(m_workload.thinkTime(job->index).count()), job->client});
    }
    m_control.addEnded();
    m_changed.notify_all();
}

bool LoadGenerator::waitUntilOver(Clock::time_point deadline)
{
    std::unique_lock lock(m_mutex);
    const auto over = [&] { return m_due.empty() && m_completed + m_refused + m_abandoned == m_issued; };
    return m_changed.wait_until(lock, deadline, over);
}

void LoadGenerator::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

} // namespace conviz::live
