// Values out of range, limits on the whole run, the sweep, and checks that span keys.
#include "test_support.h"

namespace conviz::scenario::test {
namespace {

INSTANTIATE_TEST_SUITE_P(
    Ranges, ScenarioError,
    ::testing::Values(
        ErrorCase{"NoCores", "[machine]\ncores = 0\n", 2, 9, "`machine.cores`: must be at least 1, got 0"},
        ErrorCase{"TooManyCores", "[machine]\ncores = 1025\n", 2, 9,
                  "`machine.cores`: must be at most 1,024, got 1,025"},
        ErrorCase{"NoRequests", "[load]\nrequests = 0\n", 2, 12, "must be at least 1, got 0"},
        ErrorCase{"TooManyRequests", "[load]\nrequests = 5000001\n", 2, 12, "must be at most 5,000,000"},
        ErrorCase{"TooManyClients", "[load]\nclients = 1000001\n", 2, 11, "`load.clients`: must be at most 1,000,000"},
        ErrorCase{"BatchOfZero", "[load]\ncount = 0\n", 2, 9, "`load.count`: must be at least 1"},
        ErrorCase{"ZeroRate", "[load]\nrate = 0.0\n", 2, 8, "`load.rate`: must be greater than 0, got 0"},
        ErrorCase{"AbsurdRate", "[load]\nrate = 1e300\n", 2, 8, "`load.rate`: must be at most 1000000000, got 1e+300"},
        ErrorCase{"EmptyPool", "[pools]\ndb = 0\n", 2, 6, "`pools.db`: must be at least 1, got 0"},
        ErrorCase{"HugePool", "[pools]\ndb = 1000001\n", 2, 6, "must be at most 1,000,000"},
        ErrorCase{"NoThreadpool", "[event_loop]\nthreadpool = 0\n", 2, 14,
                  "`event_loop.threadpool`: must be at least 1"},
        ErrorCase{"ThreadpoolPastLibuvCap", "[event_loop]\nthreadpool = 1025\n", 2, 14, "must be at most 1,024"},
        ErrorCase{"NoProcesses", "[event_loop]\nprocesses = 0\n", 2, 13, "must be at least 1"},
        ErrorCase{"TooManyProcesses", "[event_loop]\nprocesses = 1025\n", 2, 13, "must be at most 1,024"},
        ErrorCase{"ZeroCpuFactor", "[event_loop]\ncpu_factor = 0.0\n", 2, 14,
                  "`event_loop.cpu_factor`: must be greater than 0"},
        ErrorCase{"NegativeAlloc", "[request]\nsteps = [ { cpu = \"1ms\" } ]\nalloc = \"-5KiB\"\n", 3, 9,
                  "`request.alloc`: a size cannot be negative, got \"-5KiB\""},
        ErrorCase{"AllocIsNotASize", "[request]\nsteps = [ { cpu = \"1ms\" } ]\nalloc = \"lots\"\n", 3, 9,
                  "`request.alloc`: expected a size like \"16KiB\""},
        ErrorCase{"NoGogc", "[fibers]\ngogc = 0\n", 2, 8, "`fibers.gogc`: must be at least 1, got 0"},
        ErrorCase{"NoYoungSpace", "[event_loop]\ngc_young_space = 0\n", 2, 18,
                  "`event_loop.gc_young_space`: must be at least 1B"},
        ErrorCase{"TooManyGomaxprocs", "[fibers]\ngomaxprocs = 1025\n", 2, 14, "must be at most 1,024"},
        ErrorCase{"TooManyFiberThreads", "[fibers]\nmax_threads = 4000001\n", 2, 15, "must be at most 4,000,000"},
        ErrorCase{"NoFiberThreads", "[fibers]\nmax_threads = 0\n", 2, 15, "must be at least 1"},
        ErrorCase{"ZeroFiberTimeSlice", "[fibers]\ntime_slice = \"0ns\"\n", 2, 14,
                  "`fibers.time_slice`: must be greater than 0ns, got 0ns"},
        ErrorCase{"ZeroNetpollInterval", "[fibers]\nnetpoll_interval = \"0s\"\n", 2, 20, "must be greater than 0ns"},
        ErrorCase{"NoLocalQueue", "[fibers]\nlocal_queue = 0\n", 2, 15, "`fibers.local_queue`: must be at least 1"},
        ErrorCase{"HugeLocalQueue", "[fibers]\nlocal_queue = 4097\n", 2, 15, "must be at most 4,096"},
        ErrorCase{"ZeroGlobalCheckInterval", "[fibers]\nglobal_check_interval = 0\n", 2, 25, "must be at least 1"},
        ErrorCase{"ZeroStackCopyBandwidth", "[fibers]\nstack_copy_bytes_per_ns = 0\n", 2, 27, "must be greater than 0"},
        ErrorCase{"ZeroInitialStack", "[fibers]\nstack_initial = 0\n", 2, 17, "must be at least 1B, got 0 bytes"},
        ErrorCase{"HugeInitialStack", "[fibers]\nstack_initial = \"2GiB\"\n", 2, 17,
                  "`fibers.stack_initial`: must be at most 1GiB, got 2GiB"},
        ErrorCase{"HugeThreadStack", "[threads]\nstack_reserved = \"1025MiB\"\n", 2, 18, "must be at most 1GiB"},
        ErrorCase{"HugeStackStep", "[request]\nsteps = [ { stack = \"2GiB\" } ]\n", 2, 21,
                  "`stack`: must be at most 1GiB"},
        ErrorCase{"NoThreadPool", "[threads]\npool_size = 0\n", 2, 13, "`threads.pool_size`: must be at least 1"},
        ErrorCase{"TooManyThreads", "[threads]\nmax_threads = 4000001\n", 2, 15, "must be at most 4,000,000"},
        ErrorCase{"DurationOverAnHour", "[load]\nwarmup = \"3601s\"\n", 2, 10,
                  "`load.warmup`: must be at most 3600s (one hour), got 3601s"},
        ErrorCase{"StepOverAnHour", "[request]\nsteps = [ { io = \"3600.000000001s\" } ]\n", 2, 18,
                  "must be at most 3600s"},
        ErrorCase{"CostOverAnHour", "[threads]\nspawn_cost = \"3601000000us\"\n", 2, 14, "must be at most 3600s"},
        ErrorCase{"HugeCountFromInt64", "[machine]\ncores = 9223372036854775807\n", 2, 9,
                  "got 9,223,372,036,854,775,807"},
        ErrorCase{"SaturationRatioOfOne", "[narration]\nsaturation_ratio = 1.0\n", 2, 20,
                  "`narration.saturation_ratio`: must be greater than 1, got 1"},
        ErrorCase{"NoLoopLagAlert", "[narration]\nloop_lag_alert = \"0ms\"\n", 2, 18,
                  "`narration.loop_lag_alert`: must be greater than 0ns"},
        ErrorCase{"MisspeltNarrationKey", "[narration]\nonset_window = 3\n", 2, 1, "did you mean `onset_windows`"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    RunLimits, ScenarioError,
    ::testing::Values(
        ErrorCase{"TooManyTasksPerRequest",
                  "[load]\nrequests = 1\n[request]\nsteps = [ { fanout = 1000, steps = [ { fanout = 100, steps = [ { "
                  "cpu = \"1us\" } ] } ] } ]\n",
                  4, 9,
                  "one request creates 101,001 tasks (itself plus every fan-out child; nested fan-outs multiply); the "
                  "limit is 100,000"},
        ErrorCase{"AstronomicalFanOutProduct",
                  "[request]\nsteps = [ { fanout = 100000, steps = [ { fanout = 100000, steps = [ { fanout = 100000, "
                  "steps = [ "
                  "{ fanout = 100000, steps = [ { cpu = \"1us\" } ] } ] } ] } ] } ]\n",
                  2, 9, "one request creates over 50,000,000,000 tasks"},
        ErrorCase{
            "TooManyTasksInTheRun",
            "[load]\nrequests = 1000000\n[request]\nsteps = [ { fanout = 100, steps = [ { cpu = \"1us\" } ] } ]\n", 2,
            12,
            "1,000,000 requests × 101 tasks each = 101,000,000 tasks, more than the limit of 50,000,000; lower "
            "`load.requests`"},
        ErrorCase{"TooManyTasksInABatch",
                  "[load]\nkind = \"batch\"\ncount = 1000000\n[request]\nsteps = [ { fanout = 100, steps = [ { cpu = "
                  "\"1us\" } ] } ]\n",
                  3, 9, "lower `load.count`"},
        ErrorCase{"TooManyTasksWithDefaultRequests",
                  "[request]\nsteps = [ { fanout = 5000, steps = [ { cpu = \"1us\" } ] } ]\n", 2, 9,
                  "20,000 requests × 5,001 tasks each"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    CrossChecks, ScenarioError,
    ::testing::Values(
        ErrorCase{"TouchedStackBeyondReserved", "[threads]\nstack_reserved = \"64KiB\"\nstack_touched = \"128KiB\"\n",
                  3, 17, "`threads.stack_touched` (128KiB) cannot exceed `threads.stack_reserved` (64KiB)"},
        ErrorCase{"ReservedStackBelowDefaultCommitted", "[fibers]\nthread_stack_reserved = \"4KiB\"\n", 2, 25,
                  "`fibers.thread_stack_committed` (8KiB) cannot exceed `fibers.thread_stack_reserved` (4KiB)"},
        ErrorCase{"EventLoopCommittedBeyondReserved", "[event_loop]\nthread_stack_committed = \"16MiB\"\n", 2, 26,
                  "cannot exceed `event_loop.thread_stack_reserved` (8MiB)"},
        ErrorCase{"WarmupAsLongAsTheRun", "[load]\nduration = \"10s\"\nwarmup = \"10s\"\n", 3, 10,
                  "`load.warmup` (10s) must be shorter than `load.duration` (10s)"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    Sweep, ScenarioError,
    ::testing::Values(
        ErrorCase{"SweepOfUnknownKey", "[sweep]\nparam = \"load.rat\"\nfrom = 1.0\nto = 2.0\n", 2, 9,
                  "`sweep.param`: \"load.rat\" is not a numeric key a sweep can vary; did you mean `load.rate`?"},
        ErrorCase{"SweepOfATextKey", "[sweep]\nparam = \"threads.mode\"\nfrom = 1.0\nto = 2.0\n", 2, 9,
                  "is not a numeric key"},
        ErrorCase{"SweepOfAnUndefinedPool", "[pools]\ndb = 4\n[sweep]\nparam = \"pools.dbx\"\nfrom = 1.0\nto = 2.0\n",
                  4, 9, "did you mean `pools.db`?"},
        ErrorCase{"SweepWithoutRange", "[sweep]\nparam = \"load.rate\"\n", 1, 1,
                  "a sweep of `load.rate` needs both `from` and `to`"},
        ErrorCase{"SweepOfOneStep", "[sweep]\nsteps = 1\n", 2, 9, "`sweep.steps`: must be at least 2, got 1"},
        ErrorCase{"SweepOfTooManySteps", "[sweep]\nsteps = 1001\n", 2, 9, "must be at most 1,000"},
        ErrorCase{"LogSweepFromZero", "[sweep]\nparam = \"load.rate\"\nfrom = 0.0\nto = 100.0\nlog = true\n", 3, 8,
                  "`sweep.from`: a log sweep needs values above 0, got 0"},
        ErrorCase{"SweepPastTheKeysRange", "[sweep]\nparam = \"machine.cores\"\nfrom = 1.0\nto = 2000.0\n", 4, 6,
                  "`sweep.to`: 2000 is outside what `machine.cores` accepts (from 1 to 1024)"},
        ErrorCase{"SweepBelowAnExclusiveMinimum", "[sweep]\nparam = \"load.rate\"\nfrom = 0.0\nto = 10.0\n", 3, 8,
                  "outside what `load.rate` accepts (above 0 to 1000000000)"},
        ErrorCase{"SweepOfACountWithAUnit", "[sweep]\nparam = \"machine.cores\"\nfrom = \"1ms\"\nto = 2.0\n", 3, 8,
                  "`sweep.from`: expected a number, got string \"1ms\""},
        ErrorCase{"SweepOfADurationPastAnHour", "[sweep]\nparam = \"load.warmup\"\nfrom = \"1ms\"\nto = \"2h\"\n", 4, 6,
                  "minutes and hours"},
        ErrorCase{"SweepOfADurationPastItsRange", "[sweep]\nparam = \"load.warmup\"\nfrom = \"1ms\"\nto = \"3601s\"\n",
                  4, 6,
                  "`sweep.to`: 3601000000000 ns is outside what `load.warmup` accepts (from 0 to 3600000000000 ns)"},
        ErrorCase{"SweepWithInfiniteEnd", "[sweep]\nparam = \"load.rate\"\nfrom = 1.0\nto = inf\n", 4, 6,
                  "`sweep.to`: must be a finite number"}),
    caseName);

TEST(ScenarioErrors, ANameLongerThanALabelIsRefused)
{
    const LoadResult r = load("name = \"" + std::string(201, 'x') + "\"\n" + std::string(kMinimalRequest));
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    EXPECT_EQ(r.errors[0].line, 1);
    EXPECT_EQ(r.errors[0].column, 8);
    EXPECT_NE(r.errors[0].message.find("`name`: is 201 bytes long; the limit is 200"), std::string::npos);
}

TEST(ScenarioErrors, FanOutsNestedPastTheLimitAreRefusedAtTheFirstTooDeepFanOut)
{
    std::string steps = "[ { cpu = \"1ms\" } ]";
    for (int i = 0; i <= limits::maxNesting; ++i)
        steps = "[ { fanout = 1, steps = " + steps + " } ]";
    const std::string text = "[request]\nsteps = " + steps + "\n";
    const LoadResult r = load(text);
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    // The ninth `fanout` key, counted from the outside.
    std::size_t at = 0;
    for (int i = 0; i < limits::maxNesting + 1; ++i)
        at = text.find("fanout", at + 1);
    const std::size_t lineStart = text.find('\n') + 1;
    EXPECT_EQ(r.errors[0].line, 2);
    EXPECT_EQ(r.errors[0].column, static_cast<int>(at - lineStart + 1));
    EXPECT_NE(r.errors[0].message.find("fan-outs are nested more than 8 deep; the limit is 8 levels"),
              std::string::npos)
        << formatted(r);
}

TEST(ScenarioErrors, AFileWithoutARequestSaysSoWithoutAPosition)
{
    const LoadResult r = load("[machine]\ncores = 2\n");
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    EXPECT_EQ(r.errors[0].line, 0);
    EXPECT_EQ(r.errors[0].column, 0);
    EXPECT_NE(r.errors[0].message.find("no [request] table"), std::string::npos);
    EXPECT_EQ(r.errors[0].format().rfind("test.toml: error: ", 0), 0u) << r.errors[0].format();
}

TEST(ScenarioErrors, AnEmptyFileNeedsARequest)
{
    const LoadResult r = load("");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].message.find("no [request] table"), std::string::npos);
}

TEST(ScenarioErrors, ErrorsWithoutAPositionComeAfterPositionedOnes)
{
    const LoadResult r = load("[machine]\ncores = 0\n");
    ASSERT_EQ(r.errors.size(), 2u) << formatted(r);
    EXPECT_EQ(r.errors[0].line, 2);
    EXPECT_EQ(r.errors[1].line, 0);
}

TEST(ScenarioErrors, AnUnknownKeyInAStepDoesNotAlsoReportAMissingKind)
{
    const LoadResult r = load("[request]\nsteps = [ { cpus = \"1ms\" } ]\n");
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
}

TEST(ScenarioErrors, EveryBadStepIsReportedNotOnlyTheFirst)
{
    const LoadResult r = load("[request]\nsteps = [\n  { cpu = 1 },\n  { io = \"1mx\" },\n  { fanout = 2, steps = [ { "
                              "stack = \"1KB\" } ] },\n]\n");
    ASSERT_EQ(r.errors.size(), 3u) << formatted(r);
    EXPECT_EQ(r.errors[0].line, 3);
    EXPECT_EQ(r.errors[1].line, 4);
    EXPECT_EQ(r.errors[2].line, 5);
}

} // namespace
} // namespace conviz::scenario::test
