// The Chrome trace, read back the way a viewer would: one process per model, named tracks, a slice
// for every span, balanced waits, counters, time order, and the same bytes every time.
#include "temp_dir.h"

#include "engine/export/chrome_trace.h"
#include "engine/scenario/scenario_file.h"
#include "engine/simulate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace conviz;
using conviz::exports::ChromeTraceModel;
using conviz::exports::ChromeTraceOptions;
using conviz::exports::Overwrite;

namespace {

// Every kind of wait: a CPU queue, network I/O, a connection pool of 2, blocking calls, a join.
constexpr std::string_view kScenario = R"(
name = "Export test"
seed = 7
[machine]
cores = 2
[load]
kind = "open"
rate = 900.0
requests = 150
[request]
steps = [
  { cpu = "200us", dist = "exp" },
  { io = "2ms", dist = "exp", pool = "db" },
  { blocking = "1ms", dist = "exp" },
  { fanout = 2, steps = [ { cpu = "50us" }, { io = "1ms" } ] },
  { stack = "64KiB" },
  { cpu = "100us", offload = true },
]
[pools]
db = 2
)";

Scenario testScenario()
{
    auto loaded = scenario::loadString(kScenario, "export-test.toml");
    EXPECT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().format());
    return *loaded.scenario;
}

struct TracedRun {
    Scenario scenario;
    std::vector<ModelResult> results;

    std::vector<ChromeTraceModel> models() const
    {
        std::vector<ChromeTraceModel> out;
        for (const ModelResult &r : results)
            out.push_back({r.metrics.model, r.trace.get(), scenario.machine.cores});
        return out;
    }
};

TracedRun tracedRun(std::size_t traceLimit = 4'000'000)
{
    TracedRun r{testScenario(), {}};
    RunOptions options;
    options.trace = true;
    options.traceLimit = traceLimit;
    r.results = simulateAll(r.scenario, kAllModels, options, 1);
    return r;
}

ChromeTraceOptions defaultOptions()
{
    ChromeTraceOptions o;
    o.metadata = {{"scenario", "Export test"}, {"seed", "7"}};
    o.poolNames = {"db"};
    return o;
}

std::string traceText(const TracedRun &r, const ChromeTraceOptions &options = defaultOptions())
{
    exports::StringSink sink;
    EXPECT_TRUE(exports::writeChromeTrace(sink, r.models(), options));
    return sink.text();
}

QJsonObject parse(const std::string &text)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(text), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
    return doc.object();
}

std::string str(const QJsonValue &v) { return v.toString().toStdString(); }
std::int64_t integer(const QJsonValue &v) { return static_cast<std::int64_t>(v.toDouble()); }
std::int64_t nanos(const QJsonValue &micros) { return std::llround(micros.toDouble() * 1000.0); }

// thread names by (pid, tid), process names by pid.
struct Names {
    std::map<std::int64_t, std::string> processes;
    std::map<std::pair<std::int64_t, std::int64_t>, std::string> threads;
};

Names names(const QJsonArray &events)
{
    Names n;
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")] != QStringLiteral("M"))
            continue;
        const auto name = str(e[QStringLiteral("args")][QStringLiteral("name")]);
        if (e[QStringLiteral("name")] == QStringLiteral("process_name"))
            n.processes[integer(e[QStringLiteral("pid")])] = name;
        if (e[QStringLiteral("name")] == QStringLiteral("thread_name"))
            n.threads[{integer(e[QStringLiteral("pid")]), integer(e[QStringLiteral("tid")])}] = name;
    }
    return n;
}

bool anyThreadStartsWith(const Names &n, std::int64_t pid, const std::string &prefix)
{
    for (const auto &[key, name] : n.threads)
        if (key.first == pid && name.rfind(prefix, 0) == 0)
            return true;
    return false;
}

} // namespace

