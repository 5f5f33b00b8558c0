// The queues of Go's scheduler: where runnable goroutines wait and how a P finds the next one
// (findRunnable, runqsteal, runqput, globrunqget), and how idle Ps and Ms are woken and parked.
#include "engine/fiber_runtime.h"

#include "engine/core/contract.h"

#include <algorithm>

namespace conviz {
namespace {
constexpr int kStealTries = 4; // proc.go stealTries
} // namespace

// --- finding work -----------------------------------------------------------------------------------

TaskId FiberRuntime::findRunnable(int p, bool &inheritTime)
{
    Proc &P = proc(p);
    const auto nprocs = static_cast<std::size_t>(m_procs.size());
    const auto takeGlobal = [&](std::size_t most) {
        // globrunqget: a fair share of the global queue, at most half a local queue.
        std::size_t n = std::min(m_global.size(), m_global.size() / nprocs + 1);
        n = std::min(n, std::max<std::size_t>(1, static_cast<std::size_t>(m_params.localQueue) / 2));
        if (most > 0)
            n = std::min(n, most);
        const TaskId g = m_global.front();
        m_global.pop_front();
        for (std::size_t i = 1; i < n; ++i) {
            runqPut(p, m_global.front(), false);
            m_global.pop_front();
        }
        traceCounter(Counter::GlobalQueue, 0, static_cast<std::int64_t>(m_global.size()));
        return g;
    };

    if (P.schedtick % static_cast<std::uint32_t>(m_params.globalCheckInterval) == 0 && !m_global.empty())
        return takeGlobal(1);
    if (P.runnext != kNoTask) {
        const TaskId g = P.runnext;
        P.runnext = kNoTask;
        inheritTime = true;
        return g;
    }
    if (!P.local.empty()) {
        const TaskId g = P.local.front();
        P.local.pop_front();
        return g;
    }
    if (!m_global.empty())
        return takeGlobal(0);
    if (!m_netpollReady.empty()) {
        m_lastPoll = m_sim.now();
        const TaskId g = m_netpollReady.front();
        m_netpollReady.pop_front();
        for (TaskId other : m_netpollReady)
            globalPut(other);
        m_netpollReady.clear();
        if (!m_global.empty())
            wakeP();
        return g;
    }
    return stealWork(p);
}

TaskId FiberRuntime::stealWork(int p)
{
    const auto n = static_cast<std::uint32_t>(m_procs.size());
    if (n < 2)
        return kNoTask;
    if (!anythingToSteal(p)) {
        // Every try would come back empty-handed. The generator still moves on as if they ran (two
        // below() per try, one word each), so the draws that follow stay those of a run that made them.
        for (int draw = 0; draw < 2 * kStealTries; ++draw)
            m_rng.next();
        return kNoTask;
    }
    Proc &P = proc(p);
    for (int attempt = 0; attempt < kStealTries; ++attempt) {
        const bool last = attempt == kStealTries - 1;
        const std::uint32_t start = m_rng.below(n);
        const std::uint32_t stride = m_coprimes[m_rng.below(static_cast<std::uint32_t>(m_coprimes.size()))];
        // Victims start, start + stride, ... (mod n); stride < n, so one subtraction wraps.
        for (std::uint32_t i = 0, v = start; i < n; ++i, v = v + stride >= n ? v + stride - n : v + stride) {
            if (static_cast<int>(v) == p)
                continue;
            Proc &V = proc(static_cast<int>(v));
            const std::size_t take = V.local.size() - V.local.size() / 2;
            if (take > 0) {
                // runqsteal: the oldest half moves over; the thief runs the last one it took.
                for (std::size_t k = 0; k + 1 < take; ++k) {
                    P.local.push_back(V.local.front());
                    traceTask(V.local.front(), TaskState::Runnable, Place::LocalQueue, p);
                    V.local.pop_front();
                }
                const TaskId g = V.local.front();
                V.local.pop_front();
                m_counters.steals += static_cast<std::int64_t>(take);
                narrate(NarrationKind::Steal, "P{} steals {} goroutine{} from P{}", p, take, take == 1 ? "" : "s", v);
                traceQueues(static_cast<int>(v));
                return g;
            }
            if (last && V.runnext != kNoTask && V.status == PStatus::Running) {
                const TaskId g = V.runnext;
                V.runnext = kNoTask;
                ++m_counters.steals;
                narrate(NarrationKind::Steal, "P{} steals G{} from P{}'s runnext", p, task(g).serial, v);
                traceQueues(static_cast<int>(v));
                return g;
            }
        }
    }
    return kNoTask;
}

bool FiberRuntime::anythingToSteal(int p) const
{
    for (std::size_t v = 0; v < m_procs.size(); ++v) {
        const Proc &V = m_procs[v];
        if (static_cast<int>(v) != p && (!V.local.empty() || (V.runnext != kNoTask && V.status == PStatus::Running)))
            return true;
    }
    return false;
}

void FiberRuntime::runqPut(int p, TaskId g, bool next)
{
    Proc &P = proc(p);
    if (next) {
        const TaskId kicked = P.runnext;
        P.runnext = g;
        traceTask(g, TaskState::Runnable, Place::RunNext, p);
        if (kicked == kNoTask) {
            traceQueues(p);
            return;
        }
        g = kicked;
    }
    if (P.local.size() < static_cast<std::size_t>(m_params.localQueue)) {
        P.local.push_back(g);
        traceTask(g, TaskState::Runnable, Place::LocalQueue, p);
        traceQueues(p);
        return;
    }
    // runqputslow: half the local queue and the newcomer go to the global queue.
    const std::size_t half = P.local.size() / 2;
    for (std::size_t i = 0; i < half; ++i) {
        globalPut(P.local.front());
        P.local.pop_front();
    }
    globalPut(g);
    narrate(NarrationKind::QueueOverflow, "P{}'s run queue is full: {} goroutines move to the global queue", p,
            half + 1);
    traceQueues(p);
}

void FiberRuntime::globalPut(TaskId g)
{
    m_global.push_back(g);
    traceTask(g, TaskState::Runnable, Place::GlobalQueue);
    traceCounter(Counter::GlobalQueue, 0, static_cast<std::int64_t>(m_global.size()));
}

void FiberRuntime::pidlePut(int p)
{
    Proc &P = proc(p);
    P.status = PStatus::Idle;
    P.current = kNoTask;
    m_pidle.push_back(p);
}

int FiberRuntime::pidleGet()
{
    if (m_pidle.empty())
        return -1;
    const int p = m_pidle.back();
    m_pidle.pop_back();
    return p;
}

int FiberRuntime::wakeP()
{
    // wakep: at most one spinning M at a time; it wakes the next when it finds work.
    if (m_spinning > 0 || m_pidle.empty())
        return -1;
    const int p = pidleGet();
    proc(p).spinning = true;
    proc(p).status = PStatus::Running;
    ++m_spinning;
    m_sim.after(m_params.wakeupLatency, this, kWakeP, static_cast<std::uint32_t>(p));
    return p;
}

void FiberRuntime::startM(int p, Next next, bool chargeCreation)
{
    Proc &P = proc(p);
    ThreadId m;
    Nanos creation{};
    if (!m_midle.empty()) {
        m = m_midle.back();
        m_midle.pop_back();
    } else {
        if (m_kernel.liveThreads() >= m_params.maxThreads) {
            ++m_threadLimitHits;
            narrate(NarrationKind::Refused, "the Go runtime hit its limit of {} threads (a real program would crash)",
                    m_params.maxThreads);
            if (P.spinning) {
                P.spinning = false;
                --m_spinning;
            }
            pidlePut(p);
            return;
        }
        m = m_kernel.createThread(this, ThreadRole::Machine);
        if (chargeCreation)
            creation = m_scenario.threads.spawnCost; // newm: clone() and a new stack, like any thread
        if (m_machines.size() <= m)
            m_machines.resize(m + 1);
        addStack(m_params.threadStackReserved, m_params.threadStackCommitted);
        traceStack(m_kernel.serial(m), StackOwner::Thread, m_params.threadStackReserved, m_params.threadStackCommitted);
        traceCounter(Counter::Threads, 0, m_kernel.liveThreads());
    }
    m_machines[m] = Machine{p, next, kNoTask};
    P.m = m;
    P.status = PStatus::Running;
    // The M has to get a core (and, if new, be created) before it can run the P's scheduler.
    m_kernel.runBurst(m, creation, {0, kNoRequest, creation > Nanos::zero() ? SpanKind::Spawn : SpanKind::Work});
}

void FiberRuntime::stopM(ThreadId m)
{
    m_machines[m].p = -1;
    m_midle.push_back(m);
}

} // namespace conviz
