// What the commands share about their input: loading the scenario (diagnostics to stderr), the
// models asked for, and the points of a sweep.
#pragma once

#include "cli/options.h"
#include "engine/core/scenario.h"
#include "engine/metrics.h"
#include "report/data_export.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace conviz::cli {

// The models of --model, each once, in the order first given; all three if none.
std::vector<ModelKind> selectedModels(const Options &options);

// Loads and validates `file` with `overrides`; prints every diagnostic to stderr on failure.
std::optional<Scenario> loadScenario(const std::string &file, const std::vector<std::string> &overrides);

// What --param/--from/--to/--steps/--log ask for (all empty: the scenario's own [sweep]).
report::SweepArgs sweepArgs(const Options &options);

// Works out the sweep of --param/--from/--to/--steps/--log or the scenario's [sweep] (data_export.h's
// planSweep on the file). Prints what is wrong to stderr and returns nothing on error.
std::optional<scenario::SweepPlan> planSweep(const Options &options);

} // namespace conviz::cli
