// conviz-cli's command line: a command word, a file list and options. Parsing never exits; errors
// come back as a sentence for stderr (exit code 2).
#pragma once

#include "engine/model_kind.h"

#include <optional>
#include <string>
#include <vector>

namespace conviz::cli {

struct Options {
    std::string command;              // run | sweep | validate | explain | cost | help | version
    std::vector<std::string> files;
    std::vector<ModelKind> models;    // empty: all three
    std::vector<std::string> overrides; // --set key=value, in order
    bool json = false;
    bool csv = false;
    // sweep
    std::string param;
    std::optional<std::string> from; // text: may carry a unit ("10us", "16KiB")
    std::optional<std::string> to;
    std::optional<int> steps;
    std::optional<bool> log;
    unsigned threads = 0;
};

struct ParseResult {
    Options options;
    std::string error; // empty when the command line is fine
};

ParseResult parseCommandLine(int argc, const char *const *argv);

// The usage text for `conviz-cli help`.
std::string usage();

} // namespace conviz::cli
