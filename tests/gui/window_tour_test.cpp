// Help › Tour of the window, with the keyboard alone: it starts from the Help menu (Alt+H, W) or
// F1, walks every part of the window with → and back with ←, frames each part inside the window
// with the callout beside it, never over it, moves the keyboard focus to the part, and Esc puts
// back the focus, docks and tabs. It leaves a running guided tour its keys. The WindowTourScreen
// tests run on the offscreen 1280×720 and 1920×1080 screens (tests/gui/CMakeLists.txt), presenting
// too; they skip on the default smaller screen.
#include "gui/app/main_window.h"
#include "gui/core/callout_placement.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/tour_panel.h"
#include "gui/widgets/window_tour.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFontInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace conviz::gui;

namespace {

// The window as at a first launch on this screen (no saved layout), at `size` if given, showing
// the default preset's result.
std::unique_ptr<MainWindow> launch(QSize size = {})
{
    QSettings().remove(QStringLiteral("window"));
    auto w = std::make_unique<MainWindow>();
    w->controller().setAutoSweep(false);
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    if (size.isValid())
        w->resize(size);
    QSignalSpy result(&w->controller(), &SimulationController::resultAvailable);
    w->show();
    w->activateWindow();
    if (!QTest::qWaitForWindowExposed(w.get()))
        return nullptr;
    w->openInitial(QString());
    if (!result.wait(120000))
        return nullptr;
    QApplication::processEvents();
    return w;
}

QWidget *focused(MainWindow &w)
{
    QWidget *f = QApplication::focusWidget();
    return f != nullptr ? f : &w;
}

// Keys as a user types them: to the widget with the focus.
void press(MainWindow &w, Qt::Key key, Qt::KeyboardModifiers mods = Qt::NoModifier)
{
    QTest::keyClick(focused(w), key, mods);
    QApplication::processEvents();
}

std::string describe(const QRect &r)
{
    return QStringLiteral("%1,%2 %3×%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height()).toStdString();
}

// Whether dock `d` shows on the window: shown, and in front of its tab group (Qt moves the docks
// behind it off the window).
bool onWindow(const QDockWidget *d) { return d->isVisible() && d->geometry().intersects(d->parentWidget()->rect()); }

// What the tour must leave as it found it: each dock shown or closed, in front of its tab group or
// behind, and the menu bar.
std::string dockState(MainWindow &w)
{
    QStringList state;
    for (QDockWidget *d : w.findChildren<QDockWidget *>())
        state
            << QStringLiteral("%1 hidden=%2 on the window=%3").arg(d->objectName()).arg(d->isHidden()).arg(onWindow(d));
    state.sort();
    state << QStringLiteral("menu bar visible=%1").arg(w.menuBar()->isVisible());
    return state.join(QStringLiteral("; ")).toStdString();
}

// The stop on screen: its parts framed inside the window, the callout inside it and clear of
// every part, the counter, and the focus on the part where the part takes it.
void expectStopShown(MainWindow &w, int index)
{
    WindowTour *tour = w.windowTour();
    const QString text = tour->calloutText();
    SCOPED_TRACE(text.toStdString());
    ASSERT_EQ(tour->current(), index);
    EXPECT_TRUE(text.contains(QStringLiteral("%1 of %2").arg(index + 1).arg(tour->count())));
    const std::vector<QRect> frames = tour->frames();
    ASSERT_FALSE(frames.empty()) << "nothing framed";
    const QRect window = w.rect();
    const QRect callout = tour->calloutFrame();
    EXPECT_TRUE(tour->callout()->isVisible());
    EXPECT_TRUE(window.contains(callout)) << describe(callout) << " outside " << describe(window);
    for (const QRect &f : frames) {
        EXPECT_GE(f.width(), 12) << describe(f);
        EXPECT_GE(f.height(), 12) << describe(f);
        EXPECT_TRUE(window.contains(f)) << describe(f) << " outside " << describe(window);
        EXPECT_FALSE(callout.intersects(f)) << "callout " << describe(callout) << " covers " << describe(f);
    }
    // Where Tab goes from here.
    const QString title = text.section(QLatin1Char('\n'), 0, 0);
    QWidget *focus = QApplication::focusWidget();
    QWidget *part = nullptr;
    if (title == QStringLiteral("Presets and files"))
        part = w.windowLayout().presetBox();
    else if (title == QStringLiteral("Scenario sliders"))
        part = w.parameterPanel();
    else if (title == QStringLiteral("Charts"))
        part = w.chartsPane();
    if (part != nullptr) {
        EXPECT_TRUE(focus == part || (focus != nullptr && part->isAncestorOf(focus)))
            << "focus on " << (focus ? focus->metaObject()->className() : "nothing");
    }
}

// Starts the tour with F1 and walks it: every stop with →, back to the first with ←, the ends
// with End and Home, then Esc. The clock does not move and the window is as it was.
void walkTheWholeTour(MainWindow &w)
{
    WindowTour *tour = w.windowTour();
    const std::string before = dockState(w);
    w.windowLayout().presetBox()->setFocus();
    QApplication::processEvents();
    QWidget *focusBefore = QApplication::focusWidget();
    const qint64 time = w.playback().time();

    press(w, Qt::Key_F1);
    ASSERT_TRUE(tour->isActive());
    ASSERT_GE(tour->count(), 12);
    for (int i = 0; i < tour->count(); ++i) {
        expectStopShown(w, i);
        if (i + 1 < tour->count())
            press(w, i % 3 == 0 ? Qt::Key_Right : i % 3 == 1 ? Qt::Key_Space : Qt::Key_Return);
    }
    for (int i = tour->count() - 1; i > 0; --i) {
        press(w, Qt::Key_Left);
        expectStopShown(w, i - 1);
    }
    press(w, Qt::Key_End);
    expectStopShown(w, tour->count() - 1);
    press(w, Qt::Key_Home);
    expectStopShown(w, 0);
    EXPECT_EQ(w.playback().time(), time) << "the tour's keys moved the clock";
    EXPECT_FALSE(w.playback().isPlaying()) << "Space played instead of going on";

    press(w, Qt::Key_Escape);
    EXPECT_FALSE(tour->isActive());
    EXPECT_FALSE(tour->isVisible());
    EXPECT_EQ(QApplication::focusWidget(), focusBefore);
    EXPECT_EQ(dockState(w), before);
}

bool screenBelowSupported()
{
    const QSize s = QGuiApplication::primaryScreen()->availableGeometry().size();
    return s.width() < 1280 || s.height() < 720;
}

} // namespace

TEST(CalloutPlacement, GoesBesideItsTargetInsideTheAreaAndNeverOverIt)
{
    const auto lines = [](int width) { return 2400 / width * 20; }; // narrower: taller
    struct Case {
        const char *name;
        QRect target;
    };
    const QRect area(0, 0, 1280, 720);
    for (const Case &c : {Case{"a combo box at the top left", QRect(10, 40, 260, 28)},
                          Case{"a dock down the whole left side", QRect(0, 30, 300, 680)},
                          Case{"the charts across the bottom", QRect(0, 480, 1280, 240)},
                          Case{"a menu entry at the top right", QRect(1180, 0, 60, 24)},
                          Case{"the centre, with a band on the left", QRect(320, 30, 960, 460)}}) {
        SCOPED_TRACE(c.name);
        const QRect r = placeCallout({area, {c.target}, 420, 240, 12, lines});
        EXPECT_TRUE(area.contains(r)) << describe(r);
        EXPECT_FALSE(r.intersects(c.target)) << describe(r);
        EXPECT_GE(r.width(), 240);
        EXPECT_EQ(r.height(), lines(r.width()));
    }
    // No target: the middle of the area.
    EXPECT_EQ(placeCallout({area, {}, 420, 240, 12, lines}).center(), area.center());
    // No room anywhere: still inside the area.
    EXPECT_TRUE(area.contains(placeCallout({area, {area.adjusted(5, 5, -5, -5)}, 420, 240, 12, lines})));
}

TEST(WindowTour, StartsFromTheHelpMenuByKeysAlone)
{
    auto w = launch(QSize(1280, 720));
    ASSERT_TRUE(w);
    press(*w, Qt::Key_H, Qt::AltModifier);
    auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    ASSERT_TRUE(menu) << "Alt+H opened no menu";
    EXPECT_EQ(menu->title(), QStringLiteral("&Help"));
    QTest::keyClick(menu, Qt::Key_W);
    QApplication::processEvents();
    ASSERT_TRUE(w->windowTour()->isActive());
    expectStopShown(*w, 0);
    press(*w, Qt::Key_Escape);
    EXPECT_FALSE(w->windowTour()->isActive());
}

TEST(WindowTour, WalksEveryPartOfACompactWindowAt1280x720AndPutsItBack)
{
    auto w = launch(QSize(1280, 720));
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->windowLayout().compact()) << "the default test screen is smaller than 1500×900";
    walkTheWholeTour(*w);
}

