// The subcommands of conviz-cli. Each prints to stdout, errors to stderr, and returns an exit code.
#pragma once

#include "cli/options.h"
#include "engine/core/atomic_file.h"

#include <optional>

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
int cmdLive(const Options &options);         // live_command.cpp: run for real, beside the simulation
int cmdPlan(const Options &options);         // plan_command.cpp: the requests a live run issues, as JSON
int cmdExport(const Options &options);       // export_command.cpp: CSV, JSON, trace
int cmdExportFigure(const Options &options); // figure_command.cpp (conviz_cli_figures): charts, GIFs

// What every export does with --out (export_command.cpp): opens it before any work, so a bad path
// fails at once (an exit code on failure); commits it and says "wrote PATH"; reports an export
// error as one line (exit 2 for an existing file without --force, else 1).
std::optional<int> openExportOutput(exports::AtomicFile &file, const Options &options);
int commitExportOutput(exports::AtomicFile &file, const Options &options, bool incomplete);
int reportExportError(const exports::ExportError &error);

} // namespace conviz::cli
