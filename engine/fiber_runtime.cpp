#include "engine/fiber_runtime.h"

#include "engine/core/contract.h"

#include <algorithm>
#include <numeric>

namespace conviz {
namespace {
constexpr std::size_t kSpawnChunk = 16; // children made runnable per spawn burst
} // namespace

FiberRuntime::FiberRuntime(const Scenario &scenario, Observer *observer)
    : Runtime(scenario, ModelKind::Fibers, observer),
      m_params(scenario.fibers),
      m_procs(static_cast<std::size_t>(scenario.effectiveGomaxprocs())),
      m_rng(Rng::forStream(scenario.seed, 100)),
      m_gcOn(scenario.alloc > 0),
      m_pacer(scenario.fibers),
      m_gc(scenario, true)
{
    addOther(m_params.runtimeMemory);
    const int n = static_cast<int>(m_procs.size());
    for (int p = n - 1; p >= 0; --p)
        pidlePut(p);
    for (int i = 1; i <= n; ++i)
        if (std::gcd(i, n) == 1)
            m_coprimes.push_back(static_cast<std::uint32_t>(i));
    // sysmon runs on its own thread without a P.
    const ThreadId sysmon = m_kernel.createThread(this, ThreadRole::Machine);
    m_sysmon = sysmon;
    m_machines.resize(sysmon + 1);
    addStack(m_params.threadStackReserved, m_params.threadStackCommitted);
    traceStack(m_kernel.serial(sysmon), StackOwner::Thread, m_params.threadStackReserved,
               m_params.threadStackCommitted);
}

void FiberRuntime::growGs(TaskId t) { m_gs.resize(t + 1); }

// --- goroutines come and go -----------------------------------------------------------------------

void FiberRuntime::newGoroutine(TaskId g, bool chargeSpawnWhenRun)
{
    gs(g) = Goroutine{Nanos{}, chargeSpawnWhenRun, false};
    Task &k = task(g);
    k.stack = m_params.stackInitial;
    addStack(k.stack, k.stack);
    addOther(heldMemory(g, m_params.taskMemory, m_params.connectionMemory));
    traceStack(k.serial, StackOwner::Goroutine, k.stack, k.stack);
    k.readyAt = m_sim.now();
}

void FiberRuntime::admit(TaskId root)
{
    // A new connection's goroutine: created by the accept loop, runnable from the global queue.
    newGoroutine(root, true);
    globalPut(root);
    wakeP();
    gcAllocate();
}

void FiberRuntime::spawn(TaskId parent, std::span<const TaskId> children)
{
    const int p = static_cast<int>(task(parent).owner);
    Proc &P = proc(p);
    P.toSpawn.assign(children.begin(), children.end());
    P.spawned = 0;
    if (m_params.spawnCost == Nanos::zero()) {
        P.spawned = P.toSpawn.size();
        for (TaskId c : P.toSpawn)
            startChild(p, c);
        P.toSpawn.clear();
        wakeP();
        joinChildren(parent);
        return;
    }
    const std::size_t chunk = std::min(kSpawnChunk, P.toSpawn.size());
    m_machines[P.m].next = Next::SpawnChunk;
    m_kernel.runBurst(P.m, m_params.spawnCost * static_cast<std::int64_t>(chunk),
                      {task(parent).serial, requestSerial(parent), SpanKind::Spawn});
}

void FiberRuntime::startChild(int p, TaskId c)
{
    // newproc: a 2 KiB stack, then runnext of the spawning P (its spawn cost is the parent's).
    newGoroutine(c, false);
    runqPut(p, c, true);
}

void FiberRuntime::finished(TaskId g)
{
    Task &k = task(g);
    m_readyingP = static_cast<int>(k.owner); // a parent woken by this exit goes to this P's runnext
    proc(m_readyingP).current = kNoTask;
    addStack(-k.stack, -k.stack);
    addOther(-heldMemory(g, m_params.taskMemory, m_params.connectionMemory));
    traceStack(k.serial, StackOwner::Goroutine, 0, 0);
    if (m_gcOn && k.parent == kNoTask)
        m_pacer.release(m_scenario.alloc); // the request's objects are garbage now
}

bool FiberRuntime::reachStack(TaskId g, std::int64_t bytes)
{
    Task &k = task(g);
    if (bytes <= k.stack)
        return true;
    // morestack: allocate twice the size, copy the old stack over, repeat until it fits.
    std::int64_t size = k.stack;
    std::int64_t copied = 0;
    int copies = 0;
    while (size < bytes && size < limits::maxStackBytes) {
        copied += size;
        size *= 2;
        ++copies;
    }
    addStack(size - k.stack, size - k.stack);
    narrate(NarrationKind::StackGrowth, "G{}'s stack grows {} KiB → {} KiB ({} cop{})", k.serial, k.stack / KiB,
            size / KiB, copies, copies == 1 ? "y" : "ies");
    k.stack = size;
    m_counters.stackGrowths += copies;
    traceStack(k.serial, StackOwner::Goroutine, size, size);
    const Nanos cost{static_cast<std::int64_t>(static_cast<double>(copied) / m_params.stackCopyBytesPerNs)};
    if (cost == Nanos::zero())
        return true;
    const ThreadId m = proc(static_cast<int>(k.owner)).m;
    m_machines[m].next = Next::Resume;
    m_kernel.runBurst(m, cost, {k.serial, requestSerial(g), SpanKind::StackCopy});
    return false;
}

// --- running goroutines ---------------------------------------------------------------------------

void FiberRuntime::execCpu(TaskId g, Nanos work, bool)
{
    gs(g).cpuLeft = work;
    runCpuChunk(static_cast<int>(task(g).owner), g);
}

void FiberRuntime::runCpuChunk(int p, TaskId g, Nanos switchFirst)
{
    Proc &P = proc(p);
    const Nanos room = m_params.timeSlice - P.sliceUsed;
    if (room <= Nanos::zero()) {
        CONVIZ_ASSERT(switchFirst == Nanos::zero(), "a switch into a goroutine whose slice is used up");
        // Preempted (sysmon saw it run past its slice): to the back of the global queue.
        ++m_counters.preemptions;
        narrate(NarrationKind::Preempt, "G{} used its {} ms slice on P{}: preempted to the global queue",
                task(g).serial, m_params.timeSlice.toMillis(), p);
        P.current = kNoTask;
        task(g).readyAt = m_sim.now();
        globalPut(g);
        wakeP();
        return;
    }
    const Nanos chunk = min(gs(g).cpuLeft, room);
    m_machines[P.m].next = Next::RunG;
    const BurstTag work{task(g).serial, requestSerial(g), SpanKind::Work};
    if (switchFirst > Nanos::zero())
        m_kernel.runBurst(P.m, switchFirst + chunk, work, switchFirst, SpanKind::Switch);
    else
        m_kernel.runBurst(P.m, chunk, work);
}

void FiberRuntime::resume(int p, TaskId g)
{
    if (gs(g).cpuLeft > Nanos::zero())
        runCpuChunk(p, g);
    else
        advance(g);
}

void FiberRuntime::suspend(TaskId g, TaskState)
{
    // gopark: the goroutine waits (netpoller, WaitGroup); its P looks for other work.
    proc(static_cast<int>(task(g).owner)).current = kNoTask;
}

void FiberRuntime::wake(TaskId g)
{
    Task &k = task(g);
    k.readyAt = m_sim.now();
    if (k.waitingFor == TaskState::Joining) {
        // goready from the last child's Done(): into runnext of the P that ran that child.
        runqPut(m_readyingP, g, true);
        wakeP();
        return;
    }
    // Network I/O is ready: the netpoller holds it until a P polls.
    m_netpollReady.push_back(g);
    traceTask(g, TaskState::Runnable, Place::Netpoller);
    if (!m_pidle.empty()) {
        // An idle P's M sits in epoll_wait and returns at once with the goroutine. It was not
        // spinning, so finding it wakes no further M (findRunnable's blocking netpoll).
        if (const int p = wakeP(); p >= 0)
            proc(p).fromNetpoll = true;
    } else if (!m_sysmonPending) {
        m_sysmonPending = true;
        m_sim.schedule(max(m_sim.now(), m_lastPoll + m_params.netpollInterval), this, kSysmonPoll);
    }
}

void FiberRuntime::runP(int p)
{
    Proc &P = proc(p);
    while (P.current == kNoTask) {
        bool inherit = false;
        const TaskId g = findRunnable(p, inherit);
        if (P.spinning) {
            P.spinning = false;
            --m_spinning;
            if (g != kNoTask && !P.fromNetpoll)
                wakeP(); // a spinning M that found work wakes the next one
        }
        P.fromNetpoll = false;
        if (g == kNoTask) {
            const ThreadId m = P.m;
            P.m = kNoThread;
            pidlePut(p);
            stopM(m);
            return;
        }
        if (!inherit) {
            ++P.schedtick;
            P.sliceUsed = Nanos::zero();
        }
        P.current = g;
        task(g).owner = static_cast<std::uint32_t>(p);
        recordSchedulingDelay(task(g).readyAt);
        traceTask(g, TaskState::Running, Place::None, p);
        traceQueues(p);
        const bool switched = P.lastG != kNoTask && P.lastG != g;
        P.lastG = g;
        if (switched) {
            ++m_counters.userSwitches;
            if (m_params.switchCost > Nanos::zero()) {
                if (switchIntoCpu(p, g))
                    return;
                m_machines[P.m].next = Next::StartG;
                m_kernel.runBurst(P.m, m_params.switchCost, {task(g).serial, requestSerial(g), SpanKind::Switch});
                return;
            }
        }
        Goroutine &G = gs(g);
        if (G.fresh) {
            G.fresh = false;
            if (m_params.spawnCost > Nanos::zero()) {
                m_machines[P.m].next = Next::StartG;
                m_kernel.runBurst(P.m, m_params.spawnCost, {task(g).serial, requestSerial(g), SpanKind::Spawn});
                return;
            }
        }
        resume(p, g);
    }
}

bool FiberRuntime::switchIntoCpu(int p, TaskId g)
{
    // With no collector to pay when the switch ends and no spawn cost to charge, what the goroutine
    // does after the switch depends on it alone: when that is CPU work, the switch and the work's
    // first chunk are one burst, whose switch the trace still shows.
    Goroutine &G = gs(g);
    if (m_gcOn || G.fresh || proc(p).sliceUsed >= m_params.timeSlice ||
        (G.cpuLeft == Nanos::zero() && !takeCpuStep(g, G.cpuLeft)))
        return false;
    runCpuChunk(p, g, m_params.switchCost);
    return true;
}

void FiberRuntime::onBurstDone(ThreadId thread)
{
    if (thread == m_sysmon) {
        // sysmon has created an M: it takes the P at the head of the hand-offs.
        const int p = m_handoffs.front();
        m_handoffs.pop_front();
        startM(p, Next::Schedule, false);
        nextHandoff();
        return;
    }
    if (m_gcOn && payGc(thread))
        return;
    Machine &M = m_machines[thread];
    const int p = M.p;
    Proc &P = proc(p);
    switch (M.next) {
    case Next::Gc: CONVIZ_ASSERT(false, "payGc handles the end of a GC burst"); break;
    case Next::Schedule: break;
    case Next::StartG: {
        const TaskId g = P.current;
        Goroutine &G = gs(g);
        if (G.fresh) {
            G.fresh = false;
            if (m_params.spawnCost > Nanos::zero()) {
                m_kernel.runBurst(thread, m_params.spawnCost, {task(g).serial, requestSerial(g), SpanKind::Spawn});
                return;
            }
        }
        resume(p, g);
        break;
    }
    case Next::RunG: {
        const TaskId g = P.current;
        Goroutine &G = gs(g);
        const Nanos chunk = min(G.cpuLeft, m_params.timeSlice - P.sliceUsed);
        G.cpuLeft -= chunk;
        P.sliceUsed += chunk;
        resume(p, g); // more CPU left means the slice is used up: runCpuChunk preempts
        break;
    }
    case Next::SpawnChunk: {
        const TaskId parent = P.current;
        const std::size_t end = std::min(P.spawned + kSpawnChunk, P.toSpawn.size());
        for (; P.spawned < end; ++P.spawned)
            startChild(p, P.toSpawn[P.spawned]);
        wakeP();
        if (P.spawned < P.toSpawn.size()) {
            const std::size_t chunk = std::min(kSpawnChunk, P.toSpawn.size() - P.spawned);
            m_kernel.runBurst(thread, m_params.spawnCost * static_cast<std::int64_t>(chunk),
                              {task(parent).serial, requestSerial(parent), SpanKind::Spawn});
            return;
        }
        P.toSpawn.clear();
        joinChildren(parent);
        break;
    }
    case Next::Resume: advance(P.current); break;
    }
    if (P.current == kNoTask && P.m == thread)
        runP(p);
}

// --- blocking syscalls --------------------------------------------------------------------------

void FiberRuntime::execBlocking(TaskId g, Nanos length)
{
    const int p = static_cast<int>(task(g).owner);
    Proc &P = proc(p);
    gs(g).inSyscall = true;
    m_machines[P.m].g = g;
    P.status = PStatus::Syscall;
    P.syscallStart = m_sim.now();
    ++P.syscallSeq;
    ++m_syscalls;
    traceTask(g, TaskState::Blocked, Place::Syscall, p);
    traceCounter(Counter::Blocked, 0, m_syscalls);
    m_sim.after(length, this, kSyscallDone, g, P.m);
    wakeSysmon(); // entersyscall_sysmon
}

void FiberRuntime::exitSyscall(TaskId g, ThreadId m)
{
    Goroutine &G = gs(g);
    G.inSyscall = false;
    --m_syscalls;
    wakeSysmon(); // exitsyscall wakes a sysmon asleep on an idle scheduler
    traceCounter(Counter::Blocked, 0, m_syscalls);
    const int oldP = static_cast<int>(task(g).owner);
    CONVIZ_ASSERT(m_machines[m].g == g, "a goroutine left a syscall its M was not in");
    Machine &M = m_machines[m];
    M.g = kNoTask;
    int p = -1;
    if (M.p == oldP && proc(oldP).status == PStatus::Syscall) {
        p = oldP; // fast path: the P was not taken away
    } else {
        p = pidleGet(); // try any idle P
        if (p >= 0 && proc(p).spinning) {
            proc(p).spinning = false;
            --m_spinning;
        }
    }
    if (p < 0) {
        // No P: the goroutine waits in the global queue; this M goes to sleep (it is not freed).
        task(g).readyAt = m_sim.now();
        globalPut(g);
        stopM(m);
        wakeP();
        return;
    }
    Proc &P = proc(p);
    P.status = PStatus::Running;
    P.m = m;
    P.current = g;
    M.p = p;
    task(g).owner = static_cast<std::uint32_t>(p);
    M.next = Next::Resume;
    traceTask(g, TaskState::Runnable, Place::None, p);
    m_kernel.runBurst(m, Nanos::zero(), {task(g).serial, requestSerial(g), SpanKind::Work});
}

void FiberRuntime::sysmonPoll()
{
    m_sysmonPending = false;
    if (m_netpollReady.empty())
        return;
    if (m_sim.now() - m_lastPoll < m_params.netpollInterval) {
        m_sysmonPending = true;
        m_sim.schedule(m_lastPoll + m_params.netpollInterval, this, kSysmonPoll);
        return;
    }
    // Nobody polled for 10 ms: sysmon injects the ready goroutines into the global queue.
    m_lastPoll = m_sim.now();
    for (TaskId g : m_netpollReady)
        globalPut(g);
    m_netpollReady.clear();
    wakeP();
}

void FiberRuntime::onModelEvent(const Event &event)
{
    switch (event.kind) {
    case kWakeP: {
        const int p = static_cast<int>(event.a);
        startM(p, Next::Schedule);
        return;
    }
    case kSyscallDone: exitSyscall(event.a, static_cast<ThreadId>(event.b)); return;
    case kSysmonTick: sysmonTick(); return;
    case kSysmonPoll: sysmonPoll(); return;
    default: CONVIZ_ASSERT(false, "unknown fiber-model event");
    }
}

void FiberRuntime::traceQueues(int p)
{
    if (!tracing())
        return;
    const Proc &P = proc(p);
    traceCounter(Counter::RunQueue, p, static_cast<std::int64_t>(P.local.size()) + (P.runnext != kNoTask ? 1 : 0));
}

} // namespace conviz
