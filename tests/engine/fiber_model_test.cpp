// Go's scheduler as the results must show it: work stealing, preemption of long CPU steps, hand-off
// of a P when a syscall blocks, goroutine stacks that grow by doubling, and what spawns and switches cost.
#include "engine/workload.h"

#include "tests/engine/model_params.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

class FibersOnCores : public ::testing::TestWithParam<int> {};

std::string coresName(const ::testing::TestParamInfo<int> &info) { return std::to_string(info.param) + "Cores"; }

TEST_P(FibersOnCores, FanoutIsSpreadByWorkStealingOnlyWhenThereAreOtherPsToSteal)
{
    const int cores = GetParam();
    // Each request spawns 50 goroutines onto its P's local queue; idle Ps must steal them.
    const Scenario s = openLoad(cores, 100, 200,
                                {cpu(exponential(50_us)), fanout(50, {cpu(exponential(100_us)), io(exponential(2_ms))}),
                                 cpu(exponential(50_us))});
    const ModelMetrics m = run(s, ModelKind::Fibers);
    EXPECT_EQ(m.unfinished, 0);
    if (cores == 1) {
        EXPECT_EQ(m.steals, 0);
    } else {
        EXPECT_GT(m.steals, 0);
    }
}

TEST_P(FibersOnCores, NetworkWaitsParkGoroutinesWithoutCreatingThreads)
{
    const int cores = GetParam();
    const double rate = (2.0 * cores + 10) / 0.005;
    const Scenario s =
        openLoad(cores, rate, 2000, {cpu(exponential(100_us)), io(exponential(5_ms)), cpu(exponential(100_us))});
    const ModelMetrics m = run(s, ModelKind::Fibers);
    // sysmon plus at most one M per P, however many goroutines wait.
    EXPECT_LE(m.threadsCreated, cores + 1);
    EXPECT_EQ(m.handoffs, 0);
    EXPECT_GT(m.peakTasks, m.threadsCreated);
}

TEST_P(FibersOnCores, BlockingSyscallsHandThePOffAndGrowTheThreadCount)
{
    const int cores = GetParam();
    // On average 2 × GOMAXPROCS + 10 syscalls of 5 ms in flight at once (Little's law).
    const double rate = (2.0 * cores + 10) / 0.005;
    const Scenario s =
        openLoad(cores, rate, 2000, {cpu(exponential(100_us)), blocking(exponential(5_ms)), cpu(exponential(100_us))});
    const ModelMetrics m = run(s, ModelKind::Fibers);
    EXPECT_EQ(m.unfinished, 0);
    EXPECT_GT(m.handoffs, 0);
    // Each blocked goroutine holds an M: the runtime needs more threads than Ps plus sysmon.
    EXPECT_GT(m.threadsCreated, cores + 1);
    EXPECT_GT(m.peakThreads, cores + 1);
}

TEST_P(FibersOnCores, TheThreadLimitCapsTheMsYetEveryRequestFinishes)
{
    const int cores = GetParam();
    Scenario s =
        openLoad(cores, 5000, 1500, {cpu(exponential(50_us)), blocking(exponential(5_ms)), cpu(exponential(50_us))});
    s.fibers.maxThreads = cores + 3;
    const ModelMetrics m = run(s, ModelKind::Fibers);
    EXPECT_LE(m.peakThreads, cores + 3);
    EXPECT_EQ(m.completed, 1500);
    EXPECT_EQ(m.unfinished, 0);
}

INSTANTIATE_TEST_SUITE_P(CoreCounts, FibersOnCores, ::testing::ValuesIn(kCoreCounts), coresName);

TEST(Fibers, ALongCpuStepIsPreemptedAfterItsTimeSliceSoAShortRequestOvertakesIt)
{
    // Two requests at once on one core: request 0's CPU step is ≥ 50 ms, request 1's ≤ 1 ms.
    Scenario s = batchLoad(1, 2, {cpu(exponential(20_ms))});
    s.seed = seedWithLongThenShort(s, 50_ms, 1_ms);
    ASSERT_NE(s.seed, 0u);
    RequestPlan plan;
    Workload(s).plan(0, plan);
    const Nanos longStep{plan.ops[0].value};
    Workload(s).plan(1, plan);
    const Nanos shortStep{plan.ops[0].value};

    const ModelResult r = runTraced(s, ModelKind::Fibers);
    const auto latency = requestLatencies(*r.trace);
    ASSERT_EQ(latency.size(), 2u);
    // Request 1 waits one time slice of request 0, not all of it (plus creating the M that runs them).
    EXPECT_LE(latency.at(1), s.fibers.timeSlice + shortStep + s.threads.spawnCost + 10_us);
    EXPECT_GE(latency.at(0), longStep + shortStep);
    EXPECT_GE(r.metrics.preemptions, longStep.count() / s.fibers.timeSlice.count() - 1);
    EXPECT_GE(r.metrics.preemptions, 1);

    // Without preemption (a slice longer than the run) the short request waits for the long one.
    s.fibers.timeSlice = limits::maxDuration;
    const ModelResult unpreempted = runTraced(s, ModelKind::Fibers);
    EXPECT_EQ(unpreempted.metrics.preemptions, 0);
    EXPECT_GE(requestLatencies(*unpreempted.trace).at(1), longStep);
}

