// The operating system's CPU scheduler, shared by all three models: OS threads on cores, one FIFO
// run queue, round-robin time slices, a cost per context switch. The threads model runs every
// request on one of these threads; Go's Ms and Node's loop and pool threads are threads here too,
// so oversubscribed cores behave the same way in every model.
//
// A context switch is charged whenever a core starts running a thread that was not running on it
// just before: another thread's, a preempted thread's, or a sleeping thread's (new, blocked in a
// wait, idle in epoll_wait or on a futex) even on a core that sat idle since that thread last ran
// there, since the core then switches from its idle task. A thread that finishes a burst and starts
// another at once keeps its core without a switch.
//
// A slice's end only matters when a thread waits for a core, so it is an event only then: a run that
// starts while nobody waits has one event, at its burst's end, until a thread has to wait; then its
// next slice end (at or after that instant) becomes an event. A slice end that falls at the very
// instant a thread starts waiting is handled after the events already due at that instant.
//
// Approximations (docs/models.md): one global run queue instead of per-CPU queues with load
// balancing; equal-weight round robin instead of EEVDF's virtual deadlines; a woken thread never
// preempts a running one before its slice ends.
#pragma once

#include "engine/core/contract.h"
#include "engine/fifo.h"
#include "engine/sample_log.h"
#include "engine/simulation.h"
#include "engine/trace.h"

#include <bit>
#include <cstdint>
#include <vector>

namespace conviz {

using ThreadId = std::uint32_t;
inline constexpr ThreadId kNoThread = 0xffffffffu;
inline constexpr ThreadId kExitedThread = 0xfffffffeu;

// The owner of a thread hears when the thread's CPU burst is done.
class ThreadClient {
public:
    // Called at the instant the burst ends. The client may call runBurst(thread, ...) right away:
    // the thread then keeps its core (no switch) while its time slice lasts.
    virtual void onBurstDone(ThreadId thread) = 0;
    // Called when the thread gets core `core` after waiting for it (for the trace).
    virtual void onDispatched(ThreadId thread, int core) { (void)thread, (void)core; }
    // Called when the thread's time slice ran out and it went back to the run queue (for the trace).
    virtual void onPreempted(ThreadId thread) { (void)thread; }

protected:
    ~ThreadClient() = default;
};

// What a burst is, for the trace.
struct BurstTag {
    std::uint64_t task = 0;
    std::uint32_t request = kNoRequest;
    SpanKind kind = SpanKind::Work;
};

class KernelScheduler final : public EventHandler {
public:
    // `measureFrom`: busy time before it is not counted (warm-up).
    KernelScheduler(Simulation &sim, int cores, Nanos timeSlice, Nanos switchCost, Nanos measureFrom,
                    Observer *observer);

    // A new thread, not runnable. Returns its id (ids of exited threads are reused; serial() is not).
    ThreadId createThread(ThreadClient *client, ThreadRole role, std::int32_t group = 0);
    // Precondition: the thread is neither running nor runnable.
    void exitThread(ThreadId thread);

    // Makes the thread runnable with `work` of CPU to do. Precondition: it has no burst pending.
    // Inline: every model calls it for each CPU step, wake-up and dispatch overhead.
    void runBurst(ThreadId thread, Nanos work, BurstTag tag)
    {
        Thread &th = m_threads[thread];
        CONVIZ_ASSERT(th.alive && !th.pending, "a thread runs one burst at a time");
        th.pending = true;
        th.remaining = work;
        // Field by field: a whole copy moves the tag's 13 bytes in two overlapping 8-byte loads from
        // where the caller just stored it, the second spanning two stores, which stalls every burst.
        th.tag.task = tag.task;
        th.tag.request = tag.request;
        th.tag.kind = tag.kind;
        th.readyAt = m_sim.now();

        // The thread is giving up its core only now, inside onBurstDone: it keeps running there.
        if (th.lastCore >= 0) {
            const auto core = static_cast<std::size_t>(th.lastCore);
            if (m_cores[core].finishing == thread) {
                m_cores[core].finishing = kNoThread;
                if (th.sliceUsed >= m_slice && !m_runQueue.empty()) {
                    th.sliceUsed = Nanos::zero();
                    th.waiting = true;
                    m_runQueue.push_back(thread);
                    traceQueue();
                    if (m_observer)
                        th.client->onPreempted(thread);
                } else {
                    dispatch(th.lastCore, thread);
                }
                return;
            }
        }
        th.sliceUsed = Nanos::zero();
        th.waiting = true;
        th.woken = true; // it was asleep: whichever core it gets switches to it
        const int core = idleCore(th);
        if (core >= 0) {
            dispatch(core, thread);
        } else {
            m_runQueue.push_back(thread);
            traceQueue();
            if (m_runQueue.size() == 1 && m_lazyRuns > 0)
                endLazyRuns();
        }
    }

    // Same, where the burst's first `lead` of its `work` is a part of another kind (a goroutine
    // switch before the goroutine's work): the trace shows that part as a span of `leadKind`. One
    // burst instead of two when nothing the client decides between them depends on the moment the
    // first part ends. Precondition: lead <= work.
    void runBurst(ThreadId thread, Nanos work, BurstTag tag, Nanos lead, SpanKind leadKind)
    {
        CONVIZ_ASSERT(lead <= work, "a burst's lead is part of its work");
        if (m_observer) {
            m_threads[thread].leadLeft = lead;
            m_threads[thread].leadKind = leadKind;
        }
        runBurst(thread, work, tag);
    }

