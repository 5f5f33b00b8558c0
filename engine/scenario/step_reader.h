// Reads a request's steps ([request] steps and each fan-out's steps). Internal to conviz_scenario.
#pragma once

#include "engine/scenario/value_reader.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace conviz::scenario::detail {

// Reads the array of steps at `node`; `depth` is the number of fan-outs around it (0 for the
// request's own steps) and `pools` the pools a step may name. Reports every problem it finds and
// returns nothing if there was any.
std::optional<std::vector<Step>> readSteps(ValueReader &reader, const toml::node &node, std::string_view name,
                                           std::span<const Pool> pools, int depth);

} // namespace conviz::scenario::detail
