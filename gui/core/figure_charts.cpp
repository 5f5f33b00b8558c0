#include "gui/core/figure_charts.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace conviz::gui {
namespace {

// Figures keep one legend entry per model: the series of a model after its first are explained by
// the subtitle ("dashed: p99"), and the first is named by the model alone.
void oneEntryPerModel(ChartData &c)
{
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const ModelKind m = kAllModels[i / (c.series.size() / 3)];
        c.series[i].inLegend = i % (c.series.size() / 3) == 0;
        if (c.series[i].inLegend)
            c.series[i].name = modelStyle(m).title;
    }
}

ChartData decorated(ChartData c, QString title, QString subtitle, const Scenario &s)
{
    c.title = std::move(title);
    c.subtitle = std::move(subtitle);
    c.source = figureSourceLine(s);
    c.legend = true;
    return c;
}

// `measuredOnly`: the chart plots what measured requests give (throughput, latency), and leaves out
// the points where a model measured none.
QString perPoint(const SweepSnapshot &sw, bool measuredOnly = false)
{
    QString points =
        QStringLiteral("%1 points from %2 to %3")
            .arg(sw.xs.size())
            .arg(formatNumber(sw.xs.empty() ? 0 : sw.xs.front(), 4), formatNumber(sw.xs.empty() ? 0 : sw.xs.back(), 4));
    if (const QString note = unmeasuredNote(sw); measuredOnly && !note.isEmpty())
        points += QStringLiteral(" (%1: left out)").arg(note);
    return points;
}

} // namespace

Nanos allModelsDone(const RunSnapshot &run)
{
    Nanos done{0};
    bool any = false;
    for (const ModelRun &m : run.models) {
        if (!m.index)
            continue;
        const Trace &trace = m.index->trace();
        const Nanos end = trace.completions.empty() ? m.index->end() : trace.completions.back();
        done = any ? max(done, end) : end;
        any = true;
    }
    return any ? min(done, run.end) : run.end;
}

Nanos busiestInstant(const RunSnapshot &run, int candidates)
{
    // Only while every model still has requests to finish: an instant after one is done shows it
    // idle, however busy the others are.
    Nanos until = run.end;
    for (const ModelRun &m : run.models)
        if (m.index) {
            const Trace &trace = m.index->trace();
            until = min(until, trace.completions.empty() ? m.index->end() : trace.completions.back());
        }
    if (until <= Nanos::zero() || candidates <= 0)
        return Nanos::zero();
    // The most requests in flight, then the most cores running something, each model's count as a
    // fraction of the most it reaches over these instants, summed; then the most tasks waiting for
    // a core. An I/O-bound run shows the most connections waiting; a closed loop, in flight the same
    // throughout, every core busy rather than its t = 0 (every request queued, no core running yet).
    const std::size_t n = static_cast<std::size_t>(candidates) + 1;
    std::vector<double> held(n, 0.0), running(n, 0.0), waiting(n, 0.0);
    for (const ModelRun &m : run.models) {
        if (!m.index)
            continue;
        const QList<QPointF> queued = runQueueSeries(m.index, m.model, until, candidates);
        std::vector<double> busy(n, 0.0), inFlight(n, 0.0);
        for (std::size_t i = 0; i < n; ++i) {
            const Nanos t{until.count() / candidates * static_cast<std::int64_t>(i)};
            for (int c = 0; c < m.index->cores(); ++c)
                busy[i] += m.index->spanAt(c, t).has_value() ? 1 : 0;
            inFlight[i] = static_cast<double>(m.index->counterAt(Counter::InFlight, 0, t));
            waiting[i] += static_cast<qsizetype>(i) < queued.size() ? queued[static_cast<qsizetype>(i)].y() : 0;
        }
        const double mostBusy = *std::max_element(busy.begin(), busy.end());
        const double mostInFlight = *std::max_element(inFlight.begin(), inFlight.end());
        for (std::size_t i = 0; i < n; ++i) {
            running[i] += mostBusy > 0 ? busy[i] / mostBusy : 0;
            held[i] += mostInFlight > 0 ? inFlight[i] / mostInFlight : 0;
        }
    }
    const auto before = [&](std::size_t a, std::size_t b) { // a is less busy than b
        constexpr double kSame = 1e-9;
        if (std::abs(held[a] - held[b]) > kSame)
            return held[a] < held[b];
        if (std::abs(running[a] - running[b]) > kSame)
            return running[a] < running[b];
        return waiting[a] < waiting[b];
    };
    std::size_t best = 0; // the first of equals: the earliest
    for (std::size_t i = 1; i < n; ++i)
        if (before(best, i))
            best = i;
    return Nanos{until.count() / candidates * static_cast<std::int64_t>(best)};
}

QString formatDollars(double usd)
{
    if (usd >= 100)
        return QLatin1Char('$') + formatCount(std::llround(usd));
    return QLatin1Char('$') + QString::number(usd, 'f', 2);
}

ChartData throughputFigure(const SweepSnapshot &sw, const Scenario &s)
{
    ChartData c = throughputSweepChart(sw);
    c.xTitle = sw.label;
    return decorated(std::move(c), QStringLiteral("Throughput vs %1").arg(sw.knobLabel),
                     QStringLiteral("Requests completed per second by each model · %1").arg(perPoint(sw, true)), s);
}

