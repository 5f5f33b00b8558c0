// A sweep: one knob varied over a range, every point run under the three models (metrics only).
#pragma once

#include "engine/metrics.h"
#include "engine/core/scenario.h"
#include "gui/core/knobs.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace conviz::gui {

struct SweepRequest {
    QString knob;      // a knob id (knobs.h)
    double from = 0;   // base units
    double to = 0;
    int steps = 8;
    bool log = false;
    friend bool operator==(const SweepRequest &, const SweepRequest &) = default;
};

struct SweepSnapshot {
    std::uint64_t id = 0;
    SweepRequest request;
    QString label;                  // "Arrival rate (req/s)"
    QString knobLabel;              // "arrival rate", for titles
    std::vector<double> xs;         // display units
    std::vector<std::array<ModelMetrics, 3>> points; // kAllModels order
    bool cancelled = false;
};

// The values a sweep visits (base units), evenly spaced or log-spaced, rounded for counts.
std::vector<double> sweepValues(const SweepRequest &request, const Knob &knob);

// The preset's own sweep if it names a knob, else the load knob over a sensible range.
SweepRequest defaultSweep(const Scenario &scenario);

struct SweepRun {
    std::shared_ptr<SweepSnapshot> snapshot; // null on error
    QString error;
};

// A sweep run elsewhere (conviz-cli's --param or [sweep]: a scenario key, values in its base units),
// labelled as the app labels its own: the knob's name and unit when the key is a knob ("load.rate",
// "pools.db"), else the key itself. results[i] holds point i under kAllModels, in that order.
SweepSnapshot labelledSweep(const Scenario &base, const QString &param, std::span<const double> values,
                            const std::vector<std::vector<ModelMetrics>> &results);

// Builds the sweep's scenarios (validated) and runs them. `progress` hears 0..1 from worker threads.
SweepRun runSweep(const Scenario &base, const SweepRequest &request, const std::atomic<bool> *cancel,
                  std::function<void(double)> progress);

} // namespace conviz::gui
