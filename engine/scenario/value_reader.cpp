#include "engine/scenario/value_reader.h"

#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace conviz::scenario::detail {
namespace {

// A range bound as messages show it; bounds are small enough to convert exactly.
std::string bound(double v, NumberKind kind)
{
    switch (kind) {
    case NumberKind::Count: return withCommas(static_cast<std::int64_t>(v));
    case NumberKind::Real: return fmt::format("{}", v);
    case NumberKind::Duration: return formatDuration(static_cast<std::int64_t>(v));
    case NumberKind::Size: return formatSize(static_cast<std::int64_t>(v));
    }
    return {};
}

bool looksLikeNumber(std::string_view s)
{
    double v = 0;
    const auto result = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && result.ec == std::errc{} && result.ptr == s.data() + s.size();
}

// The example a duration or size message suggests for a bare number: 5 → "5ms", 0 → "0ns".
std::string numberText(const toml::node &node)
{
    if (const auto *i = node.as_integer())
        return fmt::format("{}", i->get());
    if (const auto *f = node.as_floating_point())
        return formatReal(f->get());
    return {};
}

} // namespace

std::string ValueReader::describe(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::integer: return fmt::format("integer {}", node.as_integer()->get());
    case toml::node_type::floating_point: return "float " + formatReal(node.as_floating_point()->get());
    case toml::node_type::string: return "string " + quote(node.as_string()->get());
    case toml::node_type::boolean: return node.as_boolean()->get() ? "boolean true" : "boolean false";
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
    }
    return "nothing";
}

std::size_t ValueReader::rejectUnknownKeys(const toml::table &table, std::span<const std::string_view> allowed,
                                           std::string_view where)
{
    std::size_t reported = 0;
    for (auto &&[key, value] : table) {
        if (m_diags.full())
            break;
        const std::string_view k = key.str();
        bool known = false;
        for (std::string_view a : allowed)
            known = known || a == k;
        if (known)
            continue;
        std::string hint = didYouMean(k, allowed);
        if (hint.empty())
            hint = "; valid keys are " + joinOr(allowed);
        m_diags.error(key.source(), fmt::format("unknown key `{}` {}{}", clipped(k), where, hint));
        ++reported;
    }
    return reported;
}

std::optional<std::string> ValueReader::text(const toml::node &node, std::string_view name, std::size_t maxBytes)
{
    const auto *s = node.as_string();
    if (!s) {
        m_diags.error(node.source(), fmt::format("`{}`: expected a string in quotes, got {}", name, describe(node)));
        return std::nullopt;
    }
    if (s->get().size() > maxBytes) {
        m_diags.error(node.source(), fmt::format("`{}`: is {} bytes long; the limit is {}", name,
                                                 withCommas(static_cast<std::int64_t>(s->get().size())),
                                                 withCommas(static_cast<std::int64_t>(maxBytes))));
        return std::nullopt;
    }
    return s->get();
}

bool ValueReader::inRange(const toml::node &node, std::string_view name, double value, std::string_view shown,
                          double min, bool minExclusive, double max, NumberKind kind)
{
    if (minExclusive ? !(value > min) : value < min) {
        if (minExclusive)
            m_diags.error(node.source(),
                          fmt::format("`{}`: must be greater than {}, got {}", name, bound(min, kind), shown));
        else if (min == 0)
            m_diags.error(node.source(), fmt::format("`{}`: cannot be negative, got {}", name, shown));
        else
            m_diags.error(node.source(),
                          fmt::format("`{}`: must be at least {}, got {}", name, bound(min, kind), shown));
        return false;
    }
    if (value > max) {
        const bool hour = kind == NumberKind::Duration && max == static_cast<double>(limits::maxDuration.count());
        m_diags.error(node.source(), fmt::format("`{}`: must be at most {}{}, got {}", name, bound(max, kind),
                                                 hour ? " (one hour)" : "", shown));
        return false;
    }
    return true;
}

std::optional<std::int64_t> ValueReader::count(const toml::node &node, std::string_view name, std::int64_t min,
                                               std::int64_t max)
{
    if (const auto *i = node.as_integer()) {
        const std::int64_t v = i->get();
        if (!inRange(node, name, static_cast<double>(v), withCommas(v), static_cast<double>(min), false,
                     static_cast<double>(max), NumberKind::Count))
            return std::nullopt;
        return v;
    }
    std::string hint;
    if (const auto *f = node.as_floating_point();
        f && std::isfinite(f->get()) && std::trunc(f->get()) == f->get() && std::fabs(f->get()) < 1e15)
        hint = fmt::format(" (write {} without the decimal point)", static_cast<std::int64_t>(f->get()));
    else if (const auto *s = node.as_string(); s && looksLikeNumber(s->get()))
        hint = fmt::format(" (write {} without quotes)", clipped(s->get()));
    m_diags.error(node.source(), fmt::format("`{}`: expected a whole number, got {}{}", name, describe(node), hint));
    return std::nullopt;
}

