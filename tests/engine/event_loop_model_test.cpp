// Node.js as the results must show it: one JavaScript thread per process, a libuv pool of fixed size
// for blocking calls, long callbacks that hold everyone else up, a CPU factor, and a memory baseline
// per process.
#include "engine/workload.h"

#include "tests/engine/model_params.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

class EventLoopOnCores : public ::testing::TestWithParam<int> {};

std::string coresName(const ::testing::TestParamInfo<int> &info) { return std::to_string(info.param) + "Cores"; }

// Closed loop, enough clients to keep every core busy, each request one 1 ms CPU step.
Scenario cpuBound(int cores)
{
    const std::int64_t clients = std::max(8, 4 * cores);
    return closedLoad(cores, clients, constant(0_ns), 300 * clients, {cpu(constant(1_ms))});
}

TEST_P(EventLoopOnCores, CpuBoundRequestsSerialiseOnOneCore)
{
    const int cores = GetParam();
    const ModelMetrics m = run(cpuBound(cores), ModelKind::EventLoop);
    EXPECT_EQ(m.unfinished, 0);
    EXPECT_LE(m.throughputRps, 1000 * 1.001); // one 1 ms callback at a time
    EXPECT_GE(m.throughputRps, 1000 * 0.99);
    EXPECT_LE(m.cpuUtilization, 1.0 / cores + 1e-3);
    EXPECT_EQ(m.peakThreads, 1); // no blocking call: the libuv pool never starts
}

TEST_P(EventLoopOnCores, AClusterOfOneProcessPerCoreScalesCpuBoundThroughput)
{
    const int cores = GetParam();
    Scenario s = cpuBound(cores);
    s.eventLoop.processes = cores;
    const ModelMetrics m = run(s, ModelKind::EventLoop);
    EXPECT_EQ(m.unfinished, 0);
    EXPECT_GE(m.throughputRps, 1000.0 * cores * 0.95);
    EXPECT_LE(m.throughputRps, 1000.0 * cores * 1.001);
    EXPECT_EQ(m.peakThreads, cores);
}

INSTANTIATE_TEST_SUITE_P(CoreCounts, EventLoopOnCores, ::testing::ValuesIn(kCoreCounts), coresName);

TEST(EventLoop, BlockingCallsBeyondTheThreadpoolSizeQueueAndLatencyJumps)
{
    // 500 blocking calls of 10 ms per second: 5 in flight on average, more than a pool of 4 can take.
    Scenario s = openLoad(4, 500, 2000, {cpu(constant(50_us)), blocking(constant(10_ms)), cpu(constant(50_us))});
    s.eventLoop.threadpool = 64;
    const ModelMetrics big = run(s, ModelKind::EventLoop);
    s.eventLoop.threadpool = 4;
    const ModelMetrics small = run(s, ModelKind::EventLoop);
    EXPECT_EQ(small.unfinished, 0);
    EXPECT_LT(big.latency.mean, 11e6); // ≈ 10.1 ms: no call waits for a pool thread
    EXPECT_GT(small.latency.mean, 10 * big.latency.mean);
    // The small pool caps the throughput at 4 / 10 ms = 400 calls per second.
    EXPECT_LE(small.throughputRps, 400 * 1.01);
    EXPECT_EQ(small.peakThreads, 1 + 4);
    EXPECT_EQ(big.peakThreads, 1 + 64);
}

TEST(EventLoop, NetworkWaitsNeedNoPoolThread)
{
    const Scenario s = openLoad(4, 500, 2000, {cpu(constant(50_us)), io(constant(10_ms)), cpu(constant(50_us))});
    const ModelMetrics m = run(s, ModelKind::EventLoop);
    EXPECT_EQ(m.peakThreads, 1);
    EXPECT_LT(m.latency.max, 11e6);
}

TEST(EventLoop, OffloadedCpuRunsOnTheLibuvPoolInParallel)
{
    // crypto/zlib-style CPU work leaves the loop: a pool of 4 on 4 cores does four at once.
    Scenario s = closedLoad(4, 16, constant(0_ns), 8000, {cpu(constant(1_ms), true)});
    const ModelMetrics offloaded = run(s, ModelKind::EventLoop);
    EXPECT_GT(offloaded.throughputRps, 4000 * 0.95);
    s.steps = {cpu(constant(1_ms))};
    EXPECT_LE(run(s, ModelKind::EventLoop).throughputRps, 1000 * 1.001);
}

