// The requests in the system and the tasks they run, in slots that are reused when they end. Plain
// bookkeeping: no clock, no tracing, no model. Runtime decides when rows are opened and closed.
#pragma once

#include "engine/core/sim_time.h"
#include "engine/trace.h"
#include "engine/workload.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace conviz {

using TaskId = std::uint32_t;
inline constexpr TaskId kNoTask = 0xffffffffu;

class TaskTable {
public:
    // 32 bytes: a million waiting connections hold a million of these. The request's steps are in
    // RequestPlans, by the same slot.
    struct Request {
        std::uint64_t index = 0; // position in the request stream: the workload's draw and the display id
        Nanos arrival{};
        TaskId root = kNoTask;
        std::int32_t client = -1; // closed load: the client that issued it; else -1
        bool failed = false;      // one of its tasks was refused
        bool measured = false;    // arrived after warm-up
    };
    static_assert(sizeof(Request) == 32);

    // One cache line: the 4-byte fields and the flags first, then the 8-byte ones, with no padding
    // between them.
    struct Task {
        std::uint32_t request = 0; // slot in the request table
        TaskId parent = kNoTask;
        std::uint32_t pc = 0; // next op
        std::uint32_t end = 0;
        std::uint32_t pendingChildren = 0;
        std::uint32_t owner = 0xffffffffu; // model use: thread / P / process
        std::int32_t connection = -1;      // connection pool held, or -1
        bool joining = false;
        bool alive = false;
        TaskState waitingFor = TaskState::Created; // the last wait it entered (IoWait, PoolWait, Joining)
        std::uint64_t serial = 0;                  // display id, unique per run
        Nanos remaining{};                         // model use: CPU left in the current op, pending I/O time
        Nanos readyAt{};                           // model use: when it became runnable
        std::int64_t stack = 0;                    // model use: stack bytes
    };
    static_assert(sizeof(Task) == 64);

    // Opens a request slot, reusing a closed one. The caller draws its plan (RequestPlans). Inline,
    // as the other row operations: every request opens and closes a slot and creates and retires a task.
    std::uint32_t openRequest(std::uint64_t index, Nanos arrival, std::int32_t client, bool measured)
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
    // Frees the slot. Precondition: all its tasks have been retired.
    void closeRequest(std::uint32_t slot) { m_freeRequests.push_back(slot); }

    // Creates a live task running `program` of the request in `slot`; `now` is when it became runnable.
    // Invalidates references to other tasks (the table may grow).
    TaskId createTask(std::uint32_t slot, TaskId parent, const Program &program, Nanos now)
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
    // Marks the task dead and frees its slot for reuse. Its row stays readable until then.
    void retireTask(TaskId t)
    {
        m_tasks[t].alive = false;
        --m_liveTasks;
        m_freeTasks.push_back(t);
    }

    Task &task(TaskId t) { return m_tasks[t]; }
    const Task &task(TaskId t) const { return m_tasks[t]; }
    Request &request(std::uint32_t slot) { return m_requests[slot]; }
    Request &requestOf(TaskId t) { return m_requests[m_tasks[t].request]; }
    const Request &requestOf(TaskId t) const { return m_requests[m_tasks[t].request]; }
    // The display id of the task's request (its index in the stream).
    std::uint32_t requestSerial(TaskId t) const { return static_cast<std::uint32_t>(requestOf(t).index); }
    // The display id of the task's parent, 0 for a request's root.
    std::uint64_t parentSerial(TaskId t) const;

    std::int64_t liveTasks() const { return m_liveTasks; }
    std::int64_t peakTasks() const { return m_peakTasks; }

private:
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_freeRequests;
    std::vector<Task> m_tasks;
    std::vector<TaskId> m_freeTasks;
    std::int64_t m_liveTasks = 0;
    std::int64_t m_peakTasks = 0;
    std::uint64_t m_nextTaskSerial = 1;
};

} // namespace conviz
