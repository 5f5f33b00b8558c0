// Durations ("300us", "1.5ms") and sizes ("16KiB", 4096) as written in scenario files, and the
// number formatting the diagnostics and toToml share. Internal to conviz_scenario; no TOML here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace conviz::scenario::detail {

// A parsed quantity, or a sentence saying why the text is not one (no subject: the caller adds it).
struct Quantity {
    std::optional<std::int64_t> value;
    std::string error;
};

// "300us" → 300000 (ns). Decimal numbers are exact and rounded half up to whole nanoseconds.
// Units: ns, us (also µs, μs), ms, s. Values past about 4·10^18 ns are an error, never an overflow.
Quantity parseDuration(std::string_view text);

// "16KiB" → 16384 (bytes). Units: B, KiB, MiB, GiB; rounded half up to whole bytes. 1000-based units
// (KB, MB, GB) are refused with a hint to write the binary unit.
Quantity parseSize(std::string_view text);

// The exact text parseDuration reads back: the largest unit that divides the value ("1500ns", "2ms").
std::string formatDuration(std::int64_t ns);

// The exact text parseSize reads back: the largest binary unit that divides the value ("8MiB", "600B").
std::string formatSize(std::int64_t bytes);

// An approximate duration for messages, three significant digits: 14968000.5 → "14.97ms".
std::string approxDuration(double ns);

// 50000000 → "50,000,000".
std::string withCommas(std::int64_t value);

// A double as the shortest text that reads back to the same value, always with a decimal point
// or exponent so TOML reads it as a float: 100 → "100.0", 0.1 → "0.1", 1e300 → "1e+300".
std::string formatReal(double value);

// A string for a message: control characters escaped, cut to `maxChars` bytes with "…".
std::string clipped(std::string_view text, std::size_t maxChars = 40);

// A string for a message: quoted, control characters escaped, cut to `maxChars` bytes with "…".
std::string quote(std::string_view text, std::size_t maxChars = 40);

// `text` as a TOML basic string literal, with every character that needs it escaped.
std::string tomlString(std::string_view text);

// `key` as a TOML key: bare when it can be (db), quoted otherwise ("my db").
std::string tomlKey(std::string_view key);

} // namespace conviz::scenario::detail