TEST(EventLoop, ALongCpuCallbackDelaysEveryOtherRequestOnTheLoop)
{
    // Two requests at once: request 0's callback runs ≥ 30 ms of CPU, request 1's ≤ 1 ms.
    Scenario s = batchLoad(2, 2, {cpu(exponential(10_ms))});
    s.seed = seedWithLongThenShort(s, 30_ms, 1_ms);
    ASSERT_NE(s.seed, 0u);
    RequestPlan plan;
    Workload(s).plan(0, plan);
    const Nanos longStep{plan.ops[0].value};

    const ModelResult loop = runTraced(s, ModelKind::EventLoop);
    // Event-loop lag: request 1's callback was ready at t = 0 and waited for the whole long callback.
    EXPECT_GE(loop.metrics.schedulingDelay.max, static_cast<double>(longStep.count()));
    EXPECT_GE(requestLatencies(*loop.trace).at(1), longStep);

    // Fibers on the same two cores run the short request beside the long one.
    const ModelResult fibers = runTraced(s, ModelKind::Fibers);
    EXPECT_LT(requestLatencies(*fibers.trace).at(1), 2_ms);
}

TEST(EventLoop, TheCpuFactorScalesCpuTime)
{
    Scenario s = closedLoad(1, 1, constant(0_ns), 100, {cpu(constant(1_ms))});
    s.threads.switchCost = Nanos::zero(); // the loop thread's wake-up from epoll_wait
    for (double factor : {0.5, 1.0, 2.0, 3.0}) {
        SCOPED_TRACE(factor);
        s.eventLoop.cpuFactor = factor;
        const ModelMetrics m = run(s, ModelKind::EventLoop);
        EXPECT_DOUBLE_EQ(m.latency.mean, 1e6 * factor);
        EXPECT_DOUBLE_EQ(m.latency.max, 1e6 * factor);
    }
    // The factor is the event loop's: fibers and threads are not affected by it.
    s.eventLoop.cpuFactor = 3.0;
    EXPECT_LT(run(withoutOverheads(s), ModelKind::Fibers).latency.mean, 1.01e6);
}

TEST(EventLoop, TheCpuFactorLeavesNativeWorkOnTheLibuvPoolAlone)
{
    // crypto.pbkdf2 runs C++ on a pool thread: only the JavaScript on the loop is scaled.
    Scenario s = closedLoad(1, 1, constant(0_ns), 100, {cpu(constant(1_ms), true)});
    s.threads.switchCost = Nanos::zero(); // the kernel's switches to the pool thread and back
    for (double factor : {0.5, 1.0, 2.0, 3.0}) {
        SCOPED_TRACE(factor);
        s.eventLoop.cpuFactor = factor;
        EXPECT_DOUBLE_EQ(run(s, ModelKind::EventLoop).latency.mean, 1e6);
    }
    // A request with both: 1 ms of JavaScript scaled, 1 ms of pbkdf2 not.
    s.steps = {cpu(constant(1_ms)), cpu(constant(1_ms), true)};
    s.eventLoop.cpuFactor = 2.0;
    EXPECT_DOUBLE_EQ(run(s, ModelKind::EventLoop).latency.mean, 3e6);
}

TEST(EventLoop, EachProcessAddsItsBaselineMemory)
{
    const Scenario one = batchLoad(4, 1, {cpu(constant(10_us))});
    Scenario three = one;
    three.eventLoop.processes = 3;
    const std::int64_t baseline = one.eventLoop.baselineMemory;
    const ModelMetrics m1 = run(one, ModelKind::EventLoop);
    const ModelMetrics m3 = run(three, ModelKind::EventLoop);
    EXPECT_GE(m1.memory.peakCommitted, baseline);
    EXPECT_LT(m1.memory.peakCommitted, baseline + MiB);
    EXPECT_GE(m3.memory.peakCommitted, 3 * baseline);
    EXPECT_LT(m3.memory.peakCommitted, 3 * baseline + MiB);
    // Each extra process brings its baseline and its loop thread's resident stack.
    EXPECT_EQ(m3.memory.peakCommitted - m1.memory.peakCommitted, 2 * (baseline + one.eventLoop.threadStackCommitted));
}

TEST(EventLoop, APendingRequestCostsASmallHeapObjectNotAStack)
{
    const Scenario s = batchLoad(4, 10'000, {cpu(constant(5_us)), io(constant(1_s))});
    const ModelMetrics m = run(s, ModelKind::EventLoop);
    EXPECT_EQ(m.memory.peakStackReserved, s.eventLoop.threadStackReserved); // the loop thread's only
    EXPECT_EQ(m.memory.peakCommitted - m.memory.peakStackCommitted,
              s.eventLoop.baselineMemory + 10'000 * s.eventLoop.taskMemory);
}

} // namespace
} // namespace conviz
