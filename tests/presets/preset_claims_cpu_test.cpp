// What each preset's teaching note (scenarios/<name>.md) says it shows, checked against the preset as
// shipped. Margins are loose enough to survive small model changes and tight enough to fail when a
// note stops being true; the numbers in the comments are what the presets give today.
// This file: the CPU-bound and API presets (benchmark-trap, crud-postgres, data-pipeline, default,
// event-loop-lag).
#include "tests/presets/preset_support.h"

#include "engine/cost.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace conviz::presets {
namespace {

// ---------------------------------------------------------------------------------------------------
// benchmark-trap: 256 clients, 50 µs of CPU per request, 8 cores.

TEST(BenchmarkTrap, OnEightCoresFibersServeThreeToTenTimesTheEventLoop)
{
    const auto r = runPreset("benchmark-trap");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->scenario.machine.cores, 8);
    // 157,000 against 19,900 req/s: 7.9×.
    EXPECT_GE(r->fibers.throughputRps, 3 * r->loop.throughputRps);
    EXPECT_LE(r->fibers.throughputRps, 10 * r->loop.throughputRps);
}

TEST(BenchmarkTrap, ThreadsAreHeldToWhatOneAcceptLoopCanCreate)
{
    const auto r = runPreset("benchmark-trap");
    ASSERT_TRUE(r);
    // 45,000 req/s (2.3× the loop) on 42 % of the cores: 1 / 22 µs of pthread_create.
    const double acceptLoop = 1e9 / static_cast<double>(r->scenario.threads.spawnCost.count());
    EXPECT_LE(r->threads.throughputRps, acceptLoop);
    EXPECT_GE(r->threads.throughputRps, 0.95 * acceptLoop);
    EXPECT_GE(r->threads.throughputRps, 2 * r->loop.throughputRps);
    EXPECT_LT(r->threads.cpuUtilization, 0.5);
    // On 16 cores they stay there.
    const auto wide = runPreset("benchmark-trap", {"machine.cores=16"});
    ASSERT_TRUE(wide);
    EXPECT_LE(wide->threads.throughputRps, acceptLoop);
}