std::optional<double> ValueReader::real(const toml::node &node, std::string_view name, double min, bool minExclusive,
                                        double max)
{
    double v = 0;
    if (const auto *i = node.as_integer()) {
        v = static_cast<double>(i->get());
    } else if (const auto *f = node.as_floating_point()) {
        v = f->get();
    } else {
        const auto *s = node.as_string();
        const std::string hint =
            s && looksLikeNumber(s->get()) ? fmt::format(" (write {} without quotes)", clipped(s->get())) : "";
        m_diags.error(node.source(), fmt::format("`{}`: expected a number, got {}{}", name, describe(node), hint));
        return std::nullopt;
    }
    if (!std::isfinite(v)) {
        m_diags.error(node.source(), fmt::format("`{}`: must be a finite number, got {}", name, formatReal(v)));
        return std::nullopt;
    }
    if (!inRange(node, name, v, fmt::format("{}", v), min, minExclusive, max, NumberKind::Real))
        return std::nullopt;
    return v;
}

std::optional<std::int64_t> ValueReader::duration(const toml::node &node, std::string_view name, std::int64_t min,
                                                  bool minExclusive, std::int64_t max)
{
    const auto *s = node.as_string();
    if (!s) {
        const std::string n = numberText(node);
        const std::string hint =
            n.empty() ? std::string(" (durations are strings with a unit: ns, us, ms or s)")
            : n == "0" || n == "0.0"
                ? std::string(" (write \"0ns\")")
                : fmt::format(" (durations need a unit: write \"{}ms\", \"{}us\" or another of ns, us, ms, s)", n, n);
        m_diags.error(node.source(), fmt::format("`{}`: expected a duration string like \"5ms\", got {}{}", name,
                                                 describe(node), hint));
        return std::nullopt;
    }
    const Quantity q = parseDuration(s->get());
    if (!q.value) {
        m_diags.error(node.source(), fmt::format("`{}`: {}", name, q.error));
        return std::nullopt;
    }
    if (!inRange(node, name, static_cast<double>(*q.value), formatDuration(*q.value), static_cast<double>(min),
                 minExclusive, static_cast<double>(max), NumberKind::Duration))
        return std::nullopt;
    return q.value;
}

std::optional<std::int64_t> ValueReader::size(const toml::node &node, std::string_view name, std::int64_t min,
                                              std::int64_t max)
{
    std::optional<std::int64_t> bytes;
    if (const auto *i = node.as_integer()) {
        bytes = i->get();
    } else if (const auto *s = node.as_string()) {
        const Quantity q = parseSize(s->get());
        if (!q.value) {
            m_diags.error(node.source(), fmt::format("`{}`: {}", name, q.error));
            return std::nullopt;
        }
        bytes = q.value;
    } else {
        const std::string n = numberText(node);
        const std::string hint = n.empty() ? "" : fmt::format(" (write \"{}KiB\", \"{}MiB\" or similar)", n, n);
        m_diags.error(node.source(),
                      fmt::format("`{}`: expected a size like \"16KiB\" or a whole number of bytes, got {}{}", name,
                                  describe(node), hint));
        return std::nullopt;
    }
    const std::string shown = node.is_integer() ? withCommas(*bytes) + " bytes" : formatSize(*bytes);
    if (!inRange(node, name, static_cast<double>(*bytes), shown, static_cast<double>(min), false,
                 static_cast<double>(max), NumberKind::Size))
        return std::nullopt;
    return bytes;
}

std::optional<bool> ValueReader::flag(const toml::node &node, std::string_view name)
{
    if (const auto *b = node.as_boolean())
        return b->get();
    m_diags.error(node.source(), fmt::format("`{}`: expected true or false, got {}", name, describe(node)));
    return std::nullopt;
}

std::optional<std::string> ValueReader::choiceName(const toml::node &node, std::string_view name, std::string_view what,
                                                   std::span<const std::string_view> names)
{
    const auto *s = node.as_string();
    if (!s) {
        m_diags.error(node.source(), fmt::format("`{}`: expected a {} in quotes ({}), got {}", name, what,
                                                 joinOr(names), describe(node)));
        return std::nullopt;
    }
    for (std::string_view n : names)
        if (n == s->get())
            return s->get();
    m_diags.error(node.source(), fmt::format("`{}`: unknown {} {}; expected {}{}", name, what, quote(s->get()),
                                             joinOr(names), didYouMean(s->get(), names)));
    return std::nullopt;
}

