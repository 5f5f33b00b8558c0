// Every executor runs exactly the requests the Workload draws, every step of them, and stops
// promptly when cancelled or out of wall time.
#include "engine/live/live_run.h"
#include "tests/engine/scenarios.h"
#include "tests/live/live_support.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace conviz::test {
namespace {

class LiveExecutor : public ::testing::TestWithParam<ModelKind> {
protected:
    void SetUp() override
    {
        if (GetParam() == ModelKind::Fibers)
            CONVIZ_SKIP_FIBERS_UNDER_TSAN();
    }
};

// A request with every kind of step: cpu, a pooled io wait, a fan-out of three with their own io
// and cpu, offloaded cpu, a blocking call, a stack step.
Scenario everyStep(std::int64_t requests)
{
    Scenario s = closedLoad(2, 4, constant(ms(1)), requests,
                            {cpu(constant(us(300))), io(exponential(ms(3)), 0),
                             fanout(3, {io(constant(ms(4))), cpu(constant(us(100)))}), cpu(constant(us(200)), true),
                             blocking(constant(ms(1))), stack(20 * KiB)});
    s.pools.push_back({"db", 2});
    s.fibers.gomaxprocs = 2;
    s.threads.stackReserved = 256 * KiB;
    return s;
}

TEST_P(LiveExecutor, CompletesExactlyTheRequestsTheWorkloadDrawsAndEveryStepOfThem)
{
    const Scenario s = everyStep(40);
    ASSERT_FALSE(live::refusal(s, GetParam()));
    live::LiveControl control;
    const live::LiveMetrics m = live::runLive(s, GetParam(), control);

    EXPECT_EQ(m.stop, live::StopReason::Finished);
    EXPECT_EQ(m.issued, 40);
    EXPECT_EQ(m.completed, 40);
    EXPECT_EQ(m.refused, 0);
    EXPECT_EQ(m.unfinished, 0);
    EXPECT_EQ(m.latency.count, 40);
    EXPECT_EQ(control.ended(), 40);
    ASSERT_EQ(m.requests.size(), 40U);
    std::set<std::uint64_t> seen;
    const Workload workload(s);
    RequestPlan plan;
    for (const live::LiveRequest &r : m.requests) {
        EXPECT_TRUE(seen.insert(r.index).second) << "request " << r.index << " ended twice";
        workload.plan(r.index, plan);
        // Each request took at least its drawn steps: nothing skipped, fan-outs joined.
        EXPECT_GE(r.endNs - r.dueNs, criticalPath(plan, 0)) << "request " << r.index;
    }
    EXPECT_EQ(*seen.rbegin(), 39U);
    EXPECT_GT(m.throughputRps, 0);
    EXPECT_GT(m.memory.peakRssBytes, 0);
    EXPECT_GT(m.peakThreads, 1);
    // Four clients, each request a root and three fan-out children at most.
    EXPECT_GE(m.peakTasks, 1);
    EXPECT_LE(m.peakTasks, 16);
}

TEST_P(LiveExecutor, AnOpenLoadIssuesEachRequestAtItsDrawnArrival)
{
    Scenario s = openLoad(2, 200, 30, {io(constant(ms(2)))});
    live::LiveControl control;
    const live::LiveMetrics m = live::runLive(s, GetParam(), control);
    ASSERT_EQ(m.completed, 30);
    Workload::Arrivals arrivals = Workload(s).arrivals();
    std::vector<std::int64_t> drawn;
    for (int i = 0; i < 30; ++i)
        drawn.push_back(arrivals.next().count());
    for (const live::LiveRequest &r : m.requests)
        EXPECT_EQ(r.dueNs, drawn[r.index]) << "request " << r.index;
}

TEST_P(LiveExecutor, CancelStopsARunWithinASecond)
{
    // Long waits and long bursts: without the cancel this run takes minutes.
    Scenario s = closedLoad(2, 8, constant(ms(1)), 1000, {cpu(constant(ms(400))), io(constant(Nanos{20'000'000'000}))});
    s.fibers.gomaxprocs = 2;
    s.threads.stackReserved = 256 * KiB;
    live::LiveControl control;
    live::LiveMetrics m;
    std::thread runner([&] { m = live::runLive(s, GetParam(), control); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const double took = secondsOf([&] {
        control.cancel();
        runner.join();
    });
    EXPECT_LT(took, 1.0);
    EXPECT_EQ(m.stop, live::StopReason::Cancelled);
    EXPECT_GT(m.unfinished, 0);
    EXPECT_EQ(m.completed, 0);
}

TEST_P(LiveExecutor, ARunPastLiveMaxWallIsStoppedAndSaysSo)
{
    Scenario s = closedLoad(2, 4, constant(ms(1)), 1000, {io(constant(Nanos{10'000'000'000}))});
    s.live.maxWall = ms(300);
    s.threads.stackReserved = 256 * KiB;
    live::LiveControl control;
    live::LiveMetrics m;
    const double took = secondsOf([&] { m = live::runLive(s, GetParam(), control); });
    EXPECT_LT(took, 1.5);
    EXPECT_GE(took, 0.29);
    EXPECT_EQ(m.stop, live::StopReason::WallLimit);
    EXPECT_EQ(m.unfinished, 4);
}

INSTANTIATE_TEST_SUITE_P(Models, LiveExecutor,
                         ::testing::Values(ModelKind::Fibers, ModelKind::EventLoop, ModelKind::Threads),
                         [](const ::testing::TestParamInfo<ModelKind> &p) { return std::string(modelKey(p.param)); });

} // namespace
} // namespace conviz::test
