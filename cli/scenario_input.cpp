#include "cli/scenario_input.h"

#include "engine/scenario/scenario_file.h"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

namespace conviz::cli {

std::vector<ModelKind> selectedModels(const Options &o)
{
    if (o.models.empty())
        return {kAllModels.begin(), kAllModels.end()};
    // `--model fibers --model all` asks for fibers once: a model is one column, one trace process.
    std::vector<ModelKind> models;
    for (ModelKind m : o.models)
        if (std::find(models.begin(), models.end(), m) == models.end())
            models.push_back(m);
    return models;
}

std::optional<Scenario> loadScenario(const std::string &file, const std::vector<std::string> &overrides)
{
    auto result = scenario::loadFile(file, overrides);
    if (!result.ok()) {
        for (const auto &d : result.errors)
            fmt::print(stderr, "{}\n", d.format());
        return std::nullopt;
    }
    return std::move(*result.scenario);
}

report::SweepArgs sweepArgs(const Options &o) { return {o.param, o.from, o.to, o.steps, o.log}; }

std::optional<scenario::SweepPlan> planSweep(const Options &o)
{
    const auto base = loadScenario(o.files.front(), o.overrides);
    if (!base)
        return std::nullopt;
    auto plan =
        report::planSweep(scenario::fileLoader(o.files.front(), o.overrides), *base, sweepArgs(o), o.files.front());
    if (auto *error = std::get_if<scenario::SweepError>(&plan)) {
        for (const std::string &d : error->diagnostics)
            fmt::print(stderr, "{}\n", d);
        if (!error->message.empty())
            fmt::print(stderr, "conviz-cli: {}\n", error->message);
        return std::nullopt;
    }
    return std::move(std::get<scenario::SweepPlan>(plan));
}

} // namespace conviz::cli