TEST(ChromeTrace, IsAJsonObjectWithEventsDisplayUnitAndMetadata)
{
    const QJsonObject root = parse(traceText(tracedRun()));
    ASSERT_TRUE(root[QStringLiteral("traceEvents")].isArray());
    EXPECT_GT(root[QStringLiteral("traceEvents")].toArray().size(), 1000);
    EXPECT_EQ(str(root[QStringLiteral("displayTimeUnit")]), "ns");
    const QJsonObject meta = root[QStringLiteral("metadata")].toObject();
    EXPECT_EQ(str(meta[QStringLiteral("scenario")]), "Export test");
    EXPECT_EQ(str(meta[QStringLiteral("seed")]), "7");
}

TEST(ChromeTrace, NamesOneProcessPerModelAndItsCoresAndThreads)
{
    const QJsonArray events = parse(traceText(tracedRun()))[QStringLiteral("traceEvents")].toArray();
    const Names n = names(events);
    EXPECT_EQ(n.processes, (std::map<std::int64_t, std::string>{
                               {1, "Fibers (Go)"}, {2, "Event loop (Node.js)"}, {3, "OS threads"}}));
    for (std::int64_t pid = 1; pid <= 3; ++pid) {
        EXPECT_EQ(n.threads.at({pid, pid * 10'000'000 + 1}), "core 0");
        EXPECT_EQ(n.threads.at({pid, pid * 10'000'000 + 2}), "core 1");
    }
    EXPECT_TRUE(anyThreadStartsWith(n, 1, "M"));
    EXPECT_TRUE(anyThreadStartsWith(n, 2, "loop (process 0)"));
    EXPECT_TRUE(anyThreadStartsWith(n, 2, "libuv 3 (process 0)"));
    EXPECT_TRUE(anyThreadStartsWith(n, 3, "worker "));

    // Every event names its process and track with integers, and every slice's track has a name.
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        const double pid = e[QStringLiteral("pid")].toDouble(-1);
        const double tid = e[QStringLiteral("tid")].toDouble(-1);
        ASSERT_TRUE(pid > 0 && tid > 0 && std::floor(pid) == pid && std::floor(tid) == tid);
        if (e[QStringLiteral("ph")] == QStringLiteral("X")) {
            ASSERT_TRUE(n.threads.contains({integer(e[QStringLiteral("pid")]), integer(e[QStringLiteral("tid")])}));
        }
    }
}

TEST(ChromeTrace, EverySpanIsACompleteEventOnItsCoreAndOnItsThread)
{
    const TracedRun r = tracedRun();
    const QJsonArray events = parse(traceText(r))[QStringLiteral("traceEvents")].toArray();
    for (const ModelResult &result : r.results) {
        SCOPED_TRACE(std::string(modelKey(result.metrics.model)));
        const std::int64_t pid = static_cast<std::int64_t>(result.metrics.model) + 1;
        using Key = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t>; // start, end, tid, task
        std::multiset<Key> expected;
        std::multiset<Key> onThreads;
        Nanos end{};
        for (const Span &s : result.trace->spans) {
            expected.insert(
                {s.start.count(), s.end.count(), pid * 10'000'000 + 1 + s.core, static_cast<std::int64_t>(s.task)});
            onThreads.insert({s.start.count(), s.end.count(), pid * 10'000'000 + 10'000 + s.thread,
                              static_cast<std::int64_t>(s.task)});
            end = max(end, s.end);
        }
        ASSERT_FALSE(expected.empty());
        std::multiset<Key> cores;
        std::multiset<Key> threads;
        for (const auto &v : events) {
            const QJsonObject e = v.toObject();
            if (e[QStringLiteral("ph")] != QStringLiteral("X") || integer(e[QStringLiteral("pid")]) != pid)
                continue;
            const std::int64_t ts = nanos(e[QStringLiteral("ts")]);
            const std::int64_t te = ts + nanos(e[QStringLiteral("dur")]);
            EXPECT_GE(ts, 0);
            EXPECT_LE(te, end.count());
            EXPECT_GT(te, ts);
            const std::int64_t tid = integer(e[QStringLiteral("tid")]);
            const Key k{ts, te, tid, integer(e[QStringLiteral("args")][QStringLiteral("task")])};
            (tid % 10'000'000 < 10'000 ? cores : threads).insert(k);
            EXPECT_FALSE(str(e[QStringLiteral("name")]).empty());
        }
        EXPECT_EQ(cores, expected);
        EXPECT_EQ(threads, onThreads);
    }
}

TEST(ChromeTrace, SlicesAreNamedByWhatRan)
{
    const QJsonArray events = parse(traceText(tracedRun()))[QStringLiteral("traceEvents")].toArray();
    std::set<std::string> firstWords[4];
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")] != QStringLiteral("X"))
            continue;
        const std::string name = str(e[QStringLiteral("name")]);
        firstWords[integer(e[QStringLiteral("pid")])].insert(name.substr(0, name.find(' ')));
        if (e[QStringLiteral("args")][QStringLiteral("request")].isDouble()) {
            EXPECT_NE(name.find(" · req "), std::string::npos) << name;
        }
    }
    EXPECT_TRUE(std::any_of(firstWords[1].begin(), firstWords[1].end(), [](auto &w) { return w.starts_with("G"); }));
    EXPECT_TRUE(firstWords[2].contains("callback"));
    EXPECT_TRUE(firstWords[2].contains("libuv")) << "offloaded CPU runs on the pool";
    EXPECT_TRUE(std::any_of(firstWords[3].begin(), firstWords[3].end(), [](auto &w) { return w.starts_with("T"); }));
}

