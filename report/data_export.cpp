#include "report/data_export.h"

#include "engine/export/chrome_trace.h"
#include "engine/export/chrome_trace_names.h"
#include "engine/scenario/parameters.h"
#include "engine/simulate.h"
#include "report/cost_report.h"
#include "report/report.h"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

namespace conviz::report {
namespace {

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

NarratedRun runNarrated(const Scenario &s, ModelKind model, const std::atomic<bool> *cancel)
{
    NarrationLog log;
    RunOptions options;
    options.observer = &log;
    options.control.cancel = cancel;
    NarratedRun run{simulate(s, model, options).metrics, {}};
    run.narration = std::move(log.lines);
    return run;
}

} // namespace

std::variant<scenario::SweepPlan, scenario::SweepError>
planSweep(const scenario::ScenarioLoader &load, const Scenario &base, const SweepArgs &args, std::string_view source)
{
    using scenario::SweepError;
    SweepSpec spec;
    spec.param = args.param.empty() ? base.sweep.param : args.param;
    if (spec.param.empty())
        return SweepError{
            {}, fmt::format("{} names no sweep; give --param KEY --from A --to B [--steps N] [--log]", source)};
    if (!scenario::findParameter(spec.param))
        return SweepError{{}, scenario::unknownParameterMessage(spec.param)};
    // Bounds the command line leaves out come from the file's [sweep] only if it sweeps the same key.
    const bool fromFile = args.param.empty() || args.param == base.sweep.param;
    std::string problem;
    const auto endpoint = [&](const std::optional<std::string> &text, double fallback,
                              std::string_view which) -> std::optional<double> {
        if (!text) {
            if (fromFile)
                return fallback;
            problem = fmt::format("the sweep of {} needs --{}", spec.param, which);
            return std::nullopt;
        }
        auto v = scenario::parseParameterValue(spec.param, *text);
        if (!v.value) {
            problem = fmt::format("--{} {}: {}", which, *text, v.error);
            return std::nullopt;
        }
        return *v.value;
    };
    const auto from = endpoint(args.from, base.sweep.from, "from");
    const auto to = from ? endpoint(args.to, base.sweep.to, "to") : std::nullopt;
    if (!from || !to)
        return SweepError{{}, problem};
    spec.from = *from;
    spec.to = *to;
    spec.steps = args.steps.value_or(fromFile ? base.sweep.steps : 10);
    spec.log = args.log.value_or(fromFile && base.sweep.log);
    if (spec.log && (spec.from <= 0 || spec.to <= 0))
        return SweepError{{}, "a logarithmic sweep needs --from and --to above zero"};
    return scenario::planSweep(base, spec, load);
}

DataFile tidyCsv(const Scenario &s, const scenario::SweepPlan *plan, std::span<const ModelKind> models,
                 const RunControl &control, unsigned threads)
{
    DataFile out;
    if (!plan) {
        // No sweep anywhere: the scenario itself is the one point.
        RunOptions options;
        options.control = control;
        out.bytes = std::string(kCsvHeader) + '\n';
        for (const ModelResult &r : simulateAll(s, models, options, threads)) {
            appendCsvRows(out.bytes, "none", "", r.metrics);
            out.incomplete = out.incomplete || anyUnfinished(std::span(&r.metrics, 1));
        }
        return out;
    }
    const auto results = simulateSweep(plan->points, models, control, threads);
    for (const auto &row : results)
        out.incomplete = out.incomplete || anyUnfinished(row);
    out.bytes = renderSweepCsv(plan->param, plan->values, results);
    return out;
}

DataFile runJson(const Scenario &s, std::string_view file, std::span<const ModelKind> models, unsigned threads,
                 const std::atomic<bool> *cancel)
{
    std::vector<NarratedRun> runs(models.size());
    if (threads == 1) {
        for (std::size_t i = 0; i < models.size(); ++i)
            runs[i] = runNarrated(s, models[i], cancel);
    } else {
        std::vector<std::jthread> workers;
        for (std::size_t i = 0; i < models.size(); ++i)
            workers.emplace_back([&, i] { runs[i] = runNarrated(s, models[i], cancel); });
    }
    std::vector<ModelMetrics> metrics;
    for (const NarratedRun &r : runs)
        metrics.push_back(r.metrics);

    JsonWriter json;
    json.beginObject();
    json.key("scenario");
    writeScenarioJson(json, s, file);
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
    writeCostJson(json, s, estimateCosts(s, metrics));
    json.endObject();
    return {json.str() + "\n", anyUnfinished(metrics)};
}

TraceFile writeTraceJson(exports::OutputSink &out, const Scenario &s, std::string_view file,
                         std::span<const ModelKind> selected, unsigned threads, std::function<void(double)> progress,
                         const std::atomic<bool> *cancel)
{
    RunOptions run;
    run.trace = true;
    run.control.cancel = cancel;
    const auto results = simulateAll(s, selected, run, threads);

    TraceFile result;
    std::vector<exports::ChromeTraceModel> models;
    std::vector<ModelMetrics> metrics;
    std::string modelList;
    for (const ModelResult &r : results) {
        models.push_back({r.metrics.model, r.trace.get(), s.machine.cores});
        metrics.push_back(r.metrics);
        modelList += (modelList.empty() ? "" : ", ") + std::string(modelKey(r.metrics.model));
        if (r.trace->truncated())
            result.warnings.push_back(
                fmt::format("the {} trace stops at {:.3f} ms ({} records); nothing later is in it",
                            modelKey(r.metrics.model), r.trace->truncatedAt.toMillis(), r.trace->records()));
    }
    exports::ChromeTraceOptions options;
    options.metadata = {
        {"generator", generatorName()}, {"scenario", s.name},
        {"file", std::string(file)},    {"seed", fmt::format("{}", s.seed)},
        {"models", modelList},          {"time", "ts and dur are microseconds of simulated time, to the nanosecond"}};
    for (const Pool &p : s.pools)
        options.poolNames.push_back(p.name);
    options.progress = std::move(progress);
    options.cancel = cancel;
    result.written = exports::writeChromeTrace(out, models, options) && !(cancel && cancel->load());
    result.incomplete = anyUnfinished(metrics);
    return result;
}

std::string generatorName() { return fmt::format("conviz {}", CONVIZ_VERSION); }

} // namespace conviz::report
