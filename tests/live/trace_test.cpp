// The trace of a live run: which task ran on which thread and CPU, and when. Every completed
// request ran somewhere, a thread runs one task at a time, CPUs are this machine's, the cap holds,
// and the engine's Trace carries the same.
#include "engine/live/live_run.h"
#include "tests/engine/scenarios.h"
#include "tests/live/live_support.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

namespace conviz::test {
namespace {

class LiveTraceTest : public ::testing::TestWithParam<ModelKind> {
protected:
    void SetUp() override
    {
        if (GetParam() == ModelKind::Fibers)
            CONVIZ_SKIP_FIBERS_UNDER_TSAN();
    }
};

// Every kind of step, a pool, a fan-out: every state a task can go through.
Scenario mixed(std::int64_t requests)
{
    Scenario s = closedLoad(2, 4, constant(ms(1)), requests,
                            {cpu(constant(us(300))), io(constant(ms(2)), 0),
                             fanout(2, {io(constant(ms(2))), cpu(constant(us(100)))}), cpu(constant(us(200)), true),
                             blocking(constant(ms(1)))});
    s.pools.push_back({"db", 2});
    s.fibers.gomaxprocs = 2;
    s.threads.stackReserved = 256 * KiB;
    return s;
}

TEST_P(LiveTraceTest, SpansCoverEveryCompletedRequestOneTaskAtATimePerThreadOnThisMachinesCpus)
{
    const Scenario s = mixed(30);
    live::LiveControl control;
    const live::LiveMetrics m = live::runLive(s, GetParam(), control);
    ASSERT_EQ(m.completed, 30);
    const live::LiveTrace &t = m.trace;
    EXPECT_FALSE(t.truncated);
    ASSERT_FALSE(t.spans.empty());

    std::set<std::uint64_t> ran;
    std::map<std::uint32_t, std::vector<const live::LiveSpan *>> byThread;
    const auto cpus = static_cast<std::int32_t>(std::max(1U, std::thread::hardware_concurrency()));
    for (std::size_t i = 0; i < t.spans.size(); ++i) {
        const live::LiveSpan &sp = t.spans[i];
        if (i > 0) {
            EXPECT_GE(sp.startNs, t.spans[i - 1].startNs) << "spans sorted by start";
        }
        EXPECT_LE(sp.startNs, sp.endNs);
        EXPECT_GE(sp.cpu, 0);
        EXPECT_LT(sp.cpu, cpus);
        ASSERT_LT(sp.thread, t.threads.size());
        ran.insert(sp.request);
        byThread[sp.thread].push_back(&sp);
    }
    for (const live::LiveRequest &r : m.requests)
        EXPECT_TRUE(ran.count(r.index)) << "request " << r.index << " completed without a span";
    for (const auto &[thread, spans] : byThread)
        for (std::size_t i = 1; i < spans.size(); ++i)
            EXPECT_LE(spans[i - 1]->endNs, spans[i]->startNs) << "thread " << thread << " ran two tasks at once";

    // The threads that ran tasks are the executor's: fiber workers, loops and their pool, request threads.
    std::set<live::LiveThreadRole> roles;
    for (const live::LiveThread &th : t.threads)
        roles.insert(th.role);
    switch (GetParam()) {
    case ModelKind::Fibers:
        EXPECT_EQ(roles, std::set{live::LiveThreadRole::Worker});
        EXPECT_LE(t.threads.size(), 2U);
        break;
    case ModelKind::EventLoop:
        EXPECT_EQ(roles, (std::set{live::LiveThreadRole::Loop, live::LiveThreadRole::Pool}));
        break;
    case ModelKind::Threads: EXPECT_EQ(roles, std::set{live::LiveThreadRole::Request}); break;
    }

    // Each request's root ends Done, and every state of the request's steps appears.
    std::set<live::LiveTaskState> states;
    std::int64_t rootsDone = 0;
    for (std::size_t i = 0; i < t.tasks.size(); ++i) {
        if (i > 0) {
            EXPECT_GE(t.tasks[i].timeNs, t.tasks[i - 1].timeNs);
        }
        states.insert(t.tasks[i].state);
        rootsDone += t.tasks[i].state == live::LiveTaskState::Done && t.tasks[i].parent == 0;
    }
    EXPECT_EQ(rootsDone, 30);
    for (live::LiveTaskState st : {live::LiveTaskState::Running, live::LiveTaskState::Io, live::LiveTaskState::Blocked,
                                   live::LiveTaskState::Joining, live::LiveTaskState::Done})
        EXPECT_TRUE(states.count(st)) << live::stateKey(st);
}

TEST_P(LiveTraceTest, TheTraceStopsAtLiveTraceEventsAndSaysSo)
{
    Scenario s = mixed(30);
    s.live.traceEvents = 40;
    live::LiveControl control;
    const live::LiveMetrics m = live::runLive(s, GetParam(), control);
    ASSERT_EQ(m.completed, 30); // the run itself is whole
    EXPECT_TRUE(m.trace.truncated);
    EXPECT_LE(m.trace.spans.size() + m.trace.tasks.size(), 40U);
    EXPECT_FALSE(m.trace.tasks.empty());
    // Whole up to the cut: nothing kept ends at or after it.
    for (const live::LiveSpan &sp : m.trace.spans)
        EXPECT_LT(sp.endNs, m.trace.truncatedAtNs);

    s.live.traceEvents = 0;
    const live::LiveMetrics none = live::runLive(s, GetParam(), control);
    EXPECT_EQ(none.completed, 30);
    EXPECT_TRUE(none.trace.spans.empty());
    EXPECT_TRUE(none.trace.tasks.empty());
    EXPECT_FALSE(none.trace.truncated);
}

INSTANTIATE_TEST_SUITE_P(Models, LiveTraceTest,
                         ::testing::Values(ModelKind::Fibers, ModelKind::EventLoop, ModelKind::Threads),
                         [](const ::testing::TestParamInfo<ModelKind> &p) { return std::string(modelKey(p.param)); });

TEST(LiveTrace, BecomesTheEnginesTraceWithTheSameSpansThreadsAndStates)
{
    live::LiveTrace t;
    t.threads = {{0, live::LiveThreadRole::Loop}, {1, live::LiveThreadRole::Pool}};
    t.spans = {{100, 400, 1, 0, 7, 3}, {500, 900, 0, 1, 7, 3}};
    t.tasks = {{100, 7, 3, 0, live::LiveTaskState::Running},
               {400, 7, 3, 0, live::LiveTaskState::Blocked},
               {950, 7, 3, 0, live::LiveTaskState::Done},
               {960, 8, 0, 0, live::LiveTaskState::Refused}};
    const Trace e = live::toTrace(t, ModelKind::EventLoop);
    ASSERT_EQ(e.spans.size(), 2U);
    EXPECT_EQ(e.spans[0].start, Nanos{100});
    EXPECT_EQ(e.spans[0].end, Nanos{400});
    EXPECT_EQ(e.spans[0].core, 1U);
    EXPECT_EQ(e.spans[1].thread, 1U);
    EXPECT_EQ(e.spans[1].task, 3U);
    EXPECT_EQ(e.spans[1].request, 7U);
    EXPECT_EQ(e.spans[1].kind, SpanKind::Work);
    ASSERT_EQ(e.threads.size(), 2U);
    EXPECT_EQ(e.threads[0].role, ThreadRole::Loop);
    EXPECT_EQ(e.threads[1].role, ThreadRole::PoolThread);
    EXPECT_EQ(e.threads[1].time, Nanos{500});
    ASSERT_EQ(e.tasks.size(), 5U); // Created before task 3's first event
    EXPECT_EQ(e.tasks[0].state, TaskState::Created);
    EXPECT_EQ(e.tasks[1].state, TaskState::Running);
    EXPECT_EQ(e.tasks[1].place, Place::Core);
    EXPECT_EQ(e.tasks[1].index, 1);
    EXPECT_EQ(e.tasks[2].state, TaskState::Blocked);
    EXPECT_EQ(e.tasks[3].state, TaskState::Done);
    EXPECT_EQ(e.tasks[4].state, TaskState::Refused);
    EXPECT_EQ(e.tasks[4].request, 8U);
    EXPECT_EQ(e.completions, std::vector<Nanos>{Nanos{950}});
    EXPECT_FALSE(e.truncated());
    // A thread pool's workers are the threads model's workers, not libuv's.
    EXPECT_EQ(live::toTrace(t, ModelKind::Threads).threads[1].role, ThreadRole::Worker);
    t.truncated = true;
    t.truncatedAtNs = 960;
    EXPECT_EQ(live::toTrace(t, ModelKind::EventLoop).truncatedAt, Nanos{960});
}

} // namespace
} // namespace conviz::test
