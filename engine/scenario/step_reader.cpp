#include "engine/scenario/step_reader.h"

#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace conviz::scenario::detail {
namespace {

constexpr std::array<std::pair<std::string_view, StepKind>, 5> kKinds{{{"cpu", StepKind::Cpu},
                                                                       {"io", StepKind::Io},
                                                                       {"blocking", StepKind::Blocking},
                                                                       {"fanout", StepKind::Fanout},
                                                                       {"stack", StepKind::Stack}}};
constexpr std::array<std::string_view, 5> kKindNames{"cpu", "io", "blocking", "fanout", "stack"};

class StepReader {
public:
    StepReader(ValueReader &reader, std::span<const Pool> pools) : m_reader(reader), m_pools(pools) {}

    std::optional<std::vector<Step>> list(const toml::node &node, std::string_view name, int depth);

private:
    std::optional<Step> step(const toml::table &table, int depth);
    // Reports `key` if this kind of step may not have it.
    bool refuse(const toml::table &table, std::string_view key, std::string_view kind, std::string_view reason);
    std::optional<int> pool(const toml::node &node);

    ValueReader &m_reader;
    std::span<const Pool> m_pools;
};

std::optional<std::vector<Step>> StepReader::list(const toml::node &node, std::string_view name, int depth)
{
    Diagnostics &diags = m_reader.diagnostics();
    const auto *array = node.as_array();
    if (!array) {
        diags.error(node.source(), fmt::format("`{}`: expected an array of steps like [ {{ cpu = \"1ms\" }} ], got {}",
                                               name, ValueReader::describe(node)));
        return std::nullopt;
    }
    if (array->empty()) {
        diags.error(node.source(), fmt::format("`{}`: needs at least one step, e.g. [ {{ cpu = \"1ms\" }} ]", name));
        return std::nullopt;
    }
    std::vector<Step> steps;
    bool ok = true;
    for (const toml::node &element : *array) {
        if (diags.full())
            return std::nullopt;
        const auto *table = element.as_table();
        if (!table) {
            diags.error(element.source(), fmt::format("`{}`: expected a step like {{ cpu = \"1ms\" }}, got {}", name,
                                                      ValueReader::describe(element)));
            ok = false;
            continue;
        }
        std::optional<Step> s = step(*table, depth);
        ok = ok && s.has_value();
        if (ok)
            steps.push_back(std::move(*s));
    }
    if (!ok)
        return std::nullopt;
    return steps;
}

bool StepReader::refuse(const toml::table &table, std::string_view key, std::string_view kind, std::string_view reason)
{
    const toml::node *node = table.get(key);
    if (!node)
        return false;
    m_reader.diagnostics().error(node->source(), fmt::format("`{}`: {}; this is a {} step", key, reason, kind));
    return true;
}

std::optional<int> StepReader::pool(const toml::node &node)
{
    const std::optional<std::string> name = m_reader.text(node, "pool", 200);
    if (!name)
        return std::nullopt;
    for (std::size_t i = 0; i < m_pools.size(); ++i)
        if (m_pools[i].name == *name)
            return static_cast<int>(i);
    std::vector<std::string_view> names;
    for (const Pool &p : m_pools)
        names.push_back(p.name);
    std::string hint = didYouMean(*name, names);
    if (hint.empty())
        hint = m_pools.empty() ? fmt::format("; define it with a [pools] table, e.g. {} = 20", tomlKey(*name))
                               : fmt::format("; the pools are {}", joinOr(names));
    m_reader.diagnostics().error(node.source(),
                                 fmt::format("`pool`: pool {} is not defined in [pools]{}", quote(*name), hint));
    return std::nullopt;
}

std::optional<Step> StepReader::step(const toml::table &table, int depth)
{
    Diagnostics &diags = m_reader.diagnostics();
    const std::size_t errorsBefore = diags.count();
    const std::size_t unknown = m_reader.rejectUnknownKeys(table, keysOf("step"), "in a step");

    // The kind keys present, in file order, so "two kinds" names them as written.
    std::vector<std::pair<const toml::key *, StepKind>> kinds;
    for (auto &&[key, value] : table)
        for (const auto &[name, kind] : kKinds)
            if (key.str() == name)
                kinds.emplace_back(&key, kind);
    std::sort(kinds.begin(), kinds.end(), [&](const auto &a, const auto &b) {
        return diags.orderOf(a.first->source()) < diags.orderOf(b.first->source());
    });
    if (kinds.empty()) {
        if (unknown == 0)
            diags.error(
                table.source(),
                fmt::format("this step has no kind; give it one of {}, e.g. {{ cpu = \"1ms\" }}", joinOr(kKindNames)));
        return std::nullopt;
    }
    if (kinds.size() > 1) {
        diags.error(kinds[1].first->source(),
                    fmt::format("this step has both `{}` and `{}`; a step does one thing: split it into two steps",
                                kinds[0].first->str(), kinds[1].first->str()));
        return std::nullopt;
    }

    Step s;
    s.kind = kinds[0].second;
    const std::string_view kind = kinds[0].first->str();
    const toml::node &value = *table.get(kind);
    bool ok = unknown == 0;
    const bool timed = s.kind == StepKind::Cpu || s.kind == StepKind::Io || s.kind == StepKind::Blocking;

    if (!timed) {
        ok &= !refuse(table, "dist", kind, "only cpu, io and blocking steps have a distribution");
        ok &= !refuse(table, "p99", kind, "only cpu, io and blocking steps have a distribution");
    }
    if (s.kind != StepKind::Io)
        ok &= !refuse(table, "pool", kind, "only an io step holds a pool connection");
    if (s.kind != StepKind::Cpu)
        ok &= !refuse(table, "offload", kind, "only a cpu step can be offloaded to the libuv pool");
    if (s.kind != StepKind::Fanout)
        ok &= !refuse(table, "steps", kind, "only a fanout step has child steps");

    if (timed) {
        const std::optional<DurationDist> d = m_reader.timed(table, "", kind, "dist", "p99", Nanos::zero());
        ok &= d.has_value();
        s.duration = d.value_or(DurationDist{});
    }
    if (const toml::node *p = table.get("pool"); p && s.kind == StepKind::Io) {
        const std::optional<int> index = pool(*p);
        ok &= index.has_value();
        s.pool = index.value_or(-1);
    }
    if (const toml::node *o = table.get("offload"); o && s.kind == StepKind::Cpu) {
        const std::optional<bool> offload = m_reader.flag(*o, "offload");
        ok &= offload.has_value();
        s.offload = offload.value_or(false);
    }
    if (s.kind == StepKind::Stack) {
        const std::optional<std::int64_t> bytes = m_reader.size(value, "stack", 0, limits::maxStackBytes);
        ok &= bytes.has_value();
        s.bytes = bytes.value_or(0);
    }
    if (s.kind == StepKind::Fanout) {
        const std::optional<std::int64_t> count = m_reader.count(value, "fanout", 1, limits::maxTasksPerRequest);
        ok &= count.has_value();
        s.count = count.value_or(0);
        const toml::node *children = table.get("steps");
        if (!children) {
            diags.error(table.source(), "a fanout step needs `steps`, what each child does, e.g. "
                                        "{ fanout = 10, steps = [ { io = \"20ms\" } ] }");
            return std::nullopt;
        }
        if (depth + 1 > limits::maxNesting) {
            diags.error(kinds[0].first->source(), fmt::format("fan-outs are nested more than {} deep; the limit is {} "
                                                              "levels",
                                                              limits::maxNesting, limits::maxNesting));
            return std::nullopt;
        }
        std::optional<std::vector<Step>> steps = list(*children, "steps", depth + 1);
        ok &= steps.has_value();
        if (steps)
            s.children = std::move(*steps);
    }
    if (!ok || diags.count() != errorsBefore)
        return std::nullopt;
    return s;
}

} // namespace

std::optional<std::vector<Step>> readSteps(ValueReader &reader, const toml::node &node, std::string_view name,
                                           std::span<const Pool> pools, int depth)
{
    return StepReader(reader, pools).list(node, name, depth);
}

} // namespace conviz::scenario::detail
