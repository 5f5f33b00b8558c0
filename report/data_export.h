// The data files of `conviz-cli export` — the tidy CSV of a sweep, the JSON of a run, the Chrome
// trace — as functions of a scenario, so that the app's File › Export menu writes the very same
// bytes. Plain C++ (no Qt); nothing here prints. Any thread; each call is independent.
#pragma once

#include "engine/core/atomic_file.h"
#include "engine/core/scenario.h"
#include "engine/metrics.h"
#include "engine/runtime.h"
#include "engine/scenario/scenario_file.h"
#include "engine/scenario/sweep.h"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace conviz::report {

// What a sweep was asked for on the command line (all empty: the scenario's own [sweep]).
struct SweepArgs {
    std::string param;
    std::optional<std::string> from; // text: may carry a unit ("10us", "16KiB")
    std::optional<std::string> to;
    std::optional<int> steps;
    std::optional<bool> log;
    bool any() const { return !param.empty() || from || to || steps || log; }
};

// The sweep `args` ask for, falling back to the scenario's [sweep] table, planned by
// scenario::planSweep (every point validated like a --set). `base` is load({}); `source` names it
// in messages.
std::variant<scenario::SweepPlan, scenario::SweepError>
planSweep(const scenario::ScenarioLoader &load, const Scenario &base, const SweepArgs &args, std::string_view source);

struct DataFile {
    std::string bytes;
    bool incomplete = false; // some requests did not finish (or the run was cancelled)
};

// The tidy CSV (report.h): the sweep's points if `plan` is given, else the scenario as the one
// point (parameter "none", empty value).
DataFile tidyCsv(const Scenario &scenario, const scenario::SweepPlan *plan, std::span<const ModelKind> models,
                 const RunControl &control = {}, unsigned threads = 0);

// The full result of one run: the scenario's identity (`file` as given), each model's metrics,
// its narration and the cost estimate; one line of JSON and a newline. `cancel` stops the runs.
DataFile runJson(const Scenario &scenario, std::string_view file, std::span<const ModelKind> models,
                 unsigned threads = 0, const std::atomic<bool> *cancel = nullptr);

struct TraceFile {
    bool written = false;              // false: cancelled (what reached `out` is incomplete)
    bool incomplete = false;           // some requests did not finish
    std::vector<std::string> warnings; // traces cut at the recorder's limit
};

// The Chrome trace of one run of `models` (each at most once), streamed to `out`.
TraceFile writeTraceJson(exports::OutputSink &out, const Scenario &scenario, std::string_view file,
                         std::span<const ModelKind> models, unsigned threads = 0,
                         std::function<void(double)> progress = {}, const std::atomic<bool> *cancel = nullptr);

// "conviz 0.1.0": what generated a file.
std::string generatorName();

} // namespace conviz::report
