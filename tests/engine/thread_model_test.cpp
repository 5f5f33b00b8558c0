// OS threads as the results must show them: a thread per request (or a fixed pool), refusals past the
// thread limit, stacks that are reserved whole but committed page by page, and the kernel's round
// robin among runnable threads.
#include "tests/engine/model_params.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

class ThreadsOnCores : public ::testing::TestWithParam<int> {};

std::string coresName(const ::testing::TestParamInfo<int> &info) { return std::to_string(info.param) + "Cores"; }

TEST_P(ThreadsOnCores, PerRequestModeCreatesOneThreadPerRequestAndPerFanoutChild)
{
    const std::vector<Step> steps{cpu(exponential(50_us)), fanout(3, {cpu(exponential(20_us)), io(exponential(1_ms))}),
                                  io(exponential(2_ms))};
    const Scenario s = openLoad(GetParam(), 500, 1000, steps);
    const ModelMetrics m = run(s, ModelKind::Threads);
    EXPECT_EQ(m.refused, 0);
    // One per request and per child, and the main thread that runs the accept loop.
    EXPECT_EQ(m.threadsCreated, 1000 * tasksPerRequest(steps) + 1);
}

TEST_P(ThreadsOnCores, PoolModeCreatesExactlyThePoolsThreads)
{
    Scenario s = openLoad(GetParam(), 1000, 2000, {cpu(exponential(200_us)), io(exponential(5_ms))});
    s.threads.mode = ThreadMode::Pool;
    s.threads.poolSize = 16;
    const ModelMetrics m = run(s, ModelKind::Threads);
    EXPECT_EQ(m.unfinished, 0);
    EXPECT_EQ(m.threadsCreated, 16);
    EXPECT_EQ(m.peakThreads, 16);
}

TEST_P(ThreadsOnCores, RequestsPastMaxThreadsAreRefusedAndNoneIsLeftUnfinished)
{
    Scenario s = batchLoad(GetParam(), 500, {cpu(constant(20_us)), io(constant(50_ms))});
    s.threads.maxThreads = 100; // the main thread and 99 connection threads
    const ModelMetrics m = run(s, ModelKind::Threads);
    EXPECT_EQ(m.refused, 401);
    EXPECT_EQ(m.completed, 99);
    EXPECT_EQ(m.unfinished, 0);
    EXPECT_EQ(m.peakThreads, 100);
}

TEST_P(ThreadsOnCores, ABlockedThreadKeepsItsWholeStackReserved)
{
    // 1,000 requests at once, each waiting 100 ms: 1,000 threads blocked together.
    const Scenario s = batchLoad(GetParam(), 1000, {cpu(constant(10_us)), io(constant(100_ms))});
    const ModelMetrics m = run(s, ModelKind::Threads);
    // 1,000 connection threads and the main thread, whose stack is part of the baseline.
    EXPECT_EQ(m.peakThreads, 1001);
    EXPECT_EQ(m.memory.peakStackReserved, 1000 * s.threads.stackReserved);
    EXPECT_EQ(m.memory.peakStackCommitted, 1000 * s.threads.stackTouched);
}

INSTANTIATE_TEST_SUITE_P(CoreCounts, ThreadsOnCores, ::testing::ValuesIn(kCoreCounts), coresName);

TEST(Threads, AFanoutChildPastMaxThreadsRefusesItsWholeRequest)
{
    Scenario s = batchLoad(4, 10, {fanout(20, {io(constant(10_ms))})});
    s.threads.maxThreads = 100; // the main thread, 10 roots and 89 children fit; the other 111 do not
    const ModelMetrics m = run(s, ModelKind::Threads);
    EXPECT_GT(m.refused, 0);
    EXPECT_EQ(m.completed + m.refused, 10);
    EXPECT_EQ(m.unfinished, 0);
}

