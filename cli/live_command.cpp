// `conviz-cli live FILE` (also `run FILE --live`): the scenario run for real by conviz_live's
// executors, printed beside the simulation of the same requests. docs/live.md.
#include "cli/commands.h"
#include "cli/runners.h"
#include "cli/scenario_input.h"
#include "engine/live/live_run.h"
#include "engine/simulate.h"
#include "report/report.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <functional>
#include <thread>

#include <unistd.h>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

// Ctrl-C cancels the live run in progress (an atomic store: safe in a signal handler).
std::atomic<live::LiveControl *> g_running{nullptr};
extern "C" void cancelOnSignal(int)
{
    if (live::LiveControl *c = g_running.load())
        c->cancel();
}

// Which model of how many a live run is, for its progress.
struct Progress {
    std::size_t index = 0;
    std::size_t models = 1;
    bool jsonLines = false; // --json: progress lines on stderr when it is not a terminal
};

// One progress line for a program that runs the CLI (the app): a JSON object alone on a line.
void progressLine(ModelKind model, const Progress &p, std::int64_t ended, std::int64_t total)
{
    fmt::print(stderr,
               "{{\"live_progress\":{{\"model\":\"{}\",\"index\":{},\"models\":{},\"ended\":{},\"total\":{}}}}}\n",
               modelKey(model), p.index, p.models, ended, total);
    std::fflush(stderr);
}

// Runs one model live on a thread of its own while this one reports progress: a line that
// rewrites itself on a terminal, or with --json and stderr not a terminal, a progress line at the
// start, about every 200 ms and at the end.
live::LiveMetrics runWithProgress(const Scenario &s, ModelKind model, const Progress &p)
{
    constexpr auto kEvery = std::chrono::milliseconds(200);
    live::LiveControl control;
    g_running.store(&control);
    const auto previous = std::signal(SIGINT, cancelOnSignal);
    // The requests the run will issue, before the run has said so itself.
    const std::int64_t expected = s.load.kind == LoadKind::Batch ? s.load.count : s.load.requests;
    const auto total = [&] { return control.total() > 0 ? control.total() : expected; };
    live::LiveMetrics result;
    std::atomic<bool> finished{false};
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    const bool lines = p.jsonLines && !tty;
    if (lines)
        progressLine(model, p, 0, total());
    std::thread runner([&] {
        result = live::runLive(s, model, control);
        finished.store(true);
    });
    while ((tty || lines) && !finished.load()) {
        if (tty)
            fmt::print(stderr, "\rlive {}: {} of {} requests", modelKey(model), control.ended(), total());
        // Wait for the next update, but not past the run's end.
        const auto next = std::chrono::steady_clock::now() + kEvery;
        while (!finished.load() && std::chrono::steady_clock::now() < next)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (lines && !finished.load())
            progressLine(model, p, control.ended(), total());
    }
    runner.join();
    if (tty)
        fmt::print(stderr, "\r\033[K");
    if (lines)
        progressLine(model, p, control.ended(), total());
    std::signal(SIGINT, previous);
    g_running.store(nullptr);
    return result;
}

std::string ms(double ns) { return fmt::format("{:.2f}", ns / 1e6); }
std::string percent(double v) { return fmt::format("{:.1f} %", v * 100); }

// Measured relative to simulated, "+7%"; blank where either side has nothing to compare.
std::string difference(double simulated, double measured)
{
    if (simulated == 0 || measured == 0)
        return "";
    return fmt::format("{:+.0f}%", (measured - simulated) / simulated * 100);
}

struct Row {
    std::string label;
    std::function<std::string(const ModelMetrics &)> simulated; // empty: the model has no such figure
    std::function<std::string(const live::LiveMetrics &)> measured;
    std::function<double(const ModelMetrics &)> simValue; // for the difference; empty: none shown
    std::function<double(const live::LiveMetrics &)> liveValue;
};

