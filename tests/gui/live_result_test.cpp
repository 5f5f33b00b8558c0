// Live mode's reading of conviz-cli: its `live --json` result and its progress lines (fixtures in
// the CLI's shapes, docs/live.md), the measured trace as the engine's Trace, and what the columns
// and charts make of a measurement (measured_snapshot.h).
#include "gui/core/live_result.h"
#include "gui/core/measured_snapshot.h"
#include "gui/core/playback_state.h"
#include "gui/widgets/model_column.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

// The shape `conviz-cli live FILE --json` printed on 2026-12-03, cut to what the app reads, with a
// trace for fibers in the shape issue 11 gives it.
const char *const kFixture = R"({
  "scenario": {"name": "A busy API on 4 cores", "cores": 2},
  "machine": {"cpus": 2, "model_name": "Intel(R) Xeon(R) Processor", "kernel": "6.18.44", "load_average": "6.07 6.87 5.51"},
  "models": {
    "fibers": {"completed": 40, "refused": 0, "throughput_rps": 1958.0,
               "latency_ms": {"mean": 4.3, "p50": 3.1, "p90": 7.8, "p99": 13.7, "max": 13.7}, "cpu_utilization": 0.33,
               "memory": {"peak_committed_bytes": 4875560, "peak_reserved_bytes": 30016808,
                          "peak_stack_committed_bytes": 59392, "peak_stack_reserved_bytes": 25200640}, "peak_tasks": 19},
    "threads": {"completed": 40, "refused": 0, "throughput_rps": 1960.0,
               "latency_ms": {"mean": 4.0, "p50": 3.0, "p90": 7.0, "p99": 13.0, "max": 13.0}, "cpu_utilization": 0.33,
               "memory": {"peak_committed_bytes": 1, "peak_reserved_bytes": 2}, "peak_tasks": 19}
  },
  "measured": {"cpp": {
    "fibers": {"completed": 40, "refused": 0, "unfinished": 0, "stopped": "finished", "throughput_rps": 1832.0,
               "latency_ms": {"mean": 63.4, "p50": 65.4, "p90": 69.8, "p99": 71.6, "max": 71.6},
               "cpu_utilization": 0.157,
               "memory": {"peak_rss_bytes": 19673088, "peak_virtual_bytes": 389472256,
                          "stack_reserved_bytes": 2359296, "stack_committed_bytes": 147456, "tasks_at_peak": 36},
               "peak_tasks": 29, "peak_threads": 5, "context_switches": {"voluntary": 116, "involuntary": 67},
               "wall_seconds": 0.0837, "note": "",
               "trace": {"threads": [[1, "worker"], [2, "worker"]],
                         "spans": [[1000, 5000, 0, 1, 0], [2000, 6000, 1, 2, 1], [4500, 9000, 0, 1, 1]],
                         "tasks": [[500, 0, "running"], [5000, 0, "io"], [7000, 0, "running"], [8000, 0, "done"],
                                   [1500, 1, "running"], [9000, 1, "done"]],
                         "truncated": false}},
    "threads": {"completed": 38, "refused": 2, "unfinished": 0, "stopped": "finished", "throughput_rps": 1712.1,
               "latency_ms": {"mean": 7.2, "p50": 6.9, "p90": 10.8, "p99": 15.6, "max": 15.6},
               "cpu_utilization": 0.373,
               "memory": {"peak_rss_bytes": 20000000, "peak_virtual_bytes": 900000000,
                          "stack_reserved_bytes": 83886080, "stack_committed_bytes": 81920, "tasks_at_peak": 10},
               "peak_tasks": 12, "peak_threads": 14, "context_switches": {"voluntary": 300, "involuntary": 20},
               "wall_seconds": 0.05, "note": "2 requests refused: no thread could be created"}
  }}
})";

LiveResult fixture()
{
    auto parsed = parseLiveJson(QByteArray(kFixture));
    EXPECT_TRUE(std::holds_alternative<LiveResult>(parsed)) << std::get<QString>(parsed).toStdString();
    return std::get<LiveResult>(std::move(parsed));
}

} // namespace

