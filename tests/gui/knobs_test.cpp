#include "gui/core/knobs.h"
#include "gui/core/scenario_edit.h"
#include "gui/core/simulation_controller.h"
#include "gui/core/sweep.h"
#include "gui/widgets/parameter_panel.h"

#include "engine/scenario/parameters.h"
#include "test_scenarios.h"

#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSlider>

#include <gtest/gtest.h>

#include <cmath>

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

namespace {

// Every knob of a few scenarios: open load, closed load, a pool, fibers, threads in pool mode.
std::vector<Knob> someKnobs()
{
    std::vector<Knob> out;
    Scenario open = test::smallWebScenario();
    Scenario closed = open;
    closed.load.kind = LoadKind::Closed;
    closed.threads.mode = ThreadMode::Pool;
    Scenario connections = open;
    connections.memory.per = MemoryUnit::Connection;
    for (const Scenario &s : {open, closed, connections})
        for (Knob &k : knobsFor(s))
            out.push_back(std::move(k));
    return out;
}

} // namespace

// A request's heap allocation is always a slider; the collectors' own only once it is above 0,
// since with nothing allocated they change nothing.
TEST(Knobs, CollectorKnobsAppearOnlyWhenRequestsAllocate)
{
    Scenario s = test::smallWebScenario();
    ASSERT_NE(findKnob(knobsFor(s), QStringLiteral("request.alloc")), nullptr);
    const char *keys[] = {"fibers.gogc", "event_loop.gc_scavenge_pause"};
    for (const char *key : keys)
        EXPECT_EQ(findKnob(knobsFor(s), QString::fromLatin1(key)), nullptr) << key;
    s.alloc = 64 * KiB;
    const std::vector<Knob> knobs = knobsFor(s);
    ASSERT_NE(findKnob(knobs, QStringLiteral("fibers.gogc")), nullptr);
    EXPECT_EQ(findKnob(knobs, QStringLiteral("fibers.gogc"))->get(s), 100.0);
    ASSERT_NE(findKnob(knobs, QStringLiteral("event_loop.gc_scavenge_pause")), nullptr);
    EXPECT_EQ(findKnob(knobs, QStringLiteral("request.alloc"))->get(s), static_cast<double>(64 * KiB));
}

// The memory of a connection is a slider only where a scenario counts connections (memory.per).
TEST(Knobs, ConnectionMemoryHasASliderPerModelOnlyWhenTheScenarioCountsConnections)
{
    Scenario s = test::smallWebScenario();
    const char *keys[] = {"fibers.connection_memory", "event_loop.connection_memory", "threads.connection_memory"};
    for (const char *key : keys)
        EXPECT_EQ(findKnob(knobsFor(s), QString::fromLatin1(key)), nullptr) << key;
    s.memory.per = MemoryUnit::Connection;
    const std::vector<Knob> knobs = knobsFor(s);
    const std::int64_t values[] = {s.fibers.connectionMemory, s.eventLoop.connectionMemory, s.threads.connectionMemory};
    for (std::size_t i = 0; i < std::size(keys); ++i) {
        const Knob *k = findKnob(knobs, QString::fromLatin1(keys[i]));
        ASSERT_NE(k, nullptr) << keys[i];
        EXPECT_EQ(k->get(s), static_cast<double>(values[i])) << keys[i];
    }
}

// Dragging or pressing an arrow key puts a position's value into the scenario; the panel then puts
// the slider where that value reads back. Both must land on the same position, or a key press
// would be undone (the old mapping, 1,000 positions over up to six decades rounded to whole
// numbers, sent "load.clients" from position 141 back to 140: → did nothing there).
TEST(Knobs, EverySliderPositionIsADistinctValueThatReadsBackToItsPosition)
{
    const Scenario base = test::smallWebScenario();
    for (const Knob &k : someKnobs()) {
        const std::string id = k.id.toStdString();
        ASSERT_GT(k.sliderSteps(), 10) << id;
        EXPECT_EQ(k.sliderValue(0), k.min) << id;
        EXPECT_EQ(k.sliderValue(k.sliderSteps()), k.max) << id;
        for (int p = 0; p <= k.sliderSteps(); ++p) {
            const double v = k.sliderValue(p);
            if (p > 0) {
                ASSERT_GT(v, k.sliderValue(p - 1)) << id << " at " << p;
            }
            Scenario s = base;
            s.load.kind = k.id.startsWith(QStringLiteral("load.clients")) || k.id == QStringLiteral("load.think")
                              ? LoadKind::Closed
                              : base.load.kind;
            k.set(s, v);
            ASSERT_EQ(k.get(s), v) << id << " at " << p << ": a slider value the scenario cannot hold";
            ASSERT_EQ(k.sliderPosition(k.get(s)), p) << id << " value " << v;
        }
    }
}

// A value from a file or typed in a spin box, anywhere in range, puts the slider on a position
// whose value is within one step of it.
TEST(Knobs, AnyValueSitsWithinOneStepOfItsSliderPosition)
{
    for (const Knob &k : someKnobs()) {
        const double lo = k.min > 0 ? k.min : 1;
        for (double f = 0; f <= 1.0; f += 0.0137) {
            double v = k.logScale ? lo * std::pow(k.max / lo, f) : k.min + (k.max - k.min) * f;
            if (k.kind != scenario::ParameterKind::Real)
                v = std::round(v);
            v = std::clamp(v, k.min, k.max);
            const int p = k.sliderPosition(v);
            const double below = k.sliderValue(std::max(p - 1, 0)), above = k.sliderValue(p + 1);
            EXPECT_LE(below, v) << k.id.toStdString() << " " << v;
            EXPECT_GE(above, v) << k.id.toStdString() << " " << v;
        }
    }
}

