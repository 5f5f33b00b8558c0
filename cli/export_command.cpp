// `conviz-cli export`: one file per call, written atomically. CSV (a sweep, tidy), JSON (a run in
// full) and the Chrome trace are written here; charts and GIFs need the GUI's drawing code.
#include "cli/commands.h"

#include "cli/cost_report.h"
#include "cli/report.h"
#include "cli/scenario_input.h"
#include "engine/export/atomic_file.h"
#include "engine/export/chrome_trace.h"
#include "engine/export/chrome_trace_names.h"
#include "engine/simulate.h"

#include <cstdio>
#include <thread>

#include <unistd.h>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

using exports::AtomicFile;
using exports::ExportError;

int reportError(const ExportError &e)
{
    if (e.kind == ExportError::Kind::Exists) {
        fmt::print(stderr, "conviz-cli: {}; add --force to replace it\n", e.message);
        return kExitBadInput;
    }
    fmt::print(stderr, "conviz-cli: {}\n", e.message);
    return kExitFailed;
}

// Opens --out before any simulation, so a bad path fails at once. An exit code on failure.
std::optional<int> openOut(AtomicFile &file, const Options &o)
{
    if (auto error = file.open(o.out, o.force ? exports::Overwrite::Replace : exports::Overwrite::Refuse))
        return reportError(*error);
    return std::nullopt;
}

int commit(AtomicFile &file, const Options &o, bool incomplete)
{
    if (auto error = file.commit())
        return reportError(*error);
    fmt::print("wrote {}\n", o.out);
    if (incomplete) {
        fmt::print(stderr, "conviz-cli: some requests did not finish; the export is of an incomplete run\n");
        return kExitFailed;
    }
    return kExitOk;
}

bool asksForSweep(const Options &o) { return !o.param.empty() || o.from || o.to || o.steps || o.log; }

int exportCsv(const Options &o)
{
    const auto base = loadScenario(o.files.front(), o.overrides);
    if (!base)
        return kExitBadInput;
    const auto models = selectedModels(o);
    std::string text;
    bool incomplete = false;
    AtomicFile file;
    if (base->sweep.param.empty() && !asksForSweep(o)) {
        // No sweep anywhere: the scenario itself is the one point.
        if (auto code = openOut(file, o))
            return *code;
        text = std::string(kCsvHeader) + '\n';
        for (const ModelResult &r : simulateAll(*base, models, {}, o.threads)) {
            appendCsvRows(text, "none", "", r.metrics);
            incomplete = incomplete || anyUnfinished(std::span(&r.metrics, 1));
        }
    } else {
        const auto plan = planSweep(o);
        if (!plan)
            return kExitBadInput;
        if (auto code = openOut(file, o))
            return *code;
        RunControl control;
        const bool showProgress = isatty(fileno(stderr));
        if (showProgress)
            control.progress = [](double f) { fmt::print(stderr, "\r{:3.0f}% ", f * 100); };
        const auto results = simulateSweep(plan->points, models, control, o.threads);
        if (showProgress)
            fmt::print(stderr, "\r     \r");
        for (const auto &row : results)
            incomplete = incomplete || anyUnfinished(row);
        text = renderSweepCsv(plan->param, plan->values, results);
    }
    file.write(text);
    return commit(file, o, incomplete);
}

// Keeps the narration of a run and nothing else: a full trace is not needed for a few lines.
class NarrationLog final : public Observer {
public:
    void onNarration(const Narration &n) override { lines.push_back(n); }
    std::vector<Narration> lines;
};

struct NarratedRun {
    ModelMetrics metrics;
    std::vector<Narration> narration;
};

NarratedRun runNarrated(const Scenario &s, ModelKind model)
{
    NarrationLog log;
    RunOptions options;
    options.observer = &log;
    NarratedRun run{simulate(s, model, options).metrics, {}};
    run.narration = std::move(log.lines);
    return run;
}

