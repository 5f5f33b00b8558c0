#include "engine/thread_runtime.h"

#include "engine/core/contract.h"

#include <algorithm>

namespace conviz {
namespace {
constexpr std::int64_t kPage = 4 * KiB;
std::int64_t pageRound(std::int64_t bytes) { return (bytes + kPage - 1) / kPage * kPage; }
} // namespace

ThreadRuntime::ThreadRuntime(const Scenario &scenario, Observer *observer)
    : Runtime(scenario, ModelKind::Threads, observer), m_params(scenario.threads)
{
    addOther(m_params.baselineMemory);
    if (m_params.mode == ThreadMode::PerRequest) {
        // The main thread runs the accept loop; its stack is part of the measured baseline.
        m_acceptor = m_kernel.createThread(this, ThreadRole::Worker);
        worker(m_acceptor).next = Next::Accept;
        traceCounter(Counter::Threads, 0, m_kernel.liveThreads());
    }
    if (m_params.mode == ThreadMode::Pool) {
        for (std::int64_t i = 0; i < m_params.poolSize; ++i) {
            const ThreadId th = startThread(kNoTask, true);
            if (th == kNoThread)
                break;
            m_idle.push_back(th);
        }
    }
}

void ThreadRuntime::addWorkers(ThreadId id) { m_workers.resize(id + 1); }

ThreadId ThreadRuntime::startThread(TaskId task, bool pooled)
{
    if (m_kernel.liveThreads() >= m_params.maxThreads)
        return kNoThread;
    const ThreadId th = m_kernel.createThread(this, ThreadRole::Worker);
    // A fresh Worker that keeps the slot's toSpawn buffer, which a plain assignment would free and
    // build again on every thread a request creates.
    Worker &w = worker(th);
    std::vector<TaskId> toSpawn = std::move(w.toSpawn);
    toSpawn.clear();
    w = Worker{};
    w.toSpawn = std::move(toSpawn);
    w.task = task;
    w.pooled = pooled;
    w.committed = std::min(m_params.stackTouched, m_params.stackReserved);
    addStack(m_params.stackReserved, w.committed);
    addOther(m_params.taskMemory);
    traceStack(m_kernel.serial(th), StackOwner::Thread, m_params.stackReserved, w.committed);
    traceCounter(Counter::Threads, 0, m_kernel.liveThreads());
    if (m_kernel.liveThreads() >= m_nextMilestone) {
        narrate(NarrationKind::ThreadCreated, "{} OS threads alive, each reserving {} KiB of stack",
                m_kernel.liveThreads(), m_params.stackReserved / KiB);
        m_nextMilestone *= 10;
    }
    if (task != kNoTask)
        this->task(task).owner = th;
    return th;
}

void ThreadRuntime::endThread(ThreadId thread)
{
    Worker &w = m_workers[thread];
    addStack(-m_params.stackReserved, -w.committed);
    addOther(-m_params.taskMemory);
    traceStack(m_kernel.serial(thread), StackOwner::Thread, 0, 0);
    w.task = kNoTask;
    m_kernel.exitThread(thread);
    traceCounter(Counter::Threads, 0, m_kernel.liveThreads());
}

void ThreadRuntime::assign(ThreadId thread, TaskId t)
{
    m_workers[thread].task = t;
    m_workers[thread].next = Next::Advance;
    task(t).owner = thread;
}

void ThreadRuntime::admit(TaskId root)
{
    // A connection's buffers exist from accept, whether a thread serves it yet or it waits in the
    // pool's queue; a thread's own task_memory goes with the thread (startThread).
    const std::int64_t connection = heldMemory(root, 0, m_params.connectionMemory);
    if (m_params.mode == ThreadMode::Pool) {
        if (connection != 0)
            addOther(connection);
        if (m_idle.empty()) {
            m_queue.push_back(root);
            traceTask(root, TaskState::Runnable, Place::WorkQueue);
            traceCounter(Counter::RunQueue, 1, static_cast<std::int64_t>(m_queue.size()));
            // Told once per episode of exhaustion, as the connection pools are (narration.retell_after).
            if (newEpisode(m_queueWaitSeen))
                narrate(NarrationKind::PoolSaturated, "all {} pool threads are busy: request {} waits in the queue",
                        m_params.poolSize, requestSerial(root));
            return;
        }
        const ThreadId th = m_idle.front();
        m_idle.pop_front();
        assign(th, root);
        traceTask(root, TaskState::Runnable, Place::KernelQueue);
        runTask(th, root);
        return;
    }
    // The connection waits in the accept backlog until the accept loop has created its thread.
    m_accepting.push_back(root);
    traceTask(root, TaskState::Runnable, Place::WorkQueue);
    traceCounter(Counter::RunQueue, 1, static_cast<std::int64_t>(m_accepting.size()));
    if (!m_acceptorBusy)
        acceptNext();
}

void ThreadRuntime::acceptNext()
{
    while (!m_accepting.empty()) {
        const TaskId root = m_accepting.front();
        if (m_kernel.liveThreads() < m_params.maxThreads) {
            // pthread_create (clone, the stack's mapping) runs on the accept loop's thread.
            m_acceptorBusy = true;
            m_kernel.runBurst(m_acceptor, m_params.spawnCost,
                              {task(root).serial, requestSerial(root), SpanKind::Spawn});
            return;
        }
        m_accepting.pop_front(); // pthread_create fails at once (EAGAIN): the connection is refused
        traceCounter(Counter::RunQueue, 1, static_cast<std::int64_t>(m_accepting.size()));
        refuseRequest(root);
    }
    m_acceptorBusy = false; // back in accept()
}

void ThreadRuntime::accepted()
{
    const TaskId root = m_accepting.front();
    m_accepting.pop_front();
    traceCounter(Counter::RunQueue, 1, static_cast<std::int64_t>(m_accepting.size()));
    const ThreadId th = startThread(root, false);
    if (th == kNoThread) {
        refuseRequest(root);
    } else {
        if (const std::int64_t connection = heldMemory(root, 0, m_params.connectionMemory); connection != 0)
            addOther(connection);
        traceTask(root, TaskState::Runnable, Place::KernelQueue);
        runTask(th, root);
    }
    acceptNext();
}

void ThreadRuntime::runTask(ThreadId thread, TaskId t)
{
    // Its next step waits for the core; CPU work then starts the moment the core is there, so the
    // wait for the core and the work are one burst, which ends where advance() goes on.
    m_workers[thread].next = Next::Advance;
    Nanos work = Nanos::zero();
    takeCpuStep(t, work);
    m_kernel.runBurst(thread, work, {task(t).serial, requestSerial(t), SpanKind::Work});
}

void ThreadRuntime::execCpu(TaskId t, Nanos work, bool)
{
    const Task &k = task(t);
    m_kernel.runBurst(k.owner, work, {k.serial, requestSerial(t), SpanKind::Work});
}

void ThreadRuntime::execBlocking(TaskId t, Nanos length)
{
    traceTask(t, TaskState::Blocked);
    m_sim.after(length, this, kBlockingDone, t);
}

void ThreadRuntime::suspend(TaskId, TaskState)
{
    // The thread simply blocks: it has no burst pending, so the kernel gives its core away.
}

void ThreadRuntime::wake(TaskId t)
{
    // The thread is runnable again and needs a core before it can go on.
    traceTask(t, TaskState::Runnable, Place::KernelQueue);
    runTask(task(t).owner, t);
}

void ThreadRuntime::onModelEvent(const Event &event)
{
    CONVIZ_ASSERT(event.kind == kBlockingDone, "unknown thread-model event");
    wake(event.a);
}

void ThreadRuntime::spawn(TaskId parent, std::span<const TaskId> children)
{
    // pthread_create runs on the parent, one child at a time; each child starts as soon as it exists.
    Worker &w = m_workers[task(parent).owner];
    w.toSpawn.assign(children.begin(), children.end());
    w.spawned = 0;
    w.next = Next::SpawnNext;
    const Task &k = task(parent);
    m_kernel.runBurst(k.owner, m_params.spawnCost, {k.serial, requestSerial(parent), SpanKind::Spawn});
}

bool ThreadRuntime::reachStack(TaskId t, std::int64_t bytes)
{
    Worker &w = m_workers[task(t).owner];
    if (bytes > m_params.stackReserved) {
        narrate(NarrationKind::Info, "request {} needs {} KiB of stack but a thread reserves {} KiB: it would crash",
                requestSerial(t), bytes / KiB, m_params.stackReserved / KiB);
        bytes = m_params.stackReserved;
    }
    // Touched pages stay resident for the thread's life, so a pool thread keeps its high-water mark.
    const std::int64_t touched = std::max(w.committed, pageRound(bytes));
    if (touched != w.committed) {
        addStack(0, touched - w.committed);
        w.committed = touched;
        traceStack(m_kernel.serial(task(t).owner), StackOwner::Thread, m_params.stackReserved, touched);
    }
    return true;
}

void ThreadRuntime::finished(TaskId t)
{
    if (const std::int64_t connection = heldMemory(t, 0, m_params.connectionMemory); connection != 0)
        addOther(-connection); // nothing to record for a bare task: its thread holds all it has
    const ThreadId th = task(t).owner;
    Worker &w = m_workers[th];
    if (!w.pooled) {
        endThread(th);
        return;
    }
    // Back to the pool: the thread, still on its core, takes the next queued request.
    w.task = kNoTask;
    w.next = Next::PickNext;
    m_kernel.runBurst(th, Nanos::zero(), {0, kNoRequest, SpanKind::Work});
}

void ThreadRuntime::onDispatched(ThreadId thread, int core)
{
    if (thread < m_workers.size() && m_workers[thread].task != kNoTask)
        traceTask(m_workers[thread].task, TaskState::Running, Place::Core, core);
}

void ThreadRuntime::onPreempted(ThreadId thread)
{
    if (thread < m_workers.size() && m_workers[thread].task != kNoTask)
        traceTask(m_workers[thread].task, TaskState::Runnable, Place::KernelQueue);
}

void ThreadRuntime::onBurstDone(ThreadId thread)
{
    Worker &w = m_workers[thread];
    switch (w.next) {
    case Next::Accept: accepted(); return;
    case Next::Advance: advance(w.task); return;
    case Next::SpawnNext: {
        const TaskId parent = w.task;
        const TaskId child = w.toSpawn[w.spawned++];
        const ThreadId th = startThread(child, false);
        if (th == kNoThread) {
            refuseRequest(child);
        } else {
            traceTask(child, TaskState::Runnable, Place::KernelQueue);
            runTask(th, child);
        }
        Worker &self = m_workers[thread]; // startThread may have grown m_workers
        if (self.spawned < self.toSpawn.size()) {
            const Task &k = task(parent);
            m_kernel.runBurst(thread, m_params.spawnCost, {k.serial, requestSerial(parent), SpanKind::Spawn});
            return;
        }
        self.toSpawn.clear();
        self.next = Next::Advance;
        joinChildren(parent);
        return;
    }
    case Next::PickNext:
        if (m_queue.empty()) {
            m_idle.push_back(thread);
            return;
        }
        const TaskId t = m_queue.front();
        m_queue.pop_front();
        traceCounter(Counter::RunQueue, 1, static_cast<std::int64_t>(m_queue.size()));
        assign(thread, t);
        // The pool thread goes on to the request without leaving its core.
        traceTask(t, TaskState::Running, Place::Core, m_kernel.lastCore(thread));
        advance(t);
        return;
    }
}

} // namespace conviz
