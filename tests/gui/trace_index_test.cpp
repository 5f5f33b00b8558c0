#include "gui/core/preset_model.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/scheduler_picture.h"
#include "gui/core/trace_index.h"

#include "engine/scenario/scenario_file.h"
#include "engine/simulate.h"
#include "test_scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <set>

using namespace conviz;
using namespace conviz::gui;

namespace {

std::shared_ptr<const TraceIndex> indexOf(const Scenario &s, ModelKind m)
{
    RunOptions o;
    o.trace = true;
    auto r = simulate(s, m, o);
    return std::make_shared<const TraceIndex>(r.trace, s.machine.cores);
}

// Each live task's state at t by a brute-force pass over the events.
std::map<std::uint64_t, TaskState> bruteForce(const Trace &trace, Nanos t)
{
    std::map<std::uint64_t, TaskState> live;
    for (const TaskEvent &e : trace.tasks) {
        if (e.time > t)
            break;
        if (e.state == TaskState::Done || e.state == TaskState::Refused)
            live.erase(e.task);
        else
            live[e.task] = e.state;
    }
    return live;
}

} // namespace

class TraceIndexModels : public ::testing::TestWithParam<ModelKind> {};

TEST_P(TraceIndexModels, CursorStateMatchesAReplayAtEveryInstantScrubbedTo)
{
    const Scenario s = test::smallWebScenario(200);
    const auto index = indexOf(s, GetParam());
    TraceCursor cursor(index);
    const double end = static_cast<double>(index->end().count());
    for (double f : {0.5, 0.1, 0.9, 0.3, 0.0, 1.0, 0.31, 0.7}) {
        const Nanos t{static_cast<std::int64_t>(end * f)};
        cursor.seek(t);
        std::map<std::uint64_t, TaskState> got;
        cursor.forEachLiveTask([&](const TaskEvent &e) { got[e.task] = e.state; });
        EXPECT_EQ(got, bruteForce(index->trace(), t)) << "at " << f;
    }
}

TEST_P(TraceIndexModels, SpanAtFindsTheSpanCoveringTheInstant)
{
    const auto index = indexOf(test::smallWebScenario(100), GetParam());
    const auto &spans = index->trace().spans;
    ASSERT_FALSE(spans.empty());
    for (std::size_t i = 0; i < spans.size(); i += spans.size() / 50 + 1) {
        const Span &s = spans[i];
        const std::optional<Span> found = index->spanAt(static_cast<int>(s.core), s.start);
        ASSERT_TRUE(found.has_value());
        EXPECT_EQ(found->start, s.start);
        EXPECT_EQ(found->end, s.end);
    }
}

TEST_P(TraceIndexModels, SchedulerPictureAccountsForEveryLiveTask)
{
    const Scenario s = test::batchWaitScenario(500);
    const auto index = indexOf(s, GetParam());
    TraceCursor cursor(index);
    cursor.seek(Nanos{500'000'000}); // everyone waits on the network
    const SchedulerPicture pic = schedulerPicture(cursor, GetParam(), s, 20);
    EXPECT_EQ(pic.liveTasks, 500);
    std::int64_t waiting = 0;
    for (const Lane &lane : pic.lanes)
        for (const LaneSegment &seg : lane.segments) {
            EXPECT_LE(seg.chips.size(), std::max<std::size_t>(20, static_cast<std::size_t>(seg.slots)));
            if (seg.slots == 0)
                waiting += seg.total;
        }
    EXPECT_EQ(waiting, 500);
}

