// Live mode in the window, end to end: Run live starts the real conviz-cli on the scenario as it
// is, the window goes on, progress shows, the result lands in the columns (Both: measured against
// simulated), an edit marks it stale; Cancel kills the run within a second; a missing conviz-cli
// or a refused run is an error message, not a crash.
#include "gui/app/live_mode.h"
#include "gui/app/main_window.h"

#include "gui/charts/chart_widget.h"

#include "engine/scenario/scenario_file.h"
#include "gui/core/format.h"
#include "gui/core/live_process.h"
#include "gui/core/preview_prefix.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/headline_view.h"
#include "gui/widgets/live_bar.h"
#include "gui/widgets/model_column.h"

#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

#include "live_window.h"

#include <map>
#include <set>

#include <csignal>

using namespace conviz;
using namespace conviz::gui;
using namespace conviz::gui::testing;

namespace {

// Each request waits 20 s: a run that would go on long after a cancel.
const char *const kLong = R"(name = "long live"
[load]
kind = "batch"
count = 4
[request]
steps = [ { io = "20s" } ]
[threads]
stack_reserved = "256KiB"
)";

// 10,000 requests at once: more threads than live.max_threads allows.
const char *const kTooMany = R"(name = "too many"
[load]
kind = "batch"
count = 10000
[request]
steps = [ { io = "10ms" } ]
)";

} // namespace

TEST(LiveMode, RunsTheRealCliWhileTheWindowGoesOnAndShowsMeasuredBesideSimulated)
{
    LiveWindow w(kSmall);
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    QSignalSpy finished(&w.live().process(), &LiveProcess::finished);
    QElapsedTimer clock;
    clock.start();
    w.live().run({QStringLiteral("--set"), QStringLiteral("live.requests=40")});
    EXPECT_LT(clock.elapsed(), 500); // the window never waits for the run
    EXPECT_TRUE(w.live().process().isRunning());
    EXPECT_TRUE(w.live().bar()->progressShown());
    EXPECT_FALSE(w.live().runAction()->isEnabled());
    ASSERT_TRUE(waitUntil([&] { return !finished.isEmpty() || w.error->count > 0; }, 60000))
        << w.error->message.toStdString();
    ASSERT_EQ(w.error->count, 0) << w.error->message.toStdString();
    ASSERT_TRUE(w.live().result());
    for (ModelKind m : kAllModels) {
        const auto measured = w.live().result()->measuredOf(m);
        ASSERT_TRUE(measured);
        EXPECT_EQ(measured->completed, 40);
        // The CLI records which request ran on which thread and CPU, and the app reads it: the
        // timeline draws the measured run, every completed request in it.
        ASSERT_TRUE(measured->trace) << "no trace read for model " << static_cast<int>(m);
        std::set<std::uint32_t> ran;
        for (const auto &span : measured->trace->spans)
            ran.insert(span.request);
        EXPECT_EQ(ran.size(), 40u) << "model " << static_cast<int>(m);
    }
    EXPECT_FALSE(w.live().bar()->progressShown());
    EXPECT_TRUE(w.live().runAction()->isEnabled());
    // The first measurement is shown beside the simulation.
    EXPECT_EQ(w.live().source(), ResultSource::Both);
    QApplication::processEvents();
    for (ModelKind m : kAllModels) {
        const QString text = w.headlineText(m);
        EXPECT_TRUE(text.contains(QStringLiteral("meas")) && text.contains(QStringLiteral("sim")))
            << text.toStdString();
    }
    // Measured: the headline's numbers are the measurement's.
    w.live().setSource(ResultSource::Measured);
    QApplication::processEvents();
    const double rps = w.live().result()->measuredOf(ModelKind::Fibers)->throughputRps;
    const QString fibers = w.headlineText(ModelKind::Fibers);
    EXPECT_TRUE(fibers.contains(formatNumber(rps, 4))) << fibers.toStdString();
    EXPECT_TRUE(fibers.contains(QStringLiteral("measured on this machine"))) << fibers.toStdString();
}

