#include "report/report.h"

#include "engine/model_kind.h"
#include "engine/scenario/parameters.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

namespace conviz::report {
namespace {

std::string loadSummary(const Load &l)
{
    switch (l.kind) {
    case LoadKind::Open: return fmt::format("open load, {:g} req/s Poisson, {} requests", l.rate, l.requests);
    case LoadKind::Closed:
        return fmt::format("closed load, {} clients, think {:g} ms, {} requests", l.clients, l.think.mean.toMillis(),
                           l.requests);
    case LoadKind::Batch: return fmt::format("batch of {} requests at t = 0", l.count);
    }
    return {};
}

std::string_view loadKindKey(LoadKind k)
{
    switch (k) {
    case LoadKind::Open: return "open";
    case LoadKind::Closed: return "closed";
    case LoadKind::Batch: return "batch";
    }
    return "?";
}

std::string ms(double ns) { return fmt::format("{:.3f}", ns / 1e6); }

std::string_view gcStatusKey(GcSummary::Status s)
{
    switch (s) {
    case GcSummary::Status::NoCollector: return "no_collector";
    case GcSummary::Status::NoAllocation: return "not_modelled";
    case GcSummary::Status::Modelled: return "modelled";
    }
    return "not_modelled";
}

struct Row {
    std::string label;
    std::function<std::string(const ModelMetrics &)> cell;
};

// Metrics as (name, unit, value) rows: the CSV's. `measured`: read from measured requests
// (cpu_utilization from their window), so missing, not zero, when a model measured none.
struct MetricRow {
    std::string_view name, unit;
    double value;
    bool measured = false;
};
std::vector<MetricRow> metricRows(const ModelMetrics &m)
{
    return {
        {"throughput", "req/s", m.throughputRps, true},
        {"latency_mean", "ms", m.latency.mean / 1e6, true},
        {"latency_p50", "ms", m.latency.p50 / 1e6, true},
        {"latency_p90", "ms", m.latency.p90 / 1e6, true},
        {"latency_p99", "ms", m.latency.p99 / 1e6, true},
        {"latency_max", "ms", m.latency.max / 1e6, true},
        {"scheduling_delay_p99", "ms", m.schedulingDelay.p99 / 1e6, true},
        {"cpu_utilization", "fraction", m.cpuUtilization, true},
        {"peak_committed", "bytes", static_cast<double>(m.memory.peakCommitted)},
        {"peak_reserved", "bytes", static_cast<double>(m.memory.peakReserved)},
        {"peak_stack_committed", "bytes", static_cast<double>(m.memory.peakStackCommitted)},
        {"peak_stack_reserved", "bytes", static_cast<double>(m.memory.peakStackReserved)},
        {"peak_tasks", "count", static_cast<double>(m.peakTasks)},
        {"peak_threads", "count", static_cast<double>(m.peakThreads)},
        {"context_switches", "count", static_cast<double>(m.contextSwitches)},
        {"threads_created", "count", static_cast<double>(m.threadsCreated)},
        {"completed", "count", static_cast<double>(m.completed)},
        {"refused", "count", static_cast<double>(m.refused)},
        {"overload", "ratio", m.overload},
    };
}

} // namespace

std::string gcCell(const GcSummary &gc)
{
    switch (gc.status) {
    case GcSummary::Status::NoCollector: return "none (no collector)";
    case GcSummary::Status::NoAllocation: return "not modelled (request alloc = 0)";
    case GcSummary::Status::Modelled:
        return fmt::format("{} cycle{}, {} pause{}, {:.1f} % of CPU", gc.cycles, gc.cycles == 1 ? "" : "s", gc.pauses,
                           gc.pauses == 1 ? "" : "s", gc.cpuShare * 100);
    }
    return {};
}

bool anyUnfinished(std::span<const ModelMetrics> models)
{
    return std::any_of(models.begin(), models.end(),
                       [](const ModelMetrics &m) { return m.unfinished > 0 || m.cancelled; });
}

std::string humanBytes(std::int64_t bytes)
{
    const auto b = static_cast<double>(bytes);
    if (bytes < KiB)
        return fmt::format("{} B", bytes);
    if (bytes < MiB)
        return fmt::format("{:.1f} KiB", b / static_cast<double>(KiB));
    if (bytes < GiB)
        return fmt::format("{:.1f} MiB", b / static_cast<double>(MiB));
    return fmt::format("{:.1f} GiB", b / static_cast<double>(GiB));
}

std::string scenarioSummary(const Scenario &s)
{
    return fmt::format("{} core{}, {}, seed {}", s.machine.cores, s.machine.cores == 1 ? "" : "s", loadSummary(s.load),
                       s.seed);
}

std::string unmeasuredNote(const ModelMetrics &m)
{
    switch (whyUnmeasured(m)) {
    case Unmeasured::No: return {};
    case Unmeasured::AllRefused: return "every request was refused";
    case Unmeasured::NothingFinished: return "no request finished";
    case Unmeasured::AllInWarmup:
        return fmt::format("every request arrived in the warm-up (its first {} ms)", m.windowStart.toMillis());
    case Unmeasured::Other: break;
    }
    return "no request was measured";
}

std::vector<UnmeasuredGroup> unmeasuredGroups(std::span<const ModelMetrics *const> models)
{
    std::vector<UnmeasuredGroup> groups;
    std::vector<std::vector<std::string_view>> titles; // each group's
    for (const ModelMetrics *m : models) {
        std::string why = unmeasuredNote(*m);
        if (why.empty())
            continue;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const UnmeasuredGroup &g) { return g.why == why; });
        if (it == groups.end()) {
            it = groups.insert(groups.end(), {{}, std::move(why), m});
            titles.emplace_back();
        }
        titles[static_cast<std::size_t>(it - groups.begin())].push_back(modelTitle(m->model));
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto &names = titles[g];
        groups[g].models = names.front();
        for (std::size_t i = 1; i < names.size(); ++i)
            groups[g].models += fmt::format("{}{}", i + 1 == names.size() ? " and " : ", ", names[i]);
    }
    return groups;
}