std::vector<Row> rows()
{
    const auto bytes = [](std::int64_t b) { return report::humanBytes(b); };
    return {
        {"completed / refused",
         [](auto &m) { return fmt::format("{} / {}", m.completed, m.refused); },
         [](auto &m) { return fmt::format("{} / {}", m.completed, m.refused); },
         {},
         {}},
        {"throughput (req/s)", [](auto &m) { return fmt::format("{:.1f}", m.throughputRps); },
         [](auto &m) { return fmt::format("{:.1f}", m.throughputRps); }, [](auto &m) { return m.throughputRps; },
         [](auto &m) { return m.throughputRps; }},
        {"latency mean (ms)", [](auto &m) { return ms(m.latency.mean); }, [](auto &m) { return ms(m.latency.mean); },
         [](auto &m) { return m.latency.mean; }, [](auto &m) { return m.latency.mean; }},
        {"latency p50 (ms)", [](auto &m) { return ms(m.latency.p50); }, [](auto &m) { return ms(m.latency.p50); },
         [](auto &m) { return m.latency.p50; }, [](auto &m) { return m.latency.p50; }},
        {"latency p90 (ms)", [](auto &m) { return ms(m.latency.p90); }, [](auto &m) { return ms(m.latency.p90); },
         [](auto &m) { return m.latency.p90; }, [](auto &m) { return m.latency.p90; }},
        {"latency p99 (ms)", [](auto &m) { return ms(m.latency.p99); }, [](auto &m) { return ms(m.latency.p99); },
         [](auto &m) { return m.latency.p99; }, [](auto &m) { return m.latency.p99; }},
        {"latency max (ms)", [](auto &m) { return ms(m.latency.max); }, [](auto &m) { return ms(m.latency.max); },
         [](auto &m) { return m.latency.max; }, [](auto &m) { return m.latency.max; }},
        {"CPU utilisation",
         [](auto &m) { return percent(m.cpuUtilization); },
         [](auto &m) { return percent(m.cpuUtilization); },
         {},
         {}},
        {"peak memory committed / RSS",
         [=](auto &m) { return bytes(m.memory.peakCommitted); },
         [=](auto &m) { return bytes(m.memory.peakRssBytes); },
         {},
         {}},
        {"peak memory reserved / virtual",
         [=](auto &m) { return bytes(m.memory.peakReserved); },
         [=](auto &m) { return bytes(m.memory.peakVirtualBytes); },
         {},
         {}},
        {"  stacks committed",
         [=](auto &m) { return bytes(m.memory.peakStackCommitted); },
         [=](auto &m) { return bytes(m.memory.stackCommittedBytes); },
         {},
         {}},
        {"  stacks reserved",
         [=](auto &m) { return bytes(m.memory.peakStackReserved); },
         [=](auto &m) { return bytes(m.memory.stackReservedBytes); },
         {},
         {}},
        {"peak live tasks",
         [](auto &m) { return fmt::format("{}", m.peakTasks); },
         [](auto &m) { return fmt::format("{}", m.peakTasks); },
         {},
         {}},
        {"peak OS threads",
         [](auto &m) { return fmt::format("{}", m.peakThreads); },
         [](auto &m) { return fmt::format("{}", m.peakThreads); },
         {},
         {}},
        {"OS threads created",
         [](auto &m) { return fmt::format("{}", m.threadsCreated); },
         [](auto &m) { return fmt::format("{}", m.threadsCreated); },
         {},
         {}},
        {"kernel switches / vol+invol",
         [](auto &m) { return fmt::format("{}", m.kernelSwitches); },
         [](auto &m) { return fmt::format("{}+{}", m.voluntarySwitches, m.involuntarySwitches); },
         {},
         {}},
        {"run time (s)",
         [](auto &m) { return fmt::format("{:.2f}", m.windowEnd.toSeconds()); },
         [](auto &m) { return fmt::format("{:.2f}", m.wallSeconds); },
         {},
         {}},
    };
}

