#include "tests/engine/scenarios.h"

#include "engine/workload.h"

#include <utility>

namespace conviz::test {

DurationDist constant(Nanos mean) { return {mean, Distribution::Constant, {}}; }
DurationDist exponential(Nanos mean) { return {mean, Distribution::Exponential, {}}; }
DurationDist lognormal(Nanos mean, Nanos p99) { return {mean, Distribution::LogNormal, p99}; }

Step cpu(DurationDist d, bool offload)
{
    Step s;
    s.kind = StepKind::Cpu;
    s.duration = d;
    s.offload = offload;
    return s;
}

Step io(DurationDist d, int pool)
{
    Step s;
    s.kind = StepKind::Io;
    s.duration = d;
    s.pool = pool;
    return s;
}

Step blocking(DurationDist d)
{
    Step s;
    s.kind = StepKind::Blocking;
    s.duration = d;
    return s;
}

Step fanout(std::int64_t count, std::vector<Step> children)
{
    Step s;
    s.kind = StepKind::Fanout;
    s.count = count;
    s.children = std::move(children);
    return s;
}

Step stack(std::int64_t bytes)
{
    Step s;
    s.kind = StepKind::Stack;
    s.bytes = bytes;
    return s;
}

Scenario openLoad(int cores, double rate, std::int64_t requests, std::vector<Step> steps)
{
    Scenario s;
    s.machine.cores = cores;
    s.load.kind = LoadKind::Open;
    s.load.rate = rate;
    s.load.requests = requests;
    s.steps = std::move(steps);
    return s;
}

Scenario closedLoad(int cores, std::int64_t clients, DurationDist think, std::int64_t requests, std::vector<Step> steps)
{
    Scenario s;
    s.machine.cores = cores;
    s.load.kind = LoadKind::Closed;
    s.load.clients = clients;
    s.load.think = think;
    s.load.requests = requests;
    s.steps = std::move(steps);
    return s;
}

Scenario batchLoad(int cores, std::int64_t count, std::vector<Step> steps)
{
    Scenario s;
    s.machine.cores = cores;
    s.load.kind = LoadKind::Batch;
    s.load.count = count;
    s.steps = std::move(steps);
    return s;
}

Scenario withoutOverheads(Scenario s)
{
    s.fibers.switchCost = Nanos::zero();
    s.fibers.spawnCost = Nanos::zero();
    s.fibers.handoffDelay = Nanos::zero();
    s.fibers.wakeupLatency = Nanos::zero();
    s.threads.switchCost = Nanos::zero();
    s.threads.spawnCost = Nanos::zero();
    s.eventLoop.callbackCost = Nanos::zero();
    s.eventLoop.cpuFactor = 1.0;
    return s;
}

ModelMetrics run(const Scenario &s, ModelKind m) { return simulate(s, m).metrics; }

ModelResult runTraced(const Scenario &s, ModelKind m, std::size_t traceLimit)
{
    RunOptions options;
    options.trace = true;
    options.traceLimit = traceLimit;
    return simulate(s, m, options);
}

std::map<std::uint32_t, Nanos> requestLatencies(const Trace &trace)
{
    std::map<std::uint32_t, Nanos> created;
    std::map<std::uint32_t, Nanos> latency;
    for (const TaskEvent &e : trace.tasks) {
        if (e.parent != 0)
            continue;
        if (e.state == TaskState::Created)
            created[e.request] = e.time;
        else if (e.state == TaskState::Done)
            latency[e.request] = e.time - created.at(e.request);
    }
    return latency;
}

std::uint64_t seedWithLongThenShort(Scenario s, Nanos longAtLeast, Nanos shortAtMost)
{
    RequestPlan plan;
    for (std::uint64_t seed = 1; seed < 1'000'000; ++seed) {
        s.seed = seed;
        const Workload w(s);
        w.plan(0, plan);
        if (plan.ops.front().value < longAtLeast.count())
            continue;
        w.plan(1, plan);
        if (plan.ops.front().value <= shortAtMost.count())
            return seed;
    }
    return 0;
}

double erlangC(int servers, double a)
{
    // Erlang B by its stable recurrence, then C = B / (1 − ρ(1 − B)).
    double b = 1.0;
    for (int k = 1; k <= servers; ++k)
        b = a * b / (k + a * b);
    const double rho = a / servers;
    return b / (1.0 - rho * (1.0 - b));
}

double mmcWaitInServiceUnits(int servers, double a) { return erlangC(servers, a) / (servers - a); }

} // namespace conviz::test
