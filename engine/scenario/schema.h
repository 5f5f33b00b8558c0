// The keys of a scenario file: which tables hold which keys, and for every plain numeric key its
// kind, range, one-line help, label, longer description and the Scenario field it sets. The reader,
// the writer, the sweep check and the parameter registry (parameters.h) all work from this one list.
// Internal to conviz_scenario.
#pragma once

#include "engine/core/scenario.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

namespace conviz::scenario::detail {

enum class NumberKind : std::uint8_t {
    Count,    // a TOML integer
    Real,     // a TOML float (an integer is accepted)
    Duration, // a string with a unit: "300us"
    Size,     // a string with a unit ("16KiB") or an integer number of bytes
};

using FieldRef =
    std::variant<int &(*)(Scenario &), std::int64_t &(*)(Scenario &), double &(*)(Scenario &), Nanos &(*)(Scenario &)>;

struct NumericKey {
    std::string_view table; // "machine", "load", "fibers", "event_loop", "threads"
    std::string_view key;   // snake_case, as written in the file
    NumberKind kind;
    double min; // inclusive unless minExclusive; in ns for durations, bytes for sizes
    double max; // inclusive
    bool minExclusive;
    std::string_view help; // the comment toToml writes beside the key
    FieldRef field;
    std::string_view label;         // "Arrival rate": what the app calls it
    std::string_view description{}; // the app's tooltip; empty: the help says enough
};

// Every plain numeric key, in the order toToml writes them.
std::span<const NumericKey> numericKeys();

// The numeric key at "table.key", or nullptr.
const NumericKey *findNumericKey(std::string_view table, std::string_view key);

// The valid keys of a table, in the order toToml writes them; "" is the top level and "step" a
// request step. Empty for an unknown table.
std::span<const std::string_view> keysOf(std::string_view table);

// The same numeric key's value in a scenario, as a double (for sweep ranges and tests).
double numericValue(const NumericKey &key, Scenario &scenario);

// Sets the key's field to `value`, rounded to the nearest integer unless the field is a double.
void setNumericValue(const NumericKey &key, Scenario &scenario, double value);

// The upper bound of sizes that are not stacks or per-task memory: a process's baseline memory.
inline constexpr double kMaxBaselineBytes = 1024.0 * static_cast<double>(GiB);
// A request's name and description are labels, not documents.
inline constexpr std::size_t kMaxNameBytes = 200;
inline constexpr std::size_t kMaxDescriptionBytes = 64 * 1024;
// A scenario file or --set value larger than this is refused before parsing.
inline constexpr std::size_t kMaxDocumentBytes = 1024 * 1024;
// More arrivals per second than one per nanosecond cannot be simulated.
inline constexpr double kMaxRate = 1e9;

} // namespace conviz::scenario::detail