std::string stopText(const live::LiveMetrics &m)
{
    switch (m.stop) {
    case live::StopReason::Finished: return "";
    case live::StopReason::Cancelled: return "cancelled";
    case live::StopReason::WallLimit: return "stopped at live.max_wall";
    case live::StopReason::Failed: return "not started";
    }
    return "";
}

std::string renderLiveTable(const Scenario &s, const std::vector<ModelMetrics> &sim,
                            const std::vector<live::LiveMetrics> &measured,
                            const std::vector<runners::RunnerResult> &real, const live::MachineInfo &machine)
{
    const std::vector<Row> table = rows();
    std::size_t labelWidth = 0;
    for (const Row &r : table)
        labelWidth = std::max(labelWidth, r.label.size());
    // Per model: simulated, then measured and difference for the C++ executor and for each real
    // runtime that ran it (a model nothing measured, after a cancel, is left out).
    std::vector<std::vector<std::string>> cells(table.size());
    std::vector<std::string> heads;
    for (const ModelMetrics &model : sim) {
        std::vector<std::pair<std::string, const live::LiveMetrics *>> sources;
        for (const live::LiveMetrics &m : measured)
            if (m.model == model.model)
                sources.emplace_back("measured", &m);
        for (const runners::RunnerResult &r : real)
            if (r.metrics.model == model.model && r.error.empty())
                sources.emplace_back(fmt::format("{} measured", runners::runtimeKey(r.runtime)), &r.metrics);
        if (sources.empty())
            continue;
        heads.push_back(std::string(modelTitle(model.model)) + " sim");
        for (std::size_t i = 0; i < table.size(); ++i)
            cells[i].push_back(table[i].simulated(model));
        for (const auto &[title, m] : sources) {
            heads.push_back(title);
            heads.emplace_back("diff");
            const runners::RunnerResult *runner = nullptr;
            for (const runners::RunnerResult &r : real)
                runner = &r.metrics == m ? &r : runner;
            for (std::size_t i = 0; i < table.size(); ++i) {
                const Row &r = table[i];
                cells[i].push_back(runner ? runners::runnerCell(*runner, r.label, r.measured) : r.measured(*m));
                const bool known = cells[i].back() != "—";
                cells[i].push_back(r.simValue && known ? difference(r.simValue(model), r.liveValue(*m)) : "");
            }
        }
    }
    std::vector<std::size_t> widths(heads.size());
    for (std::size_t c = 0; c < heads.size(); ++c) {
        widths[c] = heads[c].size();
        for (const auto &row : cells)
            widths[c] = std::max(widths[c], row[c].size());
    }
    std::string out =
        fmt::format("{}\n{}\nmeasured on {} ({} hardware threads, Linux {}), load average {}\n\n", s.name,
                    report::scenarioSummary(s), machine.modelName, machine.cpus, machine.kernel, machine.loadAverage);
    out += fmt::format("{:<{}}", "", labelWidth);
    for (std::size_t c = 0; c < heads.size(); ++c)
        out += fmt::format("   {:>{}}", heads[c], widths[c]);
    out += '\n';
    for (std::size_t i = 0; i < table.size(); ++i) {
        out += fmt::format("{:<{}}", table[i].label, labelWidth);
        for (std::size_t c = 0; c < heads.size(); ++c)
            out += fmt::format("   {:>{}}", cells[i][c], widths[c]);
        out += '\n';
    }
    for (const live::LiveMetrics &m : measured) {
        if (m.stop == live::StopReason::Failed) {
            out += fmt::format("\n{}: {}\n", modelTitle(m.model), m.note);
            continue;
        }
        if (const std::string stop = stopText(m); !stop.empty())
            out += fmt::format("\n{}: {} with {} requests unfinished\n", modelTitle(m.model), stop, m.unfinished);
        if (!m.note.empty())
            out += fmt::format("\n{}: {} requests refused: {}\n", modelTitle(m.model), m.refused, m.note);
    }
    for (const runners::RunnerResult &r : real) {
        if (!r.error.empty())
            out += fmt::format("\n{} runner: {}\n", runners::runtimeKey(r.runtime), r.error);
        else
            out += fmt::format("\n{} measured: {}{}{}\n", runners::runtimeKey(r.runtime), r.runtimeVersion,
                               r.metrics.stop == live::StopReason::WallLimit ? ", stopped at live.max_wall" : "",
                               r.metrics.note.empty() ? "" : "; " + r.metrics.note);
    }
    return out;
}

