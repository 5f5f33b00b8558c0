#include "engine/scenario/diagnostics.h"

#include "engine/scenario/units.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace conviz::scenario::detail {
namespace {

// Source paths of --set text start with a byte no file name has.
constexpr std::string_view kValuePrefix = "\x1f"
                                          "set-value:";
constexpr std::string_view kKeyPrefix = "\x1f"
                                        "set-key:";
// A --set value is parsed as "x = <value>": its first character is at column 5.
constexpr std::uint32_t kValueColumnInWrapper = 5;

bool overrideIndexOf(const toml::source_region &where, std::string_view prefix, std::size_t &index)
{
    if (!where.path || !where.path->starts_with(prefix))
        return false;
    const std::string_view digits = std::string_view(*where.path).substr(prefix.size());
    return std::from_chars(digits.data(), digits.data() + digits.size(), index).ec == std::errc{};
}

std::int32_t toInt(std::uint32_t v) { return static_cast<std::int32_t>(std::min<std::uint32_t>(v, INT32_MAX)); }

} // namespace

Diagnostics::Diagnostics(std::string fileName) : m_fileName(std::move(fileName)) {}

std::size_t Diagnostics::addOverride(std::string text, std::size_t equalsIndex)
{
    m_overrides.push_back({std::move(text), equalsIndex});
    return m_overrides.size() - 1;
}

std::string Diagnostics::overrideValuePath(std::size_t index) { return fmt::format("{}{}", kValuePrefix, index); }

std::string Diagnostics::overrideKeyPath(std::size_t index) { return fmt::format("{}{}", kKeyPrefix, index); }

std::tuple<int, std::uint32_t, std::uint32_t> Diagnostics::orderOf(const toml::source_region &where) const
{
    std::size_t index = 0;
    if (overrideIndexOf(where, kValuePrefix, index) || overrideIndexOf(where, kKeyPrefix, index))
        return {2, static_cast<std::uint32_t>(index), where.begin.column};
    if (where.begin.line == 0)
        return {1, 0, 0};
    return {0, where.begin.line, where.begin.column};
}

void Diagnostics::error(const toml::source_region &where, std::string message)
{
    std::size_t index = 0;
    if (overrideIndexOf(where, kKeyPrefix, index) && index < m_overrides.size()) {
        overrideDiagnostic(index, where.begin.column, std::move(message));
        return;
    }
    if (overrideIndexOf(where, kValuePrefix, index) && index < m_overrides.size()) {
        // Map a column of "x = <value>" back to the --set text; the value starts after its '='.
        const auto valueStart = static_cast<std::uint32_t>(m_overrides[index].equalsIndex + 2);
        std::uint32_t column = valueStart;
        if (where.begin.line == 1 && where.begin.column >= kValueColumnInWrapper)
            column = valueStart + (where.begin.column - kValueColumnInWrapper);
        overrideDiagnostic(index, column, std::move(message));
        return;
    }
    add(orderOf(where), Diagnostic{m_fileName, toInt(where.begin.line), toInt(where.begin.column), std::move(message)});
}

void Diagnostics::overrideError(std::size_t index, std::size_t column, std::string message)
{
    overrideDiagnostic(index, static_cast<std::uint32_t>(std::min<std::size_t>(column, UINT32_MAX)),
                       std::move(message));
}

void Diagnostics::overrideDiagnostic(std::size_t index, std::uint32_t column, std::string message)
{
    const std::string_view text = index < m_overrides.size() ? std::string_view(m_overrides[index].text) : "";
    message += fmt::format(" (in --set {})", clipped(text, 60));
    add({2, static_cast<std::uint32_t>(index), column},
        Diagnostic{std::string(kOverrideFile), toInt(static_cast<std::uint32_t>(index + 1)), toInt(column),
                   std::move(message)});
}

void Diagnostics::error(std::string message) { add({1, 0, 0}, Diagnostic{m_fileName, 0, 0, std::move(message)}); }

void Diagnostics::add(std::tuple<int, std::uint32_t, std::uint32_t> order, Diagnostic diagnostic)
{
    if (m_reported++ < kMaxDiagnostics)
        m_entries.push_back({order, std::move(diagnostic)});
}

std::vector<Diagnostic> Diagnostics::take()
{
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry &a, const Entry &b) { return a.order < b.order; });
    std::vector<Diagnostic> out;
    out.reserve(m_entries.size());
    for (Entry &e : m_entries)
        out.push_back(std::move(e.diagnostic));
    if (m_stopped || m_reported > m_entries.size())
        out.push_back(Diagnostic{
            m_fileName, 0, 0,
            fmt::format("too many errors: stopped after the first {}; fix these and load again", kMaxDiagnostics)});
    m_entries.clear();
    m_reported = 0;
    m_stopped = false;
    return out;
}

} // namespace conviz::scenario::detail
