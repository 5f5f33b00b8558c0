// Reading a runner's one-line JSON result and writing it back out beside the C++ executors'.
#include "cli/runners.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <variant>

#include <fmt/format.h>

namespace conviz::cli::runners {
namespace {

// A JSON value of a runner's output: null, a number, a string or a boolean. Objects are
// flattened into dotted names ("latency_ms.p50"); the output has no arrays.
using Value = std::variant<std::monostate, double, std::string, bool>;
using Fields = std::map<std::string, Value, std::less<>>;

// A small recursive-descent reader of exactly what the runners print.
class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    bool object(const std::string &prefix, Fields &out)
    {
        if (!take('{'))
            return false;
        if (take('}'))
            return true;
        do {
            std::string key;
            if (!string(key) || !take(':'))
                return false;
            const std::string name = prefix.empty() ? key : prefix + "." + key;
            skip();
            if (peek() == '{') {
                if (!object(name, out))
                    return false;
                continue;
            }
            Value v;
            if (!value(v))
                return false;
            out[name] = std::move(v);
        } while (take(','));
        return take('}');
    }

    bool atEnd()
    {
        skip();
        return m_at == m_text.size();
    }

private:
    void skip()
    {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
    }
    char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }
    bool take(char c)
    {
        skip();
        if (peek() != c)
            return false;
        ++m_at;
        return true;
    }
    bool word(std::string_view w)
    {
        if (m_text.substr(m_at, w.size()) != w)
            return false;
        m_at += w.size();
        return true;
    }
    bool string(std::string &out)
    {
        if (!take('"'))
            return false;
        while (m_at < m_text.size() && m_text[m_at] != '"') {
            char c = m_text[m_at++];
            if (c == '\\' && m_at < m_text.size()) {
                c = m_text[m_at++];
                if (c == 'n')
                    c = '\n';
                else if (c == 't')
                    c = '\t';
                else if (c == 'u') { // not in a runner's output but legal JSON: keep it readable
                    out += '?';
                    m_at = std::min(m_text.size(), m_at + 4);
                    continue;
                }
            }
            out += c;
        }
        return take('"');
    }
    bool value(Value &v)
    {
        skip();
        if (peek() == '"') {
            std::string s;
            if (!string(s))
                return false;
            v = std::move(s);
            return true;
        }
        if (word("null")) {
            v = std::monostate{};
            return true;
        }
        if (word("true")) {
            v = true;
            return true;
        }
        if (word("false")) {
            v = false;
            return true;
        }
        double d = 0;
        const auto [ptr, ec] = std::from_chars(m_text.data() + m_at, m_text.data() + m_text.size(), d);
        if (ec != std::errc())
            return false;
        m_at = static_cast<std::size_t>(ptr - m_text.data());
        v = d;
        return true;
    }

    std::string_view m_text;
    std::size_t m_at = 0;
};

// The measured figures, by their JSON names, in the order writeLiveJson prints them.
const std::vector<std::string_view> kNumbers = {
    "completed",
    "refused",
    "unfinished",
    "throughput_rps",
    "latency_ms.mean",
    "latency_ms.p50",
    "latency_ms.p90",
    "latency_ms.p99",
    "latency_ms.max",
    "cpu_utilization",
    "memory.peak_rss_bytes",
    "memory.peak_virtual_bytes",
    "memory.stack_reserved_bytes",
    "memory.stack_committed_bytes",
    "memory.tasks_at_peak",
    "peak_tasks",
    "peak_threads",
    "threads_created",
    "workers",
    "context_switches.voluntary",
    "context_switches.involuntary",
    "wall_seconds",
};

// Which JSON figure each row of conviz-cli live's table shows (live_command.cpp's rows()).
const std::map<std::string_view, std::vector<std::string_view>> kRowFields = {
    {"completed / refused", {"completed", "refused"}},
    {"throughput (req/s)", {"throughput_rps"}},
    {"latency mean (ms)", {"latency_ms.mean"}},
    {"latency p50 (ms)", {"latency_ms.p50"}},
    {"latency p90 (ms)", {"latency_ms.p90"}},
    {"latency p99 (ms)", {"latency_ms.p99"}},
    {"latency max (ms)", {"latency_ms.max"}},
    {"CPU utilisation", {"cpu_utilization"}},
    {"peak memory committed / RSS", {"memory.peak_rss_bytes"}},
    {"peak memory reserved / virtual", {"memory.peak_virtual_bytes"}},
    {"  stacks committed", {"memory.stack_committed_bytes"}},
    {"  stacks reserved", {"memory.stack_reserved_bytes"}},
    {"peak live tasks", {"peak_tasks"}},
    {"peak OS threads", {"peak_threads"}},
    {"OS threads created", {"threads_created"}},
    {"kernel switches / vol+invol", {"context_switches.voluntary", "context_switches.involuntary"}},
    {"run time (s)", {"wall_seconds"}},
};

bool isUnmeasured(const RunnerResult &r, std::string_view field)
{
    return std::find(r.unmeasured.begin(), r.unmeasured.end(), field) != r.unmeasured.end();
}

} // namespace