TEST(LiveJson, ReadsEachMeasuredModelTheSimulationOfTheSameRequestsAndTheMachine)
{
    const LiveResult r = fixture();
    ASSERT_TRUE(r.measuredOf(ModelKind::Fibers));
    EXPECT_FALSE(r.measuredOf(ModelKind::EventLoop)); // not run: absent, not zero
    const MeasuredModel &f = *r.measuredOf(ModelKind::Fibers);
    EXPECT_EQ(f.completed, 40);
    EXPECT_DOUBLE_EQ(f.throughputRps, 1832.0);
    EXPECT_DOUBLE_EQ(f.latency.p50, 65.4e6); // ms in the JSON, ns in the app
    EXPECT_DOUBLE_EQ(f.latency.p99, 71.6e6);
    EXPECT_EQ(f.peakRssBytes, 19673088);
    EXPECT_EQ(f.committedPerTask(), 147456 / 36);
    EXPECT_EQ(f.reservedPerTask(), 65536);
    EXPECT_EQ(f.involuntarySwitches, 67);
    ASSERT_TRUE(f.trace);
    EXPECT_EQ(f.trace->spans.size(), 3u);
    EXPECT_EQ(r.measuredOf(ModelKind::Threads)->refused, 2);
    EXPECT_FALSE(r.measuredOf(ModelKind::Threads)->trace); // no trace measured
    ASSERT_TRUE(r.simulatedOf(ModelKind::Fibers));
    EXPECT_DOUBLE_EQ(r.simulatedOf(ModelKind::Fibers)->throughputRps, 1958.0);
    EXPECT_EQ(r.machine.cpus, 2);
    EXPECT_EQ(r.machine.modelName, QStringLiteral("Intel(R) Xeon(R) Processor"));
}

TEST(LiveJson, SaysWhatIsWrongWithOutputThatIsNotALiveResult)
{
    const auto garbage = parseLiveJson("conviz-cli: oops");
    ASSERT_TRUE(std::holds_alternative<QString>(garbage));
    EXPECT_TRUE(std::get<QString>(garbage).contains(QStringLiteral("no readable result")));
    const auto simulatedOnly = parseLiveJson(R"({"models": {"fibers": {}}})");
    ASSERT_TRUE(std::holds_alternative<QString>(simulatedOnly));
    EXPECT_TRUE(std::get<QString>(simulatedOnly).contains(QStringLiteral("measured.cpp")));
}

TEST(LiveJson, AMalformedTraceIsDroppedAndTheFiguresStand)
{
    QJsonObject root = QJsonDocument::fromJson(kFixture).object();
    QJsonObject measured = root[u"measured"].toObject();
    QJsonObject cpp = measured[u"cpp"].toObject();
    QJsonObject fibers = cpp[u"fibers"].toObject();
    QJsonObject trace = fibers[u"trace"].toObject();
    trace[u"tasks"] = QJsonArray{QJsonArray{1, 0, QStringLiteral("dancing")}};
    fibers[u"trace"] = trace;
    cpp[u"fibers"] = fibers;
    measured[u"cpp"] = cpp;
    root[u"measured"] = measured;
    const auto parsed = parseLiveJson(QJsonDocument(root).toJson());
    ASSERT_TRUE(std::holds_alternative<LiveResult>(parsed));
    const auto &f = std::get<LiveResult>(parsed).measuredOf(ModelKind::Fibers);
    ASSERT_TRUE(f);
    EXPECT_FALSE(f->trace);
    EXPECT_EQ(f->completed, 40);
}

TEST(LiveProgressLine, ReadsTheProgressObjectAndIgnoresEveryOtherLine)
{
    const auto p =
        parseLiveProgress(R"({"live_progress":{"model":"event_loop","index":1,"models":3,"ended":120,"total":1000}})");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->model, ModelKind::EventLoop);
    EXPECT_EQ(p->index, 1);
    EXPECT_EQ(p->models, 3);
    EXPECT_EQ(p->ended, 120);
    EXPECT_EQ(p->total, 1000);
    // The models before this one count as done: (1 + 0.12) / 3.
    EXPECT_NEAR(p->fraction(), 1.12 / 3, 1e-9);
    for (const char *other : {"conviz-cli: the live run of fibers was stopped at live.max_wall", "", "{not json",
                              R"({"other":{"model":"fibers"}})",
                              R"({"live_progress":{"model":"java","index":0,"models":1,"ended":1,"total":2}})"})
        EXPECT_FALSE(parseLiveProgress(other)) << other;
}

