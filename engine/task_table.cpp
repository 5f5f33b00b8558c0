#include "engine/task_table.h"

#include <algorithm>

namespace conviz {

std::uint32_t TaskTable::openRequest(std::uint64_t index, Nanos arrival, std::int32_t client, bool measured)
{
    // LIFO reuse keeps the table (and RequestPlans, by slot) as small as the peak in flight, so a
    // long run stops allocating once it reaches its peak.
    std::uint32_t slot;
    if (!m_freeRequests.empty()) {
        slot = m_freeRequests.back();
        m_freeRequests.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(m_requests.size());
        m_requests.emplace_back();
    }
    Request &r = m_requests[slot];
    r.index = index;
    r.arrival = arrival;
    r.client = client;
    r.failed = false;
    r.measured = measured;
    return slot;
}

void TaskTable::closeRequest(std::uint32_t slot) { m_freeRequests.push_back(slot); }

TaskId TaskTable::createTask(std::uint32_t slot, TaskId parent, const Program &program, Nanos now)
{
    TaskId id;
    if (!m_freeTasks.empty()) {
        id = m_freeTasks.back();
        m_freeTasks.pop_back();
    } else {
        id = static_cast<TaskId>(m_tasks.size());
        m_tasks.emplace_back();
    }
    Task &k = m_tasks[id];
    k = Task{};
    k.request = slot;
    k.parent = parent;
    k.pc = program.begin;
    k.end = program.end;
    k.alive = true;
    // Slots are reused, so the trace names tasks by a serial that never repeats within a run.
    k.serial = m_nextTaskSerial++;
    k.readyAt = now;
    m_peakTasks = std::max(m_peakTasks, ++m_liveTasks);
    return id;
}

void TaskTable::retireTask(TaskId t)
{
    m_tasks[t].alive = false;
    --m_liveTasks;
    m_freeTasks.push_back(t);
}

std::uint64_t TaskTable::parentSerial(TaskId t) const
{
    const Task &k = m_tasks[t];
    return k.parent == kNoTask ? 0 : m_tasks[k.parent].serial;
}

} // namespace conviz
