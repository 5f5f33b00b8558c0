// Exercises: the "try this" tasks at the end of a preset's tour file (docs/tours.md, [[exercise]]).
// Each has a goal on the result (one or more conditions on a model's metrics: "event_loop.latency_p99
// below 20 ms"), keys that must keep the preset's values ("without adding cores"), an optional hint
// and a solution (scenario keys and values that meet the goal). Read by tour_file.h; checked here
// against a run's metrics, Qt-free, so that the app, the CLI and the tests agree on what "met" means.
#pragma once

#include "engine/core/scenario.h"
#include "engine/model_kind.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace conviz::scenario {

// What a goal measures: one figure of a model's ModelMetrics.
enum class ExerciseMetric : std::uint8_t {
    Throughput,      // measured completions per second
    LatencyMean,     // of measured requests
    LatencyP50,      //
    LatencyP90,      //
    LatencyP99,      //
    LatencyMax,      //
    DelayP99,        // scheduling delay: runnable → running; for the event loop, callback ready → run
    MemoryCommitted, // peak committed memory
    MemoryReserved,  // peak reserved memory (address space)
    Threads,         // peak OS threads
    InFlight,        // peak requests in the system at once
    Cpu,             // busy core time ÷ (cores × window), 0..1
    Refused,         // requests refused (no thread could be created)
};

// How a goal's limit is written and shown.
enum class MetricUnit : std::uint8_t { Duration, Size, Count, Rate, Fraction };

struct ExerciseMetricInfo {
    ExerciseMetric metric;
    std::string_view name;  // as written after the model: "latency_p99"
    std::string_view label; // "p99 latency"
    MetricUnit unit;
};

// Every metric a goal may name, in the order docs/tours.md lists them (report/exercise_check.h reads
// each from a run's ModelMetrics).
std::span<const ExerciseMetricInfo> exerciseMetrics();
const ExerciseMetricInfo &exerciseMetricInfo(ExerciseMetric metric);

// `value` of a metric as a person reads it: "187 ms", "44.3 MiB", "1,956 req/s", "8 %", "25".
std::string formatMetricValue(MetricUnit unit, double value);
// Three significant digits, as the headline shows numbers: 187.4 → "187", 44.31 → "44.3", 1.234 → "1.23".
std::string threeDigits(double value);

struct ExerciseGoal {
    ModelKind model = ModelKind::Fibers;
    ExerciseMetric metric = ExerciseMetric::Throughput;
    bool below = true; // the value must be below `limit`; else above it
    double limit = 0;  // in the metric's base unit (ns, bytes, req/s, a count, 0..1)
    // "event loop p99 latency below 20 ms": the goal as the app shows it.
    std::string describe() const;
    bool metBy(double value) const { return below ? value < limit : value > limit; }
};

// One key of a solution: a number in the key's base unit, or the name of a choice ("pool").
struct ExerciseSetting {
    std::string key;
    std::optional<double> value; // numeric keys
    std::string choice;          // choice keys (scenario::findChoice)
};

struct Exercise {
    std::string text;                      // Markdown: the task
    std::vector<ExerciseGoal> goals;       // all must be met
    std::vector<std::string> keep;         // keys that must keep the preset's values
    std::string hint;                      // Markdown, may be empty
    std::vector<ExerciseSetting> solution; // keys and values that meet the goals
    int line = 0;                          // where it starts in its file, for messages
};

struct ExerciseCheck {
    bool met = false;                 // every goal met and every kept key unchanged
    std::vector<double> values;       // each goal's metric, in goal order
    std::vector<bool> goalsMet;       // each goal, in goal order
    std::vector<std::string> changed; // kept keys whose value differs from the preset's
};

// A model's metric in a run of the current scenario: ns for durations, bytes for sizes, req/s, a
// count or 0..1 (report/exercise_check.h gives it from ModelMetrics).
using ExerciseMetricValues = std::function<double(ModelKind, ExerciseMetric)>;

// Checks `exercise` against a run of `current` whose metrics `values` gives; `preset` holds the
// preset's own values, which the kept keys must still have.
ExerciseCheck checkExercise(const Exercise &exercise, const ExerciseMetricValues &values, const Scenario &current,
                            const Scenario &preset);

// `scenario` with the exercise's solution applied; false (and `scenario` partly changed) when a key
// does not apply to it. Not validated: see toToml + loadString.
bool applySolution(const Exercise &exercise, Scenario &scenario);

// "event_loop.processes = 4, machine.cores = 2": the solution as the app shows it.
std::string describeSolution(const Exercise &exercise);

} // namespace conviz::scenario
