#include "engine/scenario/parameters.h"

#include "engine/scenario/request_parameters.h"
#include "engine/scenario/schema.h"
#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace conviz::scenario {
namespace {

ParameterKind kindOf(detail::NumberKind k)
{
    switch (k) {
    case detail::NumberKind::Count: return ParameterKind::Count;
    case detail::NumberKind::Real: return ParameterKind::Real;
    case detail::NumberKind::Duration: return ParameterKind::Duration;
    case detail::NumberKind::Size: return ParameterKind::Size;
    }
    return ParameterKind::Real;
}

std::string unitOf(std::string_view key, detail::NumberKind kind)
{
    switch (kind) {
    case detail::NumberKind::Duration: return "ns";
    case detail::NumberKind::Size: return "bytes";
    case detail::NumberKind::Count: return "";
    case detail::NumberKind::Real: return key.ends_with("rate") ? "req/s" : "";
    }
    return "";
}

ParameterInfo infoOf(const detail::NumericKey &k)
{
    std::string key = fmt::format("{}.{}", k.table, k.key);
    std::string unit = unitOf(key, k.kind);
    return {.key = std::move(key),
            .kind = kindOf(k.kind),
            .min = k.min,
            .max = k.max,
            .minExclusive = k.minExclusive,
            .help = std::string(k.help),
            .label = std::string(k.label),
            .unit = std::move(unit),
            .description = std::string(k.description.empty() ? k.help : k.description)};
}

ParameterInfo infoOf(const detail::DerivedKey &k)
{
    return {.key = std::string(k.key),
            .kind = kindOf(k.kind),
            .min = k.min,
            .max = k.max,
            .help = std::string(k.help),
            .label = std::string(k.label),
            .unit = unitOf(k.key, k.kind),
            .description = std::string(k.description),
            .inFile = false};
}

ParameterInfo poolInfo(std::string_view name)
{
    return {.key = fmt::format("pools.{}", name),
            .kind = ParameterKind::Count,
            .min = 1,
            .max = static_cast<double>(limits::maxPoolSize),
            .help = "connections in the pool",
            .label = fmt::format("“{}” connections", name),
            .unit = "",
            .description = fmt::format("Connections in pool “{}”, the same for every model: a request holds one "
                                       "during its network wait, the rest queue.",
                                       name)};
}

std::pair<std::string_view, std::string_view> split(std::string_view key)
{
    const std::size_t dot = key.find('.');
    if (dot == std::string_view::npos)
        return {key, {}};
    return {key.substr(0, dot), key.substr(dot + 1)};
}

// Scenario or const Scenario: the pool called `name`, or nullptr.
template <typename S>
auto *poolNamed(S &s, std::string_view name)
{
    const auto it = std::find_if(s.pools.begin(), s.pools.end(), [&](const Pool &p) { return p.name == name; });
    return it == s.pools.end() ? nullptr : &*it;
}

// A file key that only means something for one kind of load, thread mode or memory unit: the loader keeps the
// others' values, but changing them would change nothing, so the app offers no slider for them.
bool fileKeyApplies(std::string_view key, const Scenario &s)
{
    if (key == "load.rate")
        return s.load.kind == LoadKind::Open;
    if (key == "load.clients" || key == "load.think")
        return s.load.kind == LoadKind::Closed;
    if (key == "load.count")
        return s.load.kind == LoadKind::Batch;
    if (key == "load.requests")
        return s.load.kind != LoadKind::Batch;
    if (key == "threads.pool_size")
        return s.threads.mode == ThreadMode::Pool;
    if (key.ends_with(".connection_memory"))
        return s.memory.per == MemoryUnit::Connection;
    // The collectors' parameters mean nothing while requests allocate nothing.
    if (key == "fibers.gogc" || key.starts_with("fibers.gc_") || key.starts_with("event_loop.gc_"))
        return s.alloc > 0;
    return true;
}

std::optional<double> plainNumber(std::string_view text)
{
    double v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

} // namespace

std::vector<ParameterInfo> numericParameters()
{
    std::vector<ParameterInfo> out;
    for (const detail::NumericKey &k : detail::numericKeys())
        out.push_back(infoOf(k));
    for (const detail::DerivedKey &k : detail::derivedKeys())
        out.push_back(infoOf(k));
    return out;
}

std::vector<ParameterInfo> parametersOf(const Scenario &s)
{
    std::vector<ParameterInfo> out;
    for (const detail::NumericKey &k : detail::numericKeys())
        if (ParameterInfo info = infoOf(k); fileKeyApplies(info.key, s))
            out.push_back(std::move(info));
    for (const Pool &p : s.pools)
        out.push_back(poolInfo(p.name));
    for (const detail::DerivedKey &k : detail::derivedKeys())
        if (k.applies(s))
            out.push_back(infoOf(k));
    return out;
}

std::optional<ParameterInfo> findParameter(std::string_view key)
{
    const auto [table, name] = split(key);
    if (const detail::NumericKey *k = detail::findNumericKey(table, name))
        return infoOf(*k);
    if (const detail::DerivedKey *k = detail::findDerivedKey(key))
        return infoOf(*k);
    if (table == "pools" && !name.empty())
        return poolInfo(name);
    return std::nullopt;
}

bool parameterApplies(std::string_view key, const Scenario &s)
{
    const auto [table, name] = split(key);
    if (detail::findNumericKey(table, name))
        return fileKeyApplies(key, s);
    if (const detail::DerivedKey *k = detail::findDerivedKey(key))
        return k->applies(s);
    return table == "pools" && poolNamed(s, name);
}

std::string unknownParameterMessage(std::string_view key)
{
    std::vector<std::string> names;
    for (const ParameterInfo &p : numericParameters())
        names.push_back(p.key);
    const std::vector<std::string_view> views(names.begin(), names.end());
    return fmt::format("`{}` is not a numeric scenario key{}", key, detail::didYouMean(key, views));
}

ParsedValue parseParameterValue(std::string_view key, std::string_view text)
{
    const auto info = findParameter(key);
    if (!info)
        return {std::nullopt, unknownParameterMessage(key)};
    if (auto v = plainNumber(text))
        return {v, {}};
    if (info->kind == ParameterKind::Duration || info->kind == ParameterKind::Size) {
        const detail::Quantity q =
            info->kind == ParameterKind::Duration ? detail::parseDuration(text) : detail::parseSize(text);
        if (q.value)
            return {static_cast<double>(*q.value), {}};
        return {std::nullopt, q.error};
    }
    return {std::nullopt, fmt::format("expected a number for {}, got {}", key, detail::quote(text))};
}

std::optional<double> parameterValue(std::string_view key, const Scenario &scenario)
{
    const auto [table, name] = split(key);
    if (const detail::NumericKey *k = detail::findNumericKey(table, name)) {
        Scenario copy = scenario; // the schema's accessors take a mutable scenario
        return detail::numericValue(*k, copy);
    }
    if (const detail::DerivedKey *k = detail::findDerivedKey(key))
        return k->applies(scenario) ? std::optional(k->get(scenario)) : std::nullopt;
    if (table == "pools")
        if (const Pool *p = poolNamed(scenario, name))
            return static_cast<double>(p->size);
    return std::nullopt;
}

bool setParameterValue(std::string_view key, Scenario &scenario, double value)
{
    const auto [table, name] = split(key);
    if (const detail::NumericKey *k = detail::findNumericKey(table, name)) {
        detail::setNumericValue(*k, scenario, value);
        return true;
    }
    if (const detail::DerivedKey *k = detail::findDerivedKey(key)) {
        if (!k->applies(scenario))
            return false;
        k->set(scenario, value);
        return true;
    }
    if (table == "pools")
        if (Pool *p = poolNamed(scenario, name)) {
            // A pool of no connections would stall every request that needs it; the loader refuses it.
            p->size = std::max<std::int64_t>(1, std::llround(value));
            return true;
        }
    return false;
}

} // namespace conviz::scenario
