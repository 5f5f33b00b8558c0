// One finished computation, immutable once built and shared between the worker that built it and
// the GUI thread that shows it: the scenario, each model's metrics, trace and trace index, the
// series the charts plot, the merged narration and the cost estimate. Built off the GUI thread by
// buildRunSnapshot.
#pragma once

#include "engine/core/scenario.h"
#include "engine/cost.h"
#include "engine/metrics.h"
#include "engine/model_kind.h"
#include "gui/core/trace_index.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

class QThreadPool;

namespace conviz::gui {

struct NarrationLine {
    Nanos time;
    ModelKind model = ModelKind::Fibers;
    NarrationKind kind = NarrationKind::Info;
    QString text;
};

// Live mode (gui/core/measured_snapshot.h): what a column says about a measured run. Empty for a
// plain simulation.
struct LiveAnnotation {
    bool measured = false; // the metrics (and trace, if any) were measured on this machine
    QStringList headline;  // a line under the headline numbers, longest form first
    bool alert = false;    // the line in the alert colour (a measurement older than the scenario)
    QString scheduler;     // said instead of the scheduler picture
    QString timeline;      // said instead of the cores over time
    // Measured: said in the stack view when it has no stacks to draw. Both: the measured stack per
    // task, put before the simulated totals under the tiles (longest form first).
    QStringList stack;
    std::vector<StackGroup> measuredStacks; // Both: drawn beside the simulated stacks, dashed
};

struct ModelRun {
    ModelKind model = ModelKind::Fibers;
    ModelMetrics metrics;
    std::shared_ptr<const TraceIndex> index; // null if the model recorded no trace
    std::vector<StackGroup> peakStacks;      // live stacks when reserved stack bytes peaked
    QList<QPointF> throughputOverTime;       // x: seconds, y: completions per second
    QList<QPointF> runQueueOverTime;         // x: seconds, y: runnable tasks waiting for a CPU
    LiveAnnotation live;
};

// How many of the scenario's requests a result simulated: all but in a slider drag's preview of a
// slow scenario (gui/core/preview_prefix.h), which simulates its first requests only. Both 0 (a
// traced run, a measured one): the whole run.
struct RequestPrefix {
    std::int64_t simulated = 0;
    std::int64_t total = 0;
    bool partial() const { return simulated < total; }
};

struct RunSnapshot {
    std::uint64_t id = 0;                 // the job that produced it
    Scenario scenario;                    // the whole scenario, as the knobs show it
    RequestPrefix prefix;                 // partial: the metrics and series are of the first requests only
    std::array<ModelRun, 3> models;       // kAllModels order
    std::vector<NarrationLine> narration; // all models, by time
    std::vector<CostEstimate> costs;      // estimateCosts of the metrics, kAllModels order
    Nanos end{};                          // playback length: the longest recorded trace
    Nanos seriesEnd{};        // the over-time charts' length: end, or the last completion if later (a cut trace)
    Nanos busiest{};          // where most requests are in flight (early in the run): a good first instant
    bool truncated = false;   // some trace stopped before its run ended
    double computeMillis = 0; // wall time to simulate and index

    const ModelRun &run(ModelKind m) const { return models[static_cast<std::size_t>(m)]; }
};

struct SnapshotOptions {
    // Records per model: more than any preset needs with ten times its requests (fanout-500's fibers:
    // 54 M, about 400 MB packed), so that only a far larger run is cut.
    std::size_t traceLimit = 64'000'000;
    int seriesPoints = 160; // samples of the over-time series
    const std::atomic<bool> *cancel = nullptr;
    // The order the models start in (indices into kAllModels): the longest first, so that on two
    // threads the shortest runs beside the second longest rather than after it.
    std::array<std::size_t, kAllModels.size()> order{0, 1, 2};
    // Remembers the cost model's critical paths from one run to the next (null: drawn each time).
    std::shared_ptr<CriticalPathMemo> costPaths;
    // Hears how much of buildRunSnapshot's work is done, 0 to 1, never less than it heard before:
    // from the threads that simulate and index, one call at a time, at most a few hundred calls.
    std::function<void(double fraction)> progress;
};

// The models of `snapshot` (null: none yet), the one that processed the most events first: the
// order to start the next run's models in. A run's time goes with its events, and an edit moves
// the models' counts together.
std::array<std::size_t, kAllModels.size()> longestFirst(const RunSnapshot *snapshot);

// kAllModels in `order` (SnapshotOptions::order).
std::array<ModelKind, kAllModels.size()> modelsIn(const std::array<std::size_t, kAllModels.size()> &order);

// Simulates `scenario` under the three models with traces, indexes them and derives the series.
// Precondition: the scenario was validated. Runs on any thread; throws only std::bad_alloc.
std::shared_ptr<const RunSnapshot> buildRunSnapshot(const Scenario &scenario, std::uint64_t id,
                                                    const SnapshotOptions &options = {});

// Drops `snapshot` on retirePool()'s thread, so that freeing a large trace never stalls the caller.
// The caller should hold the last reference (else it is merely released).
void retireInBackground(std::shared_ptr<const RunSnapshot> snapshot);
// The one thread that frees retired results; tests wait on it.
QThreadPool &retirePool();

// Completions per second in `points` equal bins over [0, end] (x at bin centres, in seconds), from
// the request completion times `completions` (in time order) or a trace's.
QList<QPointF> throughputSeries(std::span<const Nanos> completions, Nanos end, int points);
QList<QPointF> throughputSeries(const Trace &trace, Nanos end, int points);
// Runnable tasks waiting for a core / P / the loop, sampled at `points` instants over [0, end]; a cut
// trace only up to its cut.
QList<QPointF> runQueueSeries(const std::shared_ptr<const TraceIndex> &index, ModelKind model, Nanos end, int points);

} // namespace conviz::gui