TEST(Fibers, CpuStepsShorterThanTheTimeSliceAreNeverPreempted)
{
    const Scenario s = openLoad(2, 1000, 2000, {cpu(constant(9_ms))});
    EXPECT_EQ(run(s, ModelKind::Fibers).preemptions, 0);
}

TEST(Fibers, ASixteenKibStackStepDoublesEachGoroutineStackThreeTimes)
{
    constexpr std::int64_t n = 100;
    // All 100 goroutines reach 16 KiB, then wait together, so every stack is at its peak at once.
    const Scenario grown = batchLoad(4, n, {stack(16 * KiB), io(constant(100_ms))});
    const Scenario flat = batchLoad(4, n, {io(constant(100_ms))});
    const ModelMetrics g = run(grown, ModelKind::Fibers);
    const ModelMetrics f = run(flat, ModelKind::Fibers);
    EXPECT_EQ(g.stackGrowths, 3 * n); // 2 → 4 → 8 → 16 KiB
    EXPECT_EQ(f.stackGrowths, 0);
    // The stack copies take CPU, so the runs may create a different number of Ms (each with its own
    // thread stack); Ms never exit, so at the peak every M of the run exists.
    const std::int64_t extraMs = g.threadsCreated - f.threadsCreated;
    EXPECT_EQ(g.memory.peakStackCommitted - f.memory.peakStackCommitted,
              n * (16 - 2) * KiB + extraMs * grown.fibers.threadStackCommitted);
    EXPECT_EQ(g.memory.peakStackReserved - f.memory.peakStackReserved,
              n * (16 - 2) * KiB + extraMs * grown.fibers.threadStackReserved);
}

TEST(Fibers, AStackStepWithinTheInitialStackDoesNotGrowIt)
{
    const Scenario s = batchLoad(2, 10, {stack(2 * KiB), cpu(constant(10_us))});
    EXPECT_EQ(run(s, ModelKind::Fibers).stackGrowths, 0);
}

TEST(Fibers, AStackOfTwoMebibytesTakesTenDoublings)
{
    const Scenario s = batchLoad(1, 1, {stack(2 * MiB)});
    EXPECT_EQ(run(s, ModelKind::Fibers).stackGrowths, 10);
}

TEST(Fibers, SpawnAndSwitchCostsRaiseCpuUtilisation)
{
    for (int cores : {1, 4}) {
        SCOPED_TRACE(cores);
        const Scenario withCosts =
            openLoad(cores, 500, 1000, {cpu(exponential(100_us)), fanout(20, {cpu(constant(20_us))})});
        const Scenario free = withoutOverheads(withCosts);
        const ModelMetrics costly = run(withCosts, ModelKind::Fibers);
        const ModelMetrics cheap = run(free, ModelKind::Fibers);
        EXPECT_GT(costly.cpuUtilization, cheap.cpuUtilization * 1.01);
        EXPECT_GT(costly.latency.mean, cheap.latency.mean);
    }
}

TEST(Fibers, EveryGoroutineSwitchIsASpanRightBeforeTheWorkItLetsRun)
{
    // 3 µs a goroutine switch and nothing else charged: every switch shows as a 3 µs span, and the
    // goroutine it switches to runs on that core from the instant it ends, on the same M.
    Scenario s = withoutOverheads(
        batchLoad(2, 40,
                  {cpu(constant(50_us)), fanout(4, {cpu(constant(20_us)), io(constant(1_ms)), cpu(constant(30_us))}),
                   cpu(constant(10_us))}));
    s.fibers.switchCost = 3_us;
    const ModelResult r = runTraced(s, ModelKind::Fibers);
    const std::vector<Span> spans(r.trace->spans.begin(), r.trace->spans.end());
    std::int64_t switches = 0;
    for (const Span &sw : spans) {
        if (sw.kind != SpanKind::Switch)
            continue;
        ++switches;
        EXPECT_EQ(sw.end - sw.start, 3_us);
        const auto next = std::find_if(spans.begin(), spans.end(), [&](const Span &w) {
            return w.kind == SpanKind::Work && w.core == sw.core && w.start == sw.end;
        });
        ASSERT_NE(next, spans.end()) << "no work right after the switch at " << sw.end.count() << " ns";
        EXPECT_EQ(next->task, sw.task);
        EXPECT_EQ(next->thread, sw.thread);
    }
    EXPECT_GT(switches, 40);
    EXPECT_EQ(switches, r.metrics.userSwitches);
}

TEST(Fibers, GomaxprocsLimitsParallelismBelowTheCoreCount)
{
    // CPU-bound closed loop on 8 cores with GOMAXPROCS = 2: two cores' worth of throughput.
    Scenario s = closedLoad(8, 32, constant(0_ns), 10'000, {cpu(constant(1_ms))});
    s.fibers.gomaxprocs = 2;
    const ModelMetrics m = run(s, ModelKind::Fibers);
    EXPECT_LE(m.throughputRps, 2000 * 1.001);
    EXPECT_GT(m.throughputRps, 2000 * 0.95);
    EXPECT_LE(m.cpuUtilization, 2.0 / 8 + 0.01);
}

} // namespace
} // namespace conviz
