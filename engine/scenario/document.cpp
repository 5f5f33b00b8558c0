#include "engine/scenario/document.h"

#include "engine/scenario/schema.h"
#include "engine/scenario/units.h"

#include <fmt/format.h>

#include <memory>
#include <utility>
#include <vector>

namespace conviz::scenario::detail {
namespace {

struct Position {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
};

// Finds the first key with more than kMaxDottedParts parts. Outside strings and comments, a run of
// dots not interrupted by '=', ',', a bracket, a brace or a newline belongs to one key (or to an
// invalid value, which the parser would refuse anyway).
std::optional<Position> overlyDottedKey(std::string_view text)
{
    Position pos;
    int dots = 0;
    std::size_t i = 0;
    const auto advance = [&](std::size_t n) {
        for (std::size_t k = 0; k < n && i < text.size(); ++k, ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == '\n') {
                ++pos.line;
                pos.column = 1;
            } else if ((c & 0xC0) != 0x80) { // columns count characters, as toml++ does
                ++pos.column;
            }
        }
    };
    // Skips a string opened at i by `quote` (1 or 3 characters); basic strings have escapes.
    const auto skipString = [&](std::string_view quote, bool escapes) {
        advance(quote.size());
        while (i < text.size()) {
            if (escapes && text[i] == '\\') {
                advance(2);
                continue;
            }
            if (text.substr(i, quote.size()) == quote) {
                advance(quote.size());
                return;
            }
            if (quote.size() == 1 && text[i] == '\n')
                return; // unterminated: the parser will say so
            advance(1);
        }
    };
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"' || c == '\'') {
            const std::string_view rest = text.substr(i);
            const bool triple = rest.starts_with(c == '"' ? "\"\"\"" : "'''");
            skipString(rest.substr(0, triple ? 3 : 1), c == '"');
            continue;
        }
        if (c == '#') {
            while (i < text.size() && text[i] != '\n')
                advance(1);
            continue;
        }
        if (c == '.') {
            if (++dots >= kMaxDottedParts)
                return pos;
        } else if (c == '=' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '\n') {
            dots = 0;
        }
        advance(1);
    }
    return std::nullopt;
}

