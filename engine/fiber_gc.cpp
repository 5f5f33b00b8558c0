// Go's garbage collector as a cost on the Ps (after golang/go src/runtime/mgc.go, mgcpacer.go):
// the pacer (engine/gc.h) says when a cycle starts; a cycle stops the world, runs the mark on a
// quarter of the Ps (dedicated mark workers) and stops the world again. A P pays at its next
// scheduling point: a P that is running a goroutine finishes its current burst first (at most one
// time slice), so the pause delays it by the right amount, a little later than in Go, which
// preempts within microseconds. Mark assists and the sweeper are left out (docs/models.md).
#include "engine/fiber_runtime.h"

#include "engine/core/contract.h"

#include <algorithm>
#include <cmath>

namespace conviz {

void FiberRuntime::gcAllocate()
{
    if (!m_gcOn)
        return;
    m_gc.allocated(m_sim.now(), m_scenario.alloc);
    if (m_pacer.allocate(m_scenario.alloc) && !m_pacer.inCycle())
        startGcCycle();
}

void FiberRuntime::startGcCycle()
{
    const std::int64_t live = m_pacer.beginCycle();
    m_gc.cycle(m_sim.now());
    // gcControllerState.startCycle: dedicated workers for 25 % of GOMAXPROCS, rounded, at least
    // one (Go adds a fractional worker where rounding is far off; its CPU is the same in total).
    const auto procs = static_cast<double>(m_procs.size());
    const int workers = std::max(1, static_cast<int>(std::lround(procs * 0.25)));
    // Told once: a busy heap starts a cycle every few milliseconds, which would drown the story.
    if (!m_gcTold) {
        m_gcTold = true;
        narrate(NarrationKind::Info,
                "the first GC cycle starts: the heap grew by {:.1f} MiB; {:.1f} MiB live to mark on {} of {} Ps, "
                "after a stop-the-world pause",
                static_cast<double>(m_pacer.triggerGap()) / MiB, static_cast<double>(live) / MiB, workers,
                m_procs.size());
    }
    stopTheWorld(); // sweep termination
    const Nanos work{std::llround(static_cast<double>(live) * m_params.gcMarkCost)};
    if (work == Nanos::zero()) {
        stopTheWorld(); // mark termination
        m_pacer.endCycle();
        return;
    }
    m_markShare = work / workers;
    m_markSlots = workers;
    m_marking = 0;
    // A worker needs a P: idle Ps are started for it (the scheduler's findRunnableGCWorker runs on
    // any P that schedules); busy Ps take the remaining slots at their next scheduling point.
    for (int k = 0; k < workers && !m_pidle.empty(); ++k)
        startM(pidleGet(), Next::Schedule);
}

void FiberRuntime::stopTheWorld()
{
    const Nanos pause = m_params.gcStwPause;
    if (pause == Nanos::zero())
        return;
    const Nanos now = m_sim.now();
    m_stwEnd = max(m_stwEnd, now + pause);
    m_gc.pause(now, pause);
    // Every P that runs goroutines stops; an idle P has nothing to stop, but one woken before the
    // world starts again waits for it (payGc).
    for (Proc &P : m_procs)
        if (P.status == PStatus::Running && P.m != kNoThread)
            P.gcDebt += pause;
}

void FiberRuntime::markDone()
{
    CONVIZ_ASSERT(m_marking > 0, "a mark worker finished that never started");
    if (--m_marking > 0 || m_markSlots > 0)
        return;
    stopTheWorld(); // mark termination
    m_pacer.endCycle();
}

bool FiberRuntime::payGc(ThreadId thread)
{
    Machine &M = m_machines[thread];
    Proc &P = proc(M.p);
    if (M.next == Next::Gc) {
        M.next = M.afterGc;
        if (P.gcWorker) {
            P.gcWorker = false;
            markDone();
        }
    }
    if (m_markSlots > 0 && !P.gcWorker) {
        --m_markSlots;
        ++m_marking;
        P.gcWorker = true;
        P.gcDebt += m_markShare;
    }
    const Nanos now = m_sim.now();
    const Nanos owed = max(P.gcDebt, m_stwEnd - now);
    P.gcDebt = Nanos::zero();
    if (owed <= Nanos::zero())
        return false;
    m_gc.cpu(now, owed);
    M.afterGc = M.next;
    M.next = Next::Gc;
    m_kernel.runBurst(thread, owed, {0, kNoRequest, SpanKind::Gc});
    return true;
}

void FiberRuntime::fillMetrics(ModelMetrics &m)
{
    Nanos busy{};
    for (const Nanos b : m_kernel.busyTime())
        busy += b;
    m.gc = m_gc.summary(busy);
}

} // namespace conviz
