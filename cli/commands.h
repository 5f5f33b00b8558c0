// The subcommands of conviz-cli. Each prints to stdout, errors to stderr, and returns an exit code.
#pragma once

#include "cli/options.h"

namespace conviz::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitBadInput = 2;

int runCommand(const Options &options);

int cmdRun(const Options &options);
int cmdSweep(const Options &options);
int cmdValidate(const Options &options);
int cmdExplain(const Options &options);
int cmdCost(const Options &options);
int cmdExport(const Options &options); // export_command.cpp

} // namespace conviz::cli
