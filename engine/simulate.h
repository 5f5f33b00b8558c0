// The engine's front door: run a scenario under one model or all three, or a sweep of scenarios.
#pragma once

#include "engine/core/scenario.h"
#include "engine/metrics.h"
#include "engine/model_kind.h"
#include "engine/recorder.h"
#include "engine/runtime.h"

#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace conviz {

struct RunOptions {
    bool trace = false;                 // record a Trace (for the GUI, exports); metrics never need one
    Observer *observer = nullptr;       // hears the run instead (trace must be false); one model at a time
    std::size_t traceLimit = 4'000'000; // records per model
    bool completions = false;           // keep ModelResult::completions (a trace holds them anyway)
    RunControl control;
};

struct ModelResult {
    ModelMetrics metrics;
    std::shared_ptr<const Trace> trace; // null unless RunOptions::trace
    std::vector<Nanos> completions;     // each request's end, in time order, if RunOptions::completions
};

// Runs `scenario` under `model`. Deterministic: same scenario, same result, bit for bit.
// Precondition: the scenario was validated (engine/scenario/scenario_file.h).
ModelResult simulate(const Scenario &scenario, ModelKind model, const RunOptions &options = {});

// Hears model `i` of simulateAll's `models` on the thread that ran it, as soon as it ends, while
// other models may still run: work on one model's result (indexing its trace) goes on beside them.
using ModelDone = std::function<void(std::size_t i, ModelResult &result)>;

// Runs each model, on up to `threads` threads (0: one per hardware thread), starting them in
// `models` order. Results in `models` order. The models draw each request once between them.
// `options.control.progress` hears the mean progress of the models, from whichever thread runs them.
// Precondition: options.observer is null (one observer cannot hear several runs at once).
std::vector<ModelResult> simulateAll(const Scenario &scenario, std::span<const ModelKind> models,
                                     const RunOptions &options = {}, unsigned threads = 0, const ModelDone &done = {});

// Runs every (scenario, model) pair of a sweep in parallel. result[i][j]: points[i] under models[j].
// The models of a point draw each of its requests once between them, as in simulateAll.
// `control.progress` hears the fraction of pairs done.
std::vector<std::vector<ModelMetrics>> simulateSweep(std::span<const Scenario> points,
                                                     std::span<const ModelKind> models, const RunControl &control = {},
                                                     unsigned threads = 0);

} // namespace conviz
