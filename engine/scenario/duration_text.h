// Durations as people type them on a command line ("250ms", "1.5s", "300us"), read with the same
// rules and messages as a scenario file's durations. Any thread.
#pragma once

#include "engine/core/sim_time.h"

#include <optional>
#include <string>
#include <string_view>

namespace conviz::scenario {

struct DurationText {
    std::optional<Nanos> value;
    std::string error; // set when value is empty: what was expected
};

// Reads "250ms", "1.5s", "300us", "0ns"; a number without a unit is refused.
DurationText parseDurationText(std::string_view text);

} // namespace conviz::scenario
