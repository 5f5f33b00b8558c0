// A slider drag on a scenario slower to preview than the budget: previews of the first requests
// only, labelled, equal to a run of just those requests, and never of a load whose first requests
// are not a fair sample; the whole run after the release. The budget is made tiny here so that the
// checks hold however fast the machine is; the rule itself is checked on plain inputs first.
#include "gui/app/main_window.h"
#include "gui/app/window_layout.h"
#include "gui/charts/chart_widget.h"
#include "gui/core/knobs.h"
#include "gui/core/preset_model.h"
#include "gui/core/preview_prefix.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/exercise_panel.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/model_view.h"

#include "engine/scenario/scenario_file.h"
#include "engine/simulate.h"
#include "test_scenarios.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>

using namespace conviz;
using namespace conviz::gui;
using namespace conviz::literals;

Q_DECLARE_METATYPE(std::shared_ptr<const conviz::gui::RunSnapshot>)

namespace {

constexpr double kTinyBudgetMs = 0.001; // every scenario is slower than this to preview whole
constexpr int kResultMs = 60000;        // a guard against a hang on a loaded machine

// An open load of 3,000 requests at 2,000 a second after a 100 ms warm-up: its first few hundred
// requests span many lifetimes (a few ms each).
Scenario openLoad()
{
    Scenario s = test::smallWebScenario(3000);
    s.load.warmup = 100_ms;
    return s;
}

Scenario preset(const char *name)
{
    auto loaded = scenario::loadFile(
        (presetDirectory() + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".toml")).toStdString());
    EXPECT_TRUE(loaded.ok()) << name;
    return loaded.ok() ? *loaded.scenario : Scenario{};
}

// Every preview a controller delivers.
struct Previews {
    explicit Previews(SimulationController &c)
    {
        QObject::connect(&c, &SimulationController::previewAvailable,
                         [this](std::shared_ptr<const RunSnapshot> s) { seen.push_back(std::move(s)); });
    }
    std::vector<std::shared_ptr<const RunSnapshot>> seen;
};

bool settled(const SimulationController &c)
{
    return !c.isRunning() && c.latest() && c.latest()->scenario == c.scenario();
}

void load(SimulationController &c, const Scenario &s)
{
    c.setAutoSweep(false);
    c.setPreviewBudgetMs(kTinyBudgetMs);
    QSignalSpy spy(&c, &SimulationController::resultAvailable);
    c.setScenario(s, QString());
    ASSERT_TRUE(spy.wait(kResultMs));
}

// Drags the arrival rate through `steps` values a little above the scenario's, one preview each,
// and lets go; the controller then shows the traced result of the last value.
void dragRate(SimulationController &c, Previews &previews, int steps)
{
    const double from = c.scenario().load.rate;
    c.dragStarted();
    for (int i = 1; i <= steps; ++i) {
        const std::size_t before = previews.seen.size();
        ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), from * (1 + 0.01 * i)).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(previews.seen.size() > before, kResultMs);
    }
    c.editFinished();
    QTRY_VERIFY_WITH_TIMEOUT(settled(c), kResultMs);
}

} // namespace

TEST(PreviewPrefix, AFastPreviewOrAClosedOrBatchLoadIsNeverCut)
{
    const PreviewCost cheap{0.001, 0.01, true};
    EXPECT_EQ(previewRequests(openLoad(), cheap), 3000); // 3 ms whole: under the budget
    const PreviewCost slow{1, 0.01, true};
    EXPECT_LT(previewRequests(openLoad(), slow), 3000);
    Scenario closed = openLoad();
    closed.load.kind = LoadKind::Closed;
    EXPECT_EQ(previewRequests(closed, slow), 3000);
    Scenario batch = openLoad();
    batch.load.kind = LoadKind::Batch;
    EXPECT_EQ(previewRequests(batch, slow), 3000);
    Scenario timed = openLoad();
    timed.load.duration = 1_s;
    EXPECT_EQ(previewRequests(timed, slow), 3000);
    EXPECT_EQ(previewRequests(openLoad(), {1, 0.01, false}), 3000) << "a model fell behind its arrivals";
    EXPECT_EQ(previewRequests(openLoad(), {0, 0.01, true}), 3000) << "nothing measured yet";
}

