#include "gui/core/figure_charts.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"

#include <cmath>

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

QString perPoint(const SweepSnapshot &sw)
{
    return QStringLiteral("%1 points from %2 to %3")
        .arg(sw.xs.size())
        .arg(formatNumber(sw.xs.empty() ? 0 : sw.xs.front(), 4), formatNumber(sw.xs.empty() ? 0 : sw.xs.back(), 4));
}

} // namespace

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
                     QStringLiteral("Requests completed per second by each model · %1").arg(perPoint(sw)), s);
}

ChartData latencyFigure(const SweepSnapshot &sw, const Scenario &s)
{
    ChartData c = latencySweepChart(sw);
    c.yTitle = QStringLiteral("Latency (ms, log scale)");
    oneEntryPerModel(c);
    return decorated(
        std::move(c), QStringLiteral("Latency vs %1").arg(sw.knobLabel),
        QStringLiteral("Median (solid) and 99th percentile (dashed), arrival to answer · %1").arg(perPoint(sw)), s);
}

ChartData memoryFigure(const SweepSnapshot &sw, const Scenario &s)
{
    ChartData c = memorySweepChart(sw);
    c.xTitle = QStringLiteral("Peak concurrent tasks (log scale)");
    c.yTitle = QStringLiteral("Peak memory (MiB, log scale)");
    oneEntryPerModel(c);
    return decorated(
        std::move(c), QStringLiteral("Memory vs concurrent tasks"),
        QStringLiteral("Resident (solid) and reserved address space (dashed) over a sweep of %1").arg(sw.knobLabel), s);
}

ChartData timelineFigure(const RunSnapshot &run)
{
    ChartData c = throughputOverTimeChart(run);
    return decorated(std::move(c), QStringLiteral("Throughput over time"),
                     QStringLiteral("Requests completed per second during one run of %1 requests")
                         .arg(formatCount(run.models[0].metrics.issued)),
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
    c.subtitle =
        QStringLiteral("%1 req/s, %2 billion requests a month · Lambda runs one request per instance · "
                       "containers of %3 vCPU, %4 · us-east-1 prices of %5")
            .arg(formatNumber(rate, 4), QString::number(monthly / 1e9, 'f', 2))
            .arg(s.cost.containerVcpu)
            .arg(formatBytes(static_cast<double>(s.cost.containerMemory)), QString::fromStdString(s.cost.pricesDate));
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
