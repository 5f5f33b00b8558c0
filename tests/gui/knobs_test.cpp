#include "gui/core/knobs.h"
#include "gui/core/scenario_edit.h"
#include "gui/core/sweep.h"

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

TEST(Knobs, CpuPerRequestScalesEveryCpuStepKeepingProportions)
{
    Scenario s = test::smallWebScenario();
    s.steps[2].duration.mean = Nanos{600'000};
    const auto knobs = knobsFor(s);
    const Knob *cpu = findKnob(knobs, QStringLiteral("request.cpu"));
    ASSERT_NE(cpu, nullptr);
    EXPECT_DOUBLE_EQ(cpu->get(s), 800'000);
    cpu->set(s, 400'000);
    EXPECT_EQ(s.steps[0].duration.mean.count(), 100'000);
    EXPECT_EQ(s.steps[2].duration.mean.count(), 300'000);
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

TEST(Sweep, ValuesAreSpacedEvenlyOrByRatio)
{
    const Scenario s = test::smallWebScenario();
    const auto knobs = knobsFor(s);
    const Knob *rate = findKnob(knobs, QStringLiteral("load.rate"));
    ASSERT_NE(rate, nullptr);
    EXPECT_EQ(sweepValues({QStringLiteral("load.rate"), 100, 400, 4, false}, *rate),
              (std::vector<double>{100, 200, 300, 400}));
    EXPECT_EQ(sweepValues({QStringLiteral("load.rate"), 100, 10000, 3, true}, *rate),
              (std::vector<double>{100, 1000, 10000}));
}
