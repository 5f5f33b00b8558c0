// The app's charts of a run and of a sweep, built as plain ChartData (gui/charts/chart_spec.h) with
// each model's style; gui/charts draws them. Any thread.
#pragma once

#include "gui/charts/chart_spec.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/sweep.h"

namespace conviz::gui {

// Throughput (completions per second) over simulated time, one line per model.
ChartData throughputOverTimeChart(const RunSnapshot &snapshot);
// Runnable tasks waiting for a CPU over time.
ChartData runQueueOverTimeChart(const RunSnapshot &snapshot);
// Throughput against the swept knob. A point where a model measured no request (every one arrived
// in the warm-up, or none finished) has no throughput and no latency: it is left out of that
// model's line, never drawn as zero, and the title ends with unmeasuredNote.
ChartData throughputSweepChart(const SweepSnapshot &sweep);
// p50 (solid) and p99 (dashed) latency against the swept knob, log y; unmeasured points left out.
ChartData latencySweepChart(const SweepSnapshot &sweep);
// "2 points measured nothing", or "" when every model measured requests at every point.
QString unmeasuredNote(const SweepSnapshot &sweep);
// Whether the sweep's points step by equal ratios (a log sweep): its x axis is then logarithmic.
bool sweptGeometrically(const SweepSnapshot &sweep);
// Peak memory (committed: solid, reserved: dashed) against the swept parameter (log x if the sweep
// steps by equal ratios), log y.
ChartData memorySweepChart(const SweepSnapshot &sweep);
// Average cores busy (any CPU span: work, switches, spawns) in `points` equal bins over [0, end]
// (x at bin centres, in seconds).
QList<QPointF> coresBusySeries(const Trace &trace, Nanos end, int points);
// Cores busy over simulated time, one line per model (a cut trace's line ends at its cut).
ChartData coresBusyOverTimeChart(const RunSnapshot &snapshot, int points = 160);

} // namespace conviz::gui
