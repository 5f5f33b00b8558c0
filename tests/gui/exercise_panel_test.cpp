// The Exercises tab beside the teaching note: it lists the preset's [[exercise]] tasks, ticks one
// when the user moves the sliders to a solution (and only with the kept keys at the preset's
// values), unticks it when the user moves them back, and its "Apply it" button reaches the same.
// Also renders the tab at 1280×720 and 1920×1080 (CONVIZ_SCREENSHOT_DIR) to look at.
#include "gui/app/main_window.h"
#include "gui/core/exercise.h"
#include "gui/core/knobs.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/core/tour.h"
#include "gui/widgets/exercise_panel.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/whats_this.h"

#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"

#include <QCheckBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

constexpr int kResultMs = 120000; // a guard against a hang on a loaded machine, not a measurement

QString presetPath(const char *name)
{
    return presetDirectory() + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".toml");
}

template <typename Predicate>
bool waitUntil(Predicate done, int ms = kResultMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QTest::qWait(10);
    return done();
}

// The window has the traced result of the scenario as it is now.
bool settled(MainWindow &w)
{
    const auto latest = w.controller().latest();
    return !w.controller().isRunning() && latest && latest->scenario == w.controller().scenario();
}

std::unique_ptr<MainWindow> openPreset(const char *name, QSize size = QSize(1600, 1000))
{
    auto w = std::make_unique<MainWindow>();
    w->controller().setAutoSweep(false);
    w->controller().setDebounceMs(10);
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w->resize(size);
    w->show();
    EXPECT_TRUE(w->openScenario(presetPath(name)));
    EXPECT_TRUE(waitUntil([&] { return settled(*w); }));
    return w;
}

ExercisePanel *panelOf(MainWindow &w) { return w.findChild<ExercisePanel *>(); }

// Moves the knob's slider as a user would, to the position of `value`, lets go, and waits for the
// traced result.
void moveSlider(MainWindow &w, const QString &id, double value)
{
    QSlider *slider = w.parameterPanel()->sliderFor(id);
    ASSERT_TRUE(slider) << id.toStdString();
    const Knob *knob = findKnob(w.controller().knobs(), id);
    ASSERT_TRUE(knob);
    slider->setValue(knob->sliderPosition(value));
    Q_EMIT slider->sliderReleased();
    ASSERT_TRUE(waitUntil([&] { return settled(w); }));
    QApplication::processEvents();
}

TEST(ExercisePanel, ListsThePresetsExercisesUnticked)
{
    auto w = openPreset("event-loop-lag");
    ExercisePanel *panel = panelOf(*w);
    ASSERT_TRUE(panel);
    const TourLoad tour = loadTour(tourPathFor(presetPath("event-loop-lag")));
    ASSERT_TRUE(tour.tour);
    EXPECT_GE(panel->count(), 2);
    for (int i = 0; i < panel->count(); ++i) {
        EXPECT_FALSE(panel->isMet(i));
        EXPECT_TRUE(panel->statusLabel(i)->text().startsWith(QStringLiteral("Not yet")))
            << panel->statusLabel(i)->text().toStdString();
    }
    EXPECT_TRUE(panel->summary().contains(QStringLiteral("0 of %1 done").arg(panel->count())));
    // The teaching note ends with the same tasks.
    const QString note = w->findChild<NotePane *>()->toPlainText();
    const qsizetype tryThis = note.lastIndexOf(QStringLiteral("Try this"));
    ASSERT_GE(tryThis, 0) << note.toStdString();
    EXPECT_TRUE(note.indexOf(QStringLiteral("Contain the lag."), tryThis) > tryThis);
    EXPECT_TRUE(note.indexOf(QStringLiteral("Switch Go's preemption off."), tryThis) > tryThis);
    // Shift+F1 on any part of it says what the tab is and how it ticks.
    EXPECT_TRUE(whatsThisText(panel->checkBox(0)).contains(QStringLiteral("ticks itself")));
    EXPECT_TRUE(whatsThisText(panel->statusLabel(1)).contains(QStringLiteral("Exercises")));
    // The user cannot tick it: the goal ticks it.
    QTest::mouseClick(panel->checkBox(0), Qt::LeftButton);
    EXPECT_FALSE(panel->isMet(0));
}

