// Loading and running the shipped presets (scenarios/*.toml) for the preset tests.
#pragma once

#include "engine/core/scenario.h"
#include "engine/metrics.h"
#include "engine/model_kind.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace conviz::presets {

inline constexpr std::int64_t KiB = 1024;
inline constexpr std::int64_t MiB = 1024 * KiB;
inline constexpr std::int64_t GiB = 1024 * MiB;

// The scenarios directory of the source tree.
std::filesystem::path scenarioDir();

// Every scenarios/*.toml, sorted by name.
std::vector<std::filesystem::path> presetFiles();

// "benchmark-trap" → scenarios/benchmark-trap.toml.
std::filesystem::path presetPath(std::string_view name);

// A preset run under the three models.
struct PresetRun {
    Scenario scenario;
    ModelMetrics fibers;
    ModelMetrics loop; // the event loop
    ModelMetrics threads;

    const ModelMetrics &operator[](ModelKind model) const;
};

// Loads `file` with `overrides` ("key=value", as conviz-cli --set takes them) and runs all three
// models. A load error or an unfinished request is reported as a test failure; a load error returns
// nothing.
std::optional<PresetRun> runFile(const std::filesystem::path &file, const std::vector<std::string> &overrides = {});

// runFile(presetPath(name), overrides).
std::optional<PresetRun> runPreset(std::string_view name, const std::vector<std::string> &overrides = {});

// The override that sets sweep parameter `param` to `value`, exactly as `conviz-cli sweep` makes it.
std::string sweepPoint(std::string_view param, double value);

// Mean and p99 latency in milliseconds; the makespan (last completion) of a batch in milliseconds.
double meanMs(const ModelMetrics &m);
double p99Ms(const ModelMetrics &m);
double makespanMs(const ModelMetrics &m);

// An idle thread's resident memory, measured: 8,531 B of RSS per thread over the baseline for 10,000
// idle threads of a C++ program (docs/validation.md, "Memory per idle connection and per bare task").
inline constexpr double kIdleThreadBytes = 8531;

// The resident (committed) stack per live OS thread at the run's peak, in bytes.
inline double residentStackPerThread(const ModelMetrics &m)
{
    return m.peakThreads > 0 ? static_cast<double>(m.memory.peakStackCommitted) / static_cast<double>(m.peakThreads)
                             : 0.0;
}

// The largest of three values over the smallest: 1.0 when all three models agree.
inline double maxOverMin(double a, double b, double c) { return std::max({a, b, c}) / std::min({a, b, c}); }

} // namespace conviz::presets
