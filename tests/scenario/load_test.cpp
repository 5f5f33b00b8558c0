// Reading valid scenario files into the Scenario struct.
#include "test_support.h"

#include <array>

namespace conviz::scenario::test {
namespace {

using namespace conviz::literals;

constexpr std::string_view kFullExample = R"(name = "CRUD API on PostgreSQL"
description = "One paragraph."
seed = 42
[machine]
cores = 4
[load]
kind = "open"            # open: Poisson arrivals at `rate`/s
rate = 800.0
clients = 100
think = "0ms"
count = 500
requests = 20000
warmup = "1s"
[request]
steps = [
  { cpu = "300us", dist = "exp" },
  { io = "5ms", dist = "lognormal", p99 = "20ms", pool = "db" },
  { blocking = "1ms" },
  { fanout = 10, steps = [ { io = "20ms" } ] },
  { stack = "16KiB" },
  { cpu = "50ms", offload = true },
]
[pools]
db = 20
[fibers]
gomaxprocs = 8
stack_initial = "8KiB"
time_slice = "20ms"
switch_cost = "120ns"
spawn_cost = "0.4us"
handoff_delay = "10us"
netpoll_interval = "5ms"
wakeup_latency = "1us"
local_queue = 128
global_check_interval = 31
max_threads = 500
runtime_memory = "5MiB"
task_memory = 100
thread_stack_reserved = "1MiB"
thread_stack_committed = "16KiB"
stack_copy_bytes_per_ns = 5
[event_loop]
processes = 2
threadpool = 8
cpu_factor = 1.25
callback_cost = "2us"
baseline_memory = "40MiB"
task_memory = "1KiB"
thread_stack_reserved = "2MiB"
thread_stack_committed = "12KiB"
[threads]
mode = "pool"
pool_size = 50
max_threads = 1000
stack_reserved = "1MiB"
stack_touched = "16KiB"
task_memory = "4KiB"
baseline_memory = "10MiB"
switch_cost = "3us"
spawn_cost = "40us"
time_slice = "4ms"
[sweep]
param = "load.rate"
from = 100.0
to = 1000.0
steps = 10
log = false
)";

Scenario expectedFullExample()
{
    Scenario s;
    s.name = "CRUD API on PostgreSQL";
    s.description = "One paragraph.";
    s.seed = 42;
    s.machine.cores = 4;
    s.load.kind = LoadKind::Open;
    s.load.rate = 800.0;
    s.load.clients = 100;
    s.load.think = DurationDist{0_ns, Distribution::Constant, 0_ns};
    s.load.count = 500;
    s.load.requests = 20000;
    s.load.warmup = 1_s;
    s.pools = {Pool{"db", 20}};

    Step cpu;
    cpu.kind = StepKind::Cpu;
    cpu.duration = {300_us, Distribution::Exponential, 0_ns};
    Step io;
    io.kind = StepKind::Io;
    io.duration = {5_ms, Distribution::LogNormal, 20_ms};
    io.pool = 0;
    Step blocking;
    blocking.kind = StepKind::Blocking;
    blocking.duration = {1_ms, Distribution::Constant, 0_ns};
    Step child;
    child.kind = StepKind::Io;
    child.duration = {20_ms, Distribution::Constant, 0_ns};
    Step fanout;
    fanout.kind = StepKind::Fanout;
    fanout.count = 10;
    fanout.children = {child};
    Step stack;
    stack.kind = StepKind::Stack;
    stack.bytes = 16 * KiB;
    Step crypto;
    crypto.kind = StepKind::Cpu;
    crypto.duration = {50_ms, Distribution::Constant, 0_ns};
    crypto.offload = true;
    s.steps = {cpu, io, blocking, fanout, stack, crypto};

    s.fibers = FiberParams{8,   8 * KiB, 20_ms, 120_ns,  400_ns, 10_us,   5_ms,     1_us,
                           128, 31,      500,   5 * MiB, 100,    1 * MiB, 16 * KiB, 5.0};
    s.eventLoop = EventLoopParams{2, 8, 1.25, 2_us, 40 * MiB, KiB, 2 * MiB, 12 * KiB};
    s.threads = ThreadParams{ThreadMode::Pool, 50, 1000, MiB, 16 * KiB, 4 * KiB, 10 * MiB, 3_us, 40_us, 4_ms};
    s.sweep = SweepSpec{"load.rate", 100.0, 1000.0, 10, false};
    return s;
}

TEST(ScenarioLoad, TheFullExampleParsesToTheExpectedScenario)
{
    const Scenario s = loadValid(kFullExample);
    const Scenario expected = expectedFullExample();
    // Field groups first, so that a failure says where.
    EXPECT_EQ(s.machine, expected.machine);
    EXPECT_EQ(s.load, expected.load);
    EXPECT_EQ(s.pools, expected.pools);
    EXPECT_EQ(s.steps, expected.steps);
    EXPECT_EQ(s.fibers, expected.fibers);
    EXPECT_EQ(s.eventLoop, expected.eventLoop);
    EXPECT_EQ(s.threads, expected.threads);
    EXPECT_EQ(s.sweep, expected.sweep);
    EXPECT_EQ(s, expected);
}

TEST(ScenarioLoad, KeysLeftOutKeepTheStructDefaults)
{
    Scenario s = loadValid(kMinimalRequest);
    Scenario expected;
    Step cpu;
    cpu.kind = StepKind::Cpu;
    cpu.duration.mean = 1_ms;
    expected.steps = {cpu};
    EXPECT_EQ(s, expected);
}

TEST(ScenarioLoad, EmptyTablesAreAllowedAndKeepDefaults)
{
    const Scenario s = loadValid(std::string(kMinimalRequest) +
                                 "[machine]\n[load]\n[pools]\n[fibers]\n[event_loop]\n[threads]\n[sweep]\n");
    EXPECT_EQ(s.fibers, FiberParams{});
    EXPECT_EQ(s.sweep, SweepSpec{});
}

TEST(ScenarioLoad, TheNarrationsThresholdsAreKeysOfTheirOwnTable)
{
    const Scenario s = loadValid(std::string(kMinimalRequest) +
                                 "[narration]\nsaturation_ratio = 1.5\nonset_windows = 5\nloop_lag_alert = \"20ms\"\n"
                                 "retell_after = \"250ms\"\nmin_backlog = 64\n");
    EXPECT_DOUBLE_EQ(s.narration.saturationRatio, 1.5);
    EXPECT_EQ(s.narration.onsetWindows, 5);
    EXPECT_EQ(s.narration.loopLagAlert, 20_ms);
    EXPECT_EQ(s.narration.retellAfter, 250_ms);
    EXPECT_EQ(s.narration.minBacklog, 64);
    EXPECT_EQ(s.narration.arrivalsPerWindow, NarrationRules{}.arrivalsPerWindow) << "a key left out keeps its default";
}

TEST(ScenarioLoad, IntegersAreAcceptedWhereARealIsExpected)
{
    const Scenario s = loadValid(std::string(kMinimalRequest) + "[load]\nrate = 900\n[event_loop]\ncpu_factor = 2\n");
    EXPECT_EQ(s.load.rate, 900.0);
    EXPECT_EQ(s.eventLoop.cpuFactor, 2.0);
}

TEST(ScenarioLoad, SizesMayBePlainIntegersOfBytes)
{
    const Scenario s = loadValid(std::string(kMinimalRequest) + "[fibers]\nstack_initial = 4096\n");
    EXPECT_EQ(s.fibers.stackInitial, 4096);
}

TEST(ScenarioLoad, EveryCostMayBeZero)
{
    const Scenario s = loadValid(std::string(kMinimalRequest) +
                                 "[fibers]\nswitch_cost = \"0ns\"\nspawn_cost = \"0ns\"\nhandoff_delay = \"0ns\"\n"
                                 "wakeup_latency = \"0ns\"\n[event_loop]\ncallback_cost = \"0ns\"\n"
                                 "[threads]\nswitch_cost = \"0ns\"\nspawn_cost = \"0ns\"\ntime_slice = \"0ns\"\n");
    EXPECT_EQ(s.fibers.switchCost, 0_ns);
    EXPECT_EQ(s.threads.spawnCost, 0_ns);
}

TEST(ScenarioLoad, PoolsKeepTheOrderTheyAreWrittenIn)
{
    const Scenario s =
        loadValid("[pools]\nzeta = 3\nalpha = 5\n\"my db\" = 7\n"
                  "[request]\nsteps = [ { io = \"1ms\", pool = \"alpha\" }, { io = \"1ms\", pool = \"my db\" } ]\n");
    ASSERT_EQ(s.pools.size(), 3u);
    EXPECT_EQ(s.pools[0], (Pool{"zeta", 3}));
    EXPECT_EQ(s.pools[1], (Pool{"alpha", 5}));
    EXPECT_EQ(s.pools[2], (Pool{"my db", 7}));
    EXPECT_EQ(s.steps[0].pool, 1);
    EXPECT_EQ(s.steps[1].pool, 2);
}

TEST(ScenarioLoad, ThinkTimeTakesADistribution)
{
    const Scenario s = loadValid(std::string(kMinimalRequest) +
                                 "[load]\nkind = \"closed\"\nthink = \"100ms\"\nthink_dist = \"lognormal\"\n"
                                 "think_p99 = \"500ms\"\n");
    EXPECT_EQ(s.load.kind, LoadKind::Closed);
    EXPECT_EQ(s.load.think, (DurationDist{100_ms, Distribution::LogNormal, 500_ms}));
}

TEST(ScenarioLoad, StepsMayBeWrittenAsAnArrayOfTables)
{
    const Scenario s = loadValid("[[request.steps]]\ncpu = \"1ms\"\n[[request.steps]]\nio = \"2ms\"\n");
    ASSERT_EQ(s.steps.size(), 2u);
    EXPECT_EQ(s.steps[1].kind, StepKind::Io);
    EXPECT_EQ(s.steps[1].duration.mean, 2_ms);
}

TEST(ScenarioLoad, NestedFanOutsUpToTheLimitAreAllowed)
{
    std::string steps = "[ { cpu = \"1us\" } ]";
    for (int i = 0; i < limits::maxNesting; ++i)
        steps = "[ { fanout = 2, steps = " + steps + " } ]";
    const Scenario s = loadValid("[load]\nrequests = 100\n[request]\nsteps = " + steps + "\n");
    EXPECT_EQ(tasksPerRequest(s.steps), (1 << (limits::maxNesting + 1)) - 1);
}

TEST(ScenarioLoad, ASeedBeyondTheTomlIntegerRangeIsReadFromAString)
{
    EXPECT_EQ(loadValid("seed = 0\n" + std::string(kMinimalRequest)).seed, 0u);
    EXPECT_EQ(loadValid("seed = \"18446744073709551615\"\n" + std::string(kMinimalRequest)).seed,
              18446744073709551615u);
}

TEST(ScenarioLoad, ASweepMayVaryAPoolSize)
{
    const Scenario s = loadValid("[pools]\ndb = 10\n[request]\nsteps = [ { io = \"1ms\", pool = \"db\" } ]\n"
                                 "[sweep]\nparam = \"pools.db\"\nfrom = 1.0\nto = 100.0\nlog = true\n");
    EXPECT_EQ(s.sweep, (SweepSpec{"pools.db", 1.0, 100.0, 10, true}));
}

TEST(ScenarioLoad, ASweepOfADurationOrSizeKeyMayGiveItsRangeWithUnits)
{
    const Scenario d = loadValid(std::string(kMinimalRequest) +
                                 "[sweep]\nparam = \"fibers.switch_cost\"\nfrom = \"10us\"\nto = 2000000\n");
    EXPECT_EQ(d.sweep, (SweepSpec{"fibers.switch_cost", 10'000.0, 2'000'000.0, 10, false}));
    const Scenario s = loadValid(std::string(kMinimalRequest) +
                                 "[sweep]\nparam = \"threads.stack_reserved\"\nfrom = \"64KiB\"\nto = \"8MiB\"\n");
    EXPECT_EQ(s.sweep.from, 65536.0);
    EXPECT_EQ(s.sweep.to, 8.0 * 1024 * 1024);
}

TEST(ScenarioLoad, DiagnosticsFormatLikeACompilerError)
{
    EXPECT_EQ((Diagnostic{"a.toml", 3, 7, "bad"}).format(), "a.toml:3:7: error: bad");
    EXPECT_EQ((Diagnostic{"a.toml", 3, 0, "bad"}).format(), "a.toml:3: error: bad");
    EXPECT_EQ((Diagnostic{"a.toml", 0, 0, "bad"}).format(), "a.toml: error: bad");
}

TEST(ScenarioLoad, AllErrorsAreReportedInFileOrder)
{
    // toml++ keeps keys sorted; diagnostics must still come out in the order of the file.
    const LoadResult r = load("[threads]\nmode = \"x\"\n[fibers]\ngomaxprocs = -1\n[machine]\ncores = 0\n"
                              "[request]\nsteps = [ { cpu = 5 } ]\n[event_loop]\nzzz = 1\naaa = 2\n");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors.size(), 6u) << formatted(r);
    const std::array<int, 6> lines{2, 4, 6, 8, 10, 11};
    for (std::size_t i = 0; i < lines.size(); ++i)
        EXPECT_EQ(r.errors[i].line, lines[i]) << formatted(r);
    EXPECT_FALSE(r.scenario.has_value());
}

TEST(ScenarioLoad, TheSourceNameIsTheFileOfEveryDiagnostic)
{
    const LoadResult r = loadString("[machine]\ncores = 0\n", "presets/crud.toml");
    ASSERT_FALSE(r.errors.empty());
    for (const Diagnostic &d : r.errors)
        EXPECT_EQ(d.file, "presets/crud.toml");
}

} // namespace
} // namespace conviz::scenario::test
