// The request stream: every step's duration drawn once from (seed, request index), fan-out children
// laid out after their parent, arrivals and think times reproducible.
#include "engine/workload.h"

#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

bool sameOp(const Op &a, const Op &b)
{
    return a.kind == b.kind && a.pool == b.pool && a.value == b.value && a.childBegin == b.childBegin &&
           a.childCount == b.childCount;
}

bool samePlan(const RequestPlan &a, const RequestPlan &b)
{
    if (a.ops.size() != b.ops.size() || a.programs.size() != b.programs.size())
        return false;
    for (std::size_t i = 0; i < a.ops.size(); ++i)
        if (!sameOp(a.ops[i], b.ops[i]))
            return false;
    for (std::size_t i = 0; i < a.programs.size(); ++i)
        if (a.programs[i].begin != b.programs[i].begin || a.programs[i].end != b.programs[i].end)
            return false;
    return true;
}

Scenario mixedScenario(std::uint64_t seed)
{
    Scenario s = openLoad(4, 100, 1000,
                          {cpu(exponential(300_us)), io(lognormal(5_ms, 20_ms), 0), blocking(exponential(1_ms)),
                           fanout(3, {cpu(exponential(50_us)), io(exponential(2_ms))}), cpu(exponential(200_us), true),
                           stack(16 * KiB)});
    s.pools = {{"db", 20}};
    s.seed = seed;
    return s;
}

TEST(Workload, TheSameSeedAndIndexGiveTheIdenticalPlan)
{
    const Scenario s = mixedScenario(42);
    const Workload w1(s);
    const Workload w2(s);
    for (std::uint64_t index : {0u, 1u, 17u, 99999u}) {
        RequestPlan a;
        RequestPlan b;
        w1.plan(index, a);
        w2.plan(index, b);
        EXPECT_TRUE(samePlan(a, b)) << "request " << index;
    }
}

TEST(Workload, APlanDoesNotDependOnWhichPlansWereDrawnBefore)
{
    const Scenario s = mixedScenario(42);
    const Workload w(s);
    RequestPlan first;
    w.plan(5, first);
    RequestPlan reused; // buffers reused across calls, other requests drawn in between
    w.plan(9, reused);
    w.plan(3, reused);
    w.plan(5, reused);
    EXPECT_TRUE(samePlan(first, reused));
}

TEST(Workload, DifferentSeedsGiveDifferentDurations)
{
    const Scenario a = mixedScenario(1);
    const Scenario b = mixedScenario(2);
    RequestPlan pa;
    RequestPlan pb;
    Workload(a).plan(0, pa);
    Workload(b).plan(0, pb);
    ASSERT_EQ(pa.ops.size(), pb.ops.size()); // same shape
    EXPECT_NE(pa.ops[0].value, pb.ops[0].value);
    EXPECT_NE(pa.ops[1].value, pb.ops[1].value);
}

TEST(Workload, DifferentRequestsGetDifferentDurations)
{
    const Scenario s = mixedScenario(7);
    const Workload w(s);
    RequestPlan a;
    RequestPlan b;
    w.plan(0, a);
    w.plan(1, b);
    EXPECT_NE(a.ops[0].value, b.ops[0].value);
}

TEST(Workload, StepsBecomeOpsOfTheMatchingKind)
{
    const Scenario s = mixedScenario(3);
    RequestPlan p;
    Workload(s).plan(0, p);
    ASSERT_GE(p.ops.size(), 6u);
    EXPECT_EQ(p.ops[0].kind, OpKind::Cpu);
    EXPECT_EQ(p.ops[1].kind, OpKind::Io);
    EXPECT_EQ(p.ops[1].pool, 0);
    EXPECT_EQ(p.ops[2].kind, OpKind::Blocking);
    EXPECT_EQ(p.ops[3].kind, OpKind::Fanout);
    EXPECT_EQ(p.ops[4].kind, OpKind::CpuOffload);
    EXPECT_EQ(p.ops[5].kind, OpKind::Stack);
    EXPECT_EQ(p.ops[5].value, 16 * KiB);
    EXPECT_EQ(p.ops[0].pool, -1);
}