bool parseRunnerOutput(std::string_view text, RunnerResult &r)
{
    Fields f;
    Reader reader(text);
    if (!reader.object("", f) || !reader.atEnd()) {
        r.error = fmt::format("its output is not one JSON object: `{}`", text.substr(0, 200));
        return false;
    }
    std::map<std::string_view, double> n;
    for (std::string_view name : kNumbers) {
        const auto it = f.find(name);
        if (it == f.end()) {
            r.error = fmt::format("its output lacks `{}`", name);
            return false;
        }
        if (const double *d = std::get_if<double>(&it->second))
            n[name] = *d;
        else if (std::holds_alternative<std::monostate>(it->second))
            r.unmeasured.emplace_back(name);
        else {
            r.error = fmt::format("its `{}` is not a number", name);
            return false;
        }
    }
    const auto count = [&](std::string_view name) { return static_cast<std::int64_t>(n[name]); };
    live::LiveMetrics &m = r.metrics;
    m.model = runtimeModel(r.runtime);
    m.completed = count("completed");
    m.refused = count("refused");
    m.unfinished = count("unfinished");
    m.issued = m.completed + m.refused + m.unfinished;
    m.throughputRps = n["throughput_rps"];
    m.latency.count = m.completed;
    m.latency.mean = n["latency_ms.mean"] * 1e6;
    m.latency.p50 = n["latency_ms.p50"] * 1e6;
    m.latency.p90 = n["latency_ms.p90"] * 1e6;
    m.latency.p99 = n["latency_ms.p99"] * 1e6;
    m.latency.max = n["latency_ms.max"] * 1e6;
    m.cpuUtilization = n["cpu_utilization"];
    m.memory.peakRssBytes = count("memory.peak_rss_bytes");
    m.memory.peakVirtualBytes = count("memory.peak_virtual_bytes");
    m.memory.stackReservedBytes = count("memory.stack_reserved_bytes");
    m.memory.stackCommittedBytes = count("memory.stack_committed_bytes");
    m.memory.tasksAtPeak = count("memory.tasks_at_peak");
    m.peakTasks = count("peak_tasks");
    m.peakThreads = count("peak_threads");
    m.threadsCreated = count("threads_created");
    m.workers = count("workers");
    m.voluntarySwitches = count("context_switches.voluntary");
    m.involuntarySwitches = count("context_switches.involuntary");
    m.wallSeconds = n["wall_seconds"];
    const auto text_ = [&](std::string_view name) {
        const auto it = f.find(name);
        const std::string *s = it == f.end() ? nullptr : std::get_if<std::string>(&it->second);
        return s ? *s : std::string();
    };
    m.note = text_("note");
    r.runtimeVersion = text_("runtime");
    const std::string stopped = text_("stopped");
    m.stop = stopped == "wall_limit" ? live::StopReason::WallLimit : live::StopReason::Finished;
    return true;
}

void writeRunnerJson(report::JsonWriter &json, const RunnerResult &r)
{
    const live::LiveMetrics &m = r.metrics;
    const auto number = [&](std::string_view name, auto v) {
        const std::string_view key = name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
        if (isUnmeasured(r, name))
            json.key(key).null();
        else
            json.field(key, v);
    };
    json.beginObject();
    json.field("runtime", std::string_view(r.runtimeVersion));
    number("completed", m.completed);
    number("refused", m.refused);
    number("unfinished", m.unfinished);
    json.field("stopped", std::string_view(m.stop == live::StopReason::WallLimit ? "wall_limit" : "finished"));
    number("throughput_rps", m.throughputRps);
    json.key("latency_ms").beginObject();
    number("latency_ms.mean", m.latency.mean / 1e6);
    number("latency_ms.p50", m.latency.p50 / 1e6);
    number("latency_ms.p90", m.latency.p90 / 1e6);
    number("latency_ms.p99", m.latency.p99 / 1e6);
    number("latency_ms.max", m.latency.max / 1e6);
    json.endObject();
    number("cpu_utilization", m.cpuUtilization);
    json.key("memory").beginObject();
    number("memory.peak_rss_bytes", m.memory.peakRssBytes);
    number("memory.peak_virtual_bytes", m.memory.peakVirtualBytes);
    number("memory.stack_reserved_bytes", m.memory.stackReservedBytes);
    number("memory.stack_committed_bytes", m.memory.stackCommittedBytes);
    number("memory.tasks_at_peak", m.memory.tasksAtPeak);
    json.endObject();
    number("peak_tasks", m.peakTasks);
    number("peak_threads", m.peakThreads);
    number("threads_created", m.threadsCreated);
    number("workers", m.workers);
    json.key("context_switches").beginObject();
    number("context_switches.voluntary", m.voluntarySwitches);
    number("context_switches.involuntary", m.involuntarySwitches);
    json.endObject();
    number("wall_seconds", m.wallSeconds);
    json.field("note", std::string_view(m.note));
    json.endObject();
}

std::string runnerCell(const RunnerResult &r, std::string_view rowLabel,
                       const std::function<std::string(const live::LiveMetrics &)> &text)
{
    if (const auto it = kRowFields.find(rowLabel); it != kRowFields.end())
        for (std::string_view field : it->second)
            if (isUnmeasured(r, field))
                return "—";
    return text(r.metrics);
}

} // namespace conviz::cli::runners
