#include "engine/scenario/sweep.h"

#include "engine/scenario/parameters.h"
#include "engine/scenario/units.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace conviz::scenario {
namespace {

std::vector<std::string> diagnosticsOf(const LoadResult &r)
{
    std::vector<std::string> out;
    for (const auto &d : r.errors)
        out.push_back(d.format());
    return out;
}

// The load parameter a sweep varies when the scenario names none: the one that sets how busy the
// machine is, for each kind of load.
std::string_view loadParameter(LoadKind kind)
{
    switch (kind) {
    case LoadKind::Open: return "load.rate";
    case LoadKind::Closed: return "load.clients";
    case LoadKind::Batch: return "load.count";
    }
    return "load.rate";
}

} // namespace

ScenarioLoader fileLoader(std::string file, std::vector<std::string> overrides)
{
    return [file = std::move(file), overrides = std::move(overrides)](const std::vector<std::string> &extra) {
        std::vector<std::string> all = overrides;
        all.insert(all.end(), extra.begin(), extra.end());
        return loadFile(file, all);
    };
}

ScenarioLoader memoryLoader(const Scenario &s, std::string sourceName)
{
    return [toml = toToml(s), name = std::move(sourceName)](const std::vector<std::string> &extra) {
        return loadString(toml, name, extra);
    };
}

std::vector<double> sweepValues(const SweepSpec &spec)
{
    std::vector<double> out;
    for (int i = 0; i < spec.steps; ++i) {
        const double f = spec.steps == 1 ? 0.0 : static_cast<double>(i) / (spec.steps - 1);
        out.push_back(spec.log ? spec.from * std::pow(spec.to / spec.from, f) : spec.from + (spec.to - spec.from) * f);
    }
    return out;
}

SweepSpec defaultSweep(const Scenario &s)
{
    if (!s.sweep.param.empty() && parameterApplies(s.sweep.param, s))
        return s.sweep;
    const std::string key(loadParameter(s.load.kind));
    const double now = parameterValue(key, s).value_or(100);
    return {key, std::max(now / 4, 1.0), now * 2, 8, false};
}

std::variant<SweepPlan, SweepError> planSweep(const Scenario &base, const SweepSpec &spec, const ScenarioLoader &load)
{
    if (spec.param.empty())
        return SweepError{{}, "the sweep names no parameter"};
    if (!findParameter(spec.param))
        return SweepError{{}, unknownParameterMessage(spec.param)};
    if (spec.log && (spec.from <= 0 || spec.to <= 0))
        return SweepError{{}, "a logarithmic sweep needs `from` and `to` above zero"};
    SweepPlan plan;
    plan.base = base;
    plan.param = spec.param;
    for (const double v : sweepValues(spec)) {
        LoadResult result;
        std::string label;
        if (const auto override = sweepOverride(spec.param, v)) {
            label = *override;
            // Rounding counts can make neighbouring points equal: keep one of each.
            if (!plan.labels.empty() && plan.labels.back() == label)
                continue;
            result = load({label});
        } else {
            // A derived key has no override: it is spread over the request's steps.
            Scenario point = base;
            if (!setParameterValue(spec.param, point, v))
                return SweepError{{}, fmt::format("`{}` is not a numeric parameter of this scenario", spec.param)};
            label = fmt::format("{}={}", spec.param, detail::formatReal(*parameterValue(spec.param, point)));
            if (!plan.labels.empty() && plan.labels.back() == label)
                continue;
            result = loadString(toToml(point), label);
        }
        if (!result.ok())
            return SweepError{diagnosticsOf(result), {}};
        plan.values.push_back(parameterValue(spec.param, *result.scenario).value_or(v));
        plan.labels.push_back(std::move(label));
        plan.points.push_back(std::move(*result.scenario));
    }
    return plan;
}

std::variant<SweepPlan, SweepError> planSweep(const Scenario &base, const SweepSpec &spec, std::string_view sourceName)
{
    return planSweep(base, spec, memoryLoader(base, std::string(sourceName)));
}

} // namespace conviz::scenario