TEST(ExercisePanel, TicksWhenTheSlidersReachASolutionAndUnticksWhenMovedBack)
{
    auto w = openPreset("event-loop-lag");
    ExercisePanel *panel = panelOf(*w);
    ASSERT_TRUE(panel);
    ASSERT_GE(panel->count(), 1);
    QSignalSpy met(panel, &ExercisePanel::exerciseMet);
    // Exercise 1: the loop's p99 under 60 ms without adding cores. Four processes do it.
    moveSlider(*w, QStringLiteral("event_loop.processes"), 4);
    ASSERT_TRUE(waitUntil([&] { return panel->isMet(0); }, 5000)) << panel->statusLabel(0)->text().toStdString();
    EXPECT_TRUE(panel->statusLabel(0)->text().startsWith(QStringLiteral("Done")));
    EXPECT_TRUE(panel->summary().contains(QStringLiteral("1 of")));
    EXPECT_EQ(met.count(), 1);
    EXPECT_EQ(met.at(0).at(0).toInt(), 0);
    // More cores as well: the task said without; it no longer counts, and says what to put back.
    moveSlider(*w, QStringLiteral("machine.cores"), 8);
    EXPECT_FALSE(panel->isMet(0));
    EXPECT_TRUE(panel->statusLabel(0)->text().contains(QStringLiteral("machine.cores to 4")))
        << panel->statusLabel(0)->text().toStdString();
    moveSlider(*w, QStringLiteral("machine.cores"), 4);
    EXPECT_TRUE(panel->isMet(0));
    // Back to one process: undone, unticked.
    moveSlider(*w, QStringLiteral("event_loop.processes"), 1);
    EXPECT_FALSE(panel->isMet(0));
    EXPECT_TRUE(panel->statusLabel(0)->text().startsWith(QStringLiteral("Not yet")));
    EXPECT_TRUE(panel->summary().contains(QStringLiteral("0 of")));
}

TEST(ExercisePanel, ApplyTheSolutionTicksAChoiceAndResetUnticks)
{
    auto w = openPreset("benchmark-trap");
    ExercisePanel *panel = panelOf(*w);
    ASSERT_TRUE(panel);
    ASSERT_GE(panel->count(), 2);
    // Exercise 2's solution is a choice (threads.mode = pool), behind "Show a solution".
    QPushButton *show = panel->solutionButton(1);
    panel->show();
    QTest::mouseClick(show, Qt::LeftButton);
    QPushButton *apply = nullptr;
    for (QPushButton *b : panel->findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Apply it") && b->isVisible())
            apply = b;
    ASSERT_TRUE(apply) << "the solution and its button are shown";
    QTest::mouseClick(apply, Qt::LeftButton);
    ASSERT_TRUE(waitUntil([&] { return settled(*w) && panel->isMet(1); }))
        << panel->statusLabel(1)->text().toStdString();
    EXPECT_FALSE(panel->isMet(0));
    w->controller().resetToBaseline();
    ASSERT_TRUE(waitUntil([&] { return settled(*w); }));
    EXPECT_FALSE(panel->isMet(1));
}

TEST(ExercisePanel, AnotherPresetBringsItsOwnExercises)
{
    auto w = openPreset("default");
    ExercisePanel *panel = panelOf(*w);
    ASSERT_TRUE(panel);
    const int before = panel->count();
    ASSERT_TRUE(w->openScenario(presetPath("memory-at-scale")));
    ASSERT_TRUE(waitUntil([&] { return settled(*w); }));
    EXPECT_EQ(panel->count(), 3);
    EXPECT_EQ(before, 2);
    EXPECT_TRUE(panel->checkBox(0)->text().startsWith(QStringLiteral("Exercise 1")));
}

// Every solution can be reached in the app: each numeric key is a slider of its preset (Apply it
// and the user move those), each other key a choice.
TEST(ExercisePanel, EverySolutionIsMadeOfThePresetsSlidersAndChoices)
{
    PresetModel presets;
    presets.scan(presetDirectory());
    int checked = 0;
    for (const Preset &p : presets.presets()) {
        const auto loaded = scenario::loadFile(p.path.toStdString());
        ASSERT_TRUE(loaded.ok()) << p.path.toStdString();
        const std::vector<Knob> knobs = knobsFor(*loaded.scenario);
        const ExerciseLoad exercises = loadExercises(p.path);
        EXPECT_TRUE(exercises.error.isEmpty()) << exercises.error.toStdString();
        EXPECT_GE(exercises.exercises.size(), 2u) << p.path.toStdString();
        for (const scenario::Exercise &e : exercises.exercises)
            for (const scenario::ExerciseSetting &s : e.solution) {
                if (s.value)
                    EXPECT_TRUE(findKnob(knobs, QString::fromStdString(s.key)))
                        << p.path.toStdString() << ": no slider for " << s.key;
                else
                    EXPECT_TRUE(scenario::findChoice(s.key)) << s.key;
                ++checked;
            }
    }
    EXPECT_GE(checked, 22);
}

// Renders the window with the Exercises tab in front, a hint and a solution open and one exercise
// done, at a laptop's and a projector's size, to look at.
TEST(ExercisePanel, RendersAtCommonScreenSizes)
{
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
        auto w = openPreset("event-loop-lag", size);
        ExercisePanel *panel = panelOf(*w);
        ASSERT_TRUE(panel);
        for (QDockWidget *d : w->findChildren<QDockWidget *>())
            if (d->widget() == panel) {
                d->show();
                d->raise();
            }
        moveSlider(*w, QStringLiteral("event_loop.processes"), 4);
        ASSERT_TRUE(panel->isMet(0));
        QTest::mouseClick(panel->solutionButton(1), Qt::LeftButton);
        QApplication::processEvents();
        EXPECT_TRUE(panel->isVisible());
        const QString dir = qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            w->grab().save(dir + QStringLiteral("/exercises-%1x%2.png").arg(size.width()).arg(size.height()));
            panel->grab().save(dir + QStringLiteral("/exercises-panel-%1x%2.png").arg(size.width()).arg(size.height()));
        }
    }
}

} // namespace
