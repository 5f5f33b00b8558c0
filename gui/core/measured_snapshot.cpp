#include "gui/core/measured_snapshot.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr int kSeriesPoints = 160; // as the simulation's over-time series

// "real Go (go1.19.8)", "real Node.js": a real runtime's name in a sentence.
QString realName(const MeasuredModel &m)
{
    return m.runtime.isEmpty() ? QStringLiteral("real %1").arg(sourceTitle(m.source))
                               : QStringLiteral("real %1 (%2)").arg(sourceTitle(m.source), m.runtime);
}

// What a measured run of `model` cannot show in the scheduler view, and why.
QString schedulerNotice(const MeasuredModel &m)
{
    const bool traced = m.trace != nullptr;
    if (m.source != MeasuredSource::Cpp) // a runner reports figures, never its runtime's insides
        return QStringLiteral("Measured with %1: %2 inside the runtime, and the runner reports the run's figures "
                              "only. No trace measured.")
            .arg(realName(m), m.source == MeasuredSource::Go
                                  ? QStringLiteral("the P run queues, runnext, global queue and netpoller are")
                                  : QStringLiteral("the loop's phases, microtask queue and libuv pool are"));
    QString what;
    switch (m.model) {
    case ModelKind::Fibers:
        what = QStringLiteral("Measured with Boost.Fiber: a Boost.Fiber run has no Go P run queues, runnext, global "
                              "queue or netpoller to show — each worker thread keeps a queue of its own, and "
                              "the run does not record it.");
        break;
    case ModelKind::EventLoop:
        what = QStringLiteral("Measured with Boost.Asio: an io_context runs ready handlers first in, first out; it "
                              "has no timers / poll / check phases or microtask queue to show, and the run does "
                              "not record its queue.");
        break;
    case ModelKind::Threads:
        what = QStringLiteral("Measured with std::thread: the kernel's run queue cannot be seen from inside the "
                              "process, so the run does not record which threads waited for a core.");
        break;
    }
    return what + (traced ? QStringLiteral(" The cores over time below are the measured trace.")
                          : QStringLiteral(" No trace measured."));
}

QString timelineNotice(const MeasuredModel &m)
{
    if (m.trace)
        return QString();
    if (m.source == MeasuredSource::Go)
        return QStringLiteral("No trace measured: %1 reports the run's figures, not which goroutine ran on which CPU "
                              "and when. Choose the C++ fibers executor for a trace.")
            .arg(realName(m));
    if (m.source == MeasuredSource::Node)
        return QStringLiteral("No trace measured: %1 reports the run's figures, not which callback ran on the loop "
                              "and when. Choose the C++ event-loop executor for a trace.")
            .arg(realName(m));
    return QStringLiteral("No trace measured: this conviz-cli reported the run's figures, not which request ran on "
                          "which CPU and when.");
}

// Said in the stack view when a measurement has no stacks to draw.
QString stackNotice(const MeasuredModel &m)
{
    if (m.source == MeasuredSource::Node)
        return QStringLiteral("Measured with %1: an async function keeps no stack of its own, and the runner does "
                              "not sample the loop thread's.")
            .arg(realName(m));
    if (m.model == ModelKind::EventLoop)
        return QStringLiteral("Measured with Boost.Asio: a callback has no stack of its own, and the loop threads' "
                              "stacks are not sampled.");
    return QStringLiteral("No live task was caught by a stack sample (one every 10 ms).");
}

std::shared_ptr<const TraceIndex> measuredIndex(const MeasuredModel &m, int cpus)
{
    Trace t = m.trace ? toEngineTrace(*m.trace, m.model) : Trace{};
    // The stacks at the sample with the most live tasks, held for the whole run: what the stack
    // view draws at the columns' common scale. An event loop's callbacks have no stacks.
    const StackOwner kind = m.model == ModelKind::Fibers ? StackOwner::Goroutine : StackOwner::Thread;
    for (std::int64_t i = 0; i < m.tasksAtPeak && m.reservedPerTask() > 0; ++i)
        t.stacks.push_back(
            {Nanos{0}, static_cast<std::uint64_t>(i) + 1, kind, m.reservedPerTask(), m.committedPerTask()});
    int cores = std::max(cpus, 1);
    for (const Span &s : t.spans)
        cores = std::max(cores, static_cast<int>(s.core) + 1);
    return std::make_shared<const TraceIndex>(std::make_shared<const Trace>(std::move(t)), cores);
}

QString percentFrom(double base, double other)
{
    if (base <= 0 || other <= 0)
        return QString();
    const long pct = std::lround((other - base) / base * 100);
    return QStringLiteral(" (%1%2%)").arg(pct >= 0 ? QStringLiteral("+") : QStringLiteral("−")).arg(std::labs(pct));
}

