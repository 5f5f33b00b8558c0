// A slider drag through the SimulationController: untraced previews while the value moves, the
// traced result after, never a result of an older value after one of a newer. No timing asserts:
// the checks hold however fast the worker is.
#include "gui/app/main_window.h"
#include "gui/charts/chart_widget.h"
#include "gui/core/chart_data.h"
#include "gui/core/knobs.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/parameter_panel.h"

#include "test_scenarios.h"

#include <QApplication>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

using namespace conviz;
using namespace conviz::gui;

Q_DECLARE_METATYPE(std::shared_ptr<const conviz::gui::RunSnapshot>)

namespace {

// Every result the views were given, in order: preview or traced, and its arrival rate.
struct Delivery {
    bool traced = false;
    double rate = 0;
    std::shared_ptr<const RunSnapshot> snapshot;
};

struct DeliveryLog {
    explicit DeliveryLog(SimulationController &c)
    {
        QObject::connect(&c, &SimulationController::previewAvailable, [this](std::shared_ptr<const RunSnapshot> s) {
            seen.push_back({false, s->scenario.load.rate, s});
        });
        QObject::connect(&c, &SimulationController::resultAvailable, [this](std::shared_ptr<const RunSnapshot> s) {
            seen.push_back({true, s->scenario.load.rate, s});
        });
    }
    std::vector<Delivery> seen;
};

// A controller showing the small web scenario's traced result.
void loaded(SimulationController &c)
{
    c.setAutoSweep(false);
    QSignalSpy spy(&c, &SimulationController::resultAvailable);
    c.setScenario(test::smallWebScenario(), QString());
    ASSERT_TRUE(spy.wait(20000));
}

// Waits until the controller's traced result is of its current scenario and nothing runs.
void settle(SimulationController &c)
{
    QTRY_VERIFY_WITH_TIMEOUT(!c.isRunning() && c.latest() && c.latest()->scenario == c.scenario(), 30000);
}

// `w` shown with the small web scenario's traced result; false if none came.
bool showsSmallWeb(MainWindow &w)
{
    w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w.controller().setAutoSweep(false);
    w.show();
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    w.controller().setScenario(test::smallWebScenario(), QString());
    return result.wait(20000);
}

} // namespace

TEST(ControllerDrag, OneEditGivesItsUntracedResultThenItsTracedOne)
{
    SimulationController c;
    loaded(c);
    const auto before = c.latest();
    DeliveryLog r(c);
    ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), 1500).isEmpty());
    settle(c);
    ASSERT_EQ(r.seen.size(), 2u);
    EXPECT_FALSE(r.seen[0].traced);
    EXPECT_TRUE(r.seen[1].traced);
    EXPECT_EQ(r.seen[0].rate, 1500);
    EXPECT_EQ(r.seen[1].rate, 1500);
    // The preview's figures are the traced run's (the engine is deterministic, traced or not); its
    // traces are the previous result's until the traced run brings its own.
    const RunSnapshot &preview = *r.seen[0].snapshot;
    const RunSnapshot &traced = *r.seen[1].snapshot;
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(preview.models[i].metrics.completed, traced.models[i].metrics.completed);
        EXPECT_EQ(preview.models[i].metrics.events, traced.models[i].metrics.events);
        EXPECT_EQ(preview.models[i].metrics.latency.p99, traced.models[i].metrics.latency.p99);
        EXPECT_EQ(preview.models[i].index, before->models[i].index);
        EXPECT_NE(traced.models[i].index, before->models[i].index);
    }
    ASSERT_EQ(preview.costs.size(), traced.costs.size());
    EXPECT_EQ(c.latest(), r.seen[1].snapshot);
}

// Requests a series of completions per second counts over [0, end] (its bins are equally wide).
double requestsIn(const QList<QPointF> &series, Nanos end)
{
    double n = 0;
    for (const QPointF &p : series)
        n += p.y() * end.toSeconds() / static_cast<double>(series.size());
    return n;
}

