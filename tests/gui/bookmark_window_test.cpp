// Bookmarks in the window: a moment — edits, seed, tour step, instant, zoom, charts tab, stack
// picture — comes back exactly in a fresh window, from the file (Ctrl+B), the token (Ctrl+Shift+V,
// the clipboard or typed) and the command line; a bookmark that does not validate says so and
// changes nothing.
#include "gui/app/bookmark_actions.h"
#include "gui/app/launch.h"
#include "gui/app/main_window.h"
#include "gui/app/session.h"
#include "gui/core/bookmark.h"
#include "gui/core/bookmark_scenario.h"
#include "gui/core/playback_state.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/tour_panel.h"

#include "bookmark_support.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <gtest/gtest.h>

#include <map>

using namespace conviz;
using namespace conviz::gui;
using namespace conviz::gui::test;

namespace {

struct TestWindow {
    MainWindow w;
    QStringList errors;
    QString savePath;
    QString typedToken;
    TestWindow()
    {
        w.controller().setAutoSweep(false);
        w.controller().setDebounceMs(10);
        w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
        BookmarkPrompts p;
        p.savePath = [this](const QString &) { return savePath; };
        p.openPath = [](const QString &) { return QString(); };
        p.token = [this](const QString &) { return typedToken; };
        p.showError = [this](const QString &, const QString &message) { errors << message; };
        w.bookmarks().setPrompts(p);
        w.resize(1400, 900);
        w.show();
    }
    bool waitRestored()
    {
        if (!w.bookmarks().restoring())
            return true;
        QSignalSpy restored(&w.bookmarks(), &BookmarkActions::restored);
        return restored.wait(60000);
    }
};

bool waitForCurrentResult(MainWindow &w)
{
    QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
    for (int i = 0; i < 20; ++i) {
        const auto latest = w.controller().latest();
        if (latest && latest->scenario == w.controller().scenario() && !w.controller().isRunning())
            return true;
        if (!result.wait(30000))
            return false;
    }
    return false;
}

QAction *logScale(MainWindow &w) { return w.findChild<QAction *>(QStringLiteral("stackLogScale")); }

} // namespace

