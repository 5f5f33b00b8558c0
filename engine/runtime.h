// The base of the three models. It composes what they share: the load driver (load_driver.h), the
// request and task tables (task_table.h), the connection pools, the memory ledger and the metrics
// collector; and it walks each task's steps (advance), handing every step to the model through the
// hooks below. A model (FiberRuntime, EventLoopRuntime, ThreadRuntime) says only how tasks get CPU,
// how they wait and what they cost.
#pragma once

#include "engine/connection_pools.h"
#include "engine/core/scenario.h"
#include "engine/kernel_scheduler.h"
#include "engine/load_driver.h"
#include "engine/memory_ledger.h"
#include "engine/metrics.h"
#include "engine/metrics_collector.h"
#include "engine/request_plans.h"
#include "engine/simulation.h"
#include "engine/strain_watch.h"
#include "engine/task_table.h"
#include "engine/trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace conviz {

// How a caller steers a long run: cancel it, hear how far it got.
struct RunControl {
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(double fraction)> progress; // called from the running thread, ≤ 100 times
    // If set, each request's end (its root task done) is appended in time order, as a trace's
    // completions are, without observing the run: a moving slider's throughput chart.
    std::vector<Nanos> *completions = nullptr;
};

class Runtime : public EventHandler, public ThreadClient, private RequestSink {
public:
    Runtime(const Scenario &scenario, ModelKind model, Observer *observer);
    virtual ~Runtime();
    Runtime(const Runtime &) = delete;
    Runtime &operator=(const Runtime &) = delete;

    // Runs the scenario until every request has ended or control.cancel is raised. Call once.
    void run(const RunControl &control = {});
    // The run's metrics, whether or not anyone observed it. Call once, after run().
    ModelMetrics metrics();
    // Before run(): take the request plans other models of the same scenario have drawn from
    // `shared`, and leave there those this run draws first. `shared` must outlive the run.
    void shareDraws(SharedDraws *shared) { m_plans.share(shared); }

protected:
    using Task = TaskTable::Task;

    // --- hooks the model implements ------------------------------------------------------------
    // A request's root task exists: give it somewhere to run (or refuseRequest()).
    virtual void admit(TaskId root) = 0;
    // The task reached a CPU step: run `work` of CPU, then call advance(task).
    virtual void execCpu(TaskId task, Nanos work, bool offload) = 0;
    // The task reached a blocking call of length `length`: wait it out the model's way, then advance(task).
    virtual void execBlocking(TaskId task, Nanos length) = 0;
    // The task leaves the CPU to wait (network I/O, a pool connection, its children).
    virtual void suspend(TaskId task, TaskState why) = 0;
    // The wait is over: the task needs the CPU again; call advance(task) when it gets it.
    virtual void wake(TaskId task) = 0;
    // The children were created; the parent is on the CPU. Make them runnable, charge the costs,
    // then call joinChildren(parent). `children` is only valid during the call.
    virtual void spawn(TaskId parent, std::span<const TaskId> children) = 0;
    // The task's stack reaches `bytes`. Return true to continue at once, or false and call
    // advance(task) later (after charging a cost).
    virtual bool reachStack(TaskId task, std::int64_t bytes) = 0;
    // The task finished: free what it holds. Its parent (or its request) is told afterwards.
    virtual void finished(TaskId task) = 0;
    // Model events (kind >= kModelEventBase).
    virtual void onModelEvent(const Event &event) = 0;
    // Called once by metrics(), to add model-specific numbers.
    virtual void fillMetrics(ModelMetrics &m) { (void)m; }

    // --- services for the model -----------------------------------------------------------------
    // Walks the task's steps from its program counter until it must wait or it ends. The task is on
    // the CPU in the model's sense.
    void advance(TaskId task);
    // If the task's next step is CPU work, takes it (as advance() would, to hand it to execCpu) and
    // sets `work`; else takes nothing and returns false. For a model whose task must get a core
    // before advance(): when the next step is CPU work, getting the core and running it is one burst.
    bool takeCpuStep(TaskId t, Nanos &work)
    {
        Task &k = m_tasks.task(t);
        if (k.pc == k.end)
            return false;
        const Op op = m_plans.op(k.request, k.pc);
        if (op.kind != OpKind::Cpu && op.kind != OpKind::CpuOffload)
            return false;
        ++k.pc;
        work = Nanos{op.value};
        return true;
    }
    // After spawn(): the parent waits for its children (or goes on if they are all done).
    void joinChildren(TaskId parent);
    // The request could not be admitted (root) or one of its tasks could not be created (child).
    void refuseRequest(TaskId task);

    // The task's row. Creating a task (a fan-out) invalidates references into the table.
    Task &task(TaskId t) { return m_tasks.task(t); }
    // The display id of the task's request.
    std::uint32_t requestSerial(TaskId t) const { return m_tasks.requestSerial(t); }
    // True if someone observes the run: skip work that only feeds the trace otherwise.
    bool tracing() const { return m_observer != nullptr; }

