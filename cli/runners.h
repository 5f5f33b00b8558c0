// The real Go and Node.js runners (resources/runners/) behind `conviz-cli live --runtime go,node`:
// where their sources are, what a machine needs to run them, building the Go one once into the
// user's cache, running either on a scenario's request plan and reading what it measured.
// docs/live.md, "Real Go and Node.js".
#pragma once

#include "engine/core/scenario.h"
#include "engine/live/live_run.h"
#include "engine/model_kind.h"
#include "report/json_writer.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conviz::cli::runners {

enum class Runtime : std::uint8_t { Go, Node };

std::string_view runtimeKey(Runtime r); // "go", "node"
ModelKind runtimeModel(Runtime r);      // the model a runtime runs: Go fibers, Node's event loop

// What a runner measured: its figures as live::LiveMetrics (so the table prints them as it prints
// the C++ executors'), the names of the JSON fields it could not measure (null), and why it failed.
struct RunnerResult {
    Runtime runtime = Runtime::Go;
    live::LiveMetrics metrics;
    std::vector<std::string> unmeasured; // dotted JSON names, e.g. "memory.stack_committed_bytes"
    std::string runtimeVersion;          // "go1.19.8", "node v20.20.2"
    std::string error;                   // non-empty: the runner could not run; no figures
};

// What --runtime asks for: whether conviz's C++ executors run (cpp, the default) and which runners,
// each for its model; `error` says why the list does not fit --model's `models` (exit code 2).
struct RuntimeSelection {
    bool cpp = true;
    std::vector<Runtime> runners;
    std::string error;
};
RuntimeSelection selectRuntimes(const std::vector<std::string> &names, const std::vector<ModelKind> &models);

// Where the runner sources are: $CONVIZ_RUNNERS_DIR, then <exe>/../share/conviz/runners
// (installed), then the source tree this program was built from. Empty if none has them.
std::string runnersDirectory();

// What the machine lacks to run `runtimes`, as sentences saying what to install; empty if nothing.
std::vector<std::string> missingTools(const std::vector<Runtime> &runtimes);

// Runs `runtime`'s runner on `s`'s request plan (s already live::liveScenario'd) and reads its
// output. Builds the Go runner first if the cache lacks this source's build. Blocks for the run.
RunnerResult runRunner(Runtime runtime, const Scenario &s);

// The runner's measured object, in the fields and order of the C++ executors' (nulls where the
// runner could not measure), with its runtime's version.
void writeRunnerJson(report::JsonWriter &json, const RunnerResult &r);

// A table cell: `text(metrics)`, or "—" where the row shows a figure the runner did not measure.
std::string runnerCell(const RunnerResult &r, std::string_view rowLabel,
                       const std::function<std::string(const live::LiveMetrics &)> &text);

// Parses a runner's output line (one JSON object) into `r`; returns false and sets r.error if it
// is not one. Exposed for tests.
bool parseRunnerOutput(std::string_view text, RunnerResult &r);

} // namespace conviz::cli::runners