TEST(LiveMode, ProgressLinesOnStderrMoveTheProgressBarAndOtherLinesAreTolerated)
{
    // conviz-cli's progress lines, written by a stand-in before it runs the real one.
    LiveWindow w(kSmall);
    const QString script = w.dir.filePath(QStringLiteral("fake-cli"));
    QFile f(script);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("#!/bin/sh\n"
                           "echo 'conviz-cli: a message that is not progress' >&2\n"
                           "echo '{\"live_progress\":{\"model\":\"event_loop\",\"index\":1,\"models\":3,"
                           "\"ended\":20,\"total\":40}}' >&2\n"
                           "sleep 1\n"
                           "exec '%1' \"$@\"\n")
                .arg(QStringLiteral(CONVIZ_CLI_PATH))
                .toUtf8());
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    w.live().process().setCliPath(script);
    QSignalSpy progress(&w.live().process(), &LiveProcess::progress);
    w.live().run({QStringLiteral("--set"), QStringLiteral("live.requests=40")});
    ASSERT_TRUE(waitUntil([&] { return !progress.isEmpty(); }, 10000));
    EXPECT_NEAR(w.live().bar()->progressFraction(), 1.5 / 3, 0.002);
    EXPECT_TRUE(w.live().bar()->progressText().contains(QStringLiteral("20 of 40")))
        << w.live().bar()->progressText().toStdString();
    ASSERT_TRUE(waitUntil([&] { return w.live().result() != nullptr || w.error->count > 0; }, 60000));
    EXPECT_EQ(w.error->count, 0) << w.error->message.toStdString();
    EXPECT_TRUE(w.live().process().messages().contains(QStringLiteral("conviz-cli: a message that is not progress")));
}

TEST(LiveMode, CancelKillsTheRunWithinASecond)
{
    LiveWindow w(kLong);
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    QSignalSpy cancelled(&w.live().process(), &LiveProcess::cancelled);
    w.live().run();
    ASSERT_TRUE(waitUntil([&] { return w.live().process().processId() > 0; }, 5000));
    const qint64 pid = w.live().process().processId();
    QTest::qWait(400); // well into the run's 20 s waits
    ASSERT_TRUE(w.live().process().isRunning());
    QElapsedTimer clock;
    clock.start();
    w.live().bar()->cancelButton()->click();
    ASSERT_TRUE(waitUntil([&] { return !cancelled.isEmpty(); }, 1000));
    EXPECT_LT(clock.elapsed(), 1000);
    EXPECT_FALSE(w.live().process().isRunning());
    EXPECT_NE(::kill(static_cast<pid_t>(pid), 0), 0); // the process is gone (reaped, not a zombie)
    EXPECT_FALSE(w.live().bar()->progressShown());
    EXPECT_EQ(w.error->count, 0);
    EXPECT_FALSE(w.live().result());
}

TEST(LiveMode, AMissingCliIsAnErrorMessageNotACrash)
{
    LiveWindow w(kSmall);
    w.live().process().setCliPath(w.dir.filePath(QStringLiteral("no-such-conviz-cli")));
    w.live().run();
    EXPECT_EQ(w.error->count, 1);
    EXPECT_EQ(w.error->title, QStringLiteral("conviz-cli not found"));
    EXPECT_TRUE(w.error->message.contains(QStringLiteral("CONVIZ_CLI"))) << w.error->message.toStdString();
    EXPECT_TRUE(w.live().runAction()->isEnabled());
    EXPECT_FALSE(w.live().bar()->progressShown());
}

TEST(LiveMode, ARefusedRunShowsTheCapAndTheSetThatRaisesIt)
{
    LiveWindow w(kTooMany);
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    w.live().run();
    ASSERT_TRUE(waitUntil([&] { return w.error->count > 0; }, 30000));
    EXPECT_EQ(w.error->title, QStringLiteral("Live run refused"));
    EXPECT_TRUE(w.error->message.contains(QStringLiteral("--set live.max_threads="))) << w.error->message.toStdString();
    EXPECT_FALSE(w.live().result());
    EXPECT_TRUE(w.live().runAction()->isEnabled());
}