// The run-queue chart ("Tasks waiting for a CPU"): at each of its points, as many tasks as a replay
// of every event up to then finds waiting. Fibers: runnable in a queue (not running on a P); event
// loop: runnable; threads: runnable and on no core.
TEST_P(TraceIndexModels, RunQueueSeriesCountsTheTasksWaitingForACpuAtEachPoint)
{
    Scenario s = test::smallWebScenario(600);
    s.load.rate = 4500; // more CPU than the two cores have, and twice what one event loop has
    const ModelKind model = GetParam();
    const auto index = indexOf(s, model);
    constexpr int kPoints = 120;
    const Nanos end = index->end();
    const QList<QPointF> series = runQueueSeries(index, model, end, kPoints);
    ASSERT_EQ(series.size(), kPoints + 1);
    std::int64_t most = 0;
    for (int i = 0; i <= kPoints; ++i) {
        const Nanos t{end.count() / kPoints * i};
        std::map<std::uint64_t, TaskEvent> live;
        for (const TaskEvent &e : index->trace().tasks) {
            if (e.time > t)
                break;
            if (e.state == TaskState::Done || e.state == TaskState::Refused)
                live.erase(e.task);
            else
                live[e.task] = e;
        }
        std::set<std::uint64_t> onCore;
        for (int c = 0; c < index->cores(); ++c)
            if (const std::optional<Span> span = index->spanAt(c, t))
                onCore.insert(span->task);
        std::int64_t waiting = 0;
        for (const auto &[task, e] : live) {
            if (e.state != TaskState::Runnable)
                continue;
            switch (model) {
            case ModelKind::Fibers: waiting += e.place != Place::None ? 1 : 0; break;
            case ModelKind::EventLoop: ++waiting; break;
            case ModelKind::Threads: waiting += onCore.count(task) ? 0 : 1; break;
            }
        }
        EXPECT_DOUBLE_EQ(series[i].x(), static_cast<double>(t.count()) / 1e9);
        EXPECT_EQ(series[i].y(), static_cast<double>(waiting)) << "at point " << i;
        most = std::max(most, waiting);
    }
    EXPECT_GT(most, 10); // queues did form
}

TEST(SchedulerPicture, ConnectionsWaitingForTheAcceptLoopAreInThePicture)
{
    // 500 connections at once; the accept loop creates one thread per 22 µs, so 1 ms in, fewer than
    // 50 have a thread and the rest wait in the backlog. The picture once left them out.
    Scenario s = test::batchWaitScenario(500);
    const auto index = indexOf(s, ModelKind::Threads);
    TraceCursor cursor(index);
    cursor.seek(Nanos{1'000'000});
    const SchedulerPicture pic = schedulerPicture(cursor, ModelKind::Threads, s, 20);
    const auto runQueue = std::find_if(pic.lanes.begin(), pic.lanes.end(),
                                       [](const Lane &l) { return l.title == QStringLiteral("Run queue"); });
    ASSERT_NE(runQueue, pic.lanes.end());
    const auto backlog = std::find_if(runQueue->segments.begin(), runQueue->segments.end(), [](const LaneSegment &seg) {
        return seg.caption == QStringLiteral("accept backlog");
    });
    ASSERT_NE(backlog, runQueue->segments.end());
    EXPECT_GE(backlog->total, 400);
    std::int64_t shown = 0;
    for (const Lane &lane : pic.lanes)
        for (const LaneSegment &seg : lane.segments)
            shown +=
                seg.slots == 0
                    ? seg.total
                    : static_cast<std::int64_t>(std::count_if(seg.chips.begin(), seg.chips.end(),
                                                              [](const Chip &c) { return c.label.startsWith(u'T'); }));
    EXPECT_EQ(shown, pic.liveTasks) << "every live connection is in the picture, once";
    const LaneSegment &cores = pic.lanes.front().segments.front();
    EXPECT_TRUE(std::any_of(cores.chips.begin(), cores.chips.end(), [](const Chip &c) {
        return c.label == QStringLiteral("accept");
    })) << "a core runs the accept loop";
}

TEST_P(TraceIndexModels, NextAndPreviousChangeStepThroughTheTrace)
{
    const auto index = indexOf(test::smallWebScenario(50), GetParam());
    Nanos t{0};
    for (int i = 0; i < 20; ++i) {
        const Nanos next = index->nextChange(t);
        ASSERT_GT(next, t);
        const Nanos previous = index->previousChange(next); // `next` itself when nothing came before
        EXPECT_TRUE(previous <= t || (i == 0 && previous == next)) << "step " << i << " next " << next.count();
        t = next;
    }
}

std::string modelName(const ::testing::TestParamInfo<ModelKind> &param) { return std::string(modelKey(param.param)); }

INSTANTIATE_TEST_SUITE_P(AllModels, TraceIndexModels,
                         ::testing::Values(ModelKind::Fibers, ModelKind::EventLoop, ModelKind::Threads), modelName);

TEST(TraceIndex, StackGroupsShowTwoKiBGoroutinesAndEightMiBThreads)
{
    const Scenario s = test::batchWaitScenario(300);
    const auto fibers = indexOf(s, ModelKind::Fibers);
    const auto threads = indexOf(s, ModelKind::Threads);
    TraceCursor f(fibers), t(threads);
    f.seek(Nanos{500'000'000});
    t.seek(Nanos{500'000'000});
    std::int64_t goroutines = 0;
    for (const StackGroup &g : f.stackGroups())
        if (g.kind == StackOwner::Goroutine) {
            EXPECT_EQ(g.reserved, 2 * KiB);
            goroutines += g.count;
        }
    EXPECT_EQ(goroutines, 300);
    std::int64_t bigThreads = 0;
    for (const StackGroup &g : t.stackGroups())
        if (g.reserved == 8 * MiB)
            bigThreads += g.count;
    EXPECT_EQ(bigThreads, 300);
}