std::optional<double> ValueReader::numeric(const toml::node &node, std::string_view name, const NumericKey &key)
{
    const auto lo = static_cast<std::int64_t>(key.min);
    const auto hi = static_cast<std::int64_t>(key.max);
    switch (key.kind) {
    case NumberKind::Count:
        if (const auto v = count(node, name, lo, hi))
            return static_cast<double>(*v);
        return std::nullopt;
    case NumberKind::Real: return real(node, name, key.min, key.minExclusive, key.max);
    case NumberKind::Duration:
        if (const auto v = duration(node, name, lo, key.minExclusive, hi))
            return static_cast<double>(*v);
        return std::nullopt;
    case NumberKind::Size:
        if (const auto v = size(node, name, lo, hi))
            return static_cast<double>(*v);
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<DurationDist> ValueReader::timed(const toml::table &table, std::string_view prefix,
                                               std::string_view meanKey, std::string_view distKey,
                                               std::string_view p99Key, Nanos defaultMean)
{
    const std::string meanName = fmt::format("{}{}", prefix, meanKey);
    const std::string distName = fmt::format("{}{}", prefix, distKey);
    const std::string p99Name = fmt::format("{}{}", prefix, p99Key);
    const toml::node *meanNode = table.get(meanKey);
    const toml::node *distNode = table.get(distKey);
    const toml::node *p99Node = table.get(p99Key);
    const std::int64_t maxNs = limits::maxDuration.count();

    DurationDist out;
    out.mean = defaultMean;
    bool ok = true;
    if (meanNode) {
        const auto mean = duration(*meanNode, meanName, 0, false, maxNs);
        ok = mean.has_value();
        out.mean = Nanos{mean.value_or(0)};
    }
    if (distNode) {
        const auto kind = choice<Distribution>(*distNode, distName, "distribution", kDistributions);
        if (!kind)
            return std::nullopt;
        out.kind = *kind;
    }
    if (out.kind != Distribution::LogNormal) {
        if (p99Node) {
            m_diags.error(p99Node->source(), fmt::format("`{}`: only a lognormal distribution has a p99; add {} = "
                                                         "\"lognormal\" or remove `{}`",
                                                         p99Name, distKey, p99Key));
            return std::nullopt;
        }
        return ok ? std::optional<DurationDist>(out) : std::nullopt;
    }
    if (!p99Node) {
        m_diags.error(distNode->source(), fmt::format("`{}`: a lognormal distribution needs `{}`, its 99th percentile, "
                                                      "e.g. {} = \"20ms\"",
                                                      distName, p99Key, p99Key));
        return std::nullopt;
    }
    const auto p99 = duration(*p99Node, p99Name, 0, false, maxNs);
    if (!ok || !p99)
        return std::nullopt;
    out.p99 = Nanos{*p99};
    if (out.mean <= Nanos::zero()) {
        const toml::node &at = meanNode ? *meanNode : *distNode;
        m_diags.error(at.source(), fmt::format("`{}`: a lognormal duration needs a mean above 0ns", meanName));
        return std::nullopt;
    }
    const auto mean = static_cast<double>(out.mean.count());
    if (logNormalSigma(mean, static_cast<double>(out.p99.count())) < 0) {
        // logNormalSigma's bound: p99 ≤ e^{z²/2} × mean, z the normal 99% quantile (≈ 14.97).
        constexpr double z99 = 2.3263478740408408;
        const double largest = mean * std::exp(z99 * z99 / 2);
        const bool tooSmall = out.p99 <= out.mean;
        m_diags.error(p99Node->source(),
                      fmt::format("`{}`: {} is {} the mean {}; p99 must be between the mean and about 14.9× the mean "
                                  "(here above {} and at most about {})",
                                  p99Name, formatDuration(out.p99.count()), tooSmall ? "not above" : "too far above",
                                  formatDuration(out.mean.count()), formatDuration(out.mean.count()),
                                  approxDuration(largest)));
        return std::nullopt;
    }
    return out;
}

std::string_view trimmed(std::string_view text)
{
    constexpr std::string_view kSpace = " \t\r\n\f\v";
    const std::size_t first = text.find_first_not_of(kSpace);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(kSpace) - first + 1);
}

} // namespace conviz::scenario::detail
