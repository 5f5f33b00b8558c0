// Caps: a run that would exceed one is refused before it starts, naming the cap and the --set that
// raises it; a cap reached while running refuses requests and says why.
#include "engine/live/live_run.h"
#include "tests/engine/scenarios.h"
#include "tests/live/live_support.h"

#include <gtest/gtest.h>

#include <thread>

namespace conviz::test {
namespace {

void expectRefusal(const Scenario &s, ModelKind model, const std::string &names)
{
    const auto why = live::refusal(s, model);
    ASSERT_TRUE(why.has_value()) << modelKey(model);
    EXPECT_NE(why->find(names), std::string::npos) << *why;
    EXPECT_NE(why->find("--set "), std::string::npos) << *why;
}

TEST(LiveCaps, TenThousandThreadsAreRefusedBeforeAnyIsCreated)
{
    const Scenario s = batchLoad(2, 10'000, {io(constant(ms(10)))});
    expectRefusal(s, ModelKind::Threads, "live.max_threads = 2000");
    Scenario pool = s;
    pool.threads.mode = ThreadMode::Pool;
    pool.threads.poolSize = 5000;
    expectRefusal(pool, ModelKind::Threads, "live.max_threads");
    // Fibers and the loop hold ten thousand requests without threads.
    EXPECT_FALSE(live::refusal(s, ModelKind::Fibers));
    EXPECT_FALSE(live::refusal(s, ModelKind::EventLoop));
}

TEST(LiveCaps, EveryCapRefusesARunThatWouldExceedIt)
{
    Scenario fibers = batchLoad(2, 2000, {fanout(100, {io(constant(ms(1)))})});
    expectRefusal(fibers, ModelKind::Fibers, "live.max_fibers = 100000");

    Scenario loops = batchLoad(2, 10, {io(constant(ms(1)))});
    loops.eventLoop.processes = 500;
    loops.eventLoop.threadpool = 4;
    expectRefusal(loops, ModelKind::EventLoop, "live.max_threads");

    Scenario deep = batchLoad(2, 10, {stack(60 * KiB)});
    expectRefusal(deep, ModelKind::Fibers, "live.fiber_stack");
    deep.threads.stackReserved = 64 * KiB;
    expectRefusal(deep, ModelKind::Threads, "threads.stack_reserved");
    deep.live.fiberStack = 128 * KiB;
    EXPECT_FALSE(live::refusal(deep, ModelKind::Fibers));

    Scenario slow = openLoad(2, 10, 10'000, {io(constant(ms(1)))}); // 1,000 s of arrivals
    expectRefusal(slow, ModelKind::Fibers, "live.max_wall");
    slow.live.requests = 100;
    EXPECT_FALSE(live::refusal(slow, ModelKind::Fibers));
}

TEST(LiveCaps, LiveRequestsCapsTheLoadTheRunIssues)
{
    Scenario s = closedLoad(2, 2, constant(ms(0)), 5000, {io(constant(ms(1)))});
    s.live.requests = 12;
    s.load.warmup = ms(500);
    s.machine.cores = 1024;
    const Scenario run = live::liveScenario(s);
    EXPECT_EQ(run.load.requests, 12);
    // The simulation beside it counts every request, on no more cores than this machine has.
    EXPECT_EQ(run.load.warmup, Nanos::zero());
    EXPECT_EQ(run.machine.cores, static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
    live::LiveControl control;
    const live::LiveMetrics m = live::runLive(s, ModelKind::EventLoop, control);
    EXPECT_EQ(m.issued, 12);
    EXPECT_EQ(m.completed, 12);
}

TEST(LiveCaps, ThreadsPastTheCapWhileRunningAreRefusedWithAReason)
{
    // An open load can only be capped while it runs: 4 threads, 40 requests each waiting 200 ms.
    Scenario s = openLoad(2, 400, 40, {io(constant(ms(200)))});
    s.live.maxThreads = 4;
    s.threads.stackReserved = 256 * KiB;
    ASSERT_FALSE(live::refusal(s, ModelKind::Threads));
    live::LiveControl control;
    const live::LiveMetrics m = live::runLive(s, ModelKind::Threads, control);
    EXPECT_GT(m.refused, 0);
    EXPECT_GE(m.completed, 4);
    EXPECT_EQ(m.completed + m.refused, 40);
    EXPECT_NE(m.note.find("live.max_threads"), std::string::npos) << m.note;
}

} // namespace
} // namespace conviz::test

namespace conviz::test {
namespace {

TEST(LiveCaps, FibersPastTheCapWhileRunningAreRefusedWithAReason)
{
    CONVIZ_SKIP_FIBERS_UNDER_TSAN();
    // Requests of a root and two children: three fibers each, at most six alive.
    Scenario s = openLoad(2, 400, 40, {fanout(2, {io(constant(ms(200)))})});
    s.live.maxFibers = 6;
    ASSERT_FALSE(live::refusal(s, ModelKind::Fibers));
    live::LiveControl control;
    const live::LiveMetrics m = live::runLive(s, ModelKind::Fibers, control);
    EXPECT_GT(m.refused, 0);
    EXPECT_GE(m.completed, 2);
    EXPECT_EQ(m.completed + m.refused, 40);
    EXPECT_LE(m.peakTasks, 6);
    EXPECT_NE(m.note.find("live.max_fibers = 6"), std::string::npos) << m.note;
}

} // namespace
} // namespace conviz::test