TEST(LiveTrace, AMeasuredTraceBecomesTheTraceTheTimelineDraws)
{
    const LiveResult r = fixture();
    const Trace t = toEngineTrace(*r.measuredOf(ModelKind::Fibers)->trace, ModelKind::Fibers);
    // Spans on the CPUs they ran on; CPU 0's second span starts where its first ended (4,500 → 5,000).
    ASSERT_EQ(t.spans.size(), 3u);
    int onCpu0 = 0;
    for (const Span &s : t.spans) {
        EXPECT_LT(s.start, s.end);
        if (s.core == 0 && s.request == 1) {
            EXPECT_EQ(s.start, Nanos{5000});
            EXPECT_EQ(s.task, 2u); // task serial = request + 1
        }
        onCpu0 += s.core == 0 ? 1 : 0;
    }
    EXPECT_EQ(onCpu0, 2);
    // Each request is created at its first event and counted in flight until it is done.
    ASSERT_FALSE(t.tasks.empty());
    EXPECT_EQ(t.tasks.front().state, TaskState::Created);
    ASSERT_EQ(t.completions.size(), 2u);
    EXPECT_EQ(t.completions[0], Nanos{8000});
    EXPECT_EQ(t.threads.size(), 2u);
}

TEST(MeasuredSnapshot, TheBothHeadlineSaysMeasuredThenSimulatedWithTheDifference)
{
    EXPECT_EQ(comparisonLine(1832, 1958).front(), QStringLiteral("measured 1,832 req/s · simulated 1,958 (+7%)"));
    EXPECT_EQ(comparisonLine(2000, 1500).front(), QStringLiteral("measured 2,000 req/s · simulated 1,500 (−25%)"));
    // Every shorter form keeps both numbers and the difference.
    for (const QString &form : comparisonLine(1832, 1958))
        EXPECT_TRUE(form.contains(QStringLiteral("1,832")) && form.contains(QStringLiteral("1,958")) &&
                    form.contains(QStringLiteral("+7%")))
            << form.toStdString();
}

TEST(MeasuredSnapshot, MeasuredColumnsCarryTheMeasuredFiguresAndStacksAndSayWhatTheyCannotShow)
{
    const LiveResult r = fixture();
    RunSnapshot base;
    const auto snap = measuredSnapshot(base, r, false);
    const ModelRun &fibers = snap->run(ModelKind::Fibers);
    EXPECT_TRUE(fibers.live.measured);
    EXPECT_DOUBLE_EQ(fibers.metrics.throughputRps, 1832.0);
    EXPECT_DOUBLE_EQ(fibers.metrics.latency.p50, 65.4e6);
    EXPECT_EQ(fibers.metrics.memory.peakCommitted, 19673088); // resident = peak RSS
    // The stacks at the peak sample, per task, drawn at the columns' common scale.
    ASSERT_EQ(fibers.peakStacks.size(), 1u);
    EXPECT_EQ(fibers.peakStacks[0].committed, 147456 / 36);
    EXPECT_EQ(fibers.peakStacks[0].reserved, 65536);
    EXPECT_EQ(fibers.peakStacks[0].count, 36);
    EXPECT_EQ(fibers.peakStacks[0].kind, StackOwner::Goroutine);
    ASSERT_TRUE(fibers.index);
    EXPECT_EQ(fibers.index->trace().spans.size(), 3u); // the measured trace, for the timeline
    EXPECT_TRUE(fibers.live.timeline.isEmpty());
    // Go's P queues inside a Boost.Fiber run: said in words.
    EXPECT_TRUE(fibers.live.scheduler.contains(QStringLiteral("P run queues"))) << fibers.live.scheduler.toStdString();
    const ModelRun &threads = snap->run(ModelKind::Threads);
    EXPECT_TRUE(threads.live.timeline.startsWith(QStringLiteral("No trace measured")));
    EXPECT_TRUE(threads.live.scheduler.contains(QStringLiteral("No trace measured")));
    EXPECT_EQ(threads.metrics.refused, 2);
    const ModelRun &loop = snap->run(ModelKind::EventLoop);
    EXPECT_EQ(loop.live.headline.front(), QStringLiteral("not measured in this live run"));
    EXPECT_GE(snap->end, Nanos{83'700'000}); // playback spans the longest measured run
}