TEST(ChromeTrace, WaitsAreBalancedBeginEndPairsPerTask)
{
    const QJsonArray events = parse(traceText(tracedRun()))[QStringLiteral("traceEvents")].toArray();
    std::map<std::pair<std::int64_t, std::string>, std::vector<std::pair<std::string, std::int64_t>>> open;
    std::set<std::string> kinds;
    int pairs = 0;
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        const auto ph = str(e[QStringLiteral("ph")]);
        if (ph != "b" && ph != "e")
            continue;
        EXPECT_EQ(str(e[QStringLiteral("cat")]), "wait");
        const auto key =
            std::make_pair(integer(e[QStringLiteral("pid")]), str(e[QStringLiteral("id2")][QStringLiteral("local")]));
        ASSERT_FALSE(key.second.empty());
        const std::string name = str(e[QStringLiteral("name")]);
        const std::int64_t ts = nanos(e[QStringLiteral("ts")]);
        if (ph == "b") {
            EXPECT_TRUE(open[key].empty()) << "a task waits for one thing at a time";
            open[key].push_back({name, ts});
            kinds.insert(name);
            continue;
        }
        ASSERT_FALSE(open[key].empty()) << "an end without a begin for task " << key.second;
        EXPECT_EQ(open[key].back().first, name);
        EXPECT_GE(ts, open[key].back().second);
        open[key].pop_back();
        ++pairs;
    }
    for (const auto &[key, stack] : open)
        EXPECT_TRUE(stack.empty()) << "task " << key.second << " of pid " << key.first << " never stops waiting";
    EXPECT_GT(pairs, 300);
    EXPECT_EQ(kinds, (std::set<std::string>{"runnable", "io wait", "pool wait", "blocked", "joining"}));
}

TEST(ChromeTrace, EventsAreWrittenInTimeOrderAfterTheMetadata)
{
    const QJsonArray events = parse(traceText(tracedRun()))[QStringLiteral("traceEvents")].toArray();
    bool metadataDone = false;
    double last = -1;
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")] == QStringLiteral("M")) {
            ASSERT_FALSE(metadataDone) << "metadata comes first";
            continue;
        }
        metadataDone = true;
        const double ts = e[QStringLiteral("ts")].toDouble();
        ASSERT_GE(ts, last);
        last = ts;
    }
}

TEST(ChromeTrace, CountersCoverQueuesAndMemory)
{
    const QJsonArray events = parse(traceText(tracedRun()))[QStringLiteral("traceEvents")].toArray();
    std::map<std::int64_t, std::set<std::string>> counters;
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")] != QStringLiteral("C"))
            continue;
        const QJsonObject args = e[QStringLiteral("args")].toObject();
        ASSERT_EQ(args.size(), 1);
        EXPECT_TRUE(args.begin().value().isDouble());
        counters[integer(e[QStringLiteral("pid")])].insert(str(e[QStringLiteral("name")]) + " " +
                                                           args.begin().key().toStdString());
    }
    for (std::int64_t pid = 1; pid <= 3; ++pid) {
        SCOPED_TRACE(pid);
        for (const char *name :
             {"stack committed bytes", "stack reserved bytes", "other committed bytes", "requests in flight count",
              "live tasks count", "OS threads count", "waiting for pool db length"})
            EXPECT_TRUE(counters[pid].contains(name)) << name;
    }
    EXPECT_TRUE(counters[1].contains("run queue P0 length"));
    EXPECT_TRUE(counters[2].contains("callback queue (process 0) length"));
}

