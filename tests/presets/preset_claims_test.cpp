// What each preset's teaching note (scenarios/<name>.md) says it shows, checked against the preset as
// shipped. Margins are loose enough to survive small model changes and tight enough to fail when a
// note stops being true; the numbers in the comments are what the presets give today.
#include "tests/presets/preset_support.h"

#include "engine/cost.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace conviz::presets {
namespace {

double maxOverMin(double a, double b, double c)
{
    return std::max({a, b, c}) / std::min({a, b, c});
}

// ---------------------------------------------------------------------------------------------------
// benchmark-trap: 256 clients, 50 µs of CPU per request, 8 cores.

TEST(BenchmarkTrap, OnEightCoresFibersAndThreadsServeThreeToTenTimesTheEventLoop)
{
    const auto r = runPreset("benchmark-trap");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->scenario.machine.cores, 8);
    // 157,000 and 97,000 against 19,900 req/s: 7.9× and 4.9×.
    EXPECT_GE(r->fibers.throughputRps, 3 * r->loop.throughputRps);
    EXPECT_LE(r->fibers.throughputRps, 10 * r->loop.throughputRps);
    EXPECT_GE(r->threads.throughputRps, 3 * r->loop.throughputRps);
    EXPECT_LE(r->threads.throughputRps, 10 * r->loop.throughputRps);
}

