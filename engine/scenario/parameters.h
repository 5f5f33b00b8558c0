// The numeric knobs of a scenario, by dotted key ("load.rate", "fibers.switch_cost", "pools.db"):
// what kind of number each is, its range and help text, reading one from text with units, and its
// value in a Scenario. The CLI's sweeps and the GUI's sliders are built on this.
#pragma once

#include "engine/core/scenario.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conviz::scenario {

enum class ParameterKind : std::uint8_t {
    Count,    // a whole number
    Real,     // a real number
    Duration, // nanoseconds
    Size,     // bytes
};

struct ParameterInfo {
    std::string key;   // dotted: "fibers.switch_cost"
    ParameterKind kind = ParameterKind::Real;
    double min = 0;    // in ns for durations, bytes for sizes
    double max = 0;
    bool minExclusive = false;
    std::string help;  // one line, as written beside the key by toToml
};

// Every numeric key of the format (pools are per scenario: see findParameter).
std::vector<ParameterInfo> numericParameters();

// The key's description, for a numeric key, "pools.<name>" or one of the request's sums over its
// steps ("request.cpu", "request.io", …); nothing for anything else.
std::optional<ParameterInfo> findParameter(std::string_view key);

// The numeric keys and the request's sums over its steps: every key a slider or a tour names.
std::vector<ParameterInfo> sliderParameters();

// "`x` is not a numeric scenario key; did you mean `load.rate`?" — for an unknown key.
std::string unknownParameterMessage(std::string_view key);

struct ParsedValue {
    std::optional<double> value; // ns for durations, bytes for sizes
    std::string error;           // set when value is empty
};

// Reads a value for `key` from text: a plain number in the key's base unit, or for durations and
// sizes a number with a unit ("10us", "2KiB"). Range is not checked here (loading does that).
ParsedValue parseParameterValue(std::string_view key, std::string_view text);

// The key's value in `scenario` (ns for durations, bytes for sizes); nothing for an unknown key or
// a pool the scenario does not define.
std::optional<double> parameterValue(std::string_view key, const Scenario &scenario);

} // namespace conviz::scenario
