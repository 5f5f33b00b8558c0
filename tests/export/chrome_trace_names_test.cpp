// The names and numbers of the Chrome trace, one by one.
#include "engine/core/scenario.h"
#include "engine/export/chrome_trace_names.h"
#include "engine/export/chrome_trace_streams.h"

#include <gtest/gtest.h>

#include <set>

using namespace conviz;
using namespace conviz::exports;

TEST(ChromeTraceNames, SpansSayWhatRanInTheModelsOwnWords)
{
    const Span work{Nanos{0}, Nanos{10}, 0, 3, 17, 12, SpanKind::Work};
    EXPECT_EQ(spanName(ModelKind::Fibers, work, ThreadRole::Machine), "G17 · req 12");
    EXPECT_EQ(spanName(ModelKind::EventLoop, work, ThreadRole::Loop), "callback · req 12");
    EXPECT_EQ(spanName(ModelKind::EventLoop, work, ThreadRole::PoolThread), "libuv work · req 12");
    EXPECT_EQ(spanName(ModelKind::Threads, work, ThreadRole::Worker), "T17 · req 12");

    Span other = work;
    other.kind = SpanKind::Switch;
    EXPECT_EQ(spanName(ModelKind::Fibers, other, ThreadRole::Machine), "switch · G17 · req 12");
    other.kind = SpanKind::StackCopy;
    EXPECT_EQ(spanName(ModelKind::Fibers, other, ThreadRole::Machine), "stack copy · G17 · req 12");
    other.kind = SpanKind::Dispatch;
    EXPECT_EQ(spanName(ModelKind::EventLoop, other, ThreadRole::Loop), "dispatch · req 12");
    other.kind = SpanKind::Spawn;
    EXPECT_EQ(spanName(ModelKind::Threads, other, ThreadRole::Worker), "spawn · T17 · req 12");

    const Span runtime{Nanos{0}, Nanos{10}, 1, 2, 0, kNoRequest, SpanKind::Switch};
    EXPECT_EQ(spanName(ModelKind::Fibers, runtime, ThreadRole::Machine), "switch · runtime");
}

TEST(ChromeTraceNames, ThreadsAreNamedByTheirRole)
{
    EXPECT_EQ(threadName({Nanos{0}, 3, ThreadRole::Machine, 0, false}, 0), "M3");
    EXPECT_EQ(threadName({Nanos{0}, 1, ThreadRole::Loop, 2, false}, 0), "loop (process 2)");
    EXPECT_EQ(threadName({Nanos{0}, 9, ThreadRole::PoolThread, 0, false}, 2), "libuv 2 (process 0)");
    EXPECT_EQ(threadName({Nanos{0}, 45, ThreadRole::Worker, 0, false}, 0), "worker 45");
    EXPECT_EQ(coreName(3), "core 3");
}

TEST(ChromeTraceNames, TrackIdsAreUniqueAcrossModels)
{
    std::set<std::int64_t> tids;
    std::size_t count = 0;
    for (ModelKind m : kAllModels) {
        tids.insert(processTid(m));
        for (int c = 0; c < limits::maxCores; c += 97)
            tids.insert(coreTid(m, c));
        tids.insert(coreTid(m, limits::maxCores - 1));
        for (std::uint32_t s : {1u, 2u, 1000u, static_cast<std::uint32_t>(limits::maxThreads)})
            tids.insert(threadTid(m, s));
        count += 1 + 12 + 4;
    }
    EXPECT_EQ(tids.size(), count);
    EXPECT_EQ(tracePid(ModelKind::Fibers), 1);
    EXPECT_EQ(tracePid(ModelKind::EventLoop), 2);
    EXPECT_EQ(tracePid(ModelKind::Threads), 3);
    EXPECT_LT(*tids.rbegin(), std::int64_t{1} << 32) << "tids stay within Perfetto's 32 bits";
}

TEST(ChromeTraceNames, CountersReadAsNameAndUnit)
{
    const std::vector<std::string> pools{"db"};
    const auto name = [&](ModelKind m, Counter c, int i) {
        const CounterName n = counterName(m, c, i, pools);
        return n.name + " " + std::string(n.key);
    };
    EXPECT_EQ(name(ModelKind::Fibers, Counter::RunQueue, 2), "run queue P2 length");
    EXPECT_EQ(name(ModelKind::EventLoop, Counter::RunQueue, 0), "callback queue (process 0) length");
    EXPECT_EQ(name(ModelKind::Threads, Counter::RunQueue, 1), "work queue length");
    EXPECT_EQ(name(ModelKind::Threads, Counter::PoolQueue, 0), "waiting for pool db length");
    EXPECT_EQ(name(ModelKind::Threads, Counter::PoolQueue, 1), "waiting for pool 1 length");
    EXPECT_EQ(name(ModelKind::EventLoop, Counter::UvQueue, 0), "libuv queue (process 0) length");
    EXPECT_EQ(name(ModelKind::Fibers, Counter::StackCommitted, 0), "stack committed bytes");
    EXPECT_EQ(name(ModelKind::Fibers, Counter::InFlight, 0), "requests in flight count");
}

TEST(ChromeTraceNames, OnlyWaitingStatesAreWaits)
{
    for (TaskState s :
         {TaskState::Runnable, TaskState::IoWait, TaskState::PoolWait, TaskState::Blocked, TaskState::Joining}) {
        EXPECT_TRUE(isWait(s));
        EXPECT_FALSE(waitName(s).empty());
    }
    for (TaskState s : {TaskState::Created, TaskState::Running, TaskState::Done, TaskState::Refused})
        EXPECT_FALSE(isWait(s));
}

TEST(ChromeTraceNames, TimesAreMicrosecondsWithEveryNanosecond)
{
    const auto micros = [](std::int64_t ns) {
        std::string out;
        detail::appendMicros(out, Nanos{ns});
        return out;
    };
    EXPECT_EQ(micros(0), "0.000");
    EXPECT_EQ(micros(1), "0.001");
    EXPECT_EQ(micros(1234567), "1234.567");
    EXPECT_EQ(micros(3'600'000'000'000), "3600000000.000");
    EXPECT_EQ(micros(-1500), "-1.500");
}

TEST(ChromeTraceNames, StringsAreEscapedForJson)
{
    std::string out;
    detail::appendJsonString(out, "a\"b\\c\nd\x01 · µs");
    EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\u0001 · µs\"");
}
