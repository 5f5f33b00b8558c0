// The window on the screens people teach with: a 1280×720 projector or laptop and a 1920×1080
// display. These tests use the screen the platform gives them; tests/gui/CMakeLists.txt runs them
// on offscreen screens of both sizes (tests/gui/screens/*.json) and they skip on anything smaller.
#include "gui/app/launch.h"
#include "gui/app/main_window.h"
#include "gui/app/window_layout.h"
#include "gui/charts/chart_widget.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/chart_picker.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/tour_panel.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFontInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace conviz::gui;

namespace {

// A first launch: settings of their own, empty, so no saved geometry from another test applies.
class FirstLaunch {
public:
    FirstLaunch() : m_name(QApplication::applicationName())
    {
        QApplication::setApplicationName(QStringLiteral("conviz-tests-first-launch"));
        QSettings().clear();
    }
    ~FirstLaunch()
    {
        QSettings().clear();
        QApplication::setApplicationName(m_name);
    }

private:
    QString m_name;
};

QRect screenRect() { return QGuiApplication::primaryScreen()->availableGeometry(); }

bool smallerThanSupported()
{
    const QRect r = screenRect();
    return r.width() < 1280 || r.height() < 720;
}

std::unique_ptr<MainWindow> launch(const QString &preset)
{
    auto w = std::make_unique<MainWindow>();
    w->controller().setAutoSweep(false);
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    QSignalSpy result(&w->controller(), &SimulationController::resultAvailable);
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()) || !w->openScenario(presetDirectory() + QLatin1Char('/') + preset) ||
        !result.wait(120000))
        return nullptr;
    QApplication::processEvents();
    return w;
}

// On a supported screen, as at a first launch.
class ScreenTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (smallerThanSupported())
            GTEST_SKIP() << "screen below 1280×720, the smallest supported";
    }
    FirstLaunch m_first;
};
class SmallScreen : public ScreenTest {};
class ProjectorLayout : public ScreenTest {};

// Each model column lies whole inside the central area, at no less than its minimum size.
void expectColumnsWhole(MainWindow &w)
{
    const QRect central = w.centralWidget()->rect();
    for (ModelColumn *c : w.columns()) {
        const QRect r(c->mapTo(w.centralWidget(), QPoint(0, 0)), c->size());
        EXPECT_TRUE(central.contains(r)) << "column at " << r.x() << "," << r.y() << " " << r.width() << "×"
                                         << r.height() << " outside " << central.width() << "×" << central.height();
        EXPECT_GE(c->height(), c->minimumSizeHint().height());
        EXPECT_GE(c->width(), c->minimumSizeHint().width());
    }
}

} // namespace

TEST_F(SmallScreen, TheFirstWindowFitsTheScreenAndShowsEveryColumnWhole)
{
    auto w = launch(QStringLiteral("benchmark-trap.toml"));
    ASSERT_TRUE(w);
    const QRect screen = screenRect();
    SCOPED_TRACE(QStringLiteral("screen %1×%2").arg(screen.width()).arg(screen.height()).toStdString());

    EXPECT_EQ(w->windowLayout().compact(), WindowLayout::isCompact(screen.size()));
    // The window, and the least it can shrink to, fit the screen with the window manager's frame.
    const QSize room = fittedSize(screen.size(), screen.size());
    EXPECT_LE(w->width(), room.width());
    EXPECT_LE(w->height(), room.height());
    EXPECT_LE(w->minimumSizeHint().width(), room.width());
    EXPECT_LE(w->minimumSizeHint().height(), room.height());
    expectColumnsWhole(*w);

    // The parameters and the charts are on screen, the charts at a readable height.
    auto *scenario = w->findChild<QDockWidget *>(QStringLiteral("ScenarioDock"));
    auto *charts = w->findChild<QDockWidget *>(QStringLiteral("ChartsDock"));
    ASSERT_TRUE(scenario && charts);
    EXPECT_TRUE(scenario->isVisible());
    EXPECT_TRUE(charts->isVisible());
    EXPECT_GE(w->chartsPane()->height(), WindowLayout::kChartsMinHeight);
    EXPECT_TRUE(w->rect().contains(QRect(charts->mapTo(w.get(), QPoint(0, 0)), charts->size())));
}

TEST_F(SmallScreen, AWindowSavedOnALargerScreenComesBackInsideThisOne)
{
    {
        MainWindow big;
        big.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
        big.setGeometry(0, 0, 3000, 2000); // as if saved on a 4K display
        big.show();
        big.close(); // saves the geometry
    }
    MainWindow w;
    w.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&w));
    EXPECT_TRUE(screenRect().contains(w.frameGeometry()))
        << w.frameGeometry().width() << "×" << w.frameGeometry().height();
}

