// The discrete-event kernel: events ordered by (time, sequence), the run verbs, and the contract
// that nothing is scheduled in the past.
#include "engine/simulation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace conviz {
namespace {

using namespace literals;

// Records (time, kind, payload) of every event it hears and can schedule more from inside a handler.
class EventLog final : public EventHandler {
public:
    struct Entry {
        Nanos time;
        std::uint32_t kind;
        std::uint64_t b;
    };

    explicit EventLog(Simulation &sim) : m_sim(sim) {}

    void onEvent(const Event &event) override
    {
        entries.push_back({m_sim.now(), event.kind, event.b});
        // kind 1: schedule a follow-up (kind 2) at the same instant.
        if (event.kind == 1)
            m_sim.after(Nanos::zero(), this, 2, 0, event.b);
    }

    std::vector<Entry> entries;

private:
    Simulation &m_sim;
};

TEST(Simulation, EqualTimeEventsRunInTheOrderTheyWereScheduled)
{
    Simulation sim;
    EventLog log(sim);
    for (std::uint64_t i = 0; i < 100; ++i)
        sim.schedule(5_us, &log, 0, 0, i);
    sim.run();
    ASSERT_EQ(log.entries.size(), 100u);
    for (std::uint64_t i = 0; i < 100; ++i)
        EXPECT_EQ(log.entries[i].b, i) << "position " << i;
}

TEST(Simulation, EventsRunInTimeOrderWhateverTheOrderTheyWereScheduledIn)
{
    Simulation sim;
    EventLog log(sim);
    // A fixed pseudo-random permutation of times with many ties, big enough to exercise the heap.
    std::uint64_t x = 12345;
    for (std::uint64_t i = 0; i < 20000; ++i) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        sim.schedule(Nanos{static_cast<std::int64_t>((x >> 33) % 500)}, &log, 0, 0, i);
    }
    sim.run();
    ASSERT_EQ(log.entries.size(), 20000u);
    for (std::size_t i = 1; i < log.entries.size(); ++i) {
        const auto &prev = log.entries[i - 1];
        const auto &cur = log.entries[i];
        ASSERT_TRUE(prev.time < cur.time || (prev.time == cur.time && prev.b < cur.b))
            << "event " << i << " ran out of (time, sequence) order";
    }
}

TEST(Simulation, AnEventScheduledForNowFromAHandlerRunsAfterThoseAlreadyWaitingAtNow)
{
    Simulation sim;
    EventLog log(sim);
    sim.schedule(1_us, &log, 1, 0, 7); // schedules kind 2 at 1 µs when it runs
    sim.schedule(1_us, &log, 0, 0, 8);
    sim.run();
    ASSERT_EQ(log.entries.size(), 3u);
    EXPECT_EQ(log.entries[0].kind, 1u);
    EXPECT_EQ(log.entries[1].kind, 0u);
    EXPECT_EQ(log.entries[2].kind, 2u);
    EXPECT_EQ(log.entries[2].time, 1_us);
}

TEST(Simulation, StepRunsOneEventAndAdvancesTheClockToIt)
{
    Simulation sim;
    EventLog log(sim);
    EXPECT_TRUE(sim.empty());
    EXPECT_FALSE(sim.step());
    EXPECT_EQ(sim.now(), Nanos::zero());

    sim.schedule(3_ms, &log, 0);
    sim.after(1_ms, &log, 0);
    EXPECT_FALSE(sim.empty());
    EXPECT_EQ(sim.pending(), 2u);

    EXPECT_TRUE(sim.step());
    EXPECT_EQ(sim.now(), 1_ms);
    EXPECT_EQ(sim.pending(), 1u);
    EXPECT_TRUE(sim.step());
    EXPECT_EQ(sim.now(), 3_ms);
    EXPECT_FALSE(sim.step());
    EXPECT_TRUE(sim.empty());
    EXPECT_EQ(sim.now(), 3_ms);
    EXPECT_EQ(sim.eventsProcessed(), 2u);
}

TEST(Simulation, AfterSchedulesRelativeToNow)
{
    Simulation sim;
    EventLog log(sim);
    sim.schedule(10_us, &log, 0);
    sim.step();
    sim.after(5_us, &log, 0);
    sim.run();
    ASSERT_EQ(log.entries.size(), 2u);
    EXPECT_EQ(log.entries[1].time, 15_us);
}

TEST(Simulation, RunUntilRunsEventsAtOrBeforeTheLimitAndSetsTheClockToIt)
{
    Simulation sim;
    EventLog log(sim);
    sim.schedule(1_ms, &log, 0, 0, 1);
    sim.schedule(2_ms, &log, 0, 0, 2);
    sim.schedule(3_ms, &log, 0, 0, 3);

    sim.runUntil(2_ms);
    ASSERT_EQ(log.entries.size(), 2u); // the event at exactly 2 ms runs
    EXPECT_EQ(sim.now(), 2_ms);
    EXPECT_EQ(sim.pending(), 1u);

    sim.runUntil(2500_us);
    EXPECT_EQ(log.entries.size(), 2u);
    EXPECT_EQ(sim.now(), 2500_us); // the clock moves even when no event ran

    sim.runUntil(1_ms); // the clock never goes back
    EXPECT_EQ(sim.now(), 2500_us);

    sim.runUntil(10_ms);
    EXPECT_EQ(log.entries.size(), 3u);
    EXPECT_EQ(sim.now(), 10_ms);
    EXPECT_TRUE(sim.empty());
}

TEST(Simulation, RunDrainsEveryEventIncludingThoseScheduledWhileRunning)
{
    Simulation sim;
    EventLog log(sim);
    for (std::uint64_t i = 0; i < 10; ++i)
        sim.schedule(Nanos{static_cast<std::int64_t>(i) * 100}, &log, 1, 0, i);
    sim.run();
    EXPECT_TRUE(sim.empty());
    EXPECT_EQ(log.entries.size(), 20u);
    EXPECT_EQ(sim.eventsProcessed(), 20u);
    EXPECT_EQ(sim.now(), Nanos{900});
}

TEST(Simulation, EventsCarryTheirKindAndPayload)
{
    Simulation sim;
    struct Capture final : EventHandler {
        Event seen;
        void onEvent(const Event &e) override { seen = e; }
    } capture;
    sim.schedule(7_ns, &capture, 42, 0xdead, 0x1234567890ULL);
    sim.run();
    EXPECT_EQ(capture.seen.time, 7_ns);
    EXPECT_EQ(capture.seen.kind, 42u);
    EXPECT_EQ(capture.seen.a, 0xdeadu);
    EXPECT_EQ(capture.seen.b, 0x1234567890ULL);
    EXPECT_EQ(capture.seen.target, &capture);
}

TEST(SimulationDeathTest, SchedulingAnEventInThePastIsAContractViolation)
{
    Simulation sim;
    EventLog log(sim);
    sim.schedule(5_ms, &log, 0);
    sim.run();
    EXPECT_DEATH(sim.schedule(4_ms, &log, 0), "scheduled in the past");
}

TEST(SimulationDeathTest, SchedulingBeforeTheClockAfterRunUntilIsAContractViolation)
{
    Simulation sim;
    EventLog log(sim);
    sim.runUntil(1_s);
    EXPECT_DEATH(sim.schedule(999_ms, &log, 0), "scheduled in the past");
}

TEST(SimulationDeathTest, AnEventWithoutATargetIsAContractViolation)
{
    Simulation sim;
    EXPECT_DEATH(sim.schedule(1_ms, nullptr, 0), "needs a target");
}

} // namespace
} // namespace conviz