bool isBareKeyChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::string_view trimSpaces(std::string_view s, std::size_t &offset)
{
    offset = 0;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
        ++offset;
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

struct KeyPart {
    std::string name;
    std::uint32_t column; // 1-based, in the --set text
};

// "pools.\"my db\"" → pools, my db. Parts are bare keys or "quoted" (without escapes).
std::optional<std::vector<KeyPart>> splitKey(std::string_view key)
{
    std::vector<KeyPart> parts;
    std::size_t i = 0;
    const auto skipSpaces = [&] {
        while (i < key.size() && (key[i] == ' ' || key[i] == '\t'))
            ++i;
    };
    while (true) {
        skipSpaces();
        if (parts.size() >= static_cast<std::size_t>(kMaxDottedParts) || i >= key.size())
            return std::nullopt;
        const auto column = static_cast<std::uint32_t>(i + 1);
        std::string name;
        if (key[i] == '"') {
            const std::size_t close = key.find('"', i + 1);
            if (close == std::string_view::npos)
                return std::nullopt;
            name = key.substr(i + 1, close - i - 1);
            i = close + 1;
        } else {
            const std::size_t start = i;
            while (i < key.size() && isBareKeyChar(key[i]))
                ++i;
            if (i == start)
                return std::nullopt;
            name = key.substr(start, i - start);
        }
        parts.push_back({std::move(name), column});
        skipSpaces();
        if (i == key.size())
            return parts;
        if (key[i] != '.')
            return std::nullopt;
        ++i;
    }
}

// "x = <value>" parsed with the override's source path; nothing if it is not exactly one value.
std::optional<toml::table> parseValue(const std::string &wrapped, const std::string &path)
{
    try {
        toml::table t = toml::parse(std::string_view(wrapped), std::string_view(path));
        if (t.size() == 1 && t.contains("x"))
            return t;
    } catch (const toml::parse_error &) {
    }
    return std::nullopt;
}

std::string_view typeName(const toml::node &node)
{
    switch (node.type()) {
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    default: return "a date or time";
    }
}

void applyOverride(toml::table &root, const std::string &text, Diagnostics &diags)
{
    const std::size_t eq = text.find('=');
    const std::size_t index = diags.addOverride(text, eq == std::string::npos ? text.size() : eq);
    if (text.size() > kMaxDocumentBytes) {
        diags.overrideError(index, 1,
                            fmt::format("the value is {} bytes long; the limit is {}",
                                        withCommas(static_cast<std::int64_t>(text.size())),
                                        withCommas(static_cast<std::int64_t>(kMaxDocumentBytes))));
        return;
    }
    if (eq == std::string::npos) {
        diags.overrideError(index, 1, "an override needs the form key=value, e.g. load.rate=900");
        return;
    }
    const std::optional<std::vector<KeyPart>> parts = splitKey(std::string_view(text).substr(0, eq));
    if (!parts) {
        diags.overrideError(index, 1,
                            fmt::format("`{}` is not a dotted key like load.rate or fibers.gomaxprocs",
                                        clipped(std::string_view(text).substr(0, eq), 60)));
        return;
    }
    // A quoted part can hold any bytes; one that TOML cannot carry (not UTF-8) would name a pool
    // that loads but is written back as a file that does not.
    for (const KeyPart &part : *parts)
        if (!parseValue("x = " + tomlString(part.name), Diagnostics::overrideKeyPath(index))) {
            diags.overrideError(index, part.column, "the key is not valid UTF-8 text");
            return;
        }

    const std::string valuePath = Diagnostics::overrideValuePath(index);
    const std::string wrapped = "x = " + text.substr(eq + 1);
    if (overlyDottedKey(wrapped)) {
        diags.overrideError(index, eq + 2,
                            fmt::format("the value has a key with more than {} dotted parts", kMaxDottedParts));
        return;
    }
    std::optional<toml::table> parsed = parseValue(wrapped, valuePath);
    if (!parsed) {
        std::size_t offset = 0;
        const std::string_view bare = trimSpaces(std::string_view(text).substr(eq + 1), offset);
        parsed = parseValue("x = " + tomlString(bare), valuePath);
        if (!parsed) {
            diags.overrideError(index, eq + 2, "the value is not valid UTF-8 text");
            return;
        }
    }

    const auto keyPath = std::make_shared<const std::string>(Diagnostics::overrideKeyPath(index));
    const auto keyAt = [&](const KeyPart &part) {
        toml::source_region region;
        region.begin = {1, part.column};
        region.end = {1, static_cast<std::uint32_t>(part.column + part.name.size())};
        region.path = keyPath;
        return toml::key(part.name, std::move(region));
    };

    toml::table *table = &root;
    std::string walked;
    for (std::size_t p = 0; p + 1 < parts->size(); ++p) {
        const KeyPart &part = (*parts)[p];
        walked += (walked.empty() ? "" : ".") + part.name;
        toml::node *next = table->get(part.name);
        if (!next)
            next = &table->insert_or_assign(keyAt(part), toml::table{}).first->second;
        if (!next->is_table()) {
            diags.overrideError(
                index, part.column,
                fmt::format("cannot set a key inside `{}`: it is {}, not a table", walked, typeName(*next)));
            return;
        }
        table = next->as_table();
    }
    toml::node &value = *parsed->get("x");
    value.visit([&](auto &&concrete) { table->insert_or_assign(keyAt(parts->back()), std::move(concrete)); });
}

} // namespace

std::optional<toml::table> parseDocument(std::string_view text, std::string_view sourceName, Diagnostics &diags)
{
    if (text.size() > kMaxDocumentBytes) {
        diags.error(fmt::format("the file is {} bytes long; a scenario file can be at most {} bytes (1 MiB)",
                                withCommas(static_cast<std::int64_t>(text.size())),
                                withCommas(static_cast<std::int64_t>(kMaxDocumentBytes))));
        return std::nullopt;
    }
    if (const std::optional<Position> at = overlyDottedKey(text)) {
        toml::source_region where;
        where.begin = {at->line, at->column};
        diags.error(where, fmt::format("a key here has more than {} dotted parts; scenario keys have at most 3 "
                                       "(like fibers.time_slice)",
                                       kMaxDottedParts));
        return std::nullopt;
    }
    try {
        return toml::parse(text, sourceName);
    } catch (const toml::parse_error &e) {
        diags.error(e.source(), fmt::format("TOML syntax error: {}", e.description()));
    }
    return std::nullopt;
}

void applyOverrides(toml::table &root, std::span<const std::string> overrides, Diagnostics &diags)
{
    for (const std::string &text : overrides)
        applyOverride(root, text, diags);
}

} // namespace conviz::scenario::detail
