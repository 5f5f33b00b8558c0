// Every issued request is either completed or refused, for every model, load and core count; and
// the trace agrees with the latencies: the time-average number of requests the trace shows in the
// system is λW (Little's law, with L read from the trace's task states rather than from the same
// samples as W) on every run that refused nothing.
#include "tests/engine/model_params.h"
#include "tests/engine/scenarios.h"
#include "tests/engine/time_average.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

struct AccountingCase {
    const char *name;
    std::function<Scenario(int cores)> make;
    bool durationLimited = false; // issues fewer than load.requests
    bool mayRefuse = false;
};

const std::vector<AccountingCase> &accountingCases()
{
    static const std::vector<AccountingCase> cases{
        {"OpenCpu", [](int c) { return openLoad(c, 2000, 1500, {cpu(exponential(300_us))}); }},
        {"OpenOverloaded", [](int c) { return openLoad(c, 20000, 1500, {cpu(exponential(500_us))}); }},
        {"ClosedWithThink",
         [](int c) {
             return closedLoad(c, 40, exponential(2_ms), 1500, {cpu(exponential(200_us)), io(exponential(2_ms))});
         }},
        {"ClosedNoThink", [](int c) { return closedLoad(c, 16, constant(0_ns), 1500, {cpu(constant(100_us))}); }},
        {"Batch",
         [](int c) {
             return batchLoad(c, 800, {cpu(exponential(100_us)), io(constant(5_ms))});
         }},
        {"ConnectionPool",
         [](int c) {
             Scenario s = openLoad(c, 1500, 1500,
                                   {cpu(exponential(100_us)), io(lognormal(5_ms, 20_ms), 0), cpu(exponential(100_us))});
             s.pools = {{"db", 5}};
             return s;
         }},
        {"TwoPools",
         [](int c) {
             Scenario s =
                 openLoad(c, 800, 1000, {io(exponential(2_ms), 0), io(exponential(3_ms), 1), io(exponential(1_ms), 0)});
             s.pools = {{"db", 3}, {"cache", 1}};
             return s;
         }},
        {"Fanout",
         [](int c) {
             return openLoad(c, 200, 400,
                             {cpu(exponential(50_us)), fanout(20, {cpu(exponential(30_us)), io(exponential(2_ms))}),
                              cpu(exponential(50_us))});
         }},
        {"NestedFanout",
         [](int c) {
             return openLoad(
                 c, 100, 200,
                 {fanout(3, {cpu(constant(20_us)), fanout(4, {io(exponential(1_ms)), cpu(constant(10_us))})})});
         }},
        {"Blocking",
         [](int c) {
             return openLoad(c, 1500, 1500,
                             {cpu(exponential(100_us)), blocking(exponential(3_ms)), cpu(exponential(100_us))});
         }},
        {"Offload",
         [](int c) {
             return openLoad(c, 800, 1000,
                             {cpu(exponential(100_us)), cpu(exponential(1_ms), true), io(exponential(1_ms))});
         }},
        {"StackSteps",
         [](int c) {
             return openLoad(
                 c, 1000, 1000,
                 {stack(64 * KiB), cpu(exponential(100_us)), fanout(2, {stack(4 * KiB), io(constant(1_ms))})});
         }},
        {"LongCpuPreempted",
         [](int c) {
             return openLoad(c, 30, 100, {cpu(exponential(25_ms)), io(exponential(5_ms))});
         }},
        {"Warmup",
         [](int c) {
             Scenario s = openLoad(c, 2000, 3000, {cpu(exponential(200_us)), io(exponential(2_ms))});
             s.load.warmup = 500_ms;
             return s;
         }},
        {"OpenDurationLimited",
         [](int c) {
             Scenario s = openLoad(c, 1000, 1'000'000, {cpu(exponential(200_us)), io(exponential(2_ms))});
             s.load.duration = 1_s;
             return s;
         },
         true},
        {"ClosedDurationLimited",
         [](int c) {
             Scenario s =
                 closedLoad(c, 20, exponential(5_ms), 1'000'000, {cpu(exponential(500_us)), io(exponential(5_ms))});
             s.load.duration = 500_ms;
             return s;
         },
         true},
        {"ThreadLimitRefuses",
         [](int c) {
             Scenario s =
                 batchLoad(c, 100, {cpu(constant(20_us)), fanout(3, {io(constant(10_ms))}), io(constant(10_ms))});
             s.threads.maxThreads = 200;
             s.fibers.maxThreads = 200;
             return s;
         },
         false, true},
        {"GoThreadLimitWithBlockingCalls",
         [](int c) {
             // More blocking calls at once than Go may have threads: the runtime waits for an M to free up.
             Scenario s = openLoad(c, 5000, 1500,
                                   {cpu(exponential(50_us)), blocking(exponential(5_ms)), cpu(exponential(50_us))});
             s.fibers.maxThreads = c + 3;
             return s;
         }},
        {"ThreadPoolMode",
         [](int c) {
             Scenario s = openLoad(c, 2000, 1500,
                                   {cpu(exponential(200_us)), blocking(exponential(2_ms)), io(exponential(1_ms))});
             s.threads.mode = ThreadMode::Pool;
             s.threads.poolSize = 8;
             return s;
         }},
        {"WideFanoutOverflowsRunQueues",
         [](int c) {
             // 600 children: more than a P's 256-slot local queue, so half of it spills to the global queue.
             return openLoad(c, 20, 40, {fanout(600, {cpu(exponential(20_us)), io(exponential(1_ms))})});
         }},
        {"ModelCostsRaised",
         [](int c) {
             Scenario s = openLoad(c, 1000, 1000,
                                   {cpu(exponential(200_us)), fanout(5, {cpu(exponential(20_us))}),
                                    io(exponential(1_ms)), blocking(exponential(200_us))});
             s.fibers.wakeupLatency = 5_us;
             s.fibers.gomaxprocs = 2 * c; // more Ps than cores
             s.eventLoop.callbackCost = 3_us;
             s.eventLoop.cpuFactor = 1.5;
             s.threads.timeSlice = 100_us;
             return s;
         }},
        {"PoolModeWithFanoutAndStacks",
         [](int c) {
             Scenario s = openLoad(
                 c, 500, 1000, {stack(100 * KiB), fanout(3, {cpu(exponential(50_us)), blocking(exponential(1_ms))})});
             s.threads.mode = ThreadMode::Pool;
             s.threads.poolSize = 4;
             return s;
         }},
        {"EventLoopCluster",
         [](int c) {
             Scenario s = openLoad(c, 3000, 1500, {cpu(exponential(300_us)), blocking(exponential(1_ms))});
             s.eventLoop.processes = std::min(c, 8);
             s.eventLoop.threadpool = 2;
             return s;
         }},
    };
    return cases;
}

