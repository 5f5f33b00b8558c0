// The engine is deterministic: the same scenario and seed give the same metrics and the same trace,
// bit for bit, run after run and whether the models run one after another or in parallel.
#include "tests/engine/model_params.h"
#include "tests/engine/same_records.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <string>
#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

void expectSameSummary(const LatencySummary &a, const LatencySummary &b, const char *what)
{
    SCOPED_TRACE(what);
    EXPECT_EQ(a.count, b.count);
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.p50, b.p50);
    EXPECT_EQ(a.p90, b.p90);
    EXPECT_EQ(a.p99, b.p99);
    EXPECT_EQ(a.max, b.max);
}

// Every field of ModelMetrics, compared exactly (doubles included: the runs must be bit-identical).
void expectSameMetrics(const ModelMetrics &a, const ModelMetrics &b)
{
    EXPECT_EQ(a.model, b.model);
    EXPECT_EQ(a.cancelled, b.cancelled);
    EXPECT_EQ(a.issued, b.issued);
    EXPECT_EQ(a.completed, b.completed);
    EXPECT_EQ(a.refused, b.refused);
    EXPECT_EQ(a.measured, b.measured);
    EXPECT_EQ(a.unfinished, b.unfinished);
    EXPECT_EQ(a.throughputRps, b.throughputRps);
    expectSameSummary(a.latency, b.latency, "latency");
    expectSameSummary(a.schedulingDelay, b.schedulingDelay, "schedulingDelay");
    EXPECT_EQ(a.cpuUtilization, b.cpuUtilization);
    EXPECT_EQ(a.coreUtilization, b.coreUtilization);
    EXPECT_EQ(a.memory.peakCommitted, b.memory.peakCommitted);
    EXPECT_EQ(a.memory.peakReserved, b.memory.peakReserved);
    EXPECT_EQ(a.memory.peakStackCommitted, b.memory.peakStackCommitted);
    EXPECT_EQ(a.memory.peakStackReserved, b.memory.peakStackReserved);
    EXPECT_EQ(a.peakTasks, b.peakTasks);
    EXPECT_EQ(a.peakThreads, b.peakThreads);
    EXPECT_EQ(a.peakInFlight, b.peakInFlight);
    EXPECT_EQ(a.contextSwitches, b.contextSwitches);
    EXPECT_EQ(a.kernelSwitches, b.kernelSwitches);
    EXPECT_EQ(a.userSwitches, b.userSwitches);
    EXPECT_EQ(a.threadsCreated, b.threadsCreated);
    EXPECT_EQ(a.steals, b.steals);
    EXPECT_EQ(a.preemptions, b.preemptions);
    EXPECT_EQ(a.handoffs, b.handoffs);
    EXPECT_EQ(a.stackGrowths, b.stackGrowths);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.windowStart, b.windowStart);
    EXPECT_EQ(a.windowEnd, b.windowEnd);
    EXPECT_EQ(a.meanInSystem, b.meanInSystem);
    EXPECT_EQ(a.arrivalRate, b.arrivalRate);
}

// Element-wise comparison that names the first difference instead of dumping both vectors.
template <typename List>
void expectSameRecords(const List &a, const List &b, const char *what)
{
    ASSERT_EQ(a.size(), b.size()) << what;
    auto j = b.begin();
    std::size_t i = 0;
    for (const auto &r : a) {
        if (!same(r, *j)) {
            ADD_FAILURE() << what << " differ first at record " << i << " of " << a.size();
            return;
        }
        ++i;
        ++j;
    }
}

void expectSameTrace(const Trace &a, const Trace &b)
{
    expectSameRecords(a.spans, b.spans, "spans");
    expectSameRecords(a.threads, b.threads, "threads");
    expectSameRecords(a.tasks, b.tasks, "task events");
    expectSameRecords(a.stacks, b.stacks, "stack events");
    expectSameRecords(a.counters, b.counters, "counter samples");
    expectSameRecords(a.narration, b.narration, "narration");
    EXPECT_EQ(a.completions, b.completions);
    EXPECT_EQ(a.truncatedAt, b.truncatedAt);
}

// A scenario that exercises every step kind, a connection pool, warm-up and a random think time.
Scenario everythingScenario(int cores)
{
    Scenario s = openLoad(cores, 1500, 1500,
                          {cpu(exponential(200_us)), io(lognormal(2_ms, 8_ms), 0), blocking(exponential(500_us)),
                           fanout(4, {cpu(exponential(50_us)), io(exponential(1_ms)), stack(8 * KiB)}),
                           cpu(exponential(100_us), true), stack(32 * KiB), cpu(exponential(100_us))});
    s.pools = {{"db", 8}};
    s.load.warmup = 100_ms;
    s.seed = 2718;
    return s;
}

class Determinism : public ::testing::TestWithParam<ModelAndCores> {};

