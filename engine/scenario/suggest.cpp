#include "engine/scenario/suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace conviz::scenario::detail {
namespace {

// Longer words are never anybody's key: skip them rather than spend time on them.
constexpr std::size_t kMaxWord = 64;

std::string normalised(std::string_view s)
{
    std::string out;
    for (char c : s) {
        if (c == '_' || c == '-' || c == ' ')
            continue;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

} // namespace

std::size_t editDistance(std::string_view a, std::string_view b)
{
    // Three rolling rows: the transposition case looks two rows back.
    std::vector<std::size_t> older(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], older[j - 2] + 1);
        }
        std::swap(older, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string_view closestMatch(std::string_view word, std::span<const std::string_view> candidates)
{
    if (word.empty() || word.size() > kMaxWord)
        return {};
    const std::string w = normalised(word);
    for (std::string_view c : candidates)
        if (normalised(c) == w)
            return c;
    // Among candidates that are a prefix of the word or start with it, the closest one:
    // think_distribution → think_dist rather than think.
    std::string_view prefixed;
    std::size_t prefixedDistance = 0;
    for (std::string_view c : candidates) {
        const std::string n = normalised(c);
        if (std::min(n.size(), w.size()) < 3 || !(n.starts_with(w) || w.starts_with(n)))
            continue;
        const std::size_t d = editDistance(w, n);
        if (prefixed.empty() || d < prefixedDistance) {
            prefixed = c;
            prefixedDistance = d;
        }
    }
    if (!prefixed.empty())
        return prefixed;
    std::string_view best;
    std::size_t bestDistance = std::max<std::size_t>(1, w.size() / 3) + 1;
    for (std::string_view c : candidates) {
        const std::size_t d = editDistance(w, normalised(c));
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates)
{
    const std::string_view match = closestMatch(word, candidates);
    return match.empty() ? std::string() : fmt::format("; did you mean `{}`?", match);
}

std::string joinOr(std::span<const std::string_view> words)
{
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0)
            out += i + 1 == words.size() ? " or " : ", ";
        out += words[i];
    }
    return out;
}

} // namespace conviz::scenario::detail