using AccountingParam = std::tuple<std::size_t, ModelKind, int>;

class Accounting : public ::testing::TestWithParam<AccountingParam> {};

TEST_P(Accounting, EveryIssuedRequestIsCompletedOrRefusedAndLittlesLawHolds)
{
    const auto [index, model, cores] = GetParam();
    const AccountingCase &c = accountingCases()[index];
    const Scenario s = c.make(cores);
    RequestsInTrace inTrace(s.load.warmup);
    RunOptions options;
    options.observer = &inTrace;
    const ModelMetrics m = simulate(s, model, options).metrics;

    EXPECT_FALSE(m.cancelled);
    EXPECT_EQ(m.unfinished, 0);
    EXPECT_EQ(m.issued, m.completed + m.refused);
    if (c.durationLimited) {
        EXPECT_GT(m.issued, 0);
        EXPECT_LT(m.issued, s.load.requests);
    } else {
        EXPECT_EQ(m.issued, s.load.kind == LoadKind::Batch ? s.load.count : s.load.requests);
    }
    if (!c.mayRefuse) {
        EXPECT_EQ(m.refused, 0);
    }
    EXPECT_LE(m.measured, m.completed);
    EXPECT_EQ(m.latency.count, m.measured);
    if (s.load.warmup == Nanos::zero() && m.refused == 0) {
        EXPECT_EQ(m.measured, m.completed);
    }
    if (m.completed > 0) {
        EXPECT_GT(m.throughputRps, 0.0);
    }
    EXPECT_GE(m.cpuUtilization, 0.0);
    EXPECT_LE(m.cpuUtilization, 1.0);
    ASSERT_EQ(m.coreUtilization.size(), static_cast<std::size_t>(cores));

    if (m.refused == 0) {
        // Little's law: the time-average number of measured requests the trace shows (root task
        // Created → Done) equals arrival rate × mean latency. Measured requests all arrive and leave
        // inside the window, so on a model whose trace and latencies agree the two sides differ by
        // rounding only; a request that the trace ends before or after its latency does moves L.
        const double inSystem = inTrace.mean(m.windowStart, m.windowEnd);
        const double lambdaW = m.arrivalRate * m.latency.mean / 1e9;
        EXPECT_NEAR(inSystem / lambdaW, 1.0, 1e-6) << "L = " << inSystem << ", λW = " << lambdaW;
    }
}

std::string accountingName(const ::testing::TestParamInfo<AccountingParam> &info)
{
    const auto [index, model, cores] = info.param;
    return std::string(accountingCases()[index].name) + "_" + modelName(model) + "_" + std::to_string(cores) + "Cores";
}

INSTANTIATE_TEST_SUITE_P(Loads, Accounting,
                         ::testing::Combine(::testing::Range<std::size_t>(0, accountingCases().size()),
                                            ::testing::ValuesIn(kAllModels), ::testing::ValuesIn(kCoreCounts)),
                         accountingName);

TEST(Accounting, AThreadLimitRefusesRequestsYetLeavesNothingUnfinished)
{
    const auto &cases = accountingCases();
    const auto it = std::find_if(cases.begin(), cases.end(), [](const AccountingCase &c) {
        return std::string_view(c.name) == "ThreadLimitRefuses";
    });
    ASSERT_NE(it, cases.end());
    const Scenario s = it->make(4);
    const ModelMetrics m = run(s, ModelKind::Threads);
    EXPECT_GT(m.refused, 0);
    EXPECT_GT(m.completed, 0);
    EXPECT_EQ(m.unfinished, 0);
}

} // namespace
} // namespace conviz