TEST(WindowTour, BringsTheTabOfItsPartForwardAndTheFirstTabBackAfter)
{
    auto w = launch(QSize(1280, 720));
    ASSERT_TRUE(w);
    const WindowLayout::Docks &docks = w->windowLayout().docks();
    ASSERT_TRUE(onWindow(docks.scenario));
    ASSERT_FALSE(onWindow(docks.narration)) << "compact: the narration is a tab behind the scenario";
    press(*w, Qt::Key_F1);
    while (!w->windowTour()->calloutText().startsWith(QStringLiteral("Narration")) && w->windowTour()->isActive())
        press(*w, Qt::Key_Right);
    ASSERT_TRUE(w->windowTour()->isActive());
    EXPECT_TRUE(onWindow(docks.narration));
    EXPECT_FALSE(onWindow(docks.scenario));
    press(*w, Qt::Key_Escape);
    EXPECT_TRUE(onWindow(docks.scenario));
    EXPECT_FALSE(onWindow(docks.narration));
}

TEST(WindowTour, LeavesAGuidedTourItsKeysAndGivesWayToOne)
{
    auto w = launch(QSize(1600, 1000));
    ASSERT_TRUE(w);
    WindowTour *tour = w->windowTour();
    // A guided tour runs: F1 does not start the tour of the window, and → stays the guided tour's.
    press(*w, Qt::Key_T, Qt::ControlModifier);
    ASSERT_TRUE(w->tourPanel()->isActive());
    press(*w, Qt::Key_F1);
    EXPECT_FALSE(tour->isActive());
    EXPECT_TRUE(w->windowLayout().status()->text().contains(QStringLiteral("guided tour")));
    press(*w, Qt::Key_Right);
    EXPECT_EQ(w->tourPanel()->step(), 1);
    w->tourPanel()->stop();

    // The tour of the window runs: a guided tour that starts ends it.
    press(*w, Qt::Key_F1);
    ASSERT_TRUE(tour->isActive());
    press(*w, Qt::Key_T, Qt::ControlModifier);
    EXPECT_TRUE(w->tourPanel()->isActive());
    EXPECT_FALSE(tour->isActive());
    press(*w, Qt::Key_Right);
    EXPECT_EQ(w->tourPanel()->step(), 1);
    w->tourPanel()->stop();
}