std::vector<UnmeasuredGroup> unmeasuredGroups(std::span<const ModelMetrics> models)
{
    std::vector<const ModelMetrics *> all;
    for (const ModelMetrics &m : models)
        all.push_back(&m);
    return unmeasuredGroups(all);
}

std::string renderTable(const Scenario &s, std::span<const ModelMetrics> models)
{
    // What measured requests give: "-" for a model that measured none, never a zero.
    const auto measured = [](std::string (*cell)(const ModelMetrics &)) {
        return [cell](const ModelMetrics &m) { return m.measured > 0 ? cell(m) : std::string("-"); };
    };
    const std::vector<Row> rows = {
        {"throughput (req/s)", measured([](auto &m) { return fmt::format("{:.1f}", m.throughputRps); })},
        {"latency mean (ms)", measured([](auto &m) { return ms(m.latency.mean); })},
        {"latency p50 (ms)", measured([](auto &m) { return ms(m.latency.p50); })},
        {"latency p90 (ms)", measured([](auto &m) { return ms(m.latency.p90); })},
        {"latency p99 (ms)", measured([](auto &m) { return ms(m.latency.p99); })},
        {"latency max (ms)", measured([](auto &m) { return ms(m.latency.max); })},
        {"wait for CPU p99 (ms)", measured([](auto &m) { return ms(m.schedulingDelay.p99); })},
        {"CPU utilisation", measured([](auto &m) { return fmt::format("{:.1f} %", m.cpuUtilization * 100); })},
        {"peak memory committed", [](auto &m) { return humanBytes(m.memory.peakCommitted); }},
        {"peak memory reserved", [](auto &m) { return humanBytes(m.memory.peakReserved); }},
        {"  stacks committed", [](auto &m) { return humanBytes(m.memory.peakStackCommitted); }},
        {"  stacks reserved", [](auto &m) { return humanBytes(m.memory.peakStackReserved); }},
        {"peak live tasks", [](auto &m) { return fmt::format("{}", m.peakTasks); }},
        {"peak OS threads", [](auto &m) { return fmt::format("{}", m.peakThreads); }},
        {"OS threads created", [](auto &m) { return fmt::format("{}", m.threadsCreated); }},
        {"context switches", [](auto &m) { return fmt::format("{}", m.contextSwitches); }},
        {"  kernel / user", [](auto &m) { return fmt::format("{} / {}", m.kernelSwitches, m.userSwitches); }},
        {"steals", [](auto &m) { return fmt::format("{}", m.steals); }},
        {"preemptions", [](auto &m) { return fmt::format("{}", m.preemptions); }},
        {"syscall hand-offs", [](auto &m) { return fmt::format("{}", m.handoffs); }},
        {"GC", [](auto &m) { return gcCell(m.gc); }},
        {"  pauses: total / max (ms)",
         [](auto &m) {
             return m.gc.status == GcSummary::Status::Modelled
                        ? fmt::format("{} / {}", ms(static_cast<double>(m.gc.pauseTotal.count())),
                                      ms(static_cast<double>(m.gc.pauseMax.count())))
                        : std::string("-");
         }},
        {"completed / refused", [](auto &m) { return fmt::format("{} / {}", m.completed, m.refused); }},
        {"simulation events", [](auto &m) { return fmt::format("{}", m.events); }},
    };
    std::size_t labelWidth = 0;
    for (const Row &r : rows)
        labelWidth = std::max(labelWidth, r.label.size());
    std::vector<std::vector<std::string>> cells(rows.size());
    std::vector<std::size_t> widths;
    for (const ModelMetrics &m : models) {
        std::size_t w = modelTitle(m.model).size();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            cells[i].push_back(rows[i].cell(m));
            w = std::max(w, cells[i].back().size());
        }
        widths.push_back(w);
    }

    std::string out = fmt::format("{}\n{}\n\n", s.name, scenarioSummary(s));
    out += fmt::format("{:<{}}", "", labelWidth);
    for (std::size_t j = 0; j < models.size(); ++j)
        out += fmt::format("   {:>{}}", modelTitle(models[j].model), widths[j]);
    out += '\n';
    for (std::size_t i = 0; i < rows.size(); ++i) {
        out += fmt::format("{:<{}}", rows[i].label, labelWidth);
        for (std::size_t j = 0; j < models.size(); ++j)
            out += fmt::format("   {:>{}}", cells[i][j], widths[j]);
        out += '\n';
    }
    for (const ModelMetrics &m : models)
        if (m.unfinished > 0)
            out += fmt::format("\nwarning: {}: {} requests did not finish\n", modelTitle(m.model), m.unfinished);
    for (const UnmeasuredGroup &g : unmeasuredGroups(models))
        out += fmt::format("\nnote: {} measured nothing: {}\n", g.models, g.why);
    return out;
}

