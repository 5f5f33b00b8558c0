// The one registry of a scenario's numeric parameters, by dotted key: every numeric key of the file
// ("load.rate", "fibers.switch_cost"), the size of each pool by name ("pools.db"), and the request's
// derived totals ("request.cpu", "request.io", ...). For each: its kind, range, label, unit, help,
// whether it applies to a given scenario, and its value in a Scenario, read and written. The CLI's
// sweeps, the app's sliders and the tours are all built on this.
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
    std::string key; // dotted: "fibers.switch_cost"
    ParameterKind kind = ParameterKind::Real;
    double min = 0; // in ns for durations, bytes for sizes
    double max = 0;
    bool minExclusive = false;
    std::string help;        // one line, as written beside the key by toToml
    std::string label;       // "Arrival rate"
    std::string unit;        // the base unit: "ns", "bytes", "req/s", or "" for a plain number
    std::string description; // a few sentences: what it is and what it does to the models
    bool inFile = true;      // false: derived from the request's steps, not a key of the file
};

// Every numeric key of the file, then every derived request key (pools are per scenario: see
// parametersOf and findParameter).
std::vector<ParameterInfo> numericParameters();

// The parameters that apply to `scenario`: the file's keys, its pools, then the derived keys. A
// closed load has clients and think time but no rate, request.cpu needs a CPU step, and so on.
std::vector<ParameterInfo> parametersOf(const Scenario &scenario);

// The key's description, for a numeric key, a derived key or "pools.<name>"; nothing otherwise.
std::optional<ParameterInfo> findParameter(std::string_view key);

// Whether `key` is a parameter of `scenario` (one of parametersOf).
bool parameterApplies(std::string_view key, const Scenario &scenario);

// "`x` is not a numeric scenario key; did you mean `load.rate`?" — for an unknown key.
std::string unknownParameterMessage(std::string_view key);

struct ParsedValue {
    std::optional<double> value; // ns for durations, bytes for sizes
    std::string error;           // set when value is empty
};

// Reads a value for `key` from text: a plain number in the key's base unit, or for durations and
// sizes a number with a unit ("10us", "2KiB"). Range is not checked here (loading does that).
ParsedValue parseParameterValue(std::string_view key, std::string_view text);

// The key's value in `scenario` (ns for durations, bytes for sizes); nothing for an unknown key, a
// pool the scenario does not define or a derived key whose steps the request lacks.
std::optional<double> parameterValue(std::string_view key, const Scenario &scenario);

// Sets the key in `scenario` to `value`: rounded to whole ns, bytes or counts unless the key is
// real; a pool or a fan-out at least 1; a derived total rescales its steps in proportion. False
// (and `scenario` unchanged) where parameterValue has nothing. Not validated: see sweep.h or
// toToml + loadString.
bool setParameterValue(std::string_view key, Scenario &scenario, double value);

// A key whose value is one of a few names rather than a number: "threads.mode", "memory.per".
struct ChoiceInfo {
    std::string key;                  // dotted: "memory.per"
    std::vector<std::string> choices; // as written in the file, the default first
    std::string help;                 // one line, as written beside the key by toToml
    std::string label;                // "Memory per request"
    std::string description;          // what each choice does to the models
};

// Every choice key a model reads (not load.kind, which decides which other keys mean anything).
std::vector<ChoiceInfo> choiceParameters();

// The choice key's description; nothing for any other key.
std::optional<ChoiceInfo> findChoice(std::string_view key);

// The key's current choice in `scenario`, as written in the file; nothing for any other key.
std::optional<std::string> choiceValue(std::string_view key, const Scenario &scenario);

// Sets the choice key to the choice called `name`. False (and `scenario` unchanged) for an unknown
// key or name.
bool setChoiceValue(std::string_view key, Scenario &scenario, std::string_view name);

} // namespace conviz::scenario
