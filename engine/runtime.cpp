#include "engine/runtime.h"

#include "engine/core/contract.h"

#include <algorithm>
#include <cmath>

namespace conviz {
namespace {
constexpr int kNarrationBudget = 200; // lines per kind and run: a log people can read
constexpr std::uint64_t kCheckEvery = 4096;
} // namespace

Runtime::Runtime(const Scenario &scenario, ModelKind model, Observer *observer)
    : m_scenario(scenario), m_model(model), m_observer(observer),
      m_kernel(m_sim, scenario.machine.cores, scenario.effectiveKernelSlice(), scenario.threads.switchCost,
               scenario.load.warmup, observer),
      m_workload(scenario),
      m_arrivals(scenario.seed, scenario.load.kind == LoadKind::Open ? scenario.load.rate : 1.0),
      m_narrated(static_cast<std::size_t>(NarrationKind::Info) + 1, 0)
{
    m_pools.resize(scenario.pools.size());
    for (std::size_t i = 0; i < scenario.pools.size(); ++i)
        m_pools[i].size = scenario.pools[i].size;
    m_toIssue = scenario.load.kind == LoadKind::Batch ? scenario.load.count : scenario.load.requests;
}

Runtime::~Runtime() = default;

ModelMetrics Runtime::run(const RunControl &control)
{
    m_memory.baselineCommitted = m_stackCommitted + m_otherCommitted;
    switch (m_scenario.load.kind) {
    case LoadKind::Open:
        scheduleNextArrival();
        break;
    case LoadKind::Closed: {
        const std::int64_t clients = std::min(m_scenario.load.clients, m_toIssue);
        for (std::int64_t c = 0; c < clients; ++c)
            issue(static_cast<std::int32_t>(c));
        break;
    }
    case LoadKind::Batch:
        while (m_issued < m_toIssue)
            issue(-1);
        break;
    }

    ModelMetrics m;
    m.model = m_model;
    int lastPercent = -1;
    while (m_sim.step()) {
        if (m_sim.eventsProcessed() % kCheckEvery != 0)
            continue;
        if (control.cancel && control.cancel->load(std::memory_order_relaxed)) {
            m.cancelled = true;
            break;
        }
        if (control.progress) {
            const double done = static_cast<double>(m_completed + m_refused) / static_cast<double>(m_toIssue);
            const int percent = static_cast<int>(done * 100);
            if (percent > lastPercent) {
                lastPercent = percent;
                control.progress(std::min(done, 1.0));
            }
        }
    }

    m.issued = m_issued;
    m.completed = m_completed;
    m.refused = m_refused;
    m.measured = static_cast<std::int64_t>(m_latencies.size());
    m.unfinished = m_issued - m_completed - m_refused;
    m.windowStart = m_scenario.load.warmup;
    m.windowEnd = max(m_lastCompletion, m.windowStart);
    const double window = (m.windowEnd - m.windowStart).toSeconds();
    if (window > 0) {
        m.throughputRps = static_cast<double>(m.measured) / window;
        m.arrivalRate = static_cast<double>(m_measuredArrivals) / window;
        m.meanInSystem = m_inSystemIntegral / 1e9 / window;
    }
    m.latency = LatencySummary::of(m_latencies);
    m.schedulingDelay = LatencySummary::of(m_schedDelays.empty() ? m_kernel.dispatchDelays() : m_schedDelays);

    const auto &busy = m_kernel.busyTime();
    double busySum = 0;
    for (Nanos b : busy) {
        const double u = window > 0 ? std::min(1.0, b.toSeconds() / window) : 0.0;
        m.coreUtilization.push_back(u);
        busySum += u;
    }
    m.cpuUtilization = busy.empty() ? 0 : busySum / static_cast<double>(busy.size());

    m.memory = m_memory;
    m.peakTasks = m_peakTasks;
    m.peakThreads = m_kernel.peakThreads();
    m.peakInFlight = m_peakInFlight;
    m.kernelSwitches = m_kernel.switches();
    m.userSwitches = m_userSwitches;
    m.contextSwitches = m.kernelSwitches + m.userSwitches;
    m.threadsCreated = m_kernel.threadsCreated();
    m.steals = m_steals;
    m.preemptions = m_preemptions;
    m.handoffs = m_handoffs;
    m.stackGrowths = m_stackGrowths;
    m.events = static_cast<std::int64_t>(m_sim.eventsProcessed());
    fillMetrics(m);
    return m;
}

bool Runtime::moreToIssue() const
{
    return m_issued < m_toIssue && (m_scenario.load.duration == Nanos::zero() || m_sim.now() < m_scenario.load.duration);
}

void Runtime::scheduleNextArrival()
{
    if (m_issued >= m_toIssue)
        return;
    const Nanos at = m_arrivals.next();
    if (m_scenario.load.duration > Nanos::zero() && at >= m_scenario.load.duration)
        return;
    m_sim.schedule(at, this, kArrival);
}

void Runtime::issue(std::int32_t client)
{
    std::uint32_t slot;
    if (!m_freeRequests.empty()) {
        slot = m_freeRequests.back();
        m_freeRequests.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(m_requests.size());
        m_requests.emplace_back();
    }
    Request &r = m_requests[slot];
    r.index = static_cast<std::uint64_t>(m_issued++);
    r.arrival = m_sim.now();
    r.client = client;
    r.failed = false;
    r.measured = r.arrival >= m_scenario.load.warmup;
    r.active = true;
    m_workload.plan(r.index, r.plan);

    m_peakInFlight = std::max(m_peakInFlight, ++m_inFlight);
    if (r.measured) {
        ++m_measuredArrivals;
        changeInSystem(+1);
    }
    traceCounter(Counter::InFlight, 0, m_inFlight);
    const TaskId root = newTask(slot, kNoTask, r.plan.programs[0]);
    m_requests[slot].root = root;
    admit(root);
}

std::uint32_t Runtime::requestSerial(TaskId t) const
{
    return static_cast<std::uint32_t>(m_requests[m_tasks[t].request].index);
}

TaskId Runtime::newTask(std::uint32_t request, TaskId parent, const Program &program)
{
    TaskId id;
    if (!m_freeTasks.empty()) {
        id = m_freeTasks.back();
        m_freeTasks.pop_back();
    } else {
        id = static_cast<TaskId>(m_tasks.size());
        m_tasks.emplace_back();
    }
    Task &k = m_tasks[id];
    k = Task{};
    k.request = request;
    k.parent = parent;
    k.pc = program.begin;
    k.end = program.end;
    k.alive = true;
    k.serial = m_nextTaskSerial++;
    k.readyAt = m_sim.now();
    m_peakTasks = std::max(m_peakTasks, ++m_liveTasks);
    traceCounter(Counter::Tasks, 0, m_liveTasks);
    traceTask(id, TaskState::Created);
    return id;
}

void Runtime::advance(TaskId t)
{
    for (;;) {
        Task &k = m_tasks[t];
        CONVIZ_ASSERT(k.alive, "advance() on a finished task");
        if (k.pc == k.end) {
            finishTask(t);
            return;
        }
        const Op op = m_requests[k.request].plan.ops[k.pc++];
        switch (op.kind) {
        case OpKind::Cpu:
        case OpKind::CpuOffload:
            execCpu(t, Nanos{op.value}, op.kind == OpKind::CpuOffload);
            return;
        case OpKind::Blocking:
            execBlocking(t, Nanos{op.value});
            return;
        case OpKind::Io:
            if (op.pool >= 0) {
                ConnectionPool &pool = m_pools[static_cast<std::size_t>(op.pool)];
                if (pool.inUse >= pool.size) {
                    k.remaining = Nanos{op.value};
                    pool.waiters.push_back(t);
                    traceCounter(Counter::PoolQueue, op.pool, static_cast<std::int64_t>(pool.waiters.size()));
                    if (pool.waiters.size() == 1)
                        narrate(NarrationKind::PoolSaturated, "all {} connections of pool '{}' are in use: request {} waits",
                                pool.size, m_scenario.pools[static_cast<std::size_t>(op.pool)].name,
                                requestSerial(t));
                    traceTask(t, TaskState::PoolWait, Place::ConnectionPool, op.pool);
                    k.waitingFor = TaskState::PoolWait;
                    suspend(t, TaskState::PoolWait);
                    return;
                }
                ++pool.inUse;
                k.connection = op.pool;
            }
            traceTask(t, TaskState::IoWait);
            k.waitingFor = TaskState::IoWait;
            suspend(t, TaskState::IoWait);
            startIo(t, Nanos{op.value});
            return;
        case OpKind::Fanout: {
            const RequestPlan &plan = m_requests[k.request].plan;
            const std::uint32_t request = k.request;
            m_spawnBuffer.clear();
            for (std::uint32_t c = 0; c < op.childCount; ++c)
                m_spawnBuffer.push_back(newTask(request, t, plan.programs[op.childBegin + c]));
            m_tasks[t].pendingChildren = op.childCount; // newTask may have moved m_tasks
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
    Task &k = m_tasks[parent];
    if (k.pendingChildren == 0) {
        advance(parent);
        return;
    }
    k.joining = true;
    k.waitingFor = TaskState::Joining;
    traceTask(parent, TaskState::Joining, Place::Join);
    suspend(parent, TaskState::Joining);
}

void Runtime::startIo(TaskId t, Nanos length)
{
    m_sim.after(length, this, kIoDone, t);
}

void Runtime::onEvent(const Event &event)
{
    switch (event.kind) {
    case kArrival:
        issue(-1);
        scheduleNextArrival();
        return;
    case kClientNext:
        if (moreToIssue())
            issue(static_cast<std::int32_t>(event.a));
        return;
    case kIoDone: {
        const TaskId t = event.a;
        Task &k = m_tasks[t];
        if (k.connection >= 0) {
            const auto p = static_cast<std::size_t>(k.connection);
            ConnectionPool &pool = m_pools[p];
            k.connection = -1;
            --pool.inUse;
            if (!pool.waiters.empty()) {
                const TaskId next = pool.waiters.front();
                pool.waiters.pop_front();
                ++pool.inUse;
                m_tasks[next].connection = static_cast<std::int32_t>(p);
                traceCounter(Counter::PoolQueue, static_cast<std::int32_t>(p),
                             static_cast<std::int64_t>(pool.waiters.size()));
                traceTask(next, TaskState::IoWait);
                startIo(next, m_tasks[next].remaining);
            }
        }
        wake(t);
        return;
    }
    default:
        onModelEvent(event);
        return;
    }
}

void Runtime::finishTask(TaskId t)
{
    finished(t);
    Task &k = m_tasks[t];
    k.alive = false;
    const TaskId parent = k.parent;
    const std::uint32_t request = k.request;
    traceTask(t, TaskState::Done);
    --m_liveTasks;
    traceCounter(Counter::Tasks, 0, m_liveTasks);
    m_freeTasks.push_back(t);

    if (parent == kNoTask) {
        finishRequest(request, m_requests[request].failed);
        return;
    }
    Task &p = m_tasks[parent];
    if (--p.pendingChildren == 0 && p.joining) {
        p.joining = false;
        wake(parent);
    }
}

void Runtime::refuseRequest(TaskId t)
{
    Task &k = m_tasks[t];
    const TaskId parent = k.parent;
    const std::uint32_t request = k.request;
    k.alive = false;
    traceTask(t, TaskState::Refused);
    --m_liveTasks;
    traceCounter(Counter::Tasks, 0, m_liveTasks);
    m_freeTasks.push_back(t);
    if (!m_requests[request].failed)
        narrate(NarrationKind::Refused, "request {} refused: no thread could be created for it",
                m_requests[request].index);
    m_requests[request].failed = true;

    if (parent == kNoTask) {
        finishRequest(request, true);
        return;
    }
    Task &p = m_tasks[parent];
    if (--p.pendingChildren == 0 && p.joining) {
        p.joining = false;
        wake(parent);
    }
}

void Runtime::finishRequest(std::uint32_t slot, bool refused)
{
    Request &r = m_requests[slot];
    const Nanos now = m_sim.now();
    const Nanos latency = now - r.arrival;
    if (refused)
        ++m_refused;
    else
        ++m_completed;
    if (r.measured) {
        if (!refused)
            m_latencies.push_back(latency.count());
        m_sojournSum += static_cast<double>(latency.count());
        changeInSystem(-1);
        m_lastCompletion = now;
    }
    --m_inFlight;
    traceCounter(Counter::InFlight, 0, m_inFlight);
    r.active = false;
    m_freeRequests.push_back(slot);

    if (r.client >= 0 && moreToIssue())
        m_sim.after(m_workload.thinkTime(r.index), this, kClientNext, static_cast<std::uint32_t>(r.client));
}

void Runtime::changeInSystem(int delta)
{
    const Nanos now = m_sim.now();
    m_inSystemIntegral += static_cast<double>(m_inSystem) * static_cast<double>((now - m_inSystemSince).count());
    m_inSystemSince = now;
    m_inSystem += delta;
}

void Runtime::recordSchedulingDelay(Nanos readySince)
{
    if (readySince >= m_scenario.load.warmup)
        m_schedDelays.push_back((m_sim.now() - readySince).count());
}

void Runtime::addStack(std::int64_t reservedDelta, std::int64_t committedDelta)
{
    m_stackReserved += reservedDelta;
    m_stackCommitted += committedDelta;
    m_memory.peakStackReserved = std::max(m_memory.peakStackReserved, m_stackReserved);
    m_memory.peakStackCommitted = std::max(m_memory.peakStackCommitted, m_stackCommitted);
    m_memory.peakReserved = std::max(m_memory.peakReserved, m_stackReserved + m_otherCommitted);
    m_memory.peakCommitted = std::max(m_memory.peakCommitted, m_stackCommitted + m_otherCommitted);
    if (m_observer) {
        traceCounter(Counter::StackReserved, 0, m_stackReserved);
        traceCounter(Counter::StackCommitted, 0, m_stackCommitted);
    }
}

void Runtime::addOther(std::int64_t committedDelta)
{
    m_otherCommitted += committedDelta;
    m_memory.peakReserved = std::max(m_memory.peakReserved, m_stackReserved + m_otherCommitted);
    m_memory.peakCommitted = std::max(m_memory.peakCommitted, m_stackCommitted + m_otherCommitted);
    traceCounter(Counter::OtherCommitted, 0, m_otherCommitted);
}

void Runtime::traceStack(std::uint64_t owner, StackOwner kind, std::int64_t reserved, std::int64_t committed)
{
    if (m_observer)
        m_observer->onStack({m_sim.now(), owner, kind, reserved, committed});
}

void Runtime::traceTask(TaskId t, TaskState state, Place place, std::int32_t index, std::int32_t slot)
{
    if (!m_observer)
        return;
    const Task &k = m_tasks[t];
    const std::uint64_t parent = k.parent == kNoTask ? 0 : m_tasks[k.parent].serial;
    m_observer->onTask({m_sim.now(), k.serial, requestSerial(t), parent, state, place, index, slot});
}

void Runtime::traceCounter(Counter c, std::int32_t index, std::int64_t value)
{
    if (m_observer)
        m_observer->onCounter({m_sim.now(), c, index, value});
}

bool Runtime::takeNarrationBudget(NarrationKind kind)
{
    int &used = m_narrated[static_cast<std::size_t>(kind)];
    return used++ < kNarrationBudget;
}

LatencySummary LatencySummary::of(std::vector<std::int64_t> &samples)
{
    LatencySummary s;
    s.count = static_cast<std::int64_t>(samples.size());
    if (samples.empty())
        return s;
    std::sort(samples.begin(), samples.end());
    double sum = 0;
    for (std::int64_t v : samples)
        sum += static_cast<double>(v);
    s.mean = sum / static_cast<double>(samples.size());
    const auto rank = [&](double q) {
        const auto n = static_cast<double>(samples.size());
        auto i = static_cast<std::size_t>(std::ceil(q * n));
        i = std::clamp<std::size_t>(i, 1, samples.size());
        return static_cast<double>(samples[i - 1]);
    };
    s.p50 = rank(0.50);
    s.p90 = rank(0.90);
    s.p99 = rank(0.99);
    s.max = static_cast<double>(samples.back());
    return s;
}

} // namespace conviz