TEST(Workload, FanoutChildrenProgramsFollowTheParentsOpsContiguously)
{
    Scenario s = openLoad(
        1, 10, 10, {cpu(constant(1_us)), fanout(3, {cpu(constant(2_us)), io(constant(3_us))}), cpu(constant(4_us))});
    RequestPlan p;
    Workload(s).plan(0, p);

    ASSERT_EQ(p.programs.size(), 4u);
    ASSERT_EQ(p.ops.size(), 3u + 3u * 2u);
    EXPECT_EQ(p.programs[0].begin, 0u);
    EXPECT_EQ(p.programs[0].end, 3u);
    const Op &f = p.ops[1];
    ASSERT_EQ(f.kind, OpKind::Fanout);
    EXPECT_EQ(f.childBegin, 1u);
    EXPECT_EQ(f.childCount, 3u);
    for (std::uint32_t c = 0; c < 3; ++c) {
        const Program &child = p.programs[1 + c];
        EXPECT_EQ(child.begin, 3 + 2 * c) << "child " << c;
        EXPECT_EQ(child.end, 5 + 2 * c) << "child " << c;
        EXPECT_EQ(p.ops[child.begin].kind, OpKind::Cpu);
        EXPECT_EQ(p.ops[child.begin].value, 2000);
        EXPECT_EQ(p.ops[child.begin + 1].kind, OpKind::Io);
        EXPECT_EQ(p.ops[child.begin + 1].value, 3000);
    }
    EXPECT_EQ(p.ops[2].value, 4000);
}

TEST(Workload, NestedFanoutCreatesAsManyProgramsAsTasksPerRequestCounts)
{
    const std::vector<Step> steps{
        cpu(constant(1_us)),
        fanout(2, {cpu(constant(1_us)), fanout(3, {io(constant(1_us)), fanout(2, {cpu(constant(1_us))})})}),
        fanout(4, {io(constant(1_us))})};
    EXPECT_EQ(tasksPerRequest(steps), 1 + 2 * (1 + 3 * (1 + 2)) + 4);
    Scenario s = openLoad(1, 10, 10, steps);
    RequestPlan p;
    Workload(s).plan(0, p);
    EXPECT_EQ(static_cast<std::int64_t>(p.programs.size()), tasksPerRequest(steps));

    // Every program's ops are in range, and every fan-out op points at programs that exist.
    std::uint32_t childPrograms = 0;
    for (const Program &prog : p.programs) {
        EXPECT_LE(prog.begin, prog.end);
        EXPECT_LE(prog.end, p.ops.size());
        for (std::uint32_t i = prog.begin; i < prog.end; ++i)
            if (p.ops[i].kind == OpKind::Fanout) {
                EXPECT_LE(p.ops[i].childBegin + p.ops[i].childCount, p.programs.size());
                childPrograms += p.ops[i].childCount;
            }
    }
    EXPECT_EQ(childPrograms + 1, p.programs.size());
}

TEST(Workload, OpenArrivalsAreReproducibleIncreasingAndHaveTheRequestedRate)
{
    const Scenario s = openLoad(1, 1000, 100, {cpu(constant(1_us))});
    auto a = Workload(s).arrivals();
    auto b = Workload(s).arrivals();
    Nanos last{};
    constexpr int n = 200'000;
    for (int i = 0; i < n; ++i) {
        const Nanos t = a.next();
        ASSERT_EQ(t, b.next());
        ASSERT_GE(t, last);
        last = t;
    }
    EXPECT_NEAR(last.toSeconds() / (n / 1000.0), 1.0, 0.01);
}

TEST(Workload, ThinkTimesAreReproduciblePerRequest)
{
    Scenario s = closedLoad(1, 10, exponential(10_ms), 100, {cpu(constant(1_us))});
    const Workload w(s);
    EXPECT_EQ(w.thinkTime(3), Workload(s).thinkTime(3));
    EXPECT_NE(w.thinkTime(3), w.thinkTime(4));
}

} // namespace
} // namespace conviz
