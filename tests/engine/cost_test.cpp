// What Lambda bills: a request's critical path. The cost estimate prices every model from one pass
// over the drawn requests, which must give each model exactly what a pass of its own would.
#include "engine/cost.h"

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

} // namespace
} // namespace conviz
