// The article's claims, as tests: where the concurrency model matters (CPU-bound work on many cores,
// memory for many waiting tasks) and where it does not (an I/O-bound CRUD API at 800 req/s).
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

// 100 clients with no think time, each request one 200 µs CPU step; default costs.
Scenario cpuBoundClosedLoop(int cores)
{
    return closedLoad(cores, 100, constant(0_ns), 20'000, {cpu(constant(200_us))});
}

TEST(Claims, OnEightCoresCpuBoundWorkGivesFibersAndThreadsThreeTimesTheEventLoopsThroughput)
{
    const Scenario s = cpuBoundClosedLoop(8);
    const ModelMetrics fibers = run(s, ModelKind::Fibers);
    const ModelMetrics loop = run(s, ModelKind::EventLoop);
    const ModelMetrics threads = run(s, ModelKind::Threads);
    EXPECT_GE(fibers.throughputRps, 3 * loop.throughputRps);
    EXPECT_GE(threads.throughputRps, 3 * loop.throughputRps);
    // The loop is one thread: one core's worth of 200 µs steps at most.
    EXPECT_LE(loop.throughputRps, 5000 * 1.001);
}

TEST(Claims, OnOneCoreCpuBoundWorkGivesTheEventLoopNoDisadvantage)
{
    const Scenario s = cpuBoundClosedLoop(1);
    const ModelMetrics loop = run(s, ModelKind::EventLoop);
    EXPECT_GE(loop.throughputRps, 0.99 * run(s, ModelKind::Fibers).throughputRps);
    EXPECT_GE(loop.throughputRps, 0.99 * run(s, ModelKind::Threads).throughputRps);
}

// The CRUD API: parse (CPU) → query the database over a 20-connection pool (network I/O) → render (CPU).
Scenario crudApi()
{
    Scenario s =
        openLoad(4, 800, 20'000, {cpu(exponential(300_us)), io(lognormal(5_ms, 20_ms), 0), cpu(exponential(200_us))});
    s.pools = {{"db", 20}};
    return s;
}

TEST(Claims, AnIoBoundCrudApiAt800RequestsPerSecondHasTheSameThroughputUnderEveryModel)
{
    const Scenario s = crudApi();
    double lo = 1e300;
    double hi = 0;
    for (ModelKind model : kAllModels) {
        const ModelMetrics m = run(s, model);
        SCOPED_TRACE(std::string(modelKey(model)));
        EXPECT_EQ(m.unfinished, 0);
        EXPECT_EQ(m.refused, 0);
        EXPECT_NEAR(m.throughputRps / 800, 1.0, 0.05);
        lo = std::min(lo, m.throughputRps);
        hi = std::max(hi, m.throughputRps);
    }
    EXPECT_LE(hi / lo, 1.05);
}

// What one more waiting task adds to the resident memory of the run, in bytes: the peak over the
// baseline, shared by the tasks alive at the peak.
double residentPerTask(const ModelMetrics &m, std::int64_t tasks)
{
    return static_cast<double>(m.memory.peakCommitted - m.memory.baselineCommitted) / static_cast<double>(tasks);
}

// "A goroutine costs a fraction of a thread": not the ratio of the stack defaults (8 MiB against
// 2 KiB reserved, 4096×) but what the simulation ends up holding per waiting task, against what the
// real runtimes held for as many bare tasks (docs/validation.md, "Memory per idle connection and per
// bare task"; RSS per one over the idle baseline, median of three runs): goroutines blocked on a
// channel 2,739 B at 10,000 and 2,719 B at 100,000, idle threads 8,531 B at 10,000, pending async
// functions 850 B at 100,000 (1,109 B at 10,000, where Node's own heap growth still weighs: not a
// per-task cost). Within 15 %.
Scenario waitingTasks(std::int64_t count)
{
    // `count` requests at once, each a tiny CPU step and then a 10 s wait on the network.
    return batchLoad(4, count, {cpu(constant(5_us)), io(constant(10_s))});
}

TEST(Claims, TenThousandWaitingTasksHoldWhatTheRealRuntimesHeldPerTask)
{
    const Scenario s = waitingTasks(10'000);
    const ModelMetrics fibers = run(s, ModelKind::Fibers);
    const ModelMetrics threads = run(s, ModelKind::Threads);
    ASSERT_EQ(fibers.unfinished, 0);
    ASSERT_EQ(threads.unfinished, 0);
    EXPECT_EQ(threads.peakThreads, 10'001); // and the main thread, running the accept loop
    const double goroutine = residentPerTask(fibers, 10'000);
    const double thread = residentPerTask(threads, 10'000);
    EXPECT_NEAR(goroutine / 2739, 1.0, 0.15) << goroutine << " B per goroutine";
    EXPECT_NEAR(thread / 8531, 1.0, 0.15) << thread << " B per thread";
    // Today 2,731 and 8,192 B. So a waiting thread holds about three goroutines' memory (3.1
    // measured, 3.0 simulated), not 4096.
    EXPECT_NEAR((thread / goroutine) / (8531.0 / 2739.0), 1.0, 0.15);
}

TEST(Claims, AHundredThousandPendingPromisesHoldWhatNodeHeldPerTask)
{
    const Scenario s = waitingTasks(100'000);
    const ModelMetrics loop = run(s, ModelKind::EventLoop);
    const ModelMetrics fibers = run(s, ModelKind::Fibers);
    ASSERT_EQ(loop.unfinished, 0);
    // Today 860 and 2,728 B.
    EXPECT_NEAR(residentPerTask(loop, 100'000) / 850, 1.0, 0.15) << residentPerTask(loop, 100'000) << " B";
    EXPECT_NEAR(residentPerTask(fibers, 100'000) / 2719, 1.0, 0.15) << residentPerTask(fibers, 100'000) << " B";
}

} // namespace
} // namespace conviz
