#include "gui/core/measured_snapshot.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr int kSeriesPoints = 160; // as the simulation's over-time series

// What a measured run of `model` cannot show in the scheduler view, and why.
QString schedulerNotice(ModelKind model, bool traced)
{
    QString what;
    switch (model) {
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

QString timelineNotice(bool traced)
{
    return traced ? QString()
                  : QStringLiteral("No trace measured: this conviz-cli reported the run's figures, not which request "
                                   "ran on which CPU and when.");
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

SeriesData measuredSeries(ModelKind m)
{
    const ModelStyle &st = modelStyle(m);
    SeriesData s;
    s.name = st.shortTitle + QStringLiteral(" measured");
    s.rgb = st.rgb;
    s.line = LineStyle::Dash;
    s.marker = MarkerShape::Star;
    s.markers = true;
    s.width = 1.0;
    return s;
}

} // namespace

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

QStringList staleLine()
{
    return {QStringLiteral("measured before your edit — run live again"), QStringLiteral("measured before your edit"),
            QStringLiteral("measured before an edit")};
}

std::shared_ptr<const RunSnapshot> measuredSnapshot(const RunSnapshot &base, const LiveResult &live, bool stale)
{
    auto out = std::make_shared<RunSnapshot>();
    out->id = base.id;
    out->scenario = base.scenario;
    Nanos end{1};
    for (const auto &m : live.measured)
        if (m)
            end = std::max(end, Nanos{static_cast<std::int64_t>(m->wallSeconds * 1e9)});
    for (const ModelKind model : kAllModels) {
        ModelRun &run = out->models[static_cast<std::size_t>(model)];
        run.model = model;
        run.live.measured = true;
        const auto &m = live.measuredOf(model);
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
        run.live.scheduler = schedulerNotice(model, m->trace != nullptr);
        run.live.timeline = timelineNotice(m->trace != nullptr);
        run.live.headline = stale ? staleLine()
                                  : QStringList{QStringLiteral("measured on this machine (%1 CPUs) in %2 s")
                                                    .arg(live.machine.cpus)
                                                    .arg(m->wallSeconds, 0, 'f', 1),
                                                QStringLiteral("measured on this machine")};
        run.live.alert = stale;
        if (model == ModelKind::EventLoop)
            run.live.stack = {QStringLiteral("Measured with Boost.Asio: a callback has no stack of its own, and "
                                             "the loop threads' stacks are not sampled.")};
        else if (run.peakStacks.empty())
            run.live.stack = {QStringLiteral("No live task was caught by a stack sample (one every 10 ms).")};
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
                                                     const LiveResult *live, ResultSource source, bool stale)
{
    if (!simulated || !live || source == ResultSource::Simulated)
        return simulated;
    if (source == ResultSource::Measured)
        return measuredSnapshot(*simulated, *live, stale);
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
        const auto &m = live->measuredOf(run.model);
        if (!m) {
            run.live.headline = {QStringLiteral("not measured in the last live run")};
            continue;
        }
        const auto &sim = live->simulatedOf(run.model);
        run.live.headline =
            stale ? staleLine()
                  : comparisonLine(m->throughputRps, sim ? sim->throughputRps : run.metrics.throughputRps);
        run.live.alert = stale;
        if (m->tasksAtPeak > 0 && m->reservedPerTask() > 0 && !stale) {
            const QString used = formatBytes(static_cast<double>(m->committedPerTask()));
            const QString reserved = formatBytes(static_cast<double>(m->reservedPerTask()));
            // The measured stacks beside the simulated ones, at the one scale (they count in it).
            run.live.measuredStacks = {{run.model == ModelKind::Fibers ? StackOwner::Goroutine : StackOwner::Thread,
                                        m->reservedPerTask(), m->committedPerTask(), m->tasksAtPeak}};
            run.peakStacks.push_back(run.live.measuredStacks.front());
            run.live.stack = {QStringLiteral("measured %1 committed of %2 per stack").arg(used, reserved),
                              QStringLiteral("measured %1 of %2 each").arg(used, reserved),
                              QStringLiteral("meas. %1 each").arg(used)};
        }
    }
    return out;
}

namespace {
const QString kMeasuredNote = QStringLiteral(" · ★ measured");
} // namespace

void overlayMeasured(ChartData &chart, OverlayChart kind, const LiveResult &live, double sweptValue, double perSecond)
{
    for (const ModelKind model : kAllModels) {
        const auto &m = live.measuredOf(model);
        if (!m)
            continue;
        SeriesData s = measuredSeries(model);
        switch (kind) {
        case OverlayChart::ThroughputOverTime: {
            if (m->throughputOverTime.isEmpty())
                continue;
            // Six entries do not fit a legend half a window wide: the title says what a star is.
            s.inLegend = false;
            if (!chart.title.endsWith(kMeasuredNote))
                chart.title += kMeasuredNote;
            for (const QPointF &p : m->throughputOverTime)
                s.points.append({p.x() * perSecond, p.y()});
            break;
        }
        case OverlayChart::ThroughputSweep: s.points.append({sweptValue, m->throughputRps}); break;
        case OverlayChart::LatencySweep: {
            s.points.append({sweptValue, m->latency.p50 / 1e6});
            SeriesData p99 = s;
            p99.name = modelStyle(model).shortTitle + QStringLiteral(" p99 measured");
            p99.points = {{sweptValue, m->latency.p99 / 1e6}};
            chart.series.push_back(std::move(p99));
            s.name = modelStyle(model).shortTitle + QStringLiteral(" p50 measured");
            break;
        }
        case OverlayChart::MemorySweep:
            s.points.append({sweptValue, static_cast<double>(m->peakRssBytes) / (1024.0 * 1024.0)});
            break;
        }
        if (!s.points.isEmpty())
            chart.series.push_back(std::move(s));
    }
}

} // namespace conviz::gui
