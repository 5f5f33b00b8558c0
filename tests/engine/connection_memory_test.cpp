// memory.per = "connection" (issue 12): each request's root holds its connection's memory instead
// of a bare task's, as resident heap, not stack; fan-out children stay bare tasks; nothing but
// memory changes.
#include "tests/engine/model_params.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

constexpr std::int64_t kRequests = 500;

// 500 requests at t = 0 that all wait 50 ms at once, so the peak holds every one of them.
Scenario waitingBatch(MemoryUnit per, std::vector<Step> steps = {cpu(constant(20_us)), io(constant(50_ms))})
{
    Scenario s = batchLoad(4, kRequests, std::move(steps));
    s.memory.per = per;
    s.fibers.connectionMemory = 13'595;
    s.eventLoop.connectionMemory = 8'780;
    s.threads.connectionMemory = 8'882;
    return s;
}

std::int64_t connectionMemoryOf(const Scenario &s, ModelKind m)
{
    switch (m) {
    case ModelKind::Fibers: return s.fibers.connectionMemory;
    case ModelKind::EventLoop: return s.eventLoop.connectionMemory;
    case ModelKind::Threads: return s.threads.connectionMemory;
    }
    return 0;
}

class ConnectionMemory : public ::testing::TestWithParam<ModelKind> {};

TEST_P(ConnectionMemory, ChoosingConnectionsRaisesPeakResidentByExactlyNTimesConnectionMemory)
{
    const ModelKind m = GetParam();
    Scenario perTask = waitingBatch(MemoryUnit::Task);
    perTask.fibers.taskMemory = perTask.eventLoop.taskMemory = perTask.threads.taskMemory = 0;
    Scenario perConnection = perTask;
    perConnection.memory.per = MemoryUnit::Connection;

    const ModelMetrics a = run(perTask, m);
    const ModelMetrics b = run(perConnection, m);
    ASSERT_EQ(a.peakInFlight, kRequests);
    EXPECT_EQ(b.memory.peakCommitted - a.memory.peakCommitted, kRequests * connectionMemoryOf(perTask, m));
    EXPECT_EQ(b.memory.peakReserved - a.memory.peakReserved, kRequests * connectionMemoryOf(perTask, m));
    // The connection's buffers are heap: the stacks the stack view draws do not change.
    EXPECT_EQ(b.memory.peakStackCommitted, a.memory.peakStackCommitted);
    EXPECT_EQ(b.memory.peakStackReserved, a.memory.peakStackReserved);
    EXPECT_EQ(b.memory.baselineCommitted, a.memory.baselineCommitted);
    // Memory is all it changes.
    EXPECT_EQ(b.latency.p99, a.latency.p99);
    EXPECT_EQ(b.contextSwitches, a.contextSwitches);
}

TEST_P(ConnectionMemory, AConnectionReplacesItsRootsTaskMemoryWhileFanoutChildrenStayBareTasks)
{
    const ModelKind m = GetParam();
    const std::vector<Step> steps{cpu(constant(20_us)), fanout(3, {io(constant(50_ms))}), cpu(constant(20_us))};
    Scenario perTask = waitingBatch(MemoryUnit::Task, steps);
    perTask.fibers.taskMemory = perTask.eventLoop.taskMemory = 700;
    perTask.threads.taskMemory = 300;
    Scenario perConnection = perTask;
    perConnection.memory.per = MemoryUnit::Connection;

    const ModelMetrics a = run(perTask, m);
    const ModelMetrics b = run(perConnection, m);
    ASSERT_EQ(a.peakTasks, kRequests * 4);
    // Goroutines and promises: the root's task memory becomes a connection's. A thread's own
    // task_memory (kernel structures) goes with the thread, so a connection adds to it.
    const std::int64_t rootTaskMemory = m == ModelKind::Threads ? 0 : 700;
    EXPECT_EQ(b.memory.peakCommitted - a.memory.peakCommitted,
              kRequests * (connectionMemoryOf(perTask, m) - rootTaskMemory));
}

TEST(ConnectionMemory, AThreadPoolsQueuedConnectionsHoldTheirMemoryBeforeAThreadServesThem)
{
    Scenario perTask = waitingBatch(MemoryUnit::Task);
    perTask.threads.mode = ThreadMode::Pool;
    perTask.threads.poolSize = 10;
    Scenario perConnection = perTask;
    perConnection.memory.per = MemoryUnit::Connection;
    const ModelMetrics a = run(perTask, ModelKind::Threads);
    const ModelMetrics b = run(perConnection, ModelKind::Threads);
    EXPECT_EQ(a.peakThreads, 10);
    EXPECT_EQ(b.memory.peakCommitted - a.memory.peakCommitted, kRequests * perTask.threads.connectionMemory);
}

TEST(ConnectionMemory, ARefusedConnectionHoldsNoMemory)
{
    Scenario s = waitingBatch(MemoryUnit::Connection);
    s.threads.maxThreads = 100;
    Scenario perTask = s;
    perTask.memory.per = MemoryUnit::Task;
    const ModelMetrics a = run(perTask, ModelKind::Threads);
    const ModelMetrics b = run(s, ModelKind::Threads);
    ASSERT_EQ(b.refused, kRequests - 99); // the main thread is the 100th
    EXPECT_EQ(b.memory.peakCommitted - a.memory.peakCommitted, 99 * s.threads.connectionMemory);
}

INSTANTIATE_TEST_SUITE_P(EveryModel, ConnectionMemory, ::testing::ValuesIn(kAllModels),
                         [](const ::testing::TestParamInfo<ModelKind> &param) { return modelName(param.param); });

} // namespace
} // namespace conviz
