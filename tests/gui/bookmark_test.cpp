// Bookmarks: the file and the token round-trip; a preset plus its edits restores the exact scenario;
// a bookmark that no longer validates (a key renamed, a value out of range, a preset gone, a newer
// format, a damaged token) says what is wrong and changes nothing; and a window's moment — edits,
// seed, tour step, instant, zoom, charts tab, stack picture — comes back exactly in a fresh window,
// from the file, from the token and from the command line.
#include "gui/app/bookmark_actions.h"
#include "gui/app/launch.h"
#include "gui/app/main_window.h"
#include "gui/app/session.h"
#include "gui/core/bookmark.h"
#include "gui/core/bookmark_scenario.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/tour_panel.h"

#include "engine/scenario/scenario_file.h"
#include "test_scenarios.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

QString writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text);
    return path;
}

QString readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

Scenario presetScenario()
{
    Scenario s = test::smallWebScenario(600);
    s.name = "Marked";
    return s;
}

// A folder of presets for the test: marked.toml with a three-step tour whose second step doubles
// the rate. The windows read it through $CONVIZ_SCENARIO_DIR while the fixture lives.
class PresetFolder {
public:
    PresetFolder()
    {
        EXPECT_FALSE(scenario::saveFile(presetScenario(), preset().toStdString()));
        QDir(m_dir.path()).mkdir(QStringLiteral("tours"));
        writeFile(m_dir.filePath(QStringLiteral("tours/marked.toml")),
                  "title = \"Walk\"\n[[step]]\ntext = \"Start.\"\nat = \"start\"\n[[step]]\ntext = \"Twice the "
                  "load.\"\nset = { \"load.rate\" = " +
                      QByteArray::number(presetScenario().load.rate * 2) +
                      " }\nat = \"busiest\"\n[[step]]\ntext = \"The end.\"\nat = \"end\"\n");
        m_old = qgetenv("CONVIZ_SCENARIO_DIR");
        qputenv("CONVIZ_SCENARIO_DIR", m_dir.path().toUtf8());
    }
    ~PresetFolder()
    {
        if (m_old.isEmpty())
            qunsetenv("CONVIZ_SCENARIO_DIR");
        else
            qputenv("CONVIZ_SCENARIO_DIR", m_old);
    }
    QString preset() const { return m_dir.filePath(QStringLiteral("marked.toml")); }
    // The preset's values as its file has them.
    const Scenario &values()
    {
        m_values = *scenario::loadFile(preset().toStdString()).scenario;
        return m_values;
    }
    QString file(const QString &name) const { return m_dir.filePath(name); }
    std::vector<Preset> presets() const
    {
        PresetModel model;
        model.scan(m_dir.path());
        return model.presets();
    }

private:
    QTemporaryDir m_dir;
    QByteArray m_old;
    Scenario m_values;
};

// A window as the tests drive it: no sweeps, short debounce, errors recorded, nothing asked.
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

BookmarkParse parseText(const QString &text) { return bookmarkFromText(text, QStringLiteral("b.conviz")); }

QString resolveError(const PresetFolder &presets, const QString &text)
{
    return resolveBookmarkScenario(parseText(text), QStringLiteral("b.conviz"), presets.presets()).error;
}

const QString kValid = QStringLiteral("conviz_bookmark = 1\npreset = \"marked\"\nseed = 7\n[edits]\n\"load.rate\" = "
                                      "1500\n[view]\ninstant = 1000\n");

} // namespace

