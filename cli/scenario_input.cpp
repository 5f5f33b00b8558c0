#include "cli/scenario_input.h"

#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"

#include <algorithm>
#include <cmath>
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

bool anyUnfinished(std::span<const ModelMetrics> models)
{
    for (const ModelMetrics &m : models)
        if (m.unfinished > 0 || m.cancelled)
            return true;
    return false;
}

std::optional<SweepPlan> planSweep(const Options &o)
{
    const auto base = loadScenario(o.files.front(), o.overrides);
    if (!base)
        return std::nullopt;
    SweepPlan plan;
    plan.param = o.param.empty() ? base->sweep.param : o.param;
    if (plan.param.empty()) {
        fmt::print(stderr, "conviz-cli: {} names no sweep; give --param KEY --from A --to B [--steps N] [--log]\n",
                   o.files.front());
        return std::nullopt;
    }
    if (!scenario::findParameter(plan.param)) {
        fmt::print(stderr, "conviz-cli: {}\n", scenario::unknownParameterMessage(plan.param));
        return std::nullopt;
    }
    plan.base = *base;
    const bool fromFile = o.param.empty() || o.param == base->sweep.param;
    const auto endpoint = [&](const std::optional<std::string> &text, double fallback, bool have,
                              std::string_view which) -> std::optional<double> {
        if (!text) {
            if (have)
                return fallback;
            fmt::print(stderr, "conviz-cli: the sweep of {} needs --{}\n", plan.param, which);
            return std::nullopt;
        }
        auto v = scenario::parseParameterValue(plan.param, *text);
        if (!v.value) {
            fmt::print(stderr, "conviz-cli: --{} {}: {}\n", which, *text, v.error);
            return std::nullopt;
        }
        return *v.value;
    };
    const auto from = endpoint(o.from, base->sweep.from, fromFile, "from");
    const auto to = endpoint(o.to, base->sweep.to, fromFile, "to");
    if (!from || !to)
        return std::nullopt;
    const int steps = o.steps.value_or(fromFile ? base->sweep.steps : 10);
    const bool log = o.log.value_or(fromFile && base->sweep.log);
    if (log && (*from <= 0 || *to <= 0)) {
        fmt::print(stderr, "conviz-cli: a logarithmic sweep needs --from and --to above zero\n");
        return std::nullopt;
    }
    for (int i = 0; i < steps; ++i) {
        const double f = steps == 1 ? 0.0 : static_cast<double>(i) / (steps - 1);
        const double v = log ? *from * std::pow(*to / *from, f) : *from + (*to - *from) * f;
        const auto override = scenario::sweepOverride(plan.param, v);
        if (!override) {
            fmt::print(stderr, "conviz-cli: `{}` is not a numeric scenario key that can be swept\n", plan.param);
            return std::nullopt;
        }
        // Rounding counts can make neighbouring points equal: keep one of each.
        if (!plan.labels.empty() && plan.labels.back() == *override)
            continue;
        std::vector<std::string> overrides = o.overrides;
        overrides.push_back(*override);
        auto result = scenario::loadFile(o.files.front(), overrides);
        if (!result.ok()) {
            for (const auto &d : result.errors)
                fmt::print(stderr, "{}\n", d.format());
            return std::nullopt;
        }
        const auto applied = scenario::parameterValue(plan.param, *result.scenario);
        plan.values.push_back(applied.value_or(v));
        plan.labels.push_back(*override);
        plan.points.push_back(std::move(*result.scenario));
    }
    return plan;
}

} // namespace conviz::cli