TEST(BenchmarkTrap, TheEventLoopUsesOneCoreOfEightAndCannotPassOneOverItsCpuPerRequest)
{
    const auto r = runPreset("benchmark-trap");
    ASSERT_TRUE(r);
    EXPECT_NEAR(r->loop.cpuUtilization, 1.0 / 8, 0.005);
    EXPECT_GE(r->fibers.cpuUtilization, 0.95);
    EXPECT_LE(r->loop.throughputRps, 20'000 * 1.001); // 1 / 50 µs
}

TEST(BenchmarkTrap, OnOneCoreTheEventLoopIsNotBehind)
{
    const auto r = runPreset("benchmark-trap", {"machine.cores=1"});
    ASSERT_TRUE(r);
    // 19,900 (loop) against 19,700 (fibers) and 13,400 (threads).
    EXPECT_GE(r->loop.throughputRps, 0.98 * r->fibers.throughputRps);
    EXPECT_GE(r->loop.throughputRps, r->threads.throughputRps);
}

TEST(BenchmarkTrap, AClusterOfEightNodeProcessesClosesTheGapAtEightTimesTheMemory)
{
    const auto one = runPreset("benchmark-trap");
    const auto eight = runPreset("benchmark-trap", {"event_loop.processes=8"});
    ASSERT_TRUE(one && eight);
    // 159,000 req/s; 355 MiB resident against 44.5 MiB.
    EXPECT_GE(eight->loop.throughputRps, 0.95 * eight->fibers.throughputRps);
    EXPECT_GE(eight->loop.memory.peakCommitted, 7 * one->loop.memory.peakCommitted);
}

TEST(BenchmarkTrap, AThreadPoolRemovesTheCostOfCreatingAThreadPerRequest)
{
    const auto r = runPreset("benchmark-trap", {"threads.mode=pool", "threads.pool_size=64"});
    const auto perRequest = runPreset("benchmark-trap");
    ASSERT_TRUE(r && perRequest);
    // 159,000 req/s against 97,000 with a thread per request.
    EXPECT_GE(r->threads.throughputRps, 0.95 * r->fibers.throughputRps);
    EXPECT_GE(r->threads.throughputRps, 1.3 * perRequest->threads.throughputRps);
}

// ---------------------------------------------------------------------------------------------------
// crud-postgres: 800 req/s, 0.5 ms of CPU and two queries over a 20-connection pool, 4 cores.

TEST(CrudApi, ThroughputIsTheSameUnderAllThreeModels)
{
    const auto r = runPreset("crud-postgres");
    ASSERT_TRUE(r);
    // 789 req/s each.
    EXPECT_LE(maxOverMin(r->fibers.throughputRps, r->loop.throughputRps, r->threads.throughputRps), 1.05);
    for (ModelKind model : kAllModels) {
        EXPECT_NEAR((*r)[model].throughputRps / r->scenario.load.rate, 1.0, 0.05) << modelKey(model);
        EXPECT_EQ((*r)[model].refused, 0) << modelKey(model);
    }
}

TEST(CrudApi, TheEventLoopAddsLessThanAMillisecondOfMeanLatency)
{
    const auto r = runPreset("crud-postgres");
    ASSERT_TRUE(r);
    // 5.5 ms (fibers, threads) against 6.0 ms (loop).
    EXPECT_GE(meanMs(r->loop), meanMs(r->fibers));
    EXPECT_LT(meanMs(r->loop) - meanMs(r->fibers), 1.0);
    EXPECT_LT(std::abs(meanMs(r->threads) - meanMs(r->fibers)), 0.5);
}

TEST(CrudApi, AcrossTheSweepUpToAThousandRequestsPerSecondThroughputStaysTheSame)
{
    const auto base = runPreset("crud-postgres");
    ASSERT_TRUE(base);
    const SweepSpec &sweep = base->scenario.sweep;
    ASSERT_EQ(sweep.param, "load.rate");
    ASSERT_LE(sweep.to, 1000.0);
    for (double rate : {sweep.from, sweep.to}) {
        SCOPED_TRACE(rate);
        const auto r = runPreset("crud-postgres", {sweepPoint(sweep.param, rate)});
        ASSERT_TRUE(r);
        EXPECT_LE(maxOverMin(r->fibers.throughputRps, r->loop.throughputRps, r->threads.throughputRps), 1.05);
    }
}

TEST(CrudApi, AtTwentyFiveHundredRequestsPerSecondOneEventLoopSaturates)
{
    const auto r = runPreset("crud-postgres", {"load.rate=2500"});
    ASSERT_TRUE(r);
    // 1,935 req/s and 1.5 s mean for the loop; 2,468 req/s at 5.6 ms for Go.
    EXPECT_NEAR(r->fibers.throughputRps / 2500, 1.0, 0.05);
    EXPECT_LE(r->loop.throughputRps, 0.85 * r->fibers.throughputRps);
    EXPECT_GE(meanMs(r->loop), 20 * meanMs(r->fibers));
}

TEST(CrudApi, ASmallerConnectionPoolSlowsEveryModelAlike)
{
    const auto base = runPreset("crud-postgres");
    const auto r = runPreset("crud-postgres", {"pools.db=5"});
    ASSERT_TRUE(base && r);
    // 8.1–8.7 ms mean against 5.5–6.0 ms with 20 connections.
    for (ModelKind model : kAllModels)
        EXPECT_GE(meanMs((*r)[model]), 1.3 * meanMs((*base)[model])) << modelKey(model);
    EXPECT_LE(maxOverMin(meanMs(r->fibers), meanMs(r->loop), meanMs(r->threads)), 1.15);
}

TEST(CrudApi, FourTimesTheJavaScriptCpuSaturatesOneProcessButNotFour)
{
    const auto one = runPreset("crud-postgres", {"event_loop.cpu_factor=4"});
    const auto four = runPreset("crud-postgres", {"event_loop.cpu_factor=4", "event_loop.processes=4"});
    ASSERT_TRUE(one && four);
    // 490 req/s against 789; four processes: 789.
    EXPECT_LE(one->loop.throughputRps, 0.8 * one->fibers.throughputRps);
    EXPECT_NEAR(four->loop.throughputRps / four->fibers.throughputRps, 1.0, 0.02);
}

// ---------------------------------------------------------------------------------------------------
// data-pipeline: a batch of 500 records, ~5 ms of CPU each, 8 cores.

TEST(DataPipeline, OnEightCoresTheEventLoopTakesAtLeastThreeTimesAsLong)
{
    const auto r = runPreset("data-pipeline");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->scenario.machine.cores, 8);
    // 2,541 ms against 351 ms (fibers) and 361 ms (threads).
    EXPECT_GE(makespanMs(r->loop), 3 * makespanMs(r->fibers));
    EXPECT_GE(makespanMs(r->loop), 3 * makespanMs(r->threads));
}

