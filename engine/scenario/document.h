// From text to a toml++ document: the size and depth checks that keep hostile input from hurting
// the parser, the parse itself, and the --set overrides. Internal to conviz_scenario.
#pragma once

#include "engine/scenario/diagnostics.h"

#include <toml++/toml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace conviz::scenario::detail {

// Keys with more dotted parts than this are refused before parsing: toml++ recurses once per part
// and a long enough chain ("a.a.a.…") overflows the stack.
inline constexpr int kMaxDottedParts = 16;

// Parses `text`; on failure reports a diagnostic and returns nothing.
std::optional<toml::table> parseDocument(std::string_view text, std::string_view sourceName, Diagnostics &diags);

// Applies each "dotted.key=value" to `root` in order, creating tables on the way. The value is read
// as TOML, or taken as a bare string when it does not parse (threads.mode=pool, callback_cost=5us).
// Malformed overrides are reported; the rest still apply.
void applyOverrides(toml::table &root, std::span<const std::string> overrides, Diagnostics &diags);

} // namespace conviz::scenario::detail
