// The charts of blog figures, as plain ChartData: the pane's charts with a title that says what is
// compared, a subtitle that says how to read it, axis titles with units, one legend entry per model
// and the source line. gui/charts/figure_renderer.h draws them. Any thread.
#pragma once

#include "engine/cost.h"
#include "gui/core/chart_data.h"
#include "gui/core/figure.h"
#include "gui/core/run_snapshot.h"

#include <span>

namespace conviz::gui {

// Throughput against the swept parameter.
ChartData throughputFigure(const SweepSnapshot &sweep, const Scenario &scenario);
// p50 (solid) and p99 (dashed) latency against the swept parameter, log y.
ChartData latencyFigure(const SweepSnapshot &sweep, const Scenario &scenario);
// Peak committed (solid) and reserved (dashed) memory against the swept parameter, log y.
ChartData memoryFigure(const SweepSnapshot &sweep, const Scenario &scenario);
// Cores busy over the run, one line per model.
ChartData timelineFigure(const RunSnapshot &run);
// Tasks waiting for a CPU over the run.
ChartData queueFigure(const RunSnapshot &run);
// One bar per model for Lambda and for containers, in USD per month (engine/cost.h).
ChartData costFigure(const Scenario &scenario, std::span<const CostEstimate> costs);

// The figure `kind` from whichever input it needs (a sweep, or a run); nothing if that input is
// missing. Not for FigureKind::SideBySide, which is not a chart.
std::optional<ChartData> figureChart(FigureKind kind, const RunSnapshot *run, const SweepSnapshot *sweep,
                                     const Scenario &scenario);

// The instant every model is done: the last of the models' last completions (or of their traces'
// ends, for a model that completed nothing), at most the run's end.
Nanos allModelsDone(const RunSnapshot &run);
// The side-by-side figure's default instant: of `candidates` + 1 evenly spaced instants while no
// model is done yet, the one where the models hold the most requests in flight, then run the most
// cores (each model's count as a fraction of the most it reaches, summed), then have the most tasks
// waiting for a core; the earliest of equals.
Nanos busiestInstant(const RunSnapshot &run, int candidates = 120);

// "$1,161", "$72.08".
QString formatDollars(double usd);

} // namespace conviz::gui
