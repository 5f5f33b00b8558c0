// Live mode's measured sources: conviz's C++ executors (`measured.cpp.<model>`), real Go
// (`measured.go.fibers`) and real Node.js (`measured.node.event_loop`) read from one result; the
// source that drives a column in Measured; every source's figure under the headline in Both; a
// marker shape per source on the charts; the chooser in the LiveBar, driven from the window with a
// stand-in conviz-cli that prints a fixed result.
#include "gui/core/live_process.h"
#include "gui/core/live_result.h"
#include "gui/core/measured_snapshot.h"
#include "gui/core/trace_index.h"
#include "gui/widgets/live_bar.h"

#include <QComboBox>
#include <QFile>

#include <gtest/gtest.h>

#include "live_window.h"

using namespace conviz;
using namespace conviz::gui;
using namespace conviz::gui::testing;

namespace {

// `conviz-cli live FILE --runtime cpp,go,node --json`, cut to what the app reads: the runners'
// objects as runners.cpp writes them (a `runtime`, nulls for what Node.js cannot measure, no trace).
const char *const kAllSourcesJson = R"({
  "machine": {"cpus": 2, "model_name": "Intel(R) Xeon(R) Processor", "kernel": "6.18.44", "load_average": "3.1 3.0 2.9"},
  "models": {
    "fibers": {"completed": 40, "refused": 0, "throughput_rps": 1958.0, "latency_ms": {"p50": 3.1, "p99": 13.7}},
    "event_loop": {"completed": 40, "refused": 0, "throughput_rps": 1900.0, "latency_ms": {"p50": 3.5, "p99": 14.0}},
    "threads": {"completed": 40, "refused": 0, "throughput_rps": 1960.0, "latency_ms": {"p50": 3.0, "p99": 13.0}}
  },
  "measured": {
    "cpp": {
      "fibers": {"completed": 40, "refused": 0, "unfinished": 0, "stopped": "finished", "throughput_rps": 1818.0,
                 "latency_ms": {"mean": 4.0, "p50": 3.5, "p90": 6.0, "p99": 9.0, "max": 9.5}, "cpu_utilization": 0.2,
                 "memory": {"peak_rss_bytes": 19673088, "peak_virtual_bytes": 389472256,
                            "stack_reserved_bytes": 2359296, "stack_committed_bytes": 147456, "tasks_at_peak": 36},
                 "peak_tasks": 29, "peak_threads": 5, "context_switches": {"voluntary": 116, "involuntary": 67},
                 "wall_seconds": 0.05, "note": "",
                 "trace": {"threads": [[1, "worker"]], "spans": [[1000, 5000, 0, 1, 0]],
                           "tasks": [[500, 0, "running"], [5000, 0, "done"]], "truncated": false}},
      "event_loop": {"completed": 40, "refused": 0, "unfinished": 0, "stopped": "finished", "throughput_rps": 1701.0,
                 "latency_ms": {"mean": 5.0, "p50": 4.5, "p90": 7.0, "p99": 10.0, "max": 11.0}, "cpu_utilization": 0.3,
                 "memory": {"peak_rss_bytes": 18000000, "peak_virtual_bytes": 300000000, "stack_reserved_bytes": 0,
                            "stack_committed_bytes": 0, "tasks_at_peak": 0},
                 "peak_tasks": 20, "peak_threads": 3, "context_switches": {"voluntary": 50, "involuntary": 5},
                 "wall_seconds": 0.05, "note": ""},
      "threads": {"completed": 40, "refused": 0, "unfinished": 0, "stopped": "finished", "throughput_rps": 1712.0,
                 "latency_ms": {"mean": 7.2, "p50": 6.9, "p90": 10.8, "p99": 15.6, "max": 15.6}, "cpu_utilization": 0.37,
                 "memory": {"peak_rss_bytes": 20000000, "peak_virtual_bytes": 900000000,
                            "stack_reserved_bytes": 2621440, "stack_committed_bytes": 81920, "tasks_at_peak": 10},
                 "peak_tasks": 12, "peak_threads": 14, "context_switches": {"voluntary": 300, "involuntary": 20},
                 "wall_seconds": 0.05, "note": ""}
    },
    "go": {"fibers": {"runtime": "go1.19.8", "completed": 40, "refused": 0, "unfinished": 0, "stopped": "finished",
                      "throughput_rps": 2050.0,
                      "latency_ms": {"mean": 7.4, "p50": 6.2, "p90": 13.5, "p99": 20.6, "max": 33.3},
                      "cpu_utilization": 0.43,
                      "memory": {"peak_rss_bytes": 3272704, "peak_virtual_bytes": 730542080,
                                 "stack_reserved_bytes": 393216, "stack_committed_bytes": 393216, "tasks_at_peak": 28},
                      "peak_tasks": 34, "peak_threads": 5, "threads_created": 5, "workers": 2,
                      "context_switches": {"voluntary": 169, "involuntary": 22}, "wall_seconds": 0.139, "note": ""}},
    "node": {"event_loop": {"runtime": "node v20.20.2", "completed": 40, "refused": 0, "unfinished": 0,
                      "stopped": "finished", "throughput_rps": 1496.0,
                      "latency_ms": {"mean": 14.9, "p50": 13.9, "p90": 23.9, "p99": 29.5, "max": 45.0},
                      "cpu_utilization": 0.43,
                      "memory": {"peak_rss_bytes": 50028544, "peak_virtual_bytes": 1016504320,
                                 "stack_reserved_bytes": null, "stack_committed_bytes": null, "tasks_at_peak": null},
                      "peak_tasks": 53, "peak_threads": 7, "threads_created": null, "workers": 1,
                      "context_switches": {"voluntary": 23, "involuntary": 1}, "wall_seconds": 0.143, "note": ""}}
  }
})";

