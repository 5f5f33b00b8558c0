// The one sweep type (sweep.h): the values a SweepSpec visits, the default sweep of a scenario, and
// planning it into validated points.
#include "engine/scenario/sweep.h"

#include "engine/scenario/parameters.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::scenario;
using namespace conviz::scenario::test;

namespace {

SweepPlan planned(const Scenario &base, const SweepSpec &spec)
{
    auto plan = planSweep(base, spec);
    if (const auto *error = std::get_if<SweepError>(&plan)) {
        ADD_FAILURE() << error->message << (error->diagnostics.empty() ? "" : error->diagnostics.front());
        return {};
    }
    return std::get<SweepPlan>(std::move(plan));
}

} // namespace

TEST(Sweep, ValuesAreSpacedEvenlyOrByRatio)
{
    EXPECT_EQ(sweepValues({"load.rate", 100, 400, 4, false}), (std::vector<double>{100, 200, 300, 400}));
    EXPECT_EQ(sweepValues({"load.rate", 100, 10000, 3, true}), (std::vector<double>{100, 1000, 10000}));
    EXPECT_EQ(sweepValues({"load.rate", 100, 10000, 1, false}), (std::vector<double>{100}));
}

TEST(Sweep, TheDefaultIsTheScenariosOwnElseItsLoadAroundItsValue)
{
    Scenario s = loadValid(std::string(kMinimalRequest) + "[load]\nrate = 400.0\n");
    EXPECT_EQ(defaultSweep(s), (SweepSpec{"load.rate", 100, 800, 8, false}));
    s.load.kind = LoadKind::Closed;
    s.load.clients = 2;
    EXPECT_EQ(defaultSweep(s), (SweepSpec{"load.clients", 1, 4, 8, false}));
    s.sweep = {"machine.cores", 1, 8, 4, true};
    EXPECT_EQ(defaultSweep(s), s.sweep);
    s.sweep.param = "load.rate";
    EXPECT_EQ(defaultSweep(s).param, "load.clients") << "a closed load has no rate to sweep";
}

TEST(Sweep, PlanningValidatesEveryPointAndKeepsRoundedCountsOnce)
{
    const Scenario base = loadValid(kMinimalRequest);
    const SweepPlan plan = planned(base, {"machine.cores", 1, 3, 5, false});
    EXPECT_EQ(plan.values, (std::vector<double>{1, 2, 3}));
    EXPECT_EQ(plan.labels, (std::vector<std::string>{"machine.cores=1", "machine.cores=2", "machine.cores=3"}));
    ASSERT_EQ(plan.points.size(), 3u);
    EXPECT_EQ(plan.points[2].machine.cores, 3);
    EXPECT_EQ(plan.param, "machine.cores");
}

TEST(Sweep, APoolIsSweptByName)
{
    const Scenario base = loadValid("[request]\nsteps = [ { io = \"1ms\", pool = \"db\" } ]\n[pools]\ndb = 4\n");
    const SweepPlan plan = planned(base, {"pools.db", 2, 8, 2, false});
    ASSERT_EQ(plan.points.size(), 2u);
    EXPECT_EQ(plan.points[1].pools.front().size, 8);
}

TEST(Sweep, ADerivedKeyIsSpreadOverTheRequestsSteps)
{
    const Scenario base = loadValid("[request]\nsteps = [ { cpu = \"1ms\" }, { cpu = \"3ms\" } ]\n");
    const SweepPlan plan = planned(base, {"request.cpu", 2'000'000, 8'000'000, 2, false});
    EXPECT_EQ(plan.values, (std::vector<double>{2'000'000, 8'000'000}));
    ASSERT_EQ(plan.points.size(), 2u);
    EXPECT_EQ(plan.points[1].steps[0].duration.mean, Nanos{2'000'000});
    EXPECT_EQ(plan.points[1].steps[1].duration.mean, Nanos{6'000'000});
}

TEST(Sweep, AnUnknownKeyOrAnInvalidPointIsAnError)
{
    const Scenario base = loadValid(kMinimalRequest);
    const auto unknown = planSweep(base, {"load.rat", 1, 2, 2, false});
    ASSERT_TRUE(std::holds_alternative<SweepError>(unknown));
    EXPECT_NE(std::get<SweepError>(unknown).message.find("did you mean `load.rate`?"), std::string::npos);
    const auto outside = planSweep(base, {"machine.cores", 1, 5000, 2, false});
    ASSERT_TRUE(std::holds_alternative<SweepError>(outside));
    EXPECT_FALSE(std::get<SweepError>(outside).diagnostics.empty());
    EXPECT_TRUE(std::holds_alternative<SweepError>(planSweep(base, {"load.rate", 0, 10, 3, true})));
}