ChartData latencyFigure(const SweepSnapshot &sw, const Scenario &s)
{
    ChartData c = latencySweepChart(sw);
    c.yTitle = QStringLiteral("Latency (ms, log scale)");
    oneEntryPerModel(c);
    return decorated(
        std::move(c), QStringLiteral("Latency vs %1").arg(sw.knobLabel),
        QStringLiteral("Median (solid) and 99th percentile (dashed), arrival to answer · %1").arg(perPoint(sw, true)),
        s);
}

ChartData memoryFigure(const SweepSnapshot &sw, const Scenario &s)
{
    ChartData c = memorySweepChart(sw);
    c.xTitle = c.logX ? sw.label + QStringLiteral(" (log scale)") : sw.label;
    c.yTitle = QStringLiteral("Peak memory (MiB, log scale)");
    oneEntryPerModel(c);
    return decorated(std::move(c), QStringLiteral("Memory vs %1").arg(sw.knobLabel),
                     QStringLiteral("Peak resident (solid) and reserved address space (dashed) · %1").arg(perPoint(sw)),
                     s);
}

ChartData timelineFigure(const RunSnapshot &run)
{
    ChartData c = coresBusyOverTimeChart(run);
    return decorated(std::move(c), QStringLiteral("Cores busy over time"),
                     QStringLiteral("Cores running anything (work, switches, runtime) during one run of %1 requests "
                                    "on %2 cores")
                         .arg(formatCount(run.models[0].metrics.issued))
                         .arg(run.scenario.machine.cores),
                     run.scenario);
}

ChartData queueFigure(const RunSnapshot &run)
{
    ChartData c = runQueueOverTimeChart(run);
    return decorated(std::move(c), QStringLiteral("Tasks waiting for a CPU"),
                     QStringLiteral("Runnable tasks queued for a core, a P or the event loop, during one run"),
                     run.scenario);
}

ChartData costFigure(const Scenario &s, std::span<const CostEstimate> costs)
{
    ChartData c;
    c.shape = ChartShape::Bars;
    c.title = QStringLiteral("What a month costs");
    const double rate = costs.empty() ? s.load.rate : costs.front().offeredRate;
    const double monthly = rate * kHoursPerMonth * 3600;
    // The container's size goes in the subtitle: a short category is never cut off in a narrow chart.
    c.subtitle = costs.empty() // estimateCosts prices nothing from a model that measured no request
                     ? QStringLiteral("No estimate: a model measured no request, and the estimate is sized by the "
                                      "CPU and the throughput of measured requests")
                     : QStringLiteral("%1 req/s, %2 billion requests a month · Lambda runs one request per instance · "
                                      "containers of %3 vCPU, %4 · us-east-1 prices of %5")
                           .arg(formatNumber(rate, 4), QString::number(monthly / 1e9, 'f', 2))
                           .arg(s.cost.containerVcpu)
                           .arg(formatBytes(static_cast<double>(s.cost.containerMemory)),
                                QString::fromStdString(s.cost.pricesDate));
    c.source = figureSourceLine(s);
    c.yTitle = QStringLiteral("USD per month");
    c.categories = {QStringLiteral("AWS Lambda"), QStringLiteral("Containers")};
    for (const CostEstimate &e : costs) {
        const ModelStyle &st = modelStyle(e.model);
        SeriesData bars;
        bars.name = st.title;
        bars.rgb = st.rgb;
        bars.points = {{0, e.lambdaMonthly}, {1, e.fits ? e.containersMonthly : 0.0}};
        bars.labels = {formatDollars(e.lambdaMonthly),
                       e.fits ? formatDollars(e.containersMonthly) : QStringLiteral("does not fit")};
        c.series.push_back(std::move(bars));
    }
    return c;
}

std::optional<ChartData> figureChart(FigureKind kind, const RunSnapshot *run, const SweepSnapshot *sweep,
                                     const Scenario &scenario)
{
    if (figureNeedsSweep(kind) && !sweep)
        return std::nullopt;
    if (!figureNeedsSweep(kind) && !run)
        return std::nullopt;
    switch (kind) {
    case FigureKind::Throughput: return throughputFigure(*sweep, scenario);
    case FigureKind::Latency: return latencyFigure(*sweep, scenario);
    case FigureKind::Memory: return memoryFigure(*sweep, scenario);
    case FigureKind::Timeline: return timelineFigure(*run);
    case FigureKind::Queue: return queueFigure(*run);
    case FigureKind::Cost: {
        if (!run->costs.empty()) // estimated on the worker with the run (up to 0.3 s on big fan-outs)
            return costFigure(run->scenario, run->costs);
        std::vector<ModelMetrics> metrics;
        for (const ModelRun &m : run->models)
            metrics.push_back(m.metrics);
        return costFigure(run->scenario, estimateCosts(run->scenario, metrics));
    }
    case FigureKind::SideBySide: break;
    }
    return std::nullopt;
}

} // namespace conviz::gui
