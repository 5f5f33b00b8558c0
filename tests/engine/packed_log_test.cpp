// A packed trace must give back exactly what was recorded, by index, in order, after any jump, and
// after the Recorder rewrote its last record; and it must be several times smaller than the records.
#include "engine/packed_log.h"
#include "engine/recorder.h"
#include "engine/simulate.h"
#include "engine/trace_codecs.h"

#include "tests/engine/same_records.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <vector>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

// Every record read back three ways: in order, by index, and by iterators that jump around.
template <typename T>
void expectHolds(const PackedLog<T> &log, const std::vector<T> &records)
{
    ASSERT_EQ(log.size(), records.size());
    std::size_t i = 0;
    for (const T &r : log) {
        ASSERT_TRUE(same(r, records[i])) << "in order, record " << i;
        ++i;
    }
    for (std::size_t k = 0; k < records.size(); ++k)
        ASSERT_TRUE(same(log[k], records[k])) << "by index, record " << k;
    std::mt19937_64 rng(7);
    for (int k = 0; k < 2000 && !records.empty(); ++k) {
        const std::size_t at = rng() % records.size();
        auto it = log.begin() + static_cast<std::ptrdiff_t>(at);
        ASSERT_TRUE(same(*it, records[at])) << "jump to " << at;
        std::size_t now = at;
        if (const std::size_t step = rng() % 40; at + step < records.size()) {
            it += static_cast<std::ptrdiff_t>(step);
            now += step;
            ASSERT_TRUE(same(*it, records[now])) << "then forward " << step;
        }
        if (now > 0) {
            --it;
            --now;
            ASSERT_EQ(it.index(), now);
            ASSERT_TRUE(same(*it, records[now])) << "then back one, to " << now;
        }
    }
    if (!records.empty()) {
        EXPECT_TRUE(same(log.back(), records.back()));
    }
}

TEST(PackedLog, ExtremeValuesRoundTripExactly)
{
    constexpr auto i64min = std::numeric_limits<std::int64_t>::min();
    constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
    constexpr auto u64max = std::numeric_limits<std::uint64_t>::max();
    const std::vector<Span> spans = {
        {Nanos{i64min}, Nanos{i64max}, 0xffffffffu, 0xffffffffu, u64max, kNoRequest, SpanKind::Gc},
        {Nanos{i64max}, Nanos{i64min}, 0, 0, 0, 0, SpanKind::Work},
        {Nanos{-5}, Nanos{3}, 7, 7, 1, 2, SpanKind::Dispatch},
        {},
    };
    PackedLog<Span> s(spans.begin(), spans.end());
    expectHolds(s, spans);

    const std::vector<TaskEvent> tasks = {
        {Nanos{i64max}, u64max, kNoRequest, u64max, TaskState::Refused, Place::Join, -1, 0x7fffffff},
        {Nanos{i64min}, 0, 0, 1, TaskState::Created, Place::None, std::numeric_limits<std::int32_t>::min(), -1},
        {Nanos{i64min}, 0, 0, 1, TaskState::Created, Place::None, 0, -1}, // same parent as before
        {Nanos{0}, 5, 5, 0, TaskState::Done, Place::ConnectionPool, 3, -7},
    };
    PackedLog<TaskEvent> t(tasks.begin(), tasks.end());
    expectHolds(t, tasks);

    const std::vector<StackEvent> stacks = {
        {Nanos{i64max}, u64max, StackOwner::Thread, i64min, i64max},
        {Nanos{i64min}, 0, StackOwner::Goroutine, 0, 0},
        {Nanos{1}, 1, StackOwner::Goroutine, 8 << 20, 4096},
    };
    PackedLog<StackEvent> st(stacks.begin(), stacks.end());
    expectHolds(st, stacks);

    const std::vector<CounterSample> counters = {
        {Nanos{i64max}, Counter::OtherCommitted, -1, i64min},
        {Nanos{i64max}, Counter::OtherCommitted, -1, i64max}, // same series: the change wraps
        {Nanos{0}, Counter::InFlight, 0, 0},
        {Nanos{0}, Counter::InFlight, 0, -1},
    };
    PackedLog<CounterSample> c(counters.begin(), counters.end());
    expectHolds(c, counters);
}