TEST(MeasuredSnapshot, BothKeepsTheSimulationAndAStaleMeasurementSaysSo)
{
    const LiveResult r = fixture();
    auto sim = std::make_shared<RunSnapshot>();
    sim->models[0].metrics.throughputRps = 2063; // the app's own simulation (4 cores)
    const auto both = presentedSnapshot(sim, &r, ResultSource::Both, false);
    EXPECT_DOUBLE_EQ(both->run(ModelKind::Fibers).metrics.throughputRps, 2063);
    // Compared with the CLI's simulation of the very requests it measured.
    EXPECT_EQ(both->run(ModelKind::Fibers).live.headline.front(),
              QStringLiteral("measured 1,832 req/s · simulated 1,958 (+7%)"));
    EXPECT_FALSE(both->run(ModelKind::Fibers).live.alert);
    // The measured stacks beside the simulated ones, counted in the columns' one scale.
    const StackGroup measuredStack{StackOwner::Goroutine, 65536, 147456 / 36, 36};
    EXPECT_EQ(both->run(ModelKind::Fibers).live.measuredStacks, std::vector<StackGroup>{measuredStack});
    EXPECT_EQ(both->run(ModelKind::Fibers).peakStacks.back(), measuredStack);
    const auto stale = presentedSnapshot(sim, &r, ResultSource::Both, true);
    EXPECT_EQ(stale->run(ModelKind::Fibers).live.headline.front(),
              QStringLiteral("measured before your edit — run live again"));
    EXPECT_TRUE(stale->run(ModelKind::Fibers).live.alert);
    EXPECT_EQ(presentedSnapshot(sim, &r, ResultSource::Simulated, false), sim);
}

TEST(MeasuredSnapshot, ChartsOverlayMeasuredPointsAsStarsInTheModelsColour)
{
    const LiveResult r = fixture();
    ChartData c;
    overlayMeasured(c, OverlayChart::ThroughputSweep, r, 2000);
    ASSERT_EQ(c.series.size(), 2u); // fibers and threads were measured
    EXPECT_EQ(c.series[0].name, QStringLiteral("Fibers measured"));
    EXPECT_EQ(c.series[0].marker, MarkerShape::Star);
    EXPECT_TRUE(c.series[0].markers);
    EXPECT_EQ(c.series[0].rgb, 0x0072B2u); // Okabe–Ito blue, the fibers' colour
    EXPECT_EQ(c.series[0].points, (QList<QPointF>{{2000, 1832}}));
    ChartData latency;
    overlayMeasured(latency, OverlayChart::LatencySweep, r, 2000);
    ASSERT_EQ(latency.series.size(), 4u);
    EXPECT_EQ(latency.series[1].name, QStringLiteral("Fibers p50 measured"));
    EXPECT_DOUBLE_EQ(latency.series[0].points[0].y(), 71.6);
    // Over time: only a model with a measured trace has its completions to plot.
    ChartData overTime;
    overlayMeasured(overTime, OverlayChart::ThroughputOverTime, r, 0, 1000);
    ASSERT_EQ(overTime.series.size(), 1u);
    EXPECT_FALSE(overTime.series[0].points.isEmpty());
}

TEST(MeasuredSnapshot, TheColumnDrawsAMeasuredTraceAndSaysSoWhereNoneWasMeasured)
{
    const LiveResult r = fixture();
    PlaybackState playback;
    const auto snap = measuredSnapshot(RunSnapshot{}, r, false);
    playback.setDuration(snap->end.count());
    playback.setTime(3000);
    const auto texts = [&](ModelKind model, std::size_t view) {
        ModelColumn column(model, playback);
        column.resize(420, 700);
        column.setSnapshot(snap);
        column.show();
        QCoreApplication::processEvents(); // laid out
        QStringList out;
        for (const TextItem &t : column.views()[view]->textLayout().items)
            out << t.text;
        return out.join(QLatin1Char(' '));
    };
    // Fibers have a measured trace: the cores over time name their cores, as for a simulation.
    const QString fibers = texts(ModelKind::Fibers, 2);
    EXPECT_TRUE(fibers.contains(QStringLiteral("core 0")) && fibers.contains(QStringLiteral("core 1")))
        << fibers.toStdString();
    EXPECT_FALSE(fibers.contains(QStringLiteral("No trace"))) << fibers.toStdString();
    // Threads have none: the view says so instead of showing empty lanes.
    const QString threads = texts(ModelKind::Threads, 2);
    EXPECT_TRUE(threads.contains(QStringLiteral("No trace measured"))) << threads.toStdString();
    EXPECT_FALSE(threads.contains(QStringLiteral("core 0"))) << threads.toStdString();
    // The scheduler says what a Boost.Fiber run cannot show.
    EXPECT_TRUE(texts(ModelKind::Fibers, 1).contains(QStringLiteral("Boost.Fiber")))
        << texts(ModelKind::Fibers, 1).toStdString();
    // The headline has the measured numbers and no "now" line a figures-only run cannot know.
    const QString headline = texts(ModelKind::Threads, 0);
    EXPECT_TRUE(headline.contains(QStringLiteral("1,712"))) << headline.toStdString();
    EXPECT_FALSE(headline.contains(QStringLiteral("in flight"))) << headline.toStdString();
}
