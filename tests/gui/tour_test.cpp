// Guided tours: the files (every preset's tour loads, names sliders its scenario has, and finds the
// events it points at) and the walk (sliders move and come back, the clock goes where a step says,
// the frame is around the step's view).
#include "gui/app/main_window.h"
#include "gui/core/knobs.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/simulation_controller.h"
#include "gui/core/tour.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/tour_panel.h"

#include "engine/scenario/scenario_file.h"
#include "test_scenarios.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return path;
}

QString loadError(const QByteArray &text)
{
    QTemporaryDir dir;
    return loadTour(writeFile(dir, QStringLiteral("t.tour.toml"), text)).error;
}

} // namespace

TEST(TourFile, ReadsEveryKindOfStep)
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("x.tour.toml"), R"(
title = "A tour"
[[step]]
text = "**Look** here."
focus = "event_loop.scheduler"
at = "busiest"
[[step]]
text = "Then here."
focus = "charts"
event = "steal"
model = "fibers"
chart = "sweep"
set = { "load.rate" = 1600, "request.cpu" = "2ms", "threads.stack_reserved" = "1MiB" }
[[step]]
text = "And at 120 ms."
at = "120ms"
)");
    const TourLoad t = loadTour(path);
    ASSERT_TRUE(t.tour) << t.error.toStdString();
    EXPECT_EQ(t.tour->title, QStringLiteral("A tour"));
    ASSERT_EQ(t.tour->steps.size(), 3u);
    const TourStep &a = t.tour->steps[0];
    EXPECT_EQ(a.anchor, TourStep::Anchor::Busiest);
    ASSERT_TRUE(a.focus);
    EXPECT_EQ(a.focus->model, ModelKind::EventLoop);
    EXPECT_EQ(a.focus->view, TourFocus::View::Scheduler);
    const TourStep &b = t.tour->steps[1];
    EXPECT_EQ(b.anchor, TourStep::Anchor::Event);
    EXPECT_EQ(b.event, NarrationKind::Steal);
    EXPECT_EQ(b.eventModel, ModelKind::Fibers);
    EXPECT_EQ(b.chartTab, 1);
    EXPECT_EQ(b.focus->pane, TourFocus::Pane::Charts);
    ASSERT_EQ(b.set.size(), 3u);
    EXPECT_EQ(b.set[0], std::make_pair(QStringLiteral("load.rate"), 1600.0));
    EXPECT_EQ(b.set[1], std::make_pair(QStringLiteral("request.cpu"), 2e6));                  // ns
    EXPECT_EQ(b.set[2], std::make_pair(QStringLiteral("threads.stack_reserved"), 1048576.0)); // bytes
    EXPECT_EQ(t.tour->steps[2].anchor, TourStep::Anchor::Time);
    EXPECT_EQ(t.tour->steps[2].time, Nanos{120'000'000});
}

