#include "engine/runtime.h"

#include "engine/core/contract.h"
#include "engine/gc.h"

#include <algorithm>

namespace conviz {
namespace {
constexpr int kNarrationBudget = 200; // lines per kind and run: a log people can read
// Cancel and progress are looked at every 4096 events, not after each: an atomic load and a
// division per event would show in a loop that runs millions of them, and 4096 events take well
// under a millisecond, so cancelling still feels immediate. A power of two makes the test a mask.
constexpr std::uint64_t kCheckEvery = 4096;
} // namespace

Runtime::Runtime(const Scenario &scenario, ModelKind model, Observer *observer)
    : m_scenario(scenario),
      m_model(model),
      m_observer(observer),
      m_kernel(m_sim, scenario.machine.cores, scenario.effectiveKernelSlice(), scenario.threads.switchCost,
               scenario.load.warmup, observer),
      m_load(scenario, m_sim, *this),
      m_plans(m_load.workload()),
      m_pools(scenario),
      m_collector(scenario.load.warmup),
      m_strain(scenario, scenario.narration),
      m_poolWaitSeen(scenario.pools.size(), Nanos{-1}),
      m_narrated(static_cast<std::size_t>(NarrationKind::Info) + 1, 0)
{
}

Runtime::~Runtime() = default;

void Runtime::run(const RunControl &control)
{
    // The model's constructor has created what exists before any request (runtime, processes, idle
    // threads); that is the baseline the memory figures are read against.
    m_memory.markBaseline();
    m_completions = control.completions;
    m_load.start();

    int lastPercent = -1;
    while (m_sim.step()) {
        if (m_sim.eventsProcessed() % kCheckEvery != 0)
            continue;
        if (control.cancel && control.cancel->load(std::memory_order_relaxed)) {
            m_cancelled = true;
            return;
        }
        if (control.progress) {
            const double done = m_load.doneFraction();
            // Report whole percents only: at most a hundred calls, however long the run.
            const int percent = static_cast<int>(done * 100);
            if (percent > lastPercent) {
                lastPercent = percent;
                control.progress(std::min(done, 1.0));
            }
        }
    }
}

ModelMetrics Runtime::metrics()
{
    ModelMetrics m = m_collector.collect({.model = m_model,
                                          .cancelled = m_cancelled,
                                          .events = m_sim.eventsProcessed(),
                                          .load = m_load,
                                          .tasks = m_tasks,
                                          .memory = m_memory,
                                          .kernel = m_kernel,
                                          .counters = m_counters});
    m.overload = m_strain.overload();
    // Whether a collector runs at all; the models that have one fill in what it cost.
    m.gc = GcTally(m_scenario, m_model != ModelKind::Threads).summary(Nanos::zero());
    fillMetrics(m);
    return m;
}

void Runtime::issueRequest(std::uint64_t index, std::int32_t client)
{
    const Nanos now = m_sim.now();
    tellStrain(m_strain.arrived(now, backlog()));
    const bool measured = m_collector.measures(now);
    const std::uint32_t slot = m_tasks.openRequest(index, now, client, measured);
    m_plans.draw(slot, index);
    if (measured)
        m_collector.arrived(now);
    traceCounter(Counter::InFlight, 0, m_load.inFlight());
    const TaskId root = newTask(slot, kNoTask, m_plans.program(0));
    m_tasks.request(slot).root = root;
    admit(root);
}

TaskId Runtime::newTask(std::uint32_t request, TaskId parent, const Program &program)
{
    const TaskId id = m_tasks.createTask(request, parent, program, m_sim.now());
    traceCounter(Counter::Tasks, 0, m_tasks.liveTasks());
    traceTask(id, TaskState::Created);
    return id;
}

void Runtime::advance(TaskId t)
{
    for (;;) {
        Task &k = m_tasks.task(t);
        CONVIZ_ASSERT(k.alive, "advance() on a finished task");
        if (k.pc == k.end) {
            finishTask(t);
            return;
        }
        const Op op = m_plans.op(k.request, k.pc++);
        switch (op.kind) {
        case OpKind::Cpu:
        case OpKind::CpuOffload: execCpu(t, Nanos{op.value}, op.kind == OpKind::CpuOffload); return;
        case OpKind::Blocking: execBlocking(t, Nanos{op.value}); return;
        case OpKind::Io:
            if (op.pool >= 0) {
                if (!m_pools.acquire(op.pool, t)) {
                    // The whole I/O time is still ahead: it starts when a connection is handed over.
                    k.remaining = Nanos{op.value};
                    const std::int64_t waiting = m_pools.waiting(op.pool);
                    if (waiting > 1)
                        newEpisode(m_poolWaitSeen[static_cast<std::size_t>(op.pool)]); // the episode goes on
                    traceCounter(Counter::PoolQueue, op.pool, waiting);
                    if (waiting == 1 && newEpisode(m_poolWaitSeen[static_cast<std::size_t>(op.pool)]))
                        narrate(NarrationKind::PoolSaturated,
                                "all {} connections of pool '{}' are in use: request {} waits", m_pools.size(op.pool),
                                m_scenario.pools[static_cast<std::size_t>(op.pool)].name, requestSerial(t));
                    traceTask(t, TaskState::PoolWait, Place::ConnectionPool, op.pool);
                    k.waitingFor = TaskState::PoolWait;
                    suspend(t, TaskState::PoolWait);
                    return;
                }
                k.connection = op.pool;
            }
            traceTask(t, TaskState::IoWait);
            k.waitingFor = TaskState::IoWait;
            suspend(t, TaskState::IoWait);
            startIo(t, Nanos{op.value});
            return;
        case OpKind::Fanout: {
            const std::uint32_t request = k.request;
            m_spawnBuffer.clear();
            for (std::uint32_t c = 0; c < op.childCount; ++c)
                m_spawnBuffer.push_back(newTask(request, t, m_plans.program(op.childBegin + c)));
            m_tasks.task(t).pendingChildren = op.childCount; // newTask may have moved the table: no `k` here
            spawn(t, m_spawnBuffer);
            return;
        }
        case OpKind::Stack:
            if (!reachStack(t, op.value))
                return;
            break;
        }
    }
}

void Runtime::joinChildren(TaskId parent)
{
    Task &k = m_tasks.task(parent);
    if (k.pendingChildren == 0) {
        advance(parent);
        return;
    }
    k.joining = true;
    ++m_joining;
    k.waitingFor = TaskState::Joining;
    traceTask(parent, TaskState::Joining, Place::Join);
    suspend(parent, TaskState::Joining);
}

void Runtime::startIo(TaskId t, Nanos length)
{
    // The wait itself is only time, the same under every model; what waiting costs (a blocked
    // thread, a parked goroutine) the model charged in suspend().
    ++m_inIo;
    m_sim.after(length, this, kIoDone, t);
}

void Runtime::finishIo(TaskId t)
{
    --m_inIo;
    Task &k = m_tasks.task(t);
    if (k.connection >= 0) {
        const std::int32_t pool = k.connection;
        k.connection = -1;
        const TaskId next = m_pools.release(pool);
        if (next != kNoTask) {
            m_tasks.task(next).connection = pool;
            traceCounter(Counter::PoolQueue, pool, m_pools.waiting(pool));
            traceTask(next, TaskState::IoWait);
            startIo(next, m_tasks.task(next).remaining);
        }
    }
    wake(t);
}

void Runtime::onEvent(const Event &event)
{
    if (event.kind == kIoDone) {
        finishIo(event.a);
        return;
    }
    onModelEvent(event);
}

void Runtime::finishTask(TaskId t)
{
    // The model frees what the task holds first, while its row is still alive.
    finished(t);
    const TaskId parent = m_tasks.task(t).parent;
    const std::uint32_t request = m_tasks.task(t).request;
    m_tasks.retireTask(t);
    traceTask(t, TaskState::Done);
    traceCounter(Counter::Tasks, 0, m_tasks.liveTasks());

    if (parent == kNoTask) {
        if (m_completions)
            m_completions->push_back(m_sim.now());
        finishRequest(request, m_tasks.request(request).failed);
        return;
    }
    childEnded(parent);
}

void Runtime::refuseRequest(TaskId t)
{
    const TaskId parent = m_tasks.task(t).parent;
    const std::uint32_t request = m_tasks.task(t).request;
    m_tasks.retireTask(t);
    traceTask(t, TaskState::Refused);
    traceCounter(Counter::Tasks, 0, m_tasks.liveTasks());
    TaskTable::Request &r = m_tasks.request(request);
    // A fan-out can lose several children: say it once per request.
    if (!r.failed && newEpisode(m_refusalSeen))
        narrate(NarrationKind::Refused, "request {} refused: no thread could be created for it", r.index);
    r.failed = true;

    // A refused child still ends, so its parent is not left joining forever; the request fails
    // when its root finishes.
    if (parent == kNoTask) {
        finishRequest(request, true);
        return;
    }
    childEnded(parent);
}

void Runtime::childEnded(TaskId parent)
{
    Task &p = m_tasks.task(parent);
    if (--p.pendingChildren == 0 && p.joining) {
        p.joining = false;
        --m_joining;
        wake(parent);
    }
}

void Runtime::finishRequest(std::uint32_t slot, bool refused)
{
    const TaskTable::Request &r = m_tasks.request(slot);
    tellStrain(m_strain.departed(m_sim.now(), backlog()));
    if (r.measured)
        m_collector.departed(r.arrival, m_sim.now(), refused);
    m_load.requestEnded(r.client, r.index, refused);
    traceCounter(Counter::InFlight, 0, m_load.inFlight());
    m_tasks.closeRequest(slot);
}

void Runtime::emitStack(std::uint64_t owner, StackOwner kind, std::int64_t reserved, std::int64_t committed)
{
    m_observer->onStack({m_sim.now(), owner, kind, reserved, committed});
}

void Runtime::emitTask(TaskId t, TaskState state, Place place, std::int32_t index, std::int32_t slot)
{
    m_observer->onTask(
        {m_sim.now(), m_tasks.task(t).serial, requestSerial(t), m_tasks.parentSerial(t), state, place, index, slot});
}

void Runtime::emitCounter(Counter c, std::int32_t index, std::int64_t value)
{
    m_observer->onCounter({m_sim.now(), c, index, value});
}

void Runtime::narrateStrain(const StrainReport &r)
{
    if (r.kind == StrainReport::Kind::Saturation && r.departureRps == 0)
        narrate(NarrationKind::Saturation,
                "overloaded: {:.0f} req/s arrive and none has left yet; {} tasks wait or run", r.arrivalRps, r.backlog);
    else if (r.kind == StrainReport::Kind::Saturation)
        narrate(NarrationKind::Saturation,
                "overloaded: {:.0f} req/s arrive but only {:.0f} req/s leave ({:.1f}×); {} tasks wait or run",
                r.arrivalRps, r.departureRps, r.arrivalRps / std::max(r.departureRps, 1e-9), r.backlog);
    else
        narrate(NarrationKind::QueueGrowth,
                "the backlog keeps growing: {} tasks wait or run, twice as many as {:.0f} ms ago", r.backlog,
                (m_sim.now() - r.since).toMillis());
}

bool Runtime::newEpisode(Nanos &lastSeen)
{
    const Nanos now = m_sim.now();
    const bool fresh = lastSeen < Nanos::zero() || now - lastSeen >= m_scenario.narration.retellAfter;
    lastSeen = now;
    return fresh;
}

bool Runtime::takeNarrationBudget(NarrationKind kind)
{
    int &used = m_narrated[static_cast<std::size_t>(kind)];
    return used++ < kNarrationBudget;
}

} // namespace conviz
