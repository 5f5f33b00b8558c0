// The small pieces the models report through: latency summaries, model keys, time arithmetic,
// effective parameters, and the run control (cancel, progress).
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

// Test samples: xorshift64, a fixed sequence from its seed.
struct XorShift {
    std::uint64_t x;
    std::uint64_t operator()()
    {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    }
};

TEST(LatencySummary, PercentilesAreNearestRank)
{
    std::vector<std::int64_t> samples(100);
    std::iota(samples.rbegin(), samples.rend(), 1); // 100, 99, ..., 1: the summary sorts them
    const LatencySummary s = LatencySummary::of(samples);
    EXPECT_EQ(s.count, 100);
    EXPECT_DOUBLE_EQ(s.mean, 50.5);
    EXPECT_DOUBLE_EQ(s.p50, 50);
    EXPECT_DOUBLE_EQ(s.p90, 90);
    EXPECT_DOUBLE_EQ(s.p99, 99);
    EXPECT_DOUBLE_EQ(s.max, 100);
}

TEST(LatencySummary, OneSampleIsEveryPercentile)
{
    std::vector<std::int64_t> samples{7};
    const LatencySummary s = LatencySummary::of(samples);
    EXPECT_EQ(s.count, 1);
    EXPECT_DOUBLE_EQ(s.p50, 7);
    EXPECT_DOUBLE_EQ(s.p99, 7);
    EXPECT_DOUBLE_EQ(s.max, 7);
}

TEST(LatencySummary, NoSamplesGiveZeros)
{
    std::vector<std::int64_t> samples;
    const LatencySummary s = LatencySummary::of(samples);
    EXPECT_EQ(s.count, 0);
    EXPECT_EQ(s.mean, 0);
    EXPECT_EQ(s.max, 0);
}

// The summary selects ranks instead of sorting and sums in integers; a sorted copy, summed in
// ascending order as doubles, is the definition it must match bit for bit, ties and huge values included.
TEST(LatencySummary, SelectedRanksAndMeanEqualThoseOfASortedCopy)
{
    XorShift next{99};
    // (offset, range): tiny values, a spread, values huddled in one narrow band far from zero (several
    // ranks in one bucket), and values so large that their sum leaves double's exact integers.
    const std::pair<std::int64_t, std::int64_t> shapes[] = {
        {0, 7}, {0, 1'000'000}, {5'000'000'000, 1'000}, {0, std::int64_t{1} << 50}};
    for (const auto &[offset, range] : shapes) {
        for (const std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{99}, std::size_t{100}, std::size_t{101},
                                    std::size_t{12'345}}) {
            std::vector<std::int64_t> samples(n);
            for (std::int64_t &v : samples)
                v = offset + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(range));
            std::vector<std::int64_t> sorted = samples;
            std::sort(sorted.begin(), sorted.end());
            double sum = 0;
            for (std::int64_t v : sorted)
                sum += static_cast<double>(v);
            const auto nearestRank = [&](double q) {
                const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n)));
                return static_cast<double>(sorted[std::clamp<std::size_t>(i, 1, n) - 1]);
            };
            const LatencySummary s = LatencySummary::of(samples);
            EXPECT_EQ(s.mean, sum / static_cast<double>(n)) << "range " << range << ", " << n << " samples";
            EXPECT_EQ(s.p50, nearestRank(0.50)) << "range " << range << ", " << n << " samples";
            EXPECT_EQ(s.p90, nearestRank(0.90)) << "range " << range << ", " << n << " samples";
            EXPECT_EQ(s.p99, nearestRank(0.99)) << "range " << range << ", " << n << " samples";
            EXPECT_EQ(s.max, static_cast<double>(sorted.back())) << "range " << range << ", " << n << " samples";
        }
    }
}

