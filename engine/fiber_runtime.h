// Go's M:N scheduler (after golang/go src/runtime/proc.go). GOMAXPROCS Ps each hold a local run
// queue (256) and a runnext slot; a global queue is checked every 61st schedule tick and when the
// local queue is empty; an idle P steals half of a random victim's queue; a goroutine running 10 ms
// is preempted to the global queue; network waits park on the netpoller (no thread blocked);
// blocking syscalls block the M, and sysmon hands its P to another M, creating threads as needed.
// Ms are OS threads under the shared kernel scheduler. Goroutine stacks start at 2 KiB and double
// by copying.
#pragma once

#include "engine/core/random.h"
#include "engine/fifo.h"
#include "engine/gc.h"
#include "engine/runtime.h"

#include <vector>

namespace conviz {

class FiberRuntime final : public Runtime {
public:
    FiberRuntime(const Scenario &scenario, Observer *observer);

private:
    enum class PStatus : std::uint8_t { Idle, Running, Syscall };
    // What an M does when its current burst ends.
    enum class Next : std::uint8_t { Schedule, StartG, RunG, SpawnChunk, Resume, Gc };

    struct Proc {
        TaskId current = kNoTask;
        TaskId runnext = kNoTask;
        Fifo<TaskId> local; // runtime.p.runq
        ThreadId m = kNoThread;
        PStatus status = PStatus::Idle;
        bool spinning = false;
        bool fromNetpoll = false; // its M returns from epoll_wait with a ready goroutine: not spinning
        std::uint32_t schedtick = 0;
        Nanos sliceUsed{};
        TaskId lastG = kNoTask;
        std::uint64_t syscallSeq = 0;
        Nanos syscallStart{};
        std::uint64_t sysmonSeenSeq = 0; // the syscall sysmon last saw on this P (pd.syscalltick)
        Nanos sysmonSeenAt{};            // when it first saw it (pd.syscallwhen)
        std::vector<TaskId> toSpawn;
        std::size_t spawned = 0;
        Nanos gcDebt{};        // stop-the-world pauses and mark work this P owes before it runs goroutines
        bool gcWorker = false; // its debt holds a dedicated mark worker's share of the current cycle
    };
    struct Machine {
        int p = -1;
        Next next = Next::Schedule;
        TaskId g = kNoTask;            // the goroutine it is blocked with in a syscall
        Next afterGc = Next::Schedule; // what it does once its GC burst ends
    };
    struct Goroutine {
        Nanos cpuLeft{};   // CPU still to do in the current step (after a preemption)
        bool fresh = true; // spawn cost not yet charged
        bool inSyscall = false;
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

    // The P's M is on a core and the P has no goroutine: pick goroutines until one needs the CPU.
    void runP(int p);
    TaskId findRunnable(int p, bool &inheritTime);
    TaskId stealWork(int p);
    // True if another P has a goroutine stealWork could take: in its local queue, or in its runnext
    // while it runs. Most steal attempts of an idle scheduler find nothing, and this answers that
    // in one pass over the Ps instead of four randomised ones.
    bool anythingToSteal(int p) const;
    // g's next CPU chunk on P p, after a goroutine switch of `switchFirst` in the same burst (the
    // trace shows it as a switch span); preempts g instead if its slice is used up.
    void runCpuChunk(int p, TaskId g, Nanos switchFirst = Nanos::zero());
    // The switch to `g` on P p and g's next CPU chunk as one burst, when nothing decided at the
    // switch's end could change what follows it; false (nothing done) otherwise.
    bool switchIntoCpu(int p, TaskId g);
    // A goroutine's stack and bookkeeping; `chargeSpawnWhenRun`: it pays spawn_cost when it first runs.
    void newGoroutine(TaskId g, bool chargeSpawnWhenRun);
    void startChild(int p, TaskId c);
    void resume(int p, TaskId g);
    // Queue operations, as runqput / globrunqput in proc.go.
    void runqPut(int p, TaskId g, bool next);
    void globalPut(TaskId g);
    // Starts an idle P's M spinning unless one already spins; returns the P, or -1.
    int wakeP();
    // `chargeCreation`: a new M pays spawn_cost itself (false: its creator already paid).
    void startM(int p, Next next, bool chargeCreation = true);
    void stopM(ThreadId m);
    // sysmon's loop (proc.go sysmon, retake): a tick looks at every P in a syscall, hands off those
    // seen on an earlier tick, then sleeps 20 µs, doubling after idle ticks up to 10 ms; it sleeps
    // until the next syscall when every P is idle. It creates the Ms it hands Ps to, one at a time.
    void sysmonTick();
    bool shouldRetake(int p);
    void handOff(int p);
    void nextHandoff();
    void sysmonSleep();
    void wakeSysmon();
    void exitSyscall(TaskId g, ThreadId m);
    void sysmonPoll();
    void pidlePut(int p);
    int pidleGet();
    void traceQueues(int p);
    // The garbage collector (fiber_gc.cpp; engine/gc.h): a request's allocation may start a cycle;
    // its pauses and mark work are paid by the Ps at their next scheduling point.
    void gcAllocate();
    void startGcCycle();
    void stopTheWorld();
    void markDone();
    // The M's burst ended: if its P owes GC work, run it first (true) and carry on afterwards.
    bool payGc(ThreadId m);
    // Inline: every goroutine's start and CPU step read its row; growing the table is the rare case.
    Goroutine &gs(TaskId t)
    {
        if (t >= m_gs.size())
            growGs(t);
        return m_gs[t];
    }
    void growGs(TaskId t);
    Proc &proc(int p) { return m_procs[static_cast<std::size_t>(p)]; }

    enum ModelEvent : std::uint32_t { kWakeP = kModelEventBase, kSyscallDone, kSysmonTick, kSysmonPoll };

    const FiberParams &m_params;
    std::vector<Proc> m_procs;
    std::vector<Machine> m_machines; // by ThreadId
    std::vector<Goroutine> m_gs;     // by TaskId
    Fifo<TaskId> m_global;
    Fifo<TaskId> m_netpollReady;           // I/O done, not yet noticed by any P
    std::vector<int> m_pidle;              // idle Ps (LIFO, as sched.pidle)
    std::vector<ThreadId> m_midle;         // idle Ms
    std::vector<std::uint32_t> m_coprimes; // steal order strides
    Rng m_rng;
    int m_spinning = 0;
    int m_readyingP = 0; // the P whose goroutine just exited
    int m_syscalls = 0;
    Nanos m_lastPoll{};
    bool m_sysmonPending = false;
    ThreadId m_sysmon = kNoThread;
    bool m_sysmonAsleep = true; // every P idle: asleep until a syscall starts
    int m_sysmonIdle = 0;       // ticks since the last retake
    Nanos m_sysmonDelay{};      // the sleep before the next tick
    Fifo<int> m_handoffs;       // Ps retaken this tick, waiting for an M
    std::int64_t m_threadLimitHits = 0;
    const bool m_gcOn; // request.alloc > 0: the collector runs
    GoPacer m_pacer;
    GcTally m_gc;
    Nanos m_stwEnd{};    // the world is stopped until then: a P that starts to schedule waits for it
    Nanos m_markShare{}; // one dedicated mark worker's part of the current cycle's mark work
    int m_markSlots = 0; // dedicated workers of the current cycle not yet taken by a P
    int m_marking = 0;   // taken and not yet done
    bool m_gcTold = false;
};

} // namespace conviz
