// Caps: a run that would exceed one is refused before it starts, naming the cap and the --set that
// raises it; a cap reached while running refuses requests and says why.
#include "engine/live/live_run.h"
#include "tests/engine/scenarios.h"
#include "tests/live/live_support.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
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

std::int64_t memAvailable()
{
    std::ifstream meminfo("/proc/meminfo");
    for (std::string key; meminfo >> key;) {
        std::int64_t kib = 0;
        if (key == "MemAvailable:" && meminfo >> kib)
            return kib * 1024;
        meminfo.ignore(1 << 10, '\n');
    }
    return 0;
}

TEST(LiveCaps, TheMemoryEstimateIsEachTasksStackAndHeapTimesThePeakTasksPlusThreadsAndBaseline)
{
    // 200 clients, requests of a root and two children, a 20 KiB stack step.
    Scenario s = closedLoad(2, 200, constant(ms(1)), 1000, {fanout(2, {io(constant(ms(1)))}), stack(20 * KiB)});
    s.fibers.gomaxprocs = 1;
    const live::MemoryEstimate f = live::memoryEstimate(s, ModelKind::Fibers);
    EXPECT_EQ(f.tasks, 600);
    EXPECT_EQ(f.perTaskBytes, 20 * KiB + s.fibers.taskMemory); // the deepest stack step, in pages
    EXPECT_EQ(f.threads, 1);
    EXPECT_EQ(f.threadBytes, s.fibers.threadStackCommitted);
    EXPECT_GT(f.baselineBytes, 0); // this process's resident memory
    EXPECT_EQ(f.totalBytes(), 600 * f.perTaskBytes + f.threadBytes + f.baselineBytes);

    const live::MemoryEstimate t = live::memoryEstimate(s, ModelKind::Threads);
    EXPECT_EQ(t.tasks, 600);
    EXPECT_EQ(t.perTaskBytes, 20 * KiB + s.threads.taskMemory); // deeper than threads.stack_touched
    const live::MemoryEstimate l = live::memoryEstimate(s, ModelKind::EventLoop);
    EXPECT_EQ(l.perTaskBytes, s.eventLoop.taskMemory); // a callback chain has no stack of its own
    EXPECT_EQ(l.threads, s.eventLoop.processes * (1 + s.eventLoop.threadpool));

    // An open load may have every request in flight, as far as the live caps let it.
    Scenario open = openLoad(2, 1000, 5000, {io(constant(ms(1)))});
    EXPECT_EQ(live::memoryEstimate(open, ModelKind::Fibers).tasks, 5000);
    EXPECT_EQ(live::memoryEstimate(open, ModelKind::Fibers).perTaskBytes, 4 * KiB + s.fibers.taskMemory);
    open.live.maxFibers = 300;
    EXPECT_EQ(live::memoryEstimate(open, ModelKind::Fibers).tasks, 300);
    EXPECT_EQ(live::memoryEstimate(open, ModelKind::Threads).tasks, 2000); // live.max_threads
}

TEST(LiveCaps, ARunOverLiveMaxMemoryIsRefusedAndTheSetItNamesLetsItRun)
{
    Scenario s = batchLoad(2, 50'000, {stack(60 * KiB)});
    s.live.fiberStack = 128 * KiB;
    s.live.maxMemory = GiB;
    const auto why = live::refusal(s, ModelKind::Fibers);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("live.max_memory = 1.0 GiB"), std::string::npos) << *why;
    EXPECT_NE(why->find("50000 fibers"), std::string::npos) << *why;
    // The estimate is named, and the --set that raises the cap above it.
    const live::MemoryEstimate e = live::memoryEstimate(s, ModelKind::Fibers);
    const auto at = why->find("--set live.max_memory=");
    ASSERT_NE(at, std::string::npos) << *why;
    std::int64_t mib = 0;
    ASSERT_EQ(std::sscanf(why->c_str() + at, "--set live.max_memory=%ldMiB", &mib), 1) << *why;
    EXPECT_GE(mib * MiB, e.totalBytes());
    s.live.maxMemory = mib * MiB;
    EXPECT_FALSE(live::refusal(s, ModelKind::Fibers));
}

TEST(LiveCaps, LiveMaxMemoryZeroIsAQuarterOfMemAvailable)
{
    const std::int64_t available = memAvailable();
    if (available == 0)
        GTEST_SKIP() << "no MemAvailable in /proc/meminfo";
    Scenario s = batchLoad(2, 10, {io(constant(ms(1)))});
    ASSERT_EQ(s.live.maxMemory, 0);
    const std::int64_t cap = live::memoryCap(s);
    EXPECT_NEAR(static_cast<double>(cap), static_cast<double>(available / 4), 0.05 * static_cast<double>(available));
    EXPECT_FALSE(live::refusal(s, ModelKind::EventLoop));
    // Pending callbacks of 1 GiB each: one more of them than a quarter of MemAvailable holds.
    s.eventLoop.taskMemory = GiB;
    s.load.count = cap / GiB + 1;
    const auto why = live::refusal(s, ModelKind::EventLoop);
    ASSERT_TRUE(why);
    EXPECT_NE(why->find("(a quarter of MemAvailable)"), std::string::npos) << *why;
    EXPECT_NE(why->find("--set live.max_memory="), std::string::npos) << *why;
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