int exportJson(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    AtomicFile file;
    if (auto code = openOut(file, o))
        return *code;
    const auto models = selectedModels(o);
    std::vector<NarratedRun> runs(models.size());
    if (o.threads == 1) {
        for (std::size_t i = 0; i < models.size(); ++i)
            runs[i] = runNarrated(*s, models[i]);
    } else {
        std::vector<std::jthread> workers;
        for (std::size_t i = 0; i < models.size(); ++i)
            workers.emplace_back([&, i] { runs[i] = runNarrated(*s, models[i]); });
    }
    std::vector<ModelMetrics> metrics;
    for (const NarratedRun &r : runs)
        metrics.push_back(r.metrics);

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
    json.key("narration").beginObject();
    for (const NarratedRun &r : runs) {
        json.key(modelKey(r.metrics.model)).beginArray();
        for (const Narration &n : r.narration) {
            json.beginObject();
            json.field("time_ms", n.time.toMillis());
            json.field("kind", exports::narrationKindKey(n.kind));
            json.field("text", std::string_view(n.text));
            json.endObject();
        }
        json.endArray();
    }
    json.endObject();
    json.key("cost");
    writeCostJson(json, *s, estimateCosts(*s, metrics));
    json.endObject();
    file.write(json.str());
    file.write("\n");
    return commit(file, o, anyUnfinished(metrics));
}

int exportTrace(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    AtomicFile file;
    if (auto code = openOut(file, o))
        return *code;
    RunOptions run;
    run.trace = true;
    const auto results = simulateAll(*s, selectedModels(o), run, o.threads);

    std::vector<exports::ChromeTraceModel> models;
    std::vector<ModelMetrics> metrics;
    std::string modelList;
    for (const ModelResult &r : results) {
        models.push_back({r.metrics.model, r.trace.get(), s->machine.cores});
        metrics.push_back(r.metrics);
        modelList += (modelList.empty() ? "" : ", ") + std::string(modelKey(r.metrics.model));
        if (r.trace->truncated())
            fmt::print(stderr, "conviz-cli: warning: the {} trace stops at {:.3f} ms ({} records); nothing later is in it\n",
                       modelKey(r.metrics.model), r.trace->truncatedAt.toMillis(), r.trace->records());
    }
    exports::ChromeTraceOptions options;
    options.metadata = {{"generator", fmt::format("conviz-cli {}", CONVIZ_VERSION)},
                        {"scenario", s->name},
                        {"file", o.files.front()},
                        {"seed", fmt::format("{}", s->seed)},
                        {"models", modelList},
                        {"time", "ts and dur are microseconds of simulated time, to the nanosecond"}};
    for (const Pool &p : s->pools)
        options.poolNames.push_back(p.name);
    const bool showProgress = isatty(fileno(stderr));
    if (showProgress)
        options.progress = [](double f) { fmt::print(stderr, "\rwriting {:3.0f}% ", f * 100); };
    exports::writeChromeTrace(file, models, options);
    if (showProgress)
        fmt::print(stderr, "\r              \r");
    return commit(file, o, anyUnfinished(metrics));
}

} // namespace

int cmdExport(const Options &o)
{
    switch (o.exportKind) {
    case ExportKind::Csv: return exportCsv(o);
    case ExportKind::Json: return exportJson(o);
    case ExportKind::Trace: return exportTrace(o);
    case ExportKind::Chart:
        fmt::print(stderr, "conviz-cli: not available yet: charts need the GUI's chart code\n");
        return kExitFailed;
    case ExportKind::Gif:
        fmt::print(stderr, "conviz-cli: not available yet: GIFs need the GUI's scheduler view\n");
        return kExitFailed;
    case ExportKind::None: break;
    }
    fmt::print(stderr, "conviz-cli: `export` needs one of --csv, --json, --trace, --gif or --chart NAME\n");
    return kExitBadInput;
}

} // namespace conviz::cli
