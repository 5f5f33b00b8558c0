// A sweep as the app shows it: the one sweep type (SweepSpec, planned by engine/scenario/sweep.h),
// run under the three models (metrics only) and labelled for charts with the knob's name and
// display unit.
#pragma once

#include "engine/core/scenario.h"
#include "engine/metrics.h"
#include "engine/scenario/sweep.h"

#include <QString>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace conviz::gui {

struct SweepSnapshot {
    std::uint64_t id = 0;
    SweepSpec spec;                                  // what was swept: from and to are the first and last points
    QString label;                                   // "Arrival rate (req/s)"
    QString knobLabel;                               // "arrival rate", for titles
    std::vector<double> xs;                          // display units
    std::vector<std::array<ModelMetrics, 3>> points; // kAllModels order
    bool cancelled = false;
};

// results[i] holds point i under kAllModels, in that order (simulateSweep's shape).
using SweepResults = std::vector<std::vector<ModelMetrics>>;

// A planned sweep's results labelled as the app labels its own: the knob's name and unit when the
// swept key is a knob of the base scenario ("load.rate", "pools.db"), else the key itself.
SweepSnapshot sweepSnapshot(const scenario::SweepPlan &plan, const SweepResults &results);

struct SweepRun {
    std::shared_ptr<SweepSnapshot> snapshot; // null on error
    QString error;
};

// Plans `spec` on `base` (scenario::planSweep) and runs the points. `progress` hears 0..1 from
// worker threads.
SweepRun runSweep(const Scenario &base, const SweepSpec &spec, const std::atomic<bool> *cancel,
                  std::function<void(double)> progress);

} // namespace conviz::gui