LiveResult allSources()
{
    auto parsed = parseLiveJson(QByteArray(kAllSourcesJson));
    EXPECT_TRUE(std::holds_alternative<LiveResult>(parsed)) << std::get<QString>(parsed).toStdString();
    return std::get<LiveResult>(std::move(parsed));
}

std::shared_ptr<const RunSnapshot> simulatedSnapshot()
{
    auto sim = std::make_shared<RunSnapshot>();
    for (const ModelKind m : kAllModels) {
        sim->models[static_cast<std::size_t>(m)].model = m;
        sim->models[static_cast<std::size_t>(m)].metrics.throughputRps = 2000;
    }
    return sim;
}

} // namespace

TEST(LiveJson, ReadsCppGoAndNodeEachAsAMeasurementOfItsModel)
{
    const LiveResult r = allSources();
    EXPECT_EQ(r.measuredCount(), 5);
    EXPECT_EQ(r.sourcesOf(ModelKind::Fibers), (std::vector{MeasuredSource::Cpp, MeasuredSource::Go}));
    EXPECT_EQ(r.sourcesOf(ModelKind::EventLoop), (std::vector{MeasuredSource::Cpp, MeasuredSource::Node}));
    EXPECT_EQ(r.sourcesOf(ModelKind::Threads), (std::vector{MeasuredSource::Cpp}));
    const auto &go = r.measuredOf(ModelKind::Fibers, MeasuredSource::Go);
    ASSERT_TRUE(go);
    EXPECT_EQ(go->source, MeasuredSource::Go);
    EXPECT_EQ(go->runtime, QStringLiteral("go1.19.8"));
    EXPECT_DOUBLE_EQ(go->throughputRps, 2050.0);
    EXPECT_DOUBLE_EQ(go->latency.p99, 20.6e6);
    EXPECT_EQ(go->committedPerTask(), 393216 / 28);
    EXPECT_FALSE(go->trace); // a runner reports figures only
    const auto &node = r.measuredOf(ModelKind::EventLoop, MeasuredSource::Node);
    ASSERT_TRUE(node);
    EXPECT_EQ(node->runtime, QStringLiteral("node v20.20.2"));
    EXPECT_DOUBLE_EQ(node->throughputRps, 1496.0);
    EXPECT_EQ(node->tasksAtPeak, 0);                                          // null: not measured
    EXPECT_DOUBLE_EQ(r.measuredOf(ModelKind::Fibers)->throughputRps, 1818.0); // C++ by default
}

TEST(LiveJson, AResultOfTheRunnersAloneIsReadAndARunnerErrorIsKept)
{
    QByteArray json = R"json({"machine": {"cpus": 2},
      "measured": {"go": {"fibers": {"runtime": "go1.19.8", "completed": 4, "throughput_rps": 10.0,
                                     "latency_ms": {"p50": 1.0}, "memory": {}, "wall_seconds": 0.4}},
                   "node": {"event_loop": {"error": "the node runner failed (exit code 3)"}}}})json";
    const auto parsed = parseLiveJson(json);
    ASSERT_TRUE(std::holds_alternative<LiveResult>(parsed)) << std::get<QString>(parsed).toStdString();
    const LiveResult &r = std::get<LiveResult>(parsed);
    EXPECT_EQ(r.measuredCount(), 1);
    EXPECT_FALSE(r.measuredOf(ModelKind::Fibers));
    ASSERT_TRUE(r.measuredOf(ModelKind::Fibers, MeasuredSource::Go));
    EXPECT_FALSE(r.measuredOf(ModelKind::EventLoop, MeasuredSource::Node));
    ASSERT_EQ(r.runnerErrors.size(), 1);
    EXPECT_TRUE(r.runnerErrors[0].contains(QStringLiteral("exit code 3")));
    // A Go object under another model is not a measurement of it.
    const auto wrong = parseLiveJson(R"({"measured": {"go": {"threads": {"completed": 4}}}})");
    EXPECT_TRUE(std::holds_alternative<QString>(wrong));
}

