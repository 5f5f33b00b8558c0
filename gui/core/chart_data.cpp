#include "gui/core/chart_data.h"

namespace conviz::gui {
namespace {

SeriesData styled(ModelKind m, QString suffix = {})
{
    const ModelStyle &st = modelStyle(m);
    SeriesData s;
    s.name = suffix.isEmpty() ? st.title : st.shortTitle + QLatin1Char(' ') + suffix;
    s.rgb = st.rgb;
    s.line = st.line;
    s.marker = st.marker;
    return s;
}

// Seconds on the x axis of over-time charts, or milliseconds for short runs.
double timeScale(const RunSnapshot &s) { return s.end.count() < 2'000'000'000 ? 1e3 : 1.0; }
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
    return overTime(snap, QStringLiteral("Tasks waiting for a CPU"), QStringLiteral("Waiting tasks"),
                    &ModelRun::runQueueOverTime);
}

ChartData throughputSweepChart(const SweepSnapshot &sw)
{
    ChartData c = sweepChart(sw, QStringLiteral("Throughput vs %1").arg(sw.knobLabel),
                             QStringLiteral("Throughput (req/s)"));
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
    ChartData c = sweepChart(sw, QStringLiteral("Latency vs %1").arg(sw.knobLabel),
                             QStringLiteral("Latency (ms, log)"));
    c.logY = true;
    c.legend = false;
    for (std::size_t m = 0; m < 3; ++m) {
        SeriesData p50 = styled(kAllModels[m], QStringLiteral("p50"));
        SeriesData p99 = styled(kAllModels[m], QStringLiteral("p99"));
        p50.line = LineStyle::Solid;
        p99.line = LineStyle::Dash;
        p99.width = 1.6;
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
        SeriesData reserved = styled(kAllModels[m], QStringLiteral("reserved"));
        committed.line = LineStyle::Solid;
        reserved.line = LineStyle::Dash;
        reserved.width = 1.6;
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
