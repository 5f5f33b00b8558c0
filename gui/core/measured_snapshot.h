// What the model columns show in live mode: the simulation (Simulated), the measured run drawn by
// the same views (Measured), or the simulation with each headline comparing it with the
// measurement (Both). A measured run becomes a RunSnapshot: its figures as ModelMetrics, its trace
// (if conviz-cli recorded one) as the engine's Trace, and its stacks at the peak sample as stack
// holders on the columns' common scale; what a measured run cannot know is said in words
// (LiveAnnotation). Pure functions of their inputs; any thread.
#pragma once

#include "gui/charts/chart_spec.h"
#include "gui/core/live_result.h"
#include "gui/core/run_snapshot.h"

#include <QStringList>

#include <cstdint>
#include <memory>

namespace conviz::gui {

enum class ResultSource : std::uint8_t { Simulated, Measured, Both };

// Which measurement drives a column in Measured mode (and the measured stacks in Both) when more
// than one source measured its model: the fibers column C++ (Boost.Fiber) or real Go, the event
// loop's C++ (Boost.Asio) or real Node.js; threads are measured by C++ alone.
struct SourceChoice {
    MeasuredSource fibers = MeasuredSource::Cpp;
    MeasuredSource eventLoop = MeasuredSource::Cpp;
    MeasuredSource of(ModelKind m) const;
    bool operator==(const SourceChoice &) const = default;
};

// The measurement that drives `model`'s column: the chosen source's if it measured the model,
// else the first source that did (C++, Go, Node.js); null if none did.
const MeasuredModel *drivingMeasurement(const LiveResult &live, ModelKind model, const SourceChoice &choice);

// The result with only each model's driving measurement (Measured mode's charts).
LiveResult drivingOnly(const LiveResult &live, const SourceChoice &choice);

// The measured figures in the engine's terms: resident = peak RSS, virtual = peak virtual size,
// stacks = those at the sample with the most live tasks.
ModelMetrics measuredMetrics(const MeasuredModel &m);

// "measured 1,832 req/s · simulated 1,958 (+7%)", then shorter forms; the percentage is the
// simulation's distance from the measurement.
QStringList comparisonLine(double measuredRps, double simulatedRps);

// More than one source measured the model: "measured: C++ 1,818 req/s · Go 2,050 req/s ·
// simulated 2,082", then shorter forms. `measured`: (source, req/s) in kAllSources order.
QStringList sourcesLine(const std::vector<std::pair<MeasuredSource, double>> &measured, double simulatedRps);

// The headline's line for a measurement older than the scenario, longest form first.
QStringList staleLine();

// The snapshot the columns draw for `source`. `simulated` as it is for Simulated or without a
// measurement; `stale`: the scenario changed since the measurement (the headlines say so).
std::shared_ptr<const RunSnapshot> presentedSnapshot(const std::shared_ptr<const RunSnapshot> &simulated,
                                                     const LiveResult *live, ResultSource source, bool stale,
                                                     const SourceChoice &choice = {});

// The measured run as a snapshot of its own (Measured): `base` gives the scenario; each column
// draws its model's driving measurement (`choice`).
std::shared_ptr<const RunSnapshot> measuredSnapshot(const RunSnapshot &base, const LiveResult &live, bool stale,
                                                    const SourceChoice &choice = {});

// The marker a source's measured points have on the charts: a star for the C++ executors, a
// diamond for a real runtime (Go, Node.js).
MarkerShape sourceMarker(MeasuredSource s);

// Which marker is which source, for the sweep charts' one legend: "★ C++ ◆ real Go, Node.js"
// when a real runtime measured, "★ measured" for C++ alone; empty without a measurement.
QString measuredShapesNote(const LiveResult &live);

// Adds the measured points to a chart of the simulation, one series per measured model and source
// in the model's colour with the source's marker (legend "<model> measured", "<model> Go measured"):
// throughput over time
// from the measured trace's completions; throughput, p50/p99 latency and resident memory at the
// scenario's value of the swept parameter (`sweptValue`, in the chart's x units). `perSecond`: the
// over-time chart's x units per second (1000: ms). Nothing is added where the measurement has
// nothing for the chart.
enum class OverlayChart : std::uint8_t { ThroughputOverTime, ThroughputSweep, LatencySweep, MemorySweep };
void overlayMeasured(ChartData &chart, OverlayChart kind, const LiveResult &live, double sweptValue = 0,
                     double perSecond = 1);

} // namespace conviz::gui