TEST(MeasuredSnapshot, TheChosenSourceDrivesTheMeasuredColumnAndSaysWhatItCannotShow)
{
    const LiveResult r = allSources();
    const auto base = simulatedSnapshot();
    const auto cpp = measuredSnapshot(*base, r, false, {});
    const ModelRun &cppFibers = cpp->models[0];
    EXPECT_DOUBLE_EQ(cppFibers.metrics.throughputRps, 1818.0);
    EXPECT_TRUE(cppFibers.live.timeline.isEmpty()); // the C++ trace is drawn
    ASSERT_TRUE(cppFibers.index);
    EXPECT_FALSE(cppFibers.index->trace().spans.empty());

    const auto real = measuredSnapshot(*base, r, false, {MeasuredSource::Go, MeasuredSource::Node});
    const ModelRun &goFibers = real->models[0];
    EXPECT_DOUBLE_EQ(goFibers.metrics.throughputRps, 2050.0);
    EXPECT_TRUE(goFibers.live.headline.front().contains(QStringLiteral("real Go (go1.19.8)")))
        << goFibers.live.headline.front().toStdString();
    EXPECT_TRUE(goFibers.live.timeline.contains(QStringLiteral("No trace measured")));
    EXPECT_TRUE(goFibers.live.scheduler.contains(QStringLiteral("P run queues")));
    ASSERT_TRUE(goFibers.index);
    EXPECT_TRUE(goFibers.index->trace().spans.empty());
    ASSERT_EQ(goFibers.peakStacks.size(), 1u); // Go's goroutine stacks, per goroutine at the peak
    EXPECT_EQ(goFibers.peakStacks[0].committed, 393216 / 28);
    const ModelRun &nodeLoop = real->models[1];
    EXPECT_DOUBLE_EQ(nodeLoop.metrics.throughputRps, 1496.0);
    EXPECT_TRUE(nodeLoop.live.headline.front().contains(QStringLiteral("Node.js")));
    ASSERT_FALSE(nodeLoop.live.stack.isEmpty());
    EXPECT_TRUE(nodeLoop.live.stack.front().contains(QStringLiteral("async function")));
    EXPECT_DOUBLE_EQ(real->models[2].metrics.throughputRps, 1712.0); // threads: C++ only
}

TEST(MeasuredSnapshot, BothShowsEverySourcesThroughputUnderTheHeadline)
{
    const LiveResult r = allSources();
    const auto both = presentedSnapshot(simulatedSnapshot(), &r, ResultSource::Both, false);
    EXPECT_EQ(both->models[0].live.headline.front(),
              QStringLiteral("measured: C++ 1,818 req/s · Go 2,050 req/s · simulated 1,958"));
    EXPECT_EQ(both->models[1].live.headline.front(),
              QStringLiteral("measured: C++ 1,701 req/s · Node.js 1,496 req/s · simulated 1,900"));
    // One source: the comparison with its percentage, as before.
    EXPECT_EQ(both->models[2].live.headline.front(), QStringLiteral("measured 1,712 req/s · simulated 1,960 (+14%)"));
    for (const QString &form : both->models[0].live.headline)
        EXPECT_TRUE(form.contains(QStringLiteral("2,050"))) << form.toStdString();
}

