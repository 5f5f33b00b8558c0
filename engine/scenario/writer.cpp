// toToml: every field written, with a comment per key, in a form loadString reads back exactly.
#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"

#include "engine/scenario/schema.h"
#include "engine/scenario/units.h"
#include "engine/scenario/value_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace conviz::scenario {
namespace {

using detail::formatDuration;
using detail::formatReal;
using detail::formatSize;
using detail::NumberKind;
using detail::tomlString;

// Lines of one section; comments are aligned when the section is flushed.
class Section {
public:
    void line(std::string code, std::string_view comment = {})
    {
        m_lines.push_back({std::move(code), std::string(comment)});
    }

    void flushTo(std::string &out)
    {
        std::size_t width = 0;
        for (const auto &[code, comment] : m_lines)
            if (!comment.empty() && code.size() <= 40)
                width = std::max(width, code.size());
        for (const auto &[code, comment] : m_lines) {
            out += code;
            if (!comment.empty())
                out += fmt::format("{:{}}  # {}", "", width > code.size() ? width - code.size() : 0, comment);
            out += '\n';
        }
        m_lines.clear();
    }

private:
    std::vector<std::pair<std::string, std::string>> m_lines;
};

template <class E, std::size_t N>
std::string_view nameOf(const std::pair<std::string_view, E> (&options)[N], E value)
{
    for (const auto &[name, v] : options)
        if (v == value)
            return name;
    return options[0].first;
}

std::string numberText(const detail::NumericKey &key, double value)
{
    switch (key.kind) {
    case NumberKind::Count: return fmt::format("{}", static_cast<std::int64_t>(value));
    case NumberKind::Real: return formatReal(value);
    case NumberKind::Duration: return tomlString(formatDuration(static_cast<std::int64_t>(value)));
    case NumberKind::Size: return tomlString(formatSize(static_cast<std::int64_t>(value)));
    }
    return {};
}

std::string distText(const DurationDist &d, std::string_view distKey, std::string_view p99Key)
{
    if (d.kind == Distribution::Constant)
        return {};
    std::string out = fmt::format(", {} = \"{}\"", distKey, nameOf(detail::kDistributions, d.kind));
    if (d.kind == Distribution::LogNormal)
        out += fmt::format(", {} = {}", p99Key, tomlString(formatDuration(d.p99.count())));
    return out;
}

std::string stepText(const Step &s, const std::vector<Pool> &pools)
{
    const auto timed = [&](std::string_view key) {
        return fmt::format("{} = {}{}", key, tomlString(formatDuration(s.duration.mean.count())),
                           distText(s.duration, "dist", "p99"));
    };
    std::string body;
    switch (s.kind) {
    case StepKind::Cpu:
        body = timed("cpu");
        if (s.offload)
            body += ", offload = true";
        break;
    case StepKind::Io:
        body = timed("io");
        if (s.pool >= 0 && static_cast<std::size_t>(s.pool) < pools.size())
            body += ", pool = " + tomlString(pools[static_cast<std::size_t>(s.pool)].name);
        break;
    case StepKind::Blocking: body = timed("blocking"); break;
    case StepKind::Fanout: {
        body = fmt::format("fanout = {}, steps = [", s.count);
        for (std::size_t i = 0; i < s.children.size(); ++i)
            body += (i == 0 ? " " : ", ") + stepText(s.children[i], pools);
        body += " ]";
        break;
    }
    case StepKind::Stack: body = "stack = " + tomlString(formatSize(s.bytes)); break;
    }
    return "{ " + body + " }";
}

void numericKeysOf(Section &section, std::string_view table, Scenario &s)
{
    for (const detail::NumericKey &key : detail::numericKeys()) {
        if (key.table != table)
            continue;
        section.line(fmt::format("{} = {}", key.key, numberText(key, detail::numericValue(key, s))), key.help);
        if (table == "load" && key.key == "think") {
            section.line(fmt::format("think_dist = \"{}\"", nameOf(detail::kDistributions, s.load.think.kind)),
                         "const | exp | lognormal (with think_p99); `think` is the mean");
            if (s.load.think.kind == Distribution::LogNormal)
                section.line(fmt::format("think_p99 = {}", tomlString(formatDuration(s.load.think.p99.count()))),
                             "99th percentile of the think time");
        }
    }
}

// A choice key ("threads.mode") with the help the parameter registry gives it.
void choiceLine(Section &section, std::string_view key, const Scenario &s)
{
    const auto info = findChoice(key);
    const auto value = choiceValue(key, s);
    if (!info || !value)
        throw std::logic_error("not a choice key: " + std::string(key));
    section.line(fmt::format("{} = \"{}\"", key.substr(key.find('.') + 1), *value), info->help);
}

std::string writeScenario(const Scenario &scenario)
{
    Scenario s = scenario; // numericValue reads through the same accessors the reader writes through
    std::string out;
    Section sec;
    out += "# A conviz scenario: one workload, run under fibers (Go), an event loop (Node.js) and OS threads.\n"
           "# Durations are strings with a unit: ns, us, ms or s (\"300us\", \"1.5ms\"). Sizes are strings with a\n"
           "# binary unit, B, KiB, MiB or GiB (\"16KiB\"), or a whole number of bytes. Any key may be left out to\n"
           "# keep its default, except [request] steps.\n";
    sec.line("name = " + tomlString(s.name), "shown in the scenario picker");
    sec.line("description = " + tomlString(s.description), "what the scenario shows, in a paragraph");
    const bool seedFits = s.seed <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    sec.line(seedFits ? fmt::format("seed = {}", s.seed) : fmt::format("seed = \"{}\"", s.seed),
             "same scenario and seed, same run");
    sec.flushTo(out);

    out += "\n[machine]\n";
    numericKeysOf(sec, "machine", s);
    sec.flushTo(out);

    out += "\n[load]\n";
    sec.line(fmt::format("kind = \"{}\"", nameOf(detail::kLoadKinds, s.load.kind)),
             "open: Poisson arrivals at `rate` | closed: `clients` with `think` time | batch: `count` at t = 0");
    numericKeysOf(sec, "load", s);
    sec.flushTo(out);

    out += "\n[request]\n"
           "# What one request does, in order. Each step is one of:\n"
           "#   cpu = duration       a CPU burst; offload = true sends it to Node's libuv pool (crypto, zlib)\n"
           "#   io = duration        a non-blocking network wait; pool = \"name\" holds a connection of a pool\n"
           "#   blocking = duration  a blocking syscall or file read\n"
           "#   fanout = N, steps = [...]  N children with their own steps, joined\n"
           "#   stack = size         how deep this task's stack goes\n"
           "# cpu, io and blocking take dist = \"const\" (default), \"exp\" or \"lognormal\" (with p99 = duration);\n"
           "# the duration is the mean in every case.\n";
    if (s.steps.empty()) {
        out += "steps = []\n";
    } else {
        out += "steps = [\n";
        for (const Step &step : s.steps)
            out += "  " + stepText(step, s.pools) + ",\n";
        out += "]\n";
    }
    numericKeysOf(sec, "request", s);
    sec.flushTo(out);

    out += "\n[pools]  # name = connections; the same pool size for every model\n";
    for (const Pool &p : s.pools)
        out += fmt::format("{} = {}\n", detail::tomlKey(p.name), p.size);

    out += "\n[fibers]  # Go's M:N scheduler\n";
    numericKeysOf(sec, "fibers", s);
    sec.flushTo(out);

    out += "\n[event_loop]  # Node.js with libuv\n";
    numericKeysOf(sec, "event_loop", s);
    sec.flushTo(out);

    out += "\n[threads]  # OS threads under the Linux scheduler\n";
    choiceLine(sec, "threads.mode", s);
    numericKeysOf(sec, "threads", s);
    sec.flushTo(out);

    out += "\n[memory]  # what each request holds besides its stack\n";
    choiceLine(sec, "memory.per", s);
    sec.flushTo(out);

    out += "\n[cost]  # the cost model: `conviz-cli cost`; prices are AWS us-east-1 list prices\n";
    numericKeysOf(sec, "cost", s);
    sec.line("prices_date = " + tomlString(s.cost.pricesDate), "when the prices above were read");
    sec.flushTo(out);

    out += "\n[live]  # `conviz-cli live`: the same requests run for real on this machine, and its caps\n";
    numericKeysOf(sec, "live", s);
    sec.flushTo(out);

    out += "\n[narration]  # the story's thresholds: what is told, never what happens\n";
    numericKeysOf(sec, "narration", s);
    sec.flushTo(out);

    out += "\n[sweep]  # what `conviz-cli sweep` varies when given no --param\n";
    sec.line("param = " + tomlString(s.sweep.param), "a numeric key such as \"load.rate\"; \"\" = none");
    sec.line("from = " + formatReal(s.sweep.from), "first value (durations in ns, sizes in bytes)");
    sec.line("to = " + formatReal(s.sweep.to), "last value");
    sec.line(fmt::format("steps = {}", s.sweep.steps), "number of values, 2 to 1000");
    sec.line(fmt::format("log = {}", s.sweep.log), "true: spaced evenly on a log scale");
    sec.flushTo(out);
    return out;
}

} // namespace

std::string toToml(const Scenario &scenario)
{
    try {
        return writeScenario(scenario);
    } catch (const std::exception &e) {
        // Only allocation can fail here. The comment makes loading the text fail visibly.
        return fmt::format("# conviz could not write this scenario: {}\n", e.what());
    }
}

} // namespace conviz::scenario
