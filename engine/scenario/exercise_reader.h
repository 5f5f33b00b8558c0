// Reads a tour file's [[exercise]] tables (exercise.h) and the knob tables that tours and
// exercises share (a step's `set`, an exercise's `solution`). Internal to conviz_scenario.
#pragma once

#include "engine/scenario/exercise.h"
#include "engine/scenario/parameters.h"
#include "engine/scenario/value_reader.h"

#include <toml++/toml.h>

#include <optional>
#include <string_view>
#include <vector>

namespace conviz::scenario::detail {

// A value for the numeric key `info` from `node`, read as in a scenario file: the same units, hints
// and ranges. Nothing after reporting.
std::optional<double> readParameter(ValueReader &reader, const toml::node &node, std::string_view key,
                                    const ParameterInfo &info);

// "`what`: unknown slider `x`; did you mean `load.rate`?" at the key.
void reportUnknownKey(Diagnostics &diags, const toml::key &key, std::string_view what, bool choices);

// The array of [[exercise]] tables at `node`; every mistake reported.
std::vector<Exercise> readExercises(ValueReader &reader, const toml::node &node);

} // namespace conviz::scenario::detail
