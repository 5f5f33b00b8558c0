// Reads a tour step's checkpoint keys (tour_file.h, Checkpoint; docs/tours.md, "Checkpoints"):
// `ask`, `choices` with `answer` and `lowest` or `highest`, or `guess`; `hide` and `why`. Internal
// to conviz_scenario.
#pragma once

#include "engine/scenario/tour_file.h"
#include "engine/scenario/value_reader.h"

#include <toml++/toml.h>

#include <array>
#include <functional>
#include <optional>
#include <string_view>

namespace conviz::scenario::detail {

// The keys of a step that belong to a checkpoint.
inline constexpr std::array<std::string_view, 8> kCheckpointKeys{"ask",     "choices", "answer", "lowest",
                                                                 "highest", "guess",   "hide",   "why"};

// Reads `node` as a column, view or pane name, reporting a mistake under the key `name`.
using FocusReader = std::function<std::optional<TourFocus>(const toml::node &node, std::string_view name)>;

// The checkpoint of the step `step`, or nothing if it has none. Every mistake is reported; whether
// there was one is the caller's count of diagnostics.
std::optional<Checkpoint> readCheckpoint(ValueReader &reader, const toml::table &step, const FocusReader &focus);

} // namespace conviz::scenario::detail