TEST(DataPipeline, OnOneCoreEveryModelTakesAboutAsLong)
{
    const auto r = runPreset("data-pipeline", {"machine.cores=1"});
    ASSERT_TRUE(r);
    // 2,540, 2,541 and 2,624 ms.
    EXPECT_LE(maxOverMin(makespanMs(r->fibers), makespanMs(r->loop), makespanMs(r->threads)), 1.1);
}

TEST(DataPipeline, SixteenCoresSpeedUpFibersButNotTheEventLoop)
{
    const auto eight = runPreset("data-pipeline");
    const auto sixteen = runPreset("data-pipeline", {"machine.cores=16"});
    ASSERT_TRUE(eight && sixteen);
    // Fibers 351 → 263 ms; the loop 2,541 → 2,541 ms.
    EXPECT_LE(makespanMs(sixteen->fibers), 0.85 * makespanMs(eight->fibers));
    EXPECT_NEAR(makespanMs(sixteen->loop) / makespanMs(eight->loop), 1.0, 0.01);
}

TEST(DataPipeline, EightNodeProcessesFinishAboutAsFastAsGo)
{
    const auto r = runPreset("data-pipeline", {"event_loop.processes=8"});
    ASSERT_TRUE(r);
    // 368 ms against 351 ms.
    EXPECT_LE(makespanMs(r->loop), 1.2 * makespanMs(r->fibers));
}

// ---------------------------------------------------------------------------------------------------
// default: 1,500 req/s, 0.4 ms of CPU and one query, 4 cores.

TEST(DefaultScenario, TheEventLoopsMeanLatencyIsVisiblyHigherWhileThroughputIsEqual)
{
    const auto r = runPreset("default");
    ASSERT_TRUE(r);
    // 6.5 ms against 4.4 ms; 1,956 req/s each.
    EXPECT_GE(meanMs(r->loop), 1.30 * meanMs(r->fibers));
    EXPECT_LE(maxOverMin(r->fibers.throughputRps, r->loop.throughputRps, r->threads.throughputRps), 1.01);
}

TEST(DefaultScenario, TheJavaScriptThreadIsAboutEightyPercentBusyAndEachCoreAboutTwenty)
{
    const auto r = runPreset("default");
    ASSERT_TRUE(r);
    const double cores = r->scenario.machine.cores;
    EXPECT_NEAR(r->loop.cpuUtilization * cores, 0.8, 0.06); // one busy thread's share
    EXPECT_NEAR(r->fibers.cpuUtilization, 0.20, 0.02);
}

TEST(DefaultScenario, At2600RequestsPerSecondOneLoopFallsBehindAndTwoProcessesKeepUp)
{
    const auto one = runPreset("default", {"load.rate=2600"});
    const auto two = runPreset("default", {"load.rate=2600", "event_loop.processes=2"});
    ASSERT_TRUE(one && two);
    // p99 168 ms against 15 ms; 2,457 against 2,542 req/s. Two processes: 15.8 ms.
    EXPECT_GE(p99Ms(one->loop), 5 * p99Ms(one->fibers));
    EXPECT_LE(one->loop.throughputRps, 0.985 * one->fibers.throughputRps);
    EXPECT_LE(p99Ms(two->loop), 1.2 * p99Ms(two->fibers));
}

TEST(DefaultScenario, ThreadsHoldWhatAnIdleThreadHoldsAndLessThanGoInAll)
{
    const auto r = runPreset("default");
    ASSERT_TRUE(r);
    // Not the 8 MiB each reserves (a default, 1024 times its touched 8 KiB) but what a thread holds
    // resident: 8,192 B per thread today, 8,531 B measured for an idle thread.
    EXPECT_NEAR(residentStackPerThread(r->threads) / kIdleThreadBytes, 1.0, 0.15);
    EXPECT_LT(r->threads.memory.peakCommitted, r->fibers.memory.peakCommitted);
}

