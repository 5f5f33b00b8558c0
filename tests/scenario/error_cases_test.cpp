// Every class of error in a scenario file: a diagnostic at the offending key or value, with a
// sentence that carries the key facts. One row per case: the snippet, where, and what it says.
#include "test_support.h"

namespace conviz::scenario::test {
namespace {

TEST_P(ScenarioError, IsReportedAtTheOffendingPositionWithAClearMessage) { expectSingleError(GetParam()); }

// TOML itself: toml++ reports the position.
INSTANTIATE_TEST_SUITE_P(
    Syntax, ScenarioError,
    ::testing::Values(ErrorCase{"UnterminatedString", "name = \"CRUD\n", 1, 13, "TOML syntax error"},
                      ErrorCase{"MissingValue", "[machine]\ncores =\n", 2, 8, "TOML syntax error"},
                      ErrorCase{"DuplicateKey", "[machine]\ncores = 4\ncores = 8\n", 3, 9, "TOML syntax error"},
                      ErrorCase{"IntegerTooLargeForToml", "[machine]\ncores = 99999999999999999999\n", 2, 29,
                                "TOML syntax error"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    UnknownKeys, ScenarioError,
    ::testing::Values(
        ErrorCase{"TopLevelTypo", "nmae = \"x\"\n", 1, 1, "unknown key `nmae` at the top level; did you mean `name`?"},
        ErrorCase{"UnknownTable", "[prices]\nx = 1\n", 1, 2,
                  "unknown key `prices` at the top level; valid keys are name,"},
        ErrorCase{"MachineKeyWithoutMatch", "[machine]\ncpus = 4\n", 2, 1,
                  "unknown key `cpus` in [machine]; valid keys are cores"},
        ErrorCase{"FiberTypo", "[fibers]\ngomaxproc = 8\n", 2, 1, "in [fibers]; did you mean `gomaxprocs`?"},
        ErrorCase{"FiberCamelCase", "[fibers]\nstackInitial = \"2KiB\"\n", 2, 1, "did you mean `stack_initial`?"},
        ErrorCase{"EventLoopTypo", "[event_loop]\nthread_pool = 8\n", 2, 1,
                  "in [event_loop]; did you mean `threadpool`?"},
        ErrorCase{"ThreadsTypo", "[threads]\nstack_reserve = \"1MiB\"\n", 2, 1, "did you mean `stack_reserved`?"},
        ErrorCase{"LoadTypo", "[load]\nthink_distribution = \"exp\"\n", 2, 1, "did you mean `think_dist`?"},
        ErrorCase{"SweepTypo", "[sweep]\nparams = \"load.rate\"\n", 2, 1, "in [sweep]; did you mean `param`?"},
        ErrorCase{"RequestTypo", "[request]\nstep = [ { cpu = \"1ms\" } ]\n", 2, 1, "did you mean `steps`?"},
        ErrorCase{"StepTypo", "[request]\nsteps = [ { cpus = \"1ms\" } ]\n", 2, 13,
                  "unknown key `cpus` in a step; did you mean `cpu`?"},
        ErrorCase{"EventLoopSpelledAsOneWord", "[eventloop]\n", 1, 2, "did you mean `event_loop`?"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    WrongTypes, ScenarioError,
    ::testing::Values(
        ErrorCase{"DurationAsInteger", "[load]\nthink = 5\n", 2, 9,
                  "expected a duration string like \"5ms\", got integer 5 (durations need a unit: write \"5ms\""},
        ErrorCase{"ZeroDurationAsInteger", "[fibers]\nswitch_cost = 0\n", 2, 15, "write \"0ns\""},
        ErrorCase{"DurationAsFloat", "[fibers]\ntime_slice = 10.5\n", 2, 14, "got float 10.5"},
        ErrorCase{"CountInQuotes", "[machine]\ncores = \"4\"\n", 2, 9,
                  "expected a whole number, got string \"4\" (write 4 without quotes)"},
        ErrorCase{"CountAsFloat", "[machine]\ncores = 4.0\n", 2, 9,
                  "got float 4.0 (write 4 without the decimal point)"},
        ErrorCase{"CountAsFraction", "[load]\nrequests = 10.5\n", 2, 12, "expected a whole number, got float 10.5"},
        ErrorCase{"RealInQuotes", "[load]\nrate = \"800\"\n", 2, 8,
                  "expected a number, got string \"800\" (write 800 without quotes)"},
        ErrorCase{"SizeAsFloat", "[fibers]\nstack_initial = 2.5\n", 2, 17,
                  "expected a size like \"16KiB\" or a whole number of bytes"},
        ErrorCase{"SizeAsBoolean", "[threads]\nstack_reserved = true\n", 2, 18, "got boolean true"},
        ErrorCase{"NameAsInteger", "name = 5\n", 1, 8, "`name`: expected a string in quotes, got integer 5"},
        ErrorCase{"OffloadAsInteger", "[request]\nsteps = [ { cpu = \"1ms\", offload = 1 } ]\n", 2, 36,
                  "expected true or false, got integer 1"},
        ErrorCase{"LogAsString", "[sweep]\nlog = \"yes\"\n", 2, 7, "`sweep.log`: expected true or false"},
        ErrorCase{"SectionAsValue", "machine = 4\n", 1, 11,
                  "`machine`: expected a table (a [machine] section), got integer 4"},
        ErrorCase{"StepsAsTable", "[request]\nsteps = { cpu = \"1ms\" }\n", 2, 9, "expected an array of steps"},
        ErrorCase{"StepAsString", "[request]\nsteps = [ \"cpu\" ]\n", 2, 11,
                  "expected a step like { cpu = \"1ms\" }, got string \"cpu\""},
        ErrorCase{"KindAsInteger", "[load]\nkind = 1\n", 2, 8,
                  "expected a load kind in quotes (open, closed or batch)"},
        ErrorCase{"SeedAsFloat", "seed = 4.2\n", 1, 8, "`seed`: expected a whole number from 0 to"},
        ErrorCase{"DateAsDuration", "[load]\nwarmup = 1979-05-27\n", 2, 10, "got a date"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    NegativeAndNonFinite, ScenarioError,
    ::testing::Values(
        ErrorCase{"NegativeRate", "[load]\nrate = -5.0\n", 2, 8, "`load.rate`: must be greater than 0, got -5"},
        ErrorCase{"NanRate", "[load]\nrate = nan\n", 2, 8, "`load.rate`: must be a finite number, got nan"},
        ErrorCase{"InfiniteRate", "[load]\nrate = inf\n", 2, 8, "must be a finite number, got inf"},
        ErrorCase{"NegativeInfiniteCpuFactor", "[event_loop]\ncpu_factor = -inf\n", 2, 14,
                  "must be a finite number, got -inf"},
        ErrorCase{"NanStackCopy", "[fibers]\nstack_copy_bytes_per_ns = nan\n", 2, 27, "finite"},
        ErrorCase{"NegativeCores", "[machine]\ncores = -1\n", 2, 9, "`machine.cores`: must be at least 1, got -1"},
        ErrorCase{"NegativeGomaxprocs", "[fibers]\ngomaxprocs = -1\n", 2, 14, "cannot be negative, got -1"},
        ErrorCase{"NegativePool", "[pools]\ndb = -3\n", 2, 6, "`pools.db`: must be at least 1, got -3"},
        ErrorCase{"NegativeBytes", "[fibers]\ntask_memory = -1\n", 2, 15,
                  "`fibers.task_memory`: cannot be negative, got -1 bytes"},
        ErrorCase{"NegativeDuration", "[request]\nsteps = [ { cpu = \"-1ms\" } ]\n", 2, 19,
                  "`cpu`: a duration cannot be negative"},
        ErrorCase{"NegativeSize", "[threads]\nstack_touched = \"-8KiB\"\n", 2, 17, "a size cannot be negative"},
        ErrorCase{"NegativeSweepFrom", "[sweep]\nfrom = -1.0\n", 2, 8, "`sweep.from`: cannot be negative"},
        ErrorCase{"NegativeSeed", "seed = -1\n", 1, 8, "got integer -1"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    Units, ScenarioError,
    ::testing::Values(
        ErrorCase{"UnknownDurationUnit", "[load]\nwarmup = \"5mx\"\n", 2, 10,
                  "unknown unit `mx` in \"5mx\"; expected ns, us, ms or s"},
        ErrorCase{"DurationWithoutUnit", "[load]\nwarmup = \"5\"\n", 2, 10, "\"5\" has no unit"},
        ErrorCase{"DurationInSeconds", "[request]\nsteps = [ { io = \"5 sec\" } ]\n", 2, 18, "write \"5s\""},
        ErrorCase{"DurationInHours", "[load]\nduration = \"2h\"\n", 2, 12, "minutes and hours"},
        ErrorCase{"DurationNotANumber", "[load]\nwarmup = \"soon\"\n", 2, 10,
                  "expected a number with a unit, like \"5ms\", got \"soon\""},
        ErrorCase{"DurationOverflowingNanoseconds", "[load]\nduration = \"9999999999999s\"\n", 2, 12,
                  "\"9999999999999s\" is far too long; a duration can be at most \"3600s\""},
        ErrorCase{"KilobytesInsteadOfKibibytes", "[request]\nsteps = [ { stack = \"16KB\" } ]\n", 2, 21,
                  "unknown unit `KB` in \"16KB\"; use KiB"},
        ErrorCase{"LowercaseKibibytes", "[fibers]\nstack_initial = \"2kib\"\n", 2, 17, "use KiB"},
        ErrorCase{"Megabytes", "[threads]\nstack_reserved = \"8MB\"\n", 2, 18, "use MiB"},
        ErrorCase{"Gigabytes", "[fibers]\nruntime_memory = \"1GB\"\n", 2, 18, "use GiB"},
        ErrorCase{"UnknownSizeUnit", "[fibers]\nruntime_memory = \"1TiB\"\n", 2, 18, "expected B, KiB, MiB or GiB"},
        ErrorCase{"SizeStringWithoutUnit", "[fibers]\nstack_initial = \"2048\"\n", 2, 17,
                  "write bytes as a bare integer (2048)"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    Steps, ScenarioError,
    ::testing::Values(
        ErrorCase{"UndefinedPoolWithSuggestion",
                  "[pools]\ndb = 5\n[request]\nsteps = [ { io = \"1ms\", pool = \"dbx\" } ]\n", 4, 32,
                  "pool \"dbx\" is not defined in [pools]; did you mean `db`?"},
        ErrorCase{"UndefinedPoolWithoutPools", "[request]\nsteps = [ { io = \"1ms\", pool = \"db\" } ]\n", 2, 32,
                  "define it with a [pools] table, e.g. db = 20"},
        ErrorCase{"UndefinedPoolListsThePools",
                  "[pools]\ndb = 5\ncache = 2\n[request]\nsteps = [ { io = \"1ms\", pool = \"zzz\" } ]\n", 5, 32,
                  "the pools are db or cache"},
        ErrorCase{"PoolOnACpuStep", "[pools]\ndb = 5\n[request]\nsteps = [ { cpu = \"1ms\", pool = \"db\" } ]\n", 4, 33,
                  "`pool`: only an io step holds a pool connection; this is a cpu step"},
        ErrorCase{"OffloadOnAnIoStep", "[request]\nsteps = [ { io = \"1ms\", offload = true } ]\n", 2, 35,
                  "only a cpu step can be offloaded"},
        ErrorCase{"DistOnAFanout",
                  "[request]\nsteps = [ { fanout = 2, dist = \"exp\", steps = [ { cpu = \"1ms\" } ] } ]\n", 2, 32,
                  "`dist`: only cpu, io and blocking steps have a distribution; this is a fanout step"},
        ErrorCase{"P99OnAStack", "[request]\nsteps = [ { stack = \"4KiB\", p99 = \"1ms\" } ]\n", 2, 35,
                  "this is a stack step"},
        ErrorCase{"ChildStepsOnACpuStep", "[request]\nsteps = [ { cpu = \"1ms\", steps = [ { cpu = \"1ms\" } ] } ]\n",
                  2, 34, "only a fanout step has child steps"},
        ErrorCase{"StepWithoutKind", "[request]\nsteps = [ { dist = \"exp\" } ]\n", 2, 11,
                  "this step has no kind; give it one of cpu, io, blocking, fanout or stack"},
        ErrorCase{"EmptyStep", "[request]\nsteps = [ {} ]\n", 2, 11, "this step has no kind"},
        ErrorCase{"StepWithTwoKinds", "[request]\nsteps = [ { blocking = \"1ms\", cpu = \"1ms\" } ]\n", 2, 31,
                  "this step has both `blocking` and `cpu`; a step does one thing"},
        ErrorCase{"FanoutWithoutSteps", "[request]\nsteps = [ { fanout = 3 } ]\n", 2, 11,
                  "a fanout step needs `steps`"},
        ErrorCase{"FanoutWithNoChildren", "[request]\nsteps = [ { fanout = 3, steps = [] } ]\n", 2, 33,
                  "needs at least one step"},
        ErrorCase{"FanoutOfZero", "[request]\nsteps = [ { fanout = 0, steps = [ { cpu = \"1ms\" } ] } ]\n", 2, 22,
                  "`fanout`: must be at least 1, got 0"},
        ErrorCase{"FanoutAsString", "[request]\nsteps = [ { fanout = \"10\", steps = [ { cpu = \"1ms\" } ] } ]\n", 2,
                  22, "write 10 without quotes"},
        ErrorCase{"NoSteps", "[request]\nsteps = []\n", 2, 9, "`request.steps`: needs at least one step"},
        ErrorCase{"RequestWithoutSteps", "[request]\n", 1, 1, "[request] needs `steps`"},
        ErrorCase{"EmptyInlineRequest", "request = {}\n[machine]\ncores = 2\n", 1, 11, "[request] needs `steps`"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    Distributions, ScenarioError,
    ::testing::Values(
        ErrorCase{"LognormalWithoutP99", "[request]\nsteps = [ { io = \"1ms\", dist = \"lognormal\" } ]\n", 2, 32,
                  "a lognormal distribution needs `p99`"},
        ErrorCase{"P99NotAboveTheMean",
                  "[request]\nsteps = [ { io = \"5ms\", dist = \"lognormal\", p99 = \"5ms\" } ]\n", 2, 51,
                  "5ms is not above the mean 5ms; p99 must be between the mean and about 14.9× the mean"},
        ErrorCase{
            "P99FarAboveTheMean", "[request]\nsteps = [ { io = \"1ms\", dist = \"lognormal\", p99 = \"20ms\" } ]\n", 2,
            51,
            "20ms is too far above the mean 1ms; p99 must be between the mean and about 14.9× the mean (here above 1ms "
            "and at most about 14.97ms)"},
        ErrorCase{"P99WithExponential", "[request]\nsteps = [ { cpu = \"1ms\", dist = \"exp\", p99 = \"2ms\" } ]\n", 2,
                  46, "`p99`: only a lognormal distribution has a p99"},
        ErrorCase{"LognormalWithZeroMean",
                  "[request]\nsteps = [ { cpu = \"0ns\", dist = \"lognormal\", p99 = \"1ms\" } ]\n", 2, 19,
                  "a lognormal duration needs a mean above 0ns"},
        ErrorCase{"UnknownDistribution", "[request]\nsteps = [ { cpu = \"1ms\", dist = \"exponential\" } ]\n", 2, 33,
                  "unknown distribution \"exponential\"; expected const, exp or lognormal; did you mean `exp`?"},
        ErrorCase{"ThinkLognormalWithoutP99", "[load]\nthink = \"1s\"\nthink_dist = \"lognormal\"\n", 3, 14,
                  "`load.think_dist`: a lognormal distribution needs `think_p99`"},
        ErrorCase{"ThinkP99WithoutLognormal", "[load]\nthink = \"1s\"\nthink_p99 = \"2s\"\n", 3, 13,
                  "add think_dist = \"lognormal\""},
        ErrorCase{"ThinkLognormalWithDefaultMean", "[load]\nthink_dist = \"lognormal\"\nthink_p99 = \"2s\"\n", 2, 14,
                  "`load.think`: a lognormal duration needs a mean above 0ns"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    Choices, ScenarioError,
    ::testing::Values(
        ErrorCase{"LoadKindTypo", "[load]\nkind = \"opn\"\n", 2, 8,
                  "unknown load kind \"opn\"; expected open, closed or batch; did you mean `open`?"},
        ErrorCase{"LoadKindCapitalised", "[load]\nkind = \"Closed\"\n", 2, 8, "did you mean `closed`?"},
        ErrorCase{"ThreadModeWithUnderscore", "[threads]\nmode = \"per_request\"\n", 2, 8,
                  "unknown thread mode \"per_request\"; expected per-request or pool; did you mean `per-request`?"},
        ErrorCase{"ThreadModeUnknown", "[threads]\nmode = \"fibers\"\n", 2, 8, "expected per-request or pool"}),
    caseName);

} // namespace
} // namespace conviz::scenario::test