TEST(Threads, AStackStepCommitsPagesButReservesNothingMore)
{
    constexpr std::int64_t n = 100;
    const Scenario deep = batchLoad(4, n, {stack(1 * MiB), io(constant(10_ms))});
    const Scenario shallow = batchLoad(4, n, {io(constant(10_ms))});
    const ModelMetrics d = run(deep, ModelKind::Threads);
    const ModelMetrics s = run(shallow, ModelKind::Threads);
    EXPECT_EQ(d.memory.peakStackReserved, s.memory.peakStackReserved);
    EXPECT_EQ(d.memory.peakStackCommitted - s.memory.peakStackCommitted, n * (MiB - deep.threads.stackTouched));
    EXPECT_EQ(d.stackGrowths, 0);
}

TEST(Threads, APoolThreadKeepsTheStackPagesItOnceTouched)
{
    Scenario s = closedLoad(4, 4, constant(0_ns), 400, {stack(256 * KiB), cpu(constant(100_us))});
    s.threads.mode = ThreadMode::Pool;
    s.threads.poolSize = 4;
    const ModelMetrics m = run(s, ModelKind::Threads);
    EXPECT_EQ(m.memory.peakStackCommitted, 4 * 256 * KiB);
    EXPECT_EQ(m.memory.peakStackReserved, 4 * s.threads.stackReserved);
}

TEST(Threads, OnOneCoreTwoLongCpuRequestsShareItRoundRobinAndFinishTogether)
{
    // Two 50 ms CPU requests at t = 0 on one core.
    const Scenario s = batchLoad(1, 2, {cpu(constant(50_ms))});
    const ModelResult threads = runTraced(s, ModelKind::Threads);
    const auto t = requestLatencies(*threads.trace);
    // Time slices of ~0.75 ms alternate: both finish near 100 ms.
    EXPECT_GE(t.at(0), 98_ms);
    EXPECT_GE(t.at(1), 98_ms);
    EXPECT_LE(max(t.at(0), t.at(1)), 101_ms);
    EXPECT_GT(threads.metrics.kernelSwitches, 100);

    // The event loop runs callbacks to completion: the first finishes at 50 ms, the second at 100 ms.
    const auto e = requestLatencies(*runTraced(withoutOverheads(s), ModelKind::EventLoop).trace);
    EXPECT_EQ(e.at(0), 50_ms);
    EXPECT_EQ(e.at(1), 100_ms);

    // Go preempts every 10 ms: the first finishes at 90 ms, well before the second.
    const auto f = requestLatencies(*runTraced(withoutOverheads(s), ModelKind::Fibers).trace);
    EXPECT_EQ(f.at(0), 90_ms);
    EXPECT_EQ(f.at(1), 100_ms);
}

TEST(Threads, TheKernelTimeSliceFollowsTheEevdfDefaultUnlessSet)
{
    Scenario s;
    s.machine.cores = 1;
    EXPECT_EQ(s.effectiveKernelSlice(), 750_us);
    s.machine.cores = 4;
    EXPECT_EQ(s.effectiveKernelSlice(), 2250_us);
    s.machine.cores = 64;
    EXPECT_EQ(s.effectiveKernelSlice(), 3_ms);
    s.threads.timeSlice = 5_ms;
    EXPECT_EQ(s.effectiveKernelSlice(), 5_ms);
}

TEST(Threads, ContextSwitchesCostCpuTime)
{
    const Scenario costly =
        openLoad(2, 2000, 4000, {cpu(exponential(200_us)), io(exponential(1_ms)), cpu(exponential(200_us))});
    const ModelMetrics a = run(costly, ModelKind::Threads);
    const ModelMetrics b = run(withoutOverheads(costly), ModelKind::Threads);
    EXPECT_GT(a.kernelSwitches, 0);
    EXPECT_GT(a.cpuUtilization, b.cpuUtilization);
    EXPECT_GT(a.latency.mean, b.latency.mean);
}