    std::uint32_t serial(ThreadId thread) const { return m_threads[thread].serial; }
    // The core the thread runs on or last ran on; −1 if it never ran.
    int lastCore(ThreadId thread) const { return m_threads[thread].lastCore; }
    int cores() const { return static_cast<int>(m_cores.size()); }
    int liveThreads() const { return m_live; }
    int peakThreads() const { return m_peakLive; }
    std::int64_t threadsCreated() const { return m_created; }
    std::int64_t switches() const { return m_switches; }
    std::size_t runQueueLength() const { return m_runQueue.size(); }
    // Busy time per core since measureFrom, up to now.
    const std::vector<Nanos> &busyTime() const { return m_busy; }
    // Runnable → running delays of bursts that became runnable after measureFrom, until
    // stopDispatchDelays().
    const SampleLog &dispatchDelays() const { return m_delays; }
    bool recordsDispatchDelays() const { return m_recordDelays; }
    // Drops the delays recorded so far and records no more: for a model that records its own.
    void stopDispatchDelays()
    {
        m_recordDelays = false;
        m_delays = {};
    }

    void onEvent(const Event &event) override;

private:
    struct Core {
        ThreadId running = kNoThread;
        ThreadId last = kNoThread;      // who ran here last: switching away from it costs a switch
        ThreadId finishing = kNoThread; // the thread whose burst just ended, during onBurstDone
        Nanos switchStart{};
        Nanos runStart{};
        // The run's slice ends are not events: nobody waited for a core when it started, so its
        // event is the burst's end (endLazyRuns() makes the next slice end one when someone waits).
        // Set only when a slice ends before the burst does.
        bool lazy = false;
        // The number of the core's latest event; an event with another number was superseded.
        std::uint64_t event = 0;
    };
    struct Thread {
        ThreadClient *client = nullptr;
        Nanos remaining{};
        Nanos sliceUsed{};
        Nanos readyAt{};
        BurstTag tag;
        // The part of the burst's lead (runBurst with a lead) not yet run; kept only for the trace.
        Nanos leadLeft{};
        SpanKind leadKind = SpanKind::Switch;
        std::int32_t lastCore = -1;
        std::uint32_t serial = 0;
        bool alive = false;
        bool pending = false; // has a burst: runnable or running
        bool waiting = false; // runnable and not yet on a core since readyAt
        bool woken = false;   // asleep (new, blocked, idle) before this burst: its dispatch is a switch
    };

    void dispatch(int core, ThreadId thread);
    void takeNext(int core);
    // Someone now waits for a core: every run that started while nobody waited gets an event at its
    // next slice end (at or after now), where the kernel can preempt it.
    void endLazyRuns();
    // Inline, as setIdle: runBurst, inline in the models, asks for an idle core on every wake-up.
    int idleCore(const Thread &th) const
    {
        // Prefer the core the thread last ran on (its cache is warm there), else the lowest idle core.
        if (th.lastCore >= 0) {
            const auto c = static_cast<std::size_t>(th.lastCore);
            if (m_idleMask[c / 64] & (1ULL << (c % 64)))
                return th.lastCore;
        }
        for (std::size_t w = 0; w < m_idleMask.size(); ++w)
            if (m_idleMask[w] != 0)
                return static_cast<int>(w * 64 + static_cast<std::size_t>(std::countr_zero(m_idleMask[w])));
        return -1;
    }

    void setIdle(int core, bool idle)
    {
        const auto c = static_cast<std::size_t>(core);
        if (idle)
            m_idleMask[c / 64] |= 1ULL << (c % 64);
        else
            m_idleMask[c / 64] &= ~(1ULL << (c % 64));
    }

    void addBusy(int core, Nanos from, Nanos to);
    // The trace's spans of what `thread` ran on `core` from `from` to `to`: its lead's part first.
    void emitRun(std::uint32_t core, Thread &th, Nanos from, Nanos to);
    // Inline: runBurst, inline in the models, calls it whenever a woken thread finds no idle core.
    void traceQueue()
    {
        if (m_observer)
            emitQueue();
    }
    void emitQueue();

    Simulation &m_sim;
    Observer *m_observer;
    Nanos m_slice;
    Nanos m_switchCost;
    Nanos m_measureFrom;
    std::vector<Core> m_cores;
    std::vector<std::uint64_t> m_idleMask; // bit per idle core
    std::vector<Nanos> m_busy;
    std::vector<Thread> m_threads;
    std::vector<ThreadId> m_freeIds;
    Fifo<ThreadId> m_runQueue;
    int m_lazyRuns = 0; // cores whose run's next slice end is not an event
    SampleLog m_delays;
    bool m_recordDelays = true;
    std::uint32_t m_nextSerial = 1;
    int m_live = 0;
    int m_peakLive = 0;
    std::int64_t m_created = 0;
    std::int64_t m_switches = 0;
};

} // namespace conviz