TEST(BookmarkWindow, AMomentComesBackExactlyInAFreshWindowFromTheFileAndTheToken)
{
    PresetFolder folder;
    TestWindow a;
    ASSERT_TRUE(a.w.openScenario(folder.preset()));
    ASSERT_TRUE(waitForCurrentResult(a.w));
    // A tour at its second step (which doubles the rate), then the user's own edit on top of it.
    ASSERT_TRUE(a.w.startTour());
    QSignalSpy shown(a.w.tourPanel(), &TourPanel::stepShown);
    a.w.tourPanel()->next();
    ASSERT_TRUE(shown.wait(30000));
    ASSERT_TRUE(a.w.controller().setChoice(QStringLiteral("threads.mode"), QStringLiteral("pool")).isEmpty());
    a.w.controller().editFinished();
    ASSERT_TRUE(waitForCurrentResult(a.w));
    // Seek, zoom and pan, another charts tab, the log picture.
    PlaybackState &p = a.w.playback();
    p.setTime(p.duration() / 3);
    p.setVisibleSpan(static_cast<double>(p.duration()) / 50.0);
    p.panBy(-40);
    a.w.chartsPane()->tabs()->setCurrentIndex(ChartsPane::CostTab);
    const SweepSpec sweepA{"pools.db", 2, 40, 4, true}; // a sweep of the user's, not the scenario's
    a.w.controller().startSweep(sweepA);
    logScale(a.w)->setChecked(true);
    ASSERT_FALSE(p.isFollowing());

    const Scenario scenarioA = a.w.controller().scenario();
    const auto resultA = a.w.controller().latest();
    const qint64 timeA = p.time();
    const TimeAxis axisA = p.axis();
    a.savePath = folder.file(QStringLiteral("moment.conviz"));
    ASSERT_TRUE(a.w.bookmarks().bookmarkThisMoment());
    const QString token = QGuiApplication::clipboard()->text();
    ASSERT_TRUE(token.startsWith(QStringLiteral("conviz:1:")));
    EXPECT_TRUE(a.w.windowLayout().status()->text().contains(QStringLiteral("moment.conviz")));
    EXPECT_TRUE(readFile(a.savePath).contains(QStringLiteral("preset = \"marked\"")));

    const auto expectSameMoment = [&](TestWindow &b) {
        MainWindow &w = b.w;
        ASSERT_TRUE(b.errors.isEmpty()) << b.errors.join(QLatin1Char('\n')).toStdString();
        ASSERT_TRUE(b.waitRestored());
        EXPECT_EQ(w.controller().scenario(), scenarioA);
        EXPECT_EQ(w.controller().scenario().seed, scenarioA.seed);
        EXPECT_EQ(w.controller().sourcePath(), folder.preset());
        ASSERT_TRUE(w.tourPanel()->isActive());
        EXPECT_EQ(w.tourPanel()->step(), 1);
        EXPECT_EQ(w.playback().time(), timeA);
        EXPECT_FALSE(w.playback().isFollowing());
        EXPECT_NEAR(w.playback().axis().span, axisA.span, 1e-6 * axisA.span);
        EXPECT_NEAR(w.playback().axis().start, axisA.start, 1e-6 * axisA.span);
        EXPECT_EQ(w.chartsPane()->tabs()->currentIndex(), static_cast<int>(ChartsPane::CostTab));
        EXPECT_TRUE(logScale(w)->isChecked());
        EXPECT_EQ(w.controller().currentSweep(), sweepA);
        const auto resultB = w.controller().latest();
        ASSERT_TRUE(resultB);
        for (std::size_t m = 0; m < 3; ++m) { // the headline numbers
            EXPECT_EQ(resultB->models[m].metrics.completed, resultA->models[m].metrics.completed);
            EXPECT_EQ(resultB->models[m].metrics.throughputRps, resultA->models[m].metrics.throughputRps);
            EXPECT_EQ(resultB->models[m].metrics.latency.p99, resultA->models[m].metrics.latency.p99);
            EXPECT_EQ(resultB->models[m].metrics.memory.peakCommitted, resultA->models[m].metrics.memory.peakCommitted);
        }
    };
    {
        TestWindow b;
        ASSERT_TRUE(b.w.bookmarks().openFile(a.savePath));
        expectSameMoment(b);
    }
    {
        TestWindow c;
        c.w.activateWindow(); // a window's shortcuts work in the active window
        ASSERT_TRUE(QTest::qWaitForWindowActive(&c.w));
        QGuiApplication::clipboard()->setText(token);
        QTest::keyClick(&c.w, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier); // the clipboard's token
        EXPECT_TRUE(c.w.bookmarks().restoring() || c.w.tourPanel()->isActive());
        expectSameMoment(c);
    }
}

TEST(BookmarkWindow, CtrlBBookmarksEditsWithoutATourAndPastingThemTypedRestoresThem)
{
    PresetFolder folder;
    TestWindow a;
    ASSERT_TRUE(a.w.openScenario(folder.preset()));
    ASSERT_TRUE(waitForCurrentResult(a.w));
    ASSERT_TRUE(a.w.controller().setKnob(QStringLiteral("load.rate"), 1700).isEmpty());
    a.w.controller().editFinished();
    ASSERT_TRUE(waitForCurrentResult(a.w));
    a.w.playback().setTime(a.w.playback().duration() / 2);
    a.savePath = folder.file(QStringLiteral("typed")); // the suffix is added
    QTest::keyClick(&a.w, Qt::Key_B, Qt::ControlModifier);
    ASSERT_TRUE(QFile::exists(folder.file(QStringLiteral("typed.conviz"))));
    const QString token = QGuiApplication::clipboard()->text();

    TestWindow b;
    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    b.typedToken = token; // the dialog: the clipboard holds no bookmark
    ASSERT_TRUE(b.w.bookmarks().openFromText());
    ASSERT_TRUE(b.waitRestored());
    EXPECT_EQ(b.w.controller().scenario(), a.w.controller().scenario());
    EXPECT_EQ(b.w.playback().time(), a.w.playback().time());
    EXPECT_TRUE(b.w.playback().isFollowing());
    EXPECT_FALSE(b.w.tourPanel()->isActive());
    EXPECT_TRUE(b.w.session().isDirty()); // the edits are unsaved edits of the read-only preset
}