QString rps(double v) { return formatCount(static_cast<std::int64_t>(std::llround(v))); }

// A measured series' name: "Fibers measured" (C++), "Fibers Go measured"; `what` after the model.
QString seriesName(ModelKind m, MeasuredSource source, const QString &what = QString())
{
    QString name = modelStyle(m).shortTitle + what;
    if (source != MeasuredSource::Cpp)
        name += QLatin1Char(' ') + sourceTitle(source);
    return name + QStringLiteral(" measured");
}

SeriesData measuredSeries(ModelKind m, MeasuredSource source)
{
    const ModelStyle &st = modelStyle(m);
    SeriesData s;
    s.name = seriesName(m, source);
    s.rgb = st.rgb;
    s.line = LineStyle::Dash;
    s.marker = sourceMarker(source);
    s.markers = true;
    s.width = 1.0;
    return s;
}

} // namespace

MeasuredSource SourceChoice::of(ModelKind m) const
{
    return m == ModelKind::Fibers ? fibers : m == ModelKind::EventLoop ? eventLoop : MeasuredSource::Cpp;
}

const MeasuredModel *drivingMeasurement(const LiveResult &live, ModelKind model, const SourceChoice &choice)
{
    if (const auto &chosen = live.measuredOf(model, choice.of(model)))
        return &*chosen;
    for (const MeasuredSource s : kAllSources)
        if (const auto &m = live.measuredOf(model, s))
            return &*m;
    return nullptr;
}

LiveResult drivingOnly(const LiveResult &live, const SourceChoice &choice)
{
    LiveResult out;
    out.simulated = live.simulated;
    out.machine = live.machine;
    out.runnerErrors = live.runnerErrors;
    for (const ModelKind model : kAllModels)
        if (const MeasuredModel *m = drivingMeasurement(live, model, choice))
            out.measuredOf(model, m->source) = *m;
    return out;
}

MarkerShape sourceMarker(MeasuredSource s)
{
    return s == MeasuredSource::Cpp ? MarkerShape::Star : MarkerShape::Diamond;
}

ModelMetrics measuredMetrics(const MeasuredModel &m)
{
    ModelMetrics out;
    out.model = m.model;
    out.completed = m.completed;
    out.refused = m.refused;
    out.unfinished = m.unfinished;
    out.issued = m.completed + m.refused + m.unfinished;
    out.measured = m.completed;
    out.cancelled = m.stopped == u"cancelled";
    out.throughputRps = m.throughputRps;
    out.latency = m.latency;
    out.cpuUtilization = m.cpuUtilization;
    out.memory.peakCommitted = m.peakRssBytes;
    out.memory.peakReserved = m.peakVirtualBytes;
    out.memory.peakStackCommitted = m.stackCommittedBytes;
    out.memory.peakStackReserved = m.stackReservedBytes;
    out.peakTasks = m.peakTasks;
    out.peakThreads = m.peakThreads;
    out.contextSwitches = m.voluntarySwitches + m.involuntarySwitches;
    out.windowEnd = Nanos{static_cast<std::int64_t>(m.wallSeconds * 1e9)};
    return out;
}

QStringList comparisonLine(double measuredRps, double simulatedRps)
{
    const QString m = rps(measuredRps), s = rps(simulatedRps), pct = percentFrom(measuredRps, simulatedRps);
    return {QStringLiteral("measured %1 req/s · simulated %2%3").arg(m, s, pct),
            QStringLiteral("measured %1 · simulated %2 req/s%3").arg(m, s, pct),
            QStringLiteral("meas. %1 · sim. %2 req/s%3").arg(m, s, pct),
            QStringLiteral("meas. %1 · sim. %2%3").arg(m, s, pct)};
}

QStringList sourcesLine(const std::vector<std::pair<MeasuredSource, double>> &measured, double simulatedRps)
{
    if (measured.size() == 1 && measured.front().first == MeasuredSource::Cpp)
        return comparisonLine(measured.front().second, simulatedRps);
    QStringList each, bare;
    for (const auto &[source, value] : measured) {
        each << QStringLiteral("%1 %2 req/s").arg(sourceTitle(source), rps(value));
        bare << QStringLiteral("%1 %2").arg(sourceTitle(source), rps(value));
    }
    const QString sep = QStringLiteral(" · "), s = rps(simulatedRps);
    return {QStringLiteral("measured: %1 · simulated %2").arg(each.join(sep), s),
            QStringLiteral("measured: %1 · simulated %2 req/s").arg(bare.join(sep), s),
            QStringLiteral("meas.: %1 · sim. %2").arg(bare.join(sep), s),
            QStringLiteral("%1 · sim. %2").arg(bare.join(sep), s)};
}

