// Durations, sizes and the number formatting shared by messages and toToml.
#include "engine/scenario/units.h"

#include "engine/core/scenario.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

namespace conviz::scenario::detail {
namespace {

struct QuantityCase {
    const char *text;
    std::int64_t expected;
};

class DurationParsing : public ::testing::TestWithParam<QuantityCase> {};

TEST_P(DurationParsing, ReadsTheExactNumberOfNanoseconds)
{
    const Quantity q = parseDuration(GetParam().text);
    ASSERT_TRUE(q.value.has_value()) << q.error;
    EXPECT_EQ(*q.value, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Units, DurationParsing,
    ::testing::Values(QuantityCase{"300us", 300'000}, QuantityCase{"1.5ms", 1'500'000}, QuantityCase{"0ns", 0},
                      QuantityCase{"0s", 0}, QuantityCase{"1s", 1'000'000'000}, QuantityCase{"10ms", 10'000'000},
                      QuantityCase{"150ns", 150}, QuantityCase{"2\xC2\xB5s", 2'000}, QuantityCase{"2\xCE\xBCs", 2'000},
                      QuantityCase{"007ms", 7'000'000}, QuantityCase{" 5 ms ", 5'000'000}, QuantityCase{"0.5ns", 1},
                      QuantityCase{"0.49ns", 0}, QuantityCase{"1.0000000005s", 1'000'000'001},
                      QuantityCase{"0.0000001234ms", 0}, QuantityCase{"3600s", 3'600'000'000'000},
                      QuantityCase{"1.25us", 1'250}, QuantityCase{"0.333333333333333333333s", 333'333'333}));

struct RefusedCase {
    const char *text;
    const char *expectedInMessage;
};

class DurationRefusal : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(DurationRefusal, ExplainsWhatIsWrong)
{
    const Quantity q = parseDuration(GetParam().text);
    EXPECT_FALSE(q.value.has_value());
    EXPECT_NE(q.error.find(GetParam().expectedInMessage), std::string::npos) << q.error;
}

INSTANTIATE_TEST_SUITE_P(
    Units, DurationRefusal,
    ::testing::Values(RefusedCase{"", "empty"}, RefusedCase{"-5ms", "cannot be negative"},
                      RefusedCase{"5", "\"5\" has no unit"},
                      RefusedCase{"5mx", "unknown unit `mx` in \"5mx\"; expected ns, us, ms or s"},
                      RefusedCase{"ms", "expected a number with a unit"}, RefusedCase{".5ms", "expected a number"},
                      RefusedCase{"5.ms", "expected a number"}, RefusedCase{"1e3ms", "unknown unit `e3ms`"},
                      RefusedCase{"5sec", "write \"5s\""}, RefusedCase{"5MS", "write \"5ms\""},
                      RefusedCase{"2min", "minutes and hours"}, RefusedCase{"1h", "minutes and hours"},
                      RefusedCase{"9999999999999999999999s", "far too long"},
                      RefusedCase{"9999999999999s", "far too long"}));

TEST(Units, DurationsThatOverflowNanosecondsAreRefusedNotWrapped)
{
    // 9,999,999,999,999 s is 10^22 ns: far past int64. It must be an error, never a wrapped value.
    EXPECT_FALSE(parseDuration("9999999999999s").value.has_value());
    EXPECT_FALSE(parseDuration("18446744073709551616ns").value.has_value());
    // Just within the parse cap, so that the caller's range check reports it with the limit.
    EXPECT_TRUE(parseDuration("4000000000s").value.has_value());
}

TEST(Units, FormattedDurationsUseTheLargestExactUnitAndReadBack)
{
    EXPECT_EQ(formatDuration(0), "0ns");
    EXPECT_EQ(formatDuration(1'500), "1500ns");
    EXPECT_EQ(formatDuration(2'000), "2us");
    EXPECT_EQ(formatDuration(20'000'000), "20ms");
    EXPECT_EQ(formatDuration(3'600'000'000'000), "3600s");
    EXPECT_EQ(formatDuration(1'000'000'001), "1000000001ns");
    for (std::int64_t v : {std::int64_t{1}, std::int64_t{999}, std::int64_t{1'000}, std::int64_t{123'456'789},
                           std::int64_t{3'600'000'000'000}, std::int64_t{3'599'999'999'999}})
        EXPECT_EQ(parseDuration(formatDuration(v)).value, v);
}

class SizeParsing : public ::testing::TestWithParam<QuantityCase> {};

TEST_P(SizeParsing, ReadsTheExactNumberOfBytes)
{
    const Quantity q = parseSize(GetParam().text);
    ASSERT_TRUE(q.value.has_value()) << q.error;
    EXPECT_EQ(*q.value, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Units, SizeParsing,
                         ::testing::Values(QuantityCase{"16KiB", 16 * KiB}, QuantityCase{"1.5KiB", 1536},
                                           QuantityCase{"8MiB", 8 * MiB}, QuantityCase{"1GiB", GiB},
                                           QuantityCase{"0B", 0}, QuantityCase{"600B", 600},
                                           QuantityCase{"0.5MiB", 512 * KiB}, QuantityCase{"2 KiB", 2 * KiB}));

class SizeRefusal : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(SizeRefusal, ExplainsWhatIsWrong)
{
    const Quantity q = parseSize(GetParam().text);
    EXPECT_FALSE(q.value.has_value());
    EXPECT_NE(q.error.find(GetParam().expectedInMessage), std::string::npos) << q.error;
}

INSTANTIATE_TEST_SUITE_P(
    Units, SizeRefusal,
    ::testing::Values(RefusedCase{"16KB", "use KiB"}, RefusedCase{"16kB", "use KiB"}, RefusedCase{"16kib", "use KiB"},
                      RefusedCase{"16K", "use KiB"}, RefusedCase{"8MB", "use MiB"}, RefusedCase{"1GB", "use GiB"},
                      RefusedCase{"16", "has no unit"}, RefusedCase{"1TiB", "expected B, KiB, MiB or GiB"},
                      RefusedCase{"-1KiB", "cannot be negative"}, RefusedCase{"KiB", "expected a size"},
                      RefusedCase{"99999999999999999999GiB", "far too large"}));

TEST(Units, FormattedSizesUseTheLargestExactBinaryUnitAndReadBack)
{
    EXPECT_EQ(formatSize(0), "0B");
    EXPECT_EQ(formatSize(600), "600B");
    EXPECT_EQ(formatSize(1536), "1536B");
    EXPECT_EQ(formatSize(2 * KiB), "2KiB");
    EXPECT_EQ(formatSize(8 * MiB), "8MiB");
    EXPECT_EQ(formatSize(GiB), "1GiB");
    for (std::int64_t v : {std::int64_t{1}, std::int64_t{1023}, KiB + 1, 39 * MiB, 1000 * GiB})
        EXPECT_EQ(parseSize(formatSize(v)).value, v);
}

TEST(Units, RealsAreWrittenAsFloatsThatReadBackExactly)
{
    EXPECT_EQ(formatReal(100.0), "100.0");
    EXPECT_EQ(formatReal(0.1), "0.1");
    EXPECT_EQ(formatReal(1e300), "1e+300");
    EXPECT_EQ(formatReal(-2.5), "-2.5");
    for (double v : {1.0 / 3.0, 0.1 + 0.2, 123.456, 1e-5, 6.02214076e23, std::numeric_limits<double>::denorm_min()})
        EXPECT_EQ(std::strtod(formatReal(v).c_str(), nullptr), v) << formatReal(v);
}

TEST(Units, NumbersInMessagesHaveThousandsSeparators)
{
    EXPECT_EQ(withCommas(0), "0");
    EXPECT_EQ(withCommas(999), "999");
    EXPECT_EQ(withCommas(1000), "1,000");
    EXPECT_EQ(withCommas(-50'000'000), "-50,000,000");
    EXPECT_EQ(withCommas(std::numeric_limits<std::int64_t>::min()), "-9,223,372,036,854,775,808");
}

TEST(Units, QuotedTextIsEscapedAndClippedOnACharacterBoundary)
{
    EXPECT_EQ(quote("a\"b\n"), "\"a\\\"b\\n\"");
    EXPECT_EQ(quote(std::string(100, 'x'), 5), "\"xxxxx\xE2\x80\xA6\"");
    // "é" is two bytes: cutting after 2 bytes would split it, so only "a" is kept.
    EXPECT_EQ(quote("a\xC3\xA9z", 2), "\"a\xE2\x80\xA6\"");
}

TEST(Units, TomlStringsEscapeEveryControlCharacter)
{
    EXPECT_EQ(tomlString("plain"), "\"plain\"");
    EXPECT_EQ(tomlString("a\"b\\c"), "\"a\\\"b\\\\c\"");
    EXPECT_EQ(tomlString(std::string("\x01\t\r\n\x7F", 5)), "\"\\u0001\\t\\r\\n\\u007F\"");
    EXPECT_EQ(tomlString("gr\xC3\xBC\xC3\x9F"), "\"gr\xC3\xBC\xC3\x9F\"");
    EXPECT_EQ(tomlKey("db"), "db");
    EXPECT_EQ(tomlKey("my db"), "\"my db\"");
}

TEST(Units, ApproximateDurationsPickAReadableUnit)
{
    EXPECT_EQ(approxDuration(500), "500ns");
    EXPECT_EQ(approxDuration(14'968'000), "14.97ms");
    EXPECT_EQ(approxDuration(2.5e9), "2.5s");
}

} // namespace
} // namespace conviz::scenario::detail