// ---------------------------------------------------------------------------------------------------
// event-loop-lag: 300 req/s, CPU with mean 1 ms and p99 14 ms, 4 cores.

TEST(EventLoopLag, TheEventLoopsP99IsAtLeastThreeTimesTheFibers)
{
    const auto r = runPreset("event-loop-lag");
    ASSERT_TRUE(r);
    // 187 ms against 19 ms; medians 4.1 against 2.9 ms.
    EXPECT_GE(p99Ms(r->loop), 3 * p99Ms(r->fibers));
    EXPECT_LE(r->loop.latency.p50, 2 * r->fibers.latency.p50);
    EXPECT_LE(maxOverMin(r->fibers.throughputRps, r->loop.throughputRps, r->threads.throughputRps), 1.01);
}

TEST(EventLoopLag, FourProcessesCutTheLoopsP99ByAtLeastThreeTimes)
{
    const auto one = runPreset("event-loop-lag");
    const auto four = runPreset("event-loop-lag", {"event_loop.processes=4"});
    ASSERT_TRUE(one && four);
    // 187 → 39 ms.
    EXPECT_LE(3 * p99Ms(four->loop), p99Ms(one->loop));
}

TEST(EventLoopLag, OnOneCorePreemptionStillKeepsGoWellAheadOfTheLoop)
{
    const auto four = runPreset("event-loop-lag");
    const auto one = runPreset("event-loop-lag", {"machine.cores=1"});
    ASSERT_TRUE(four && one);
    // Loop 187 ms, fibers 54 ms, threads 27 ms; fibers had 19 ms on 4 cores.
    EXPECT_GE(p99Ms(one->loop), 2 * p99Ms(one->fibers));
    EXPECT_LE(p99Ms(one->threads), p99Ms(one->fibers));
    EXPECT_GE(p99Ms(one->fibers), 1.5 * p99Ms(four->fibers));
    EXPECT_NEAR(p99Ms(one->loop) / p99Ms(four->loop), 1.0, 0.05);
}

TEST(EventLoopLag, AllocationLengthensTheLoopsTailThroughScavengesAndLeavesGosAlone)
{
    const auto base = runPreset("event-loop-lag");
    const auto some = runPreset("event-loop-lag", {"request.alloc=\"64KiB\""});
    const auto more = runPreset("event-loop-lag", {"request.alloc=\"256KiB\""});
    ASSERT_TRUE(base && some && more);
    // The note: with 64 KiB Node's p99 goes 187 → 193 ms, with 256 KiB to 217 ms; Go's stays at 19 ms;
    // Go pays in CPU (151 and 680 cycles), Node in pauses on the loop (35 and 146 scavenges).
    EXPECT_EQ(base->loop.gc.status, GcSummary::Status::NoAllocation);
    EXPECT_EQ(more->threads.gc.status, GcSummary::Status::NoCollector);
    EXPECT_GT(p99Ms(some->loop), p99Ms(base->loop));
    EXPECT_GE(p99Ms(more->loop), 1.1 * p99Ms(base->loop));
    EXPECT_NEAR(p99Ms(more->fibers) / p99Ms(base->fibers), 1.0, 0.10);
    EXPECT_GE(more->fibers.gc.cycles, 3 * some->fibers.gc.cycles);
    EXPECT_GE(more->loop.gc.cycles, 3 * some->loop.gc.cycles);
    EXPECT_GT(more->loop.gc.pauseMax, some->loop.gc.pauseMax / 2);
    EXPECT_LT(some->fibers.gc.pauseMax, Nanos{100'000}) << "Go stops the world for microseconds";
    EXPECT_GT(some->loop.gc.pauseMax, Nanos{1'000'000}) << "a scavenge under a backlog takes milliseconds";
}

TEST(EventLoopLag, OnFourCoresGoNeedsNoPreemptionToKeepItsTail)
{
    const auto base = runPreset("event-loop-lag");
    const auto r = runPreset("event-loop-lag", {"fibers.time_slice=\"1s\""});
    ASSERT_TRUE(base && r);
    EXPECT_GT(base->fibers.preemptions, 0);
    EXPECT_EQ(r->fibers.preemptions, 0);
    EXPECT_NEAR(p99Ms(r->fibers) / p99Ms(base->fibers), 1.0, 0.05);
}

} // namespace
} // namespace conviz::presets
