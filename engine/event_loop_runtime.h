// Node.js: one JavaScript thread per process (a cluster of N processes, requests dealt round-robin),
// callbacks run to completion, microtasks drain before the next callback, network waits sit in epoll
// without a thread, and blocking calls (and offloaded CPU such as crypto) queue FIFO for the
// process's libuv pool. A request's memory is a small heap object while it is pending; stacks
// belong only to the loop thread and the pool threads.
#pragma once

#include "engine/fifo.h"
#include "engine/gc.h"
#include "engine/runtime.h"

#include <vector>

namespace conviz {

class EventLoopRuntime final : public Runtime {
public:
    EventLoopRuntime(const Scenario &scenario, Observer *observer);

private:
    struct Callback {
        TaskId task = kNoTask;
        Nanos readyAt{};
    };
    struct PoolJob {
        TaskId task = kNoTask;
        Nanos length{};
        bool cpu = false;
    };
    struct Process {
        ThreadId loop = kNoThread;
        TaskId current = kNoTask; // the task whose callback the loop is running
        bool busy = false;        // inside runLoop or a burst: wake() only queues
        bool waking = false;      // the loop thread is leaving epoll_wait: runLoop once it has a core
        Fifo<Callback> macrotasks;
        Fifo<Callback> microtasks;
        std::vector<ThreadId> poolThreads; // created on first use, all at once (as libuv does)
        Fifo<ThreadId> idlePool;
        Fifo<PoolJob> poolQueue;
        std::int64_t stackCommitted = 0;
        Nanos poolWaitSeen{-1}; // when a job last had to queue for the libuv pool
        bool lagging = false;   // the lag alert was told; until a callback waits under half of it
        Nanos gcDebt{};         // scavenge pauses the loop owes before its next callback
        bool inGc = false;      // the loop thread is in a scavenge
    };
    // Where a pool thread is in its job: a blocking job wakes it (a zero burst: it needs a core to
    // make the call), sleeps in the call, and needs a core again when the call returns.
    enum class PoolPhase : std::uint8_t { Cpu, Calling, Returning };
    struct PoolThread {
        int process = -1;
        PoolJob job;
        PoolPhase phase = PoolPhase::Cpu;
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
    void fillMetrics(ModelMetrics &m) override;

    // The loop thread of `p` is free: run callbacks until one needs the CPU or none is left.
    void runLoop(int p);
    void enqueue(int p, TaskId task, bool micro);
    void submitToPool(TaskId task, Nanos length, bool cpu);
    // A callback of process p starts after waiting `lag` since it was ready: tells the lag's onset.
    void watchLag(int p, Nanos lag);
    void startPoolJob(int p, ThreadId thread, const PoolJob &job);
    void poolJobDone(ThreadId thread);
    ThreadId newThread(ThreadRole role, int p);
    // A request of process p allocates: the scavenges that fills become the loop's debt.
    void gcAllocate(int p);

    enum ModelEvent : std::uint32_t { kPoolSleepDone = kModelEventBase };

    const EventLoopParams &m_params;
    std::vector<Process> m_processes;
    std::vector<int> m_loopOf;             // by ThreadId: process whose loop thread it is, or -1
    std::vector<PoolThread> m_poolThreads; // by ThreadId
    const bool m_gcOn;                     // request.alloc > 0: V8's scavenger runs
    std::vector<V8Nursery> m_nurseries;    // by process: each has its own V8 heap
    GcTally m_gc;
};

} // namespace conviz