TEST(ControllerDrag, ThePreviewBringsTheNewValuesThroughputOverTime)
{
    SimulationController c;
    loaded(c);
    const auto before = c.latest();
    DeliveryLog r(c);
    const auto half = c.scenario().load.requests / 2;
    ASSERT_TRUE(c.setKnob(QStringLiteral("load.requests"), static_cast<double>(half)).isEmpty());
    settle(c);
    ASSERT_EQ(r.seen.size(), 2u);
    const RunSnapshot &preview = *r.seen[0].snapshot;
    const RunSnapshot &traced = *r.seen[1].snapshot;
    // Half the requests: the run, and the chart's time axis, are about half as long, and the
    // preview's series counts the requests the traced run's does, each model's own.
    EXPECT_LT(preview.seriesEnd.toSeconds(), before->seriesEnd.toSeconds() * 0.6);
    EXPECT_NEAR(preview.seriesEnd.toSeconds(), traced.seriesEnd.toSeconds(), traced.seriesEnd.toSeconds() * 0.02);
    for (std::size_t i = 0; i < 3; ++i) {
        SCOPED_TRACE(i);
        ASSERT_FALSE(preview.models[i].throughputOverTime.isEmpty());
        EXPECT_NEAR(requestsIn(preview.models[i].throughputOverTime, preview.seriesEnd), static_cast<double>(half),
                    0.5);
        EXPECT_NEAR(requestsIn(traced.models[i].throughputOverTime, traced.seriesEnd), static_cast<double>(half), 0.5);
        EXPECT_NE(preview.models[i].throughputOverTime, before->models[i].throughputOverTime);
    }
}

TEST(ControllerDrag, TheWindowsThroughputChartTakesEachPreview)
{
    MainWindow w;
    ASSERT_TRUE(showsSmallWeb(w));
    QApplication::processEvents(); // the charts take a result one per event-loop turn
    ChartWidget *chart = w.chartsPane()->throughputOverTime();
    const ChartData shownBefore = chart->data();
    bool checked = false;
    // Connected after the window's own handler: the chart has taken the preview by now.
    QObject::connect(&w.controller(), &SimulationController::previewAvailable,
                     [&](const std::shared_ptr<const RunSnapshot> &preview) {
                         const ChartData wanted = throughputOverTimeChart(*preview);
                         EXPECT_EQ(chart->data().xExtent, wanted.xExtent);
                         ASSERT_EQ(chart->data().series.size(), wanted.series.size());
                         for (std::size_t i = 0; i < wanted.series.size(); ++i)
                             EXPECT_EQ(chart->data().series[i].points, wanted.series[i].points);
                         EXPECT_TRUE(w.chartsPane()->queueOverTime()->stale()) << "still the older traced run's";
                         checked = true;
                     });
    ASSERT_TRUE(
        w.controller()
            .setKnob(QStringLiteral("load.requests"), static_cast<double>(w.controller().scenario().load.requests / 2))
            .isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(checked, 20000);
    EXPECT_NE(chart->data().xExtent, shownBefore.xExtent);
    // The traced run brings the waiting-tasks chart its own data, no longer faded.
    QTRY_VERIFY_WITH_TIMEOUT(
        !w.controller().isRunning() && w.controller().latest()->scenario == w.controller().scenario(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!w.chartsPane()->queueOverTime()->stale(), 5000);
}

// Each preview of a drag hands the three columns new numbers. The headline tells the layout of a
// new size only when its size changes: each time it did, the whole window was laid out again,
// docks and their scroll areas included, 50 times a second in a drag.
TEST(ControllerDrag, APreviewThatChangesNoSizeLeavesTheWindowsLayoutAlone)
{
    MainWindow w;
    ASSERT_TRUE(showsSmallWeb(w));
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
    struct LayoutRequests : QObject {
        int count = 0;
        bool eventFilter(QObject *, QEvent *e) override
        {
            count += e->type() == QEvent::LayoutRequest ? 1 : 0;
            return false;
        }
    } requests;
    for (ModelColumn *c : w.columns())
        c->installEventFilter(&requests);
    int previews = 0;
    QObject::connect(&w.controller(), &SimulationController::previewAvailable, [&] { ++previews; });
    const double rate = w.controller().scenario().load.rate;
    w.controller().dragStarted();
    for (double factor : {1.02, 1.04, 1.06}) {
        const int before = previews;
        ASSERT_TRUE(w.controller().setKnob(QStringLiteral("load.rate"), rate * factor).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(previews > before, 20000);
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents(); // the posted requests, had there been any, are delivered
    }
    EXPECT_EQ(requests.count, 0);
    EXPECT_GE(previews, 3);
    w.controller().editFinished();
}

TEST(ControllerDrag, ADragShowsOnlyNewerValuesInOrderAndEndsOnTheLast)
{
    SimulationController c;
    loaded(c);
    DeliveryLog r(c);
    std::vector<double> values;
    for (int i = 0; i < 40; ++i) {
        values.push_back(1000 + 25 * i); // each value newer and larger than the one before
        ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), values.back()).isEmpty());
        EXPECT_LE(c.runningJobs(), 1); // the newer value waits: one job runs, none queues
        if (i % 3 == 0)
            QTest::qWait(i % 2 ? 2 : 15); // let some results through, as a moving hand does
        else
            QCoreApplication::processEvents();
    }
    settle(c);
    ASSERT_GE(r.seen.size(), 2u);
    for (std::size_t i = 1; i < r.seen.size(); ++i) {
        const Delivery &a = r.seen[i - 1], &b = r.seen[i];
        // Never an older value after a newer one; the same value only as its preview then its trace.
        EXPECT_TRUE(b.rate > a.rate || (b.rate == a.rate && !a.traced && b.traced))
            << "delivery " << i << ": " << b.rate << (b.traced ? " traced" : " untraced") << " after " << a.rate
            << (a.traced ? " traced" : " untraced");
    }
    for (const Delivery &d : r.seen)
        EXPECT_NE(std::find(values.begin(), values.end(), d.rate), values.end()) << d.rate;
    EXPECT_LT(r.seen.size(), 2 * values.size()); // stale values were dropped, not queued
    EXPECT_FALSE(r.seen.front().traced);         // the first edit previews at once
    EXPECT_TRUE(r.seen.back().traced);
    EXPECT_EQ(r.seen.back().rate, values.back());
    EXPECT_EQ(c.scenario().load.rate, values.back());
    EXPECT_EQ(c.latest()->scenario.load.rate, values.back());
}

