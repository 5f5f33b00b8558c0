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
// Throughput against the swept knob.
ChartData throughputSweepChart(const SweepSnapshot &sweep);
// p50 (solid) and p99 (dashed) latency against the swept knob, log y.
ChartData latencySweepChart(const SweepSnapshot &sweep);
// Peak memory (committed: solid, reserved: dotted) against peak concurrent tasks, log–log.
ChartData memorySweepChart(const SweepSnapshot &sweep);

} // namespace conviz::gui
