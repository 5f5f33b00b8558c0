// "Did you mean …?" for misspelt keys and names. Internal to conviz_scenario.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace conviz::scenario::detail {

// Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps).
std::size_t editDistance(std::string_view a, std::string_view b);

// The candidate `word` most likely meant, or empty if none is close. Case, '-' and '_' are ignored
// first (stackInitial → stack_initial); then a prefix of at least 3 characters either way
// (exponential → exp); then the smallest edit distance within about a third of the word's length.
std::string_view closestMatch(std::string_view word, std::span<const std::string_view> candidates);

// "; did you mean `x`?" or "", ready to append to a message.
std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates);

// "a, b or c".
std::string joinOr(std::span<const std::string_view> words);

} // namespace conviz::scenario::detail