TEST_P(Determinism, TheSameScenarioAndSeedGiveIdenticalMetricsAndTraces)
{
    const auto [model, cores] = GetParam();
    const Scenario s = everythingScenario(cores);
    const ModelResult first = runTraced(s, model);
    const ModelResult second = runTraced(s, model);
    ASSERT_TRUE(first.trace && second.trace);
    expectSameMetrics(first.metrics, second.metrics);
    expectSameTrace(*first.trace, *second.trace);
    EXPECT_GT(first.trace->spans.size(), 0u);
}

TEST_P(Determinism, RecordingATraceDoesNotChangeTheMetrics)
{
    const auto [model, cores] = GetParam();
    const Scenario s = everythingScenario(cores);
    expectSameMetrics(runTraced(s, model).metrics, run(s, model));
}

TEST_P(Determinism, AClosedLoadWithThinkTimeIsReproducibleToo)
{
    const auto [model, cores] = GetParam();
    Scenario s = closedLoad(cores, 50, exponential(2_ms), 2000,
                            {cpu(exponential(300_us)), io(exponential(3_ms)), cpu(exponential(100_us))});
    const ModelResult first = runTraced(s, model);
    const ModelResult second = runTraced(s, model);
    expectSameMetrics(first.metrics, second.metrics);
    expectSameTrace(*first.trace, *second.trace);
}

INSTANTIATE_TEST_SUITE_P(Models, Determinism, everyModelOnEveryCoreCount(), modelAndCoresName);

TEST(Determinism, ADifferentSeedGivesADifferentRun)
{
    Scenario s = everythingScenario(4);
    const ModelMetrics a = run(s, ModelKind::Fibers);
    s.seed = 2719;
    const ModelMetrics b = run(s, ModelKind::Fibers);
    EXPECT_NE(a.latency.mean, b.latency.mean);
}

TEST(Determinism, SimulateAllInParallelGivesTheSameResultsAsOneAfterAnother)
{
    const Scenario s = everythingScenario(4);
    RunOptions options;
    options.trace = true;
    const std::vector<ModelResult> sequential = simulateAll(s, kAllModels, options, 1);
    const std::vector<ModelResult> parallel = simulateAll(s, kAllModels, options, 3);
    ASSERT_EQ(sequential.size(), kAllModels.size());
    ASSERT_EQ(parallel.size(), kAllModels.size());
    for (std::size_t i = 0; i < kAllModels.size(); ++i) {
        SCOPED_TRACE(std::string(modelKey(kAllModels[i])));
        EXPECT_EQ(sequential[i].metrics.model, kAllModels[i]);
        expectSameMetrics(sequential[i].metrics, parallel[i].metrics);
        ASSERT_TRUE(sequential[i].trace && parallel[i].trace);
        expectSameTrace(*sequential[i].trace, *parallel[i].trace);
        expectSameMetrics(sequential[i].metrics, run(s, kAllModels[i]));
    }
}

TEST(Determinism, SimulateAllInAnyOrderHearsEachModelOnceWithItsOwnResult)
{
    const Scenario s = everythingScenario(4);
    RunOptions options;
    options.trace = true;
    const std::array<ModelKind, 3> order{ModelKind::Threads, ModelKind::Fibers, ModelKind::EventLoop};
    std::mutex heardMutex;
    std::vector<std::size_t> heard;
    std::vector<ModelResult> handed(order.size());
    const std::vector<ModelResult> results = simulateAll(s, order, options, 2, [&](std::size_t i, ModelResult &r) {
        const std::scoped_lock lock(heardMutex);
        heard.push_back(i);
        handed[i] = r; // what the hook is handed is the model's result, before it is returned
    });
    std::sort(heard.begin(), heard.end());
    EXPECT_EQ(heard, (std::vector<std::size_t>{0, 1, 2}));
    for (std::size_t i = 0; i < order.size(); ++i) {
        SCOPED_TRACE(std::string(modelKey(order[i])));
        EXPECT_EQ(results[i].metrics.model, order[i]);
        expectSameMetrics(handed[i].metrics, results[i].metrics);
        expectSameMetrics(results[i].metrics, run(s, order[i]));
        ASSERT_TRUE(handed[i].trace);
        expectSameTrace(*handed[i].trace, *simulate(s, order[i], options).trace);
    }
}

TEST(Determinism, ASweepGivesTheSameMetricsAsRunningEachPointAlone)
{
    std::vector<Scenario> points;
    for (int cores : {1, 2, 4})
        points.push_back(everythingScenario(cores));
    const auto sweep = simulateSweep(points, kAllModels, {}, 2);
    ASSERT_EQ(sweep.size(), points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        ASSERT_EQ(sweep[i].size(), kAllModels.size());
        for (std::size_t j = 0; j < kAllModels.size(); ++j) {
            SCOPED_TRACE(std::string(modelKey(kAllModels[j])) + " point " + std::to_string(i));
            expectSameMetrics(sweep[i][j], run(points[i], kAllModels[j]));
        }
    }
}

} // namespace
} // namespace conviz
