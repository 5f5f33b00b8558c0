// What the three models share: the load driver (open, closed, batch), the request and task tables,
// the interpreter that walks a task's steps, connection pools, the memory ledger, the kernel and the
// metrics bookkeeping. A model (FiberRuntime, EventLoopRuntime, ThreadRuntime) says only how tasks
// get CPU, how they wait and what they cost.
#pragma once

#include "engine/kernel_scheduler.h"
#include "engine/metrics.h"
#include "engine/core/scenario.h"
#include "engine/simulation.h"
#include "engine/trace.h"
#include "engine/workload.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace conviz {

using TaskId = std::uint32_t;
inline constexpr TaskId kNoTask = 0xffffffffu;

// How a caller steers a long run: cancel it, hear how far it got.
struct RunControl {
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(double fraction)> progress; // called from the running thread, ≤ 100 times
};

class Runtime : public EventHandler, public ThreadClient {
public:
    Runtime(const Scenario &scenario, ModelKind model, Observer *observer);
    virtual ~Runtime();
    Runtime(const Runtime &) = delete;
    Runtime &operator=(const Runtime &) = delete;

    // Runs the whole scenario and returns the metrics. Call once.
    ModelMetrics run(const RunControl &control = {});

protected:
    struct Task {
        std::uint32_t request = 0;     // slot in m_requests
        TaskId parent = kNoTask;
        std::uint32_t pc = 0;          // next op
        std::uint32_t end = 0;
        std::uint32_t pendingChildren = 0;
        bool joining = false;
        bool alive = false;
        std::uint64_t serial = 0;      // display id, unique per run
        Nanos remaining{};             // model use: CPU left in the current op, pending I/O time
        Nanos readyAt{};               // model use: when it became runnable
        std::int64_t stack = 0;        // model use: stack bytes
        std::uint32_t owner = 0xffffffffu; // model use: thread / P / process
        std::int32_t connection = -1;  // connection pool held, or -1
        TaskState waitingFor = TaskState::Created; // the last wait it entered (IoWait, PoolWait, Joining)
    };

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
    // Called once after the run, to add model-specific numbers.
    virtual void fillMetrics(ModelMetrics &m) { (void)m; }

    // --- services for the model -----------------------------------------------------------------
    // Walks the task's steps from its program counter until it must wait or it ends. The task is on
    // the CPU in the model's sense.
    void advance(TaskId task);
    // After spawn(): the parent waits for its children (or goes on if they are all done).
    void joinChildren(TaskId parent);
    // The request could not be admitted (root) or one of its tasks could not be created (child).
    void refuseRequest(TaskId task);

    Task &task(TaskId t) { return m_tasks[t]; }
    const RequestPlan &planOf(TaskId t) const { return m_requests[m_tasks[t].request].plan; }
    std::uint32_t requestSerial(TaskId t) const;
    bool tracing() const { return m_observer != nullptr; }

    void traceTask(TaskId t, TaskState state, Place place = Place::None, std::int32_t index = 0,
                   std::int32_t slot = -1);
    void traceCounter(Counter c, std::int32_t index, std::int64_t value);
    template <typename... Args>
    void narrate(NarrationKind kind, fmt::format_string<Args...> format, Args &&...args)
    {
        if (!m_observer || !takeNarrationBudget(kind))
            return;
        m_observer->onNarration({m_sim.now(), kind, fmt::format(format, std::forward<Args>(args)...)});
    }
    void recordSchedulingDelay(Nanos readySince);

    // Memory ledger: deltas in bytes.
    void addStack(std::int64_t reservedDelta, std::int64_t committedDelta);
    void addOther(std::int64_t committedDelta);
    void traceStack(std::uint64_t owner, StackOwner kind, std::int64_t reserved, std::int64_t committed);

    static constexpr std::uint32_t kModelEventBase = 16;

    const Scenario &m_scenario;
    const ModelKind m_model;
    Observer *const m_observer;
    Simulation m_sim;
    KernelScheduler m_kernel;
    std::int64_t m_liveTasks = 0;
    std::int64_t m_userSwitches = 0;
    std::int64_t m_steals = 0;
    std::int64_t m_preemptions = 0;
    std::int64_t m_handoffs = 0;
    std::int64_t m_stackGrowths = 0;

private:
    enum BaseEvent : std::uint32_t { kArrival, kClientNext, kIoDone, kStop };
    struct Request {
        std::uint64_t index = 0;
        Nanos arrival{};
        RequestPlan plan;
        TaskId root = kNoTask;
        std::int32_t client = -1;
        bool failed = false;
        bool measured = false;
        bool active = false;
    };
    struct ConnectionPool {
        std::int64_t size = 0;
        std::int64_t inUse = 0;
        std::deque<TaskId> waiters;
    };

    void onEvent(const Event &event) final;
    void issue(std::int32_t client);
    void scheduleNextArrival();
    TaskId newTask(std::uint32_t request, TaskId parent, const Program &program);
    void startIo(TaskId t, Nanos length);
    void finishTask(TaskId t);
    void finishRequest(std::uint32_t slot, bool refused);
    void changeInSystem(int delta);
    bool takeNarrationBudget(NarrationKind kind);
    bool moreToIssue() const;

    Workload m_workload;
    Workload::Arrivals m_arrivals;
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_freeRequests;
    std::vector<Task> m_tasks;
    std::vector<TaskId> m_freeTasks;
    std::vector<ConnectionPool> m_pools;
    std::int64_t m_toIssue = 0;
    std::int64_t m_issued = 0;
    std::int64_t m_completed = 0;
    std::int64_t m_refused = 0;
    std::int64_t m_inFlight = 0;
    std::int64_t m_peakInFlight = 0;
    std::int64_t m_peakTasks = 0;
    std::uint64_t m_nextTaskSerial = 1;
    Nanos m_nextArrival{};

    // Metrics over the measurement window.
    std::vector<std::int64_t> m_latencies;
    std::vector<std::int64_t> m_schedDelays;
    std::int64_t m_measuredArrivals = 0;
    double m_sojournSum = 0;
    std::int64_t m_inSystem = 0;
    Nanos m_inSystemSince{};
    double m_inSystemIntegral = 0; // request·ns
    Nanos m_lastCompletion{};

    // Memory.
    std::int64_t m_stackReserved = 0;
    std::int64_t m_stackCommitted = 0;
    std::int64_t m_otherCommitted = 0;
    MemorySummary m_memory;

    std::vector<int> m_narrated;
    std::vector<TaskId> m_spawnBuffer;
};

} // namespace conviz
