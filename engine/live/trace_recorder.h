// Records a live run's trace without a lock on the hot path: each OS thread appends to a buffer of
// its own (found through a thread_local, registered once per thread and run under a mutex), and
// the buffers are merged after every thread of the run has been joined. At most live.trace_events
// spans and task events are kept; past that, everything from the earliest event refused on is
// dropped at the merge, so the trace is whole up to that instant. Internal to conviz_live.
#pragma once

#include "engine/live/live_trace.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace conviz::live {

class TraceRecorder {
public:
    // `capacity`: spans + task events kept; 0 records nothing.
    explicit TraceRecorder(std::int64_t capacity);
    TraceRecorder(const TraceRecorder &) = delete;
    TraceRecorder &operator=(const TraceRecorder &) = delete;

    bool enabled() const noexcept { return m_capacity > 0; }
    // The run's time zero (steady clock ns); events before it count from it.
    void setOrigin(std::chrono::steady_clock::time_point t) noexcept;
    // A new task's serial, from 1. Any thread.
    std::uint64_t newTask() noexcept { return m_nextTask.fetch_add(1, std::memory_order_relaxed); }

    // On the calling thread's buffer, created the first time this thread records in this run.
    // Times are steady-clock ns (nowNs()). A thread's role is the one its spans give.
    void span(LiveThreadRole role, std::int64_t startNs, std::int64_t endNs, std::int32_t cpu, std::uint64_t request,
              std::uint64_t task);
    void event(std::int64_t timeNs, std::uint64_t request, std::uint64_t task, std::uint64_t parent,
               LiveTaskState state);

    // After every recording thread has ended.
    LiveTrace merge();

    static std::int64_t nowNs() noexcept;

private:
    struct Buffer {
        LiveThreadRole role = LiveThreadRole::Worker;
        std::vector<LiveSpan> spans; // thread = the buffer's index until the merge
        std::vector<LiveTaskEvent> events;
    };
    Buffer *local();
    bool room(std::int64_t timeNs) noexcept;

    const std::int64_t m_capacity;
    const std::uint64_t m_generation; // tells this run's thread_local cache from an earlier run's
    std::atomic<std::int64_t> m_origin{0};
    std::atomic<std::uint64_t> m_nextTask{1};
    std::atomic<std::int64_t> m_count{0};
    std::atomic<std::int64_t> m_cutNs;
    std::mutex m_mutex; // registration of buffers only
    std::vector<std::unique_ptr<Buffer>> m_buffers;
};

// One task's span in progress, kept by the task itself (on a fiber's or thread's stack, or in a
// loop task). run() opens a span on the current thread and records Running; wait() closes it and
// records the state the task goes into; open() and close() do the span alone (an event loop's task
// on a pool thread, a fiber's yield). A fiber moves between workers only while it waits, so a span
// starts and ends on one thread. Does nothing when the recorder is null.
class TaskSpan {
public:
    TaskSpan() = default;
    TaskSpan(TraceRecorder *recorder, std::uint64_t request, std::uint64_t parent);
    std::uint64_t task() const noexcept { return m_task; }

    void open(LiveThreadRole role);
    void close();
    void mark(LiveTaskState state); // an event alone
    void run(LiveThreadRole role)
    {
        open(role);
        mark(LiveTaskState::Running);
    }
    void wait(LiveTaskState state)
    {
        close();
        mark(state);
    }
    void done() { wait(LiveTaskState::Done); }

private:
    TraceRecorder *m_recorder = nullptr; // null: not recording
    std::uint64_t m_request = 0;
    std::uint64_t m_task = 0;
    std::uint64_t m_parent = 0;
    LiveThreadRole m_role = LiveThreadRole::Worker;
    std::int64_t m_start = -1; // -1: no span open
    std::int32_t m_cpu = 0;
};

} // namespace conviz::live
