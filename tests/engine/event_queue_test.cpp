// The event queue against a plain ordered set of (time, sequence): every pop must agree, through
// growth and shrinkage across the array/heap boundary, ties, and times far apart.
#include "engine/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <set>
#include <utility>

namespace conviz {
namespace {

class Xorshift {
public:
    std::uint64_t next()
    {
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return m_state;
    }

private:
    std::uint64_t m_state = 0x9e3779b97f4a7c15ULL;
};

// Runs `rounds` of: push a random number of events at random times from `now`, then pop a random
// number; `spread` bounds how far ahead an event may be (small spreads give many ties).
void expectSameOrderAsASortedSet(std::int64_t spread, int rounds, std::uint64_t maxBatch)
{
    EventQueue queue;
    std::set<std::pair<std::int64_t, std::uint64_t>> reference; // (time, push sequence)
    Xorshift rng;
    std::int64_t now = 0;
    std::uint64_t seq = 0;
    std::uint64_t pops = 0;
    for (int round = 0; round < rounds; ++round) {
        const std::uint64_t pushes = rng.next() % maxBatch;
        for (std::uint64_t i = 0; i < pushes; ++i) {
            const auto at = now + static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(spread));
            queue.push(Event{Nanos{at}, nullptr, 0, 0, seq});
            reference.insert({at, seq});
            ++seq;
        }
        const std::uint64_t popCount = rng.next() % (maxBatch + 2);
        for (std::uint64_t i = 0; i < popCount && !reference.empty(); ++i) {
            ASSERT_TRUE(queue.prepareFront());
            const Event e = queue.popFront();
            const auto expected = *reference.begin();
            reference.erase(reference.begin());
            ASSERT_EQ(e.time.count(), expected.first) << "pop " << pops;
            ASSERT_EQ(e.b, expected.second) << "pop " << pops << " at " << expected.first;
            now = e.time.count();
            ++pops;
        }
        ASSERT_EQ(queue.size(), reference.size());
        ASSERT_EQ(queue.empty(), reference.empty());
    }
    EXPECT_GT(pops, static_cast<std::uint64_t>(rounds)); // the run did pop, and often
}

TEST(EventQueue, PopsInTimeThenPushOrderWithManyTies) { expectSameOrderAsASortedSet(8, 20'000, 12); }

TEST(EventQueue, PopsInTimeThenPushOrderWhileGrowingAndShrinkingPastTheArray)
{
    expectSameOrderAsASortedSet(1'000, 20'000, 40);
}

TEST(EventQueue, PopsInTimeThenPushOrderWithThousandsPendingAndTimesFarApart)
{
    expectSameOrderAsASortedSet(std::int64_t{1} << 50, 5'000, 600);
}

// A million waiting connections in small: hundreds of thousands of events far ahead, in buckets large
// enough to be refilled with room reserved and freed afterwards, and as many pushed while they drain.
TEST(EventQueue, PopsInTimeThenPushOrderThroughBucketsOfHundredsOfThousandsOfEvents)
{
    EventQueue queue;
    std::set<std::pair<std::int64_t, std::uint64_t>> reference;
    Xorshift rng;
    std::uint64_t seq = 0;
    const auto pushAround = [&](std::int64_t from, int count) {
        for (int i = 0; i < count; ++i) {
            const auto at = from + static_cast<std::int64_t>(rng.next() % 4'000'000'000ULL) / 1000 * 1000; // ties
            queue.push(Event{Nanos{at}, nullptr, 0, 0, seq});
            reference.insert({at, seq++});
        }
    };
    const auto popExpecting = [&](std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            ASSERT_TRUE(queue.prepareFront());
            const Event e = queue.popFront();
            ASSERT_EQ(e.time.count(), reference.begin()->first);
            ASSERT_EQ(e.b, reference.begin()->second);
            reference.erase(reference.begin());
        }
    };
    constexpr std::int64_t kWait = 30'000'000'000; // 30 s
    pushAround(kWait, 600'000);
    popExpecting(300'000);
    pushAround(2 * kWait, 400'000);
    popExpecting(reference.size());
    EXPECT_TRUE(queue.empty());
}

// A fan-out in small. Sixteen events one nanosecond apart: the heap spreads them over buckets of
// 1, 2, 4 and 8 events, and sorts the last eight (1008–1015) in front of itself once 1000–1007 are
// popped. Then come events at the latest of those (1015) and a burst at the instant just popped,
// more than the front holds. Every one must come out after the events pushed before it at its time.
TEST(EventQueue, ABurstBehindAFewSortedEventsKeepsPushOrder)
{
    EventQueue queue;
    std::set<std::pair<std::int64_t, std::uint64_t>> reference;
    std::uint64_t seq = 0;
    const auto push = [&](std::int64_t at) {
        queue.push(Event{Nanos{at}, nullptr, 0, 0, seq});
        reference.insert({at, seq++});
    };
    const auto popExpecting = [&] {
        ASSERT_TRUE(queue.prepareFront());
        const Event e = queue.popFront();
        ASSERT_EQ(e.time.count(), reference.begin()->first);
        ASSERT_EQ(e.b, reference.begin()->second) << "at " << e.time.count();
        reference.erase(reference.begin());
    };
    for (std::int64_t t = 1'000; t < 1'016; ++t)
        push(t);
    push(5'000); // many pending: the heap, not the array
    for (int i = 0; i < 9; ++i)
        ASSERT_NO_FATAL_FAILURE(popExpecting()); // up to 1008
    for (int i = 0; i < 3; ++i)
        push(1'015);
    for (int i = 0; i < 40; ++i)
        push(i % 4 == 0 ? 1'015 : 1'008);
    while (!reference.empty())
        ASSERT_NO_FATAL_FAILURE(popExpecting());
    EXPECT_TRUE(queue.empty());
}

// As Simulation::runUntil uses it: looks ahead to a limit, and when nothing is due by then the clock
// moves to the limit. Pushes land at the instant, at the times of events already pending (ties with
// whatever structure holds them) and ahead; spreads from one nanosecond to hours.
TEST(EventQueue, PopsInOrderWhileLookingAheadToLimits)
{
    for (std::int64_t spread : {std::int64_t{1}, std::int64_t{8}, std::int64_t{1'000}, std::int64_t{1} << 40}) {
        EventQueue queue;
        std::set<std::pair<std::int64_t, std::uint64_t>> reference;
        Xorshift rng;
        std::int64_t now = 0;
        std::uint64_t seq = 0;
        for (int round = 0; round < 4'000; ++round) {
            const std::uint64_t pushes = rng.next() % 40;
            for (std::uint64_t i = 0; i < pushes; ++i) {
                std::int64_t at = now + static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(spread));
                if (const std::uint64_t pick = rng.next() % 4; pick == 0 && !reference.empty())
                    at =
                        std::next(reference.begin(),
                                  static_cast<std::ptrdiff_t>(rng.next() % std::min<std::size_t>(reference.size(), 20)))
                            ->first;
                else if (pick == 1)
                    at = now;
                queue.push(Event{Nanos{at}, nullptr, 0, 0, seq});
                reference.insert({at, seq++});
            }
            const std::uint64_t pops = rng.next() % 43;
            for (std::uint64_t i = 0; i < pops; ++i) {
                const std::int64_t limit =
                    now + static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(spread + 1));
                const bool due = !reference.empty() && reference.begin()->first <= limit;
                ASSERT_EQ(queue.prepareFront(Nanos{limit}), due) << "spread " << spread << ", round " << round;
                if (!due) {
                    now = limit;
                    continue;
                }
                const Event e = queue.popFront();
                ASSERT_EQ(e.time.count(), reference.begin()->first) << "spread " << spread << ", round " << round;
                ASSERT_EQ(e.b, reference.begin()->second) << "spread " << spread << ", round " << round;
                reference.erase(reference.begin());
                now = e.time.count();
            }
            ASSERT_EQ(queue.size(), reference.size());
        }
    }
}

TEST(EventQueue, PrepareFrontLeavesLaterEventsAndAcceptsEarlierPushes)
{
    EventQueue queue;
    for (std::int64_t t : {100,  200,  300,  400,  500,  600,  700,  800,  900,  1000,
                           1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000})
        queue.push(Event{Nanos{t}, nullptr, 0, 0, static_cast<std::uint64_t>(t)});
    ASSERT_TRUE(queue.prepareFront(Nanos{100}));
    EXPECT_EQ(queue.popFront().time, Nanos{100});
    // Nothing at or before 150: the queue must not commit to 200 as its minimum, because an event
    // may still come at 150.
    EXPECT_FALSE(queue.prepareFront(Nanos{150}));
    queue.push(Event{Nanos{150}, nullptr, 0, 0, 150});
    ASSERT_TRUE(queue.prepareFront(Nanos{150}));
    EXPECT_EQ(queue.popFront().time, Nanos{150});
    ASSERT_TRUE(queue.prepareFront());
    EXPECT_EQ(queue.popFront().time, Nanos{200});
}

TEST(EventQueue, EventsPushedAfterAnUnfruitfulLookAheadStillComeOutInOrder)
{
    // Many pending (the heap), popped down to a few, then a look ahead to a limit before all of
    // them: the queue may reorganise, but a burst of earlier events pushed next must still come out
    // first, in time order.
    EventQueue queue;
    for (std::int64_t i = 1; i <= 20; ++i)
        queue.push(Event{Nanos{i * 1000}, nullptr, 0, 0, 0});
    for (std::int64_t i = 1; i <= 16; ++i) {
        ASSERT_TRUE(queue.prepareFront());
        ASSERT_EQ(queue.popFront().time, Nanos{i * 1000});
    }
    EXPECT_FALSE(queue.prepareFront(Nanos{16'500}));
    for (std::int64_t i = 0; i < 20; ++i)
        queue.push(Event{Nanos{16'500 + 7 * ((i * 5) % 20)}, nullptr, 0, 0, 0});
    Nanos last{16'000};
    std::size_t popped = 0;
    while (queue.prepareFront()) {
        const Event e = queue.popFront();
        ASSERT_GE(e.time, last) << "pop " << popped;
        last = e.time;
        ++popped;
    }
    EXPECT_EQ(popped, 24u);
}

} // namespace
} // namespace conviz
