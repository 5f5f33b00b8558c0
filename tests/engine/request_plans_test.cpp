// RequestPlans keeps one layout per scenario and only the drawn durations per request slot: every
// op it gives must be the op Workload::plan draws for that request.
#include "engine/request_plans.h"

#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

// Checks slot `slot` of `plans` against Workload::plan(index), op by op and program by program.
void expectSamePlan(const Workload &w, const RequestPlans &plans, std::uint32_t slot, std::uint64_t index)
{
    RequestPlan want;
    w.plan(index, want);
    for (std::uint32_t i = 0; i < want.ops.size(); ++i) {
        const Op got = plans.op(slot, i);
        EXPECT_EQ(got.kind, want.ops[i].kind) << "request " << index << ", op " << i;
        EXPECT_EQ(got.pool, want.ops[i].pool) << "request " << index << ", op " << i;
        EXPECT_EQ(got.value, want.ops[i].value) << "request " << index << ", op " << i;
        EXPECT_EQ(got.childBegin, want.ops[i].childBegin) << "request " << index << ", op " << i;
        EXPECT_EQ(got.childCount, want.ops[i].childCount) << "request " << index << ", op " << i;
    }
    for (std::uint32_t p = 0; p < want.programs.size(); ++p) {
        EXPECT_EQ(plans.program(p).begin, want.programs[p].begin) << "program " << p;
        EXPECT_EQ(plans.program(p).end, want.programs[p].end) << "program " << p;
    }
}

// Draws requests into slots out of order, reusing slots, as the request table does; then checks
// every slot holds its last request.
void expectEverySlotMatchesTheWorkload(const Scenario &s)
{
    const Workload w(s);
    RequestPlans plans(w);
    const std::vector<std::pair<std::uint32_t, std::uint64_t>> draws{{0, 0}, {1, 1}, {2, 2},   {1, 7},
                                                                     {3, 3}, {0, 9}, {4, 123}, {2, 99999}};
    std::vector<std::uint64_t> holds(5);
    for (const auto &[slot, index] : draws) {
        plans.draw(slot, index);
        holds[slot] = index;
    }
    for (std::uint32_t slot = 0; slot < holds.size(); ++slot)
        expectSamePlan(w, plans, slot, holds[slot]);
}

TEST(RequestPlans, RandomAndConstantStepsInNestedFanOutsMatchTheWorkloadsDraw)
{
    Scenario s = openLoad(4, 100, 1000,
                          {cpu(exponential(300_us)), io(lognormal(5_ms, 20_ms), 0), cpu(constant(20_us)),
                           fanout(3, {cpu(constant(50_us)), io(exponential(2_ms)),
                                      fanout(2, {blocking(exponential(1_ms)), stack(8 * KiB)})}),
                           blocking(constant(1_ms)), cpu(exponential(200_us), true), stack(16 * KiB)});
    s.pools = {{"db", 20}};
    expectEverySlotMatchesTheWorkload(s);
}

// A request with a single random duration draws it from the first number of its generator only.
TEST(RequestPlans, ASingleRandomStepMatchesTheWorkloadsDraw)
{
    expectEverySlotMatchesTheWorkload(openLoad(1, 800, 1000, {cpu(exponential(1_ms))}));
    Scenario s = openLoad(4, 100, 1000, {cpu(constant(20_us)), io(lognormal(5_ms, 20_ms), 0), stack(8 * KiB)});
    s.pools = {{"db", 20}};
    expectEverySlotMatchesTheWorkload(s);
}

TEST(RequestPlans, ConstantStepsOnlyNeedNoDrawAndMatchTheWorkload)
{
    const Scenario s =
        openLoad(4, 100, 1000, {cpu(constant(50_us)), io(constant(30'000_ms)), fanout(2, {cpu(constant(5_us))})});
    expectEverySlotMatchesTheWorkload(s);
}

// Two models of one scenario share their draws (simulateAll): what one copies from the other is
// what it would have drawn, whichever drew first, and a request past the room drawn alone still is.
TEST(RequestPlans, DrawsCopiedFromAnotherModelAreTheOnesItWouldDraw)
{
    const Scenario s =
        openLoad(4, 100, 20, {cpu(exponential(300_us)), fanout(4, {io(lognormal(5_ms, 20_ms)), cpu(constant(5_us))})});
    const std::unique_ptr<SharedDraws> shared = SharedDraws::forScenario(s);
    ASSERT_NE(shared, nullptr);
    const Workload w(s);
    RequestPlans first(w);
    RequestPlans second(w);
    first.share(shared.get());
    second.share(shared.get());
    for (std::uint64_t index = 0; index < 10; ++index)
        first.draw(static_cast<std::uint32_t>(index), index);
    for (std::uint64_t index = 5; index < 25; ++index) // 5..9 copied, 10..19 drawn first, 20.. past the room
        second.draw(static_cast<std::uint32_t>(index - 5), index);
    for (std::uint64_t index = 10; index < 20; ++index) // now copied the other way
        first.draw(static_cast<std::uint32_t>(index), index);
    for (std::uint64_t index = 0; index < 20; ++index)
        expectSamePlan(w, first, static_cast<std::uint32_t>(index), index);
    for (std::uint64_t index = 5; index < 25; ++index)
        expectSamePlan(w, second, static_cast<std::uint32_t>(index - 5), index);
}

TEST(RequestPlans, DrawsAreNotSharedWhenARequestDrawsOneDurationOrNone)
{
    EXPECT_EQ(SharedDraws::forScenario(openLoad(1, 800, 1000, {cpu(exponential(1_ms))})), nullptr);
    EXPECT_EQ(SharedDraws::forScenario(openLoad(1, 800, 1000, {cpu(constant(1_ms)), io(constant(2_ms))})), nullptr);
}

} // namespace
} // namespace conviz
