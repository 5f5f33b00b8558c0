// GUI benchmarks (Google Benchmark; figures for docs/performance.md, not tests):
//   Frame*          — repainting while animating 10,000 live tasks (the three columns; the window)
//   SliderToCharts  — a slider drag: updates per second while it moves, release → every view updated
//   Snapshot        — what the worker does for one result: simulate three models with traces, index
//   Seek            — a random seek in a trace of 250,000 tasks, per model
//   GuiStall        — the longest the GUI thread is busy taking a big result (fanout-500)
//   TraceOfPreset   — each preset's traced result as the app builds it, at its size and with ten times
//                     its requests: records, bytes, and whether the trace was cut
//   SlideFigurePng  — File › Export's side-by-side figure at 1920×1080 and 3×: drawing it (the GUI
//                     thread's part) and compressing it (the worker's)
//   SideBySideDraw  — drawing each preset's side-by-side figure at the blog size, on the GUI thread
// Run: build/<preset>/tests/gui/gui_bench [--benchmark_filter=...] (offscreen unless QT_QPA_PLATFORM
// says otherwise). CONVIZ_SLOW_EVENTS=1 prints every event that holds the GUI thread over 15 ms.
#include "gui/app/main_window.h"
#include "gui/core/figure_charts.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/simulation_controller.h"
#include "gui/export/figure_export.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/parameter_panel.h"

#include "engine/scenario/scenario_file.h"
#include "test_scenarios.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>
#include <string>

using namespace conviz;
using namespace conviz::gui;

namespace {

std::unique_ptr<MainWindow> window()
{
    auto w = std::make_unique<MainWindow>();
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w->controller().setAutoSweep(false);
    w->resize(1600, 1000);
    w->show();
    return w;
}

// A window showing 10,000 tasks waiting on the network at once, at an instant where all are alive.
std::unique_ptr<MainWindow> windowWith10kLiveTasks()
{
    auto w = window();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->controller().setScenario(test::batchWaitScenario(10000), QString());
    spy.wait(60000);
    w->playback().setTime(50'000'000);
    QApplication::processEvents();
    return w;
}

void BM_FrameThreeColumns10kLiveTasks(benchmark::State &state)
{
    auto w = windowWith10kLiveTasks();
    std::int64_t i = 0;
    for (auto _ : state) {
        w->playback().setTime(50'000'000 + (i++ % 120) * 2'000'000); // the clock moves, as when playing
        for (ModelColumn *c : w->columns())
            c->repaint();
    }
}
BENCHMARK(BM_FrameThreeColumns10kLiveTasks)->Unit(benchmark::kMillisecond);

void BM_FrameWholeWindow10kLiveTasks(benchmark::State &state)
{
    auto w = windowWith10kLiveTasks();
    std::int64_t i = 0;
    for (auto _ : state) {
        w->playback().setTime(50'000'000 + (i++ % 120) * 2'000'000);
        w->repaint();
        QApplication::processEvents();
    }
}
BENCHMARK(BM_FrameWholeWindow10kLiveTasks)->Unit(benchmark::kMillisecond);

double loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? f.readAll().split(' ').value(0).toDouble() : -1;
}