TEST(BookmarkFile, TextAndTokenRoundTripEveryField)
{
    Bookmark b;
    b.preset = QStringLiteral("fanout-500");
    // By key, as a file read back lists them (restoring applies choices first, whatever the order).
    b.edits = {{.key = QStringLiteral("load.rate"), .number = 812.5, .choice = {}},
               {.key = QStringLiteral("request.cpu"), .number = 1.0 / 3.0 * 1e6, .choice = {}},
               {.key = QStringLiteral("threads.mode"), .number = std::nullopt, .choice = QStringLiteral("pool")}};
    b.check = QStringLiteral("0123456789ab");
    b.seed = 18446744073709551615ull; // past TOML's integers: written as a string
    b.view = {.instant = 123456789,
              .timelineStart = 1.0e8 / 3.0,
              .timelineSpan = 2.5e6,
              .follow = false,
              .charts = BookmarkView::Charts::Cost,
              .stackLogScale = true,
              .columns = BookmarkView::Columns::Both};
    b.tourStep = 4;
    const BookmarkParse text = bookmarkFromText(bookmarkToText(b), QStringLiteral("x.conviz"));
    ASSERT_TRUE(text.bookmark) << text.error.toStdString();
    EXPECT_EQ(*text.bookmark, b);
    const QString token = bookmarkToToken(b);
    EXPECT_TRUE(token.startsWith(QStringLiteral("conviz:1:")));
    EXPECT_TRUE(looksLikeBookmarkToken(token));
    // A chat wraps long lines and some put <> around what looks like a link.
    const QString wrapped =
        QStringLiteral("<") + token.left(30) + QStringLiteral("\n  ") + token.mid(30) + QStringLiteral(">");
    const BookmarkParse back = bookmarkFromToken(wrapped);
    ASSERT_TRUE(back.bookmark) << back.error.toStdString();
    EXPECT_EQ(*back.bookmark, b);
    // A token leaves out what is at its default; it reads back the same.
    Bookmark plain;
    plain.preset = QStringLiteral("default");
    plain.view.instant = 5;
    const BookmarkParse short_ = bookmarkFromToken(bookmarkToToken(plain));
    ASSERT_TRUE(short_.bookmark) << short_.error.toStdString();
    EXPECT_EQ(*short_.bookmark, plain);
    EXPECT_LT(bookmarkToToken(plain).size(), bookmarkToToken(b).size());
}

TEST(BookmarkFile, AWholeScenarioRoundTripsAndStaysReadable)
{
    Bookmark b;
    b.scenarioToml = QString::fromStdString(scenario::toToml(presetScenario()));
    b.file = QStringLiteral("/home/me/my api.toml");
    b.seed = 42;
    const QString text = bookmarkToText(b);
    EXPECT_TRUE(text.contains(QStringLiteral("scenario = '''\n"))); // the TOML as it is, not escaped
    const BookmarkParse back = parseText(text);
    ASSERT_TRUE(back.bookmark) << back.error.toStdString();
    EXPECT_EQ(*back.bookmark, b);
}

TEST(BookmarkEdits, APresetPlusItsEditsRestoresTheExactScenario)
{
    PresetFolder folder;
    Scenario edited = presetScenario();
    edited.load.rate = 1234.5;
    edited.threads.mode = ThreadMode::Pool;
    edited.threads.poolSize = 24;
    edited.pools[0].size = 5;
    edited.seed = 99;
    ASSERT_TRUE(scenario::setParameterValue("request.cpu", edited, 700e3));
    edited = *scenario::loadString(scenario::toToml(edited), "edited").scenario;

    Bookmark b;
    setBookmarkScenario(b, edited, QStringLiteral("marked"), &folder.values(), folder.preset());
    EXPECT_EQ(b.preset, QStringLiteral("marked"));
    EXPECT_TRUE(b.scenarioToml.isEmpty());
    EXPECT_GE(b.edits.size(), 5u);
    EXPECT_LE(b.edits.size(), 7u); // only what changed, not the whole scenario
    const BookmarkScenario r =
        resolveBookmarkScenario(bookmarkFromToken(bookmarkToToken(b)), QStringLiteral("t"), folder.presets());
    ASSERT_TRUE(r.scenario) << r.error.toStdString();
    EXPECT_EQ(*r.scenario, edited);
    EXPECT_EQ(r.sourcePath, folder.preset());
    EXPECT_FALSE(r.presetChanged);
}

