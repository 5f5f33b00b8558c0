// The parts Runtime is built from, driven alone: the task table, the connection pools, the memory
// ledger, the metrics collector and the load driver. Expected values are worked out by hand.
#include "engine/connection_pools.h"
#include "engine/load_driver.h"
#include "engine/memory_ledger.h"
#include "engine/metrics_collector.h"
#include "engine/task_table.h"
#include "scenarios.h"

#include <gtest/gtest.h>

#include <vector>

namespace conviz {
namespace {

TEST(TaskTable, ARetiredSlotIsReusedButItsTaskGetsANewSerial)
{
    TaskTable table;
    const std::uint32_t r = table.openRequest(7, Nanos{0}, -1, true);
    const TaskId a = table.createTask(r, kNoTask, Program{0, 3}, Nanos{5});
    const TaskId b = table.createTask(r, a, Program{3, 4}, Nanos{5});
    EXPECT_EQ(table.liveTasks(), 2);
    EXPECT_EQ(table.parentSerial(a), 0u);
    EXPECT_EQ(table.parentSerial(b), table.task(a).serial);
    EXPECT_EQ(table.requestSerial(b), 7u);

    const std::uint64_t oldSerial = table.task(b).serial;
    table.retireTask(b);
    EXPECT_FALSE(table.task(b).alive);
    const TaskId c = table.createTask(r, a, Program{3, 4}, Nanos{9});
    EXPECT_EQ(c, b);
    EXPECT_NE(table.task(c).serial, oldSerial);
    EXPECT_EQ(table.task(c).readyAt, Nanos{9});
    EXPECT_EQ(table.liveTasks(), 2);
    EXPECT_EQ(table.peakTasks(), 2);
}

TEST(TaskTable, AClosedRequestSlotIsReopenedWithFreshFields)
{
    TaskTable table;
    const std::uint32_t first = table.openRequest(0, Nanos{0}, 3, false);
    table.request(first).failed = true;
    table.closeRequest(first);
    const std::uint32_t second = table.openRequest(1, Nanos{10}, -1, true);
    EXPECT_EQ(second, first);
    EXPECT_EQ(table.request(second).index, 1u);
    EXPECT_EQ(table.request(second).client, -1);
    EXPECT_FALSE(table.request(second).failed);
    EXPECT_TRUE(table.request(second).measured);
}

TEST(ConnectionPools, AReleasedConnectionGoesToTheOldestWaiterFirst)
{
    Scenario s;
    s.pools = {Pool{"db", 1}};
    ConnectionPools pools(s);
    EXPECT_TRUE(pools.acquire(0, 10));
    EXPECT_FALSE(pools.acquire(0, 11));
    EXPECT_FALSE(pools.acquire(0, 12));
    EXPECT_EQ(pools.waiting(0), 2);
    EXPECT_EQ(pools.release(0), 11u);
    EXPECT_EQ(pools.release(0), 12u);
    EXPECT_EQ(pools.release(0), kNoTask);
    // The connection is free again: the next task takes it at once, the one after waits.
    EXPECT_TRUE(pools.acquire(0, 13));
    EXPECT_FALSE(pools.acquire(0, 14));
}

TEST(MemoryLedger, PeaksAreOfTheSumsNotOfTheSumOfPeaks)
{
    MemoryLedger ledger;
    ledger.addOther(100);
    ledger.markBaseline();
    ledger.addStack(1000, 10); // reserved 1100, committed 110
    ledger.addStack(-1000, -10);
    ledger.addOther(500); // reserved 600, committed 600
    const MemorySummary &m = ledger.summary();
    EXPECT_EQ(m.baselineCommitted, 100);
    EXPECT_EQ(m.peakReserved, 1100);
    EXPECT_EQ(m.peakCommitted, 600);
    EXPECT_EQ(m.peakStackReserved, 1000);
    EXPECT_EQ(m.peakStackCommitted, 10);
    EXPECT_EQ(ledger.stackReserved(), 0);
    EXPECT_EQ(ledger.otherCommitted(), 600);
}

TEST(MetricsCollector, TheWindowRunsFromWarmupToTheLastMeasuredDeparture)
{
    // Two measured requests: [1 s, 3 s] and [2 s, 5 s], one refused [2 s, 4 s]. Warm-up ends at 1 s.
    const Scenario s = test::batchLoad(1, 0, {});
    Simulation sim;
    KernelScheduler kernel(sim, 1, Nanos{1'000'000}, Nanos{}, Nanos{}, nullptr);
    struct NoSink final : RequestSink {
        void issueRequest(std::uint64_t, std::int32_t) override {}
    } sink;
    LoadDriver load(s, sim, sink);
    TaskTable tasks;
    MemoryLedger memory;
    ModelCounters counters;
    counters.steals = 4;

    const Nanos sec{1'000'000'000};
    MetricsCollector c(sec);
    EXPECT_FALSE(c.measures(Nanos{999'999'999}));
    c.arrived(1 * sec);
    c.arrived(2 * sec);
    c.arrived(2 * sec);
    c.departed(1 * sec, 3 * sec, false);
    c.departed(2 * sec, 4 * sec, true);
    c.departed(2 * sec, 5 * sec, false);
    c.scheduled(Nanos{500}, Nanos{900}); // ready during warm-up: not a sample
    c.scheduled(2 * sec, 2 * sec + Nanos{700});

    const ModelMetrics m = c.collect({.model = ModelKind::Threads,
                                      .cancelled = false,
                                      .events = 42,
                                      .load = load,
                                      .tasks = tasks,
                                      .memory = memory,
                                      .kernel = kernel,
                                      .counters = counters});
    EXPECT_EQ(m.windowStart, 1 * sec);
    EXPECT_EQ(m.windowEnd, 5 * sec);
    EXPECT_EQ(m.measured, 2);
    EXPECT_DOUBLE_EQ(m.throughputRps, 0.5);
    EXPECT_DOUBLE_EQ(m.arrivalRate, 0.75);
    // In the system: 1 over [1,2), 3 over [2,3), 2 over [3,4), 1 over [4,5): 7 request·s over 4 s.
    EXPECT_DOUBLE_EQ(m.meanInSystem, 7.0 / 4.0);
    EXPECT_DOUBLE_EQ(m.latency.mean, 2.5e9);
    EXPECT_EQ(m.schedulingDelay.count, 1);
    EXPECT_DOUBLE_EQ(m.schedulingDelay.max, 700);
    EXPECT_EQ(m.steals, 4);
    EXPECT_EQ(m.events, 42);
    EXPECT_EQ(m.model, ModelKind::Threads);
}

// Records what the driver issues, and when.
struct Issued final : RequestSink {
    explicit Issued(const Simulation &sim) : m_sim(sim) {}
    void issueRequest(std::uint64_t index, std::int32_t client) override
    {
        calls.push_back({m_sim.now(), index, client});
    }
    struct Call {
        Nanos at;
        std::uint64_t index;
        std::int32_t client;
        bool operator==(const Call &) const = default;
    };
    std::vector<Call> calls;

private:
    const Simulation &m_sim;
};

TEST(LoadDriver, ABatchIsIssuedWholeAtTimeZero)
{
    const Scenario s = test::batchLoad(1, 3, {test::cpu(test::constant(Nanos{1}))});
    Simulation sim;
    Issued sink(sim);
    LoadDriver load(s, sim, sink);
    load.start();
    EXPECT_EQ(sink.calls, (std::vector<Issued::Call>{{Nanos{}, 0, -1}, {Nanos{}, 1, -1}, {Nanos{}, 2, -1}}));
    EXPECT_EQ(load.inFlight(), 3);
    EXPECT_TRUE(sim.empty());
}

TEST(LoadDriver, AClosedClientSendsItsNextRequestAfterItsThinkTime)
{
    const Scenario s = test::closedLoad(1, 2, test::constant(Nanos{50}), 3, {test::cpu(test::constant(Nanos{1}))});
    Simulation sim;
    Issued sink(sim);
    LoadDriver load(s, sim, sink);
    load.start();
    ASSERT_EQ(sink.calls.size(), 2u);
    sim.runUntil(Nanos{10});
    load.requestEnded(1, 1, false);
    sim.run();
    ASSERT_EQ(sink.calls.size(), 3u);
    EXPECT_EQ(sink.calls[2], (Issued::Call{Nanos{60}, 2, 1}));
    // Every request has been issued: an ending request schedules nothing more.
    load.requestEnded(0, 0, true);
    EXPECT_TRUE(sim.empty());
    EXPECT_EQ(load.completed(), 1);
    EXPECT_EQ(load.refused(), 1);
    EXPECT_EQ(load.peakInFlight(), 2);
}

} // namespace
} // namespace conviz