// A drag of the default scenario's arrival-rate slider: one step every 16 ms (a 60 Hz mouse) for
// 2 s, then the release. Counters: updates_per_s, the results (untraced or traced) that reached the
// views while the hand moved; preview_share, the mean share of the scenario's requests those
// previews simulated (1: never cut short, gui/core/preview_prefix.h); cut_updates_per_s, the rate
// of the previews that were cut short (each counts the time since the update before it; 0: none);
// the iteration's time, release → the traced result shown and every view repainted; load, the
// 1-minute load average before the iteration.
// Drags `knob`'s slider of the scenario at `path` (empty: the default one); see BM_SliderToCharts.
void sliderDrag(benchmark::State &state, const QString &path, const QString &knob)
{
    auto w = window();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->openInitial(path);
    spy.wait(60000);
    QSlider *rate = w->parameterPanel()->sliderFor(knob);
    if (!rate) {
        state.SkipWithError("the scenario has no such slider");
        return;
    }
    int updates = 0;
    double previews = 0, share = 0, cut = 0, cutSeconds = 0;
    QElapsedTimer sinceUpdate; // restarted by every update and at each drag's start
    sinceUpdate.start();
    QObject::connect(&w->controller(), &SimulationController::previewAvailable,
                     [&](const std::shared_ptr<const RunSnapshot> &p) {
                         ++updates;
                         ++previews;
                         share += static_cast<double>(p->prefix.simulated) / static_cast<double>(p->prefix.total);
                         if (p->prefix.partial()) {
                             ++cut;
                             cutSeconds += static_cast<double>(sinceUpdate.nsecsElapsed()) / 1e9;
                         }
                         sinceUpdate.start();
                     });
    QObject::connect(&w->controller(), &SimulationController::resultAvailable, [&] {
        ++updates;
        sinceUpdate.start();
    });
    int i = 0;
    double perSecond = 0, load = 0;
    for (auto _ : state) {
        load += loadAverage();
        const int direction = i++ % 2 ? -1 : 1;
        updates = 0;
        QElapsedTimer drag;
        drag.start();
        sinceUpdate.start();
        rate->setSliderDown(true);
        {
            QEventLoop loop;
            QTimer hand;
            hand.setTimerType(Qt::PreciseTimer);
            QObject::connect(&hand, &QTimer::timeout, [&] {
                if (drag.elapsed() >= 2000)
                    loop.quit();
                else
                    rate->setValue(rate->value() + direction);
            });
            hand.start(16);
            loop.exec();
        }
        perSecond += updates * 1000.0 / static_cast<double>(drag.elapsed());
        spy.clear();
        QElapsedTimer t;
        t.start();
        rate->setValue(rate->value() + direction); // the release: the last valueChanged
        rate->setSliderDown(false);
        const Scenario wanted = w->controller().scenario(); // the released value, whichever knob moved
        while (!(spy.count() > 0 && w->controller().latest()->scenario == wanted))
            spy.wait(60000);
        QApplication::processEvents(); // the views take their data and repaint (charts: one per turn)
        QApplication::processEvents();
        w->repaint();
        state.SetIterationTime(static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
    state.counters["updates_per_s"] = benchmark::Counter(perSecond / std::max(i, 1));
    state.counters["preview_share"] = benchmark::Counter(previews > 0 ? share / previews : 1.0);
    state.counters["cut_updates_per_s"] = benchmark::Counter(cutSeconds > 0 ? cut / cutSeconds : 0.0);
    state.counters["load"] = benchmark::Counter(load / std::max(i, 1));
}

void BM_SliderToCharts(benchmark::State &state) { sliderDrag(state, QString(), QStringLiteral("load.rate")); }
BENCHMARK(BM_SliderToCharts)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

// The same drag on a preset (its file name, without .toml): the arrival rate, for a closed load
// the number of clients, for a batch the number of tasks. Every preset runs in under a second, so
// each is held to issue 13's 20 updates a second. Named BM_SliderDragPreset/<preset, with _>.
struct PresetDrag {
    const char *name, *preset, *knob;
};
constexpr PresetDrag kPresetDrags[] = {
    {"event_loop_lag", "event-loop-lag", "load.rate"},    {"go_blocking_syscalls", "go-blocking-syscalls", "load.rate"},
    {"libuv_pool_trap", "libuv-pool-trap", "load.rate"},  {"fanout_500", "fanout-500", "load.rate"},
    {"benchmark_trap", "benchmark-trap", "load.clients"}, {"c10k", "c10k", "load.rate"},
    {"crud_postgres", "crud-postgres", "load.rate"},      {"data_pipeline", "data-pipeline", "load.count"},
    {"lambda_cost", "lambda-cost", "load.rate"},          {"memory_at_scale", "memory-at-scale", "load.rate"},
};
[[maybe_unused]] const bool kPresetDragsRegistered = [] {
    for (const PresetDrag &d : kPresetDrags)
        benchmark::RegisterBenchmark(
            (std::string("BM_SliderDragPreset/") + d.name).c_str(),
            [d](benchmark::State &state) {
                sliderDrag(state, presetDirectory() + QStringLiteral("/%1.toml").arg(QLatin1String(d.preset)),
                           QLatin1String(d.knob));
            })
            ->UseManualTime()
            ->Iterations(3)
            ->Unit(benchmark::kMillisecond);
    return true;
}();

void BM_SnapshotOfTheDefaultScenario(benchmark::State &state)
{
    auto loaded = scenario::loadFile((presetDirectory() + QStringLiteral("/default.toml")).toStdString());
    if (!loaded.ok()) {
        state.SkipWithError("scenarios/default.toml not found");
        return;
    }
    std::uint64_t id = 0;
    for (auto _ : state)
        benchmark::DoNotOptimize(buildRunSnapshot(*loaded.scenario, ++id));
}
BENCHMARK(BM_SnapshotOfTheDefaultScenario)->Unit(benchmark::kMillisecond);

// scenarios/<preset>.toml, or none after telling the benchmark it is skipped.
std::optional<Scenario> presetScenario(benchmark::State &state, const std::string &preset)
{
    auto loaded = scenario::loadFile(
        (presetDirectory() + QLatin1Char('/') + QString::fromStdString(preset) + QStringLiteral(".toml"))
            .toStdString());
    if (!loaded.ok()) {
        state.SkipWithError("no such preset");
        return std::nullopt;
    }
    return *loaded.scenario;
}

// The largest figure the export dialog offers, of the default scenario at its busiest instant.
void BM_SlideFigurePng(benchmark::State &state, bool encode)
{
    auto loaded = scenario::loadFile((presetDirectory() + QStringLiteral("/default.toml")).toStdString());
    if (!loaded.ok()) {
        state.SkipWithError("scenarios/default.toml not found");
        return;
    }
    const auto run = buildRunSnapshot(*loaded.scenario, 1);
    const FigureInputs in{*loaded.scenario, run, nullptr, busiestInstant(*run)};
    const FigureSpec spec{FigureFormat::Png, {1920, 1080}, 3, false};
    if (!encode) {
        for (auto _ : state)
            benchmark::DoNotOptimize(drawFigure(FigureKind::SideBySide, in, spec));
        return;
    }
    const DrawnFigure drawn = *drawFigure(FigureKind::SideBySide, in, spec);
    for (auto _ : state)
        benchmark::DoNotOptimize(drawn.encode());
}
BENCHMARK_CAPTURE(BM_SlideFigurePng, draw, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SlideFigurePng, encode, true)->Unit(benchmark::kMillisecond);

// What Ctrl+Shift+E holds the GUI thread for: drawing a preset's side-by-side figure at the blog
// size (1200×675, 1×), at its busiest instant.
void BM_SideBySideDraw(benchmark::State &state, const std::string &preset)
{
    const auto scenario = presetScenario(state, preset);
    if (!scenario)
        return;
    const auto run = buildRunSnapshot(*scenario, 1);
    const FigureInputs in{*scenario, run, nullptr, busiestInstant(*run)};
    for (auto _ : state)
        benchmark::DoNotOptimize(drawFigure(FigureKind::SideBySide, in, FigureSpec{}));
}
const bool kSideBySideDrawRegistered = [] {
    for (const char *preset :
         {"default", "crud-postgres", "benchmark-trap", "event-loop-lag", "go-blocking-syscalls", "libuv-pool-trap",
          "data-pipeline", "fanout-500", "lambda-cost", "c10k", "memory-at-scale"})
        benchmark::RegisterBenchmark(fmt::format("BM_SideBySideDraw/{}", preset).c_str(), [preset =
                                                                                               std::string(preset)](
                                                                                              benchmark::State &st) {
            BM_SideBySideDraw(st, preset);
        })->Unit(benchmark::kMillisecond);
    return true;
}();

void BM_Seek250kTasks(benchmark::State &state)
{
    static const auto snap = [] {
        SnapshotOptions options;
        options.traceLimit = 4'000'000;
        options.seriesPoints = 240;
        return buildRunSnapshot(test::batchWaitScenario(250000), 1, options);
    }();
    const ModelRun &m = snap->models[static_cast<std::size_t>(state.range(0))];
    state.SetLabel(std::string(modelKey(m.model)) + ", " + std::to_string(m.index->trace().tasks.size()) +
                   " task events");
    TraceCursor cursor(m.index);
    std::mt19937 rng(1);
    const auto end = static_cast<std::uint64_t>(m.index->end().count());
    for (auto _ : state)
        cursor.seek(Nanos{static_cast<std::int64_t>(rng() % end)});
}
BENCHMARK(BM_Seek250kTasks)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

void BM_GuiStall(benchmark::State &state)
{
    auto loaded = scenario::loadFile((presetDirectory() + QStringLiteral("/fanout-500.toml")).toStdString());
    if (!loaded.ok()) {
        state.SkipWithError("scenarios/fanout-500.toml not found");
        return;
    }
    auto w = window();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->controller().setScenario(*loaded.scenario, QString());
    spy.wait(60000);
    int cores = 6;
    for (auto _ : state) {
        // A 2 ms heartbeat on the GUI thread: the longest gap between beats is the longest time the
        // GUI thread was busy (taking the result, repainting, dropping the old one). That gap is the
        // iteration's time.
        spy.clear();
        QElapsedTimer beat;
        beat.start();
        double longest = 0;
        QTimer heart;
        heart.setTimerType(Qt::PreciseTimer);
        QObject::connect(&heart, &QTimer::timeout, [&] {
            longest = std::max(longest, static_cast<double>(beat.nsecsElapsed()) / 1e9);
            beat.start();
        });
        heart.start(2);
        w->controller().setKnob(QStringLiteral("machine.cores"), ++cores);
        spy.wait(60000);
        QElapsedTimer settle;
        settle.start();
        while (settle.elapsed() < 300)
            QApplication::processEvents(QEventLoop::AllEvents, 50);
        heart.stop();
        state.SetIterationTime(longest);
    }
}
BENCHMARK(BM_GuiStall)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// The result the app builds for `preset` (its file name) with `scale` times its requests, traces
// included. Counters: records (all three models), trace_MiB (their packed bytes), index_MiB (what
// their TraceIndex adds), truncated (1 if any model's trace was cut before its run ended: the views
// would show nothing past the cut).
void BM_TraceOfPreset(benchmark::State &state, const std::string &preset, int scale)
{
    const auto loaded = presetScenario(state, preset);
    if (!loaded)
        return;
    Scenario s = *loaded;
    s.load.requests *= scale;
    s.load.count *= scale; // a batch issues `count`
    double records = 0, bytes = 0, indexBytes = 0, truncated = 0;
    std::uint64_t id = 0;
    for (auto _ : state) {
        const auto snap = buildRunSnapshot(s, ++id);
        records = bytes = indexBytes = 0;
        for (const ModelRun &m : snap->models) {
            const Trace &t = m.index->trace();
            records += static_cast<double>(t.records());
            bytes += static_cast<double>(t.bytes());
            indexBytes += static_cast<double>(m.index->bytes());
        }
        truncated = snap->truncated ? 1 : 0;
        state.PauseTiming();
        retireInBackground(snap); // freeing a large trace is not the build's time
        state.ResumeTiming();
    }
    state.counters["records"] = records;
    state.counters["trace_MiB"] = bytes / 1048576.0;
    state.counters["index_MiB"] = indexBytes / 1048576.0;
    state.counters["truncated"] = truncated;
}

// One benchmark per preset and size, registered before main() runs them.
const bool kTraceOfPresetRegistered = [] {
    for (const char *preset :
         {"default", "crud-postgres", "benchmark-trap", "event-loop-lag", "go-blocking-syscalls", "libuv-pool-trap",
          "data-pipeline", "fanout-500", "lambda-cost", "c10k", "memory-at-scale"})
        for (const int scale : {1, 10})
            benchmark::RegisterBenchmark(
                fmt::format("BM_TraceOfPreset/{}/x{}", preset, scale).c_str(),
                [preset = std::string(preset), scale](benchmark::State &st) { BM_TraceOfPreset(st, preset, scale); })
                ->Iterations(1)
                ->Unit(benchmark::kMillisecond);
    return true;
}();

// Reports every event that keeps the GUI thread busy for more than 15 ms (CONVIZ_SLOW_EVENTS=1).
class TimingApp : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_on)
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (ms > 15 && ++m_depth == 1)
            std::printf("  slow event: %.1f ms, type %d, to %s %s\n", ms, static_cast<int>(event->type()),
                        receiver->metaObject()->className(),
                        receiver->parent() ? receiver->parent()->metaObject()->className() : "-");
        m_depth = 0;
        return r;
    }
    bool m_on = qEnvironmentVariableIsSet("CONVIZ_SLOW_EVENTS");
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TimingApp app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("conviz-bench")); // its own settings, not the user's
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
