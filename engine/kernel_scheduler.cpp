#include "engine/kernel_scheduler.h"

#include "engine/core/contract.h"

namespace conviz {

KernelScheduler::KernelScheduler(Simulation &sim, int cores, Nanos timeSlice, Nanos switchCost, Nanos measureFrom,
                                 Observer *observer)
    : m_sim(sim),
      m_observer(observer),
      m_slice(timeSlice),
      m_switchCost(switchCost),
      m_measureFrom(measureFrom),
      m_cores(static_cast<std::size_t>(cores)),
      m_idleMask((static_cast<std::size_t>(cores) + 63) / 64, 0),
      m_busy(static_cast<std::size_t>(cores))
{
    CONVIZ_ASSERT(cores >= 1, "a machine needs at least one core");
    CONVIZ_ASSERT(timeSlice > Nanos::zero(), "the kernel time slice must be positive");
    for (int c = 0; c < cores; ++c)
        setIdle(c, true);
}

ThreadId KernelScheduler::createThread(ThreadClient *client, ThreadRole role, std::int32_t group)
{
    ThreadId id;
    if (!m_freeIds.empty()) {
        id = m_freeIds.back();
        m_freeIds.pop_back();
    } else {
        id = static_cast<ThreadId>(m_threads.size());
        m_threads.emplace_back();
    }
    Thread &th = m_threads[id];
    th = Thread{};
    th.client = client;
    th.serial = m_nextSerial++;
    th.alive = true;
    ++m_created;
    if (++m_live > m_peakLive)
        m_peakLive = m_live;
    if (m_observer)
        m_observer->onThread({m_sim.now(), th.serial, role, group, false});
    return id;
}

void KernelScheduler::exitThread(ThreadId thread)
{
    Thread &th = m_threads[thread];
    CONVIZ_ASSERT(th.alive && !th.pending, "only a live thread with no pending burst can exit");
    th.alive = false;
    --m_live;
    if (m_observer)
        m_observer->onThread({m_sim.now(), th.serial, ThreadRole::Worker, 0, true});
    // The id may be reused: the core it last ran on must still charge a switch to whoever comes next.
    if (th.lastCore >= 0 && m_cores[static_cast<std::size_t>(th.lastCore)].last == thread)
        m_cores[static_cast<std::size_t>(th.lastCore)].last = kExitedThread;
    m_freeIds.push_back(thread);
}

void KernelScheduler::dispatch(int core, ThreadId thread)
{
    Core &c = m_cores[static_cast<std::size_t>(core)];
    Thread &th = m_threads[thread];
    const Nanos now = m_sim.now();
    Nanos cost{};
    if (th.woken || (c.last != thread && c.last != kNoThread)) {
        cost = m_switchCost;
        ++m_switches;
    }
    th.woken = false;
    const bool waited = th.waiting;
    if (waited && m_recordDelays && th.readyAt >= m_measureFrom)
        m_delays.push_back((now - th.readyAt).count());
    th.waiting = false;
    setIdle(core, false);
    c.running = thread;
    c.last = thread;
    c.switchStart = now;
    c.runStart = now + cost;
    if (th.sliceUsed >= m_slice)
        th.sliceUsed = Nanos::zero();
    // With nobody waiting, a slice's end would change nothing: the burst's end is the event.
    const Nanos room = m_slice - th.sliceUsed;
    c.lazy = th.remaining > room && m_runQueue.empty();
    m_lazyRuns += c.lazy;
    const Nanos length = c.lazy ? th.remaining : min(th.remaining, room);
    th.lastCore = core;
    m_sim.schedule(c.runStart + length, this, 0, static_cast<std::uint32_t>(core), ++c.event);
    if (waited && m_observer)
        th.client->onDispatched(thread, core);
}

void KernelScheduler::emitQueue()
{
    m_observer->onCounter({m_sim.now(), Counter::KernelQueue, 0, static_cast<std::int64_t>(m_runQueue.size())});
}

void KernelScheduler::addBusy(int core, Nanos from, Nanos to)
{
    if (to <= m_measureFrom)
        return;
    m_busy[static_cast<std::size_t>(core)] += to - max(from, m_measureFrom);
}

void KernelScheduler::emitRun(std::uint32_t core, Thread &th, Nanos from, Nanos to)
{
    if (th.leadLeft > Nanos::zero()) {
        const Nanos leadEnd = min(to, from + th.leadLeft);
        m_observer->onSpan({from, leadEnd, core, th.serial, th.tag.task, th.tag.request, th.leadKind});
        th.leadLeft -= leadEnd - from;
        from = leadEnd;
    }
    if (from < to)
        m_observer->onSpan({from, to, core, th.serial, th.tag.task, th.tag.request, th.tag.kind});
}

void KernelScheduler::endLazyRuns()
{
    const Nanos now = m_sim.now();
    for (std::size_t core = 0; m_lazyRuns > 0; ++core) {
        Core &c = m_cores[core];
        if (!c.lazy)
            continue;
        c.lazy = false;
        --m_lazyRuns;
        const Thread &th = m_threads[c.running];
        Nanos sliceEnd = c.runStart + (m_slice - th.sliceUsed);
        if (sliceEnd < now) // whole slices passed: the next end at or after now
            sliceEnd += m_slice * (((now - sliceEnd).count() + m_slice.count() - 1) / m_slice.count());
        // A burst that ends first keeps its event: its end is where the kernel picks again.
        if (sliceEnd < c.runStart + th.remaining)
            m_sim.schedule(sliceEnd, this, 0, static_cast<std::uint32_t>(core), ++c.event);
    }
}

void KernelScheduler::onEvent(const Event &event)
{
    Core &c = m_cores[event.a];
    if (event.b != c.event)
        return; // superseded: endLazyRuns() scheduled the run's slice end before it
    if (c.lazy) {
        c.lazy = false;
        --m_lazyRuns;
    }
    const auto coreIndex = static_cast<int>(event.a);
    const ThreadId thread = c.running;
    Thread &th = m_threads[thread];
    const Nanos now = m_sim.now();
    const Nanos ran = now - c.runStart;

    addBusy(coreIndex, c.switchStart, now);
    if (m_observer) {
        if (c.runStart > c.switchStart)
            m_observer->onSpan(
                {c.switchStart, c.runStart, event.a, th.serial, th.tag.task, th.tag.request, SpanKind::Switch});
        if (ran > Nanos::zero())
            emitRun(event.a, th, c.runStart, now);
    }
    th.remaining -= ran;
    // Slice ends passed on the way (lazy runs) each began a new slice; a run that ends on a slice's
    // end has used that slice whole.
    const std::int64_t used = (th.sliceUsed + ran).count(), slice = m_slice.count();
    th.sliceUsed = Nanos{used <= slice ? used : (used - 1) % slice + 1};

    if (th.remaining > Nanos::zero()) {
        // The slice ran out first. Round robin: to the back of the queue if anyone is waiting.
        th.sliceUsed = Nanos::zero();
        if (m_runQueue.empty()) {
            dispatch(coreIndex, thread);
        } else {
            th.readyAt = now; // its wait for the CPU starts now, not when its burst began
            th.waiting = true;
            m_runQueue.push_back(thread);
            traceQueue();
            if (m_observer)
                th.client->onPreempted(thread);
            c.running = kNoThread;
            takeNext(coreIndex);
        }
        return;
    }

    th.pending = false;
    c.running = kNoThread;
    c.finishing = thread;
    th.client->onBurstDone(thread);
    // If the client started another burst on this thread, it is already running here again.
    c.finishing = kNoThread;
    if (c.running == kNoThread)
        takeNext(coreIndex);
}

void KernelScheduler::takeNext(int core)
{
    if (m_runQueue.empty()) {
        setIdle(core, true);
        return;
    }
    const ThreadId next = m_runQueue.front();
    m_runQueue.pop_front();
    traceQueue();
    dispatch(core, next);
}

} // namespace conviz