// A run's samples: 4 bytes each in blocks, wider ones escaped. Every value comes back in order,
// across block boundaries and escapes, and a move leaves the source empty and usable.
TEST(SampleLog, KeepsEverySampleInOrderAcrossBlocksAndEscapes)
{
    std::vector<std::int64_t> values;
    for (std::int64_t i = 0; i < 200'000; ++i)
        values.push_back(i % 1000 == 7 ? (std::int64_t{1} << 40) + i : i % 3 == 0 ? 0xffffffff - i % 2 : i);
    values.push_back(-5);
    SampleLog log;
    EXPECT_TRUE(log.empty());
    for (std::int64_t v : values)
        log.push_back(v);
    EXPECT_EQ(log.size(), values.size());
    EXPECT_EQ(log.toVector(), values);

    SampleLog moved = std::move(log);
    EXPECT_EQ(moved.toVector(), values);
    EXPECT_TRUE(log.empty()); // NOLINT(bugprone-use-after-move): a moved-from log is empty by contract
    log.push_back(42);
    EXPECT_EQ(log.toVector(), std::vector<std::int64_t>{42});
    EXPECT_EQ(moved.size(), values.size());
}

// The same samples give the same summary from a SampleLog as from a vector, on the fast path and
// on the sorted one (a negative sample, a total past 2^53).
TEST(LatencySummary, ASampleLogSummarisesLikeAVectorOfTheSameSamples)
{
    XorShift next{7};
    const std::int64_t ranges[] = {1'000, 5'000'000, std::int64_t{1} << 40, std::int64_t{1} << 50};
    for (const std::int64_t range : ranges) {
        for (const bool negative : {false, true}) {
            std::vector<std::int64_t> samples(70'000);
            for (std::int64_t &v : samples)
                v = static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(range));
            if (negative)
                samples[123] = -1;
            SampleLog log;
            for (std::int64_t v : samples)
                log.push_back(v);
            const LatencySummary fromLog = LatencySummary::of(log);
            const LatencySummary fromVector = LatencySummary::of(samples);
            EXPECT_EQ(fromLog.count, fromVector.count) << range;
            EXPECT_EQ(fromLog.mean, fromVector.mean) << range;
            EXPECT_EQ(fromLog.p50, fromVector.p50) << range;
            EXPECT_EQ(fromLog.p90, fromVector.p90) << range;
            EXPECT_EQ(fromLog.p99, fromVector.p99) << range;
            EXPECT_EQ(fromLog.max, fromVector.max) << range;
        }
    }
}

TEST(ModelKind, KeysRoundTrip)
{
    for (ModelKind m : kAllModels) {
        EXPECT_EQ(modelFromKey(modelKey(m)), m);
        EXPECT_FALSE(modelTitle(m).empty());
    }
    EXPECT_EQ(modelKey(ModelKind::EventLoop), "event_loop");
    EXPECT_FALSE(modelFromKey("goroutines").has_value());
}

TEST(SimTime, RoundedNanosAgreesWithLlroundEverywhere)
{
    // Halves, the double just below a half, both signs, and magnitudes where doubles lose fractions.
    const double edges[] = {0.0,
                            0.5,
                            -0.5,
                            1.5,
                            2.5,
                            -2.5,
                            0.49999999999999994,
                            -0.49999999999999994,
                            4503599627370495.5,
                            4503599627370497.0,
                            9007199254740993.0,
                            1e18,
                            -1e18,
                            123456.789};
    for (double x : edges)
        EXPECT_EQ(roundedNanos(x).count(), std::llround(x)) << x;
    std::uint64_t state = 7;
    for (int i = 0; i < 100'000; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const double x = static_cast<double>(state >> 11) / static_cast<double>(1ULL << 53) * 1e7 - 5e6;
        ASSERT_EQ(roundedNanos(x).count(), std::llround(x)) << x;
    }
}

TEST(SimTime, ScalingRoundsToTheNearestNanosecond)
{
    EXPECT_EQ(scaled(Nanos{1000}, 1.5), Nanos{1500});
    EXPECT_EQ(scaled(Nanos{3}, 0.5), Nanos{2}); // 1.5 rounds away from zero
    EXPECT_EQ(scaled(Nanos{1}, 0.4), Nanos{0});
    EXPECT_EQ(1_s, Nanos{1'000'000'000});
    EXPECT_EQ(2_ms + 500_us, Nanos{2'500'000});
    EXPECT_DOUBLE_EQ((1500_us).toMillis(), 1.5);
}

TEST(Scenario, GomaxprocsDefaultsToTheCoreCount)
{
    Scenario s;
    s.machine.cores = 6;
    EXPECT_EQ(s.effectiveGomaxprocs(), 6);
    s.fibers.gomaxprocs = 2;
    EXPECT_EQ(s.effectiveGomaxprocs(), 2);
}

TEST(Scenario, TasksPerRequestCountsNestedFanoutAndSaturatesInsteadOfOverflowing)
{
    EXPECT_EQ(tasksPerRequest({cpu(constant(1_us))}), 1);
    EXPECT_EQ(tasksPerRequest({fanout(10, {fanout(10, {cpu(constant(1_us))})})}), 1 + 10 * (1 + 10));
    std::vector<Step> deep{cpu(constant(1_us))};
    for (int level = 0; level < 8; ++level)
        deep = {fanout(100'000, deep)};
    EXPECT_GT(tasksPerRequest(deep), limits::maxTotalTasks);
}

TEST(RunControl, ARaisedCancelFlagStopsTheRunAndSaysSo)
{
    const Scenario s = openLoad(2, 1000, 100'000, {cpu(exponential(200_us)), io(exponential(1_ms))});
    const std::atomic<bool> cancel{true};
    RunOptions options;
    options.control.cancel = &cancel;
    for (ModelKind model : kAllModels) {
        const ModelMetrics m = simulate(s, model, options).metrics;
        EXPECT_TRUE(m.cancelled);
        EXPECT_LT(m.completed, 100'000);
        EXPECT_EQ(m.unfinished, m.issued - m.completed - m.refused);
    }
}

TEST(RunControl, ProgressRisesToOneAtMostAHundredTimes)
{
    const Scenario s = openLoad(2, 1000, 20'000, {cpu(exponential(200_us)), io(exponential(1_ms))});
    for (ModelKind model : kAllModels) {
        std::vector<double> heard;
        RunOptions options;
        options.control.progress = [&](double f) { heard.push_back(f); };
        EXPECT_FALSE(simulate(s, model, options).metrics.cancelled);
        ASSERT_FALSE(heard.empty());
        EXPECT_LE(heard.size(), 101u);
        for (std::size_t i = 1; i < heard.size(); ++i)
            EXPECT_GE(heard[i], heard[i - 1]);
        EXPECT_GE(heard.front(), 0.0);
        EXPECT_LE(heard.back(), 1.0);
        EXPECT_GT(heard.back(), 0.9);
    }
}

TEST(RunControl, ASweepHearsItsProgressOncePerPointAndModel)
{
    std::vector<Scenario> points;
    for (double rate : {100.0, 200.0, 400.0})
        points.push_back(openLoad(2, rate, 500, {cpu(exponential(200_us))}));
    std::vector<double> heard;
    RunControl control;
    control.progress = [&](double f) { heard.push_back(f); };
    simulateSweep(points, kAllModels, control, 2);
    ASSERT_EQ(heard.size(), 9u);
    std::sort(heard.begin(), heard.end());
    EXPECT_DOUBLE_EQ(heard.back(), 1.0);
}

TEST(Runs, AScenarioWithNoRequestsFinishesAtOnce)
{
    for (ModelKind model : kAllModels) {
        const ModelMetrics m = run(openLoad(4, 100, 0, {cpu(constant(1_ms))}), model);
        EXPECT_EQ(m.issued, 0);
        EXPECT_EQ(m.completed, 0);
        EXPECT_EQ(m.unfinished, 0);
        EXPECT_EQ(m.throughputRps, 0);
    }
}

TEST(Runs, WarmupExcludesEarlyArrivalsFromTheMetrics)
{
    Scenario s = openLoad(2, 1000, 5000, {cpu(exponential(100_us))});
    s.load.warmup = 1_s;
    for (ModelKind model : kAllModels) {
        const ModelMetrics m = run(s, model);
        EXPECT_EQ(m.completed, 5000);
        // About 1000 of the 5000 arrive in the first second.
        EXPECT_NEAR(static_cast<double>(m.measured), 4000, 150);
        EXPECT_EQ(m.windowStart, 1_s);
        EXPECT_NEAR(m.arrivalRate, 1000, 50);
    }
}

TEST(Runs, ADurationLimitedOpenLoadStopsIssuingAtItsDuration)
{
    Scenario s = openLoad(2, 1000, 1'000'000, {cpu(exponential(100_us))});
    s.load.duration = 2_s;
    for (ModelKind model : kAllModels) {
        const ModelMetrics m = run(s, model);
        EXPECT_NEAR(static_cast<double>(m.issued), 2000, 150);
        EXPECT_EQ(m.unfinished, 0);
    }
}

TEST(Runs, AClosedLoadWithMoreClientsThanRequestsIssuesOnlyTheRequests)
{
    const Scenario s = closedLoad(2, 100, constant(0_ns), 30, {cpu(constant(100_us))});
    for (ModelKind model : kAllModels) {
        const ModelMetrics m = run(s, model);
        EXPECT_EQ(m.issued, 30);
        EXPECT_EQ(m.completed, 30);
        EXPECT_EQ(m.peakInFlight, 30);
    }
}

TEST(Runs, AClosedLoadKeepsExactlyItsClientsInFlight)
{
    const Scenario s = closedLoad(4, 10, exponential(1_ms), 2000, {cpu(exponential(100_us)), io(exponential(2_ms))});
    for (ModelKind model : kAllModels)
        EXPECT_EQ(run(s, model).peakInFlight, 10);
}

} // namespace
} // namespace conviz
