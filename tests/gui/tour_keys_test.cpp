// Every preset's guided tour, driven the way a presenter drives it: by the keys a clicker sends
// (Page Down / Page Up, Right / Left, Space), typed into whichever widget has the focus (the preset
// picker, a slider), never by calling the tour. Each tour runs from launch (`--tour`, through the
// same launch() main.cpp calls, in presentation mode) and from Ctrl+T after a user moved a slider.
// At every step: the clock is at the step's instant, every slider reads the preset's value or the
// tour's, and the step's view is framed and on screen. When the tour ends it leaves the screen and
// the preset's values come back.
#include "gui/app/launch.h"
#include "gui/app/main_window.h"
#include "gui/app/session.h"
#include "gui/core/knobs.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/core/tour.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/narration_view.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/tour_panel.h"
#include "tour_support.h"

#include "engine/scenario/scenario_file.h"

#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTabWidget>
#include <QTest>

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace conviz;
using namespace conviz::gui;
using test::framedWidget;
using test::kTours;
using test::presetPath;

namespace {

constexpr int kResultMs = test::kTourResultMs;

QComboBox *presetBox(MainWindow &w)
{
    for (QComboBox *box : w.findChildren<QComboBox *>())
        if (box->model() == &w.presets())
            return box;
    return nullptr;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

class TourDriver {
public:
    TourDriver(MainWindow &w, const std::string &name) : m_w(w), m_name(name)
    {
        const TourLoad t = loadTour(tourPathFor(presetPath(name)));
        EXPECT_TRUE(t.tour) << t.error.toStdString();
        if (t.tour)
            m_tour = *t.tour;
        // The preset's own values, read from its file here, not from the window.
        auto loaded = scenario::loadFile(presetPath(name).toStdString());
        EXPECT_TRUE(loaded.ok());
        if (loaded.ok())
            m_preset = *loaded.scenario;
        for (const Knob &k : knobsFor(m_preset))
            m_presetValues.emplace_back(k.id, k.get(m_preset));
    }

    const Tour &tour() const { return m_tour; }
    int steps() const { return static_cast<int>(m_tour.steps.size()); }

    // Types `key` into the focused widget and waits until the tour has shown the step it leads to.
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        TourPanel *tour = m_w.tourPanel();
        QSignalSpy shown(tour, &TourPanel::stepShown);
        m_timeBefore = m_w.playback().time();
        QWidget *focus = QApplication::focusWidget();
        ASSERT_TRUE(focus) << "no widget has the focus";
        QTest::keyClick(focus, key, modifiers);
        if (tour->isActive() && shown.isEmpty()) {
            ASSERT_TRUE(shown.wait(kResultMs)) << "step " << tour->step() + 1 << " never arrived";
        }
        QApplication::processEvents(); // the frame follows the layout of a dock just shown
    }

    // Everything the room sees at step `index` agrees with the tour's file and the preset's values.
    void expectStep(int index, bool atLaunch)
    {
        SCOPED_TRACE(m_name + ", step " + std::to_string(index + 1));
        TourPanel *tour = m_w.tourPanel();
        ASSERT_TRUE(tour->isActive());
        ASSERT_EQ(tour->step(), index);
        EXPECT_FALSE(tour->waiting());
        EXPECT_TRUE(tour->problem().isEmpty()) << tour->problem().toStdString();
        const TourStep &step = m_tour.steps[static_cast<std::size_t>(index)];

        // Sliders: the tour's values for those it moved so far, the preset's for every other.
        std::map<QString, double> expected(m_presetValues.begin(), m_presetValues.end());
        std::vector<std::pair<QString, double>> touched;
        for (const TourStep &s : m_tour.steps)
            for (const auto &[id, v] : s.set)
                touched.emplace_back(id, expected[id]);
        for (const auto &[id, v] : tourKnobsAt(m_tour, static_cast<std::size_t>(index), touched))
            expected[id] = v;
        const Scenario &now = m_w.controller().scenario();
        for (const Knob &k : m_w.controller().knobs()) {
            EXPECT_TRUE(near(k.get(now), expected[k.id]))
                << k.id.toStdString() << " reads " << k.get(now) << ", the step expects " << expected[k.id];
        }
        const auto latest = m_w.controller().latest();
        ASSERT_TRUE(latest);
        EXPECT_TRUE(latest->scenario == now) << "the views show a run of other values";

        // Clock: the step's instant in the run on screen; a step without one leaves it be.
        const std::optional<Nanos> at = tourInstant(step, *latest);
        if (at) {
            EXPECT_EQ(m_w.playback().time(), at->count());
        } else if (!atLaunch || index > 0) {
            EXPECT_EQ(m_w.playback().time(), std::min(m_timeBefore, m_w.playback().duration()));
        }

        // Frame: around the step's view, which is on screen (a hidden dock is shown for it).
        QWidget *target = step.focus ? framedWidget(m_w, *step.focus) : nullptr;
        EXPECT_EQ(m_w.tourHighlight()->target(), target);
        if (target) {
            EXPECT_TRUE(target->isVisible()) << "the framed view is hidden";
            EXPECT_FALSE(m_w.tourHighlight()->frame().isEmpty()) << "no frame on screen";
        }
        if (step.chartTab) {
            EXPECT_EQ(m_w.chartsPane()->tabs()->currentIndex(), *step.chartTab);
        }
    }

    // After the tour: off the screen, no frame, the preset's values back.
    void expectGone()
    {
        TourPanel *tour = m_w.tourPanel();
        EXPECT_FALSE(tour->isActive());
        EXPECT_FALSE(m_w.findChild<QDockWidget *>(QStringLiteral("TourDock"))->isVisible());
        EXPECT_EQ(m_w.tourHighlight()->target(), nullptr);
        EXPECT_FALSE(m_w.tourHighlight()->isVisible());
        const Scenario &now = m_w.controller().scenario();
        for (const auto &[id, v] : m_presetValues) {
            if (const Knob *k = findKnob(m_w.controller().knobs(), id)) {
                EXPECT_TRUE(near(k->get(now), v)) << id.toStdString() << " was not put back";
            }
        }
        EXPECT_FALSE(m_w.isWindowModified());
    }

    // Every step forward with the keys of `forward` in turn; one step back and forth at step 2.
    void walk(const std::vector<Qt::Key> &forward, Qt::Key backKey, bool atLaunch)
    {
        expectStep(0, atLaunch);
        for (int i = 1; i < steps(); ++i) {
            press(forward[static_cast<std::size_t>(i) % forward.size()]);
            expectStep(i, atLaunch);
            if (i == 2) {
                press(backKey);
                expectStep(1, atLaunch);
                press(forward[0]);
                expectStep(2, atLaunch);
            }
        }
    }

    // A knob the tour moves, at a value of the user's own, not the preset's.
    void moveASliderAsAUserWould()
    {
        for (const TourStep &s : m_tour.steps)
            for (const auto &[id, v] : s.set) {
                const Knob *k = findKnob(m_w.controller().knobs(), id);
                ASSERT_TRUE(k);
                const double mine = v != k->min ? k->min : k->max;
                ASSERT_TRUE(m_w.controller().setKnob(id, mine).isEmpty());
                return;
            }
    }

private:
    MainWindow &m_w;
    std::string m_name;
    Tour m_tour;
    Scenario m_preset;
    std::vector<std::pair<QString, double>> m_presetValues;
    qint64 m_timeBefore = 0;
};

void prepare(MainWindow &w)
{
    w.controller().setAutoSweep(false);
    w.controller().setDebounceMs(10);
    w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w.resize(1600, 1000);
}

void activate(MainWindow &w, QWidget *focus)
{
    w.activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w));
    focus->setFocus(Qt::OtherFocusReason);
    QApplication::processEvents();
    ASSERT_EQ(QApplication::focusWidget(), focus);
}

