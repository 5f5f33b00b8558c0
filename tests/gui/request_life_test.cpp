// The life of one request computed from its trace (gui/core/request_life.h): no Qt, plain values.
#include "gui/core/request_life.h"

#include "engine/simulate.h"
#include "test_scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

using namespace conviz;
using namespace conviz::gui;
using namespace conviz::literals;

namespace {

TaskEvent ev(Nanos t, std::uint64_t task, std::uint32_t request, TaskState s, Place p = Place::None,
             std::uint64_t parent = 0)
{
    TaskEvent e;
    e.time = t;
    e.task = task;
    e.request = request;
    e.parent = parent;
    e.state = s;
    e.place = p;
    return e;
}

Span span(Nanos a, Nanos b, std::uint64_t task, std::uint32_t request, std::uint32_t core = 0)
{
    Span s;
    s.start = a;
    s.end = b;
    s.core = core;
    s.task = task;
    s.request = request;
    return s;
}

// Request 7 (task 70): arrives at 1 ms, waits in the run queue, runs 0.4 ms in two bursts with a
// preemption between them, waits 0.5 ms on the network, waits 0.2 ms for a connection, runs
// 0.1 ms, done at 3.5 ms. Request 8 (task 80) shares the trace and must not leak into it.
Trace knownTrace()
{
    Trace t;
    t.tasks = {
        ev(1_ms, 70, 7, TaskState::Created),
        ev(1_ms, 70, 7, TaskState::Runnable, Place::KernelQueue),
        ev(1200_us, 80, 8, TaskState::Created),
        ev(2_ms, 70, 7, TaskState::Running, Place::Core),
        ev(2400_us, 70, 7, TaskState::IoWait),
        ev(2900_us, 70, 7, TaskState::PoolWait, Place::ConnectionPool),
        ev(3100_us, 70, 7, TaskState::Runnable, Place::KernelQueue),
        ev(3300_us, 70, 7, TaskState::Running, Place::Core),
        ev(3500_us, 70, 7, TaskState::Done),
    };
    t.spans = {
        span(1200_us, 2_ms, 80, 8),       // the other request holds the core
        span(2_ms, 2200_us, 70, 7),       // request 7's first burst
        span(2250_us, 2450_us, 70, 7, 1), // preempted 50 µs, then on core 1 (past its IoWait: clipped)
        span(3400_us, 3500_us, 70, 7),    // on a core 100 µs after it became Running
    };
    return t;
}

} // namespace

