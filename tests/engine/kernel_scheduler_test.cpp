// The OS scheduler driven alone: when a running thread's time slice ends matters only once another
// thread waits for its core. Times are in slices (S = 1 ms) and worked out by hand.
#include "engine/kernel_scheduler.h"

#include <gtest/gtest.h>

#include <functional>
#include <iterator>
#include <vector>

namespace conviz {
namespace {

constexpr Nanos S{1'000'000};

// Threads whose owner notes when each burst ends, and may start the next one right then.
struct Owner final : ThreadClient {
    struct Done {
        ThreadId thread;
        Nanos at;
    };
    explicit Owner(const Simulation &clock) : sim(clock) {}
    void onBurstDone(ThreadId thread) override
    {
        done.push_back({thread, sim.now()});
        if (then)
            then(thread);
    }
    Nanos doneAt(ThreadId thread, std::size_t nth = 0) const
    {
        for (const Done &d : done)
            if (d.thread == thread && nth-- == 0)
                return d.at;
        return Nanos::max();
    }

    const Simulation &sim;
    std::vector<Done> done;
    std::function<void(ThreadId)> then; // called after each burst's end is noted
};

struct Spans final : Observer {
    void onSpan(const Span &s) override
    {
        if (s.kind != SpanKind::Switch)
            spans.push_back(s);
    }
    std::vector<Span> spans;
};

// Calls `f` at `at`: a thread waking, as a model's own event would wake it.
struct At final : EventHandler {
    At(Simulation &sim, Nanos at, std::function<void()> call) : f(std::move(call)) { sim.schedule(at, this, 0); }
    void onEvent(const Event &) override { f(); }
    std::function<void()> f;
};

struct Machine {
    explicit Machine(int cores = 1) : kernel(sim, cores, S, Nanos::zero(), Nanos::zero(), &trace) {}
    Simulation sim;
    Spans trace;
    KernelScheduler kernel;
    Owner owner{sim};
};

TEST(KernelScheduler, AThreadAloneRunsItsWholeBurstAsOneEventAndOneSpan)
{
    Machine m;
    const ThreadId a = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    m.kernel.runBurst(a, 10 * S + Nanos{7}, {});
    m.sim.run();
    EXPECT_EQ(m.owner.doneAt(a), 10 * S + Nanos{7});
    EXPECT_EQ(m.sim.eventsProcessed(), 1u); // not one per slice: nobody waited
    ASSERT_EQ(m.trace.spans.size(), 1u);
    EXPECT_EQ(m.trace.spans[0].start, Nanos::zero());
    EXPECT_EQ(m.trace.spans[0].end, 10 * S + Nanos{7});
    EXPECT_EQ(m.kernel.switches(), 1); // the first dispatch of a new thread only
}

// When a and b finish: a runs 10 S alone from 0, b wakes at `wake` with a quarter slice to run.
struct Finish {
    Nanos a, b;
};
Finish aLongRunAndAWakeAt(Nanos wake)
{
    Machine m;
    const ThreadId a = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    const ThreadId b = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    m.kernel.runBurst(a, 10 * S, {});
    At woken(m.sim, wake, [&] { m.kernel.runBurst(b, S / 4, {}); });
    m.sim.run();
    return {m.owner.doneAt(a), m.owner.doneAt(b)};
}

TEST(KernelScheduler, AThreadThatStartsWaitingGetsTheCoreAtTheRunningThreadsNextSliceEnd)
{
    // a's third slice ends at 3 S: b runs 3 S .. 3.25 S, then a has its 7 S left.
    const Finish f = aLongRunAndAWakeAt(2 * S + S / 2);
    EXPECT_EQ(f.b, 3 * S + S / 4);
    EXPECT_EQ(f.a, 10 * S + S / 4);
}

TEST(KernelScheduler, AThreadThatStartsWaitingAsASliceEndsGetsTheCoreThen)
{
    const Finish f = aLongRunAndAWakeAt(3 * S);
    EXPECT_EQ(f.b, 3 * S + S / 4);
    EXPECT_EQ(f.a, 10 * S + S / 4);
}

TEST(KernelScheduler, TheSliceUsedInOneBurstCarriesIntoTheNextOnTheSameCore)
{
    Machine m;
    const ThreadId a = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    const ThreadId b = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    // a runs 1.5 S alone (half of its second slice used), then at once a burst of 2 S.
    m.owner.then = [&](ThreadId t) {
        if (t == a && m.owner.done.size() == 1)
            m.kernel.runBurst(a, 2 * S, {});
    };
    m.kernel.runBurst(a, S + S / 2, {});
    At wake(m.sim, S + S * 7 / 10, [&] { m.kernel.runBurst(b, S / 4, {}); });
    m.sim.run();
    // a's second slice ends at 2 S, half a slice into its second burst: b runs then.
    EXPECT_EQ(m.owner.doneAt(a, 0), S + S / 2);
    EXPECT_EQ(m.owner.doneAt(b), 2 * S + S / 4);
    EXPECT_EQ(m.owner.doneAt(a, 1), 3 * S + S / 2 + S / 4);
}

TEST(KernelScheduler, TheCoreWhoseSliceEndsFirstTakesTheWaitingThread)
{
    Machine m(2);
    const ThreadId a = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    const ThreadId b = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    const ThreadId c = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    m.kernel.runBurst(a, 10 * S, {});                                           // core 0 from 0
    At second(m.sim, S / 2, [&] { m.kernel.runBurst(b, 10 * S, {}); });         // core 1 from 0.5 S
    At third(m.sim, 4 * S + S / 10, [&] { m.kernel.runBurst(c, S / 10, {}); }); // both busy
    m.sim.run();
    // Slice ends: core 0 at 5 S, core 1 at 4.5 S. c runs on core 1 from 4.5 S; b resumes after it.
    EXPECT_EQ(m.owner.doneAt(c), 4 * S + S / 2 + S / 10);
    EXPECT_EQ(m.kernel.lastCore(c), 1);
    EXPECT_EQ(m.owner.doneAt(a), 10 * S);
    EXPECT_EQ(m.owner.doneAt(b), 10 * S + S / 2 + S / 10);
}

TEST(KernelScheduler, ThreadsThatKeepWaitingShareTheCoreSliceBySlice)
{
    Machine m;
    const ThreadId a = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    const ThreadId b = m.kernel.createThread(&m.owner, ThreadRole::Worker);
    m.kernel.runBurst(a, 3 * S, {});
    At wake(m.sim, S / 2, [&] { m.kernel.runBurst(b, 3 * S, {}); });
    m.sim.run();
    // a 0..1, b 1..2, a 2..3, b 3..4, a 4..5 (done), b 5..6 (done).
    EXPECT_EQ(m.owner.doneAt(a), 5 * S);
    EXPECT_EQ(m.owner.doneAt(b), 6 * S);
    EXPECT_EQ(m.trace.spans.size(), 6u);
}

TEST(KernelScheduler, ABurstsLeadIsItsOwnSpanEvenWhenAPreemptionSplitsIt)
{
    // a runs 3 S whose first 1.5 S are a switch (a lead); b wakes at 0.5 S for 1 S. a is preempted
    // at 1 S, a slice into its lead; b runs 1 S .. 2 S; a's lead goes on 2 S .. 2.5 S, its work to 4 S.
    Simulation sim;
    struct : Observer {
        void onSpan(const Span &s) override { spans.push_back(s); }
        std::vector<Span> spans;
    } trace;
    KernelScheduler kernel(sim, 1, S, Nanos::zero(), Nanos::zero(), &trace);
    Owner owner(sim);
    const ThreadId a = kernel.createThread(&owner, ThreadRole::Worker);
    const ThreadId b = kernel.createThread(&owner, ThreadRole::Worker);
    kernel.runBurst(a, 3 * S, {7, 1, SpanKind::Work}, S + S / 2, SpanKind::Switch);
    At woken(sim, S / 2, [&] { kernel.runBurst(b, S, {8, 2, SpanKind::Work}); });
    sim.run();
    EXPECT_EQ(owner.doneAt(a), 4 * S);
    const struct {
        Nanos start, end;
        std::uint64_t task;
        SpanKind kind;
    } expected[] = {{Nanos::zero(), S, 7, SpanKind::Switch},
                    {S, 2 * S, 8, SpanKind::Work},
                    {2 * S, 2 * S + S / 2, 7, SpanKind::Switch},
                    {2 * S + S / 2, 4 * S, 7, SpanKind::Work}};
    ASSERT_EQ(trace.spans.size(), std::size(expected));
    for (std::size_t i = 0; i < std::size(expected); ++i) {
        EXPECT_EQ(trace.spans[i].start, expected[i].start) << i;
        EXPECT_EQ(trace.spans[i].end, expected[i].end) << i;
        EXPECT_EQ(trace.spans[i].task, expected[i].task) << i;
        EXPECT_EQ(trace.spans[i].kind, expected[i].kind) << i;
    }
}

} // namespace
} // namespace conviz