class TourByKeys : public ::testing::TestWithParam<const char *> {};

} // namespace

// `conviz --present --tour PRESET`, then a clicker with the preset picker focused: no key reaches
// the picker, each step shows as the file says, including step 1's instant, and the parameters
// that presentation mode hides are shown when a step frames them. Ctrl+T restarts from the
// preset's values; switching preset takes the tour off the screen.
TEST_P(TourByKeys, FromLaunchInPresentationModeWithThePresetPickerFocused)
{
    const std::string name = GetParam();
    MainWindow w;
    prepare(w);
    TourDriver d(w, name);
    ASSERT_GE(d.steps(), 3);
    QSignalSpy shown(w.tourPanel(), &TourPanel::stepShown);
    QCommandLineParser parser;
    addLaunchOptions(parser);
    ASSERT_TRUE(parser.parse(
        {QStringLiteral("conviz"), QStringLiteral("--present"), QStringLiteral("--tour"), presetPath(name)}));
    launch(w, launchOptions(parser));
    ASSERT_TRUE(w.tourPanel()->isActive());
    ASSERT_TRUE(shown.wait(kResultMs));
    QComboBox *box = presetBox(w);
    ASSERT_TRUE(box);
    const int row = box->currentIndex();
    activate(w, box);

    d.walk({Qt::Key_PageDown, Qt::Key_Right, Qt::Key_Space}, Qt::Key_PageUp, true);
    EXPECT_EQ(box->currentIndex(), row) << "a key reached the preset picker";
    EXPECT_EQ(w.controller().sourcePath(), presetPath(name));

    // A restart (Ctrl+T, typed into the picker) begins again from the preset's values.
    d.press(Qt::Key_T, Qt::ControlModifier);
    d.expectStep(0, false);

    // Another preset: the tour leaves the screen with the one it belonged to.
    const QString other = presetPath(name == "default" ? "c10k" : "default");
    ASSERT_TRUE(w.session().switchTo(other));
    EXPECT_FALSE(w.tourPanel()->isActive());
    EXPECT_FALSE(w.findChild<QDockWidget *>(QStringLiteral("TourDock"))->isVisible());
    EXPECT_EQ(w.tourHighlight()->target(), nullptr);
    w.setPresentationMode(false); // leaving presentation mode does not bring the tour back
    EXPECT_FALSE(w.findChild<QDockWidget *>(QStringLiteral("TourDock"))->isVisible());
}