    // Tells the observer, if any, that the task entered `state` at `place` (see TaskEvent).
    // Inline, so that an unobserved run pays a test, not a call, on every state change.
    void traceTask(TaskId t, TaskState state, Place place = Place::None, std::int32_t index = 0, std::int32_t slot = -1)
    {
        if (m_observer)
            emitTask(t, state, place, index, slot);
    }
    // Tells the observer, if any, that counter `c` (instance `index`) is now `value`.
    void traceCounter(Counter c, std::int32_t index, std::int64_t value)
    {
        if (m_observer)
            emitCounter(c, index, value);
    }
    // One line of the run's story for the observer, if any; at most 200 lines per kind and run.
    template <typename... Args>
    void narrate(NarrationKind kind, fmt::format_string<Args...> format, Args &&...args)
    {
        if (!m_observer || !takeNarrationBudget(kind))
            return;
        m_observer->onNarration({m_sim.now(), kind, fmt::format(format, std::forward<Args>(args)...)});
    }
    // The task, runnable since `readySince`, gets the CPU now: one scheduling-delay sample.
    void recordSchedulingDelay(Nanos readySince)
    {
        m_collector.scheduled(readySince, m_sim.now());
        // The metrics fall back on the kernel's dispatch delays only for a model that recorded
        // none of its own: once one is recorded, the kernel's are dead weight.
        if (m_kernel.recordsDispatchDelays() && m_collector.hasSchedulingDelays())
            m_kernel.stopDispatchDelays();
    }

    // What the task holds besides its stack: a request's root holds its connection's memory when
    // the scenario counts connections (memory.per), any other task a bare task's.
    std::int64_t heldMemory(TaskId t, std::int64_t taskMemory, std::int64_t connectionMemory)
    {
        const bool connection = m_scenario.memory.per == MemoryUnit::Connection && task(t).parent == kNoTask;
        return connection ? connectionMemory : taskMemory;
    }
    // Memory ledger: deltas in bytes, traced as counters. Inline: a task's start and end change both.
    void addStack(std::int64_t reservedDelta, std::int64_t committedDelta)
    {
        m_memory.addStack(reservedDelta, committedDelta);
        traceCounter(Counter::StackReserved, 0, m_memory.stackReserved());
        traceCounter(Counter::StackCommitted, 0, m_memory.stackCommitted());
    }
    void addOther(std::int64_t committedDelta)
    {
        m_memory.addOther(committedDelta);
        traceCounter(Counter::OtherCommitted, 0, m_memory.otherCommitted());
    }
    // A condition (a pool that runs out, a refusal) is seen now: true if it starts a new episode,
    // i.e. it was last seen (`lastSeen`, negative for never) at least retellAfter ago.
    bool newEpisode(Nanos &lastSeen);
    // Tells the observer, if any, that a stack now has these sizes (reserved == 0: it is gone).
    // Inline, as traceTask: every thread's (threads model) and goroutine's start and end pass here.
    void traceStack(std::uint64_t owner, StackOwner kind, std::int64_t reserved, std::int64_t committed)
    {
        if (m_observer)
            emitStack(owner, kind, reserved, committed);
    }

    static constexpr std::uint32_t kModelEventBase = 16;

    const Scenario &m_scenario;
    const ModelKind m_model;
    Observer *const m_observer;
    Simulation m_sim;
    KernelScheduler m_kernel;
    ModelCounters m_counters;

private:
    enum BaseEvent : std::uint32_t { kIoDone };
    std::vector<Nanos> *m_completions = nullptr; // RunControl::completions of the run

    void emitTask(TaskId t, TaskState state, Place place, std::int32_t index, std::int32_t slot);
    void emitCounter(Counter c, std::int32_t index, std::int64_t value);
    void emitStack(std::uint64_t owner, StackOwner kind, std::int64_t reserved, std::int64_t committed);

    void onEvent(const Event &event) final;
    void issueRequest(std::uint64_t index, std::int32_t client) final;
    TaskId newTask(std::uint32_t request, TaskId parent, const Program &program);
    void startIo(TaskId t, Nanos length);
    void finishIo(TaskId t);
    void finishTask(TaskId t);
    void childEnded(TaskId parent);
    void finishRequest(std::uint32_t slot, bool refused);
    bool takeNarrationBudget(NarrationKind kind);
    // Tasks that want a core, a connection or a pool thread, or hold one: not parked on I/O, not joining.
    std::int64_t backlog() const { return m_tasks.liveTasks() - m_inIo - m_joining; }
    // Inline: nearly every arrival and departure has nothing to tell.
    void tellStrain(const std::optional<StrainReport> &report)
    {
        if (report)
            narrateStrain(*report);
    }
    void narrateStrain(const StrainReport &r);

    LoadDriver m_load;
    RequestPlans m_plans; // the steps of each request slot of m_tasks
    TaskTable m_tasks;
    ConnectionPools m_pools;
    MemoryLedger m_memory;
    MetricsCollector m_collector;
    StrainWatch m_strain;
    std::int64_t m_inIo = 0;           // tasks in a network wait (startIo → finishIo)
    std::int64_t m_joining = 0;        // parents waiting for their children
    std::vector<Nanos> m_poolWaitSeen; // per connection pool: when a request last had to wait
    Nanos m_refusalSeen{-1};
    bool m_cancelled = false;
    std::vector<int> m_narrated;
    std::vector<TaskId> m_spawnBuffer;
};

} // namespace conviz