TEST(PreviewPrefix, APrefixSpansTheWarmUpAndTenLifetimesAndHalvesTheWork)
{
    // 2,000 req/s, 100 ms warm-up: 200 arrive in it, then at least 100 measured.
    EXPECT_EQ(previewRequests(openLoad(), {1, 0.001, true}), 300);
    // The budget allows more: 35 ms at 0.05 ms a request.
    EXPECT_EQ(previewRequests(openLoad(), {0.05, 0.001, true}), 700);
    // Requests that live 50 ms: arrivals over 0.1 + 10 × 0.05 s, 1,200 of them.
    EXPECT_EQ(previewRequests(openLoad(), {1, 0.05, true}), 1200);
    // Requests that live 100 ms would need 2,200, more than half: the whole run.
    EXPECT_EQ(previewRequests(openLoad(), {1, 0.1, true}), 3000);
    // fanout-500 (20 req/s, 1 s warm-up, p99 0.38 s) at 114 ms for 400 requests: 122 fit the budget,
    // and 97 are enough to span its warm-up and ten lifetimes.
    EXPECT_EQ(previewRequests(preset("fanout-500"), {114.0 / 400, 0.382, true}), 122);
    // memory-at-scale: every connection arrives in the first second and waits 30 s. Never cut.
    EXPECT_EQ(previewRequests(preset("memory-at-scale"), {1, 30.0, true}), 10000);
}

TEST(PreviewPrefix, AWholeRunSaysNothingAndAPrefixSaysHowManyOfHowMany)
{
    EXPECT_TRUE(prefixNote({400, 400}).isEmpty());
    EXPECT_TRUE(prefixNote({}).isEmpty());
    const QStringList note = prefixNote({120, 400});
    ASSERT_FALSE(note.isEmpty());
    EXPECT_EQ(note.front(),
              QStringLiteral("Preview of the first 120 of 400 requests — the full run follows when you let go"));
    for (const QString &form : note)
        EXPECT_TRUE(form.contains(QStringLiteral("120 of 400"))) << form.toStdString();
}

TEST(DragPreview, ASlowOpenLoadPreviewsItsFirstRequestsWhileDraggedAndRunsWholeAfter)
{
    SimulationController c;
    load(c, openLoad());
    Previews previews(c);
    dragRate(c, previews, 4);
    ASSERT_EQ(previews.seen.size(), 4u);
    // The first preview has no time to go by yet: whole. Then the first requests only.
    EXPECT_FALSE(previews.seen.front()->prefix.partial());
    for (std::size_t i = 1; i < previews.seen.size(); ++i) {
        SCOPED_TRACE(i);
        const RunSnapshot &p = *previews.seen[i];
        ASSERT_TRUE(p.prefix.partial());
        EXPECT_EQ(p.prefix.total, 3000);
        EXPECT_LT(p.prefix.simulated, 3000);
        EXPECT_EQ(p.scenario.load.requests, 3000) << "the knobs show the whole scenario";
        // Exactly a run of its first requests.
        Scenario first = p.scenario;
        first.load.requests = p.prefix.simulated;
        for (std::size_t m = 0; m < kAllModels.size(); ++m) {
            const ModelMetrics alone = simulate(first, kAllModels[m]).metrics;
            const ModelMetrics &shown = p.models[m].metrics;
            EXPECT_EQ(shown.issued, p.prefix.simulated);
            EXPECT_EQ(shown.completed, alone.completed);
            EXPECT_EQ(shown.events, alone.events);
            EXPECT_EQ(shown.latency.p99, alone.latency.p99);
            EXPECT_EQ(shown.memory.peakCommitted, alone.memory.peakCommitted);
        }
    }
    // Let go: the traced run is whole.
    const RunSnapshot &traced = *c.latest();
    EXPECT_FALSE(traced.prefix.partial());
    for (const ModelRun &m : traced.models)
        EXPECT_EQ(m.metrics.issued, 3000);
}

