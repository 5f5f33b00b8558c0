#include "engine/event_loop_runtime.h"

#include "engine/core/contract.h"

#include <algorithm>

namespace conviz {
namespace {
constexpr std::int64_t kPage = 4 * KiB;
constexpr Nanos kLongCallback{10'000'000}; // narrate callbacks that hold the loop this long
} // namespace

EventLoopRuntime::EventLoopRuntime(const Scenario &scenario, Observer *observer)
    : Runtime(scenario, ModelKind::EventLoop, observer),
      m_params(scenario.eventLoop),
      m_processes(static_cast<std::size_t>(scenario.eventLoop.processes)),
      m_gcOn(scenario.alloc > 0),
      m_nurseries(static_cast<std::size_t>(scenario.eventLoop.processes), V8Nursery(scenario.eventLoop)),
      m_gc(scenario, true)
{
    for (int p = 0; p < m_params.processes; ++p) {
        addOther(m_params.baselineMemory);
        Process &proc = m_processes[static_cast<std::size_t>(p)];
        proc.loop = newThread(ThreadRole::Loop, p);
        proc.stackCommitted = m_params.threadStackCommitted;
    }
}

ThreadId EventLoopRuntime::newThread(ThreadRole role, int p)
{
    const ThreadId th = m_kernel.createThread(this, role, p);
    const auto index = static_cast<std::size_t>(th);
    if (m_loopOf.size() <= index) {
        m_loopOf.resize(index + 1, -1);
        m_poolThreads.resize(index + 1);
    }
    m_loopOf[index] = role == ThreadRole::Loop ? p : -1;
    m_poolThreads[index].process = p;
    addStack(m_params.threadStackReserved, m_params.threadStackCommitted);
    traceStack(m_kernel.serial(th), StackOwner::Thread, m_params.threadStackReserved, m_params.threadStackCommitted);
    traceCounter(Counter::Threads, 0, m_kernel.liveThreads());
    return th;
}

void EventLoopRuntime::admit(TaskId root)
{
    // The cluster primary deals connections round-robin to the worker processes.
    const auto p = static_cast<int>(requestSerial(root) % static_cast<std::uint32_t>(m_params.processes));
    task(root).owner = static_cast<std::uint32_t>(p);
    addOther(heldMemory(root, m_params.taskMemory, m_params.connectionMemory));
    if (m_gcOn)
        gcAllocate(p);
    enqueue(p, root, false);
}

void EventLoopRuntime::gcAllocate(int p)
{
    const Nanos now = m_sim.now();
    m_gc.allocated(now, m_scenario.alloc);
    const V8Nursery::Scavenges s = m_nurseries[static_cast<std::size_t>(p)].allocate(m_scenario.alloc);
    if (s.count == 0)
        return;
    // The request's first callback allocates; V8 stops the JavaScript thread to scavenge, so every
    // callback that is ready meanwhile waits (event-loop lag). The loop pays before its next callback.
    for (std::int64_t i = 0; i < s.count; ++i)
        m_gc.cycle(now);
    m_gc.pauses(now, s.count, s.pause, s.longest);
    m_processes[static_cast<std::size_t>(p)].gcDebt += s.pause;
}

void EventLoopRuntime::enqueue(int p, TaskId t, bool micro)
{
    Process &proc = m_processes[static_cast<std::size_t>(p)];
    task(t).readyAt = m_sim.now();
    (micro ? proc.microtasks : proc.macrotasks).push_back({t, m_sim.now()});
    traceTask(t, TaskState::Runnable, micro ? Place::MicrotaskQueue : Place::CallbackQueue, p);
    traceCounter(Counter::RunQueue, p, static_cast<std::int64_t>(proc.macrotasks.size() + proc.microtasks.size()));
    if (proc.busy)
        return;
    // The loop thread sleeps in epoll_wait: it needs a core (and a context switch) to run callbacks.
    proc.busy = true;
    proc.waking = true;
    m_kernel.runBurst(proc.loop, Nanos::zero(), {task(t).serial, requestSerial(t), SpanKind::Dispatch});
}

void EventLoopRuntime::runLoop(int p)
{
    Process &proc = m_processes[static_cast<std::size_t>(p)];
    proc.busy = true;
    while (proc.current == kNoTask) {
        if (proc.gcDebt > Nanos::zero()) {
            m_gc.cpu(m_sim.now(), proc.gcDebt);
            proc.inGc = true;
            m_kernel.runBurst(proc.loop, proc.gcDebt, {0, kNoRequest, SpanKind::Gc});
            proc.gcDebt = Nanos::zero();
            return;
        }
        // Microtasks (promise continuations) drain before the next I/O callback.
        Fifo<Callback> &queue = proc.microtasks.empty() ? proc.macrotasks : proc.microtasks;
        if (queue.empty()) {
            proc.busy = false; // back to epoll_wait
            return;
        }
        const Callback cb = queue.front();
        const bool macrotask = &queue == &proc.macrotasks;
        queue.pop_front();
        if (macrotask && tracing()) // the lag only feeds the narration
            watchLag(p, m_sim.now() - cb.readyAt);
        traceCounter(Counter::RunQueue, p, static_cast<std::int64_t>(proc.macrotasks.size() + proc.microtasks.size()));
        proc.current = cb.task;
        recordSchedulingDelay(cb.readyAt);
        traceTask(cb.task, TaskState::Running, Place::None, p);
        if (m_params.callbackCost > Nanos::zero()) {
            m_kernel.runBurst(proc.loop, m_params.callbackCost,
                              {task(cb.task).serial, requestSerial(cb.task), SpanKind::Dispatch});
            return;
        }
        advance(cb.task);
    }
}

void EventLoopRuntime::watchLag(int p, Nanos lag)
{
    // Event-loop lag as Node's monitorEventLoopDelay sees it: how long a ready callback waited for
    // the loop. Told once when it crosses the alert and again only after it has fallen back below
    // half the alert, so a loop that stays behind makes one line, not one per callback.
    Process &proc = m_processes[static_cast<std::size_t>(p)];
    const Nanos alert = m_scenario.narration.loopLagAlert;
    if (!proc.lagging && lag >= alert) {
        proc.lagging = true;
        narrate(NarrationKind::LoopDelay,
                "process {}'s event loop lags {:.1f} ms (alert at {:.0f} ms): {} callbacks wait", p, lag.toMillis(),
                alert.toMillis(), proc.macrotasks.size());
    } else if (proc.lagging && 2 * lag.count() < alert.count()) {
        proc.lagging = false;
    }
}

void EventLoopRuntime::execCpu(TaskId t, Nanos work, bool offload)
{
    if (offload) {
        // Native code on a libuv thread (crypto.pbkdf2 and zlib are C++): cpu_factor, which stands
        // for JavaScript against Go, does not apply.
        submitToPool(t, work, true);
        return;
    }
    const Nanos js = scaled(work, m_params.cpuFactor);
    const int p = static_cast<int>(task(t).owner);
    if (js >= kLongCallback)
        narrate(NarrationKind::LoopLag, "request {} holds process {}'s event loop for {:.1f} ms; {} callbacks wait",
                requestSerial(t), p, js.toMillis(), m_processes[static_cast<std::size_t>(p)].macrotasks.size());
    m_kernel.runBurst(m_processes[static_cast<std::size_t>(p)].loop, js,
                      {task(t).serial, requestSerial(t), SpanKind::Work});
}

void EventLoopRuntime::execBlocking(TaskId t, Nanos length) { submitToPool(t, length, false); }

void EventLoopRuntime::submitToPool(TaskId t, Nanos length, bool cpu)
{
    const int p = static_cast<int>(task(t).owner);
    Process &proc = m_processes[static_cast<std::size_t>(p)];
    proc.current = kNoTask; // the callback returns; the work continues off the loop
    if (proc.poolThreads.empty()) {
        for (int i = 0; i < m_params.threadpool; ++i) {
            const ThreadId th = newThread(ThreadRole::PoolThread, p);
            proc.poolThreads.push_back(th);
            proc.idlePool.push_back(th);
        }
    }
    const PoolJob job{t, length, cpu};
    if (proc.idlePool.empty()) {
        proc.poolQueue.push_back(job);
        traceTask(t, TaskState::Blocked, Place::UvQueue, p);
        traceCounter(Counter::UvQueue, p, static_cast<std::int64_t>(proc.poolQueue.size()));
        if (newEpisode(proc.poolWaitSeen))
            narrate(NarrationKind::PoolSaturated,
                    "libuv pool of {} is full in process {}: request {} queues ({} waiting)", m_params.threadpool, p,
                    requestSerial(t), proc.poolQueue.size());
        return;
    }
    const ThreadId th = proc.idlePool.front();
    proc.idlePool.pop_front();
    startPoolJob(p, th, job);
}

void EventLoopRuntime::startPoolJob(int p, ThreadId thread, const PoolJob &job)
{
    m_poolThreads[thread].job = job;
    if (tracing()) {
        const auto &threads = m_processes[static_cast<std::size_t>(p)].poolThreads;
        const auto slot = std::find(threads.begin(), threads.end(), thread) - threads.begin();
        traceTask(job.task, TaskState::Blocked, Place::UvThread, p, static_cast<std::int32_t>(slot));
    }
    // An idle pool thread wakes from its condition variable; a busy one takes the job on its core.
    m_poolThreads[thread].phase = job.cpu ? PoolPhase::Cpu : PoolPhase::Calling;
    m_kernel.runBurst(thread, job.cpu ? job.length : Nanos::zero(),
                      {task(job.task).serial, requestSerial(job.task), SpanKind::Work});
}

void EventLoopRuntime::poolJobDone(ThreadId thread)
{
    PoolThread &pt = m_poolThreads[thread];
    const int p = pt.process;
    Process &proc = m_processes[static_cast<std::size_t>(p)];
    const TaskId done = pt.job.task;
    pt.job = {};
    if (proc.poolQueue.empty()) {
        proc.idlePool.push_back(thread);
    } else {
        const PoolJob next = proc.poolQueue.front();
        proc.poolQueue.pop_front();
        traceCounter(Counter::UvQueue, p, static_cast<std::int64_t>(proc.poolQueue.size()));
        startPoolJob(p, thread, next);
    }
    enqueue(p, done, false); // the completion callback runs on the loop
}

void EventLoopRuntime::suspend(TaskId t, TaskState) { m_processes[task(t).owner].current = kNoTask; }

void EventLoopRuntime::wake(TaskId t)
{
    // I/O completions arrive as callbacks; a finished Promise.all resumes its awaiter as a microtask.
    enqueue(static_cast<int>(task(t).owner), t, task(t).waitingFor == TaskState::Joining);
}

void EventLoopRuntime::spawn(TaskId parent, std::span<const TaskId> children)
{
    // Promise.all over async calls: each child starts as a microtask of the same process.
    const std::uint32_t p = task(parent).owner;
    for (TaskId c : children) {
        task(c).owner = p;
        addOther(m_params.taskMemory);
        enqueue(static_cast<int>(p), c, true);
    }
    joinChildren(parent);
}

bool EventLoopRuntime::reachStack(TaskId t, std::int64_t bytes)
{
    // JavaScript frames live on the loop thread's stack and unwind after every callback; the deepest
    // call stays resident.
    Process &proc = m_processes[task(t).owner];
    const std::int64_t touched = (std::min(bytes, m_params.threadStackReserved) + kPage - 1) / kPage * kPage;
    if (touched > proc.stackCommitted) {
        addStack(0, touched - proc.stackCommitted);
        proc.stackCommitted = touched;
        traceStack(m_kernel.serial(proc.loop), StackOwner::Thread, m_params.threadStackReserved, touched);
    }
    return true;
}

void EventLoopRuntime::finished(TaskId t)
{
    addOther(-heldMemory(t, m_params.taskMemory, m_params.connectionMemory));
    if (m_gcOn && task(t).parent == kNoTask)
        m_nurseries[task(t).owner].release(m_scenario.alloc); // the request's objects are garbage now
    Process &proc = m_processes[task(t).owner];
    if (proc.current == t)
        proc.current = kNoTask;
}

void EventLoopRuntime::onModelEvent(const Event &event)
{
    CONVIZ_ASSERT(event.kind == kPoolSleepDone, "unknown event-loop event");
    // The call returns: the pool thread needs a core again to post the completion.
    const ThreadId thread = event.a;
    PoolThread &pt = m_poolThreads[thread];
    pt.phase = PoolPhase::Returning;
    m_kernel.runBurst(thread, Nanos::zero(), {task(pt.job.task).serial, requestSerial(pt.job.task), SpanKind::Work});
}

void EventLoopRuntime::onBurstDone(ThreadId thread)
{
    const int p = m_loopOf[thread];
    if (p < 0) {
        PoolThread &pt = m_poolThreads[thread];
        if (pt.phase == PoolPhase::Calling)
            m_sim.after(pt.job.length, this, kPoolSleepDone, thread); // the pool thread sleeps in the call
        else
            poolJobDone(thread); // offloaded CPU work finished, or the blocking call returned
        return;
    }
    Process &proc = m_processes[static_cast<std::size_t>(p)];
    if (proc.inGc) {
        proc.inGc = false; // the scavenge is over: the callbacks go on
        runLoop(p);
        return;
    }
    if (proc.waking) {
        proc.waking = false; // out of epoll_wait and on a core: run the ready callbacks
        runLoop(p);
        return;
    }
    // A callback's dispatch overhead or one of its CPU steps is done: the callback goes on.
    advance(proc.current);
    if (proc.current == kNoTask)
        runLoop(p);
}

void EventLoopRuntime::fillMetrics(ModelMetrics &m)
{
    Nanos busy{};
    for (const Nanos b : m_kernel.busyTime())
        busy += b;
    m.gc = m_gc.summary(busy);
}

} // namespace conviz
