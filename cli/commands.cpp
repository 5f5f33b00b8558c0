#include "cli/commands.h"

#include "cli/scenario_input.h"
#include "engine/scenario/scenario_file.h"
#include "engine/scenario/tour_file.h"
#include "engine/simulate.h"
#include "report/cost_report.h"
#include "report/report.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <fmt/format.h>

namespace conviz::cli {

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
        return o.live ? cmdLive(o) : cmdRun(o);
    if (o.command == "live")
        return cmdLive(o);
    if (o.command == "plan")
        return cmdPlan(o);
    if (o.command == "sweep")
        return cmdSweep(o);
    if (o.command == "validate")
        return cmdValidate(o);
    if (o.command == "explain")
        return cmdExplain(o);
    if (o.command == "cost")
        return cmdCost(o);
    if (o.command == "export")
        return cmdExport(o);
    fmt::print(stderr, "conviz-cli: `{}` is not available yet\n", o.command);
    return kExitBadInput;
}

int cmdRun(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    const auto models = selectedModels(o);
    const auto results = simulateAll(*s, models, {}, o.threads);
    std::vector<ModelMetrics> metrics;
    for (const auto &r : results)
        metrics.push_back(r.metrics);

    if (o.json) {
        report::JsonWriter json;
        json.beginObject();
        json.key("scenario");
        report::writeScenarioJson(json, *s, o.files.front());
        json.key("models").beginObject();
        for (const ModelMetrics &m : metrics) {
            json.key(modelKey(m.model));
            report::writeMetricsJson(json, m);
        }
        json.endObject();
        json.endObject();
        fmt::print("{}\n", json.str());
    } else {
        fmt::print("{}", report::renderTable(*s, metrics));
    }
    if (report::anyUnfinished(metrics)) {
        fmt::print(stderr, "conviz-cli: some requests did not finish; the run is incomplete\n");
        return kExitFailed;
    }
    return kExitOk;
}

int cmdCost(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    const auto models = selectedModels(o);
    std::vector<ModelMetrics> metrics;
    for (const auto &r : simulateAll(*s, models, {}, o.threads))
        metrics.push_back(r.metrics);
    const auto costs = estimateCosts(*s, metrics);
    if (o.json) {
        report::JsonWriter json;
        json.beginObject();
        json.key("scenario");
        report::writeScenarioJson(json, *s, o.files.front());
        json.key("cost");
        report::writeCostJson(json, *s, costs);
        json.endObject();
        fmt::print("{}\n", json.str());
    } else if (costs.empty()) {
        // estimateCosts prices nothing from a model that measured no request (engine/cost.h).
        fmt::print("{}\n{}\n\nno cost estimate: it is sized by measured requests\n", s->name,
                   report::scenarioSummary(*s));
        for (const report::UnmeasuredGroup &g : report::unmeasuredGroups(metrics))
            fmt::print("  {} measured nothing: {}\n", g.models, g.why);
    } else {
        fmt::print("{}", report::renderCostTable(*s, costs));
    }
    return report::anyUnfinished(metrics) ? kExitFailed : kExitOk;
}

namespace {

// Checks one tour file: "FILE: ok (TITLE)", as for a scenario, or every diagnostic on stderr.
bool validateTour(const std::string &file, const std::vector<std::string> &overrides)
{
    if (!overrides.empty()) {
        fmt::print(stderr, "{}: error: this is a tour; --set applies to scenario files only\n", file);
        return false;
    }
    const scenario::TourLoadResult result = scenario::loadTourFile(file);
    if (result.ok()) {
        fmt::print("{}: ok ({})\n", file, result.tour->title);
        return true;
    }
    for (const auto &d : result.errors)
        fmt::print(stderr, "{}\n", d.format());
    return false;
}

} // namespace

int cmdValidate(const Options &o)
{
    int status = kExitOk;
    for (const std::string &file : o.files) {
        // A tour is told by its content, not its folder: a tour being written anywhere gets the
        // tour's messages, and a scenario under a tours/ folder is still checked as a scenario.
        if (scenario::looksLikeTourFile(file)) {
            if (!validateTour(file, o.overrides))
                status = kExitBadInput;
            continue;
        }
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
    const auto s = loadScenario(file.string(), o.overrides);
    if (!s)
        return kExitBadInput;
    std::filesystem::path note = file;
    note.replace_extension(".md");
    std::ifstream in(note);
    if (!in) {
        fmt::print("{}\n\n{}\n\n(no teaching note: {} does not exist)\n", s->name, s->description, note.string());
        return kExitOk;
    }
    // The note as a reader sees it: without the one-line HTML comments docs/validate.sh marks its block with.
    for (std::string line; std::getline(in, line);)
        if (!(line.starts_with("<!--") && line.ends_with("-->")))
            fmt::print("{}\n", line);
    return kExitOk;
}

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
        incomplete = incomplete || report::anyUnfinished(row);

    if (o.csv) {
        fmt::print("{}", report::renderSweepCsv(plan->param, plan->values, results));
    } else if (o.json) {
        report::JsonWriter json;
        json.beginObject();
        json.key("scenario");
        report::writeScenarioJson(json, plan->base, o.files.front());
        json.field("parameter", std::string_view(plan->param));
        json.key("points").beginArray();
        for (std::size_t i = 0; i < results.size(); ++i) {
            json.beginObject();
            json.field("value", plan->values[i]);
            json.key("models").beginObject();
            for (const ModelMetrics &m : results[i]) {
                json.key(modelKey(m.model));
                report::writeMetricsJson(json, m);
            }
            json.endObject();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        fmt::print("{}\n", json.str());
    } else {
        fmt::print("{}", report::renderSweepTable(plan->base, plan->param, plan->values, results));
    }
    if (incomplete) {
        fmt::print(stderr, "conviz-cli: some requests did not finish; the sweep is incomplete\n");
        return kExitFailed;
    }
    return kExitOk;
}

} // namespace conviz::cli