TEST_F(ProjectorLayout, PresentationModeFillsTheScreenWithOneChartAndLargeTourText)
{
    auto w = launch(QStringLiteral("benchmark-trap.toml"));
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->startTour());
    const std::vector<double> normalWidths = w->chartsPane()->throughputOverTime()->lineWidths();
    QTest::keyClick(w.get(), Qt::Key_F5);
    ASSERT_TRUE(w->presentationMode());
    QApplication::processEvents();
    const QRect screen = QGuiApplication::primaryScreen()->geometry();
    SCOPED_TRACE(QStringLiteral("screen %1×%2").arg(screen.width()).arg(screen.height()).toStdString());

    EXPECT_EQ(w->geometry(), screen);
    EXPECT_LE(w->minimumSizeHint().width(), screen.width());
    EXPECT_LE(w->minimumSizeHint().height(), screen.height());
    expectColumnsWhole(*w);
    EXPECT_TRUE(projectorPalette());

    // One chart at a time, at the pane's full width, its lines at least 3 px.
    ChartsPane *charts = w->chartsPane();
    EXPECT_TRUE(charts->oneChartAtATime());
    // Its text grows with the screen where the chart has the height for it (not on 720 lines,
    // where the axes would lose their labels).
    EXPECT_NEAR(charts->throughputOverTime()->textScale(), screen.height() >= 900 ? w->textScale() : 1.0, 1e-9);
    const auto shown = charts->timePicker()->shownCharts();
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_GE(charts->height(), WindowLayout::kChartsMinHeight);
    EXPECT_GT(shown.front()->width(), charts->width() * 9 / 10);
    for (std::size_t i = 0; i < normalWidths.size(); ++i) {
        EXPECT_GE(charts->throughputOverTime()->lineWidths().at(i), kProjectorMinLine);
        EXPECT_GE(charts->throughputOverTime()->lineWidths().at(i), normalWidths[i]);
    }

    // The tour's text: 28 px on a 1080-line screen, scaled with the height, beside the chart.
    TourPanel *tour = w->tourPanel();
    ASSERT_TRUE(tour->isVisible());
    QTest::qWait(20);                             // the tour's dock takes its width once laid out
    EXPECT_GE(tour->width(), screen.width() / 3); // lines a room can read, not a narrow side panel
    EXPECT_GE(QFontInfo(tour->font()).pixelSize(), qRound(28.0 * screen.height() / 1080) - 1);
    const QRect tourRect(tour->mapTo(w.get(), QPoint(0, 0)), tour->size());
    const QRect chartRect(charts->mapTo(w.get(), QPoint(0, 0)), charts->size());
    EXPECT_FALSE(tourRect.intersects(chartRect));
    EXPECT_TRUE(w->rect().contains(tourRect));
    for (ModelColumn *c : w->columns())
        EXPECT_FALSE(tourRect.intersects(QRect(c->mapTo(w.get(), QPoint(0, 0)), c->size())));

    QTest::keyClick(w.get(), Qt::Key_Escape);
    EXPECT_FALSE(w->presentationMode());
    EXPECT_FALSE(projectorPalette());
    EXPECT_FALSE(charts->oneChartAtATime());
    EXPECT_EQ(charts->timePicker()->shownCharts().size(), 2u);
    EXPECT_EQ(charts->throughputOverTime()->lineWidths(), normalWidths);
}

TEST_F(ProjectorLayout, TheChartCutsNoTextAndTheMenuBarsRoomGoesToTheTourWithEveryShortcutKept)
{
    auto w = launch(QStringLiteral("memory-at-scale.toml"));
    ASSERT_TRUE(w);
    ASSERT_TRUE(w->startTour());
    QTest::keyClick(w.get(), Qt::Key_F5);
    ASSERT_TRUE(w->presentationMode());
    QTest::qWait(50); // the chart's height follows the rows once they have their projector fonts
    const QRect screen = QGuiApplication::primaryScreen()->geometry();
    SCOPED_TRACE(QStringLiteral("screen %1×%2").arg(screen.width()).arg(screen.height()).toStdString());

    // Qt Charts elides a text it has no room for ("Compl…", tick labels as "…"): none may be cut.
    ChartWidget *chart = w->chartsPane()->throughputOverTime();
    const QStringList texts = chart->shownTexts();
    EXPECT_GE(texts.size(), 8) << "title, axis title, ticks and legend";
    for (const QString &t : texts)
        EXPECT_FALSE(t.contains(QChar(0x2026))) << "cut: " << t.toStdString();
    EXPECT_TRUE(chart->shownTitles().title.contains(chart->data().yTitle)) << "the vertical axis named in the title";

    // No menu bar: its height is the tour's. The menus' shortcuts still work.
    EXPECT_FALSE(w->menuBar()->isVisible());
    QTest::keyClick(w.get(), Qt::Key_L, Qt::ControlModifier);
    EXPECT_STREQ(w->columns().front()->views().back()->metaObject()->className(), "conviz::gui::StackLogBarsView");
    QTest::keyClick(w.get(), Qt::Key_L, Qt::ControlModifier);

    // The step counter shares the buttons' row and the tour's large text (it inherits the font).
    TourPanel *tour = w->tourPanel();
    QLabel *counter = nullptr;
    for (QLabel *l : tour->findChildren<QLabel *>())
        if (l->text().startsWith(QStringLiteral("Step ")))
            counter = l;
    ASSERT_TRUE(counter);
    EXPECT_GE(QFontInfo(counter->font()).pixelSize(), qRound(28.0 * screen.height() / 1080) - 1);
    const QPushButton *next = nullptr;
    for (QPushButton *b : tour->findChildren<QPushButton *>())
        if (b->text().startsWith(QStringLiteral("Next")))
            next = b;
    ASSERT_TRUE(next);
    EXPECT_LT(std::abs(counter->geometry().center().y() - next->geometry().center().y()), next->height() / 2);

    QTest::keyClick(w.get(), Qt::Key_Escape);
    EXPECT_TRUE(w->menuBar()->isVisible());
    QTest::qWait(50);
    // In the normal layout too: the vertical axis is named on its axis where the plot is tall
    // enough for it, else in the title, never cut.
    for (const QString &t : chart->shownTexts())
        EXPECT_FALSE(t.contains(QChar(0x2026))) << "cut after leaving: " << t.toStdString();
    const ChartWidget::Titles titles = chart->shownTitles();
    EXPECT_NE(titles.title.contains(chart->data().yTitle), titles.yTitle == chart->data().yTitle);
}