TEST(TraceIndex, CounterAtReturnsTheLastSampleAtOrBefore)
{
    const auto index = indexOf(test::smallWebScenario(100), ModelKind::Fibers);
    const auto series = index->counterSeries(Counter::InFlight, 0);
    ASSERT_GT(series.size(), 3u);
    for (std::size_t i = 0; i + 1 < series.size(); i += 7) {
        if (series[i].time == series[i + 1].time)
            continue;
        EXPECT_EQ(index->counterAt(Counter::InFlight, 0, series[i].time), series[i].value);
    }
    EXPECT_EQ(index->counterAt(Counter::InFlight, 0, Nanos{-1}), 0);
}

// The window's Stop while a long trace is indexed (fanout-500 ×10: seconds a model) must not wait
// for the index to be finished.
TEST(TraceIndex, ARaisedCancelStopsTheBuildingAndALoweredOneChangesNothing)
{
    const Scenario s = test::smallWebScenario(3000);
    RunOptions o;
    o.trace = true;
    const std::shared_ptr<const Trace> trace = simulate(s, ModelKind::Threads, o).trace;
    ASSERT_GT(trace->spans.size(), 0u);
    const std::atomic<bool> raised{true}, lowered{false};
    EXPECT_TRUE(TraceIndex(trace, s.machine.cores, &raised).cancelled());

    const TraceIndex plain(trace, s.machine.cores), watched(trace, s.machine.cores, &lowered);
    EXPECT_FALSE(plain.cancelled());
    EXPECT_FALSE(watched.cancelled());
    EXPECT_EQ(watched.end(), plain.end());
    EXPECT_EQ(watched.bytes(), plain.bytes());
    for (int core = 0; core < plain.cores(); ++core)
        EXPECT_TRUE(std::ranges::equal(watched.coreSpans(core), plain.coreSpans(core)));
    EXPECT_EQ(watched.counterSeries(Counter::InFlight, 0).size(), plain.counterSeries(Counter::InFlight, 0).size());
}

TEST(TraceIndex, ACounterSeriesIteratesTheSamplesItIndexes)
{
    const auto index = indexOf(test::smallWebScenario(300), ModelKind::Threads);
    for (Counter counter : {Counter::InFlight, Counter::StackReserved, Counter::Threads}) {
        const auto series = index->counterSeries(counter, 0);
        ASSERT_GT(series.size(), 10u);
        std::size_t i = 0;
        for (const CounterSample &c : series) {
            ASSERT_LT(i, series.size());
            EXPECT_EQ(c.time, series[i].time);
            EXPECT_EQ(c.value, series[i].value);
            EXPECT_EQ(c.counter, counter);
            ++i;
        }
        EXPECT_EQ(i, series.size());
    }
}

// fanout-500 once filled 1.5 M records per model and was cut a fifth of the way in: scrubbing past
// the cut showed idle cores and no tasks. Packed, its whole trace is kept, and late in the run the
// views have work to show.
TEST(TraceIndex, TheAppKeepsFanout500sWholeTraceAndShowsWorkToItsEnd)
{
    auto loaded = scenario::loadFile((presetDirectory() + QStringLiteral("/fanout-500.toml")).toStdString());
    ASSERT_TRUE(loaded.ok());
    const auto snap = buildRunSnapshot(*loaded.scenario, 1);
    EXPECT_FALSE(snap->truncated);
    for (const ModelRun &m : snap->models) {
        const TraceIndex &index = *m.index;
        EXPECT_FALSE(index.trace().truncated()) << modelKey(m.model);
        EXPECT_GT(index.trace().records(), 3'000'000u) << modelKey(m.model);
        TraceCursor cursor(m.index);
        const Nanos late = index.end() * 9 / 10;
        cursor.seek(late);
        EXPECT_GT(cursor.liveTaskCount(), 0u) << modelKey(m.model);
        int busy = 0;
        for (int c = 0; c < index.cores(); ++c)
            busy += index.spanAt(c, late).has_value() ? 1 : 0;
        EXPECT_GT(busy, 0) << modelKey(m.model) << " at " << late.count();
    }
}