// Rates, counts and durations span decades: a slider moves them by equal ratios, ~1 % a position
// (a hundred positions per ×2.7), so a drag from 2 to 20 req/s is as long as one from 2,000 to
// 20,000 and no short drag leaps a decade.
TEST(Knobs, RatesCountsAndDurationsMoveInEqualRatios)
{
    const auto knobs = knobsFor(test::smallWebScenario());
    for (const char *id : {"load.rate", "load.requests", "request.cpu", "request.io", "pools.db"}) {
        const Knob *k = findKnob(knobs, QString::fromLatin1(id));
        ASSERT_NE(k, nullptr) << id;
        EXPECT_TRUE(k->logScale) << id;
    }
    const Knob &rate = *findKnob(knobs, QStringLiteral("load.rate"));
    const int low = rate.sliderPosition(20) - rate.sliderPosition(2);
    const int high = rate.sliderPosition(20000) - rate.sliderPosition(2000);
    EXPECT_NEAR(low, high, 2);
    EXPECT_GE(high, 200) << "a decade takes at least 200 positions";
    // Above 100 req/s every position is a step of at most 2 % (1 %, rounded to three significant
    // digits: 110 → 112), so no key press or pixel jumps further than that.
    for (int p = rate.sliderPosition(100); p < rate.sliderSteps(); ++p)
        ASSERT_LE(rate.sliderValue(p + 1) / rate.sliderValue(p), 1.02) << rate.sliderValue(p);
}

// The panel: a typed value goes into the scenario as typed (not snapped to a slider position), and
// the slider then shows it at its nearest position.
TEST(ParameterPanel, ATypedValueIsKeptExactlyAndTheSliderFollows)
{
    SimulationController controller;
    controller.setScenario(test::smallWebScenario(50), QString());
    ParameterPanel panel(controller);
    QSlider *slider = panel.sliderFor(QStringLiteral("load.rate"));
    ASSERT_NE(slider, nullptr);
    auto *spin = slider->parentWidget()->findChildren<QDoubleSpinBox *>().at(0);
    for (QDoubleSpinBox *s : slider->parentWidget()->findChildren<QDoubleSpinBox *>())
        if (s->suffix() == QStringLiteral(" req/s"))
            spin = s;
    spin->setValue(1234);
    EXPECT_EQ(controller.scenario().load.rate, 1234);
    const Knob *rate = findKnob(controller.knobs(), QStringLiteral("load.rate"));
    EXPECT_EQ(slider->value(), rate->sliderPosition(1234));
    EXPECT_EQ(slider->maximum(), rate->sliderSteps());
    // One arrow-key step up from there: the next position's value, ~1 % more.
    slider->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    EXPECT_EQ(controller.scenario().load.rate, rate->sliderValue(rate->sliderPosition(1234) + 1));
    EXPECT_GT(controller.scenario().load.rate, 1234);
    EXPECT_LT(controller.scenario().load.rate, 1234 * 1.02);
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

TEST(Knobs, TheIdsAloneAreThoseOfTheKnobsInOrder)
{
    Scenario pool = test::smallWebScenario();
    pool.threads.mode = ThreadMode::Pool;
    Scenario batch = test::batchWaitScenario(100);
    for (const Scenario &s : {test::smallWebScenario(), pool, batch}) {
        std::vector<QString> ids;
        for (const Knob &k : knobsFor(s))
            ids.push_back(k.id);
        EXPECT_EQ(knobIdsFor(s), ids);
    }
    EXPECT_NE(knobIdsFor(test::smallWebScenario()), knobIdsFor(batch)); // a closed load has other knobs
}

// What a request holds (memory.per): a bare task, or an idle connection with its buffers; choosing
// connections brings the three models' connection sizes in as knobs.
TEST(ParameterPanel, TheMemoryChoiceCountsConnectionsAndBringsTheirKnobs)
{
    SimulationController controller;
    controller.setScenario(test::smallWebScenario(50), QString());
    ParameterPanel panel(controller);
    auto *per = panel.findChild<QComboBox *>(QStringLiteral("choice:memory.per"));
    ASSERT_NE(per, nullptr);
    EXPECT_EQ(per->currentData().toString(), QStringLiteral("task"));
    EXPECT_EQ(panel.sliderFor(QStringLiteral("fibers.connection_memory")), nullptr);
    per->setCurrentIndex(per->findData(QStringLiteral("connection")));
    QApplication::processEvents();
    QApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the panel's old body
    EXPECT_EQ(conviz::scenario::choiceValue("memory.per", controller.scenario()), std::string("connection"));
    EXPECT_TRUE(controller.isModified());
    for (const char *key : {"fibers.connection_memory", "event_loop.connection_memory", "threads.connection_memory"})
        EXPECT_NE(panel.sliderFor(QString::fromUtf8(key)), nullptr) << key;
    auto *again = panel.findChild<QComboBox *>(QStringLiteral("choice:memory.per"));
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->currentData().toString(), QStringLiteral("connection")) << "the rebuilt panel shows the choice";
}