TEST(WindowTour, SavesItsScreenshotAt1600x1000)
{
    auto w = launch(QSize(1600, 1000));
    ASSERT_TRUE(w);
    press(*w, Qt::Key_F1);
    for (int i = 0; i < 3; ++i) // the schedulers of the three columns
        press(*w, Qt::Key_Right);
    expectStopShown(*w, 3);
    const QString shots =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(shots);
    EXPECT_TRUE(w->grab().save(shots + QStringLiteral("/window_tour.png")));
    press(*w, Qt::Key_Escape);
}

TEST(WindowTourScreen, WalksEveryPartOfTheFirstWindowOnThisScreen)
{
    if (screenBelowSupported())
        GTEST_SKIP() << "screen below 1280×720";
    auto w = launch();
    ASSERT_TRUE(w);
    const QSize screen = QGuiApplication::primaryScreen()->availableGeometry().size();
    EXPECT_EQ(w->windowLayout().compact(), WindowLayout::isCompact(screen));
    walkTheWholeTour(*w);
}

TEST(WindowTourScreen, WalksEveryPartWhilePresentingInLargeTypeAndEscLeavesOnlyTheTour)
{
    if (screenBelowSupported())
        GTEST_SKIP() << "screen below 1280×720";
    auto w = launch();
    ASSERT_TRUE(w);
    const int normalPixels = QFontInfo(w->font()).pixelSize();
    press(*w, Qt::Key_F5);
    QApplication::processEvents();
    ASSERT_TRUE(w->presentationMode());
    press(*w, Qt::Key_F1);
    ASSERT_TRUE(w->windowTour()->isActive());
    // The callout's text grows with the presentation's.
    EXPECT_GE(QFontInfo(w->windowTour()->callout()->font()).pixelSize(), qRound(normalPixels * w->textScale()) - 1);
    press(*w, Qt::Key_Escape);
    walkTheWholeTour(*w);
    EXPECT_TRUE(w->presentationMode()) << "Esc left the tour and presentation mode at once";
    press(*w, Qt::Key_Escape);
    EXPECT_FALSE(w->presentationMode());
}
