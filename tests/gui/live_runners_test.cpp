// Live mode with the real Go and Node.js runners: the Live menu's runtimes (checkable, remembered,
// a missing `go` or `node` disabled with the package to install), a run of the real conviz-cli with
// `--runtime go,node` from the window, and Cancel leaving none of the processes conviz-cli started.
#include "gui/charts/chart_widget.h"
#include "gui/core/live_process.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/live_bar.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolButton>

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <csignal>

#include "live_window.h"

using namespace conviz;
using namespace conviz::gui;
using namespace conviz::gui::testing;

namespace {

// PATH set to `value` for the scope, then restored.
struct ScopedPath {
    QByteArray saved = qgetenv("PATH");
    explicit ScopedPath(const QString &value) { qputenv("PATH", value.toLocal8Bit()); }
    ~ScopedPath() { qputenv("PATH", saved); }
};

bool realRuntimesInstalled()
{
    return !QStandardPaths::findExecutable(QStringLiteral("go")).isEmpty() &&
           !QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty();
}

// Each process alive (not a zombie): pid → (parent pid, "pid (name)").
std::map<long long, std::pair<long long, std::string>> processes()
{
    std::map<long long, std::pair<long long, std::string>> out;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool number = false;
        const long long pid = entry.toLongLong(&number);
        QFile file(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!number || !file.open(QIODevice::ReadOnly))
            continue;
        const std::string stat = file.readAll().toStdString();
        const std::size_t open = stat.find('('), close = stat.rfind(')');
        if (open == std::string::npos || close == std::string::npos)
            continue;
        std::istringstream rest(stat.substr(close + 2)); // state ppid …
        char state = 0;
        long long ppid = 0;
        rest >> state >> ppid;
        if (state != 'Z')
            out[pid] = {ppid, entry.toStdString() + " " + stat.substr(open, close - open + 1)};
    }
    return out;
}

// The processes `root` started, and theirs, still alive.
std::set<long long> descendants(long long root)
{
    const auto all = processes();
    std::set<long long> out{root};
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto &[pid, p] : all)
            if (out.count(p.first) && out.insert(pid).second)
                grew = true;
    }
    out.erase(root);
    return out;
}

// Each request waits 20 s: the runners are still going long after a cancel.
const char *const kLongRunners = R"(name = "long runners"
[load]
kind = "batch"
count = 4
[request]
steps = [ { io = "20s" } ]
)";

} // namespace

TEST(LiveRuntimes, AMissingGoOrNodeIsDisabledWithThePackageToInstallAndIsNotRun)
{
    LiveWindow w(kSmall, LiveMode::Runtimes{true, true, true});
    QAction *go = w.live().runtimeAction(MeasuredSource::Go);
    QAction *node = w.live().runtimeAction(MeasuredSource::Node);
    {
        const QTemporaryDir empty; // a PATH with neither go nor node on it
        const ScopedPath path(empty.path());
        w.live().refreshRuntimes();
        EXPECT_FALSE(go->isEnabled());
        EXPECT_FALSE(node->isEnabled());
        EXPECT_TRUE(w.live().runtimeAction(MeasuredSource::Cpp)->isEnabled());
        EXPECT_TRUE(go->toolTip().contains(QStringLiteral("sudo apt install golang-go")))
            << go->toolTip().toStdString();
        EXPECT_TRUE(node->toolTip().contains(QStringLiteral("sudo apt install nodejs")))
            << node->toolTip().toStdString();
        EXPECT_TRUE(go->isChecked()); // the user's choice stays for when go is installed
        EXPECT_EQ(w.live().runnableRuntimes(), (LiveMode::Runtimes{true, false, false}));
        // A first start with neither installed checks conviz's C++ executors alone.
        QSettings().remove(QStringLiteral("live/runtimes"));
        LiveWindow firstStart(kSmall, std::nullopt);
        EXPECT_EQ(firstStart.live().runtimes(), (LiveMode::Runtimes{true, false, false}));
    }
    w.live().refreshRuntimes();
    EXPECT_EQ(go->isEnabled(), !QStandardPaths::findExecutable(QStringLiteral("go")).isEmpty());
}

TEST(LiveRuntimes, TheCheckedRuntimesAreRememberedAndTheLastOneCannotBeUnchecked)
{
    LiveWindow w(kSmall, LiveMode::Runtimes{false, true, false});
    EXPECT_EQ(QSettings().value(QStringLiteral("live/runtimes")).toStringList(), QStringList{QStringLiteral("go")});
    w.live().runtimeAction(MeasuredSource::Go)->trigger(); // unchecking the only one: it stays
    EXPECT_TRUE(w.live().runtimeAction(MeasuredSource::Go)->isChecked());
    w.live().runtimeAction(MeasuredSource::Node)->trigger();
    LiveWindow again(kSmall, std::nullopt);
    EXPECT_EQ(again.live().runtimes(), (LiveMode::Runtimes{false, true, true}));
}