QStringList staleLine()
{
    return {QStringLiteral("measured before your edit — run live again"), QStringLiteral("measured before your edit"),
            QStringLiteral("measured before an edit")};
}

std::shared_ptr<const RunSnapshot> measuredSnapshot(const RunSnapshot &base, const LiveResult &live, bool stale,
                                                    const SourceChoice &choice)
{
    auto out = std::make_shared<RunSnapshot>();
    out->id = base.id;
    out->scenario = base.scenario;
    Nanos end{1};
    for (const ModelKind model : kAllModels)
        if (const MeasuredModel *m = drivingMeasurement(live, model, choice))
            end = std::max(end, Nanos{static_cast<std::int64_t>(m->wallSeconds * 1e9)});
    for (const ModelKind model : kAllModels) {
        ModelRun &run = out->models[static_cast<std::size_t>(model)];
        run.model = model;
        run.live.measured = true;
        const MeasuredModel *m = drivingMeasurement(live, model, choice);
        if (!m) {
            run.metrics.model = model;
            run.live.headline = {QStringLiteral("not measured in this live run")};
            run.live.scheduler = QStringLiteral("This model was not measured in the last live run.");
            run.live.timeline = run.live.scheduler;
            continue;
        }
        run.metrics = measuredMetrics(*m);
        run.index = measuredIndex(*m, live.machine.cpus);
        end = std::max(end, run.index->end());
        if (m->tasksAtPeak > 0 && m->reservedPerTask() > 0)
            run.peakStacks = {{model == ModelKind::Fibers ? StackOwner::Goroutine : StackOwner::Thread,
                               m->reservedPerTask(), m->committedPerTask(), m->tasksAtPeak}};
        run.live.scheduler = schedulerNotice(*m);
        run.live.timeline = timelineNotice(*m);
        const QString wall = QString::number(m->wallSeconds, 'f', 1);
        if (stale)
            run.live.headline = staleLine();
        else if (m->source == MeasuredSource::Cpp)
            run.live.headline = {
                QStringLiteral("measured on this machine (%1 CPUs) in %2 s").arg(live.machine.cpus).arg(wall),
                QStringLiteral("measured on this machine")};
        else
            run.live.headline = {QStringLiteral("measured with %1 on this machine in %2 s").arg(realName(*m), wall),
                                 QStringLiteral("measured with real %1 in %2 s").arg(sourceTitle(m->source), wall),
                                 QStringLiteral("measured with real %1").arg(sourceTitle(m->source))};
        run.live.alert = stale;
        if (model == ModelKind::EventLoop || run.peakStacks.empty())
            run.live.stack = {stackNotice(*m)};
    }
    for (ModelRun &run : out->models)
        if (run.index)
            run.throughputOverTime = throughputSeries(run.index->trace(), end, kSeriesPoints);
    out->end = end;
    out->seriesEnd = end;
    out->busiest = Nanos{end.count() / 10};
    return out;
}

std::shared_ptr<const RunSnapshot> presentedSnapshot(const std::shared_ptr<const RunSnapshot> &simulated,
                                                     const LiveResult *live, ResultSource source, bool stale,
                                                     const SourceChoice &choice)
{
    if (!simulated || !live || source == ResultSource::Simulated)
        return simulated;
    if (source == ResultSource::Measured)
        return measuredSnapshot(*simulated, *live, stale, choice);
    // Both: the simulation, each headline saying how the measurement compares. The comparison is
    // with conviz-cli's simulation of the very requests it measured (live.requests applied,
    // machine.cores at most this machine's), which can differ from the numbers above it.
    auto out = std::make_shared<RunSnapshot>();
    out->id = simulated->id;
    out->scenario = simulated->scenario;
    out->models = simulated->models;
    out->costs = simulated->costs;
    out->end = simulated->end;
    out->seriesEnd = simulated->seriesEnd;
    out->busiest = simulated->busiest;
    out->truncated = simulated->truncated;
    out->computeMillis = simulated->computeMillis;
    for (ModelRun &run : out->models) {
        const MeasuredModel *m = drivingMeasurement(*live, run.model, choice);
        if (!m) {
            run.live.headline = {QStringLiteral("not measured in the last live run")};
            continue;
        }
        const auto &sim = live->simulatedOf(run.model);
        std::vector<std::pair<MeasuredSource, double>> each; // every source's figure, C++ first
        for (const MeasuredSource s : live->sourcesOf(run.model))
            each.emplace_back(s, live->measuredOf(run.model, s)->throughputRps);
        run.live.headline =
            stale ? staleLine() : sourcesLine(each, sim ? sim->throughputRps : run.metrics.throughputRps);
        run.live.alert = stale;
        if (m->tasksAtPeak > 0 && m->reservedPerTask() > 0 && !stale) {
            const QString used = formatBytes(static_cast<double>(m->committedPerTask()));
            const QString reserved = formatBytes(static_cast<double>(m->reservedPerTask()));
            // The measured stacks beside the simulated ones, at the one scale (they count in it).
            run.live.measuredStacks = {{run.model == ModelKind::Fibers ? StackOwner::Goroutine : StackOwner::Thread,
                                        m->reservedPerTask(), m->committedPerTask(), m->tasksAtPeak}};
            run.peakStacks.push_back(run.live.measuredStacks.front());
            const QString who = m->source == MeasuredSource::Cpp ? QString() : sourceTitle(m->source) + u' ';
            run.live.stack = {QStringLiteral("%1measured %2 committed of %3 per stack").arg(who, used, reserved),
                              QStringLiteral("%1measured %2 of %3 each").arg(who, used, reserved),
                              QStringLiteral("%1meas. %2 each").arg(who, used)};
        }
    }
    return out;
}

