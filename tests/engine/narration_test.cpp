// The run's story tells the states a student would otherwise have to guess: an open load that
// outruns a model (saturation), a backlog that keeps growing, an exhausted pool, an event loop that
// lags. Each is told once at its onset (and growth once per doubling), never once per request, and
// a model that keeps up is not accused.
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

std::vector<Narration> linesOf(const ModelResult &r, NarrationKind kind, std::string_view containing = {})
{
    std::vector<Narration> out;
    for (const Narration &n : r.trace->narration)
        if (n.kind == kind && n.text.find(containing) != std::string::npos)
            out.push_back(n);
    return out;
}

// 1 ms of CPU per request at 3,000 req/s: one event loop serves 1,000 req/s, so it falls behind
// three to one; four cores of fibers or threads serve 4,000 req/s and keep up.
Scenario threeTimesWhatOneCoreServes()
{
    Scenario s = openLoad(4, 3000, 3000, {cpu(constant(1_ms))});
    s.load.warmup = Nanos::zero();
    return s;
}

TEST(Narration, AnOverloadedEventLoopIsToldOnceAtTheOnsetWithItsRates)
{
    const ModelResult r = runTraced(threeTimesWhatOneCoreServes(), ModelKind::EventLoop);
    const auto onsets = linesOf(r, NarrationKind::Saturation);
    ASSERT_EQ(onsets.size(), 1u);
    EXPECT_LT(onsets[0].time, 100_ms) << "told within a few windows of 50 arrivals (17 ms each)";
    EXPECT_NE(onsets[0].text.find("overloaded"), std::string::npos) << onsets[0].text;
    EXPECT_NEAR(r.metrics.overload, 3.0, 0.4);
}

TEST(Narration, AGrowingBacklogIsToldAtEachDoublingNotAtEachRequest)
{
    const ModelResult r = runTraced(threeTimesWhatOneCoreServes(), ModelKind::EventLoop);
    const auto growth = linesOf(r, NarrationKind::QueueGrowth);
    // The backlog climbs to about 2,000 (3,000 in, 1,000 out over the second of arrivals): from
    // tens at the onset, five or six doublings.
    EXPECT_GE(growth.size(), 3u);
    EXPECT_LE(growth.size(), 8u);
    EXPECT_TRUE(std::is_sorted(growth.begin(), growth.end(),
                               [](const Narration &a, const Narration &b) { return a.time < b.time; }));
}

TEST(Narration, ModelsThatKeepUpAreNotAccused)
{
    for (ModelKind m : {ModelKind::Fibers, ModelKind::Threads}) {
        const ModelResult r = runTraced(threeTimesWhatOneCoreServes(), m);
        EXPECT_TRUE(linesOf(r, NarrationKind::Saturation).empty()) << modelKey(m);
        EXPECT_TRUE(linesOf(r, NarrationKind::QueueGrowth).empty()) << modelKey(m);
        EXPECT_EQ(r.metrics.overload, 0) << modelKey(m);
    }
}

// Long network waits hold many requests in flight without any overload (c10k's connections):
// requests parked on I/O are not a backlog.
TEST(Narration, ManyRequestsWaitingOnTheNetworkAreNoOverload)
{
    Scenario s = openLoad(4, 5000, 5000, {cpu(constant(20_us)), io(constant(5_s)), cpu(constant(20_us))});
    for (ModelKind m : kAllModels) {
        const ModelResult r = runTraced(s, m);
        EXPECT_TRUE(linesOf(r, NarrationKind::Saturation).empty()) << modelKey(m);
        EXPECT_EQ(r.metrics.overload, 0) << modelKey(m);
    }
}

TEST(Narration, AClosedLoadNeverOverloads)
{
    Scenario s = closedLoad(1, 256, constant(Nanos::zero()), 3000, {cpu(constant(1_ms))});
    for (ModelKind m : kAllModels)
        EXPECT_TRUE(linesOf(runTraced(s, m), NarrationKind::Saturation).empty()) << modelKey(m);
}

TEST(Narration, TheOverloadFigureIsTheSameWhetherOrNotTheRunIsTraced)
{
    const Scenario s = threeTimesWhatOneCoreServes();
    for (ModelKind m : kAllModels)
        EXPECT_EQ(run(s, m).overload, runTraced(s, m).metrics.overload) << modelKey(m);
}

