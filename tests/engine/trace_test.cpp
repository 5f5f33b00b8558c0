// The trace the GUI rebuilds its views from must be consistent: spans on a core never overlap, every
// task reaches an end state, stacks are freed when their owner goes away, and a truncated trace holds
// nothing at or after the instant it was cut.
#include "engine/recorder.h"

#include "tests/engine/model_params.h"
#include "tests/engine/scenarios.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace conviz {
namespace {

using namespace literals;
using namespace test;

Scenario busyScenario(int cores)
{
    Scenario s = openLoad(cores, 1500, 1500,
                          {cpu(exponential(200_us)), io(lognormal(2_ms, 8_ms), 0), blocking(exponential(500_us)),
                           fanout(4, {cpu(exponential(50_us)), io(exponential(1_ms)), stack(8 * KiB)}),
                           cpu(exponential(100_us), true), stack(32 * KiB), cpu(exponential(3_ms))});
    s.pools = {{"db", 8}};
    return s;
}

Nanos lastTaskEvent(const Trace &t)
{
    Nanos last{};
    for (const TaskEvent &e : t.tasks)
        last = max(last, e.time);
    return last;
}

// Each (model, cores) run is traced once and shared by the checks below.
const ModelResult &tracedRun(ModelKind model, int cores)
{
    static std::map<std::pair<ModelKind, int>, ModelResult> runs;
    auto it = runs.find({model, cores});
    if (it == runs.end())
        it = runs.emplace(std::pair{model, cores}, runTraced(busyScenario(cores), model)).first;
    return it->second;
}

class TraceSanity : public ::testing::TestWithParam<ModelAndCores> {
protected:
    void SetUp() override
    {
        const auto [model, cores] = GetParam();
        m_cores = cores;
        m_result = &tracedRun(model, cores);
        ASSERT_TRUE(m_result->trace);
        ASSERT_FALSE(m_result->trace->truncated());
    }

    const Trace &trace() const { return *m_result->trace; }

