#include "cli/commands.h"

#include "cli/cost_report.h"
#include "cli/report.h"
#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"
#include "engine/simulate.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

std::vector<ModelKind> selectedModels(const Options &o)
{
    if (o.models.empty())
        return {kAllModels.begin(), kAllModels.end()};
    return o.models;
}

// Loads and validates; prints every diagnostic on failure.
std::optional<Scenario> load(const std::string &file, const std::vector<std::string> &overrides)
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

} // namespace

int runCommand(const Options &o)
{
    if (o.command == "help") {
        fmt::print("{}", usage());
        return kExitOk;
    }
    if (o.command == "version") {
        fmt::print("conviz-cli {}\n", CONVIZ_VERSION);
        return kExitOk;
    }
    if (o.command == "run")
        return cmdRun(o);
    if (o.command == "sweep")
        return cmdSweep(o);
    if (o.command == "validate")
        return cmdValidate(o);
    if (o.command == "explain")
        return cmdExplain(o);
    if (o.command == "cost")
        return cmdCost(o);
    fmt::print(stderr, "conviz-cli: `{}` is not available yet\n", o.command);
    return kExitBadInput;
}

int cmdRun(const Options &o)
{
    const auto s = load(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    const auto models = selectedModels(o);
    const auto results = simulateAll(*s, models, {}, o.threads);
    std::vector<ModelMetrics> metrics;
    for (const auto &r : results)
        metrics.push_back(r.metrics);

    if (o.json) {
        JsonWriter json;
        json.beginObject();
        json.key("scenario");
        writeScenarioJson(json, *s, o.files.front());
        json.key("models").beginObject();
        for (const ModelMetrics &m : metrics) {
            json.key(modelKey(m.model));
            writeMetricsJson(json, m);
        }
        json.endObject();
        json.endObject();
        fmt::print("{}\n", json.str());
    } else {
        fmt::print("{}", renderTable(*s, metrics));
    }
    if (anyUnfinished(metrics)) {
        fmt::print(stderr, "conviz-cli: some requests did not finish; the run is incomplete\n");
        return kExitFailed;
    }
    return kExitOk;
}

int cmdCost(const Options &o)
{
    const auto s = load(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    const auto models = selectedModels(o);
    std::vector<ModelMetrics> metrics;
    for (const auto &r : simulateAll(*s, models, {}, o.threads))
        metrics.push_back(r.metrics);
    const auto costs = estimateCosts(*s, metrics);
    if (o.json) {
        JsonWriter json;
        json.beginObject();
        json.key("scenario");
        writeScenarioJson(json, *s, o.files.front());
        json.key("cost");
        writeCostJson(json, *s, costs);
        json.endObject();
        fmt::print("{}\n", json.str());
    } else {
        fmt::print("{}", renderCostTable(*s, costs));
    }
    return anyUnfinished(metrics) ? kExitFailed : kExitOk;
}

int cmdValidate(const Options &o)
{
    int status = kExitOk;
    for (const std::string &file : o.files) {
        auto result = scenario::loadFile(file, o.overrides);
        if (result.ok()) {
            fmt::print("{}: ok ({})\n", file, result.scenario->name);
            continue;
        }
        for (const auto &d : result.errors)
            fmt::print(stderr, "{}\n", d.format());
        status = kExitBadInput;
    }
    return status;
}

int cmdExplain(const Options &o)
{
    const std::filesystem::path file = o.files.front();
    const auto s = load(file.string(), o.overrides);
    if (!s)
        return kExitBadInput;
    std::filesystem::path note = file;
    note.replace_extension(".md");
    std::ifstream in(note);
    if (!in) {
        fmt::print("{}\n\n{}\n\n(no teaching note: {} does not exist)\n", s->name, s->description, note.string());
        return kExitOk;
    }
    std::stringstream text;
    text << in.rdbuf();
    fmt::print("{}", text.str());
    return kExitOk;
}

namespace {

struct SweepPlan {
    Scenario base;
    std::string param;
    std::vector<double> values;
    std::vector<std::string> labels; // the override of each point, for messages
    std::vector<Scenario> points;
};

// Works out the sweep from the options, falling back to the scenario's [sweep] table, and loads
// every point (each one validated like a --set). Prints what is wrong and returns nothing on error.
std::optional<SweepPlan> planSweep(const Options &o)
{
    const auto base = load(o.files.front(), o.overrides);
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

} // namespace

int cmdSweep(const Options &o)
{
    const auto plan = planSweep(o);
    if (!plan)
        return kExitBadInput;
    const auto models = selectedModels(o);
    RunControl control;
    const bool showProgress = !o.json && !o.csv && isatty(fileno(stderr));
    if (showProgress)
        control.progress = [](double f) { fmt::print(stderr, "\r{:3.0f}% ", f * 100); };
    const auto results = simulateSweep(plan->points, models, control, o.threads);
    if (showProgress)
        fmt::print(stderr, "\r     \r");

    bool incomplete = false;
    for (const auto &row : results)
        incomplete = incomplete || anyUnfinished(row);

    if (o.csv) {
        std::string out(kCsvHeader);
        out += '\n';
        for (std::size_t i = 0; i < results.size(); ++i)
            for (const ModelMetrics &m : results[i])
                appendCsvRows(out, plan->param, plan->values[i], m);
        fmt::print("{}", out);
    } else if (o.json) {
        JsonWriter json;
        json.beginObject();
        json.key("scenario");
        writeScenarioJson(json, plan->base, o.files.front());
        json.field("parameter", std::string_view(plan->param));
        json.key("points").beginArray();
        for (std::size_t i = 0; i < results.size(); ++i) {
            json.beginObject();
            json.field("value", plan->values[i]);
            json.key("models").beginObject();
            for (const ModelMetrics &m : results[i]) {
                json.key(modelKey(m.model));
                writeMetricsJson(json, m);
            }
            json.endObject();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        fmt::print("{}\n", json.str());
    } else {
        fmt::print("{}", renderSweepTable(plan->base, plan->param, plan->values, results));
    }
    if (incomplete) {
        fmt::print(stderr, "conviz-cli: some requests did not finish; the sweep is incomplete\n");
        return kExitFailed;
    }
    return kExitOk;
}

} // namespace conviz::cli