// Records like a model's: many, spanning several blocks and several 1 MiB chunks.
std::vector<TaskEvent> manyTaskEvents(std::size_t n)
{
    std::mt19937_64 rng(42);
    std::vector<TaskEvent> out;
    Nanos t{0};
    for (std::size_t i = 0; i < n; ++i) {
        t += Nanos{static_cast<std::int64_t>(rng() % 3000)};
        const std::uint64_t task = 1 + rng() % 100'000;
        out.push_back({t, task, static_cast<std::uint32_t>(task / 3), rng() % 4 == 0 ? task - rng() % 5 : 0,
                       static_cast<TaskState>(rng() % 9), static_cast<Place>(rng() % 16),
                       static_cast<std::int32_t>(rng() % 8),
                       rng() % 10 == 0 ? static_cast<std::int32_t>(rng() % 4) : -1});
    }
    return out;
}

TEST(PackedLog, ManyRecordsAcrossChunksReadBackByIndexInOrderAndAfterJumps)
{
    const auto records = manyTaskEvents(400'000); // over 2 MiB packed
    PackedLog<TaskEvent> log(records.begin(), records.end());
    EXPECT_GT(log.bytes(), std::size_t{2} << 20);
    expectHolds(log, records);
}

TEST(PackedLog, SetBackAndPopBackRewriteTheTailAtEveryPositionInABlock)
{
    auto records = manyTaskEvents(100);
    PackedLog<TaskEvent> log(records.begin(), records.end());
    for (int k = 0; k < 60; ++k) { // through several block boundaries
        records.pop_back();
        log.pop_back();
        ASSERT_TRUE(same(log.back(), records.back())) << "after " << k + 1 << " pops";
        TaskEvent changed = records.back();
        changed.state = TaskState::Joining;
        changed.time += Nanos{1};
        records.back() = changed;
        log.set_back(changed);
        records.push_back(changed);
        log.push_back(changed); // and a record after the rewritten one decodes against it
        records.pop_back();
        log.pop_back();
    }
    expectHolds(log, records);
}

TEST(PackedLog, ABinarySearchOverTheIteratorsFindsTheRecordsAtAnInstant)
{
    const auto records = manyTaskEvents(50'000);
    PackedLog<TaskEvent> log(records.begin(), records.end());
    for (std::size_t at : {std::size_t{0}, std::size_t{17}, std::size_t{31'337}, records.size() - 1}) {
        const Nanos t = records[at].time;
        const auto got =
            std::upper_bound(log.begin(), log.end(), t, [](Nanos x, const TaskEvent &e) { return x < e.time; });
        const auto want =
            std::upper_bound(records.begin(), records.end(), t, [](Nanos x, const TaskEvent &e) { return x < e.time; });
        EXPECT_EQ(got - log.begin(), want - records.begin());
    }
}

// What the packing buys: a real model's trace takes under 10 bytes a record, a third or less of the
// records' own size (a 40-byte span, a 24-byte counter sample).
TEST(PackedLog, AModelsTraceTakesAFewBytesPerRecord)
{
    RunOptions options;
    options.trace = true;
    for (ModelKind m : kAllModels) {
        Scenario s = openLoad(4, 2000, 4000,
                              {cpu(exponential(200_us)), io(exponential(2_ms)), fanout(4, {cpu(exponential(50_us))}),
                               stack(16 * KiB), cpu(exponential(100_us))});
        const auto r = simulate(s, m, options);
        const Trace &t = *r.trace;
        const double unpacked =
            static_cast<double>(t.spans.size() * sizeof(Span) + t.tasks.size() * sizeof(TaskEvent) +
                                t.stacks.size() * sizeof(StackEvent) + t.counters.size() * sizeof(CounterSample));
        const double packedBytes =
            static_cast<double>(t.spans.bytes() + t.tasks.bytes() + t.stacks.bytes() + t.counters.bytes());
        const double records =
            static_cast<double>(t.spans.size() + t.tasks.size() + t.stacks.size() + t.counters.size());
        EXPECT_LT(packedBytes / records, 10.0) << modelKey(m);
        EXPECT_LT(packedBytes, unpacked / 3) << modelKey(m);
    }
}

} // namespace
} // namespace conviz
