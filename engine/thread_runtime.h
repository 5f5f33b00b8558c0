// OS threads: a thread per request, or a fixed pool of threads fed from a FIFO queue. A thread per
// request is created by the server's accept loop, one thread (one pthread_create) after another,
// on the process's main thread; the new thread then wakes on a core of its own. The kernel
// shares the cores among runnable threads with time slices; a waiting thread keeps its stack; every
// wake-up needs a core again (and a context switch). Fan-out children always get threads of their
// own; past max_threads a thread cannot be created and its request is refused.
#pragma once

#include "engine/fifo.h"
#include "engine/runtime.h"

#include <vector>

namespace conviz {

class ThreadRuntime final : public Runtime {
public:
    ThreadRuntime(const Scenario &scenario, Observer *observer);

private:
    enum class Next : std::uint8_t { Advance, SpawnNext, PickNext, Accept };
    struct Worker {
        TaskId task = kNoTask;
        Next next = Next::Advance;
        bool pooled = false;
        std::int64_t committed = 0; // stack bytes touched (resident)
        std::vector<TaskId> toSpawn;
        std::size_t spawned = 0;
    };

    void admit(TaskId root) override;
    void execCpu(TaskId task, Nanos work, bool offload) override;
    void execBlocking(TaskId task, Nanos length) override;
    void suspend(TaskId task, TaskState why) override;
    void wake(TaskId task) override;
    void spawn(TaskId parent, std::span<const TaskId> children) override;
    bool reachStack(TaskId task, std::int64_t bytes) override;
    void finished(TaskId task) override;
    void onModelEvent(const Event &event) override;
    void onBurstDone(ThreadId thread) override;
    void onDispatched(ThreadId thread, int core) override;
    void onPreempted(ThreadId thread) override;

    // A new thread for `task` (or an idle pool thread when task == kNoTask); kNoThread past the limit.
    ThreadId startThread(TaskId task, bool pooled);
    void endThread(ThreadId thread);
    void assign(ThreadId thread, TaskId task);
    // The thread, just made runnable for `task`, runs the task's next step once it has a core.
    void runTask(ThreadId thread, TaskId task);
    // The accept loop creates the next waiting connection's thread, or goes back to accept().
    void acceptNext();
    void accepted();
    // The thread's Worker, added if the thread is new. Inline: every thread a request creates asks.
    Worker &worker(ThreadId id)
    {
        if (id >= m_workers.size())
            addWorkers(id);
        return m_workers[id];
    }
    // Grows m_workers to hold `id`: only while the run reaches a new peak of live threads.
    void addWorkers(ThreadId id);

    enum ModelEvent : std::uint32_t { kBlockingDone = kModelEventBase };

    const ThreadParams &m_params;
    std::vector<Worker> m_workers;   // by ThreadId
    Fifo<ThreadId> m_idle;           // pool threads waiting for work (FIFO, like a blocking queue)
    Fifo<TaskId> m_queue;            // requests waiting for a pool thread
    Fifo<TaskId> m_accepting;        // per-request: connections waiting for the accept loop
    ThreadId m_acceptor = kNoThread; // per-request: the main thread, running the accept loop
    bool m_acceptorBusy = false;
    Nanos m_queueWaitSeen{-1};          // when a request last had to wait for one
    std::int64_t m_nextMilestone = 100; // narrate when the live thread count passes these
};

} // namespace conviz