TEST(LiveMode, AnEditMarksTheMeasurementStaleAndUndoingTheEditMakesItCurrentAgain)
{
    LiveWindow w(kSmall);
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    w.live().run({QStringLiteral("--set"), QStringLiteral("live.requests=40")});
    ASSERT_TRUE(waitUntil([&] { return w.live().result() != nullptr || w.error->count > 0; }, 60000));
    ASSERT_EQ(w.error->count, 0) << w.error->message.toStdString();
    EXPECT_FALSE(w.live().stale());
    Scenario edited = w.window->controller().scenario();
    const Scenario original = edited;
    edited.load.think.mean = Nanos{5000000};
    w.window->controller().setEdited(edited);
    EXPECT_TRUE(w.live().stale());
    QApplication::processEvents();
    EXPECT_TRUE(w.headlineText(ModelKind::Threads).contains(QStringLiteral("measured before your edit")))
        << w.headlineText(ModelKind::Threads).toStdString();
    EXPECT_TRUE(w.live().bar()->status().contains(QStringLiteral("run live again")));
    EXPECT_EQ(w.window->chartsPane()->measured(), nullptr); // no measured points beside another scenario
    w.window->controller().setEdited(original);
    EXPECT_FALSE(w.live().stale());
    EXPECT_NE(w.window->chartsPane()->measured(), nullptr);
}

// An open load slow to preview (the budget made tiny): a drag's preview of its first requests is
// not set beside the measurement: the columns keep live mode's presentation of the last whole run.
TEST(LiveMode, ADragsPreviewOfTheFirstRequestsIsNotComparedWithTheMeasurement)
{
    LiveWindow w(R"(name = "open live"
[machine]
cores = 2
[load]
kind = "open"
rate = 2000.0
requests = 3000
warmup = "100ms"
[request]
steps = [ { cpu = "200us" }, { io = "2ms" } ]
[threads]
stack_reserved = "256KiB"
)");
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    w.live().run({QStringLiteral("--set"), QStringLiteral("live.requests=40")});
    ASSERT_TRUE(waitUntil([&] { return w.live().result() != nullptr || w.error->count > 0; }, 60000));
    ASSERT_EQ(w.error->count, 0) << w.error->message.toStdString();
    ASSERT_EQ(w.live().source(), ResultSource::Both);
    SimulationController &c = w.window->controller();
    c.setPreviewBudgetMs(0.001);
    int previews = 0, partial = 0;
    std::map<ModelKind, QString> whole; // each headline as live mode presented the last whole run
    // After live mode's own handler: the columns show what it presents.
    QObject::connect(&c, &SimulationController::previewAvailable, [&](const std::shared_ptr<const RunSnapshot> &p) {
        ++previews;
        for (ModelKind m : kAllModels) {
            const QString text = w.headlineText(m);
            if (!p->prefix.partial()) {
                whole[m] = text;
                continue;
            }
            EXPECT_EQ(text, whole[m]) << "the prefix's numbers, or its note, reached the headline";
            EXPECT_TRUE(text.contains(QStringLiteral("meas"))) << text.toStdString();
        }
        partial += p->prefix.partial() ? 1 : 0;
    });
    const double rate = c.scenario().load.rate;
    c.dragStarted();
    for (int i = 1; i <= 3; ++i) {
        ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), rate + i).isEmpty());
        ASSERT_TRUE(waitUntil([&] { return previews == i; }, 60000));
    }
    c.editFinished();
    ASSERT_TRUE(waitUntil([&] { return !c.isRunning() && c.latest()->scenario == c.scenario(); }, 60000));
    EXPECT_EQ(partial, 2); // the first preview, whole, told the controller the scenario is slow
}