namespace {
const QString kMeasuredNote = QStringLiteral(" · ★ measured");

// The over-time chart's title says which shape is which once: "· ★ measured".
void noteShapes(ChartData &chart, bool cpp, const QStringList &real)
{
    if (real.isEmpty()) {
        if (cpp && !chart.title.endsWith(kMeasuredNote))
            chart.title += kMeasuredNote;
        return;
    }
    const QString note = QStringLiteral(" · %1◆ real %2")
                             .arg(cpp ? QStringLiteral("★ C++ ") : QString(), real.join(QStringLiteral(", ")));
    if (!chart.title.endsWith(note))
        chart.title += note;
}
} // namespace

void overlayMeasured(ChartData &chart, OverlayChart kind, const LiveResult &live, double sweptValue, double perSecond)
{
    bool cpp = false;
    QStringList real;
    for (const MeasuredSource source : kAllSources) {
        for (const ModelKind model : kAllModels) {
            const auto &m = live.measuredOf(model, source);
            if (!m)
                continue;
            SeriesData s = measuredSeries(model, source);
            switch (kind) {
            case OverlayChart::ThroughputOverTime: {
                if (m->throughputOverTime.isEmpty())
                    continue;
                // Six entries do not fit a legend half a window wide: the title says what a star is.
                s.inLegend = false;
                for (const QPointF &p : m->throughputOverTime)
                    s.points.append({p.x() * perSecond, p.y()});
                break;
            }
            case OverlayChart::ThroughputSweep: s.points.append({sweptValue, m->throughputRps}); break;
            case OverlayChart::LatencySweep: {
                s.points.append({sweptValue, m->latency.p50 / 1e6});
                SeriesData p99 = s;
                p99.name = seriesName(model, source, QStringLiteral(" p99"));
                p99.points = {{sweptValue, m->latency.p99 / 1e6}};
                p99.inLegend = source == MeasuredSource::Cpp;
                chart.series.push_back(std::move(p99));
                s.name = seriesName(model, source, QStringLiteral(" p50"));
                break;
            }
            case OverlayChart::MemorySweep:
                s.points.append({sweptValue, static_cast<double>(m->peakRssBytes) / (1024.0 * 1024.0)});
                break;
            }
            if (s.points.isEmpty())
                continue;
            // A real runtime's diamonds are named in the title, not the legend: it has no room for more.
            if (source != MeasuredSource::Cpp)
                s.inLegend = false;
            if (source == MeasuredSource::Cpp)
                cpp = true;
            else if (!real.contains(sourceTitle(source)))
                real << sourceTitle(source);
            chart.series.push_back(std::move(s));
        }
    }
    // The sweep charts' legend strip names the shapes (measuredShapesNote): their titles have no room.
    if (kind == OverlayChart::ThroughputOverTime)
        noteShapes(chart, cpp, real);
}

QString measuredShapesNote(const LiveResult &live)
{
    bool cpp = false;
    QStringList real;
    for (const MeasuredSource s : kAllSources)
        for (const ModelKind m : kAllModels)
            if (live.measuredOf(m, s)) {
                cpp = cpp || s == MeasuredSource::Cpp;
                if (s != MeasuredSource::Cpp && !real.contains(sourceTitle(s)))
                    real << sourceTitle(s);
            }
    if (real.isEmpty())
        return cpp ? QStringLiteral("★ measured") : QString();
    return QStringLiteral("%1◆ real %2")
        .arg(cpp ? QStringLiteral("★ C++ ") : QString(), real.join(QStringLiteral(", ")));
}

} // namespace conviz::gui