TEST(BookmarkWindow, ABookmarkThatDoesNotValidateSaysWhatAndChangesNothing)
{
    PresetFolder folder;
    TestWindow w;
    ASSERT_TRUE(w.w.openScenario(folder.preset()));
    ASSERT_TRUE(waitForCurrentResult(w.w));
    w.w.playback().setTime(12345);
    const Scenario before = w.w.controller().scenario();
    const auto latest = w.w.controller().latest();
    QString renamed = kValid;
    renamed.replace(QStringLiteral("\"load.rate\""), QStringLiteral("\"load.rat\""));
    const QString path = writeFile(folder.file(QStringLiteral("old.conviz")), renamed.toUtf8());
    QSignalSpy started(&w.w.controller(), &SimulationController::runStarted);
    EXPECT_FALSE(w.w.bookmarks().openFile(path));
    ASSERT_EQ(w.errors.size(), 1);
    EXPECT_TRUE(w.errors[0].contains(QStringLiteral("old.conviz: [edits]")));
    EXPECT_TRUE(w.errors[0].contains(QStringLiteral("did you mean `load.rate`")));
    EXPECT_FALSE(w.w.bookmarks().openToken(QStringLiteral("conviz:1:AAAA")));
    ASSERT_EQ(w.errors.size(), 2);
    EXPECT_TRUE(w.errors[1].contains(QStringLiteral("damaged")));
    QApplication::processEvents();
    EXPECT_EQ(w.w.controller().scenario(), before);
    EXPECT_EQ(w.w.controller().latest(), latest);
    EXPECT_EQ(w.w.playback().time(), 12345);
    EXPECT_TRUE(started.isEmpty());
    EXPECT_FALSE(w.w.bookmarks().restoring());
}

TEST(BookmarkLaunch, TheCommandLineRestoresABookmarkFile)
{
    PresetFolder folder;
    Scenario edited = presetScenario();
    edited.load.rate = 1100;
    edited.seed = 5;
    Bookmark b;
    setBookmarkScenario(b, edited, QStringLiteral("marked"), &folder.values(), {});
    b.view.instant = 50'000'000;
    b.view.charts = BookmarkView::Charts::Sweep;
    const QString path = writeFile(folder.file(QStringLiteral("cli.conviz")), bookmarkToText(b).toUtf8());
    EXPECT_TRUE(isBookmarkPath(path));
    EXPECT_FALSE(isBookmarkPath(folder.preset()));

    TestWindow w;
    LaunchOptions options;
    options.scenario = path;
    launch(w.w, options);
    ASSERT_TRUE(w.errors.isEmpty()) << w.errors.join(QLatin1Char('\n')).toStdString();
    ASSERT_TRUE(w.waitRestored());
    EXPECT_EQ(w.w.controller().scenario(), *scenario::loadString(scenario::toToml(edited), "e").scenario);
    EXPECT_EQ(w.w.playback().time(), 50'000'000);
    EXPECT_EQ(w.w.chartsPane()->tabs()->currentIndex(), static_cast<int>(ChartsPane::SweepTab));
    EXPECT_TRUE(w.w.windowLayout().status()->text().contains(QStringLiteral("cli.conviz")));
}

TEST(BookmarkWindow, TheActionsAreInTheFileMenuWithKeysNoOtherActionHasAndWhatsThisText)
{
    TestWindow t;
    QMenu *file = nullptr;
    for (QAction *top : t.w.menuBar()->actions())
        if (top->text() == QStringLiteral("&File"))
            file = top->menu();
    ASSERT_TRUE(file);
    const std::map<QString, QKeySequence> expected{
        {QStringLiteral("bookmarkThisMoment"), QKeySequence(Qt::CTRL | Qt::Key_B)},
        {QStringLiteral("openBookmark"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
        {QStringLiteral("openBookmarkFromText"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V)},
    };
    for (const auto &[name, key] : expected) {
        auto *a = t.w.findChild<QAction *>(name);
        ASSERT_TRUE(a) << name.toStdString();
        EXPECT_TRUE(file->actions().contains(a)) << name.toStdString();
        EXPECT_TRUE(t.w.actions().contains(a)) << name.toStdString(); // works with the menu bar hidden
        EXPECT_EQ(a->shortcut(), key) << name.toStdString();
        EXPECT_TRUE(a->whatsThis().contains(key.toString())) << name.toStdString();
    }
    // No other action of the window answers the same keys.
    std::map<QString, int> uses;
    for (QAction *a : t.w.findChildren<QAction *>())
        for (const QKeySequence &k : a->shortcuts())
            ++uses[k.toString()];
    for (const auto &[name, key] : expected)
        EXPECT_EQ(uses[key.toString()], 1) << key.toString().toStdString();
}