TEST(RequestLife, KnownTraceGivesEachStateItsExactTime)
{
    const std::optional<RequestLife> life = requestLife(knownTrace(), 7);
    ASSERT_TRUE(life);
    EXPECT_TRUE(life->finished);
    EXPECT_EQ(life->arrival, 1_ms);
    EXPECT_EQ(life->end, 3500_us);
    EXPECT_EQ(life->latency(), 2500_us);
    EXPECT_EQ(life->total(LifeState::Ran), 200_us + 150_us + 100_us);
    // 1 ms in the run queue, 50 µs preempted, 200 µs runnable again, 100 µs Running but on no core.
    EXPECT_EQ(life->total(LifeState::CpuWait), 1000_us + 50_us + 200_us + 100_us);
    EXPECT_EQ(life->total(LifeState::Io), 500_us);
    EXPECT_EQ(life->total(LifeState::PoolWait), 200_us);
    EXPECT_EQ(life->total(LifeState::Join), Nanos::zero());
    const Nanos sum = std::accumulate(life->totals.begin(), life->totals.end(), Nanos::zero());
    EXPECT_EQ(sum, life->latency());

    const std::vector<LifeState> order = {LifeState::CpuWait, LifeState::Ran,      LifeState::CpuWait, LifeState::Ran,
                                          LifeState::Io,      LifeState::PoolWait, LifeState::CpuWait, LifeState::Ran};
    ASSERT_EQ(life->segments.size(), order.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        EXPECT_EQ(life->segments[i].state, order[i]) << "segment " << i;
    EXPECT_EQ(life->segments.front().start, 1_ms);
    EXPECT_EQ(life->segments.back().end, 3500_us);
    EXPECT_EQ(life->spans, (std::vector<std::uint32_t>{1, 2, 3}));
    EXPECT_EQ(life->tasks, (std::vector<std::uint64_t>{70}));
    EXPECT_EQ(life->stateAt(2100_us), LifeState::Ran);
    EXPECT_EQ(life->stateAt(2600_us), LifeState::Io);
    EXPECT_FALSE(life->stateAt(900_us));
    EXPECT_FALSE(life->stateAt(3600_us));
}

TEST(RequestLife, ARequestTheTraceDoesNotHoldHasNoLife)
{
    EXPECT_FALSE(requestLife(knownTrace(), 9));
    EXPECT_FALSE(requestLife(knownTrace(), kNoRequest));
}

TEST(RequestLife, AnUnfinishedRequestEndsAtTheCut)
{
    Trace t = knownTrace();
    t.tasks.pop_back(); // no Done: the trace was cut at 3.4 ms
    t.spans.pop_back();
    t.truncatedAt = 3400_us;
    const std::optional<RequestLife> life = requestLife(t, 7);
    ASSERT_TRUE(life);
    EXPECT_FALSE(life->finished);
    EXPECT_EQ(life->end, 3400_us);
    EXPECT_EQ(life->total(LifeState::CpuWait), 1000_us + 50_us + 200_us + 100_us);
}

// Every model's lives, one per request, add up to the latencies its metrics summarise: the life
// of request N is that request's latency in that model's result, and request N arrives at the
// same instant in every model (one workload, one clock).
TEST(RequestLife, EveryModelsLivesAreItsMeasuredLatenciesAndArrivalsAgree)
{
    Scenario s = conviz::gui::test::smallWebScenario(120);
    RunOptions o;
    o.trace = true;
    std::vector<std::vector<Nanos>> arrivals;
    for (ModelKind m : kAllModels) {
        const auto r = simulate(s, m, o);
        std::vector<std::int64_t> latencies;
        std::vector<Nanos> arrived;
        for (std::uint32_t k = 0; k < 120; ++k) {
            const std::optional<RequestLife> life = requestLife(*r.trace, k);
            ASSERT_TRUE(life) << modelKey(m) << " request " << k;
            ASSERT_TRUE(life->finished);
            const Nanos sum = std::accumulate(life->totals.begin(), life->totals.end(), Nanos::zero());
            EXPECT_EQ(sum, life->latency());
            latencies.push_back(life->latency().count());
            arrived.push_back(life->arrival);
        }
        const LatencySummary summary = LatencySummary::of(latencies);
        EXPECT_EQ(summary.count, r.metrics.latency.count) << modelKey(m);
        EXPECT_DOUBLE_EQ(summary.mean, r.metrics.latency.mean) << modelKey(m);
        EXPECT_DOUBLE_EQ(summary.max, r.metrics.latency.max) << modelKey(m);
        EXPECT_DOUBLE_EQ(summary.p99, r.metrics.latency.p99) << modelKey(m);
        arrivals.push_back(arrived);
    }
    EXPECT_EQ(arrivals[0], arrivals[1]);
    EXPECT_EQ(arrivals[0], arrivals[2]);
}

// A request that fans out and makes a blocking call: its root joins its children (Join) and,
// under the event loop, its blocking call waits for or runs on libuv (QueueWait, Blocking); every
// life still adds up to its latency, which the metrics summarise.
TEST(RequestLife, FanOutAndBlockingCallsAreJoinAndBlockingTimeInEveryModel)
{
    Scenario s = conviz::gui::test::smallWebScenario(60);
    s.load.rate = 4000;
    Step child;
    child.kind = StepKind::Io;
    child.duration = {1_ms, Distribution::Constant, {}};
    Step fan;
    fan.kind = StepKind::Fanout;
    fan.count = 3;
    fan.children = {child};
    Step blocking;
    blocking.kind = StepKind::Blocking;
    blocking.duration = {2_ms, Distribution::Constant, {}};
    s.steps = {s.steps.front(), fan, blocking, s.steps.front()};
    s.pools.clear();
    RunOptions o;
    o.trace = true;
    for (ModelKind m : kAllModels) {
        const auto r = simulate(s, m, o);
        std::vector<std::int64_t> latencies;
        for (std::uint32_t k = 0; k < 60; ++k) {
            const std::optional<RequestLife> life = requestLife(*r.trace, k);
            ASSERT_TRUE(life && life->finished) << modelKey(m) << " request " << k;
            const Nanos sum = std::accumulate(life->totals.begin(), life->totals.end(), Nanos::zero());
            EXPECT_EQ(sum, life->latency());
            // The children's 1 ms waits overlap: the root joins them for at least 1 ms.
            EXPECT_GE(life->total(LifeState::Join), 1_ms) << modelKey(m) << " request " << k;
            EXPECT_GE(life->total(LifeState::Blocking), 2_ms) << modelKey(m) << " request " << k;
            EXPECT_EQ(life->tasks.size(), 4u) << modelKey(m); // the root and its three children
            latencies.push_back(life->latency().count());
        }
        const LatencySummary summary = LatencySummary::of(latencies);
        EXPECT_DOUBLE_EQ(summary.mean, r.metrics.latency.mean) << modelKey(m);
        EXPECT_DOUBLE_EQ(summary.max, r.metrics.latency.max) << modelKey(m);
    }
}