TEST(BookmarkEdits, WhatTheKeysCannotSayGoesInAsTheWholeScenario)
{
    PresetFolder folder;
    Scenario edited = presetScenario();
    edited.description = "Renamed by hand"; // no registry key says this
    Bookmark b;
    setBookmarkScenario(b, edited, QStringLiteral("marked"), &folder.values(), folder.preset());
    EXPECT_TRUE(b.preset.isEmpty());
    ASSERT_FALSE(b.scenarioToml.isEmpty());
    const BookmarkScenario r =
        resolveBookmarkScenario(parseText(bookmarkToText(b)), QStringLiteral("t"), folder.presets());
    ASSERT_TRUE(r.scenario) << r.error.toStdString();
    EXPECT_EQ(*r.scenario, edited);
}

TEST(BookmarkEdits, APresetThatChangedSinceIsNoticed)
{
    PresetFolder folder;
    Bookmark b;
    Scenario edited = presetScenario();
    edited.load.rate = 1500;
    setBookmarkScenario(b, edited, QStringLiteral("marked"), &folder.values(), folder.preset());
    Scenario changed = presetScenario();
    changed.load.requests = 700;
    ASSERT_FALSE(scenario::saveFile(changed, folder.preset().toStdString()));
    const BookmarkScenario r =
        resolveBookmarkScenario(parseText(bookmarkToText(b)), QStringLiteral("t"), folder.presets());
    ASSERT_TRUE(r.scenario);
    EXPECT_TRUE(r.presetChanged);
}

TEST(BookmarkValidation, EachProblemSaysWhatAndWhere)
{
    PresetFolder folder;
    ASSERT_TRUE(resolveError(folder, kValid).isEmpty()) << resolveError(folder, kValid).toStdString();
    auto expectError = [&](const QString &text, const QStringList &parts) {
        const QString error = resolveError(folder, text);
        for (const QString &part : parts)
            EXPECT_TRUE(error.contains(part)) << "expected “" << part.toStdString() << "” in: " << error.toStdString();
    };
    QString renamed = kValid;
    renamed.replace(QStringLiteral("\"load.rate\""), QStringLiteral("\"load.rat\""));
    expectError(renamed, {QStringLiteral("b.conviz: [edits]"), QStringLiteral("`load.rat`"),
                          QStringLiteral("did you mean `load.rate`")});
    QString outOfRange = kValid;
    outOfRange.replace(QStringLiteral("= 1500"), QStringLiteral("= -5"));
    expectError(outOfRange,
                {QStringLiteral("b.conviz: [edits]"), QStringLiteral("`load.rate`"), QStringLiteral("greater than 0")});
    QString choice = kValid;
    choice.replace(QStringLiteral("\"load.rate\" = 1500"), QStringLiteral("\"threads.mode\" = \"poool\""));
    expectError(choice, {QStringLiteral("`threads.mode` is one of"), QStringLiteral("\"pool\""),
                         QStringLiteral("got \"poool\"")});
    QString preset = kValid;
    preset.replace(QStringLiteral("\"marked\""), QStringLiteral("\"gone\""));
    expectError(preset, {QStringLiteral("no preset “gone”"), QStringLiteral("marked")});
    QString newer = kValid;
    newer.replace(QStringLiteral("conviz_bookmark = 1"), QStringLiteral("conviz_bookmark = 2"));
    expectError(newer, {QStringLiteral("newer conviz"), QStringLiteral("format 2")});
    expectError(kValid + QStringLiteral("[tour]\nstep = 9\n"),
                {QStringLiteral("[tour] `step`"), QStringLiteral("step 9"), QStringLiteral("3 steps now")});
    expectError(kValid + QStringLiteral("zoom = 3\n"), {QStringLiteral("unknown key `zoom` in [view]")});
    expectError(
        QStringLiteral("conviz_bookmark = 1\nseed = 1\nscenario = '''\nname = \"x\"\n[load]\nrate = \"fast\"\n'''\n"),
        {QStringLiteral("b.conviz:6:")}); // the bookmark's own line, not the scenario's
    expectError(QStringLiteral("name = \"a scenario, not a bookmark\"\n"), {QStringLiteral("not a conviz bookmark")});
}