TEST(DragPreview, AnEditOutsideADragPreviewsTheWholeRun)
{
    SimulationController c;
    load(c, openLoad());
    Previews previews(c);
    dragRate(c, previews, 2); // the controller now knows the scenario is slow to preview
    previews.seen.clear();
    ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), 1500).isEmpty()); // a typed value, a click
    QTRY_VERIFY_WITH_TIMEOUT(settled(c), kResultMs);
    ASSERT_EQ(previews.seen.size(), 1u);
    EXPECT_FALSE(previews.seen.front()->prefix.partial());
}

TEST(DragPreview, ALoadWhoseFirstRequestsAreNoFairSampleIsNeverCut)
{
    Scenario memory = preset("memory-at-scale");
    memory.load.requests = 2000; // the same shape, quicker to run: all arrive in 0.2 s, each lives 30 s
    Scenario batch = test::batchWaitScenario(2000);
    Scenario closed = openLoad();
    closed.load.kind = LoadKind::Closed;
    closed.load.clients = 50;
    for (const Scenario &s : {memory, batch, closed}) {
        SCOPED_TRACE(s.name);
        SimulationController c;
        load(c, s);
        Previews previews(c);
        c.dragStarted();
        const QString knob =
            s.load.kind == LoadKind::Batch ? QStringLiteral("machine.cores") : QStringLiteral("load.requests");
        for (int i = 1; i <= 3; ++i) {
            const std::size_t before = previews.seen.size();
            const double value = s.load.kind == LoadKind::Batch ? 4 + i : static_cast<double>(2000 + 10 * i);
            ASSERT_TRUE(c.setKnob(knob, value).isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(previews.seen.size() > before, kResultMs);
        }
        c.editFinished();
        QTRY_VERIFY_WITH_TIMEOUT(settled(c), kResultMs);
        ASSERT_EQ(previews.seen.size(), 3u);
        for (const auto &p : previews.seen)
            EXPECT_FALSE(p->prefix.partial()) << p->prefix.simulated << " of " << p->prefix.total;
    }
}

TEST(DragPreview, TheDefaultScenarioPreviewsWholeAtTheRealBudget)
{
    SimulationController c;
    c.setAutoSweep(false);
    QSignalSpy spy(&c, &SimulationController::resultAvailable);
    c.setScenario(preset("default"), QString());
    ASSERT_TRUE(spy.wait(kResultMs));
    Previews previews(c);
    dragRate(c, previews, 4);
    ASSERT_EQ(previews.seen.size(), 4u);
    // 8,000 requests in 10–20 ms on the 2-core machine of docs/performance.md, where the budget is
    // 35 ms. A machine (or a sanitizer build) that takes over 70 ms, so that a prefix of half the
    // requests would fit that budget, may cut them: that is the rule working, not this test's case.
    const double slowest =
        std::max_element(previews.seen.begin(), previews.seen.end(),
                         [](const auto &a, const auto &b) { return a->computeMillis < b->computeMillis; })
            ->get()
            ->computeMillis;
    if (slowest > 70)
        GTEST_SKIP() << "this machine takes " << slowest << " ms to preview the default scenario";
    for (const auto &p : previews.seen)
        EXPECT_FALSE(p->prefix.partial()) << p->prefix.simulated << " of " << p->prefix.total;
}

namespace {

// Every text a column's headline shows, joined.
QString headlineText(ModelColumn &column)
{
    QString all;
    for (const TextItem &item : column.views().front()->textLayout().items)
        all += item.text + QLatin1Char('\n');
    return all;
}

// A window at 1280×720 whose previews have the tiny budget, showing `show`'s traced result.
std::unique_ptr<MainWindow> window(const std::function<void(MainWindow &)> &show)
{
    auto w = std::make_unique<MainWindow>();
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w->controller().setAutoSweep(false);
    w->controller().setPreviewBudgetMs(kTinyBudgetMs);
    w->resize(1280, 720);
    w->show();
    show(*w);
    QElapsedTimer t;
    t.start();
    while (!settled(w->controller()) && t.elapsed() < kResultMs)
        QTest::qWait(10);
    EXPECT_TRUE(settled(w->controller()));
    QApplication::processEvents();
    return w;
}

} // namespace

TEST(DragPreview, TheWindowSaysAPreviewIsPartialUntilTheWholeRunArrives)
{
    auto w = window([](MainWindow &shown) { shown.controller().setScenario(openLoad(), QString()); });
    SimulationController &c = w->controller();
    int partial = 0;
    QStringList lastNote;
    // Connected after the window's own handlers: the views have taken the preview by now.
    QObject::connect(&c, &SimulationController::previewAvailable, [&](const std::shared_ptr<const RunSnapshot> &p) {
        if (!p->prefix.partial())
            return;
        ++partial;
        const QStringList note = prefixNote(p->prefix);
        lastNote = note;
        EXPECT_EQ(w->windowLayout().status()->text(), note.front());
        for (ModelColumn *column : w->columns()) {
            const QString shown = headlineText(*column);
            EXPECT_TRUE(std::any_of(note.begin(), note.end(), [&](const QString &f) { return shown.contains(f); }))
                << shown.toStdString();
        }
        EXPECT_TRUE(w->chartsPane()->throughputOverTime()->data().title.contains(note.back(), Qt::CaseInsensitive))
            << w->chartsPane()->throughputOverTime()->data().title.toStdString();
        const QString dir = qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR");
        if (!dir.isEmpty() && partial == 1) {
            QDir().mkpath(dir);
            w->grab().save(dir + QStringLiteral("/drag-preview-prefix-1280x720.png"));
        }
    });
    Previews previews(c);
    dragRate(c, previews, 3);
    EXPECT_EQ(partial, 2);
    ASSERT_FALSE(lastNote.isEmpty());
    QApplication::processEvents();
    QApplication::processEvents(); // the charts take a result one per event-loop turn
    // The whole run is on screen: the note is gone everywhere.
    EXPECT_FALSE(w->windowLayout().status()->text().contains(lastNote.back(), Qt::CaseInsensitive))
        << w->windowLayout().status()->text().toStdString();
    for (ModelColumn *column : w->columns())
        EXPECT_FALSE(headlineText(*column).contains(lastNote.back(), Qt::CaseInsensitive));
    EXPECT_FALSE(w->chartsPane()->throughputOverTime()->data().title.contains(lastNote.back(), Qt::CaseInsensitive));
}

TEST(DragPreview, ExercisesAreNotCheckedOnAPartialPreview)
{
    auto w = window([](MainWindow &shown) {
        EXPECT_TRUE(shown.openScenario(presetDirectory() + QStringLiteral("/event-loop-lag.toml")));
    });
    SimulationController &c = w->controller();
    auto *panel = w->findChild<ExercisePanel *>();
    ASSERT_TRUE(panel);
    ASSERT_GE(panel->count(), 1);
    // Exercise 1 done: four Node.js processes bring the loop's p99 under 60 ms. The edit's preview,
    // whole (no drag), tells the controller the scenario is slow to preview.
    ASSERT_TRUE(c.setKnob(QStringLiteral("event_loop.processes"), 4).isEmpty());
    c.editFinished();
    QTRY_VERIFY_WITH_TIMEOUT(settled(c), kResultMs);
    QApplication::processEvents();
    ASSERT_TRUE(panel->isMet(0)) << panel->statusLabel(0)->text().toStdString();
    Previews previews(c);
    c.dragStarted();
    // A drag's preview of the first requests only: a few rare slow callbacks weigh on their p99,
    // which misses the goal that the whole run meets. The exercise stays done.
    ASSERT_TRUE(c.setKnob(QStringLiteral("load.rate"), 302).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(previews.seen.size() == 1, kResultMs);
    ASSERT_TRUE(previews.seen.back()->prefix.partial());
    EXPECT_GT(previews.seen.back()->run(ModelKind::EventLoop).metrics.latency.p99, 60e6) << "the prefix misses it";
    QApplication::processEvents();
    EXPECT_TRUE(panel->isMet(0)) << panel->statusLabel(0)->text().toStdString();
    c.editFinished();
    QTRY_VERIFY_WITH_TIMEOUT(settled(c), kResultMs);
    QApplication::processEvents();
    EXPECT_TRUE(panel->isMet(0)) << panel->statusLabel(0)->text().toStdString();
}
