// A sweep: one parameter (parameters.h) varied over a range, as a SweepSpec (engine/core/scenario.h),
// planned into the validated scenario of each point. `conviz-cli sweep` and `export`, the app's
// Sweep tab and its File › Export all plan here and run the points with simulateSweep
// (engine/simulate.h). Plain C++; any thread; each call is independent.
#pragma once

#include "engine/core/scenario.h"
#include "engine/scenario/scenario_file.h"

#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace conviz::scenario {

// Loads the scenario with `extra` overrides applied after the caller's own (one per sweep point).
using ScenarioLoader = std::function<LoadResult(const std::vector<std::string> &extra)>;

// From a file with --set overrides (conviz-cli).
ScenarioLoader fileLoader(std::string file, std::vector<std::string> overrides);

// From a scenario in memory (the app): written as TOML and read back, which gives an equal Scenario.
ScenarioLoader memoryLoader(const Scenario &scenario, std::string sourceName);

struct SweepPlan {
    Scenario base;
    std::string param;               // the swept key
    std::vector<double> values;      // each point's value as loaded, in the key's base unit
    std::vector<std::string> labels; // each point's setting, "load.rate=200.0", for messages
    std::vector<Scenario> points;    // validated
};

// Why a sweep cannot be planned: scenario diagnostics ("file:line:col: error: ...") and/or one
// sentence.
struct SweepError {
    std::vector<std::string> diagnostics;
    std::string message;
};

// The values `spec` visits in base units: `steps` of them from `from` to `to`, evenly spaced or,
// if `log`, geometrically; one step is `from` alone. Neither rounded nor checked against a range.
std::vector<double> sweepValues(const SweepSpec &spec);

// The scenario's own [sweep] if its parameter applies to it, else its load parameter (rate,
// clients or count) from a quarter of its value (at least 1) to twice it, in 8 even steps.
SweepSpec defaultSweep(const Scenario &scenario);

// The validated scenario of every value of `spec` on `base` (which is load({})). A key of the file
// or a pool is set as one more override of `load`, exactly as `--set` would; a derived key
// (request.cpu) is set on `base` and validated through toToml and loadString. Neighbouring values
// that round to the same setting are planned once.
std::variant<SweepPlan, SweepError> planSweep(const Scenario &base, const SweepSpec &spec, const ScenarioLoader &load);

// planSweep with memoryLoader(base, sourceName).
std::variant<SweepPlan, SweepError> planSweep(const Scenario &base, const SweepSpec &spec,
                                              std::string_view sourceName = "sweep");

} // namespace conviz::scenario