// Both at a projector's and a desktop's size: every headline text inside its view and whole, the
// sweep charts with the measured stars; the pictures land beside the other screenshots.
TEST(LiveMode, BothModeAt1280x720And1920x1080KeepsEveryHeadlineWholeAndStarsTheSweep)
{
    LiveWindow w(kSmall);
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    w.live().run({QStringLiteral("--set"), QStringLiteral("live.requests=40")});
    ASSERT_TRUE(waitUntil([&] { return w.live().result() != nullptr || w.error->count > 0; }, 60000));
    ASSERT_EQ(w.error->count, 0) << w.error->message.toStdString();
    QSignalSpy swept(&w.window->controller(), &SimulationController::sweepAvailable);
    w.window->controller().startSweep({"load.clients", 1, 8, 4, false});
    ASSERT_TRUE(swept.wait(60000));
    w.window->chartsPane()->tabs()->setCurrentIndex(ChartsPane::SweepTab);
    ASSERT_TRUE(waitUntil(
        [&] {
            for (const SeriesData &s : w.window->chartsPane()->throughputSweep()->data().series)
                if (s.name.endsWith(QStringLiteral("measured")))
                    return true;
            return false;
        },
        5000));
    int stars = 0;
    for (const SeriesData &s : w.window->chartsPane()->throughputSweep()->data().series)
        if (s.marker == MarkerShape::Star) {
            ++stars;
            ASSERT_EQ(s.points.size(), 1);
            EXPECT_DOUBLE_EQ(s.points[0].x(), 2); // the measured scenario's two clients
        }
    EXPECT_EQ(stars, 3);
    const QString dir =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(dir);
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
        SCOPED_TRACE(size.width());
        w.window->resize(size);
        QApplication::processEvents();
        QApplication::processEvents();
        for (ModelColumn *c : w.window->columns()) {
            HeadlineView *headline = static_cast<HeadlineView *>(c->views()[0]);
            bool compared = false;
            for (const TextItem &t : headline->textLayout().items) {
                EXPECT_TRUE(QRectF(headline->rect()).contains(t.cell)) << t.text.toStdString();
                EXPECT_LE(QFontMetricsF(t.font).horizontalAdvance(t.text), t.cell.width() + 0.5)
                    << t.text.toStdString();
                compared = compared || (t.text.contains(QStringLiteral("meas")) &&
                                        t.text.contains(QStringLiteral("sim")) && t.text.contains(QLatin1Char('%')));
            }
            EXPECT_TRUE(compared) << "no measured-against-simulated line";
        }
        const QString path = dir + QStringLiteral("/live_both_%1x%2.png").arg(size.width()).arg(size.height());
        EXPECT_TRUE(w.window->grab().save(path));
    }
}

TEST(LiveProcessCli, IsFoundInTheBuildTreeAndCONVIZ_CLIOverridesIt)
{
    const QByteArray saved = qgetenv("CONVIZ_CLI");
    qunsetenv("CONVIZ_CLI");
    // The tests run from build/dev/tests/gui: build/dev/cli/conviz-cli is two folders up.
    EXPECT_EQ(LiveProcess::findCli(), QFileInfo(QStringLiteral(CONVIZ_CLI_PATH)).canonicalFilePath());
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("my-conviz-cli"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(CONVIZ_CLI_PATH), copy));
    qputenv("CONVIZ_CLI", copy.toUtf8());
    EXPECT_EQ(LiveProcess::findCli(), copy);
    // A CONVIZ_CLI that names nothing runnable is an error that names it, not a fall-back.
    qputenv("CONVIZ_CLI", dir.filePath(QStringLiteral("missing")).toUtf8());
    EXPECT_TRUE(LiveProcess::findCli().isEmpty());
    LiveProcess process;
    QString message;
    QObject::connect(&process, &LiveProcess::failed, [&](const QString &, const QString &m) { message = m; });
    EXPECT_FALSE(process.start(Scenario{}));
    EXPECT_TRUE(message.contains(QStringLiteral("CONVIZ_CLI names"))) << message.toStdString();
    if (saved.isNull())
        qunsetenv("CONVIZ_CLI");
    else
        qputenv("CONVIZ_CLI", saved);
}