    int m_cores = 0;
    const ModelResult *m_result = nullptr;
};

TEST_P(TraceSanity, SpansOnACoreNeverOverlapAndLieWithinTheRun)
{
    const Nanos end = lastTaskEvent(trace());
    std::vector<std::vector<std::pair<Nanos, Nanos>>> perCore(static_cast<std::size_t>(m_cores));
    for (const Span &s : trace().spans) {
        ASSERT_LT(s.core, static_cast<std::uint32_t>(m_cores));
        EXPECT_GE(s.start, Nanos::zero());
        EXPECT_LT(s.start, s.end) << "an empty span was recorded";
        EXPECT_LE(s.end, end);
        perCore[s.core].emplace_back(s.start, s.end);
    }
    for (std::size_t c = 0; c < perCore.size(); ++c) {
        auto &spans = perCore[c];
        std::sort(spans.begin(), spans.end());
        for (std::size_t i = 1; i < spans.size(); ++i)
            ASSERT_LE(spans[i - 1].second, spans[i].first) << "spans overlap on core " << c << " at span " << i;
    }
}

TEST_P(TraceSanity, WorkSpansAreRecordedInOrderOfTheirEndTime)
{
    Nanos latest{};
    for (std::size_t i = 0; i < trace().spans.size(); ++i) {
        const Span &s = trace().spans[i];
        if (s.kind == SpanKind::Switch)
            continue; // see SpansAreRecordedInOrderOfTheirEndTime
        ASSERT_LE(latest, s.end) << "span " << i;
        latest = s.end;
    }
}

TEST_P(TraceSanity, EachCoresSpansAreRecordedInTimeOrder)
{
    // Across cores spans come as their bursts end; a context switch is reported with the burst it
    // precedes. On one core they never go back in time.
    std::vector<Nanos> lastEnd;
    for (std::size_t i = 0; i < trace().spans.size(); ++i) {
        const Span &s = trace().spans[i];
        if (lastEnd.size() <= s.core)
            lastEnd.resize(s.core + 1);
        ASSERT_LE(lastEnd[s.core], s.start) << "span " << i << " on core " << s.core;
        lastEnd[s.core] = s.end;
    }
}

TEST_P(TraceSanity, BusyTimeInSpansMatchesTheReportedUtilisation)
{
    Nanos busy{};
    for (const Span &s : trace().spans)
        busy += s.end - s.start;
    const ModelMetrics &m = m_result->metrics;
    const double window = (m.windowEnd - m.windowStart).toSeconds();
    EXPECT_NEAR(busy.toSeconds() / (window * m_cores), m.cpuUtilization, 1e-6);
}

TEST_P(TraceSanity, EveryCreatedTaskEndsDoneOrRefusedExactlyOnce)
{
    std::map<std::uint64_t, TaskState> last;
    std::set<std::uint64_t> created;
    for (const TaskEvent &e : trace().tasks) {
        if (e.state == TaskState::Created) {
            EXPECT_TRUE(created.insert(e.task).second) << "task " << e.task << " created twice";
        } else {
            ASSERT_TRUE(created.count(e.task)) << "task " << e.task << " changed state before it was created";
            const auto it = last.find(e.task);
            ASSERT_TRUE(it == last.end() || (it->second != TaskState::Done && it->second != TaskState::Refused))
                << "task " << e.task << " changed state after it ended";
        }
        last[e.task] = e.state;
    }
    EXPECT_EQ(static_cast<std::int64_t>(created.size()),
              m_result->metrics.issued * tasksPerRequest(busyScenario(m_cores).steps));
    for (const auto &[task, state] : last)
        EXPECT_TRUE(state == TaskState::Done || state == TaskState::Refused) << "task " << task << " never ended";
}

TEST_P(TraceSanity, TaskEventsAreInTimeOrder)
{
    const auto &tasks = trace().tasks;
    for (std::size_t i = 1; i < tasks.size(); ++i)
        ASSERT_LE(tasks[i - 1].time, tasks[i].time) << "task event " << i;
}

TEST_P(TraceSanity, StacksAreFreedWhenTheirOwnerGoesAwayAndOnlyThen)
{
    std::set<std::uint32_t> exitedThreads;
    std::set<std::uint32_t> knownThreads;
    for (const ThreadInfo &t : trace().threads) {
        if (t.exited)
            exitedThreads.insert(t.thread);
        else
            knownThreads.insert(t.thread);
    }
    std::map<std::pair<StackOwner, std::uint64_t>, StackEvent> last;
    for (const StackEvent &e : trace().stacks) {
        EXPECT_GE(e.reserved, 0);
        EXPECT_GE(e.committed, 0);
        EXPECT_LE(e.committed, e.reserved);
        last[{e.kind, e.owner}] = e;
    }
    ASSERT_FALSE(last.empty());
    for (const auto &[key, e] : last) {
        const auto [kind, owner] = key;
        if (kind == StackOwner::Goroutine) {
            EXPECT_EQ(e.reserved, 0) << "goroutine " << owner << " still holds its stack at the end";
            continue;
        }
        EXPECT_TRUE(knownThreads.count(static_cast<std::uint32_t>(owner))) << "stack of unknown thread " << owner;
        // Threads that live to the end (pool threads, Go's Ms, loop threads) keep their stacks.
        if (exitedThreads.count(static_cast<std::uint32_t>(owner)))
            EXPECT_EQ(e.reserved, 0) << "thread " << owner << " exited but its stack is still reserved";
        else
            EXPECT_GT(e.reserved, 0) << "thread " << owner << " is alive but its stack was freed";
    }
}

TEST_P(TraceSanity, ReplayingStackEventsGivesTheReportedPeaksAndTheFinalCounters)
{
    // The GUI rebuilds the stack-memory view from the stack events alone: they must add up to the
    // ledger the metrics come from.
    std::map<std::pair<StackOwner, std::uint64_t>, std::pair<std::int64_t, std::int64_t>> held;
    std::int64_t reserved = 0;
    std::int64_t committed = 0;
    std::int64_t peakReserved = 0;
    std::int64_t peakCommitted = 0;
    for (const StackEvent &e : trace().stacks) {
        auto &[r, c] = held[{e.kind, e.owner}];
        reserved += e.reserved - r;
        committed += e.committed - c;
        r = e.reserved;
        c = e.committed;
        peakReserved = std::max(peakReserved, reserved);
        peakCommitted = std::max(peakCommitted, committed);
    }
    EXPECT_EQ(peakReserved, m_result->metrics.memory.peakStackReserved);
    EXPECT_EQ(peakCommitted, m_result->metrics.memory.peakStackCommitted);

    std::map<Counter, std::int64_t> last;
    for (const CounterSample &c : trace().counters)
        if (c.index == 0)
            last[c.counter] = c.value;
    EXPECT_EQ(last[Counter::StackReserved], reserved);
    EXPECT_EQ(last[Counter::StackCommitted], committed);
}

TEST_P(TraceSanity, TheLastCounterSamplesShowAnEmptySystem)
{
    std::map<std::pair<Counter, std::int32_t>, std::int64_t> last;
    for (const CounterSample &c : trace().counters)
        last[{c.counter, c.index}] = c.value;
    EXPECT_EQ((last[{Counter::InFlight, 0}]), 0);
    EXPECT_EQ((last[{Counter::Tasks, 0}]), 0);
    for (const auto &[key, value] : last)
        EXPECT_GE(value, 0) << "counter " << static_cast<int>(key.first) << "[" << key.second << "]";
}

INSTANTIATE_TEST_SUITE_P(Models, TraceSanity, everyModelOnEveryCoreCount(), modelAndCoresName);

class TraceTruncation : public ::testing::TestWithParam<ModelAndCores> {
protected:
    static constexpr std::size_t kLimit = 2000;
};

TEST_P(TraceTruncation, ASmallTraceLimitCutsTheTraceWithoutChangingTheMetrics)
{
    const auto [model, cores] = GetParam();
    const ModelResult r = runTraced(busyScenario(cores), model, kLimit);
    const Trace &t = *r.trace;
    ASSERT_TRUE(t.truncated());
    EXPECT_LT(t.truncatedAt, Nanos::max());
    EXPECT_LE(t.records(), kLimit);
    EXPECT_GT(t.records(), kLimit / 2);
    EXPECT_EQ(r.metrics.unfinished, 0);
    EXPECT_EQ(r.metrics.completed, run(busyScenario(cores), model).completed);
    EXPECT_EQ(r.metrics.events, run(busyScenario(cores), model).events);
}

TEST_P(TraceTruncation, NothingAtOrAfterTheCutIsRecorded)
{
    const auto [model, cores] = GetParam();
    const ModelResult r = runTraced(busyScenario(cores), model, kLimit);
    const Trace &t = *r.trace;
    ASSERT_TRUE(t.truncated());
    const Nanos cut = t.truncatedAt;
    for (const Span &s : t.spans)
        ASSERT_LT(s.start, cut) << "a span starting at " << s.start.count() << " ns, cut at " << cut.count();
    for (const TaskEvent &e : t.tasks)
        ASSERT_LT(e.time, cut) << "a task event at " << e.time.count() << " ns, cut at " << cut.count();
    for (const ThreadInfo &e : t.threads)
        ASSERT_LT(e.time, cut);
    for (const StackEvent &e : t.stacks)
        ASSERT_LT(e.time, cut);
    for (const CounterSample &e : t.counters)
        ASSERT_LT(e.time, cut) << "a counter sample at " << e.time.count() << " ns, cut at " << cut.count();
    for (const Narration &e : t.narration)
        ASSERT_LT(e.time, cut);
}

TEST_P(TraceTruncation, EveryRequestsCompletionIsKeptPastTheCut)
{
    // Throughput over time is drawn from these, so it covers the whole run even when the trace
    // does not.
    const auto [model, cores] = GetParam();
    const ModelResult r = runTraced(busyScenario(cores), model, kLimit);
    const Trace &t = *r.trace;
    ASSERT_TRUE(t.truncated());
    EXPECT_EQ(static_cast<std::int64_t>(t.completions.size()), r.metrics.completed);
    EXPECT_TRUE(std::is_sorted(t.completions.begin(), t.completions.end()));
    ASSERT_FALSE(t.completions.empty());
    EXPECT_GT(t.completions.back(), t.truncatedAt);
    EXPECT_EQ(t.completions.back(), r.metrics.windowEnd);
}

TEST_P(TraceTruncation, AnUntracedRunKeepsTheSameCompletionsWhenAskedTo)
{
    // A moving slider's throughput chart: the completions without the cost of a trace.
    const auto [model, cores] = GetParam();
    const Scenario s = busyScenario(cores);
    const ModelResult traced = runTraced(s, model, kLimit);
    RunOptions options;
    options.completions = true;
    const ModelResult untraced = simulate(s, model, options);
    EXPECT_EQ(untraced.trace, nullptr);
    EXPECT_EQ(untraced.completions, traced.trace->completions);
    EXPECT_TRUE(simulate(s, model).completions.empty()) << "kept only when asked for";
}

INSTANTIATE_TEST_SUITE_P(Models, TraceTruncation, everyModelOnEveryCoreCount(), modelAndCoresName);

// The Recorder driven by hand, so each rule shows on a handful of records.
TaskEvent taskAt(Nanos t) { return TaskEvent{t, 1, 0, 0, TaskState::Runnable, Place::None, 0}; }
Span spanOver(Nanos start, Nanos end) { return Span{start, end, 0, 1, 1, 0, SpanKind::Work}; }

TEST(RecorderTest, KeepsEverythingWithinItsLimit)
{
    Recorder r(3);
    r.onTask(taskAt(10_ns));
    r.onSpan(spanOver(5_ns, 20_ns));
    r.onTask(taskAt(20_ns));
    const Trace t = r.take();
    EXPECT_FALSE(t.truncated());
    EXPECT_EQ(t.records(), 3u);
}

TEST(RecorderTest, StopsAtTheFirstRecordPastItsLimitAndSaysWhen)
{
    Recorder r(2);
    r.onTask(taskAt(10_ns));
    r.onTask(taskAt(20_ns));
    r.onTask(taskAt(30_ns)); // over the limit: the cut is at 30 ns
    r.onTask(taskAt(40_ns));
    const Trace t = r.take();
    EXPECT_EQ(t.truncatedAt, 30_ns);
    EXPECT_EQ(t.tasks.size(), 2u);
}

TEST(RecorderTest, KeepsOnlyTheLastValueOfACounterChangedSeveralTimesAtOneInstant)
{
    Recorder r;
    r.onCounter({10_ns, Counter::Tasks, 0, 1});
    r.onCounter({10_ns, Counter::Tasks, 0, 2});
    r.onCounter({10_ns, Counter::Tasks, 1, 7});
    r.onCounter({11_ns, Counter::Tasks, 1, 8});
    const Trace t = r.take();
    ASSERT_EQ(t.counters.size(), 3u);
    EXPECT_EQ(t.counters[0].value, 2);
    EXPECT_EQ(t.counters[1].value, 7);
    EXPECT_EQ(t.counters[2].value, 8);
}

TEST(RecorderTest, TheCutNeverMovesBeforeRecordsAlreadyKept)
{
    Recorder r(3);
    r.onTask(taskAt(10_ns));
    r.onTask(taskAt(20_ns));
    r.onTask(taskAt(25_ns));
    r.onTask(taskAt(30_ns));         // over the limit: cut at 30 ns
    r.onSpan(spanOver(5_ns, 35_ns)); // a long burst reported when it ends, after the cut
    const Trace t = r.take();
    EXPECT_EQ(t.truncatedAt, 30_ns);
    for (const TaskEvent &e : t.tasks)
        EXPECT_LT(e.time, t.truncatedAt);
}

TEST(RecorderTest, NothingIsKeptAtTheInstantOfTheCut)
{
    Recorder r(2);
    r.onTask(taskAt(10_ns));
    r.onTask(taskAt(20_ns));
    r.onTask(taskAt(20_ns)); // over the limit at 20 ns, but one record at 20 ns is already kept
    const Trace t = r.take();
    for (const TaskEvent &e : t.tasks)
        EXPECT_LT(e.time, t.truncatedAt);
}

TEST(TraceTruncation, ATraceWithinItsLimitIsNotTruncated)
{
    const ModelResult r = runTraced(batchLoad(2, 10, {cpu(constant(10_us))}), ModelKind::Fibers);
    EXPECT_FALSE(r.trace->truncated());
    EXPECT_EQ(r.trace->truncatedAt, Nanos::max());
    EXPECT_GT(r.trace->records(), 0u);
}

TEST(Trace, ARunWithoutTracingReturnsNoTrace)
{
    EXPECT_EQ(simulate(batchLoad(2, 10, {cpu(constant(10_us))}), ModelKind::Threads).trace, nullptr);
}

} // namespace
} // namespace conviz