// The run's trace, a row per thread, span and task event (docs/live.md, "The trace").
void writeTraceJson(report::JsonWriter &json, const live::LiveTrace &t)
{
    json.beginObject();
    json.key("threads").beginArray();
    for (const live::LiveThread &th : t.threads)
        json.raw(fmt::format("[{},\"{}\"]", th.serial, live::roleKey(th.role)));
    json.endArray();
    json.key("spans").beginArray();
    for (const live::LiveSpan &sp : t.spans)
        json.raw(fmt::format("[{},{},{},{},{}]", sp.startNs, sp.endNs, sp.cpu, sp.thread, sp.request));
    json.endArray();
    json.key("tasks").beginArray();
    for (const live::LiveTaskEvent &e : t.tasks)
        json.raw(fmt::format("[{},{},\"{}\"]", e.timeNs, e.request, live::stateKey(e.state)));
    json.endArray();
    json.field("truncated", t.truncated);
    json.endObject();
}

void writeLiveJson(report::JsonWriter &json, const live::LiveMetrics &m)
{
    json.beginObject();
    json.field("completed", m.completed);
    json.field("refused", m.refused);
    json.field("unfinished", m.unfinished);
    json.field("stopped", std::string_view(m.stop == live::StopReason::Finished    ? "finished"
                                           : m.stop == live::StopReason::Cancelled ? "cancelled"
                                           : m.stop == live::StopReason::WallLimit ? "wall_limit"
                                                                                   : "failed"));
    json.field("throughput_rps", m.throughputRps);
    json.key("latency_ms").beginObject();
    json.field("mean", m.latency.mean / 1e6);
    json.field("p50", m.latency.p50 / 1e6);
    json.field("p90", m.latency.p90 / 1e6);
    json.field("p99", m.latency.p99 / 1e6);
    json.field("max", m.latency.max / 1e6);
    json.endObject();
    json.field("cpu_utilization", m.cpuUtilization);
    json.key("memory").beginObject();
    json.field("peak_rss_bytes", m.memory.peakRssBytes);
    json.field("peak_virtual_bytes", m.memory.peakVirtualBytes);
    json.field("stack_reserved_bytes", m.memory.stackReservedBytes);
    json.field("stack_committed_bytes", m.memory.stackCommittedBytes);
    json.field("tasks_at_peak", m.memory.tasksAtPeak);
    json.endObject();
    json.field("peak_tasks", m.peakTasks);
    json.field("peak_threads", m.peakThreads);
    json.field("threads_created", m.threadsCreated);
    json.field("workers", m.workers);
    json.key("context_switches").beginObject();
    json.field("voluntary", m.voluntarySwitches);
    json.field("involuntary", m.involuntarySwitches);
    json.endObject();
    json.field("wall_seconds", m.wallSeconds);
    json.field("note", std::string_view(m.note));
    json.key("trace");
    writeTraceJson(json, m.trace);
    json.endObject();
}

} // namespace

