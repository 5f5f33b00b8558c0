// conviz-cli: everything the GUI computes, printed. The bug-report tool, the blog-figure tool and
// the driver for golden tests. Exit codes: 0 ok, 1 the run failed, 2 bad input.
#include "cli/commands.h"
#include "cli/options.h"

#include <cstdio>
#include <exception>

#include <fmt/format.h>

int main(int argc, char **argv)
{
    try {
        const auto parsed = conviz::cli::parseCommandLine(argc, argv);
        if (!parsed.error.empty()) {
            fmt::print(stderr, "conviz-cli: {}\n", parsed.error);
            return conviz::cli::kExitBadInput;
        }
        return conviz::cli::runCommand(parsed.options);
    } catch (const std::exception &e) {
        fmt::print(stderr, "conviz-cli: internal error: {}\n", e.what());
        return conviz::cli::kExitFailed;
    }
}
