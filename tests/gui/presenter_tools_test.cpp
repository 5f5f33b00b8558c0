// A presenter's tools over the window (Present menu): the spotlight dims all but its region, the
// pen's strokes follow the mouse and undo, a frozen frame keeps the old picture, the countdown
// counts down to "Time's up", clicks reach the window only while no tool needs them, and each
// shortcut used while presenting is named in a caption.
#include "gui/app/main_window.h"
#include "gui/app/presenter_tools.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/presenter_overlay.h"

#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QWindow>

#include <gtest/gtest.h>

using namespace conviz::gui;

namespace {

// A plain window, white or black, with the overlay over it.
struct Stage {
    QWidget window;
    PresenterOverlay *overlay = nullptr;

    Stage()
    {
        window.resize(400, 300);
        paint(Qt::white);
        overlay = new PresenterOverlay(&window);
        window.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&window));
    }
    void paint(Qt::GlobalColor colour)
    {
        QPalette p = window.palette();
        p.setColor(QPalette::Window, colour);
        window.setPalette(p);
        window.setAutoFillBackground(true);
        window.update();
    }
    QImage picture() { return window.grab().toImage(); }
};

int brightness(QRgb c) { return (qRed(c) + qGreen(c) + qBlue(c)) / 3; }

} // namespace

TEST(PresenterOverlay, TheSpotlightDimsEverythingButItsRegion)
{
    Stage s;
    s.overlay->setTool(PresenterOverlay::Tool::Spotlight);
    s.overlay->setSpotlight(QRect(100, 100, 120, 90));
    const QImage img = s.picture();
    EXPECT_GT(brightness(img.pixel(160, 145)), 245) << "the lit region stays as it is";
    EXPECT_LT(brightness(img.pixel(20, 20)), 120) << "the rest is dimmed";
    EXPECT_LT(brightness(img.pixel(380, 280)), 120);
}

TEST(PresenterOverlay, AClickMovesTheSpotlightAndADragDrawsANewOne)
{
    Stage s;
    s.overlay->setTool(PresenterOverlay::Tool::Spotlight);
    s.overlay->setSpotlight(QRect(0, 0, 100, 80));
    QTest::mouseClick(s.overlay, Qt::LeftButton, {}, QPoint(300, 200));
    EXPECT_EQ(s.overlay->spotlight().center(), QPoint(300, 200));
    EXPECT_EQ(s.overlay->spotlight().size(), QSize(100, 80));
    QTest::mousePress(s.overlay, Qt::LeftButton, {}, QPoint(20, 30));
    QTest::mouseMove(s.overlay, QPoint(220, 130));
    QTest::mouseRelease(s.overlay, Qt::LeftButton, {}, QPoint(220, 130));
    EXPECT_EQ(s.overlay->spotlight(), QRect(QPoint(20, 30), QPoint(220, 130)));
}

TEST(PresenterOverlay, PenStrokesFollowTheMouseAndUndoRemovesTheLast)
{
    Stage s;
    s.overlay->setTool(PresenterOverlay::Tool::Pen);
    QTest::mousePress(s.overlay, Qt::LeftButton, {}, QPoint(50, 150));
    for (int x = 60; x <= 350; x += 10)
        QTest::mouseMove(s.overlay, QPoint(x, 150));
    QTest::mouseRelease(s.overlay, Qt::LeftButton, {}, QPoint(350, 150));
    ASSERT_EQ(s.overlay->strokeCount(), 1);
    QRgb ink = s.picture().pixel(200, 150);
    EXPECT_GT(qRed(ink), 180) << "vermillion ink along the stroke";
    EXPECT_LT(qBlue(ink), 80);
    EXPECT_GT(brightness(s.picture().pixel(200, 60)), 245) << "nothing away from it";

    s.overlay->setTool(PresenterOverlay::Tool::None); // putting the pen away keeps the strokes
    EXPECT_EQ(s.overlay->strokeCount(), 1);
    s.overlay->undoStroke();
    EXPECT_EQ(s.overlay->strokeCount(), 0);
    ink = s.picture().pixel(200, 150);
    EXPECT_GT(brightness(ink), 245) << "undo took the stroke away";
}

TEST(PresenterOverlay, ClicksReachTheWindowOnlyWhileNoToolNeedsThem)
{
    Stage s;
    auto *button = new QPushButton(QStringLiteral("Run"), &s.window);
    button->setGeometry(10, 10, 80, 30);
    button->show();
    s.overlay->showCaption(QStringLiteral("Space   Play / pause"), 60000); // the overlay is up, toolless
    ASSERT_TRUE(s.overlay->isVisible());
    EXPECT_EQ(s.window.childAt(QPoint(30, 20)), button);
    s.overlay->setTool(PresenterOverlay::Tool::Pen);
    EXPECT_EQ(s.window.childAt(QPoint(30, 20)), s.overlay);
    s.overlay->setTool(PresenterOverlay::Tool::None);
    s.overlay->setFrozen(true); // a click would change what nobody can see
    EXPECT_EQ(s.window.childAt(QPoint(30, 20)), s.overlay);
    s.overlay->setFrozen(false);
    EXPECT_EQ(s.window.childAt(QPoint(30, 20)), button);
}

TEST(PresenterOverlay, AFrozenFrameKeepsThePictureWhileTheWindowChangesUnderIt)
{
    Stage s;
    s.overlay->setFrozen(true);
    s.paint(Qt::black);
    EXPECT_GT(brightness(s.picture().pixel(200, 150)), 245) << "still the frozen white window";
    s.overlay->setFrozen(false);
    EXPECT_LT(brightness(s.picture().pixel(200, 150)), 10) << "the window as it is now";
    EXPECT_FALSE(s.overlay->isVisible());
}

