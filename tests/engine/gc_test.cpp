// The garbage collector as a cost (engine/gc.h, fiber_gc.cpp, the event loop's scavenges): Go's
// cycles follow the heap's growth over GOGC, its stop-the-world pauses reach the latency, V8's
// scavenges follow the semi-space and show as event-loop lag, and a request that allocates nothing
// (every preset) runs exactly as before.
#include "engine/gc.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

// Open load of `requests` requests of 200 µs CPU and a 2 ms network wait, each allocating `alloc`.
Scenario allocating(std::int64_t alloc, double rate = 2000, std::int64_t requests = 20'000)
{
    Scenario s = openLoad(4, rate, requests, {cpu(constant(200_us)), io(exponential(2_ms))});
    s.alloc = alloc;
    return s;
}

TEST(GoPacer, ACycleStartsAfterTheHeapGrewByGogcPercentOfTheLiveHeap)
{
    FiberParams p;
    p.gcLiveHeap = 64 * MiB;
    GoPacer pacer(p);
    // Go 1.19 triggers at most 61/64 of the way to the goal: 61 MiB of a 64 MiB runway.
    EXPECT_EQ(pacer.runway(), 64 * MiB);
    EXPECT_EQ(pacer.triggerGap(), 61 * MiB);
    std::int64_t allocated = 0;
    while (!pacer.allocate(64 * KiB))
        allocated += 64 * KiB;
    EXPECT_EQ(allocated + 64 * KiB, 61 * MiB);
}

TEST(GoPacer, TheHeapMinimumHoldsForASmallLiveHeap)
{
    // mgcpacer.go heapMinimum: a goal of at least 4 MiB × GOGC/100.
    FiberParams p;
    p.gcLiveHeap = 1 * MiB;
    EXPECT_EQ(GoPacer(p).runway(), 3 * MiB);
    p.gogc = 200;
    EXPECT_EQ(GoPacer(p).runway(), 7 * MiB);
}

TEST(GoPacer, WhatTheMarkAllocatesIsMarkedLiveAndRaisesTheNextGoal)
{
    FiberParams p;
    p.gcLiveHeap = 16 * MiB;
    GoPacer pacer(p);
    pacer.beginCycle();
    pacer.allocate(4 * MiB); // allocated black during the mark: marked live though its request ends
    pacer.release(4 * MiB);
    pacer.endCycle();
    EXPECT_EQ(pacer.marked(), 20 * MiB);
    EXPECT_EQ(pacer.runway(), 20 * MiB);
    // The pacer starts the next cycle early by what the mark allocated...
    EXPECT_EQ(pacer.triggerGap(), 16 * MiB);
    // ... but never before 45/64 of the runway.
    pacer.beginCycle();
    pacer.allocate(16 * MiB);
    pacer.release(16 * MiB);
    pacer.endCycle();
    EXPECT_EQ(pacer.runway(), 32 * MiB);
    EXPECT_EQ(pacer.triggerGap(), 32 * MiB / 64 * 45);
}

TEST(GoGc, CyclesEqualTheBytesAllocatedOverTheLiveHeapTimesGogc)
{
    Scenario s = allocating(64 * KiB);
    s.fibers.gcLiveHeap = 64 * MiB;
    // A short mark: what it allocates (marked live, allocate-black) would raise the next goal.
    s.fibers.gcMarkCost = 0.01;
    const ModelMetrics m = run(s, ModelKind::Fibers);
    ASSERT_EQ(m.gc.status, GcSummary::Status::Modelled);
    const double runway = static_cast<double>(s.fibers.gcLiveHeap) * s.fibers.gogc / 100;
    const double expected = static_cast<double>(m.gc.allocated) / runway;
    ASSERT_GT(expected, 10);
    // Within the pacer's early trigger (61/64 of the runway) and a cycle's rounding.
    EXPECT_GE(static_cast<double>(m.gc.cycles), expected - 1);
    EXPECT_LE(static_cast<double>(m.gc.cycles), expected * 64 / 61 + 1);
    EXPECT_EQ(m.gc.pauses, 2 * m.gc.cycles);
}

TEST(GoGc, DoublingGogcHalvesTheCycles)
{
    Scenario s = allocating(64 * KiB);
    s.fibers.gcLiveHeap = 32 * MiB;
    const std::int64_t at100 = run(s, ModelKind::Fibers).gc.cycles;
    s.fibers.gogc = 200;
    const std::int64_t at200 = run(s, ModelKind::Fibers).gc.cycles;
    ASSERT_GT(at100, 20);
    EXPECT_NEAR(static_cast<double>(at200), static_cast<double>(at100) / 2, 0.1 * static_cast<double>(at100) / 2);
}

TEST(GoGc, StopTheWorldPausesRaiseTheP99ByAboutThePause)
{
    // A cycle every ~2 MiB (the 4 MiB minimum heap) at 512 KiB a request: every few requests, a
    // pause of 2 ms on every P, far more often than one request in a hundred.
    Scenario s = allocating(512 * KiB, 1000, 5000);
    s.fibers.gcMarkCost = 0.01;
    s.fibers.gcStwPause = Nanos::zero();
    const double without = run(s, ModelKind::Fibers).latency.p99;
    s.fibers.gcStwPause = 2_ms;
    const ModelMetrics with = run(s, ModelKind::Fibers);
    EXPECT_GT(with.gc.cycles, 100);
    EXPECT_GE(with.latency.p99 - without, 0.5 * 2e6);
    EXPECT_LE(with.latency.p99 - without, 2.5 * 2e6);
}

TEST(GoGc, AGoroutineRunningWhenTheWorldStopsIsDelayedByBothPauses)
{
    // Requests of one 20 ms CPU burst (no preemption), a cycle every few arrivals (1 MiB each, the
    // 4 MiB minimum heap), a negligible mark: each goroutine on a P when the world stops is held
    // for the cycle's two pauses, however long its burst still has to run.
    Scenario s = openLoad(4, 100, 2000, {cpu(constant(20_ms))});
    s.fibers.timeSlice = 1000_ms;
    s.alloc = 1 * MiB;
    s.fibers.gcMarkCost = 0.001;
    s.fibers.gcStwPause = Nanos::zero();
    const ModelMetrics without = run(s, ModelKind::Fibers);
    s.fibers.gcStwPause = 2_ms;
    const ModelMetrics with = run(s, ModelKind::Fibers);
    // A request lives through 20 ms × 100/s ÷ 3 ≈ 0.7 cycles of two 2 ms pauses each: 2.8 ms on
    // average directly, and the requests queued behind it wait as long again (half the Ps are busy).
    // Held only when their burst ended inside the pause, they would lose about 1.6 ms.
    const double direct = 0.7 * 2 * 2e6;
    EXPECT_GT(with.latency.mean - without.latency.mean, direct);
    EXPECT_LT(with.latency.mean - without.latency.mean, 3 * direct);
}

TEST(GoGc, MarkWorkTakesCpuInProportionToTheLiveHeap)
{
    Scenario s = allocating(64 * KiB);
    s.fibers.gcLiveHeap = 16 * MiB;
    const ModelMetrics small = run(s, ModelKind::Fibers);
    s.fibers.gcLiveHeap = 64 * MiB;
    const ModelMetrics large = run(s, ModelKind::Fibers);
    // Four times the live heap: a quarter of the cycles, each marking four times as much.
    const auto markCpu = [&](const ModelMetrics &m, std::int64_t live) {
        return static_cast<double>(m.gc.cycles) * static_cast<double>(live) * s.fibers.gcMarkCost;
    };
    EXPECT_NEAR(large.gc.cpu.toSeconds() / small.gc.cpu.toSeconds(),
                markCpu(large, 64 * MiB) / markCpu(small, 16 * MiB), 0.15);
    EXPECT_GT(small.gc.cpuShare, 0.0);
    EXPECT_LT(small.gc.cpuShare, 0.25);
}

TEST(V8Scavenge, ScavengesEqualTheBytesAllocatedOverTheSemiSpace)
{
    const Scenario s = allocating(64 * KiB);
    const ModelMetrics m = run(s, ModelKind::EventLoop);
    ASSERT_EQ(m.gc.status, GcSummary::Status::Modelled);
    const double expected = static_cast<double>(m.gc.allocated) / static_cast<double>(s.eventLoop.gcYoungSpace);
    ASSERT_GT(expected, 50);
    // Survivors (the few requests in flight) take a little of each fill.
    EXPECT_GE(static_cast<double>(m.gc.cycles), expected - 1);
    EXPECT_LE(static_cast<double>(m.gc.cycles), expected * 1.05 + 1);
    EXPECT_EQ(m.gc.pauses, m.gc.cycles);
    EXPECT_GE(m.gc.pauseMax, s.eventLoop.gcScavengePause);
}

TEST(V8Scavenge, EventLoopLagRisesWithTheAllocationRate)
{
    double last = -1;
    for (const std::int64_t alloc : {std::int64_t{0}, 64 * KiB, 256 * KiB, 1024 * KiB}) {
        Scenario s = allocating(alloc, 500, 10'000);
        s.eventLoop.gcScavengePause = 1_ms;
        const ModelMetrics m = run(s, ModelKind::EventLoop);
        EXPECT_GT(m.schedulingDelay.p99, last) << "alloc " << alloc;
        last = m.schedulingDelay.p99;
    }
}

TEST(V8Scavenge, APauseGrowsWithWhatSurvives)
{
    EventLoopParams p;
    p.gcYoungSpace = 16 * MiB;
    V8Nursery nursery(p);
    // 4 MiB of requests in flight, and the 1 MiB request that fills the semi-space: they are copied.
    V8Nursery::Scavenges s = nursery.allocate(4 * MiB);
    EXPECT_EQ(s.count, 0);
    for (int i = 0; i < 12 && s.count == 0; ++i) {
        s = nursery.allocate(1 * MiB);
        nursery.release(1 * MiB);
    }
    ASSERT_EQ(s.count, 1);
    EXPECT_EQ(s.pause, p.gcScavengePause + Nanos{std::llround(5.0 * MiB * p.gcScavengeCost)});
}

TEST(GcNotModelled, AScenarioThatAllocatesNothingIgnoresEveryCollectorParameter)
{
    const Scenario plain = allocating(0, 2000, 3000);
    Scenario tuned = plain;
    tuned.fibers.gogc = 5;
    tuned.fibers.gcStwPause = 50_ms;
    tuned.fibers.gcMarkCost = 100;
    tuned.eventLoop.gcYoungSpace = 1;
    tuned.eventLoop.gcScavengePause = 50_ms;
    for (const ModelKind model : kAllModels) {
        const ModelResult a = runTraced(plain, model);
        const ModelResult b = runTraced(tuned, model);
        EXPECT_EQ(a.metrics.latency.p99, b.metrics.latency.p99);
        EXPECT_EQ(a.metrics.events, b.metrics.events);
        EXPECT_EQ(a.trace->records(), b.trace->records());
        EXPECT_EQ(b.metrics.gc.cycles, 0);
        EXPECT_EQ(b.metrics.gc.status,
                  model == ModelKind::Threads ? GcSummary::Status::NoCollector : GcSummary::Status::NoAllocation);
    }
}

TEST(GcNotModelled, ThreadsHaveNoCollectorWhateverTheyAllocate)
{
    const ModelMetrics none = run(allocating(0, 2000, 3000), ModelKind::Threads);
    const ModelMetrics lots = run(allocating(1024 * KiB, 2000, 3000), ModelKind::Threads);
    EXPECT_EQ(lots.gc.status, GcSummary::Status::NoCollector);
    EXPECT_EQ(lots.latency.p99, none.latency.p99);
    EXPECT_EQ(lots.events, none.events);
}

TEST(GcTrace, GcPausesAreSpansOfTheirOwnKind)
{
    const Scenario s = allocating(256 * KiB, 2000, 2000);
    for (const ModelKind model : {ModelKind::Fibers, ModelKind::EventLoop}) {
        const ModelResult r = runTraced(s, model);
        const auto gcSpans = std::count_if(r.trace->spans.begin(), r.trace->spans.end(),
                                           [](const Span &sp) { return sp.kind == SpanKind::Gc; });
        EXPECT_GE(gcSpans, r.metrics.gc.cycles) << modelKey(model);
        EXPECT_GT(r.metrics.gc.cycles, 0) << modelKey(model);
    }
}

} // namespace
} // namespace conviz
