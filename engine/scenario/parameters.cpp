#include "engine/scenario/parameters.h"

#include "engine/scenario/schema.h"
#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"

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

ParameterInfo infoOf(const detail::NumericKey &k)
{
    return {fmt::format("{}.{}", k.table, k.key), kindOf(k.kind), k.min, k.max, k.minExclusive, std::string(k.help)};
}

std::pair<std::string_view, std::string_view> split(std::string_view key)
{
    const std::size_t dot = key.find('.');
    if (dot == std::string_view::npos)
        return {key, {}};
    return {key.substr(0, dot), key.substr(dot + 1)};
}

std::optional<double> plainNumber(std::string_view text)
{
    double v = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

// The request's sums over its steps, as the GUI's sliders and the tours name them. Kept apart from
// the schema's keys: no file key sets them, and a sweep cannot vary them yet (issue 9 moves them
// into the one registry). Ranges are a step's: one hour of time, a fan-out's tasks, a Go stack.
std::vector<ParameterInfo> requestParameters()
{
    const auto hour = static_cast<double>(limits::maxDuration.count());
    return {
        {"request.cpu", ParameterKind::Duration, 0, hour, false, "CPU one request needs (its CPU steps)"},
        {"request.offload", ParameterKind::Duration, 0, hour, false, "CPU Node runs on its libuv pool"},
        {"request.io", ParameterKind::Duration, 0, hour, false, "network wait per request"},
        {"request.blocking", ParameterKind::Duration, 0, hour, false, "blocking call per request"},
        {"request.fanout", ParameterKind::Count, 1, static_cast<double>(limits::maxTasksPerRequest), false,
         "children each request spawns and joins"},
        {"request.stack", ParameterKind::Size, 1, static_cast<double>(limits::maxStackBytes), false,
         "how deep a request's stack goes"},
    };
}

} // namespace

std::vector<ParameterInfo> numericParameters()
{
    std::vector<ParameterInfo> out;
    for (const detail::NumericKey &k : detail::numericKeys())
        out.push_back(infoOf(k));
    return out;
}

std::optional<ParameterInfo> findParameter(std::string_view key)
{
    const auto [table, name] = split(key);
    if (const detail::NumericKey *k = detail::findNumericKey(table, name))
        return infoOf(*k);
    if (table == "pools" && !name.empty())
        return ParameterInfo{std::string(key), ParameterKind::Count, 1, static_cast<double>(limits::maxPoolSize),
                             false, "connections in the pool"};
    for (ParameterInfo &p : requestParameters())
        if (p.key == key)
            return std::move(p);
    return std::nullopt;
}

std::string unknownParameterMessage(std::string_view key)
{
    std::vector<std::string> names;
    for (const ParameterInfo &p : numericParameters())
        names.push_back(p.key);
    const std::vector<std::string_view> views(names.begin(), names.end());
    return fmt::format("`{}` is not a numeric scenario key{}", key, detail::didYouMean(key, views));
}

std::vector<ParameterInfo> sliderParameters()
{
    std::vector<ParameterInfo> out = numericParameters();
    for (ParameterInfo &p : requestParameters())
        out.push_back(std::move(p));
    return out;
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
    if (table == "pools")
        for (const Pool &p : scenario.pools)
            if (p.name == name)
                return static_cast<double>(p.size);
    return std::nullopt;
}

} // namespace conviz::scenario