// The preset opened as usual, a slider moved by the user and focused, then Ctrl+T and the clicker:
// the tour starts from the preset's values, none of its keys moves the focused slider, and the
// last Page Down ends it: off the screen, the preset's values back.
TEST_P(TourByKeys, FromCtrlTWithASliderFocused)
{
    const std::string name = GetParam();
    MainWindow w;
    prepare(w);
    TourDriver d(w, name);
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    QCommandLineParser parser;
    addLaunchOptions(parser);
    ASSERT_TRUE(parser.parse({QStringLiteral("conviz"), presetPath(name)}));
    launch(w, launchOptions(parser));
    ASSERT_TRUE(result.wait(kResultMs));
    EXPECT_FALSE(w.tourPanel()->isActive());
    d.moveASliderAsAUserWould();

    QSlider *slider = w.parameterPanel()->findChild<QSlider *>();
    ASSERT_TRUE(slider);
    activate(w, slider);
    d.press(Qt::Key_T, Qt::ControlModifier);
    ASSERT_TRUE(w.tourPanel()->isActive());
    d.walk({Qt::Key_Space, Qt::Key_PageDown, Qt::Key_Right}, Qt::Key_Left, false);

    d.press(Qt::Key_PageDown); // past the last step: the tour ends
    d.expectGone();
    QSignalSpy after(&w.controller(), &SimulationController::resultAvailable);
    if (w.controller().isRunning()) {
        ASSERT_TRUE(after.wait(kResultMs));
    }
    EXPECT_TRUE(w.controller().latest()->scenario == w.controller().baseline());
}

INSTANTIATE_TEST_SUITE_P(PresetTours, TourByKeys, ::testing::ValuesIn(kTours), test::tourTestName);

TEST(PresetTours, EveryShippedTourIsDrivenHere)
{
    QStringList listed;
    for (const char *t : kTours)
        listed << QString::fromLatin1(t) + QStringLiteral(".toml");
    const QStringList shipped =
        QDir(presetDirectory() + QStringLiteral("/tours")).entryList({QStringLiteral("*.toml")}, QDir::Files);
    EXPECT_EQ(shipped, listed);
}