std::string renderSweepTable(const Scenario &s, std::string_view param, std::span<const double> values,
                             const std::vector<std::vector<ModelMetrics>> &results)
{
    std::string out = fmt::format("{}\n{}\nsweep of {}\n\n", s.name, scenarioSummary(s), param);
    if (results.empty())
        return out;
    const auto info = scenario::findParameter(param);
    const std::string_view unit = !info                                             ? ""
                                  : info->kind == scenario::ParameterKind::Duration ? " (ns)"
                                  : info->kind == scenario::ParameterKind::Size     ? " (bytes)"
                                                                                    : "";
    const std::string heading = fmt::format("{}{}", param, unit);
    const std::size_t valueWidth = std::max<std::size_t>(heading.size(), 10);
    constexpr std::size_t kCell = 34;
    out += fmt::format("{:>{}}", heading, valueWidth);
    for (const ModelMetrics &m : results.front())
        out += fmt::format("   {:^{}}", modelTitle(m.model), kCell);
    out += fmt::format("\n{:>{}}", "", valueWidth);
    for (std::size_t j = 0; j < results.front().size(); ++j)
        out += fmt::format("   {:>10} {:>10} {:>12}", "req/s", "p99 ms", "committed");
    out += '\n';
    for (std::size_t i = 0; i < results.size(); ++i) {
        out += fmt::format("{:>{}.6g}", values[i], valueWidth);
        for (const ModelMetrics &m : results[i]) {
            const bool measured = m.measured > 0; // else "-" (renderTable's note says why)
            out += fmt::format("   {:>10} {:>10} {:>12}", measured ? fmt::format("{:.1f}", m.throughputRps) : "-",
                               measured ? fmt::format("{:.3f}", m.latency.p99 / 1e6) : "-",
                               humanBytes(m.memory.peakCommitted));
        }
        out += '\n';
    }
    return out;
}

void writeScenarioJson(JsonWriter &json, const Scenario &s, std::string_view file)
{
    json.beginObject();
    json.field("name", std::string_view(s.name));
    json.field("description", std::string_view(s.description));
    json.field("file", file);
    json.field("seed", static_cast<std::int64_t>(s.seed));
    json.field("cores", static_cast<std::int64_t>(s.machine.cores));
    json.key("load").beginObject();
    json.field("kind", loadKindKey(s.load.kind));
    json.field("rate", s.load.rate);
    json.field("clients", s.load.clients);
    json.field("count", s.load.count);
    json.field("requests", s.load.requests);
    json.field("warmup_ms", s.load.warmup.toMillis());
    json.endObject();
    json.endObject();
}