TEST(LiveRunners, RunsTheRealCliWithGoAndNodeAndShowsThemAsMeasuredSources)
{
    if (!realRuntimesInstalled())
        GTEST_SKIP() << "go and node are not both on PATH: install golang-go and nodejs (Debian) to run this test";
    LiveWindow w(kSmall, LiveMode::Runtimes{true, true, true});
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    QStringList texts;
    QObject::connect(&w.live().process(), &LiveProcess::progress, [&] { texts << w.live().bar()->progressText(); });
    w.live().run({QStringLiteral("--set"), QStringLiteral("live.requests=40")});
    ASSERT_TRUE(waitUntil([&] { return w.live().result() != nullptr || w.error->count > 0; }, 120000));
    ASSERT_EQ(w.error->count, 0) << w.error->message.toStdString();
    const LiveResult &r = *w.live().result();
    for (const auto &[model, source] :
         {std::pair{ModelKind::Fibers, MeasuredSource::Go}, std::pair{ModelKind::EventLoop, MeasuredSource::Node},
          std::pair{ModelKind::Fibers, MeasuredSource::Cpp}, std::pair{ModelKind::Threads, MeasuredSource::Cpp}}) {
        const auto &m = r.measuredOf(model, source);
        ASSERT_TRUE(m) << sourceKey(source) << " " << modelKey(model);
        EXPECT_EQ(m->completed, 40) << sourceKey(source);
        EXPECT_GT(m->throughputRps, 0) << sourceKey(source);
    }
    EXPECT_TRUE(r.measuredOf(ModelKind::Fibers, MeasuredSource::Go)->runtime.startsWith(QStringLiteral("go")));
    EXPECT_TRUE(texts.contains(QStringLiteral("real Go, then Node.js: running (no progress reported)")))
        << texts.join(QLatin1Char('|')).toStdString();
    QApplication::processEvents();
    EXPECT_TRUE(w.headlineText(ModelKind::Fibers).contains(QStringLiteral(" · Go "))) // Both: each source
        << w.headlineText(ModelKind::Fibers).toStdString();
    EXPECT_TRUE(w.headlineText(ModelKind::EventLoop).contains(QStringLiteral(" · Node.js ")))
        << w.headlineText(ModelKind::EventLoop).toStdString();

    // The sweep charts with every source's point, and Measured with real Go driving the fibers
    // column: pictures beside the other screenshots, to look at.
    QSignalSpy swept(&w.window->controller(), &SimulationController::sweepAvailable);
    w.window->controller().startSweep({"load.clients", 1, 8, 4, false});
    ASSERT_TRUE(swept.wait(60000));
    w.window->chartsPane()->tabs()->setCurrentIndex(ChartsPane::SweepTab);
    ASSERT_TRUE(waitUntil(
        [&] {
            for (const SeriesData &s : w.window->chartsPane()->throughputSweep()->data().series)
                if (s.marker == MarkerShape::Diamond)
                    return true;
            return false;
        },
        5000));
    const QString dir =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(dir);
    for (const QSize size : {QSize(1280, 720), QSize(1920, 1080)}) {
        w.window->resize(size);
        w.live().setSource(ResultSource::Both);
        QTest::qWait(50);
        EXPECT_TRUE(w.window->grab().save(
            dir + QStringLiteral("/live_sources_both_%1x%2.png").arg(size.width()).arg(size.height())));
        w.live().setSource(ResultSource::Measured);
        w.live().setDrivers({MeasuredSource::Go, MeasuredSource::Node});
        QTest::qWait(50);
        EXPECT_TRUE(w.window->grab().save(
            dir + QStringLiteral("/live_sources_measured_%1x%2.png").arg(size.width()).arg(size.height())));
    }
}

TEST(LiveRunners, CancelLeavesNoneOfTheProcessesTheRunStarted)
{
    if (!realRuntimesInstalled())
        GTEST_SKIP() << "go and node are not both on PATH: install golang-go and nodejs (Debian) to run this test";
    LiveWindow w(kLongRunners, LiveMode::Runtimes{false, true, true}); // the runners at once: no C++ run before them
    w.live().process().setCliPath(QStringLiteral(CONVIZ_CLI_PATH));
    QSignalSpy cancelled(&w.live().process(), &LiveProcess::cancelled);
    w.live().run();
    ASSERT_TRUE(waitUntil([&] { return w.live().process().processId() > 0; }, 5000));
    const qint64 cli = w.live().process().processId();
    // A runner (or `go build`) of conviz-cli's own: a process alive in two looks 300 ms apart. The
    // checks before the runners start short-lived processes, which one look could catch, find gone
    // the next moment, and take for what Cancel has to stop.
    std::set<long long> started;
    ASSERT_TRUE(waitUntil(
        [&] {
            const std::set<long long> first = descendants(cli);
            if (first.empty())
                return false;
            QTest::qWait(300);
            const std::set<long long> second = descendants(cli);
            started.clear();
            std::set_intersection(first.begin(), first.end(), second.begin(), second.end(),
                                  std::inserter(started, started.end()));
            return !started.empty();
        },
        60000));
    EXPECT_TRUE(w.live().bar()->progressText().contains(QStringLiteral("real Go")))
        << w.live().bar()->progressText().toStdString();
    w.live().bar()->cancelButton()->click();
    ASSERT_TRUE(waitUntil([&] { return !cancelled.isEmpty(); }, 5000));
    const auto alive = [&] {
        std::vector<std::string> left;
        const auto all = processes();
        for (const long long pid : started)
            if (const auto it = all.find(pid); it != all.end())
                left.push_back(it->second.second);
        return left;
    };
    EXPECT_TRUE(waitUntil([&] { return alive().empty(); }, 5000));
    for (const std::string &left : alive()) {
        ADD_FAILURE() << "still running after cancel: " << left;
        ::kill(std::stoi(left), SIGKILL); // never leave it behind the test
    }
    EXPECT_FALSE(w.live().result());
}
