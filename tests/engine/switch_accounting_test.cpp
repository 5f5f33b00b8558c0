// Kernel context switches are charged alike in the three models: a thread that sleeps (blocked in
// a wait, an M parked on a futex or in epoll_wait, the loop thread in epoll_wait, an idle pool
// thread) and wakes pays one switch when it gets a core, even a core that sat idle since it last
// ran there (docs/models.md, "The kernel").
#include "tests/engine/model_params.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

std::vector<Step> chatSteps(DurationDist wait)
{
    return {cpu(constant(100_us)), io(wait), cpu(constant(200_us)), io(wait), cpu(constant(200_us))};
}

TEST(KernelSwitches, AnIdenticalWakeUpPatternCostsEveryModelTheSameSwitches)
{
    // One request at a time on an idle one-core machine: each request wakes a thread three times
    // (it arrives, and twice its network wait ends), and every model's thread sleeps in between.
    // The threads take requests from a pool of one, so that they too wake one thread per arrival.
    Scenario s = closedLoad(1, 1, constant(20_ms), 50, chatSteps(constant(5_ms)));
    s.threads.mode = ThreadMode::Pool;
    s.threads.poolSize = 1;
    const ModelMetrics threads = run(s, ModelKind::Threads);
    EXPECT_EQ(threads.kernelSwitches, 3 * 50);
    EXPECT_EQ(run(s, ModelKind::Fibers).kernelSwitches, threads.kernelSwitches);
    EXPECT_EQ(run(s, ModelKind::EventLoop).kernelSwitches, threads.kernelSwitches);

    // A thread per request wakes two threads per arrival: the accept loop, and the new thread.
    s.threads.mode = ThreadMode::PerRequest;
    EXPECT_EQ(run(s, ModelKind::Threads).kernelSwitches, (2 + 1 + 1) * 50);

    // With two Ps, Go wakes two Ms for a new goroutine: the spinning M that finds it wakes another
    // (proc.go, resetspinning → wakep), which finds nothing and parks again. A network wake-up
    // is one M returning from epoll_wait. The event loop does not change.
    s.machine.cores = 2;
    EXPECT_EQ(run(s, ModelKind::Fibers).kernelSwitches, (2 + 1 + 1) * 50);
    EXPECT_EQ(run(s, ModelKind::EventLoop).kernelSwitches, 3 * 50);
}

TEST(KernelSwitches, ChatConnectionsWakeGoAndNodeThroughTheKernelToo)
{
    // c10k's pattern: 1,500 connections at 5,000 per second on 4 cores, messages seconds apart.
    // Between messages the Ms and the loop thread sleep in epoll_wait, so a message is a wake-up
    // through the kernel in every model, not only for the threads.
    const Scenario s = openLoad(4, 5000.0, 1500, chatSteps(exponential(1_s)));
    const auto perWakeUp = [&](ModelKind m) {
        const ModelMetrics r = run(s, m);
        EXPECT_EQ(r.completed, 1500);
        return static_cast<double>(r.kernelSwitches) / static_cast<double>(3 * r.completed);
    };
    const double threads = perWakeUp(ModelKind::Threads);
    const double fibers = perWakeUp(ModelKind::Fibers);
    const double loop = perWakeUp(ModelKind::EventLoop);
    EXPECT_NEAR(threads, 4.0 / 3.0, 0.05); // an arrival wakes the accept loop and the new thread
    // Go: one or two Ms per wake-up (the spinning M wakes another); the loop: fewer than one,
    // as callbacks that arrive while it runs need no wake-up of their own.
    EXPECT_GE(fibers, 1.0);
    EXPECT_LE(fibers, 2.1);
    EXPECT_GE(loop, 0.5);
    EXPECT_LE(loop, 1.0);
}

TEST(KernelSwitches, ABusyLoopOrMRunsManyCallbacksPerWakeUpWhileEachThreadWakesForItself)
{
    // Under load the loop thread and the Ms rarely sleep: what remains of c10k's claim is that a
    // busy event loop or Go scheduler takes many ready tasks per kernel switch, a thread per
    // request one switch per wake-up.
    const Scenario s = openLoad(1, 1800.0, 3000, chatSteps(exponential(2_ms)));
    const ModelMetrics threads = run(s, ModelKind::Threads);
    const ModelMetrics fibers = run(s, ModelKind::Fibers);
    const ModelMetrics loop = run(s, ModelKind::EventLoop);
    EXPECT_GE(threads.kernelSwitches, 3 * threads.completed);
    EXPECT_LT(fibers.kernelSwitches, threads.kernelSwitches / 3);
    EXPECT_LT(loop.kernelSwitches, threads.kernelSwitches / 3);
}

} // namespace
} // namespace conviz
