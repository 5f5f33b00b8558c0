#include "tests/presets/preset_support.h"

#include "engine/scenario/scenario_file.h"
#include "engine/simulate.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace conviz::presets {

std::filesystem::path scenarioDir() { return CONVIZ_SCENARIO_DIR; }

std::vector<std::filesystem::path> presetFiles()
{
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(scenarioDir(), ec))
        if (entry.is_regular_file() && entry.path().extension() == ".toml")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::filesystem::path presetPath(std::string_view name) { return scenarioDir() / (std::string(name) + ".toml"); }

const ModelMetrics &PresetRun::operator[](ModelKind model) const
{
    switch (model) {
    case ModelKind::Fibers: return fibers;
    case ModelKind::EventLoop: return loop;
    case ModelKind::Threads: return threads;
    }
    return fibers;
}

std::optional<PresetRun> runFile(const std::filesystem::path &file, const std::vector<std::string> &overrides)
{
    scenario::LoadResult loaded = scenario::loadFile(file, overrides);
    if (!loaded.ok()) {
        std::string errors;
        for (const auto &d : loaded.errors)
            errors += d.format() + "\n";
        ADD_FAILURE() << file.string() << " does not load:\n" << errors;
        return std::nullopt;
    }
    PresetRun run;
    run.scenario = std::move(*loaded.scenario);
    const std::vector<ModelResult> results = simulateAll(run.scenario, kAllModels);
    run.fibers = results.at(0).metrics;
    run.loop = results.at(1).metrics;
    run.threads = results.at(2).metrics;
    for (ModelKind model : kAllModels) {
        const ModelMetrics &m = run[model];
        EXPECT_EQ(m.model, model);
        EXPECT_FALSE(m.cancelled) << modelKey(model);
        EXPECT_EQ(m.unfinished, 0) << modelKey(model) << " left requests unfinished in " << file.filename().string();
    }
    return run;
}

std::optional<PresetRun> runPreset(std::string_view name, const std::vector<std::string> &overrides)
{
    return runFile(presetPath(name), overrides);
}

std::string sweepPoint(std::string_view param, double value)
{
    const auto override = scenario::sweepOverride(param, value);
    EXPECT_TRUE(override.has_value()) << param << " is not a sweepable key";
    return override.value_or(std::string(param) + "=?");
}

double meanMs(const ModelMetrics &m) { return m.latency.mean / 1e6; }
double p99Ms(const ModelMetrics &m) { return m.latency.p99 / 1e6; }
double makespanMs(const ModelMetrics &m) { return m.windowEnd.toMillis(); }

} // namespace conviz::presets