TEST(Threads, AThreadThatGetsACoreSwitchesInAndRunsItsCpuStepThere)
{
    // One connection on one core, 5 µs a context switch: the accept loop switches in (0–5 µs) and
    // creates the thread, which switches in (5–10 µs) and runs its 100 µs; after 1 ms of I/O it
    // wakes, switches in again (1,110–1,115 µs) and runs its 200 µs. Each switch is the span right
    // before the work it lets run, on the same core.
    Scenario s = withoutOverheads(batchLoad(1, 1, {cpu(constant(100_us)), io(constant(1_ms)), cpu(constant(200_us))}));
    s.threads.switchCost = 5_us;
    const ModelResult r = runTraced(s, ModelKind::Threads);
    const auto latencies = requestLatencies(*r.trace);
    ASSERT_EQ(latencies.size(), 1u);
    EXPECT_EQ(latencies.begin()->second, 1315_us);
    // The connection's thread: the one that runs work (the accept loop only creates threads).
    std::uint32_t thread = 0;
    for (const Span &span : r.trace->spans)
        if (span.kind == SpanKind::Work)
            thread = span.thread;
    std::vector<Span> worker;
    for (const Span &span : r.trace->spans)
        if (span.thread == thread)
            worker.push_back(span);
    std::sort(worker.begin(), worker.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    ASSERT_EQ(worker.size(), 4u);
    const std::pair<Nanos, SpanKind> expected[] = {
        {5_us, SpanKind::Switch}, {10_us, SpanKind::Work}, {1110_us, SpanKind::Switch}, {1115_us, SpanKind::Work}};
    const Nanos ends[] = {10_us, 110_us, 1115_us, 1315_us};
    for (std::size_t i = 0; i < worker.size(); ++i) {
        EXPECT_EQ(worker[i].start, expected[i].first) << i;
        EXPECT_EQ(worker[i].end, ends[i]) << i;
        EXPECT_EQ(worker[i].kind, expected[i].second) << i;
        EXPECT_EQ(worker[i].core, 0u) << i;
    }
}

TEST(Threads, TheAcceptLoopCreatesConnectionThreadsOneAfterAnother)
{
    // Ten connections at t = 0 on 16 cores, 100 µs to create a thread, 1 ms of work each. The
    // accept loop creates thread k at (k + 1) × 100 µs; each then runs on a core of its own.
    Scenario s = batchLoad(16, 10, {cpu(constant(1_ms))});
    s = withoutOverheads(s);
    s.threads.spawnCost = 100_us;
    const ModelResult r = runTraced(s, ModelKind::Threads);
    const auto t = requestLatencies(*r.trace);
    ASSERT_EQ(t.size(), 10u);
    for (std::uint32_t k = 0; k < 10; ++k)
        EXPECT_EQ(t.at(k), Nanos{(k + 1) * 100'000} + 1_ms) << k;
    // Every creation runs on the same thread, the accept loop's, and that thread is counted.
    std::set<std::uint32_t> creators;
    for (const Span &span : r.trace->spans)
        if (span.kind == SpanKind::Spawn)
            creators.insert(span.thread);
    EXPECT_EQ(creators.size(), 1u);
    EXPECT_EQ(r.metrics.threadsCreated, 11);
}

TEST(Threads, OneAcceptLoopCapsAThreadPerRequestServerAtOneConnectionPerCreation)
{
    // Plenty of cores and clients, 5 µs of work: the accept loop, at 22 µs a thread, is the limit.
    Scenario s = closedLoad(16, 64, constant(0_ns), 20'000, {cpu(constant(5_us))});
    s.threads.spawnCost = 22_us;
    const ModelMetrics m = run(s, ModelKind::Threads);
    EXPECT_LE(m.throughputRps, 1e9 / 22'000.0);
    EXPECT_GE(m.throughputRps, 0.9e9 / 22'000.0);
}

} // namespace
} // namespace conviz
