// What each preset's teaching note (scenarios/<name>.md) says it shows, checked against the preset as
// shipped. Margins are loose enough to survive small model changes and tight enough to fail when a
// note stops being true; the numbers in the comments are what the presets give today.
// This file: the presets about waiting and memory (fanout-500, go-blocking-syscalls, libuv-pool-trap,
// memory-at-scale, c10k).
#include "tests/presets/preset_support.h"

#include "engine/cost.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace conviz::presets {
namespace {

// ---------------------------------------------------------------------------------------------------
// fanout-500: 20 req/s, each calling 500 services at once, 8 cores.

TEST(FanOut, ThreadsCreateFiveHundredThreadsPerRequestWhileGoKeepsOneMPerCore)
{
    const auto r = runPreset("fanout-500");
    ASSERT_TRUE(r);
    // 200,400 threads for 400 requests.
    EXPECT_GE(r->threads.threadsCreated, 500 * r->threads.completed);
    EXPECT_LE(r->fibers.threadsCreated, r->scenario.machine.cores + 2);
}

TEST(FanOut, EachLiveThreadHoldsAnIdleThreadsResidentStackSoThreadsHoldAtMostTwiceGo)
{
    const auto r = runPreset("fanout-500");
    ASSERT_TRUE(r);
    // Not 8 MiB reserved per thread (a default) but 8,192 B resident each today, 8,531 B measured for
    // an idle thread; 13 MiB resident in all against Go's 9 MiB.
    EXPECT_NEAR(residentStackPerThread(r->threads) / kIdleThreadBytes, 1.0, 0.15);
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
    // 7 threads at 100 req/s, 56 at 1,500.
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
    // Loop mean 11 ms → 677 ms, 793 req/s at 900; threads 5.35 ms at both; Go 6.3 → 6.9 ms.
    EXPECT_GE(meanMs(above->loop), 10 * meanMs(below->loop));
    EXPECT_LE(above->loop.throughputRps, 0.95 * above->fibers.throughputRps);
    EXPECT_LE(meanMs(above->threads), 1.1 * meanMs(below->threads));
    EXPECT_LE(meanMs(above->fibers), 1.2 * meanMs(below->fibers));
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
    // 19 → 8 threads; mean 6.0 → 7.8 ms.
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
// memory-at-scale: 10,000 connections that each wait 30 s, 4 cores, counted as connections.

TEST(MemoryAtScale, TenThousandThreadsEachHoldAnIdleThreadsResidentStack)
{
    const auto r = runPreset("memory-at-scale");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->threads.peakThreads, 10'001); // and the main thread, running the accept loop
    // 78.1 MiB of stack committed: 8,192 B per thread today, 8,531 B measured for an idle thread.
    EXPECT_NEAR(residentStackPerThread(r->threads) / kIdleThreadBytes, 1.0, 0.15);
    // "78 GiB of reservations fit in 166 MiB of RAM": the reservation is 10,001 × the 8 MiB default
    // (a regression check of the note's figure); the RAM is within 15 % of the real server's 168.9 MiB.
    EXPECT_GE(r->threads.memory.peakReserved, 70 * GiB);
    EXPECT_NEAR(static_cast<double>(r->threads.memory.peakCommitted) / MiB / 168.9, 1.0, 0.15);
}

TEST(MemoryAtScale, CountedAsConnectionsNodeHoldsTheLeastAndEachModelIsWithinThreePercentOfTheRealServer)
{
    const auto r = runPreset("memory-at-scale");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->scenario.memory.per, MemoryUnit::Connection);
    // Node.js 128.0, Go 153.8, threads 165.7 MiB; the real servers held 128.0, 153.8 and 168.9 MiB
    // for 10,000 idle keep-alive connections (docs/validation.md, 2026-12-03).
    EXPECT_LT(r->loop.memory.peakCommitted, r->fibers.memory.peakCommitted);
    EXPECT_LT(r->fibers.memory.peakCommitted, r->threads.memory.peakCommitted);
    const auto near = [](std::int64_t model, double realMiB) {
        return std::abs(static_cast<double>(model) / MiB - realMiB) / realMiB;
    };
    EXPECT_LT(near(r->loop.memory.peakCommitted, 128.0), 0.03);
    EXPECT_LT(near(r->fibers.memory.peakCommitted, 153.8), 0.03);
    EXPECT_LT(near(r->threads.memory.peakCommitted, 168.9), 0.03);
}

TEST(MemoryAtScale, CountedAsBareTasksGoAndNodeSwapPlaces)
{
    const auto r = runPreset("memory-at-scale", {"memory.per=task"});
    ASSERT_TRUE(r);
    // Go 30.6, Node.js 52.5, threads 81.0 MiB.
    EXPECT_LT(r->fibers.memory.peakCommitted, r->loop.memory.peakCommitted);
    EXPECT_LT(r->loop.memory.peakCommitted, r->threads.memory.peakCommitted);
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

TEST(MemoryAtScale, PerWaitingConnectionGoUsesNearlyTwiceNodesMemoryAndWinsOnlyBelowSixThousand)
{
    const auto small = runPreset("memory-at-scale");
    const auto large = runPreset("memory-at-scale", {"load.requests=100000", "threads.max_threads=200000"});
    const auto below = runPreset("memory-at-scale", {"load.requests=5000"});
    const auto above = runPreset("memory-at-scale", {"load.requests=7000"});
    ASSERT_TRUE(small && large && below && above);
    const auto perConnection = [&](ModelKind model) {
        return static_cast<double>((*large)[model].memory.peakCommitted - (*small)[model].memory.peakCommitted) /
               (100'000 - 10'000);
    };
    // 15.3 KiB against 8.6 KiB per connection (the measured servers: 15,643 and 8,780 B).
    EXPECT_NEAR(perConnection(ModelKind::Fibers) / KiB, 15.3, 0.3);
    EXPECT_NEAR(perConnection(ModelKind::EventLoop) / KiB, 8.6, 0.3);
    // "Go's edge is its 4.6 MiB baseline against Node's 44.3 MiB, which wins below about 6,000."
    EXPECT_LT(below->fibers.memory.peakCommitted, below->loop.memory.peakCommitted);
    EXPECT_GT(above->fibers.memory.peakCommitted, above->loop.memory.peakCommitted);
    // Threads serve everyone once the limit is raised: about 17 KiB resident each (17,074 B: the
    // 8 KiB stack and 8,882 B of connection; 17,413 B measured).
    EXPECT_EQ(large->threads.refused, 0);
    EXPECT_NEAR(perConnection(ModelKind::Threads) / KiB, 16.7, 0.3);
}

// ---------------------------------------------------------------------------------------------------
// c10k: 10,000 chat connections arriving at 5,000 per second, 4 cores.

TEST(C10k, ThreadsHoldAboutTenThousandThreadsAndFiftyGibibytesOfStackInUnderTwoHundredMebibytes)
{
    const auto r = runPreset("c10k");
    ASSERT_TRUE(r);
    // 9,977 threads; 77.9 GiB reserved (9,977 × the 8 MiB default: a regression check of the note's
    // figure); 165.3 MiB resident, 8,192 B of stack per thread (8,531 B measured for an idle thread).
    EXPECT_GE(r->threads.peakThreads, 9'000);
    EXPECT_GE(r->threads.memory.peakStackReserved, 50 * GiB);
    EXPECT_NEAR(residentStackPerThread(r->threads) / kIdleThreadBytes, 1.0, 0.15);
    EXPECT_LT(r->threads.memory.peakCommitted, 200 * MiB);
    EXPECT_LE(r->fibers.peakThreads, r->scenario.machine.cores + 2);
    EXPECT_EQ(r->threads.refused, 0);
}

TEST(C10k, CountedAsConnectionsTheThreadsHoldAboutWhatGoHolds)
{
    const auto r = runPreset("c10k");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->scenario.memory.per, MemoryUnit::Connection);
    // Threads 165.3, Go 153.5, Node.js 127.8 MiB: "the 165 MiB shows, about what Go needs".
    EXPECT_LT(r->loop.memory.peakCommitted, r->fibers.memory.peakCommitted);
    EXPECT_LT(r->fibers.memory.peakCommitted, r->threads.memory.peakCommitted);
    EXPECT_LT(r->threads.memory.peakCommitted, 1.1 * static_cast<double>(r->fibers.memory.peakCommitted));
}

TEST(C10k, AtThisLightLoadEachMessageWakesAThreadThroughTheKernelInEveryModel)
{
    const auto r = runPreset("c10k");
    ASSERT_TRUE(r);
    // Four wake-ups per connection. Threads 40,000 kernel switches; Go 49,176 (its Ms sleep in
    // epoll_wait between messages; a new connection wakes two) and 39,981 in user space; Node.js
    // 24,052 (callbacks that arrive while the loop runs need no wake-up of their own).
    EXPECT_GE(r->threads.kernelSwitches, 4 * r->threads.completed);
    EXPECT_GE(r->fibers.kernelSwitches, 4 * r->fibers.completed);
    EXPECT_GE(r->fibers.userSwitches, 3 * r->fibers.completed);
    EXPECT_GE(r->loop.kernelSwitches, 2 * r->loop.completed);
    EXPECT_LT(r->loop.kernelSwitches, r->threads.kernelSwitches);
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

TEST(LambdaCost, WithTheMemorySettingFixedTheBillIsWhatLambdasPricesGiveForTheMeanDuration)
{
    // The note: "every model pays the same ($419 or $811 a month): with the memory fixed, only
    // duration counts". That every model's figure is equal follows from the formula (no runtime
    // changes a request's duration); what can be wrong is the figure. The duration is the request's
    // CPU (5 ms mean, slowed by the share of a vCPU the memory buys: setting / 1,769 MB) plus its
    // 25 ms mean wait, computed here from the preset's step means (the model samples plans), within
    // the 1 ms it bills in; the bill is Lambda's: requests × (GB-seconds × price + a price per
    // request), with 1,024 MB to the GB and AWS's 730-hour month.
    for (const auto &[setting, noted] : {std::pair{512.0, 419.0}, std::pair{1769.0, 811.0}}) {
        SCOPED_TRACE(setting);
        const auto r = runPreset("lambda-cost", {"cost.lambda_memory=" + std::to_string(int(setting)) + "MiB"});
        ASSERT_TRUE(r);
        const CostParams &c = r->scenario.cost;
        const double durationMs = 5.0 * std::max(1.0, c.lambdaMbPerVcpu / setting) + 25.0;
        const double requests = c.offeredRate * 730 * 3600;
        for (const CostEstimate &e : costsOf(*r)) {
            SCOPED_TRACE(std::string(modelKey(e.model)));
            EXPECT_NEAR(e.lambdaDurationMs, durationMs, 1.0);
            const double gbSeconds = setting / 1024 * e.lambdaDurationMs / 1000;
            const double bill = requests * (gbSeconds * c.lambdaGbSecond + c.lambdaPerMillion / 1e6);
            EXPECT_NEAR(e.lambdaMonthly / bill, 1.0, 1e-9) << "$" << e.lambdaMonthly << " against $" << bill;
            EXPECT_NEAR(e.lambdaMonthly / noted, 1.0, 0.01); // the note's figure
        }
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
