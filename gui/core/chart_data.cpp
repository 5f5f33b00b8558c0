#include "gui/core/chart_data.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"
#include "gui/core/preview_prefix.h"
#include "gui/core/run_snapshot.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace conviz::gui {
namespace {

// `width` before the model's extraWidth (model_palette.h: coinciding curves stay visible).
SeriesData styled(ModelKind m, QString suffix = {}, double width = 2.2)
{
    const ModelStyle &st = modelStyle(m);
    SeriesData s;
    s.name = suffix.isEmpty() ? st.title : st.shortTitle + QLatin1Char(' ') + suffix;
    s.rgb = st.rgb;
    s.line = st.line;
    s.marker = st.marker;
    s.hollow = st.hollowMarker;
    s.width = width + st.extraWidth;
    return s;
}

// Seconds on the x axis of over-time charts, or milliseconds for short runs.
double timeScale(const RunSnapshot &s) { return s.seriesEnd.count() < 2'000'000'000 ? 1e3 : 1.0; }
QString timeTitle(const RunSnapshot &s)
{
    return timeScale(s) > 1 ? QStringLiteral("Simulated time (ms)") : QStringLiteral("Simulated time (s)");
}

QList<QPointF> scaledX(const QList<QPointF> &in, double k)
{
    QList<QPointF> out;
    out.reserve(in.size());
    for (const QPointF &p : in)
        out.append({p.x() * k, p.y()});
    return out;
}

ChartData overTime(const RunSnapshot &snap, QString title, QString yTitle, QList<QPointF> ModelRun::*field)
{
    ChartData c;
    c.title = std::move(title);
    c.xTitle = timeTitle(snap);
    c.yTitle = std::move(yTitle);
    c.xExtent = snap.seriesEnd.toSeconds() * timeScale(snap);
    for (const ModelRun &m : snap.models) {
        SeriesData s = styled(m.model);
        s.points = scaledX(m.*field, timeScale(snap));
        c.series.push_back(std::move(s));
    }
    return c;
}

ChartData sweepChart(const SweepSnapshot &sw, QString title, QString yTitle)
{
    ChartData c;
    c.title = std::move(title);
    c.xTitle = sw.label;
    c.yTitle = std::move(yTitle);
    return c;
}

// A point where a model measured no request has no throughput and no latency (chart_data.h).
bool measuredAt(const SweepSnapshot &sw, std::size_t point, std::size_t model)
{
    return sw.points[point][model].measured > 0;
}
void noteUnmeasured(ChartData &c, const SweepSnapshot &sw)
{
    if (const QString note = unmeasuredNote(sw); !note.isEmpty()) {
        c.title += QStringLiteral(" · ") + note;
        // The axis spans the whole sweep: where the lines are missing shows.
        c.xStart = sw.xs.front();
        c.xExtent = sw.xs.back();
    }
}

} // namespace

QString unmeasuredNote(const SweepSnapshot &sw)
{
    int missing = 0;
    for (std::size_t i = 0; i < sw.points.size(); ++i)
        missing += !(measuredAt(sw, i, 0) && measuredAt(sw, i, 1) && measuredAt(sw, i, 2));
    if (missing == 0)
        return {};
    return missing == 1 ? QStringLiteral("1 point measured nothing")
                        : QStringLiteral("%1 points measured nothing").arg(missing);
}

bool sweptGeometrically(const SweepSnapshot &sw)
{
    if (sw.spec.log)
        return true;
    const std::vector<double> &xs = sw.xs;
    if (xs.size() < 3 || xs.front() <= 0)
        return false;
    // Equal ratios (within the rounding of whole values, such as cores 1, 2, 4, 8, 16).
    const double ratio = xs[1] / xs[0];
    if (ratio <= 1.05)
        return false;
    for (std::size_t i = 1; i + 1 < xs.size(); ++i)
        if (xs[i] <= 0 || std::abs(xs[i + 1] / xs[i] - ratio) > 0.15 * ratio)
            return false;
    return true;
}

ChartData throughputOverTimeChart(const RunSnapshot &snap)
{
    ChartData c = overTime(snap, QStringLiteral("Throughput over time"), QStringLiteral("Completed (req/s)"),
                           &ModelRun::throughputOverTime);
    // A drag's preview of the first requests: the time axis ends where their run ended, and the
    // title says why it is shorter than the whole run's.
    if (const QStringList note = prefixNote(snap.prefix); !note.isEmpty())
        c.title += QStringLiteral(" · ") + note.back().toLower();
    return c;
}

ChartData runQueueOverTimeChart(const RunSnapshot &snap)
{
    ChartData c = overTime(snap, QStringLiteral("Tasks waiting for a CPU"), QStringLiteral("Waiting tasks"),
                           &ModelRun::runQueueOverTime);
    // A trace cut short (to save memory) ends its line at the cut: the title says so, lest a reader
    // take the line's end for an empty queue.
    Nanos cut = Nanos::max();
    for (const ModelRun &m : snap.models)
        if (m.index && m.index->trace().truncated())
            cut = min(cut, m.index->trace().truncatedAt);
    if (cut != Nanos::max()) {
        const double k = timeScale(snap);
        c.title += QStringLiteral(" · recorded to %1 %2")
                       .arg(formatNumber(cut.toSeconds() * k, 3), k > 1 ? QStringLiteral("ms") : QStringLiteral("s"));
        c.subtitle = QStringLiteral(
            "A line ends where its model's trace was cut to save memory; the metrics cover the whole run");
    }
    return c;
}

ChartData throughputSweepChart(const SweepSnapshot &sw)
{
    ChartData c =
        sweepChart(sw, QStringLiteral("Throughput vs %1").arg(sw.knobLabel), QStringLiteral("Throughput (req/s)"));
    c.legend = false;
    for (std::size_t m = 0; m < 3; ++m) {
        SeriesData s = styled(kAllModels[m]);
        s.markers = true;
        for (std::size_t i = 0; i < sw.points.size(); ++i)
            if (measuredAt(sw, i, m))
                s.points.append({sw.xs[i], sw.points[i][m].throughputRps});
        c.series.push_back(std::move(s));
    }
    noteUnmeasured(c, sw);
    return c;
}

ChartData latencySweepChart(const SweepSnapshot &sw)
{
    ChartData c =
        sweepChart(sw, QStringLiteral("Latency vs %1").arg(sw.knobLabel), QStringLiteral("Latency (ms, log)"));
    c.logY = true;
    c.legend = false;
    for (std::size_t m = 0; m < 3; ++m) {
        SeriesData p50 = styled(kAllModels[m], QStringLiteral("p50"));
        SeriesData p99 = styled(kAllModels[m], QStringLiteral("p99"), 1.6);
        p50.line = LineStyle::Solid;
        p99.line = LineStyle::Dash;
        p50.markers = p99.markers = true;
        for (std::size_t i = 0; i < sw.points.size(); ++i) {
            if (!measuredAt(sw, i, m))
                continue;
            p50.points.append({sw.xs[i], sw.points[i][m].latency.p50 / 1e6});
            p99.points.append({sw.xs[i], sw.points[i][m].latency.p99 / 1e6});
        }
        c.series.push_back(std::move(p50));
        c.series.push_back(std::move(p99));
    }
    noteUnmeasured(c, sw);
    return c;
}

ChartData memorySweepChart(const SweepSnapshot &sw)
{
    // Against what the sweep varies: a sweep of cores or of the load keeps the tasks where they were
    // (or moves them only through the load), so peak tasks on x would stack the points in one place.
    ChartData c = sweepChart(sw, QStringLiteral("Memory vs %1").arg(sw.knobLabel), QStringLiteral("Memory (MiB, log)"));
    c.logX = sweptGeometrically(sw);
    c.logY = true;
    c.legend = false;
    for (std::size_t m = 0; m < 3; ++m) {
        SeriesData committed = styled(kAllModels[m], QStringLiteral("resident"));
        SeriesData reserved = styled(kAllModels[m], QStringLiteral("reserved"), 1.6);
        committed.line = LineStyle::Solid;
        reserved.line = LineStyle::Dash;
        committed.markers = reserved.markers = true;
        for (std::size_t i = 0; i < sw.points.size(); ++i) {
            const ModelMetrics &row = sw.points[i][m];
            committed.points.append({sw.xs[i], static_cast<double>(row.memory.peakCommitted) / (1024.0 * 1024.0)});
            reserved.points.append({sw.xs[i], static_cast<double>(row.memory.peakReserved) / (1024.0 * 1024.0)});
        }
        c.series.push_back(std::move(committed));
        c.series.push_back(std::move(reserved));
    }
    return c;
}

QList<QPointF> coresBusySeries(const Trace &trace, Nanos end, int points)
{
    QList<QPointF> out;
    if (points <= 0 || end <= Nanos::zero())
        return out;
    const std::int64_t span = end.count();
    std::vector<double> busy(static_cast<std::size_t>(points), 0.0); // busy core-nanoseconds per bin
    const auto binStart = [&](std::int64_t b) { return span * b / points; };
    for (const Span &s : trace.spans) {
        const std::int64_t from = std::clamp<std::int64_t>(s.start.count(), 0, span);
        const std::int64_t to = std::clamp<std::int64_t>(s.end.count(), 0, span);
        if (to <= from)
            continue;
        std::int64_t b = std::min<std::int64_t>(from * points / span, points - 1);
        while (b < points && binStart(b) < to) {
            const std::int64_t lo = std::max(from, binStart(b));
            const std::int64_t hi = std::min(to, binStart(b + 1));
            if (hi > lo)
                busy[static_cast<std::size_t>(b)] += static_cast<double>(hi - lo);
            ++b;
        }
    }
    out.reserve(points);
    for (std::int64_t b = 0; b < points; ++b) {
        const double width = static_cast<double>(binStart(b + 1) - binStart(b));
        const double centre = (static_cast<double>(binStart(b)) + static_cast<double>(binStart(b + 1))) / 2e9;
        out.append({centre, width > 0 ? busy[static_cast<std::size_t>(b)] / width : 0.0});
    }
    return out;
}

ChartData coresBusyOverTimeChart(const RunSnapshot &snap, int points)
{
    ChartData c;
    c.title = QStringLiteral("Cores busy over time");
    c.xTitle = timeTitle(snap);
    c.yTitle = QStringLiteral("Cores busy (of %1)").arg(snap.scenario.machine.cores);
    c.xExtent = snap.seriesEnd.toSeconds() * timeScale(snap);
    // The traces end where each model stopped recording: a cut trace's line ends at its cut.
    for (const ModelRun &m : snap.models) {
        SeriesData s = styled(m.model);
        if (m.index) {
            const Nanos until = m.index->trace().truncated() ? m.index->trace().truncatedAt : snap.seriesEnd;
            QList<QPointF> pts = coresBusySeries(m.index->trace(), snap.seriesEnd, points);
            while (!pts.isEmpty() && pts.back().x() > until.toSeconds())
                pts.removeLast();
            s.points = scaledX(pts, timeScale(snap));
        }
        c.series.push_back(std::move(s));
    }
    return c;
}

} // namespace conviz::gui
