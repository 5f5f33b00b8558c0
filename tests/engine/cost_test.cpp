// What Lambda bills: a request's critical path. The cost estimate prices every model from one pass
// over the drawn requests, which must give each model exactly what a pass of its own would.
#include "engine/cost.h"
#include "engine/simulate.h"

#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

TEST(CriticalPath, SequentialStepsAddUpAndAFanOutTakesItsSlowestChild)
{
    const Scenario s = openLoad(
        4, 100, 100, {cpu(constant(1_ms)), fanout(3, {io(constant(2_ms)), cpu(constant(500_us))}), io(constant(4_ms))});
    // CPU scaled by 2: 2 ms + (2 ms + 1 ms) + 4 ms.
    EXPECT_DOUBLE_EQ(meanCriticalPath(s, 2.0, 10), 9e6);
    EXPECT_DOUBLE_EQ(meanCriticalPath(s, 1.0, 10), 7.5e6);
}

TEST(CriticalPath, SeveralScalesInOnePassAreEachScalesOwnMeanExactly)
{
    const Scenario s =
        openLoad(8, 20, 400,
                 {cpu(exponential(2500_us)), fanout(50, {io(lognormal(20_ms, 80_ms)), cpu(exponential(50_us))}),
                  cpu(exponential(300_us))});
    const std::vector<double> scales{1.0, 2.4, 0.35};
    const std::vector<double> together = meanCriticalPaths(s, scales, 300);
    ASSERT_EQ(together.size(), scales.size());
    for (std::size_t i = 0; i < scales.size(); ++i)
        EXPECT_EQ(together[i], meanCriticalPath(s, scales[i], 300)) << "scale " << scales[i];
    EXPECT_LT(together[2], together[0]);
    EXPECT_LT(together[0], together[1]);
}

TEST(CriticalPath, TheMemoAnswersAsTheFunctionAndDrawsAgainWhenTheRequestsOrScalesChange)
{
    Scenario s = openLoad(4, 50, 200, {cpu(exponential(1_ms)), fanout(20, {io(lognormal(5_ms, 20_ms))})});
    const std::vector<double> scales{1.0, 3.0};
    CriticalPathMemo memo;
    EXPECT_EQ(memo.meanCriticalPaths(s, scales, 100), meanCriticalPaths(s, scales, 100));
    s.load.rate = 90; // a load slider: the same requests, the same paths
    EXPECT_EQ(memo.meanCriticalPaths(s, scales, 100), meanCriticalPaths(s, scales, 100));
    // Each of the key's parts, changed, gives that scenario's own paths, not the memo's last ones.
    const std::vector<double> before = memo.meanCriticalPaths(s, scales, 100);
    const std::vector<double> otherScales{1.0, 4.0};
    EXPECT_EQ(memo.meanCriticalPaths(s, otherScales, 100), meanCriticalPaths(s, otherScales, 100));
    EXPECT_NE(memo.meanCriticalPaths(s, otherScales, 100), before);
    EXPECT_EQ(memo.meanCriticalPaths(s, scales, 30), meanCriticalPaths(s, scales, 30));
    s.seed = 7;
    EXPECT_EQ(memo.meanCriticalPaths(s, scales, 100), meanCriticalPaths(s, scales, 100));
    EXPECT_NE(memo.meanCriticalPaths(s, scales, 100), before);
    s.steps.push_back(cpu(constant(2_ms)));
    EXPECT_EQ(memo.meanCriticalPaths(s, scales, 100), meanCriticalPaths(s, scales, 100));
}

TEST(CriticalPath, CostsWithAMemoAreTheCostsWithout)
{
    const Scenario s =
        openLoad(8, 20, 300, {cpu(exponential(2_ms)), fanout(30, {io(lognormal(20_ms, 80_ms))}), cpu(constant(1_ms))});
    const std::vector<ModelResult> results = simulateAll(s, kAllModels);
    std::vector<ModelMetrics> metrics;
    for (const ModelResult &r : results)
        metrics.push_back(r.metrics);
    CriticalPathMemo memo;
    for (int i = 0; i < 2; ++i) { // drawn, then remembered
        const std::vector<CostEstimate> with = estimateCosts(s, metrics, &memo);
        const std::vector<CostEstimate> without = estimateCosts(s, metrics);
        ASSERT_EQ(with.size(), without.size());
        for (std::size_t m = 0; m < with.size(); ++m) {
            EXPECT_EQ(with[m].lambdaDurationMs, without[m].lambdaDurationMs);
            EXPECT_EQ(with[m].lambdaMonthly, without[m].lambdaMonthly);
        }
    }
}

TEST(Costs, NoneWhenAModelMeasuredNoRequest)
{
    // Every request arrives in the warm-up: no CPU per request, no throughput to size anything by.
    Scenario s = openLoad(4, 200, 100, {cpu(constant(1_ms))});
    s.load.warmup = 10_s;
    std::vector<ModelMetrics> metrics;
    for (const ModelResult &r : simulateAll(s, kAllModels))
        metrics.push_back(r.metrics);
    ASSERT_EQ(whyUnmeasured(metrics.front()), Unmeasured::AllInWarmup);
    EXPECT_TRUE(estimateCosts(s, metrics).empty());

    s.load.warmup = Nanos::zero(); // measured: priced
    metrics.clear();
    for (const ModelResult &r : simulateAll(s, kAllModels))
        metrics.push_back(r.metrics);
    EXPECT_EQ(estimateCosts(s, metrics).size(), 3u);
}

} // namespace
} // namespace conviz