TEST_F(ProjectorLayout, StartingInPresentationModeShowsTheWindowFullScreenFromItsFirstFrame)
{
    // A window manager may ignore "full screen" from a window it is still mapping: the window
    // must be full screen before it is first shown, not made so just after.
    MainWindow w;
    w.controller().setAutoSweep(false);
    struct FirstShow : QObject {
        std::optional<Qt::WindowStates> states;
        bool eventFilter(QObject *o, QEvent *e) override
        {
            if (e->type() == QEvent::Show && !states)
                states = static_cast<QWidget *>(o)->windowState();
            return false;
        }
    } first;
    w.installEventFilter(&first);
    LaunchOptions options;
    options.scenario = presetDirectory() + QStringLiteral("/benchmark-trap.toml");
    options.present = true;
    conviz::gui::launch(w, options);
    ASSERT_TRUE(first.states);
    EXPECT_TRUE(first.states->testFlag(Qt::WindowFullScreen));
    EXPECT_TRUE(w.presentationMode());
    w.setPresentationMode(false);
}

TEST_F(SmallScreen, TheSweepsChartsCutNoText)
{
    auto w = launch(QStringLiteral("default.toml"));
    ASSERT_TRUE(w);
    SCOPED_TRACE(QStringLiteral("screen %1×%2").arg(screenRect().width()).arg(screenRect().height()).toStdString());
    QSignalSpy sweep(&w->controller(), &SimulationController::sweepAvailable);
    ChartsPane *charts = w->chartsPane();
    charts->tabs()->setCurrentIndex(ChartsPane::SweepTab);
    w->controller().startSweep(w->controller().scenario().sweep);
    ASSERT_TRUE(sweep.wait(120000));
    QTest::qWait(50); // the charts lay out their ticks for the height they got

    // Qt Charts elides a tick label or an axis title it has no room for ("…" or "..."): none may
    // be, and every chart still says what its horizontal axis is.
    for (ChartWidget *chart : {charts->throughputSweep(), charts->latencySweep(), charts->memorySweep()}) {
        const QStringList texts = chart->shownTexts();
        SCOPED_TRACE(chart->data().title.toStdString());
        EXPECT_GE(texts.size(), 5) << "title and ticks";
        for (const QString &t : texts)
            EXPECT_FALSE(t.contains(QChar(0x2026)) || t.contains(QStringLiteral("..."))) << "cut: " << t.toStdString();
        const ChartWidget::Titles titles = chart->shownTitles();
        const QString xName = chart->data().xTitle.section(QStringLiteral(" ("), 0, 0);
        EXPECT_TRUE(titles.xTitle == chart->data().xTitle || titles.title.contains(xName, Qt::CaseInsensitive))
            << "the horizontal axis named on its axis or by the title: " << titles.title.toStdString();
    }
    // Whichever parameter the sweep varies is named whole ("Load › Requests in t" names nothing).
    auto *knob = charts->findChild<QComboBox *>(QStringLiteral("SweepKnob"));
    ASSERT_TRUE(knob);
    ASSERT_GT(knob->count(), 1);
    const QFontMetrics fm(knob->font());
    for (int i = 0; i < knob->count(); ++i)
        EXPECT_GE(knob->width(), fm.horizontalAdvance(knob->itemText(i)) + 24) << knob->itemText(i).toStdString();
}