TEST(Narration, EventLoopLagAboveTheAlertIsToldOnceWhileItLasts)
{
    const ModelResult r = runTraced(threeTimesWhatOneCoreServes(), ModelKind::EventLoop);
    const auto lag = linesOf(r, NarrationKind::LoopDelay);
    ASSERT_EQ(lag.size(), 1u) << "the loop falls behind once and stays behind";
    EXPECT_NE(lag[0].text.find("alert at 50 ms"), std::string::npos) << lag[0].text;
}

TEST(Narration, EventLoopLagUnderTheAlertIsNotTold)
{
    // Half of one core's capacity: callbacks wait a millisecond or two, far under 50 ms.
    const ModelResult r = runTraced(openLoad(1, 500, 2000, {cpu(constant(1_ms))}), ModelKind::EventLoop);
    EXPECT_TRUE(linesOf(r, NarrationKind::LoopDelay).empty());
    EXPECT_TRUE(linesOf(r, NarrationKind::Saturation).empty());
}

// A workshop can set the thresholds (`[narration]`): they change what is told, never the run.
TEST(Narration, TheThresholdsAreScenarioKeysThatChangeTheStoryNotTheRun)
{
    Scenario s = threeTimesWhatOneCoreServes();
    const ModelResult told = runTraced(s, ModelKind::EventLoop);
    ASSERT_FALSE(linesOf(told, NarrationKind::LoopDelay).empty());
    ASSERT_FALSE(linesOf(told, NarrationKind::Saturation).empty());

    s.narration.loopLagAlert = 10_s; // longer than the run
    s.narration.saturationRatio = 5; // more than the load's 3 : 1
    const ModelResult quiet = runTraced(s, ModelKind::EventLoop);
    EXPECT_TRUE(linesOf(quiet, NarrationKind::LoopDelay).empty());
    EXPECT_TRUE(linesOf(quiet, NarrationKind::Saturation).empty());
    EXPECT_EQ(quiet.metrics.completed, told.metrics.completed);
    EXPECT_EQ(quiet.metrics.latency.p99, told.metrics.latency.p99);
    EXPECT_EQ(quiet.metrics.events, told.metrics.events);

    s.narration.loopLagAlert = 20_ms;
    const auto lag = linesOf(runTraced(s, ModelKind::EventLoop), NarrationKind::LoopDelay);
    ASSERT_EQ(lag.size(), 1u);
    EXPECT_NE(lag[0].text.find("alert at 20 ms"), std::string::npos) << lag[0].text;
}

TEST(Narration, AnExhaustedThreadPoolIsTold)
{
    Scenario s = threeTimesWhatOneCoreServes();
    s.threads.mode = ThreadMode::Pool;
    s.threads.poolSize = 2; // 2,000 req/s at most
    const ModelResult r = runTraced(s, ModelKind::Threads);
    const auto full = linesOf(r, NarrationKind::PoolSaturated, "pool threads are busy");
    ASSERT_FALSE(full.empty());
    EXPECT_NE(full[0].text.find("all 2 pool threads"), std::string::npos) << full[0].text;
    EXPECT_EQ(linesOf(r, NarrationKind::Saturation).size(), 1u);
}

// Near its limit a pool's queue empties and refills many times a second; that is one episode of
// exhaustion, told once, not a line per refill (this run used to tell it on every refill).
TEST(Narration, AConnectionPoolNearItsLimitIsToldOncePerEpisode)
{
    Scenario s = openLoad(4, 1900, 1900, {cpu(constant(20_us)), io(exponential(2_ms), 0)});
    s.pools = {Pool{"db", 4}}; // 4 connections × 2 ms: 2,000 req/s at most
    for (ModelKind m : kAllModels) {
        const ModelResult r = runTraced(s, m);
        const auto full = linesOf(r, NarrationKind::PoolSaturated, "connections of pool 'db'");
        EXPECT_GE(full.size(), 1u) << modelKey(m);
        EXPECT_LE(full.size(), 2u) << modelKey(m) << ": a run of about one second";
    }
}

} // namespace
} // namespace conviz
