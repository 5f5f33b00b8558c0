// Typed reads of toml++ nodes with a diagnostic for every wrong type, unit or range. Each reader
// returns nothing after reporting; `name` is the key as the user knows it ("fibers.time_slice",
// "cpu") and starts every message. Internal to conviz_scenario.
#pragma once

#include "engine/scenario/diagnostics.h"
#include "engine/scenario/schema.h"

#include <toml++/toml.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace conviz::scenario::detail {

class ValueReader {
public:
    explicit ValueReader(Diagnostics &diags) : m_diags(diags) {}

    Diagnostics &diagnostics() { return m_diags; }

    // Reports each key of `table` that is not in `allowed`, with a suggestion. `where` names the
    // table: "[fibers]", "the top level", "a step". Returns how many were reported.
    std::size_t rejectUnknownKeys(const toml::table &table, std::span<const std::string_view> allowed,
                                  std::string_view where);

    std::optional<std::string> text(const toml::node &node, std::string_view name, std::size_t maxBytes);
    std::optional<std::int64_t> count(const toml::node &node, std::string_view name, std::int64_t min,
                                      std::int64_t max);
    std::optional<double> real(const toml::node &node, std::string_view name, double min, bool minExclusive,
                               double max);
    std::optional<std::int64_t> duration(const toml::node &node, std::string_view name, std::int64_t min,
                                         bool minExclusive, std::int64_t max);
    std::optional<std::int64_t> size(const toml::node &node, std::string_view name, std::int64_t min, std::int64_t max);
    std::optional<bool> flag(const toml::node &node, std::string_view name);

    // One of `options` by its name; `what` says what the names are ("load kind").
    template <class E>
    std::optional<E> choice(const toml::node &node, std::string_view name, std::string_view what,
                            std::span<const std::pair<std::string_view, E>> options);

    // A numeric key of the schema, in its base unit (ns, bytes); exact for every range there.
    std::optional<double> numeric(const toml::node &node, std::string_view name, const NumericKey &key);

    // A duration with its distribution: the mean at `meanKey` (or `defaultMean` when absent), the
    // distribution at `distKey` and, for lognormal, the p99 at `p99Key`. `prefix` is put before
    // each key in messages ("load.").
    std::optional<DurationDist> timed(const toml::table &table, std::string_view prefix, std::string_view meanKey,
                                      std::string_view distKey, std::string_view p99Key, Nanos defaultMean);

    // "integer 5", "string \"5ms\"", "a table": the node as a message shows it.
    static std::string describe(const toml::node &node);

private:
    std::optional<std::string> choiceName(const toml::node &node, std::string_view name, std::string_view what,
                                          std::span<const std::string_view> names);
    // `shown` is the value as the message prints it (exact, where `value` may be rounded).
    bool inRange(const toml::node &node, std::string_view name, double value, std::string_view shown, double min,
                 bool minExclusive, double max, NumberKind kind);

    Diagnostics &m_diags;
};

template <class E>
std::optional<E> ValueReader::choice(const toml::node &node, std::string_view name, std::string_view what,
                                     std::span<const std::pair<std::string_view, E>> options)
{
    std::vector<std::string_view> names;
    for (const auto &option : options)
        names.push_back(option.first);
    const std::optional<std::string> chosen = choiceName(node, name, what, names);
    if (!chosen)
        return std::nullopt;
    for (const auto &option : options)
        if (option.first == *chosen)
            return option.second;
    return std::nullopt;
}

// The names of the enumerations as written in files.
inline constexpr std::pair<std::string_view, Distribution> kDistributions[] = {
    {"const", Distribution::Constant}, {"exp", Distribution::Exponential}, {"lognormal", Distribution::LogNormal}};
inline constexpr std::pair<std::string_view, LoadKind> kLoadKinds[] = {
    {"open", LoadKind::Open}, {"closed", LoadKind::Closed}, {"batch", LoadKind::Batch}};
inline constexpr std::pair<std::string_view, ThreadMode> kThreadModes[] = {{"per-request", ThreadMode::PerRequest},
                                                                           {"pool", ThreadMode::Pool}};
inline constexpr std::pair<std::string_view, MemoryUnit> kMemoryUnits[] = {{"task", MemoryUnit::Task},
                                                                           {"connection", MemoryUnit::Connection}};

// `text` without the white space around it (a TOML multi-line string's first and last newlines).
std::string_view trimmed(std::string_view text);

} // namespace conviz::scenario::detail