TEST(ChromeTrace, IsByteIdenticalAcrossRunsAndFiles)
{
    const std::string first = traceText(tracedRun());
    const std::string second = traceText(tracedRun());
    EXPECT_EQ(first, second);

    conviz::test::TempDir dir;
    const TracedRun r = tracedRun();
    ASSERT_EQ(exports::exportChromeTrace(dir / "a.json", Overwrite::Refuse, r.models(), defaultOptions()),
              std::nullopt);
    ASSERT_EQ(exports::exportChromeTrace(dir / "b.json", Overwrite::Refuse, r.models(), defaultOptions()),
              std::nullopt);
    EXPECT_EQ(conviz::test::readFile(dir / "a.json"), first);
    EXPECT_EQ(conviz::test::readFile(dir / "b.json"), first);
}

TEST(ChromeTrace, ACancelledExportLeavesNoFile)
{
    conviz::test::TempDir dir;
    const TracedRun r = tracedRun();
    std::atomic<bool> cancel{true};
    ChromeTraceOptions options = defaultOptions();
    options.cancel = &cancel;
    const auto error = exports::exportChromeTrace(dir / "t.json", Overwrite::Refuse, r.models(), options);
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, exports::ExportError::Kind::Cancelled);
    EXPECT_TRUE(dir.entries().empty());
}

TEST(ChromeTrace, ProgressRisesToOne)
{
    std::vector<double> heard;
    ChromeTraceOptions options = defaultOptions();
    options.progress = [&](double f) { heard.push_back(f); };
    traceText(tracedRun(), options);
    ASSERT_GE(heard.size(), 2u);
    EXPECT_LE(heard.size(), 101u);
    EXPECT_TRUE(std::is_sorted(heard.begin(), heard.end()));
    EXPECT_EQ(heard.back(), 1.0);
}

TEST(ChromeTrace, ATruncatedTraceSaysWhereAndStillBalancesItsWaits)
{
    const TracedRun r = tracedRun(2000);
    ASSERT_TRUE(r.results.front().trace->truncated());
    const QJsonObject root = parse(traceText(r));
    EXPECT_TRUE(root[QStringLiteral("metadata")][QStringLiteral("truncated_fibers_at_us")].isString());
    int begins = 0;
    int ends = 0;
    for (const auto &v : root[QStringLiteral("traceEvents")].toArray()) {
        begins += v.toObject()[QStringLiteral("ph")] == QStringLiteral("b");
        ends += v.toObject()[QStringLiteral("ph")] == QStringLiteral("e");
    }
    EXPECT_GT(begins, 0);
    EXPECT_EQ(begins, ends);
}

TEST(ChromeTrace, WithoutThreadTracksOnlyCoresCarrySlices)
{
    ChromeTraceOptions options = defaultOptions();
    options.threadTracks = false;
    const TracedRun r = tracedRun();
    const QJsonArray events = parse(traceText(r, options))[QStringLiteral("traceEvents")].toArray();
    std::size_t slices = 0;
    for (const auto &v : events) {
        const QJsonObject e = v.toObject();
        if (e[QStringLiteral("ph")] == QStringLiteral("X")) {
            ++slices;
            EXPECT_LT(integer(e[QStringLiteral("tid")]) % 10'000'000, 10'000);
        }
    }
    std::size_t spans = 0;
    for (const ModelResult &m : r.results)
        spans += m.trace->spans.size();
    EXPECT_EQ(slices, spans);
    EXPECT_FALSE(anyThreadStartsWith(names(events), 1, "M"));
}
