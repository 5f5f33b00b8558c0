// Reading, validating and writing scenario files (TOML). Errors are values: each carries the file,
// line and column and a sentence a workshop attendee understands. Nothing here throws to callers.
#pragma once

#include "engine/core/scenario.h"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace conviz::scenario {

// For an override, file is "<--set>", line is the override's 1-based place among the overrides
// and column is 1-based within its text; the message ends with "(in --set <text>)".
struct Diagnostic {
    std::string file;    // as given by the caller ("<--set>" for overrides)
    int line = 0;        // 1-based; 0 when the problem has no position (a missing key)
    int column = 0;      // 1-based; 0 when unknown
    std::string message; // one sentence: what is wrong and what was expected

    // "file:line:column: error: message" (line/column omitted when 0).
    std::string format() const;
};

struct LoadResult {
    std::optional<Scenario> scenario; // set iff errors is empty
    std::vector<Diagnostic> errors;   // every problem found, in file order

    bool ok() const { return scenario.has_value(); }
};

// Parses and validates `text`. `sourceName` names it in diagnostics. Each override is
// "dotted.key=value" with a TOML value ("load.rate=900", "threads.mode=\"pool\"", bare words are
// taken as strings: threads.mode=pool); overrides apply before validation, in order. A key part
// may be quoted (pools."my db"=5). Texts over 1 MiB are refused, and at most 100 errors are listed.
LoadResult loadString(std::string_view text, std::string_view sourceName, std::span<const std::string> overrides = {});

// Reads the file and calls loadString. A missing or unreadable file is a diagnostic, not a throw.
LoadResult loadFile(const std::filesystem::path &path, std::span<const std::string> overrides = {});

// The scenario as a TOML document that loadString reads back to an equal Scenario.
std::string toToml(const Scenario &scenario);

// Writes toToml(scenario) atomically through engine/core/atomic_file.h (a temporary file in the same
// folder, fsynced, then renamed over the target). Returns an error sentence naming the path and the
// reason on failure, nothing on success; on failure the old file is left as it was.
std::optional<std::string> saveFile(const Scenario &scenario, const std::filesystem::path &path);

// The override that sets sweep parameter `param` (a numeric key such as "load.rate" or "pools.db")
// to `value`, ready for loadString's `overrides`: counts are rounded to whole numbers, durations
// are in nanoseconds ("fibers.switch_cost=150ns"), sizes in bytes. Loading with it validates the
// value like any other. Nothing if `param` is not a numeric key.
std::optional<std::string> sweepOverride(std::string_view param, double value);

} // namespace conviz::scenario
