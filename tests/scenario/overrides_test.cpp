// --set key=value overrides: applied to the document before validation, reported as "<--set>".
#include "test_support.h"

#include <cmath>

namespace conviz::scenario::test {
namespace {

using namespace conviz::literals;

TEST(ScenarioOverrides, TheDocumentedExamplesWork)
{
    const Scenario s = loadValid(kMinimalRequest, {"load.rate=900", "fibers.gomaxprocs=8", "seed=3",
                                                   "threads.mode=pool", "event_loop.callback_cost=5us"});
    EXPECT_EQ(s.load.rate, 900.0);
    EXPECT_EQ(s.fibers.gomaxprocs, 8);
    EXPECT_EQ(s.seed, 3u);
    EXPECT_EQ(s.threads.mode, ThreadMode::Pool);
    EXPECT_EQ(s.eventLoop.callbackCost, 5_us);
}

TEST(ScenarioOverrides, AQuotedStringAndABareWordMeanTheSame)
{
    EXPECT_EQ(loadValid(kMinimalRequest, {"threads.mode=\"pool\""}).threads.mode, ThreadMode::Pool);
    EXPECT_EQ(loadValid(kMinimalRequest, {"threads.mode=pool"}).threads.mode, ThreadMode::Pool);
    EXPECT_EQ(loadValid(kMinimalRequest, {"fibers.time_slice=\"5ms\""}).fibers.timeSlice, 5_ms);
}

TEST(ScenarioOverrides, AnOverrideReplacesTheValueInTheFile)
{
    const Scenario s = loadValid("[load]\nrate = 100.0\n" + std::string(kMinimalRequest), {"load.rate=250.5"});
    EXPECT_EQ(s.load.rate, 250.5);
}

TEST(ScenarioOverrides, TablesAreCreatedWhenTheFileHasNone)
{
    const Scenario s = loadValid(
        kMinimalRequest, {"fibers.stack_initial=8KiB", "sweep.param=load.rate", "sweep.from=10", "sweep.to=20.5"});
    EXPECT_EQ(s.fibers.stackInitial, 8 * KiB);
    EXPECT_EQ(s.sweep, (SweepSpec{"load.rate", 10.0, 20.5, 10, false}));
}

TEST(ScenarioOverrides, LaterOverridesWin)
{
    EXPECT_EQ(loadValid(kMinimalRequest, {"machine.cores=2", "machine.cores=16"}).machine.cores, 16);
}

TEST(ScenarioOverrides, AnOverrideCanDefineAPoolTheFileUses)
{
    const Scenario s = loadValid("[request]\nsteps = [ { io = \"1ms\", pool = \"cache\" } ]\n", {"pools.cache=5"});
    ASSERT_EQ(s.pools.size(), 1u);
    EXPECT_EQ(s.pools[0], (Pool{"cache", 5}));
    EXPECT_EQ(s.steps[0].pool, 0);
}

TEST(ScenarioOverrides, PoolsAddedByOverridesComeAfterThePoolsOfTheFile)
{
    const Scenario s = loadValid("[pools]\nzz = 1\n" + std::string(kMinimalRequest), {"pools.bb=2", "pools.aa=3"});
    ASSERT_EQ(s.pools.size(), 3u);
    EXPECT_EQ(s.pools[0].name, "zz");
    EXPECT_EQ(s.pools[1].name, "bb");
    EXPECT_EQ(s.pools[2].name, "aa");
}

TEST(ScenarioOverrides, AWholeArrayOfStepsCanBeSet)
{
    const Scenario s =
        loadValid(kMinimalRequest, {"request.steps=[{ io = \"2ms\" }, { cpu = \"1us\", dist = \"exp\" }]"});
    ASSERT_EQ(s.steps.size(), 2u);
    EXPECT_EQ(s.steps[0].duration.mean, 2_ms);
    EXPECT_EQ(s.steps[1].duration.kind, Distribution::Exponential);
}

TEST(ScenarioOverrides, KeyPartsMayBeQuotedLikeTomlKeys)
{
    const Scenario s =
        loadValid("[pools]\n\"my db\" = 1\n" + std::string(kMinimalRequest), {"pools.\"my db\"=7", "\"load\".rate=3"});
    EXPECT_EQ(s.pools[0], (Pool{"my db", 7}));
    EXPECT_EQ(s.load.rate, 3.0);
}

TEST(ScenarioOverrides, SpacesAroundTheKeyAndValueAreAllowed)
{
    EXPECT_EQ(loadValid(kMinimalRequest, {" load.rate = 900 "}).load.rate, 900.0);
    EXPECT_EQ(loadValid(kMinimalRequest, {"threads.mode= pool"}).threads.mode, ThreadMode::Pool);
}

struct BadOverride {
    const char *name;
    const char *text;
    int column;
    const char *expected;
};

std::ostream &operator<<(std::ostream &os, const BadOverride &c) { return os << c.name; }

class ScenarioBadOverride : public ::testing::TestWithParam<BadOverride> {};

TEST_P(ScenarioBadOverride, IsReportedAgainstTheOverrideWithItsText)
{
    const BadOverride &c = GetParam();
    const LoadResult r = load(kMinimalRequest, {"load.rate=900", c.text});
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    const Diagnostic &d = r.errors[0];
    EXPECT_EQ(d.file, "<--set>");
    EXPECT_EQ(d.line, 2) << "the second --set";
    EXPECT_EQ(d.column, c.column) << d.format();
    EXPECT_NE(d.message.find(c.expected), std::string::npos) << d.format();
    // The override is quoted as given (a newline shows as \n).
    const std::string text = c.text;
    EXPECT_NE(d.message.find("(in --set " + text.substr(0, text.find('\n'))), std::string::npos) << d.format();
}

INSTANTIATE_TEST_SUITE_P(
    ScenarioOverrides, ScenarioBadOverride,
    ::testing::Values(
        BadOverride{"UnknownKey", "load.rat=900", 6, "unknown key `rat` in [load]; did you mean `rate`?"},
        BadOverride{"UnknownTable", "fiber.gomaxprocs=8", 1,
                    "unknown key `fiber` at the top level; did you mean `fibers`?"},
        BadOverride{"WrongType", "fibers.gomaxprocs=eight", 19,
                    "`fibers.gomaxprocs`: expected a whole number, got string \"eight\""},
        BadOverride{"OutOfRange", "machine.cores=0", 15, "`machine.cores`: must be at least 1, got 0"},
        BadOverride{"BadUnit", "event_loop.callback_cost=5uss", 26, "unknown unit `uss` in \"5uss\""},
        BadOverride{"DurationWithoutUnit", "fibers.time_slice=10", 19,
                    "expected a duration string like \"5ms\", got integer 10"},
        BadOverride{"BadChoice", "threads.mode=pooled", 14,
                    "unknown thread mode \"pooled\"; expected per-request or pool"},
        BadOverride{"NoEqualsSign", "load.rate", 1, "an override needs the form key=value, e.g. load.rate=900"},
        BadOverride{"EmptyKeyPart", "load..rate=1", 1, "`load..rate` is not a dotted key like load.rate"},
        BadOverride{"UnterminatedQuotedKey", "pools.\"my db=1", 1, "is not a dotted key"},
        BadOverride{"KeyWithASpace", "load.ra te=1", 1, "is not a dotted key"},
        BadOverride{"InsideAValue", "load.rate.max=1", 6,
                    "cannot set a key inside `load.rate`: it is an integer, not a table"},
        BadOverride{"ReplacingATable", "machine=4", 9,
                    "`machine`: expected a table (a [machine] section), got integer 4"},
        BadOverride{"BadStepInsideTheValue", "request.steps=[{cpu=5}]", 21, "`cpu`: expected a duration string"},
        BadOverride{"UndefinedPool", "request.steps=[{io=\"1ms\",pool=\"db\"}]", 31, "pool \"db\" is not defined"},
        BadOverride{"ValueSpanningLines", "load.rate=1\nx=2", 11, "expected a number, got string \"1\\nx=2\""}),
    [](const ::testing::TestParamInfo<BadOverride> &param) { return std::string(param.param.name); });

TEST(ScenarioOverrides, OverrideErrorsComeAfterTheFileErrors)
{
    const LoadResult r = load("[machine]\ncores = 0\n" + std::string(kMinimalRequest), {"load.rat=1", "fibers.x=1"});
    ASSERT_EQ(r.errors.size(), 3u) << formatted(r);
    EXPECT_EQ(r.errors[0].file, "test.toml");
    EXPECT_EQ(r.errors[1].format().rfind("<--set>:1:6: error: unknown key `rat`", 0), 0u) << formatted(r);
    EXPECT_EQ(r.errors[2].format().rfind("<--set>:2:8: error: unknown key `x`", 0), 0u) << formatted(r);
}

TEST(ScenarioOverrides, AnOverrideCanFixAnInvalidFile)
{
    const Scenario s = loadValid("[machine]\ncores = 0\n" + std::string(kMinimalRequest), {"machine.cores=2"});
    EXPECT_EQ(s.machine.cores, 2);
}

TEST(ScenarioOverrides, AFileWithASyntaxErrorReportsOnlyThatError)
{
    const LoadResult r = load("[machine\n", {"load.rat=1"});
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    EXPECT_EQ(r.errors[0].file, "test.toml");
}

TEST(ScenarioOverrides, SweepOverridesSetANumericKeyInItsUnit)
{
    EXPECT_EQ(sweepOverride("load.rate", 900.0), "load.rate=900.0");
    EXPECT_EQ(sweepOverride("machine.cores", 7.6), "machine.cores=8");
    EXPECT_EQ(sweepOverride("fibers.switch_cost", 150.2), "fibers.switch_cost=150ns");
    EXPECT_EQ(sweepOverride("threads.stack_reserved", 65536), "threads.stack_reserved=65536");
    EXPECT_EQ(sweepOverride("pools.db", 12.0), "pools.db=12");
    EXPECT_EQ(sweepOverride("pools.my db", 3.0), "pools.\"my db\"=3");
    EXPECT_EQ(sweepOverride("threads.mode", 1.0), std::nullopt);
    EXPECT_EQ(sweepOverride("nonsense", 1.0), std::nullopt);
}

TEST(ScenarioOverrides, SweepOverridesLoadAndAreValidated)
{
    for (const char *param : {"load.rate", "machine.cores", "fibers.switch_cost", "threads.stack_reserved"}) {
        const auto set = sweepOverride(param, 65536.0);
        ASSERT_TRUE(set.has_value()) << param;
        const LoadResult r = load("[pools]\ndb = 1\n" + std::string(kMinimalRequest), {*set});
        if (std::string(param) == "machine.cores")
            EXPECT_FALSE(r.ok()) << "65536 cores is past the limit";
        else
            EXPECT_TRUE(r.ok()) << formatted(r);
    }
    const LoadResult nan = load(kMinimalRequest, {*sweepOverride("machine.cores", std::nan(""))});
    EXPECT_FALSE(nan.ok());
}

} // namespace
} // namespace conviz::scenario::test