TEST(BookmarkValidation, ATokenThatIsNotOneOrIsDamagedSaysSo)
{
    Bookmark b;
    b.preset = QStringLiteral("default");
    const QString token = bookmarkToToken(b);
    EXPECT_TRUE(bookmarkFromToken(token.left(token.size() - 6)).error.contains(QStringLiteral("damaged")));
    EXPECT_TRUE(bookmarkFromToken(QStringLiteral("conviz:1:%%%")).error.contains(QStringLiteral("damaged")));
    EXPECT_TRUE(bookmarkFromToken(QStringLiteral("hello")).error.contains(QStringLiteral("not a conviz bookmark")));
    EXPECT_TRUE(bookmarkFromToken(QStringLiteral("conviz:7:abc")).error.contains(QStringLiteral("newer conviz")));
    // A key of thousands of dotted parts would overflow the TOML parser's stack: refused first.
    QString deep =
        QStringLiteral("conviz_bookmark = 1\n") + QStringLiteral("a.").repeated(5000) + QStringLiteral("b = 1\n");
    EXPECT_TRUE(parseText(deep).error.contains(QStringLiteral("dots")));
}

TEST(BookmarkFile, ATokenForAnEditedShippedPresetIsShortEnoughForAChat)
{
    // Shipped presets as a workshop shares them; docs/bookmarks.md quotes what this prints.
    const auto load = [](const char *name) {
        return scenario::loadFile(
            (presetDirectory() + QLatin1Char('/') + QString::fromLatin1(name) + QStringLiteral(".toml")).toStdString());
    };
    const auto measure = [](const char *what, const Bookmark &b) {
        const QString token = bookmarkToToken(b);
        std::printf("| %s | %lld bytes | %lld characters |\n", what,
                    static_cast<long long>(bookmarkToText(b).toUtf8().size()), static_cast<long long>(token.size()));
        return token.size();
    };
    const scenario::LoadResult plain = load("default");
    ASSERT_TRUE(plain.ok());
    Bookmark b;
    setBookmarkScenario(b, *plain.scenario, QStringLiteral("default"), &*plain.scenario, {});
    ASSERT_TRUE(b.edits.empty());
    b.view.instant = 1'563'210'000;
    EXPECT_LT(measure("default, unedited, at an instant", b), 200);

    // Two sliders moved, zoomed in and panned: the typical paste.
    Scenario edited = *plain.scenario;
    edited.load.rate = 2500;
    edited.pools[0].size = 20;
    setBookmarkScenario(b, edited, QStringLiteral("default"), &*plain.scenario, {});
    ASSERT_EQ(b.edits.size(), 2u);
    b.view = {.instant = 1'563'210'000, .timelineStart = 1'560'000'000, .timelineSpan = 8'000'000, .follow = false};
    EXPECT_LT(measure("default, 2 edits, zoomed and panned", b), 300);

    const scenario::LoadResult fanout = load("fanout-500");
    ASSERT_TRUE(fanout.ok());
    edited = *fanout.scenario;
    edited.machine.cores = 16;
    edited.load.rate = 35;
    ASSERT_TRUE(scenario::setChoiceValue("threads.mode", edited, "pool"));
    setBookmarkScenario(b, edited, QStringLiteral("fanout-500"), &*fanout.scenario, {});
    ASSERT_EQ(b.edits.size(), 3u);
    b.view.charts = BookmarkView::Charts::Cost;
    b.tourStep = 2;
    EXPECT_LT(measure("fanout-500, 3 edits, zoomed, tour step 3, Cost tab", b), 350);

    // Not a preset: the whole scenario goes in.
    Bookmark whole;
    setBookmarkScenario(whole, edited, {}, nullptr, QStringLiteral("/home/me/my-fanout.toml"));
    measure("fanout-500's values as a file of your own (whole scenario)", whole);
    // Its token leaves the scenario's comments out, and still gives exactly that scenario.
    const BookmarkScenario back =
        resolveBookmarkScenario(bookmarkFromToken(bookmarkToToken(whole)), QStringLiteral("t"), {});
    ASSERT_TRUE(back.scenario) << back.error.toStdString();
    EXPECT_EQ(*back.scenario, edited);
}

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