namespace {
void writeLatency(JsonWriter &json, std::string_view key, const LatencySummary &l)
{
    json.key(key).beginObject();
    json.field("mean", l.mean / 1e6);
    json.field("p50", l.p50 / 1e6);
    json.field("p90", l.p90 / 1e6);
    json.field("p99", l.p99 / 1e6);
    json.field("max", l.max / 1e6);
    json.endObject();
}
} // namespace

void writeMetricsJson(JsonWriter &json, const ModelMetrics &m)
{
    json.beginObject();
    json.field("completed", m.completed);
    json.field("refused", m.refused);
    json.field("throughput_rps", m.throughputRps);
    writeLatency(json, "latency_ms", m.latency);
    json.field("cpu_utilization", m.cpuUtilization);
    // Arrivals ÷ departures while the model fell behind (the headline's "overloaded ×N"); 0: it kept up.
    json.field("overload", m.overload);
    json.key("memory").beginObject();
    json.field("peak_committed_bytes", m.memory.peakCommitted);
    json.field("peak_reserved_bytes", m.memory.peakReserved);
    json.field("peak_stack_committed_bytes", m.memory.peakStackCommitted);
    json.field("peak_stack_reserved_bytes", m.memory.peakStackReserved);
    json.endObject();
    json.field("peak_tasks", m.peakTasks);
    json.field("context_switches", m.contextSwitches);
    json.field("threads_created", m.threadsCreated);
    json.field("events", m.events);
    // More than the public minimum:
    json.field("issued", m.issued);
    json.field("measured", m.measured);
    json.field("unfinished", m.unfinished);
    json.field("cancelled", m.cancelled);
    writeLatency(json, "scheduling_delay_ms", m.schedulingDelay);
    json.key("core_utilization").beginArray();
    for (double u : m.coreUtilization)
        json.value(u);
    json.endArray();
    json.field("peak_threads", m.peakThreads);
    json.field("peak_in_flight", m.peakInFlight);
    json.field("kernel_switches", m.kernelSwitches);
    json.field("user_switches", m.userSwitches);
    json.field("steals", m.steals);
    json.field("preemptions", m.preemptions);
    json.field("handoffs", m.handoffs);
    json.field("stack_growths", m.stackGrowths);
    json.field("window_start_s", m.windowStart.toSeconds());
    json.field("window_end_s", m.windowEnd.toSeconds());
    json.field("mean_in_system", m.meanInSystem);
    json.field("arrival_rate", m.arrivalRate);
    json.key("gc").beginObject();
    json.field("status", gcStatusKey(m.gc.status));
    json.field("cycles", m.gc.cycles);
    json.field("pauses", m.gc.pauses);
    json.field("pause_total_ms", m.gc.pauseTotal.toMillis());
    json.field("pause_max_ms", m.gc.pauseMax.toMillis());
    json.field("cpu_ms", m.gc.cpu.toMillis());
    json.field("cpu_share", m.gc.cpuShare);
    json.field("allocated_bytes", m.gc.allocated);
    json.endObject();
    json.endObject();
}

namespace {
// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string csvField(std::string_view text)
{
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}
} // namespace

void appendCsvRows(std::string &out, std::string_view parameter, std::string_view value, const ModelMetrics &m)
{
    const std::string param = csvField(parameter);
    for (const MetricRow &row : metricRows(m)) {
        // A model that measured no request has no throughput or latency: missing (empty, which R
        // and pandas read as NA), not zero.
        const std::string result = row.measured && m.measured == 0 ? std::string() : fmt::format("{}", row.value);
        out += fmt::format("{},{},{},{},{},{}\n", param, value, modelKey(m.model), row.name, row.unit, result);
    }
}

void appendCsvRows(std::string &out, std::string_view parameter, double value, const ModelMetrics &m)
{
    appendCsvRows(out, parameter, fmt::format("{}", value), m);
}

std::string renderSweepCsv(std::string_view parameter, std::span<const double> values,
                           const std::vector<std::vector<ModelMetrics>> &results)
{
    std::string out(kCsvHeader);
    out += '\n';
    for (std::size_t i = 0; i < results.size(); ++i)
        for (const ModelMetrics &m : results[i])
            appendCsvRows(out, parameter, values[i], m);
    return out;
}

} // namespace conviz::report
