// The options of `conviz-cli export`: what it writes (CSV, JSON, trace, chart, GIF), where, and how
// charts and GIFs are drawn. Read one by one by parseCommandLine, then checked as a whole.
#pragma once

#include "cli/options.h"

#include <span>
#include <string>
#include <string_view>

namespace conviz::cli {

// Whether `arg` is an option only `export` takes (--out, --force, --trace, --chart, --gif...).
bool isExportOption(std::string_view arg);
bool exportOptionTakesValue(std::string_view arg);

// Reads one export option (and its value) into `o`. Returns an error sentence, or "" if fine.
std::string readExportOption(Options &o, std::string_view arg, std::string_view value);

// Checks the options of an `export` command line as a whole (`seen`: every option, in order) and
// sets o.exportKind and o.format. Returns an error sentence, or "" if fine.
std::string checkExportOptions(Options &o, std::span<const std::string_view> seen);

} // namespace conviz::cli