TEST(MeasuredOverlay, EachSourceHasItsOwnMarkerAndTheLegendSaysWhichIsWhich)
{
    const LiveResult r = allSources();
    ChartData sweep;
    sweep.title = QStringLiteral("Throughput");
    overlayMeasured(sweep, OverlayChart::ThroughputSweep, r, 2);
    int stars = 0, diamonds = 0;
    for (const SeriesData &s : sweep.series) {
        stars += s.marker == MarkerShape::Star ? 1 : 0;
        if (s.marker == MarkerShape::Diamond) {
            ++diamonds;
            EXPECT_EQ(s.points, (QList<QPointF>{{2, s.name.startsWith(QStringLiteral("Fibers")) ? 2050.0 : 1496.0}}));
        }
    }
    EXPECT_EQ(stars, 3);
    EXPECT_EQ(diamonds, 2);
    EXPECT_EQ(sweep.title, QStringLiteral("Throughput")); // no room there: the sweep's legend strip says it
    EXPECT_EQ(measuredShapesNote(r), QStringLiteral("★ C++ ◆ real Go, Node.js"));
    EXPECT_EQ(measuredShapesNote(drivingOnly(r, {})), QStringLiteral("★ measured"));
    // Measured mode's charts: each model's driving measurement alone.
    ChartData driven;
    overlayMeasured(driven, OverlayChart::ThroughputSweep, drivingOnly(r, {MeasuredSource::Go, MeasuredSource::Cpp}),
                    2);
    ASSERT_EQ(driven.series.size(), 3u);
    EXPECT_EQ(driven.series[0].marker, MarkerShape::Star); // event loop, C++
    EXPECT_EQ(driven.series[2].marker, MarkerShape::Diamond);
    EXPECT_EQ(driven.series[2].name, QStringLiteral("Fibers Go measured"));
}

// The window, with a stand-in conviz-cli that records its arguments and prints the fixture.
TEST(LiveSources, TheLiveBarsChooserSwitchesTheMeasuredColumnAndBothShowsEverySource)
{
    LiveWindow w(kSmall, LiveMode::Runtimes{true, true, true});
    const QString json = w.dir.filePath(QStringLiteral("result.json")), args = w.dir.filePath(QStringLiteral("args"));
    QFile out(json);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(kAllSourcesJson);
    out.close();
    const QString script = w.dir.filePath(QStringLiteral("fake-cli"));
    QFile f(script);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("#!/bin/sh\necho \"$@\" > '%1'\ncat '%2'\n").arg(args, json).toUtf8());
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    w.live().process().setCliPath(script);
    w.live().setRuntimes({true, false, true});
    w.live().run();
    ASSERT_TRUE(waitUntil([&] { return w.live().result() != nullptr || w.error->count > 0; }, 20000));
    ASSERT_EQ(w.error->count, 0) << w.error->message.toStdString();
    QFile a(args);
    ASSERT_TRUE(a.open(QIODevice::ReadOnly));
    EXPECT_TRUE(a.readAll().contains("--runtime cpp,node")); // what the Live menu checks

    // Both: every source's figure under its headline.
    EXPECT_EQ(w.live().source(), ResultSource::Both);
    QApplication::processEvents();
    EXPECT_TRUE(w.headlineText(ModelKind::Fibers).contains(QStringLiteral("Go 2,050")))
        << w.headlineText(ModelKind::Fibers).toStdString();
    EXPECT_TRUE(w.headlineText(ModelKind::EventLoop).contains(QStringLiteral("Node.js 1,496")))
        << w.headlineText(ModelKind::EventLoop).toStdString();
    QComboBox *fibers = w.live().bar()->driverBox(ModelKind::Fibers);
    ASSERT_NE(fibers, nullptr);
    EXPECT_FALSE(fibers->isVisibleTo(w.window.get())); // a choice for Measured only

    // Measured: C++ drives the fibers column until the chooser says real Go.
    w.live().setSource(ResultSource::Measured);
    QApplication::processEvents();
    ASSERT_TRUE(waitUntil([&] { return fibers->isVisibleTo(w.window.get()); }, 2000));
    EXPECT_TRUE(w.live().bar()->driverBox(ModelKind::EventLoop)->isVisibleTo(w.window.get()));
    EXPECT_TRUE(w.headlineText(ModelKind::Fibers).contains(QStringLiteral("1,818")))
        << w.headlineText(ModelKind::Fibers).toStdString();
    fibers->setFocus();
    QTest::keyClick(fibers, Qt::Key_Down); // the user picks "Fibers: real Go"
    QApplication::processEvents();
    EXPECT_EQ(w.live().drivers().fibers, MeasuredSource::Go);
    EXPECT_TRUE(w.headlineText(ModelKind::Fibers).contains(QStringLiteral("2,050")))
        << w.headlineText(ModelKind::Fibers).toStdString();
    EXPECT_TRUE(w.headlineText(ModelKind::Fibers).contains(QStringLiteral("real Go")))
        << w.headlineText(ModelKind::Fibers).toStdString();
    EXPECT_TRUE(w.headlineText(ModelKind::EventLoop).contains(QStringLiteral("1,701"))); // still C++
}