TEST(ControllerDrag, LettingGoDropsTheUntracedRunsAndTracesTheLastValue)
{
    SimulationController c;
    loaded(c);
    DeliveryLog r(c);
    ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), 1500).isEmpty()); // its untraced run starts
    ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), 1600).isEmpty()); // waits
    c.editFinished();
    settle(c);
    ASSERT_EQ(r.seen.size(), 1u);
    EXPECT_TRUE(r.seen[0].traced);
    EXPECT_EQ(r.seen[0].rate, 1600);
}

TEST(ControllerDrag, ASliderDragEndsWithTheLastSliderValueEverywhere)
{
    SimulationController c;
    loaded(c);
    ParameterPanel panel(c);
    QSlider *slider = panel.sliderFor(QStringLiteral("load.rate"));
    ASSERT_NE(slider, nullptr);
    DeliveryLog r(c);
    slider->setSliderDown(true);
    const int from = slider->value();
    for (int step = 1; step <= 30; ++step) {
        slider->setValue(from - step);
        QTest::qWait(step % 4 == 0 ? 10 : 0);
        EXPECT_EQ(slider->value(), from - step); // results arriving mid-drag never move the handle
    }
    slider->setSliderDown(false);
    settle(c);
    const Knob *knob = findKnob(c.knobs(), QStringLiteral("load.rate"));
    ASSERT_NE(knob, nullptr);
    const double last = knob->sliderValue(from - 30);
    EXPECT_EQ(slider->value(), from - 30);
    EXPECT_EQ(c.scenario().load.rate, last);
    ASSERT_FALSE(r.seen.empty());
    EXPECT_TRUE(r.seen.back().traced);
    EXPECT_EQ(r.seen.back().rate, last);
    EXPECT_EQ(c.latest()->scenario.load.rate, last);
}