int cmdLive(const Options &o)
{
    const auto loaded = loadScenario(o.files.front(), o.overrides);
    if (!loaded)
        return kExitBadInput;
    const Scenario s = live::liveScenario(*loaded);
    const auto models = selectedModels(o);
    const runners::RuntimeSelection runtimes = runners::selectRuntimes(o.runtimes, models);
    if (!runtimes.error.empty()) {
        fmt::print(stderr, "conviz-cli: {}\n", runtimes.error);
        return kExitBadInput;
    }
    if (const auto missing = runners::missingTools(runtimes.runners); !missing.empty()) {
        for (const std::string &m : missing)
            fmt::print(stderr, "conviz-cli: {}\n", m);
        return kExitFailed;
    }
    for (ModelKind m : runtimes.cpp ? models : std::vector<ModelKind>{}) {
        if (const auto why = live::refusal(s, m)) {
            fmt::print(stderr, "conviz-cli: {}: refused to run {} live: {}\n", o.files.front(), modelKey(m), *why);
            return kExitBadInput;
        }
    }
    std::vector<ModelMetrics> simulated;
    for (const auto &r : simulateAll(s, models, {}, o.threads))
        simulated.push_back(r.metrics);
    // One model at a time: each is measured alone on the machine.
    std::vector<live::LiveMetrics> measured;
    for (ModelKind m : runtimes.cpp ? models : std::vector<ModelKind>{}) {
        measured.push_back(runWithProgress(s, m, {measured.size(), models.size(), o.json}));
        if (measured.back().stop == live::StopReason::Cancelled)
            break;
    }
    const bool cancelled = !measured.empty() && measured.back().stop == live::StopReason::Cancelled;
    std::vector<runners::RunnerResult> real;
    for (runners::Runtime r : cancelled ? std::vector<runners::Runtime>{} : runtimes.runners)
        real.push_back(runners::runRunner(r, s));
    const live::MachineInfo machine = live::machineInfo();
    if (o.json) {
        report::JsonWriter json;
        json.beginObject();
        json.key("scenario");
        report::writeScenarioJson(json, s, o.files.front());
        json.key("machine").beginObject();
        json.field("cpus", static_cast<std::int64_t>(machine.cpus));
        json.field("model_name", std::string_view(machine.modelName));
        json.field("kernel", std::string_view(machine.kernel));
        json.field("load_average", std::string_view(machine.loadAverage));
        json.endObject();
        json.key("models").beginObject();
        for (const ModelMetrics &m : simulated) {
            json.key(modelKey(m.model));
            report::writeMetricsJson(json, m);
        }
        json.endObject();
        json.key("measured").beginObject();
        if (runtimes.cpp) {
            json.key("cpp").beginObject();
            for (const live::LiveMetrics &m : measured) {
                json.key(modelKey(m.model));
                writeLiveJson(json, m);
            }
            json.endObject();
        }
        for (const runners::RunnerResult &r : real) {
            json.key(runners::runtimeKey(r.runtime)).beginObject().key(modelKey(r.metrics.model));
            if (r.error.empty())
                runners::writeRunnerJson(json, r);
            else
                json.beginObject().field("error", std::string_view(r.error)).endObject();
            json.endObject();
        }
        json.endObject();
        json.endObject();
        fmt::print("{}\n", json.str());
    } else {
        fmt::print("{}", renderLiveTable(s, simulated, measured, real, machine));
    }
    for (const live::LiveMetrics &m : measured) {
        if (m.stop == live::StopReason::Failed) {
            fmt::print(stderr, "conviz-cli: the live run of {} failed: {}\n", modelKey(m.model), m.note);
            return kExitFailed;
        }
        if (m.stop != live::StopReason::Finished) {
            fmt::print(stderr, "conviz-cli: the live run of {} was {}; its figures cover only part of the load\n",
                       modelKey(m.model), stopText(m));
            return kExitFailed;
        }
    }
    for (const runners::RunnerResult &r : real) {
        if (!r.error.empty() || r.metrics.stop != live::StopReason::Finished) {
            fmt::print(stderr, "conviz-cli: the {} runner {}\n", runners::runtimeKey(r.runtime),
                       r.error.empty() ? "was stopped at live.max_wall; its figures cover only part of the load"
                                       : "failed: " + r.error);
            return kExitFailed;
        }
    }
    return cancelled || (runtimes.cpp && measured.size() != models.size()) ? kExitFailed : kExitOk;
}

} // namespace conviz::cli