TEST(BenchmarkTrap, TheEventLoopUsesOneCoreOfEightAndCannotPassOneOverItsCpuPerRequest)
{
    const auto r = runPreset("benchmark-trap");
    ASSERT_TRUE(r);
    EXPECT_NEAR(r->loop.cpuUtilization, 1.0 / 8, 0.005);
    EXPECT_GE(r->fibers.cpuUtilization, 0.95);
    EXPECT_GE(r->threads.cpuUtilization, 0.95);
    EXPECT_LE(r->loop.throughputRps, 20'000 * 1.001); // 1 / 50 µs
}

TEST(BenchmarkTrap, OnOneCoreTheEventLoopIsNotBehind)
{
    const auto r = runPreset("benchmark-trap", {"machine.cores=1"});
    ASSERT_TRUE(r);
    // 19,900 (loop) against 19,700 (fibers) and 12,100 (threads).
    EXPECT_GE(r->loop.throughputRps, 0.98 * r->fibers.throughputRps);
    EXPECT_GE(r->loop.throughputRps, r->threads.throughputRps);
}

TEST(BenchmarkTrap, AClusterOfEightNodeProcessesClosesTheGapAtEightTimesTheMemory)
{
    const auto one = runPreset("benchmark-trap");
    const auto eight = runPreset("benchmark-trap", {"event_loop.processes=8"});
    ASSERT_TRUE(one && eight);
    // 159,000 req/s; 344 MiB resident against 43 MiB.
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

TEST(DefaultScenario, ThreadsReserveMegabytesOfStackButCommitKilobytes)
{
    const auto r = runPreset("default");
    ASSERT_TRUE(r);
    // 192 MiB reserved, 192 KiB committed.
    EXPECT_GE(r->threads.memory.peakStackReserved, 500 * r->threads.memory.peakStackCommitted);
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

TEST(EventLoopLag, OnFourCoresGoNeedsNoPreemptionToKeepItsTail)
{
    const auto base = runPreset("event-loop-lag");
    const auto r = runPreset("event-loop-lag", {"fibers.time_slice=\"1s\""});
    ASSERT_TRUE(base && r);
    EXPECT_GT(base->fibers.preemptions, 0);
    EXPECT_EQ(r->fibers.preemptions, 0);
    EXPECT_NEAR(p99Ms(r->fibers) / p99Ms(base->fibers), 1.0, 0.05);
}

// ---------------------------------------------------------------------------------------------------
// fanout-500: 20 req/s, each calling 500 services at once, 8 cores.

TEST(FanOut, ThreadsCreateFiveHundredThreadsPerRequestAndReserveAHundredTimesTheFibersStack)
{
    const auto r = runPreset("fanout-500");
    ASSERT_TRUE(r);
    // 200,400 threads for 400 requests; 11.8 GiB against 76 MiB of stack reserved.
    EXPECT_GE(r->threads.threadsCreated, 500 * r->threads.completed);
    EXPECT_GE(r->threads.memory.peakStackReserved, 100 * r->fibers.memory.peakStackReserved);
    EXPECT_LE(r->fibers.threadsCreated, r->scenario.machine.cores + 2);
}

TEST(FanOut, ThreadStacksAreReservedNotResident)
{
    const auto r = runPreset("fanout-500");
    ASSERT_TRUE(r);
    // 11.8 GiB reserved, 11.8 MiB committed; 13 MiB resident in all against Go's 9 MiB.
    EXPECT_GE(r->threads.memory.peakStackReserved, 500 * r->threads.memory.peakStackCommitted);
    EXPECT_LE(r->threads.memory.peakCommitted, 2 * r->fibers.memory.peakCommitted);
}

TEST(FanOut, EveryModelKeepsUpButTheEventLoopIsSlower)
{
    const auto r = runPreset("fanout-500");
    ASSERT_TRUE(r);
    // 21.2 req/s each; mean 203 ms against 142 ms.
    EXPECT_LE(maxOverMin(r->fibers.throughputRps, r->loop.throughputRps, r->threads.throughputRps), 1.02);
    EXPECT_GE(meanMs(r->loop), 1.2 * meanMs(r->fibers));
}

TEST(FanOut, AtThirtyRequestsPerSecondOneLoopSaturatesAndTwoProcessesRecover)
{
    const auto one = runPreset("fanout-500", {"load.rate=30"});
    const auto two = runPreset("fanout-500", {"load.rate=30", "event_loop.processes=2"});
    ASSERT_TRUE(one && two);
    // Mean 1.0 s against 142 ms; two processes 157 ms.
    EXPECT_GE(meanMs(one->loop), 4 * meanMs(one->fibers));
    EXPECT_LE(meanMs(two->loop), 1.25 * meanMs(two->fibers));
}

// ---------------------------------------------------------------------------------------------------
// go-blocking-syscalls: a 5 ms blocking read per request, 4 cores.

TEST(GoBlockingSyscalls, GoHandsOffPsAndCreatesMoreThreadsAsTheLoadGrows)
{
    const auto base = runPreset("go-blocking-syscalls");
    ASSERT_TRUE(base);
    const SweepSpec &sweep = base->scenario.sweep;
    ASSERT_EQ(sweep.param, "load.rate");
    const auto low = runPreset("go-blocking-syscalls", {sweepPoint(sweep.param, sweep.from)});
    const auto high = runPreset("go-blocking-syscalls", {sweepPoint(sweep.param, sweep.to)});
    ASSERT_TRUE(low && high);
    // 8 threads at 100 req/s, 24 at 1,500.
    EXPECT_GT(low->fibers.handoffs, 0);
    EXPECT_GT(high->fibers.handoffs, low->fibers.handoffs);
    EXPECT_GE(high->fibers.threadsCreated, 2 * low->fibers.threadsCreated);
    EXPECT_GT(high->fibers.threadsCreated, high->scenario.effectiveGomaxprocs() + 1);
    EXPECT_GT(base->fibers.handoffs, 0);
}

TEST(GoBlockingSyscalls, PastEightHundredReadsPerSecondTheEventLoopFallsBehindWhileThreadsDoNot)
{
    const auto below = runPreset("go-blocking-syscalls", {"load.rate=700"});
    const auto above = runPreset("go-blocking-syscalls", {"load.rate=900"});
    ASSERT_TRUE(below && above);
    // Loop mean 11 ms → 677 ms, 793 req/s at 900; threads 5.35 ms at both.
    EXPECT_GE(meanMs(above->loop), 10 * meanMs(below->loop));
    EXPECT_LE(above->loop.throughputRps, 0.95 * above->fibers.throughputRps);
    EXPECT_LE(meanMs(above->threads), 1.1 * meanMs(below->threads));
    EXPECT_LE(meanMs(above->fibers), 1.1 * meanMs(below->fibers));
}

TEST(GoBlockingSyscalls, EightPoolThreadsLiftTheEventLoopsCeiling)
{
    const auto r = runPreset("go-blocking-syscalls", {"load.rate=900", "event_loop.threadpool=8"});
    ASSERT_TRUE(r);
    // 5.7 ms against 5.35 ms.
    EXPECT_LE(meanMs(r->loop), 1.2 * meanMs(r->threads));
}

TEST(GoBlockingSyscalls, ALongerHandOffDelayMeansFewerThreadsButSlowerRequests)
{
    const auto base = runPreset("go-blocking-syscalls");
    const auto r = runPreset("go-blocking-syscalls", {"fibers.handoff_delay=\"10ms\""});
    ASSERT_TRUE(base && r);
    // 14 → 9 threads; mean 5.3 → 6.8 ms.
    EXPECT_LT(r->fibers.threadsCreated, base->fibers.threadsCreated);
    EXPECT_GE(meanMs(r->fibers), 1.15 * meanMs(base->fibers));
}

// ---------------------------------------------------------------------------------------------------
// libuv-pool-trap: a 30 ms PBKDF2 hash per login on Node's 4-thread pool, 8 cores.

TEST(LibuvPoolTrap, PastFourHashesPer30MsTheEventLoopsLatencyExplodesWhileFibersDoNot)
{
    // 4 threads / 30 ms ≈ 133 logins per second.
    const auto below = runPreset("libuv-pool-trap", {"load.rate=100"});
    const auto above = runPreset("libuv-pool-trap", {"load.rate=150"});
    ASSERT_TRUE(below && above);
    // Loop p99 76 ms → 2.4 s; fibers 40 → 49 ms.
    EXPECT_GE(p99Ms(above->loop), 10 * p99Ms(below->loop));
    EXPECT_LE(p99Ms(above->fibers), 1.5 * p99Ms(below->fibers));
    EXPECT_LE(above->loop.throughputRps, 4 / 0.030 * 1.02);
    EXPECT_NEAR(above->fibers.throughputRps / 150, 1.0, 0.05);
}

TEST(LibuvPoolTrap, AtThePresetRateSixteenPoolThreadsRemoveTheTrap)
{
    const auto four = runPreset("libuv-pool-trap");
    const auto sixteen = runPreset("libuv-pool-trap", {"event_loop.threadpool=16"});
    ASSERT_TRUE(four && sixteen);
    ASSERT_EQ(four->scenario.eventLoop.threadpool, 4);
    // p99 135 ms against Go's 41 ms; with 16 threads 40 ms.
    EXPECT_GE(p99Ms(four->loop), 2 * p99Ms(four->fibers));
    EXPECT_LE(p99Ms(sixteen->loop), 1.1 * p99Ms(sixteen->fibers));
    EXPECT_NEAR(p99Ms(sixteen->fibers) / p99Ms(four->fibers), 1.0, 0.01);
}

TEST(LibuvPoolTrap, EachProcessOfAClusterBringsItsOwnPool)
{
    const auto r = runPreset("libuv-pool-trap", {"load.rate=150", "event_loop.processes=2"});
    ASSERT_TRUE(r);
    // 44 ms against Go's 49 ms.
    EXPECT_LE(p99Ms(r->loop), 1.2 * p99Ms(r->fibers));
}

// ---------------------------------------------------------------------------------------------------
// memory-at-scale: 10,000 connections that each wait 30 s, 4 cores.

TEST(MemoryAtScale, ThreadsReserveFourHundredTimesTheFibersStackButCommitAFiftiethOfIt)
{
    const auto r = runPreset("memory-at-scale");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->threads.peakThreads, 10'000);
    // 78.1 GiB against 60 MiB; 78.1 MiB committed.
    EXPECT_GE(r->threads.memory.peakStackReserved, 400 * r->fibers.memory.peakStackReserved);
    EXPECT_LE(50 * r->threads.memory.peakStackCommitted, r->threads.memory.peakStackReserved);
    // "80 GiB of reservations fit in 100 MiB of RAM."
    EXPECT_GE(r->threads.memory.peakReserved, 70 * GiB);
    EXPECT_LE(r->threads.memory.peakCommitted, 100 * MiB);
}

TEST(MemoryAtScale, TheSweepsLastPointRefusesConnectionsForThreadsOnly)
{
    const auto base = runPreset("memory-at-scale");
    ASSERT_TRUE(base);
    const SweepSpec &sweep = base->scenario.sweep;
    ASSERT_EQ(sweep.param, "load.requests");
    ASSERT_GE(sweep.to, 100'000.0);
    const auto r = runPreset("memory-at-scale", {sweepPoint(sweep.param, sweep.to)});
    ASSERT_TRUE(r);
    // 68,000 refused once 32,000 threads are alive.
    EXPECT_GT(r->threads.refused, 0);
    EXPECT_EQ(r->threads.peakThreads, r->scenario.threads.maxThreads);
    EXPECT_EQ(r->fibers.refused, 0);
    EXPECT_EQ(r->loop.refused, 0);
}

TEST(MemoryAtScale, PerWaitingConnectionGoUsesMoreMemoryThanNodeButStartsTenTimesSmaller)
{
    const auto small = runPreset("memory-at-scale");
    const auto large = runPreset("memory-at-scale", {"load.requests=100000", "threads.max_threads=200000"});
    ASSERT_TRUE(small && large);
    const auto perTask = [&](ModelKind model) {
        return static_cast<double>((*large)[model].memory.peakCommitted - (*small)[model].memory.peakCommitted) /
               (100'000 - 10'000);
    };
    // 2.7 KiB against 0.84 KiB per connection; 30 against 51 MiB at 10,000, 264 against 125 MiB at 100,000.
    EXPECT_NEAR(perTask(ModelKind::Fibers) / KiB, 2.7, 0.3);
    EXPECT_NEAR(perTask(ModelKind::EventLoop) / KiB, 0.85, 0.15);
    EXPECT_LT(small->fibers.memory.peakCommitted, small->loop.memory.peakCommitted);
    EXPECT_GT(large->fibers.memory.peakCommitted, large->loop.memory.peakCommitted);
    // Threads serve everyone once the limit is raised: about 8 KiB resident each.
    EXPECT_EQ(large->threads.refused, 0);
    EXPECT_NEAR(perTask(ModelKind::Threads) / KiB, 8.0, 0.5);
}

// ---------------------------------------------------------------------------------------------------
// c10k: 10,000 chat connections arriving at 5,000 per second, 4 cores.

TEST(C10k, ThreadsHoldAboutTenThousandThreadsAndFiftyGibibytesOfStackInUnderTwoHundredMebibytes)
{
    const auto r = runPreset("c10k");
    ASSERT_TRUE(r);
    // 9,977 threads; 77.9 GiB reserved; 79.3 MiB resident.
    EXPECT_GE(r->threads.peakThreads, 9'000);
    EXPECT_GE(r->threads.memory.peakStackReserved, 50 * GiB);
    EXPECT_LT(r->threads.memory.peakCommitted, 200 * MiB);
    EXPECT_LE(r->fibers.peakThreads, r->scenario.machine.cores + 2);
    EXPECT_EQ(r->threads.refused, 0);
}

TEST(C10k, EachMessageIsAKernelSwitchForThreadsAndAUserSwitchForGo)
{
    const auto r = runPreset("c10k");
    ASSERT_TRUE(r);
    // About 40,000 each: four wake-ups per connection.
    EXPECT_GE(r->threads.kernelSwitches, 3 * r->threads.completed);
    EXPECT_GE(r->fibers.userSwitches, 3 * r->fibers.completed);
    EXPECT_LE(r->fibers.kernelSwitches, r->threads.kernelSwitches / 100);
}

TEST(C10k, EveryModelKeepsUpSoLatencyIsTheSame)
{
    const auto r = runPreset("c10k");
    ASSERT_TRUE(r);
    // 15.0 s per connection in all three; the loop's lag p99 about 1 ms.
    EXPECT_LE(meanMs(r->loop), 1.01 * meanMs(r->fibers));
    EXPECT_LE(meanMs(r->threads), 1.01 * meanMs(r->fibers));
    EXPECT_LT(r->loop.schedulingDelay.p99, 10e6);
}

TEST(C10k, ALowerThreadLimitRefusesConnectionsForThreadsOnly)
{
    const auto r = runPreset("c10k", {"threads.max_threads=5000"});
    ASSERT_TRUE(r);
    // 4,978 refused.
    EXPECT_GT(r->threads.refused, 1'000);
    EXPECT_EQ(r->fibers.refused, 0);
    EXPECT_EQ(r->loop.refused, 0);
}

TEST(C10k, TheSweepsLastPointReachesTheThreadLimitAndRefusesConnections)
{
    const auto base = runPreset("c10k");
    ASSERT_TRUE(base);
    const SweepSpec &sweep = base->scenario.sweep;
    const auto r = runPreset("c10k", {sweepPoint(sweep.param, sweep.to)});
    ASSERT_TRUE(r);
    // 32,000 threads, 12,690 refused.
    EXPECT_GT(r->threads.refused, 1'000);
    EXPECT_EQ(r->threads.peakThreads, r->scenario.threads.maxThreads);
    EXPECT_EQ(r->fibers.refused, 0);
    EXPECT_EQ(r->loop.refused, 0);
}

std::vector<CostEstimate> costsOf(const PresetRun &r)
{
    const ModelMetrics metrics[] = {r.fibers, r.loop, r.threads};
    return estimateCosts(r.scenario, metrics);
}

TEST(LambdaCost, GoFitsTheSmallestLambdaButSavesOnlyAboutATenthBecauseCpuShrinksWithMemory)
{
    const auto r = runPreset("lambda-cost");
    ASSERT_TRUE(r);
    const auto costs = costsOf(*r);
    const CostEstimate &go = costs[0];
    const CostEstimate &node = costs[1];
    // Go 128 MB and 94 ms, $302; Node.js 241 MB and 62 ms, $338.
    EXPECT_EQ(go.lambdaMemory, kLambdaMinMemory);
    EXPECT_GT(node.lambdaMemory, 2 * kLambdaMinMemory - 16 * MiB);
    EXPECT_GT(go.lambdaDurationMs, 1.3 * node.lambdaDurationMs);
    EXPECT_LT(go.lambdaMonthly, node.lambdaMonthly);
    EXPECT_GT(go.lambdaMonthly, 0.75 * node.lambdaMonthly); // nowhere near 3-5x
    // Node.js costs $338 at 290 req/s: the article's $340 bill.
    EXPECT_NEAR(node.lambdaMonthly, 340.0, 20.0);
}

TEST(LambdaCost, WithTheMemorySettingFixedEveryModelPaysTheSame)
{
    for (const char *memory : {"cost.lambda_memory=512MiB", "cost.lambda_memory=1769MiB"}) {
        const auto r = runPreset("lambda-cost", {memory});
        ASSERT_TRUE(r);
        const auto costs = costsOf(*r);
        EXPECT_DOUBLE_EQ(costs[0].lambdaMonthly, costs[1].lambdaMonthly) << memory;
        EXPECT_DOUBLE_EQ(costs[2].lambdaMonthly, costs[1].lambdaMonthly) << memory;
    }
}

TEST(LambdaCost, ContainersAreCpuBoundSoEveryModelNeedsAboutTheSameNumber)
{
    const auto r = runPreset("lambda-cost");
    ASSERT_TRUE(r);
    const auto costs = costsOf(*r);
    for (const CostEstimate &e : costs) {
        EXPECT_FALSE(e.memoryBound) << modelKey(e.model);
        EXPECT_NEAR(static_cast<double>(e.containers), static_cast<double>(costs[0].containers), 1.0);
    }
}

} // namespace
} // namespace conviz::presets