TEST(TourFile, ABadFileSaysWhereAndWhatWasExpected)
{
    struct Case {
        const char *text;
        const char *where;
        const char *says;
    };
    const Case cases[] = {
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nfoucs = \"charts\"\n", ":4:1:", "did you mean `focus`"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nfocus = \"eventloop\"\n", ":4:9:", "did you mean `event_loop`"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nfocus = \"threads.stacks\"\n", ":4:9:", "memory"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nat = \"start\"\nevent = \"steal\"\n", ":5:", "not both"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nat = \"soon\"\n", ":4:", "a duration"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nmodel = \"fibers\"\n", ":4:", "goes with `event`"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nset = { \"load.rate\" = \"fast\" }\n",
         ":4:23:", "`load.rate`: expected a number"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nset = { \"request.cpu\" = \"fast\" }\n", ":4:25:", "a unit"},
        {"title = \"t\"\n[[step]]\ntext = \"x\"\nset = { load.rate = 5 }\n", ":4:", "quote a knob id"},
        {"title = \"t\"\n[[step]]\nfocus = \"charts\"\n", ":2:", "needs a `text`"},
        {"title = \"t\"\n", ":1:", "at least one [[step]]"},
        {"title = \"t\"\n[[step]\ntext = \"x\"\n", ":2:", ""},
    };
    for (const Case &c : cases) {
        const QString error = loadError(c.text);
        SCOPED_TRACE(c.text);
        EXPECT_TRUE(error.contains(QStringLiteral("t.tour.toml") + QString::fromLatin1(c.where)))
            << error.toStdString();
        EXPECT_TRUE(error.contains(QString::fromLatin1(c.says))) << error.toStdString();
    }
}

TEST(TourFile, GoingBackRestoresTheSlidersOfEarlierSteps)
{
    Tour t;
    t.steps.resize(4);
    t.steps[1].set = {{QStringLiteral("load.rate"), 1600}};
    t.steps[2].set = {{QStringLiteral("machine.cores"), 8}, {QStringLiteral("load.rate"), 2400}};
    const std::vector<std::pair<QString, double>> baseline{{QStringLiteral("load.rate"), 800},
                                                           {QStringLiteral("machine.cores"), 4}};
    using V = std::vector<std::pair<QString, double>>;
    EXPECT_EQ(tourKnobsAt(t, 0, baseline),
              (V{{QStringLiteral("load.rate"), 800}, {QStringLiteral("machine.cores"), 4}}));
    EXPECT_EQ(tourKnobsAt(t, 1, baseline),
              (V{{QStringLiteral("load.rate"), 1600}, {QStringLiteral("machine.cores"), 4}}));
    EXPECT_EQ(tourKnobsAt(t, 2, baseline),
              (V{{QStringLiteral("load.rate"), 2400}, {QStringLiteral("machine.cores"), 8}}));
    EXPECT_EQ(tourKnobsAt(t, 3, baseline), tourKnobsAt(t, 2, baseline));
}

// Every tour that comes with conviz loads, and each of its steps can be carried out on its preset.
TEST(PresetTours, LoadAndEveryStepCanBeCarriedOut)
{
    const QDir dir(presetDirectory() + QStringLiteral("/tours"));
    const QStringList tours = dir.entryList({QStringLiteral("*.toml")}, QDir::Files);
    ASSERT_FALSE(tours.isEmpty()) << "no tours in " << presetDirectory().toStdString();
    for (const QString &name : tours) {
        SCOPED_TRACE(name.toStdString());
        const TourLoad t = loadTour(dir.filePath(name));
        ASSERT_TRUE(t.tour) << t.error.toStdString();
        EXPECT_GE(t.tour->steps.size(), 3u);
        const QString scenarioPath = presetDirectory() + QLatin1Char('/') + name;
        EXPECT_EQ(tourPathFor(scenarioPath), dir.filePath(name));
        auto loaded = scenario::loadFile(scenarioPath.toStdString());
        ASSERT_TRUE(loaded.ok()) << "a tour needs its preset: " << scenarioPath.toStdString();
        // Walk the tour as the app does: the sliders as each step has them, then where it points.
        Scenario s = *loaded.scenario;
        std::vector<std::pair<QString, double>> baseline;
        const std::vector<Knob> knobs = knobsFor(s);
        for (const TourStep &step : t.tour->steps)
            for (const auto &[id, v] : step.set) {
                const Knob *k = findKnob(knobs, id);
                ASSERT_TRUE(k) << "step at line " << step.line << ": no slider " << id.toStdString();
                EXPECT_GE(v, k->min) << id.toStdString();
                EXPECT_LE(v, k->max) << id.toStdString();
                baseline.emplace_back(id, k->get(s));
            }
        std::shared_ptr<const RunSnapshot> snap;
        std::vector<std::pair<QString, double>> applied;
        for (std::size_t i = 0; i < t.tour->steps.size(); ++i) {
            const TourStep &step = t.tour->steps[i];
            const auto values = tourKnobsAt(*t.tour, i, baseline);
            if (!snap || values != applied) {
                Scenario at = *loaded.scenario;
                for (const auto &[id, v] : values)
                    findKnob(knobsFor(at), id)->set(at, v);
                snap = buildRunSnapshot(at, i + 1);
                applied = values;
            }
            ASSERT_TRUE(snap);
            EXPECT_LE(step.text.size(), 800) << "step at line " << step.line << " is too long to read aloud";
            if (step.anchor == TourStep::Anchor::Event) {
                EXPECT_TRUE(tourInstant(step, *snap)) << "step at line " << step.line << ": the run has no such event";
            }
            if (step.anchor == TourStep::Anchor::Time) {
                EXPECT_LE(step.time, snap->end) << "step at line " << step.line << ": past the end of the run";
            }
        }
    }
}

TEST(TourPanel, WalksATourMovingSlidersTheClockAndTheFrame)
{
    QTemporaryDir dir;
    Scenario s = test::smallWebScenario(1500);
    s.name = "Toured";
    ASSERT_FALSE(scenario::saveFile(s, dir.filePath(QStringLiteral("toured.toml")).toStdString()));
    QDir(dir.path()).mkdir(QStringLiteral("tours"));
    writeFile(dir, QStringLiteral("tours/toured.toml"), R"(
title = "Walk"
[[step]]
text = "Start."
focus = "threads.memory"
at = "start"
[[step]]
text = "Twice the load."
focus = "event_loop"
set = { "load.rate" = 0 }
at = "busiest"
chart = "cost"
[[step]]
text = "The end."
focus = "narration"
at = "end"
)");
    // Twice the scenario's own rate, written into the file.
    {
        QFile f(dir.filePath(QStringLiteral("tours/toured.toml")));
        f.open(QIODevice::ReadOnly);
        QByteArray text = f.readAll();
        f.close();
        text.replace("\"load.rate\" = 0", "\"load.rate\" = " + QByteArray::number(s.load.rate * 2));
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(text);
    }

    MainWindow w;
    w.controller().setAutoSweep(false);
    w.controller().setDebounceMs(10);
    w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w.resize(1600, 1000);
    w.show();
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    ASSERT_TRUE(w.openScenario(dir.filePath(QStringLiteral("toured.toml"))));
    ASSERT_TRUE(result.wait(30000));
    QApplication::processEvents();

    TourPanel *tour = w.tourPanel();
    QSignalSpy shown(tour, &TourPanel::stepShown);
    const qint64 before = w.playback().time();
    QTest::keyClick(&w, Qt::Key_PageDown); // no tour: Page Down pages the narration and notes as usual
    EXPECT_FALSE(tour->isActive());
    EXPECT_EQ(w.playback().time(), before);
    ASSERT_TRUE(w.startTour());
    if (shown.isEmpty()) { // the first step waits for a run of the scenario's own values if there is none yet
        ASSERT_TRUE(shown.wait(30000));
    }
    ASSERT_TRUE(tour->isActive());
    EXPECT_TRUE(w.findChild<QDockWidget *>(QStringLiteral("TourDock"))->isVisible());
    EXPECT_EQ(tour->step(), 0);
    EXPECT_EQ(w.playback().time(), 0);
    EXPECT_EQ(w.tourHighlight()->target(), static_cast<QWidget *>(w.columns()[2]->memoryView()));
    EXPECT_FALSE(w.tourHighlight()->frame().isEmpty());

    shown.clear();
    QTest::keyClick(&w, Qt::Key_PageDown); // as a presenter's clicker does
    EXPECT_EQ(tour->step(), 1);
    EXPECT_DOUBLE_EQ(w.controller().scenario().load.rate, s.load.rate * 2);
    ASSERT_TRUE(shown.wait(30000)); // waits for the new result before moving the clock
    EXPECT_EQ(w.controller().latest()->scenario.load.rate, s.load.rate * 2);
    EXPECT_EQ(w.playback().time(), w.controller().latest()->busiest.count());
    EXPECT_EQ(w.tourHighlight()->target(), static_cast<QWidget *>(w.columns()[1]));
    EXPECT_EQ(w.chartsPane()->tabs()->currentIndex(), ChartsPane::CostTab);
    EXPECT_TRUE(tour->problem().isEmpty()) << tour->problem().toStdString();
    // For a human to look at: the frame, the panel and the Cost tab at this step.
    QApplication::processEvents();
    const QString shots =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(shots);
    w.grab().save(shots + QStringLiteral("/tour_step.png"));

    QTest::keyClick(&w, Qt::Key_PageDown);
    EXPECT_EQ(tour->step(), 2);
    EXPECT_EQ(w.playback().time(), w.playback().duration());

    shown.clear();
    QTest::keyClick(&w, Qt::Key_PageUp);
    QTest::keyClick(&w, Qt::Key_PageUp); // back to the start: the slider as it was
    EXPECT_EQ(tour->step(), 0);
    EXPECT_DOUBLE_EQ(w.controller().scenario().load.rate, s.load.rate);
    ASSERT_TRUE(shown.wait(30000));
    EXPECT_EQ(w.playback().time(), 0);

    QTest::keyClick(&w, Qt::Key_PageDown);
    QTest::keyClick(&w, Qt::Key_PageDown);
    QTest::keyClick(&w, Qt::Key_PageDown); // past the last step: the tour ends
    EXPECT_FALSE(tour->isActive());
    EXPECT_DOUBLE_EQ(w.controller().scenario().load.rate, s.load.rate); // and puts the preset's values back
    EXPECT_EQ(w.tourHighlight()->target(), static_cast<QWidget *>(nullptr));
    EXPECT_FALSE(w.findChild<QDockWidget *>(QStringLiteral("TourDock"))->isVisible());
}

TEST(TourPanel, AScenarioWithoutATourSaysSo)
{
    QTemporaryDir dir;
    ASSERT_FALSE(
        scenario::saveFile(test::smallWebScenario(300), dir.filePath(QStringLiteral("plain.toml")).toStdString()));
    MainWindow w;
    w.controller().setAutoSweep(false);
    w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    ASSERT_TRUE(w.openScenario(dir.filePath(QStringLiteral("plain.toml"))));
    EXPECT_FALSE(w.startTour());
    EXPECT_FALSE(w.tourPanel()->isActive());
}

TEST(TourPanel, ATourMovingSlidersLeavesNothingToSaveSoClosingAsksNothing)
{
    QTemporaryDir dir;
    Scenario s = test::smallWebScenario(1500);
    s.name = "Toured";
    const QString path = dir.filePath(QStringLiteral("toured.toml"));
    ASSERT_FALSE(scenario::saveFile(s, path.toStdString()));
    QDir(dir.path()).mkdir(QStringLiteral("tours"));
    writeFile(dir, QStringLiteral("tours/toured.toml"),
              "title = \"Walk\"\n[[step]]\ntext = \"Start.\"\n[[step]]\ntext = \"Twice the load.\"\nset = { "
              "\"load.rate\" = " +
                  QByteArray::number(s.load.rate * 2) + " }\n");

    MainWindow w;
    w.controller().setAutoSweep(false);
    w.controller().setDebounceMs(10);
    int asked = 0;
    w.setUnsavedPrompt([&asked] {
        ++asked;
        return static_cast<int>(QMessageBox::Cancel);
    });
    w.show();
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    ASSERT_TRUE(w.openScenario(path));
    ASSERT_TRUE(result.wait(30000));
    TourPanel *tour = w.tourPanel();
    QSignalSpy shown(tour, &TourPanel::stepShown);
    ASSERT_TRUE(w.startTour());
    shown.clear();
    QTest::keyClick(&w, Qt::Key_PageDown);
    EXPECT_DOUBLE_EQ(w.controller().scenario().load.rate, s.load.rate * 2);
    EXPECT_FALSE(w.isWindowModified()); // no "*", not even while the step runs: the tour moved the slider
    ASSERT_TRUE(shown.wait(30000));
    EXPECT_FALSE(w.isWindowModified());
    QTest::keyClick(&w, Qt::Key_PageDown); // the tour ends and puts the slider back
    EXPECT_FALSE(tour->isActive());
    EXPECT_DOUBLE_EQ(w.controller().scenario().load.rate, s.load.rate);

    EXPECT_TRUE(w.close()); // closing (as switching preset) asks nothing: there is nothing of the user's to lose
    EXPECT_EQ(asked, 0);
}
