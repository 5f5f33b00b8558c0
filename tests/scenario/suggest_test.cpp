// "Did you mean …?"
#include "engine/scenario/suggest.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace conviz::scenario::detail {
namespace {

constexpr std::array<std::string_view, 6> kFiberKeys{"gomaxprocs",  "stack_initial", "time_slice",
                                                     "switch_cost", "spawn_cost",    "local_queue"};

TEST(Suggest, EditDistanceCountsAnAdjacentSwapAsOneEdit)
{
    EXPECT_EQ(editDistance("kitten", "sitting"), 3u);
    EXPECT_EQ(editDistance("", "abc"), 3u);
    EXPECT_EQ(editDistance("abc", "abc"), 0u);
    EXPECT_EQ(editDistance("ab", "ba"), 1u);
    EXPECT_EQ(editDistance("time_slcie", "time_slice"), 1u);
}

struct MatchCase {
    const char *word;
    const char *expected; // "" for no suggestion
};

class ClosestMatch : public ::testing::TestWithParam<MatchCase> {};

TEST_P(ClosestMatch, SuggestsTheKeyThatWasMeant)
{
    EXPECT_EQ(closestMatch(GetParam().word, kFiberKeys), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Suggest, ClosestMatch,
                         ::testing::Values(MatchCase{"gomaxproc", "gomaxprocs"}, MatchCase{"GOMAXPROCS", "gomaxprocs"},
                                           MatchCase{"stackInitial", "stack_initial"},
                                           MatchCase{"stack-initial", "stack_initial"},
                                           MatchCase{"timeslice", "time_slice"}, MatchCase{"time_slcie", "time_slice"},
                                           MatchCase{"swich_cost", "switch_cost"}, MatchCase{"spawn", "spawn_cost"},
                                           MatchCase{"localqueue", "local_queue"}, MatchCase{"memory", ""},
                                           MatchCase{"x", ""}, MatchCase{"", ""}));

TEST(Suggest, APrefixSuggestsTheShortNameOfALongerWord)
{
    constexpr std::array<std::string_view, 3> dists{"const", "exp", "lognormal"};
    EXPECT_EQ(closestMatch("exponential", dists), "exp");
    EXPECT_EQ(closestMatch("constant", dists), "const");
    EXPECT_EQ(closestMatch("log-normal", dists), "lognormal");
}

TEST(Suggest, HugeWordsGetNoSuggestionInsteadOfAQuadraticSearch)
{
    EXPECT_EQ(closestMatch(std::string(1'000'000, 'g'), kFiberKeys), "");
}

TEST(Suggest, DidYouMeanIsReadyToAppendToAMessage)
{
    EXPECT_EQ(didYouMean("gomaxproc", kFiberKeys), "; did you mean `gomaxprocs`?");
    EXPECT_EQ(didYouMean("zzz", kFiberKeys), "");
    constexpr std::array<std::string_view, 3> three{"open", "closed", "batch"};
    EXPECT_EQ(joinOr(three), "open, closed or batch");
}

} // namespace
} // namespace conviz::scenario::detail
