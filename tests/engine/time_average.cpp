#include "tests/engine/time_average.h"

#include <algorithm>

namespace conviz::test {

void StepFunction::set(Nanos at, std::int64_t level)
{
    m_level = level;
    if (!m_steps.empty() && m_steps.back().first == at)
        m_steps.back().second = level;
    else
        m_steps.emplace_back(at, level);
}

double StepFunction::mean(Nanos from, Nanos to) const
{
    if (to <= from)
        return 0;
    double integral = 0; // level · ns
    for (std::size_t i = 0; i < m_steps.size(); ++i) {
        const Nanos start = max(m_steps[i].first, from);
        const Nanos end = min(i + 1 < m_steps.size() ? m_steps[i + 1].first : to, to);
        if (end > start)
            integral += static_cast<double>(m_steps[i].second) * static_cast<double>((end - start).count());
    }
    return integral / static_cast<double>((to - from).count());
}

void TaskStates::onTask(const TaskEvent &e)
{
    Doing now = Doing::Other;
    if (e.state == TaskState::Runnable || e.state == TaskState::PoolWait)
        now = Doing::Waiting;
    else if (e.state == TaskState::Blocked) // Node marks a job that waits for a libuv thread Blocked too
        now = e.place == Place::UvQueue ? Doing::Waiting : Doing::Blocked;
    const auto it = m_doing.find(e.task);
    const Doing before = it == m_doing.end() ? Doing::Other : it->second;
    if (before == Doing::Waiting)
        m_waiting.set(e.time, m_waiting.level() - 1);
    else if (before == Doing::Blocked)
        m_blocked.set(e.time, m_blocked.level() - 1);
    if (now == Doing::Waiting)
        m_waiting.set(e.time, m_waiting.level() + 1);
    else if (now == Doing::Blocked)
        m_blocked.set(e.time, m_blocked.level() + 1);
    if (e.state == TaskState::Done || e.state == TaskState::Refused)
        m_doing.erase(e.task);
    else
        m_doing[e.task] = now;
}

void RequestsInTrace::onTask(const TaskEvent &e)
{
    if (e.parent != 0)
        return;
    if (e.state == TaskState::Created && e.time >= m_from) {
        m_created[e.request] = e.time;
        m_alive.set(e.time, m_alive.level() + 1);
    } else if ((e.state == TaskState::Done || e.state == TaskState::Refused) && m_created.erase(e.request) > 0) {
        m_alive.set(e.time, m_alive.level() - 1);
    }
}

} // namespace conviz::test
