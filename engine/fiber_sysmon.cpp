// sysmon, Go's monitor thread (proc.go sysmon and retake): how long a P stays with a goroutine
// blocked in a syscall before it is handed to another M, and the Ms sysmon creates for that.
#include "engine/fiber_runtime.h"

namespace conviz {
namespace {
constexpr Nanos kSyscallForceRetake{10'000'000}; // sysmon retakes any P in a syscall this long
} // namespace

void FiberRuntime::wakeSysmon()
{
    if (!m_sysmonAsleep)
        return;
    // Woken from its sleep on an idle scheduler, sysmon starts again at its shortest period.
    m_sysmonAsleep = false;
    m_sysmonIdle = 0;
    m_sysmonDelay = m_params.handoffDelay;
    m_sim.after(m_sysmonDelay, this, kSysmonTick);
}

void FiberRuntime::sysmonTick()
{
    if (static_cast<int>(m_pidle.size()) == static_cast<int>(m_procs.size())) {
        m_sysmonAsleep = true; // every P idle: sysmon sleeps until a syscall wakes it
        return;
    }
    int retaken = 0;
    for (int p = 0; p < static_cast<int>(m_procs.size()); ++p) {
        Proc &P = proc(p);
        if (P.status != PStatus::Syscall || P.m == kNoThread)
            continue;
        if (P.sysmonSeenSeq != P.syscallSeq) {
            P.sysmonSeenSeq = P.syscallSeq; // first seen: retaken no earlier than the next tick
            P.sysmonSeenAt = m_sim.now();
            continue;
        }
        if (!shouldRetake(p))
            continue;
        ++retaken;
        handOff(p);
    }
    m_sysmonIdle = retaken > 0 ? 0 : m_sysmonIdle + 1;
    nextHandoff();
}

void FiberRuntime::sysmonSleep()
{
    // proc.go: delay = 20 µs after a retake; doubled once idle > 50 ticks; at most 10 ms.
    if (m_sysmonIdle == 0)
        m_sysmonDelay = m_params.handoffDelay;
    else if (m_sysmonIdle > m_params.sysmonIdleTicks)
        m_sysmonDelay = m_sysmonDelay * std::int64_t{2};
    m_sysmonDelay = max(min(m_sysmonDelay, m_params.sysmonMaxPeriod), m_params.handoffDelay);
    m_sim.after(m_sysmonDelay, this, kSysmonTick);
}

bool FiberRuntime::shouldRetake(int p)
{
    // Not while the P has no work, others are idle or spinning, and the syscall is young (< 10 ms).
    const Proc &P = proc(p);
    const bool localEmpty = P.local.empty() && P.runnext == kNoTask;
    const bool othersCanHelp = m_spinning + static_cast<int>(m_pidle.size()) > 0;
    return !(localEmpty && othersCanHelp && m_sim.now() - P.sysmonSeenAt < kSyscallForceRetake);
}

void FiberRuntime::handOff(int p)
{
    // handoffp: the M stays blocked with its goroutine; the P goes to another M.
    Proc &P = proc(p);
    const Nanos blockedFor = m_sim.now() - P.syscallStart;
    const bool localEmpty = P.local.empty() && P.runnext == kNoTask;
    const bool othersCanHelp = m_spinning + static_cast<int>(m_pidle.size()) > 0;
    const ThreadId blocked = P.m;
    m_machines[blocked].p = -1;
    P.m = kNoThread;
    P.current = kNoTask;
    ++m_counters.handoffs;
    const bool work = !localEmpty || !m_global.empty() || !m_netpollReady.empty();
    if (work || !othersCanHelp) {
        narrate(NarrationKind::Handoff,
                "G{} blocked in a syscall for {:.0f} µs: sysmon hands P{} to another M ({} threads)",
                task(m_machines[blocked].g).serial, blockedFor.toMicros(), p, m_kernel.liveThreads());
        P.status = PStatus::Running; // owned by the M sysmon starts for it
        m_handoffs.push_back(p);
    } else {
        pidlePut(p);
    }
}

void FiberRuntime::nextHandoff()
{
    // startm for each retaken P in turn; a new M is created by sysmon itself (newm runs clone on
    // the calling thread), so Ms come into being one after another.
    while (!m_handoffs.empty()) {
        const int p = m_handoffs.front();
        if (m_midle.empty() && m_kernel.liveThreads() < m_params.maxThreads &&
            m_scenario.threads.spawnCost > Nanos::zero()) {
            m_kernel.runBurst(m_sysmon, m_scenario.threads.spawnCost, {0, kNoRequest, SpanKind::Spawn});
            return;
        }
        m_handoffs.pop_front();
        startM(p, Next::Schedule, false);
    }
    sysmonSleep();
}

} // namespace conviz
