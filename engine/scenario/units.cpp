#include "engine/scenario/units.h"

#include "engine/core/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace conviz::scenario::detail {
namespace {

// Parsed values stop here, far below INT64_MAX, so `whole × unit + fraction` cannot overflow. The
// scenario limits (an hour, a GiB) are much smaller and are checked by the caller.
constexpr std::int64_t kParseCap = 4'000'000'000'000'000'000;

struct Unit {
    std::string_view name;
    std::int64_t scale;
};

constexpr std::array<Unit, 6> kDurationUnits{
    {{"ns", 1}, {"us", 1'000}, {"\xC2\xB5s", 1'000}, {"\xCE\xBCs", 1'000}, {"ms", 1'000'000}, {"s", 1'000'000'000}}};
constexpr std::array<Unit, 4> kSizeUnits{{{"B", 1}, {"KiB", KiB}, {"MiB", MiB}, {"GiB", GiB}}};

// Spellings people reach for, and the unit they mean.
constexpr std::array<std::pair<std::string_view, std::string_view>, 25> kDurationAliases{
    {{"sec", "s"},   {"secs", "s"},   {"second", "s"},  {"seconds", "s"}, {"S", "s"},
     {"msec", "ms"}, {"msecs", "ms"}, {"millis", "ms"}, {"MS", "ms"},     {"Ms", "ms"},
     {"mS", "ms"},   {"usec", "us"},  {"usecs", "us"},  {"micros", "us"}, {"US", "us"},
     {"Us", "us"},   {"uS", "us"},    {"nsec", "ns"},   {"nsecs", "ns"},  {"nanos", "ns"},
     {"NS", "ns"},   {"Ns", "ns"},    {"nS", "ns"},     {"mus", "us"},    {"\xC2\xB5", "us"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kSizeAliases{
    {{"K", "KiB"},   {"k", "KiB"},   {"KB", "KiB"},  {"kB", "KiB"}, {"kb", "KiB"}, {"Kb", "KiB"},
     {"kib", "KiB"}, {"KIB", "KiB"}, {"Kib", "KiB"}, {"M", "MiB"},  {"MB", "MiB"}, {"mb", "MiB"},
     {"mib", "MiB"}, {"MIB", "MiB"}, {"G", "GiB"},   {"GB", "GiB"}, {"gb", "GiB"}, {"gib", "GiB"},
     {"GIB", "GiB"}, {"b", "B"},     {"byte", "B"},  {"bytes", "B"}}};

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s)
{
    while (!s.empty() && isSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back()))
        s.remove_suffix(1);
    return s;
}

struct DecimalText {
    std::string_view whole;    // digits before the point, at least one
    std::string_view fraction; // digits after the point, possibly none
    std::string_view unit;     // the rest, spaces trimmed
};

// Splits "1.5 ms" into its parts; false if it does not start with a plain decimal number.
bool splitDecimal(std::string_view s, DecimalText &out)
{
    std::size_t i = 0;
    while (i < s.size() && isDigit(s[i]))
        ++i;
    if (i == 0)
        return false;
    out.whole = s.substr(0, i);
    out.fraction = {};
    if (i < s.size() && s[i] == '.') {
        const std::size_t start = ++i;
        while (i < s.size() && isDigit(s[i]))
            ++i;
        if (i == start)
            return false;
        out.fraction = s.substr(start, i - start);
    }
    out.unit = trim(s.substr(i));
    return true;
}

// (whole.fraction) × scale rounded half up, or nothing if it passes kParseCap. Exact: the fraction
// is multiplied digit by digit, so "0.0000005ms" is exactly 0.5 ns and rounds to 1.
std::optional<std::int64_t> scaleDecimal(std::string_view whole, std::string_view fraction, std::int64_t scale)
{
    while (whole.size() > 1 && whole.front() == '0')
        whole.remove_prefix(1);
    if (whole.size() > 19)
        return std::nullopt;
    std::uint64_t w = 0;
    for (char c : whole)
        w = w * 10 + static_cast<std::uint64_t>(c - '0');
    const auto uscale = static_cast<std::uint64_t>(scale);
    if (w > static_cast<std::uint64_t>(kParseCap) / uscale)
        return std::nullopt;

    std::uint64_t carry = 0;
    std::uint64_t firstFractionDigit = 0;
    for (std::size_t i = fraction.size(); i-- > 0;) {
        const std::uint64_t v = static_cast<std::uint64_t>(fraction[i] - '0') * uscale + carry;
        firstFractionDigit = v % 10;
        carry = v / 10;
    }
    const std::uint64_t total = w * uscale + carry + (firstFractionDigit >= 5 ? 1 : 0);
    return static_cast<std::int64_t>(total);
}

template <std::size_t N>
std::optional<std::int64_t> unitScale(const std::array<Unit, N> &units, std::string_view name)
{
    for (const Unit &u : units)
        if (u.name == name)
            return u.scale;
    return std::nullopt;
}

template <std::size_t N>
std::string_view aliasFor(const std::array<std::pair<std::string_view, std::string_view>, N> &aliases,
                          std::string_view name)
{
    for (const auto &[alias, unit] : aliases)
        if (alias == name)
            return unit;
    return {};
}

std::string unitErrorForDuration(std::string_view text, const DecimalText &d)
{
    // The number as the message repeats it ("write \"5ms\""), clipped: it may be very long.
    const std::string number =
        clipped(d.fraction.empty() ? std::string(d.whole) : fmt::format("{}.{}", d.whole, d.fraction), 24);
    if (d.unit.empty())
        return fmt::format("{} has no unit; write it with one of ns, us, ms or s, e.g. \"{}ms\"", quote(text), number);
    const std::string_view alias = aliasFor(kDurationAliases, d.unit);
    if (!alias.empty())
        return fmt::format("unknown unit `{}` in {}; expected ns, us, ms or s (write \"{}{}\")", d.unit, quote(text),
                           number, alias);
    if (d.unit == "m" || d.unit == "min" || d.unit == "mins" || d.unit == "h" || d.unit == "hour" || d.unit == "hours")
        return fmt::format("unknown unit `{}` in {}; expected ns, us, ms or s (write minutes and hours in seconds)",
                           d.unit, quote(text));
    return fmt::format("unknown unit `{}` in {}; expected ns, us, ms or s", clipped(d.unit, 20), quote(text));
}

} // namespace

Quantity parseDuration(std::string_view raw)
{
    const std::string_view text = trim(raw);
    if (text.empty())
        return {std::nullopt, "the duration is empty; write a number with a unit, like \"5ms\""};
    if (text.front() == '-')
        return {std::nullopt, fmt::format("a duration cannot be negative, got {}", quote(raw))};
    DecimalText d;
    if (!splitDecimal(text, d))
        return {std::nullopt, fmt::format("expected a number with a unit, like \"5ms\", got {}", quote(raw))};
    const std::optional<std::int64_t> scale = unitScale(kDurationUnits, d.unit);
    if (!scale)
        return {std::nullopt, unitErrorForDuration(raw, d)};
    const std::optional<std::int64_t> ns = scaleDecimal(d.whole, d.fraction, *scale);
    if (!ns)
        return {std::nullopt, fmt::format("{} is far too long; a duration can be at most \"{}\"", quote(raw),
                                          formatDuration(limits::maxDuration.count()))};
    return {ns, {}};
}

Quantity parseSize(std::string_view raw)
{
    const std::string_view text = trim(raw);
    if (text.empty())
        return {std::nullopt, "the size is empty; write a number with a unit, like \"16KiB\""};
    if (text.front() == '-')
        return {std::nullopt, fmt::format("a size cannot be negative, got {}", quote(raw))};
    DecimalText d;
    if (!splitDecimal(text, d))
        return {std::nullopt, fmt::format("expected a size like \"16KiB\", got {}", quote(raw))};
    // The number as the message repeats it ("write \"5ms\""), clipped: it may be very long.
    const std::string number =
        clipped(d.fraction.empty() ? std::string(d.whole) : fmt::format("{}.{}", d.whole, d.fraction), 24);
    const std::optional<std::int64_t> scale = unitScale(kSizeUnits, d.unit);
    if (!scale) {
        if (d.unit.empty())
            return {std::nullopt, fmt::format("{} has no unit; write bytes as a bare integer ({}) or use B, KiB, "
                                              "MiB or GiB, e.g. \"{}KiB\"",
                                              quote(raw), number, number)};
        const std::string_view alias = aliasFor(kSizeAliases, d.unit);
        if (!alias.empty())
            return {std::nullopt,
                    fmt::format("unknown unit `{}` in {}; use {} (\"{}{}\"): sizes take the binary units B, KiB, MiB "
                                "or GiB, and 1 KiB = 1024 bytes",
                                clipped(d.unit, 20), quote(raw), alias, number, alias)};
        return {std::nullopt, fmt::format("unknown unit in {}; expected B, KiB, MiB or GiB", quote(raw))};
    }
    const std::optional<std::int64_t> bytes = scaleDecimal(d.whole, d.fraction, *scale);
    if (!bytes)
        return {std::nullopt, fmt::format("{} is far too large; a size can be at most \"{}\"", quote(raw),
                                          formatSize(limits::maxStackBytes))};
    return {bytes, {}};
}

std::string formatDuration(std::int64_t ns)
{
    if (ns == 0)
        return "0ns";
    if (ns % 1'000'000'000 == 0)
        return fmt::format("{}s", ns / 1'000'000'000);
    if (ns % 1'000'000 == 0)
        return fmt::format("{}ms", ns / 1'000'000);
    if (ns % 1'000 == 0)
        return fmt::format("{}us", ns / 1'000);
    return fmt::format("{}ns", ns);
}

std::string formatSize(std::int64_t bytes)
{
    if (bytes == 0)
        return "0B";
    if (bytes % GiB == 0)
        return fmt::format("{}GiB", bytes / GiB);
    if (bytes % MiB == 0)
        return fmt::format("{}MiB", bytes / MiB);
    if (bytes % KiB == 0)
        return fmt::format("{}KiB", bytes / KiB);
    return fmt::format("{}B", bytes);
}

std::string approxDuration(double ns)
{
    const double magnitude = std::fabs(ns);
    if (magnitude < 1e3)
        return fmt::format("{:.4g}ns", ns);
    if (magnitude < 1e6)
        return fmt::format("{:.4g}us", ns / 1e3);
    if (magnitude < 1e9)
        return fmt::format("{:.4g}ms", ns / 1e6);
    return fmt::format("{:.4g}s", ns / 1e9);
}

std::string withCommas(std::int64_t value)
{
    const bool negative = value < 0;
    // Through unsigned so that INT64_MIN has a magnitude too.
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::string digits = fmt::format("{}", magnitude);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return negative ? "-" + out : out;
}

std::string formatReal(double value)
{
    std::string text = fmt::format("{}", value);
    if (text.find_first_of(".eEn") == std::string::npos) // "n": nan and inf read back as they are
        text += ".0";
    return text;
}

namespace {

std::string clip(std::string_view text, std::size_t maxChars, bool escapeQuotes)
{
    bool cut = false;
    if (text.size() > maxChars) {
        std::size_t end = maxChars;
        // Never split a UTF-8 sequence: back up over continuation bytes (10xxxxxx).
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        text = text.substr(0, end);
        cut = true;
    }
    std::string out;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (escapeQuotes && (c == '"' || c == '\\'))
            (out += '\\') += c;
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else if (u < 0x20 || u == 0x7F)
            out += fmt::format("\\u{:04X}", u);
        else
            out += c;
    }
    if (cut)
        out += "\xE2\x80\xA6";
    return out;
}

} // namespace

std::string clipped(std::string_view text, std::size_t maxChars) { return clip(text, maxChars, false); }

std::string quote(std::string_view text, std::size_t maxChars) { return "\"" + clip(text, maxChars, true) + "\""; }

std::string tomlKey(std::string_view key)
{
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
    return bare ? std::string(key) : tomlString(key);
}

std::string tomlString(std::string_view text)
{
    std::string out = "\"";
    out.reserve(text.size() + 2);
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default:
            if (u < 0x20 || u == 0x7F)
                out += fmt::format("\\u{:04X}", u);
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

} // namespace conviz::scenario::detail
