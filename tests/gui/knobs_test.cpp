#include "gui/core/knobs.h"
#include "gui/core/scenario_edit.h"
#include "gui/core/sweep.h"

#include "engine/scenario/parameters.h"
#include "test_scenarios.h"

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

TEST(Knobs, EveryKnobReadsBackWhatItWrites)
{
    const Scenario base = test::smallWebScenario();
    for (const Knob &k : knobsFor(base)) {
        const double v = k.min > 0 ? std::min(k.max, k.min * 3) : std::min(k.max, 7.0);
        Scenario s = base;
        k.set(s, v);
        EXPECT_NEAR(k.get(s), v, std::max(1.0, v * 1e-6)) << k.id.toStdString();
        EXPECT_FALSE(k.tooltip.isEmpty()) << k.id.toStdString();
        EXPECT_FALSE(k.group.isEmpty());
    }
}

TEST(Knobs, EveryKnobIsARegistryParameterWithinItsRange)
{
    const Scenario s = test::smallWebScenario();
    for (const Knob &k : knobsFor(s)) {
        const std::string id = k.id.toStdString();
        const auto info = scenario::findParameter(id);
        ASSERT_TRUE(info.has_value()) << id;
        EXPECT_TRUE(scenario::parameterApplies(id, s)) << id;
        EXPECT_EQ(k.label.toStdString(), info->label) << id;
        EXPECT_EQ(k.tooltip.toStdString(), info->description) << id;
        EXPECT_EQ(k.kind, info->kind) << id;
        // The slider never offers a value the scenario loader would refuse.
        EXPECT_GE(k.min, info->min) << id;
        EXPECT_LE(k.max, info->max) << id;
        if (info->minExclusive) {
            EXPECT_GT(k.min, info->min) << id;
        }
    }
}

TEST(Knobs, APoolKnobIsNamedByThePoolsName)
{
    Scenario s = test::smallWebScenario();
    const auto knobs = knobsFor(s);
    const Knob *db = findKnob(knobs, QStringLiteral("pools.db"));
    ASSERT_NE(db, nullptr);
    EXPECT_EQ(db->label, QStringLiteral("“db” connections"));
    EXPECT_EQ(db->get(s), 8);
    db->set(s, 12);
    EXPECT_EQ(s.pools.front().size, 12);
}

TEST(Knobs, RequestTimesAreShownInTheUnitThatSuitsThem)
{
    Scenario s = test::smallWebScenario();
    const auto knobs = knobsFor(s);
    const Knob *cpu = findKnob(knobs, QStringLiteral("request.cpu"));
    const Knob *io = findKnob(knobs, QStringLiteral("request.io"));
    ASSERT_TRUE(cpu && io);
    EXPECT_EQ(cpu->suffix, QStringLiteral(" µs"));
    EXPECT_DOUBLE_EQ(cpu->displayValue(s), 400);
    EXPECT_EQ(io->suffix, QStringLiteral(" ms"));
    EXPECT_DOUBLE_EQ(io->displayValue(s), 2);
    EXPECT_EQ(findKnob(knobs, QStringLiteral("request.blocking")), nullptr) << "the request has no blocking step";
}

TEST(Knobs, TheLoadKindDecidesTheLoadKnobs)
{
    Scenario s = test::smallWebScenario();
    EXPECT_NE(findKnob(knobsFor(s), QStringLiteral("load.rate")), nullptr);
    s.load.kind = LoadKind::Closed;
    EXPECT_EQ(findKnob(knobsFor(s), QStringLiteral("load.rate")), nullptr);
    EXPECT_NE(findKnob(knobsFor(s), QStringLiteral("load.clients")), nullptr);
}

TEST(ScenarioEdit, AnInvalidValueIsRefusedWithTheLoadersMessage)
{
    const Scenario s = test::smallWebScenario();
    const auto knobs = knobsFor(s);
    const Knob *cores = findKnob(knobs, QStringLiteral("machine.cores"));
    ASSERT_NE(cores, nullptr);
    EXPECT_TRUE(withKnob(s, *cores, 8).scenario.has_value());
    const Validated bad = withKnob(s, *cores, 0);
    EXPECT_FALSE(bad.scenario.has_value());
    EXPECT_FALSE(bad.error.isEmpty());
}

TEST(SweepSnapshot, APlannedSweepIsLabelledWithTheKnobsNameAndDisplayUnit)
{
    const Scenario base = test::smallWebScenario();
    auto planned = scenario::planSweep(base, {"request.io", 1e6, 4e6, 4, false});
    ASSERT_TRUE(std::holds_alternative<scenario::SweepPlan>(planned));
    const auto &plan = std::get<scenario::SweepPlan>(planned);
    const SweepResults results(plan.points.size(), std::vector<ModelMetrics>(3));
    const SweepSnapshot snap = sweepSnapshot(plan, results);
    EXPECT_EQ(snap.label, QStringLiteral("Network wait per request (ms)"));
    EXPECT_EQ(snap.knobLabel, QStringLiteral("network wait per request"));
    EXPECT_EQ(snap.xs, (std::vector<double>{1, 2, 3, 4})) << "display units of the base scenario's knob";
    EXPECT_EQ(snap.points.size(), 4u);
    EXPECT_EQ(snap.spec.param, "request.io");
}

TEST(SweepSnapshot, AKeyThatIsNoKnobIsShownAsTheKey)
{
    const Scenario base = test::smallWebScenario();
    auto planned = scenario::planSweep(base, {"fibers.local_queue", 64, 256, 2, false});
    ASSERT_TRUE(std::holds_alternative<scenario::SweepPlan>(planned));
    const auto &plan = std::get<scenario::SweepPlan>(planned);
    const SweepSnapshot snap = sweepSnapshot(plan, SweepResults(plan.points.size(), std::vector<ModelMetrics>(3)));
    EXPECT_EQ(snap.label, QStringLiteral("fibers.local_queue"));
    EXPECT_EQ(snap.xs, (std::vector<double>{64, 256}));
}
