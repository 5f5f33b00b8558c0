#include "gui/core/chart_data.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"
#include "gui/core/run_snapshot.h"

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

} // namespace

ChartData throughputOverTimeChart(const RunSnapshot &snap)
{
    return overTime(snap, QStringLiteral("Throughput over time"), QStringLiteral("Completed (req/s)"),
                    &ModelRun::throughputOverTime);
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
            s.points.append({sw.xs[i], sw.points[i][m].throughputRps});
        c.series.push_back(std::move(s));
    }
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
            p50.points.append({sw.xs[i], sw.points[i][m].latency.p50 / 1e6});
            p99.points.append({sw.xs[i], sw.points[i][m].latency.p99 / 1e6});
        }
        c.series.push_back(std::move(p50));
        c.series.push_back(std::move(p99));
    }
    return c;
}

ChartData memorySweepChart(const SweepSnapshot &sw)
{
    ChartData c;
    c.title = QStringLiteral("Memory vs concurrent tasks");
    c.xTitle = QStringLiteral("Peak concurrent tasks (log)");
    c.yTitle = QStringLiteral("Memory (MiB, log)");
    c.logX = c.logY = true;
    c.legend = false;
    for (std::size_t m = 0; m < 3; ++m) {
        SeriesData committed = styled(kAllModels[m], QStringLiteral("resident"));
        SeriesData reserved = styled(kAllModels[m], QStringLiteral("reserved"), 1.6);
        committed.line = LineStyle::Solid;
        reserved.line = LineStyle::Dash;
        committed.markers = reserved.markers = true;
        for (const auto &row : sw.points) {
            const double tasks = static_cast<double>(row[m].peakTasks);
            committed.points.append({tasks, static_cast<double>(row[m].memory.peakCommitted) / (1024.0 * 1024.0)});
            reserved.points.append({tasks, static_cast<double>(row[m].memory.peakReserved) / (1024.0 * 1024.0)});
        }
        c.series.push_back(std::move(committed));
        c.series.push_back(std::move(reserved));
    }
    return c;
}

} // namespace conviz::gui
