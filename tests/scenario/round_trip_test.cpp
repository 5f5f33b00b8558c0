// toToml writes every field, and loadString reads it back to an equal Scenario.
#include "engine/scenario/schema.h"

#include "test_support.h"

#include "engine/core/random.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace conviz::scenario::test {
namespace {

using namespace conviz::literals;

Step timed(StepKind kind, Nanos mean, Distribution dist = Distribution::Constant, Nanos p99 = {})
{
    Step s;
    s.kind = kind;
    s.duration = DurationDist{mean, dist, p99};
    return s;
}

Step fanout(std::int64_t count, std::vector<Step> children)
{
    Step s;
    s.kind = StepKind::Fanout;
    s.count = count;
    s.children = std::move(children);
    return s;
}

Step stack(std::int64_t bytes)
{
    Step s;
    s.kind = StepKind::Stack;
    s.bytes = bytes;
    return s;
}

Scenario richScenario()
{
    Scenario s;
    s.name = "Rich \"quoted\" name — with ünïcode";
    s.description = "Line one.\nLine two\twith a tab, a backslash \\ and a control \x01 character.";
    s.seed = 18446744073709551615u; // past the TOML integer range: written as a string
    s.machine.cores = 64;
    s.load.kind = LoadKind::Closed;
    s.load.rate = 1.0 / 3.0;
    s.load.clients = 1234;
    s.load.think = DurationDist{Nanos{1'234'567}, Distribution::LogNormal, Nanos{9'876'543}};
    s.load.count = 77;
    s.load.requests = 4321;
    s.load.duration = Nanos{3'599'999'999'999};
    s.load.warmup = 1500_ns;
    s.pools = {Pool{"zeta", 3}, Pool{"alpha db", 1'000'000}, Pool{"a-b_c", 1}};
    Step io = timed(StepKind::Io, 5_ms, Distribution::LogNormal, 20_ms);
    io.pool = 1;
    Step crypto = timed(StepKind::Cpu, 1_ns, Distribution::Exponential);
    crypto.offload = true;
    Step pooled = timed(StepKind::Io, 0_ns);
    pooled.pool = 2;
    s.steps = {timed(StepKind::Cpu, 300_us, Distribution::Exponential),
               io,
               timed(StepKind::Blocking, 1_s),
               crypto,
               fanout(3, {pooled, stack(1536), fanout(2, {timed(StepKind::Cpu, 7_ns)})}),
               stack(0),
               stack(GiB)};
    s.fibers = FiberParams{0, 1,         1_ns,      0_ns,       3600_s, 1_ns, 3600_s, 999_ns,
                           1, 1'000'000, 4'000'000, 1000 * GiB, GiB,    0,    0,      1e-300};
    s.eventLoop = EventLoopParams{1024, 1024, 0.1 + 0.2, 5_us, 0, 12345, 8 * MiB, 8 * MiB};
    s.threads = ThreadParams{ThreadMode::Pool, 4'000'000, 1, 1, 1, 0, 1000 * GiB, 0_ns, 3600_s, 1_ns};
    s.sweep = SweepSpec{"pools.alpha db", 1.0, 1e6, 1000, true};
    return s;
}

void expectRoundTrip(const Scenario &s)
{
    const std::string text = toToml(s);
    const LoadResult r = loadString(text, "written.toml");
    ASSERT_TRUE(r.ok()) << formatted(r) << text;
    EXPECT_EQ(r.scenario->steps, s.steps) << text;
    EXPECT_EQ(r.scenario->fibers, s.fibers) << text;
    EXPECT_EQ(*r.scenario, s) << text;
    // And writing again gives the same text: nothing drifts.
    EXPECT_EQ(toToml(*r.scenario), text);
}

TEST(ScenarioRoundTrip, TheMinimalScenarioReadsBackEqual) { expectRoundTrip(loadValid(kMinimalRequest)); }

TEST(ScenarioRoundTrip, ARichScenarioWithExtremeValuesReadsBackEqual) { expectRoundTrip(richScenario()); }

TEST(ScenarioRoundTrip, EveryLoadKindAndThreadModeReadsBackEqual)
{
    for (LoadKind kind : {LoadKind::Open, LoadKind::Closed, LoadKind::Batch}) {
        for (ThreadMode mode : {ThreadMode::PerRequest, ThreadMode::Pool}) {
            Scenario s = loadValid(kMinimalRequest);
            s.load.kind = kind;
            s.threads.mode = mode;
            expectRoundTrip(s);
        }
    }
}

TEST(ScenarioRoundTrip, FanOutsNestedToTheLimitReadBackEqual)
{
    Scenario s = loadValid(kMinimalRequest);
    s.load.requests = 10;
    std::vector<Step> steps{timed(StepKind::Io, 1_ms)};
    for (int i = 0; i < limits::maxNesting; ++i)
        steps = {timed(StepKind::Cpu, 1_us), fanout(2, steps)};
    s.steps = steps;
    expectRoundTrip(s);
}

TEST(ScenarioRoundTrip, TheWrittenFileNamesEveryKeyWithAComment)
{
    const std::string text = toToml(richScenario());
    for (const detail::NumericKey &key : detail::numericKeys()) {
        const std::string section = "[" + std::string(key.table) + "]";
        const std::size_t at = text.find(section);
        ASSERT_NE(at, std::string::npos) << section;
        const std::size_t line = text.find("\n" + std::string(key.key) + " = ", at);
        ASSERT_NE(line, std::string::npos) << key.table << "." << key.key;
        const std::size_t end = text.find('\n', line + 1);
        EXPECT_NE(text.substr(line, end - line).find("  # "), std::string::npos) << key.key << " has no comment";
    }
    for (const char *key : {"name = ", "description = ", "seed = ", "kind = ", "think_dist = ", "think_p99 = ",
                            "steps = [", "mode = ", "param = ", "from = ", "to = ", "log = "})
        EXPECT_NE(text.find(key), std::string::npos) << key;
}

TEST(ScenarioRoundTrip, TheSchemaListsEveryNumericKeyInItsTable)
{
    for (const detail::NumericKey &key : detail::numericKeys()) {
        const auto keys = detail::keysOf(key.table);
        EXPECT_NE(std::find(keys.begin(), keys.end(), key.key), keys.end()) << key.table << "." << key.key;
    }
}

// A scenario with every numeric key drawn at random within its range: the writer and the reader
// agree on every kind, range end and unit.
Scenario randomScenario(Rng &rng)
{
    Scenario s = loadValid(kMinimalRequest);
    for (const detail::NumericKey &key : detail::numericKeys()) {
        const double u = rng.uniform01();
        // Mostly the interior; sometimes exactly an end of the range.
        double v = key.min + u * (std::min(key.max, key.min + 1e13) - key.min);
        if (u < 0.1)
            v = key.minExclusive ? key.min + 1 : key.min;
        else if (u > 0.9)
            v = key.max;
        struct Store {
            Scenario &s;
            double v;
            void operator()(int &(*f)(Scenario &)) const { f(s) = static_cast<int>(v); }
            void operator()(std::int64_t &(*f)(Scenario &)) const { f(s) = static_cast<std::int64_t>(v); }
            void operator()(double &(*f)(Scenario &)) const { f(s) = v; }
            void operator()(Nanos &(*f)(Scenario &)) const { f(s) = Nanos{static_cast<std::int64_t>(v)}; }
        };
        std::visit(Store{s, v}, key.field);
    }
    // The checks that span keys.
    s.fibers.threadStackCommitted = std::min(s.fibers.threadStackCommitted, s.fibers.threadStackReserved);
    s.eventLoop.threadStackCommitted = std::min(s.eventLoop.threadStackCommitted, s.eventLoop.threadStackReserved);
    s.threads.stackTouched = std::min(s.threads.stackTouched, s.threads.stackReserved);
    if (s.load.duration > Nanos::zero() && s.load.warmup >= s.load.duration)
        s.load.warmup = s.load.duration - 1_ns;
    s.load.think.kind = Distribution::Exponential;
    return s;
}

TEST(ScenarioRoundTrip, RandomScenariosReadBackEqual)
{
    Rng rng(7);
    for (int i = 0; i < 200; ++i) {
        SCOPED_TRACE(i);
        expectRoundTrip(randomScenario(rng));
        if (HasFatalFailure())
            return;
    }
}

TEST(ScenarioRoundTrip, EveryShippedPresetLoadsAndReadsBackEqual)
{
    std::error_code ec;
    int presets = 0;
    for (const auto &entry : std::filesystem::directory_iterator(CONVIZ_PRESETS_DIR, ec)) {
        if (entry.path().extension() != ".toml")
            continue;
        SCOPED_TRACE(entry.path().string());
        const LoadResult r = loadFile(entry.path());
        ASSERT_TRUE(r.ok()) << formatted(r);
        expectRoundTrip(*r.scenario);
        ++presets;
    }
    if (presets == 0)
        GTEST_SKIP() << "no presets in " << CONVIZ_PRESETS_DIR;
}

} // namespace
} // namespace conviz::scenario::test
