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

TEST(Claims, TenThousandWaitingThreadsReserveFourHundredTimesTheStackOfTenThousandGoroutines)
{
    // 10,000 requests at once, each a tiny CPU step and then a 10 s wait on the network.
    const Scenario s = batchLoad(4, 10'000, {cpu(constant(5_us)), io(constant(10_s))});
    const ModelMetrics fibers = run(s, ModelKind::Fibers);
    const ModelMetrics threads = run(s, ModelKind::Threads);
    ASSERT_EQ(fibers.unfinished, 0);
    ASSERT_EQ(threads.unfinished, 0);
    EXPECT_EQ(threads.peakThreads, 10'001); // and the main thread, running the accept loop
    EXPECT_GE(threads.memory.peakStackReserved, 400 * fibers.memory.peakStackReserved);
    // ... yet a thread touches only a few pages of its 8 MiB: reserved is not resident.
    EXPECT_LE(threads.memory.peakStackCommitted * 50, threads.memory.peakStackReserved);
}

} // namespace
} // namespace conviz
