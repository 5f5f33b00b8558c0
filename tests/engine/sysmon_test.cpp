// sysmon's hand-off of a P whose goroutine blocks in a syscall (proc.go sysmon, retake): one to
// two ticks of sysmon's period, which starts at 20 µs, doubles while sysmon retakes nothing, and
// is capped at 10 ms; the Ms it hands Ps to are created by sysmon, one after another.
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

// When each hand-off was told, and how long (µs) its goroutine had been blocked then.
std::vector<std::pair<Nanos, double>> blockedFor(const Trace &trace)
{
    std::vector<std::pair<Nanos, double>> out;
    for (const Narration &n : trace.narration) {
        if (n.kind != NarrationKind::Handoff)
            continue;
        const auto at = n.text.find(" for "); // "G2 blocked in a syscall for 40 µs: ..."
        if (at != std::string::npos)
            out.emplace_back(n.time, std::stod(n.text.substr(at + 5)));
    }
    return out;
}

TEST(Sysmon, AHandOffComesOnTheTickAfterTheOneThatSawTheSyscall)
{
    // One P; two goroutines each make a 1 ms syscall at once. sysmon, woken by the first, sees it
    // at 20 µs and retakes the P at 40 µs, then creates an M for it (spawn_cost on its own thread).
    Scenario s = batchLoad(1, 2, {blocking(constant(1_ms))});
    s.threads.switchCost = Nanos::zero();
    s.threads.spawnCost = 10_us;
    const ModelResult r = runTraced(s, ModelKind::Fibers);
    const auto blocked = blockedFor(*r.trace);
    ASSERT_GE(blocked.size(), 2u);
    EXPECT_EQ(blocked[0].second, 40.0);
    // The second goroutine starts its syscall once the new M runs, 10 µs of creation later.
    EXPECT_GE(blocked[1].first - blocked[0].first, 10_us + 40_us);
}

TEST(Sysmon, AfterAQuietSpellTheFirstHandOffWaitsForSysmonsLongerSleep)
{
    // One P. A first syscall wakes sysmon; then 60 ms of CPU with no syscall stretch its sleep to
    // 10 ms; a syscall that starts then keeps its P for 10-20 ms, not 20-40 µs.
    Scenario s = batchLoad(1, 2, {blocking(constant(1_ms)), cpu(constant(60_ms)), blocking(constant(100_ms))});
    s.threads.switchCost = Nanos::zero();
    const ModelResult r = runTraced(s, ModelKind::Fibers);
    std::vector<double> early;
    std::vector<double> late;
    for (const auto &[time, micros] : blockedFor(*r.trace))
        (time < 50_ms ? early : late).push_back(micros);
    ASSERT_FALSE(early.empty());
    ASSERT_FALSE(late.empty());
    EXPECT_LE(early.front(), 40.0);
    EXPECT_GE(late.front(), 10'000.0);
    EXPECT_LE(late.front(), 20'000.0);
}

TEST(Sysmon, TheBlockingSyscallExperimentsThreadCountsAreMatched)
{
    // docs/validation.md: N goroutines each make one 100 ms nanosleep at once, GOMAXPROCS = 2 (Go
    // 1.19). Real threads after, less the 4 the process had before that are not Ms or sysmon
    // (the garbage collector's and the like) plus the main M: 12 − 3, 53 − 3, 192 − 3 Ms and
    // sysmon; real time for all: 101.8, 134.5 and 206.6 ms on a loaded machine.
    struct Run {
        std::int64_t n;
        std::int64_t realThreads;
        double realMs;
    };
    for (const Run run : {Run{10, 12, 101.8}, Run{50, 53, 134.5}, Run{200, 192, 206.6}}) {
        SCOPED_TRACE(run.n);
        const Scenario s = batchLoad(2, run.n, {blocking(constant(100_ms))});
        const ModelMetrics m = conviz::test::run(s, ModelKind::Fibers);
        EXPECT_NEAR(static_cast<double>(m.threadsCreated), static_cast<double>(run.realThreads),
                    0.06 * static_cast<double>(run.realThreads));
        // Every hand-off waits one to two sysmon ticks and a new M: never faster than the syscall
        // plus a tick, and not slower than the real runtime.
        EXPECT_GE(m.latency.max, 100e6 + 40e3);
        EXPECT_LE(m.latency.max, run.realMs * 1e6);
    }
}

} // namespace
} // namespace conviz