TEST(PresenterOverlay, TheCountdownCountsDownToTimesUp)
{
    Stage s;
    qint64 now = 1000;
    s.overlay->setClock([&now] { return now; });
    EXPECT_TRUE(s.overlay->countdownText().isEmpty());
    s.overlay->startCountdown(90);
    EXPECT_EQ(s.overlay->countdownText(), QStringLiteral("1:30"));
    now += 30'500;
    EXPECT_EQ(s.overlay->countdownText(), QStringLiteral("1:00"));
    now += 59'000;
    EXPECT_EQ(s.overlay->countdownText(), QStringLiteral("0:01"));
    now += 500;
    EXPECT_EQ(s.overlay->countdownText(), QStringLiteral("Time's up"));
    EXPECT_TRUE(s.overlay->isVisible()) << "Time's up stays until the countdown is stopped";
    s.overlay->startCountdown(0);
    EXPECT_FALSE(s.overlay->countdownRunning());
    EXPECT_TRUE(s.overlay->countdownText().isEmpty());
}

namespace {

std::unique_ptr<MainWindow> window()
{
    auto w = std::make_unique<MainWindow>();
    w->controller().setAutoSweep(false);
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w->resize(1280, 720);
    w->show();
    EXPECT_TRUE(QTest::qWaitForWindowActive(w.get()));
    return w;
}

} // namespace

TEST(PresenterTools, EachToolHasAWindowWideKeyAndCtrl0PutsThemAllAway)
{
    auto w = window();
    PresenterOverlay &overlay = w->presenter().overlay();
    QTest::keyClick(w.get(), Qt::Key_1, Qt::ControlModifier);
    EXPECT_EQ(overlay.tool(), PresenterOverlay::Tool::Spotlight);
    QTest::keyClick(w.get(), Qt::Key_2, Qt::ControlModifier);
    EXPECT_EQ(overlay.tool(), PresenterOverlay::Tool::Pointer);
    QTest::keyClick(w.get(), Qt::Key_3, Qt::ControlModifier);
    EXPECT_EQ(overlay.tool(), PresenterOverlay::Tool::Pen);
    QTest::keyClick(w.get(), Qt::Key_3, Qt::ControlModifier);
    EXPECT_EQ(overlay.tool(), PresenterOverlay::Tool::None) << "the same key puts the tool away";
    QTest::keyClick(w.get(), Qt::Key_4, Qt::ControlModifier);
    EXPECT_TRUE(overlay.frozen());
    QTest::keyClick(w.get(), Qt::Key_1, Qt::ControlModifier);
    QTest::keyClick(w.get(), Qt::Key_0, Qt::ControlModifier);
    EXPECT_EQ(overlay.tool(), PresenterOverlay::Tool::None);
    EXPECT_FALSE(overlay.frozen());
    // What is left is the caption naming the key, since a tool was on when it was pressed.
    EXPECT_TRUE(overlay.caption().contains(QStringLiteral("All presenter tools off")))
        << overlay.caption().toStdString();
}

TEST(PresenterTools, TheCountdownAsksForMinutesAndTheSameKeyStopsIt)
{
    auto w = window();
    PresenterOverlay &overlay = w->presenter().overlay();
    int asked = -1;
    std::optional<int> answer = 2;
    w->presenter().setMinutesPrompt([&](int last) {
        asked = last;
        return answer;
    });
    QTest::keyClick(w.get(), Qt::Key_5, Qt::ControlModifier);
    EXPECT_GE(asked, 1);
    EXPECT_TRUE(overlay.countdownRunning());
    EXPECT_EQ(overlay.countdownText(), QStringLiteral("2:00"));
    QTest::keyClick(w.get(), Qt::Key_5, Qt::ControlModifier);
    EXPECT_FALSE(overlay.countdownRunning());
    answer.reset(); // the dialog cancelled
    QTest::keyClick(w.get(), Qt::Key_5, Qt::ControlModifier);
    EXPECT_FALSE(overlay.countdownRunning());
}

TEST(PresenterTools, WhilePresentingEachShortcutUsedIsNamedInACaption)
{
    auto w = window();
    PresenterOverlay &overlay = w->presenter().overlay();
    QTest::keyClick(w.get(), Qt::Key_Space);
    EXPECT_TRUE(overlay.caption().isEmpty()) << "no captions outside presentation mode";

    w->presenter().setPresenting(true);
    QTest::keyClick(w.get(), Qt::Key_Space);
    EXPECT_EQ(overlay.caption(), QStringLiteral("Space   Play / pause"));
    QTest::keyClick(w.get(), Qt::Key_1, Qt::ControlModifier);
    EXPECT_TRUE(overlay.caption().contains(QStringLiteral("Spotlight"))) << overlay.caption().toStdString();

    bool touring = true;
    w->presenter().setTourRunning([&touring] { return touring; });
    QTest::keyClick(w->windowHandle(), Qt::Key_PageDown);
    EXPECT_EQ(overlay.caption(), QStringLiteral("Page Down   Next tour step"));

    QTest::keyClick(w.get(), Qt::Key_6, Qt::ControlModifier); // captions off
    QTest::keyClick(w.get(), Qt::Key_Space);
    EXPECT_NE(overlay.caption(), QStringLiteral("Space   Play / pause"));
    QTest::keyClick(w.get(), Qt::Key_6, Qt::ControlModifier); // on again: the setting is remembered
    w->presenter().allOff();
}
