// Hostile or broken input gives diagnostics: never a crash, a hang, an overflow or a huge allocation.
#include "test_support.h"

namespace conviz::scenario::test {
namespace {

std::string repeat(std::string_view s, int n)
{
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        out += s;
    return out;
}

// Loads `text` and expects at least one diagnostic containing `expected`.
void expectRefused(const std::string &text, std::string_view expected, const std::vector<std::string> &overrides = {})
{
    const LoadResult r = load(text, overrides);
    ASSERT_FALSE(r.ok());
    ASSERT_FALSE(r.errors.empty());
    bool found = false;
    for (const Diagnostic &d : r.errors)
        found = found || d.message.find(expected) != std::string::npos;
    EXPECT_TRUE(found) << formatted(r).substr(0, 2000);
}

TEST(ScenarioHostileInput, ALongDottedKeyIsRefusedBeforeItCanOverflowTheParsersStack)
{
    // toml++ recurses once per part: a few tens of thousands of parts overflow the stack.
    expectRefused("a" + repeat(".a", 200'000) + " = 1\n", "more than 16 dotted parts");
    expectRefused("[a" + repeat(".a", 200'000) + "]\n", "more than 16 dotted parts");
    expectRefused("x = { a" + repeat(".a", 200'000) + " = 1 }\n", "more than 16 dotted parts");
}

TEST(ScenarioHostileInput, DotsInsideStringsAndCommentsAreNotKeyParts)
{
    const std::string dots = repeat(".", 100);
    const Scenario s = loadValid("# " + dots + "\nname = \"" + dots + "\"\ndescription = '''\n" + dots + "\n'''\n" +
                                 std::string(kMinimalRequest));
    EXPECT_EQ(s.name, dots);
}

TEST(ScenarioHostileInput, DeeplyNestedArraysAndTablesAreASyntaxError)
{
    expectRefused("x = " + repeat("[", 100'000), "maximum nested value depth");
    expectRefused("x = " + repeat("{ a = ", 100'000), "maximum nested value depth");
}

TEST(ScenarioHostileInput, TheWorstNestingTheParserAllowsIsHandled)
{
    // 250 nested inline tables, each with a 16-part key: the deepest document that gets past the checks.
    const std::string key = "a" + repeat(".a", 15);
    expectRefused("x = " + repeat("{ " + key + " = ", 250) + "1" + repeat(" }", 250) + "\n" +
                      std::string(kMinimalRequest),
                  "unknown key `x`");
}

TEST(ScenarioHostileInput, DeeplyNestedFanOutsStopAtTheNestingLimit)
{
    expectRefused("[request]\nsteps = " + repeat("[ { fanout = 2, steps = ", 120) + "[ { cpu = \"1ms\" } ]" +
                      repeat(" } ]", 120) + "\n",
                  "fan-outs are nested more than 8 deep");
}

TEST(ScenarioHostileInput, AHugeFanOutProductSaturatesInsteadOfOverflowing)
{
    expectRefused("[request]\nsteps = " + repeat("[ { fanout = 100000, steps = ", 8) + "[ { cpu = \"1ms\" } ]" +
                      repeat(" } ]", 8) + "\n",
                  "one request creates over 50,000,000,000 tasks");
    expectRefused("[request]\nsteps = [ { fanout = 9223372036854775807, steps = [ { cpu = \"1ms\" } ] } ]\n",
                  "`fanout`: must be at most 100,000");
}

TEST(ScenarioHostileInput, ExtremeNumbersAreRangeErrors)
{
    const std::string request(kMinimalRequest);
    expectRefused("[load]\nrate = 1e300\n" + request, "must be at most 1000000000");
    expectRefused("[load]\nrate = 5e-324\n[machine]\ncores = 0\n" + request, "`machine.cores`");
    expectRefused("[load]\nrate = inf\n" + request, "finite");
    expectRefused("[load]\nrate = -inf\n" + request, "finite");
    expectRefused("[load]\nrate = nan\n" + request, "finite");
    expectRefused("[event_loop]\ncpu_factor = -nan\n" + request, "finite");
    expectRefused("[load]\nrequests = -9223372036854775808\n" + request, "must be at least 1");
    expectRefused("[load]\nrequests = 9223372036854775807\n" + request, "must be at most 5,000,000");
    expectRefused("[fibers]\ntask_memory = -9223372036854775808\n" + request, "cannot be negative");
    expectRefused("[fibers]\ntask_memory = 9223372036854775807\n" + request, "must be at most 1GiB");
    expectRefused("[fibers]\ngomaxprocs = 2147483648\n" + request, "must be at most 1,024");
    expectRefused("[sweep]\nsteps = -2147483649\n" + request, "must be at least 2");
    expectRefused("seed = -9223372036854775808\n" + request, "`seed`");
}

TEST(ScenarioHostileInput, DurationsFarPastTheRangeOfNanosecondsAreErrors)
{
    const std::string request(kMinimalRequest);
    expectRefused("[load]\nduration = \"9999999999999s\"\n" + request, "far too long");
    expectRefused("[load]\nduration = \"" + repeat("9", 100'000) + "s\"\n" + request, "far too long");
    expectRefused("[load]\nduration = \"1." + repeat("9", 100'000) + "x\"\n" + request, "unknown unit `x`");
    expectRefused("[fibers]\nstack_initial = \"" + repeat("9", 1000) + "GiB\"\n" + request, "far too large");
}

TEST(ScenarioHostileInput, AVeryLongFractionIsReadExactly)
{
    const Scenario s =
        loadValid("[load]\nwarmup = \"0." + repeat("9", 100'000) + "s\"\n" + std::string(kMinimalRequest));
    EXPECT_EQ(s.load.warmup.count(), 1'000'000'000);
}

TEST(ScenarioHostileInput, TenMegabytesOfStringIsRefusedByTheSizeLimit)
{
    expectRefused("name = \"" + std::string(10'000'000, 'x') + "\"\n" + std::string(kMinimalRequest),
                  "a scenario file can be at most 1,048,576 bytes");
}

TEST(ScenarioHostileInput, LongStringsUnderTheLimitAreClippedInMessages)
{
    const LoadResult r =
        load("[threads]\nmode = \"" + std::string(900'000, 'p') + "\"\n" + std::string(kMinimalRequest));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_LT(r.errors[0].message.size(), 400u);
    const LoadResult unit =
        load("[load]\nwarmup = \"5" + std::string(900'000, 'q') + "\"\n" + std::string(kMinimalRequest));
    ASSERT_EQ(unit.errors.size(), 1u);
    EXPECT_LT(unit.errors[0].message.size(), 400u);
    const LoadResult key = load(std::string(900'000, 'k') + " = 1\n" + std::string(kMinimalRequest));
    ASSERT_EQ(key.errors.size(), 1u);
    EXPECT_LT(key.errors[0].message.size(), 400u);
}

TEST(ScenarioHostileInput, ManySmallTablesParseWithinTheSizeLimit)
{
    expectRefused("x = [" + repeat("{},", 300'000) + "]\n" + std::string(kMinimalRequest), "unknown key `x`");
}

TEST(ScenarioHostileInput, ManyStepsAndPoolsAreFine)
{
    const std::string steps = "[request]\nsteps = [" + repeat("{ io = \"1us\", pool = \"p999\" },", 20'000) + "]\n";
    std::string pools = "[pools]\n";
    for (int i = 0; i < 1000; ++i)
        pools += "p" + std::to_string(i) + " = 1\n";
    const Scenario s = loadValid(pools + steps);
    EXPECT_EQ(s.steps.size(), 20'000u);
    EXPECT_EQ(s.steps.back().pool, 999);
    expectRefused(pools + "extra = 1\n" + steps, "the limit is 1000");
}

TEST(ScenarioHostileInput, ThousandsOfBadStepsStopAfterAHundredErrors)
{
    std::string pools = "[pools]\n";
    for (int i = 0; i < 1000; ++i)
        pools += "pool" + std::to_string(i) + " = 1\n";
    const LoadResult r =
        load(pools + "[request]\nsteps = [" + repeat("{ io = \"1us\", pool = \"missing\" },", 30'000) + "]\n");
    ASSERT_EQ(r.errors.size(), 101u);
    EXPECT_NE(r.errors.back().message.find("too many errors: stopped after the first 100"), std::string::npos);
    EXPECT_EQ(r.errors.back().line, 0);
}

TEST(ScenarioHostileInput, BinaryGarbageAndInvalidUtf8AreSyntaxErrors)
{
    expectRefused(std::string("\x00\xff\xfe garbage", 12), "TOML syntax error");
    expectRefused("name = \"\xc3\x28\"\n", "TOML syntax error");
    expectRefused("name = \"x\"\n\x7f = 1\n", "TOML syntax error");
}

TEST(ScenarioHostileInput, HostileOverridesAreErrors)
{
    const std::string request(kMinimalRequest);
    expectRefused(request, "not a dotted key", {repeat("a.", 100) + "a=1"});
    expectRefused(request, "more than 16 dotted parts", {"x={ a" + repeat(".a", 200'000) + " = 1 }"});
    expectRefused(request, "the limit is 1,048,576", {"name=" + std::string(2'000'000, 'x')});
    expectRefused(request, "not valid UTF-8", {"name=\xc3\x28"});
    expectRefused(request, "an override needs the form key=value", {""});
    expectRefused(request, "not a dotted key", {"=5"});
    expectRefused(request, "must be a finite number", {"load.rate=nan"});
}

// Found by fuzz/set_fuzzer: the pool loaded, and its name made toToml's file unreadable.
TEST(ScenarioHostileInput, AnOverrideKeyThatIsNotUtf8IsRefusedAtThatKey)
{
    const LoadResult r = load(kMinimalRequest, {"pools.\"p\x98ol\"=3"});
    ASSERT_FALSE(r.ok()) << "a pool named by invalid UTF-8 cannot be written back";
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    EXPECT_EQ(r.errors[0].file, "<--set>");
    EXPECT_EQ(r.errors[0].column, 7);
    EXPECT_NE(r.errors[0].message.find("the key is not valid UTF-8 text"), std::string::npos) << formatted(r);
}

TEST(ScenarioHostileInput, AByteOrderMarkAndWindowsLineEndingsAreAccepted)
{
    const Scenario s = loadValid("\xEF\xBB\xBFname = \"bom\"\r\n[request]\r\nsteps = [ { cpu = \"1ms\" } ]\r\n");
    EXPECT_EQ(s.name, "bom");
}

} // namespace
} // namespace conviz::scenario::test
