// Deterministic randomness: the generator, the inverse-CDF distributions and the lognormal fit.
#include "engine/core/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <vector>

namespace conviz {
namespace {

using namespace literals;

TEST(Random, TheSameSeedGivesTheSameSequence)
{
    Rng a(2024);
    Rng b(2024);
    for (int i = 0; i < 1000; ++i)
        ASSERT_EQ(a.next(), b.next()) << "draw " << i;
}

TEST(Random, DifferentSeedsGiveDifferentSequences)
{
    Rng a(1);
    Rng b(2);
    int same = 0;
    for (int i = 0; i < 1000; ++i)
        same += a.next() == b.next() ? 1 : 0;
    EXPECT_EQ(same, 0);
}

TEST(Random, StreamsAreReproducibleAndIndependentOfEachOther)
{
    Rng a = Rng::forStream(7, 1, 10);
    Rng b = Rng::forStream(7, 1, 10);
    Rng otherIndex = Rng::forStream(7, 1, 11);
    Rng otherStream = Rng::forStream(7, 2, 10);
    Rng otherSeed = Rng::forStream(8, 1, 10);
    const std::uint64_t first = a.next();
    EXPECT_EQ(first, b.next());
    EXPECT_NE(first, otherIndex.next());
    EXPECT_NE(first, otherStream.next());
    EXPECT_NE(first, otherSeed.next());
}

TEST(Random, TheGeneratorIsXoshiro256StarStarSeededBySplitmix64)
{
    // Pins the bit stream against an independent implementation of the reference algorithms
    // (splitmix64 fills the state, xoshiro256** draws): a change here changes every scenario's numbers.
    Rng rng(42);
    EXPECT_EQ(rng.next(), 0x15780b2e0c2ec716ULL);
    EXPECT_EQ(rng.next(), 0x6104d9866d113a7eULL);
    EXPECT_EQ(rng.next(), 0xae17533239e499a1ULL);
}

TEST(Random, TheFirstUniformOfASeedIsTheSeededGeneratorsFirstDraw)
{
    const RngStream stream(42, 1);
    for (std::uint64_t i = 0; i < 10'000; ++i) {
        ASSERT_EQ(Rng::firstUniform01(i * 0x9e3779b97f4a7c15ULL), Rng(i * 0x9e3779b97f4a7c15ULL).uniform01()) << i;
        ASSERT_EQ(stream.firstUniform01At(i), stream.at(i).uniform01()) << i;
    }
}

TEST(Random, Uniform01StaysInsideTheOpenUnitIntervalWithMeanOneHalf)
{
    Rng rng(99);
    double sum = 0;
    double lo = 1;
    double hi = 0;
    constexpr int n = 1'000'000;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform01();
        ASSERT_GT(u, 0.0);
        ASSERT_LT(u, 1.0);
        sum += u;
        lo = std::min(lo, u);
        hi = std::max(hi, u);
    }
    EXPECT_NEAR(sum / n, 0.5, 0.002); // σ of the mean ≈ 0.00029
    EXPECT_LT(lo, 1e-4);
    EXPECT_GT(hi, 1 - 1e-4);
}

TEST(Random, BelowStaysInRangeAndCoversIt)
{
    Rng rng(5);
    std::vector<int> seen(7, 0);
    for (int i = 0; i < 70'000; ++i) {
        const std::uint32_t v = rng.below(7);
        ASSERT_LT(v, 7u);
        ++seen[v];
    }
    for (int count : seen)
        EXPECT_NEAR(count, 10'000, 500);
}

TEST(Random, ExponentialHasTheRequestedMean)
{
    Rng rng(3);
    constexpr int n = 1'000'000;
    double sum = 0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.exponential(250.0);
        ASSERT_GE(x, 0.0);
        sum += x;
    }
    EXPECT_NEAR(sum / n / 250.0, 1.0, 0.005); // σ of the mean ≈ 0.1 %
}

struct QuantileCase {
    double p;
    double z;
};

void PrintTo(const QuantileCase &c, std::ostream *os) { *os << "p = " << c.p; }

class NormalQuantile : public ::testing::TestWithParam<QuantileCase> {};

TEST_P(NormalQuantile, MatchesTheTabulatedValue)
{
    const auto [p, z] = GetParam();
    // AS241 is good to about 1e-16; a wrong digit in any of its coefficients shows far above this.
    EXPECT_NEAR(normalQuantile(p), z, 1e-14 * std::max(1.0, std::abs(z))) << "p = " << p;
}

// Reference values: Φ⁻¹(p) computed to 40 digits with mpmath (−√2 erfinv(1 − 2p), and a root of
// Φ(z) = p in the far tail), each for the double the test passes (1 − 1e-9 is not 1 − 10⁻⁹ exactly,
// and Φ⁻¹ is steep there). Each of AS241's regions on both sides of its boundaries: |p − ½| ≤
// 0.425, then √(−ln min(p, 1 − p)) ≤ 5 (p down to about 1.4e-11), then beyond.
INSTANTIATE_TEST_SUITE_P(
    KnownValues, NormalQuantile,
    ::testing::Values(QuantileCase{0.5, 0.0}, QuantileCase{0.3, -0.52440051270804078404},
                      QuantileCase{0.975, 1.9599639845400542355}, QuantileCase{0.025, -1.9599639845400542355},
                      QuantileCase{0.01, -2.3263478740408411009}, QuantileCase{0.99, 2.3263478740408411009},
                      QuantileCase{0.8413447460685429, 0.99999999999999979921},
                      QuantileCase{0.075, -1.4395314709384559153}, QuantileCase{0.925, 1.4395314709384559153},
                      QuantileCase{0.0749, -1.4402382675279636232}, QuantileCase{0.02425, -1.9729610513118848503},
                      QuantileCase{0.999, 3.0902323061678135415}, QuantileCase{1e-9, -5.9978070150076868716},
                      QuantileCase{1 - 1e-9, 5.9978070196016374264}, QuantileCase{1e-12, -7.0344838253011319298},
                      QuantileCase{1e-15, -7.941345326170996781}, QuantileCase{1e-20, -9.2623400897984075737},
                      QuantileCase{1e-100, -21.273453560965324295}, QuantileCase{1e-300, -37.047096299361199237}));

TEST(NormalQuantileDeathTest, ProbabilitiesOutsideTheOpenUnitIntervalAreAContractViolation)
{
    EXPECT_DEATH(normalQuantile(0.0), "0 < p < 1");
    EXPECT_DEATH(normalQuantile(1.0), "0 < p < 1");
}

TEST(Random, ConstantDurationIsAlwaysItsMean)
{
    Rng rng(1);
    const DurationDist d{123_us, Distribution::Constant, {}};
    for (int i = 0; i < 100; ++i)
        EXPECT_EQ(d.draw(rng), 123_us);
}

TEST(Random, ExponentialDurationHasTheRequestedMean)
{
    Rng rng(11);
    const DurationDist d{1_ms, Distribution::Exponential, {}};
    constexpr int n = 1'000'000;
    double sum = 0;
    for (int i = 0; i < n; ++i)
        sum += static_cast<double>(d.draw(rng).count());
    EXPECT_NEAR(sum / n / 1e6, 1.0, 0.005);
}

struct LogNormalCase {
    Nanos mean;
    Nanos p99;
};

void PrintTo(const LogNormalCase &c, std::ostream *os)
{
    *os << "mean " << c.mean.count() << " ns, p99 " << c.p99.count() << " ns";
}

class LogNormalDuration : public ::testing::TestWithParam<LogNormalCase> {};

TEST_P(LogNormalDuration, HasTheRequestedMeanAndNinetyNinthPercentile)
{
    const auto [mean, p99] = GetParam();
    const DurationDist d{mean, Distribution::LogNormal, p99};
    Rng rng(2718);
    constexpr std::size_t n = 1'000'000;
    std::vector<std::int64_t> xs(n);
    double sum = 0;
    for (auto &x : xs) {
        x = d.draw(rng).count();
        ASSERT_GT(x, 0);
        sum += static_cast<double>(x);
    }
    std::nth_element(xs.begin(), xs.begin() + n * 99 / 100, xs.end());
    const auto empiricalP99 = static_cast<double>(xs[n * 99 / 100]);
    const auto m = static_cast<double>(mean.count());
    const auto q = static_cast<double>(p99.count());
    EXPECT_NEAR(sum / static_cast<double>(n) / m, 1.0, 0.02);
    EXPECT_NEAR(empiricalP99 / q, 1.0, 0.02);
}

INSTANTIATE_TEST_SUITE_P(Fits, LogNormalDuration,
                         ::testing::Values(LogNormalCase{5'000'000_ns, 20'000'000_ns}, // the CRUD database query
                                           LogNormalCase{1'000'000_ns, 1'500'000_ns},  // tight
                                           LogNormalCase{100'000_ns, 1'000'000_ns}));  // heavy tail

TEST(Random, ASamplerDrawsWhatItsDistributionDraws)
{
    // RequestPlans draws through samplers, Workload::plan through the distributions: a request's
    // durations must not depend on which.
    for (const DurationDist &d :
         {DurationDist{5_ms, Distribution::LogNormal, 20_ms}, DurationDist{250_us, Distribution::Exponential, {}},
          DurationDist{30_us, Distribution::Constant, {}}}) {
        const DurationSampler sampler(d);
        Rng a(99), b(99);
        for (int i = 0; i < 1000; ++i)
            ASSERT_EQ(sampler.draw(a), d.draw(b)) << "draw " << i;
    }
    const DurationSampler lognormal(DurationDist{5_ms, Distribution::LogNormal, 20_ms});
    EXPECT_NEAR(static_cast<double>(lognormal.quantile(0.99).count()), 20e6, 1.0);
}

TEST(Random, LogNormalSigmaReproducesTheMeanAndPercentileItWasFittedTo)
{
    const double mean = 5.0;
    const double p99 = 20.0;
    const double sigma = logNormalSigma(mean, p99);
    ASSERT_GT(sigma, 0.0);
    const double mu = std::log(mean) - sigma * sigma / 2;
    EXPECT_NEAR(std::exp(mu + sigma * sigma / 2), mean, 1e-9);
    EXPECT_NEAR(std::exp(mu + normalQuantile(0.99) * sigma), p99, 1e-9);
}

TEST(Random, LogNormalSigmaRejectsANinetyNinthPercentileAtOrBelowTheMean)
{
    EXPECT_LT(logNormalSigma(10.0, 10.0), 0.0);
    EXPECT_LT(logNormalSigma(10.0, 9.0), 0.0);
    EXPECT_LT(logNormalSigma(0.0, 9.0), 0.0);
}

TEST(Random, LogNormalSigmaRejectsANinetyNinthPercentileBeyondAboutFifteenTimesTheMean)
{
    // No lognormal has p99/mean above e^{z²/2} ≈ 14.97 (z the normal 99 % quantile).
    const double z = normalQuantile(0.99);
    const double limit = std::exp(z * z / 2);
    EXPECT_NEAR(limit, 14.97, 0.01);
    EXPECT_GE(logNormalSigma(1.0, 14.9), 0.0);
    EXPECT_LT(logNormalSigma(1.0, 15.0), 0.0);
    EXPECT_LT(logNormalSigma(1.0, 100.0), 0.0);
}

} // namespace
} // namespace conviz
