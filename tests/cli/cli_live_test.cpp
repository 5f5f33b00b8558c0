// `conviz-cli live`: the same requests run for real, printed beside the simulation; caps refuse
// with exit code 2.
#include "cli_process.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <chrono>
#include <cstdio>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#include <gtest/gtest.h>

using conviz::test::runCli;
using conviz::test::writeTemp;

namespace {

const std::string kSmall = R"(name = "small"
[machine]
cores = 2
[load]
kind = "closed"
clients = 2
think = "1ms"
requests = 10
[request]
steps = [ { cpu = "200us" }, { io = "2ms" } ]
[threads]
stack_reserved = "256KiB"
)";

// conviz-cli run with stderr to a pipe, as the app runs it: each stderr line with the time it
// arrived, stdout whole, and whether a line arrived while the process still ran.
struct PipedRun {
    int exitCode = -1;
    std::string out;
    std::vector<std::string> lines;
    std::vector<double> arrived; // seconds since the start
    double ended = 0;            // when stderr closed
};

PipedRun runPiped(const std::vector<std::string> &args)
{
    PipedRun run;
    int fds[2];
    if (::pipe(fds) != 0)
        return run;
    const std::string outPath = conviz::test::tempPath("piped.out");
    std::vector<std::string> argv{CONVIZ_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char *> cargv;
    for (std::string &a : argv)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    pid_t pid = 0;
    const auto start = std::chrono::steady_clock::now();
    const int rc = posix_spawn(&pid, CONVIZ_CLI_PATH, &actions, nullptr, cargv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        return run;
    }
    const auto since = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    std::FILE *err = ::fdopen(fds[0], "r");
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, err)) {
        std::string line(buffer);
        if (!line.empty() && line.back() == '\n')
            line.pop_back();
        run.lines.push_back(line);
        run.arrived.push_back(since());
    }
    run.ended = since();
    std::fclose(err);
    int status = 0;
    ::waitpid(pid, &status, 0);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = conviz::test::readFile(outPath);
    return run;
}

} // namespace

TEST(CliLive, PrintsEachModelsMeasuredColumnBesideItsSimulatedOne)
{
    const auto r = runCli({"live", writeTemp("small.toml", kSmall)});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char *head : {"Fibers (Go) sim", "Event loop (Node.js) sim", "OS threads sim", "measured", "diff"})
        EXPECT_NE(r.out.find(head), std::string::npos) << head << "\n" << r.out;
    EXPECT_NE(r.out.find("10 / 0"), std::string::npos) << r.out; // completed / refused, simulated and measured
    EXPECT_NE(r.out.find("load average"), std::string::npos) << r.out;
}

TEST(CliLive, JsonHoldsTheSimulatedModelsTheMeasuredCppModelsAndTheMachine)
{
    const auto r = runCli({"run", writeTemp("small.toml", kSmall), "--live", "--model", "go", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject root = r.json();
    EXPECT_TRUE(root[QStringLiteral("models")].toObject().contains(QStringLiteral("fibers")));
    const QJsonObject cpp = root[QStringLiteral("measured")].toObject()[QStringLiteral("cpp")].toObject();
    EXPECT_EQ(cpp.keys(), QStringList{QStringLiteral("fibers")});
    const QJsonObject fibers = cpp[QStringLiteral("fibers")].toObject();
    EXPECT_EQ(fibers[QStringLiteral("completed")].toInt(), 10);
    EXPECT_GT(fibers[QStringLiteral("throughput_rps")].toDouble(), 0);
    EXPECT_GE(fibers[QStringLiteral("latency_ms")].toObject()[QStringLiteral("p50")].toDouble(), 2.0);
    EXPECT_GT(fibers[QStringLiteral("memory")].toObject()[QStringLiteral("peak_rss_bytes")].toDouble(), 0);
    EXPECT_GT(root[QStringLiteral("machine")].toObject()[QStringLiteral("cpus")].toInt(), 0);
}

TEST(CliLive, ARunBeyondACapIsRefusedBeforeItStartsNamingTheSetThatRaisesIt)
{
    const std::string path = writeTemp("many.toml", R"(name = "many"
[load]
kind = "batch"
count = 10000
[request]
steps = [ { io = "10ms" } ]
)");
    const auto r = runCli({"live", path, "--model", "threads"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("live.max_threads = 2000"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--set live.max_threads="), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST(CliLive, BadInputIsRefusedWithExitCode2)
{
    EXPECT_EQ(runCli({"live", writeTemp("small.toml", kSmall), "--model", "java"}).exitCode, 2);
    EXPECT_EQ(runCli({"live", writeTemp("small.toml", kSmall), "--csv"}).exitCode, 2);
    EXPECT_EQ(runCli({"sweep", writeTemp("small.toml", kSmall), "--live"}).exitCode, 2);
    const auto r = runCli({"live", writeTemp("small.toml", kSmall), "--set", "live.fiber_stack=1KiB"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("live.fiber_stack"), std::string::npos) << r.err;
}

TEST(CliLive, JsonModeStreamsOneProgressObjectPerLineOnStderrAndKeepsStdoutOneDocument)
{
    // Two clients, ten requests of 60 ms each: about 300 ms per model, so lines come in between too.
    std::string text = kSmall;
    text.replace(text.find("{ io = \"2ms\" }"), std::string("{ io = \"2ms\" }").size(), "{ io = \"60ms\" }");
    const PipedRun r =
        runPiped({"live", writeTemp("slow.toml", text), "--model", "go", "--model", "threads", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.out;
    QJsonParseError outError{};
    EXPECT_TRUE(QJsonDocument::fromJson(QByteArray::fromStdString(r.out), &outError).isObject()) // the document alone
        << outError.errorString().toStdString();
    std::vector<QJsonObject> progress;
    for (const std::string &line : r.lines) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(line), &error);
        ASSERT_EQ(error.error, QJsonParseError::NoError) << "not a JSON object: " << line;
        ASSERT_TRUE(doc.isObject()) << line;
        EXPECT_EQ(doc.object().keys(), QStringList{QStringLiteral("live_progress")}) << line;
        const QJsonObject p = doc.object()[QStringLiteral("live_progress")].toObject();
        EXPECT_EQ(p.keys(), (QStringList{QStringLiteral("ended"), QStringLiteral("index"), QStringLiteral("model"),
                                         QStringLiteral("models"), QStringLiteral("total")}))
            << line;
        progress.push_back(p);
    }
    // Streamed: the first line came while the runs were still to come, not all at the exit.
    ASSERT_FALSE(r.arrived.empty());
    EXPECT_LT(r.arrived.front() + 0.3, r.ended);
    const auto field = [](const QJsonObject &p, const char *key) { return p[QLatin1String(key)].toInt(); };
    const QString models[] = {QStringLiteral("fibers"), QStringLiteral("threads")};
    std::size_t mid = 0;
    for (int index = 0; index < 2; ++index) {
        std::vector<QJsonObject> mine;
        for (const QJsonObject &p : progress)
            if (field(p, "index") == index)
                mine.push_back(p);
        ASSERT_GE(mine.size(), 2U) << "a line at the start and one at the end of model " << index;
        for (const QJsonObject &p : mine) {
            EXPECT_EQ(p[QStringLiteral("model")].toString(), models[index]);
            EXPECT_EQ(field(p, "models"), 2);
            EXPECT_EQ(field(p, "total"), 10);
        }
        EXPECT_EQ(field(mine.front(), "ended"), 0);
        EXPECT_EQ(field(mine.back(), "ended"), 10);
        for (std::size_t i = 1; i < mine.size(); ++i)
            EXPECT_GE(field(mine[i], "ended"), field(mine[i - 1], "ended"));
        mid += mine.size() - 2;
    }
    EXPECT_GT(mid, 0U) << "no progress line while a model ran";
}

TEST(CliLive, JsonCarriesEachModelsTraceAsRowsOfThreadsSpansAndTaskEvents)
{
    const auto r = runCli({"live", writeTemp("small.toml", kSmall), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject cpp = r.json()[QStringLiteral("measured")].toObject()[QStringLiteral("cpp")].toObject();
    for (const char *model : {"fibers", "event_loop", "threads"}) {
        const QJsonObject trace = cpp[QLatin1String(model)].toObject()[QStringLiteral("trace")].toObject();
        EXPECT_EQ(trace.keys(), (QStringList{QStringLiteral("spans"), QStringLiteral("tasks"),
                                             QStringLiteral("threads"), QStringLiteral("truncated")}))
            << model;
        EXPECT_FALSE(trace[QStringLiteral("truncated")].toBool());
        const QJsonArray threads = trace[QStringLiteral("threads")].toArray();
        ASSERT_FALSE(threads.isEmpty()) << model;
        for (const auto &t : threads) {
            ASSERT_EQ(t.toArray().size(), 2);
            EXPECT_TRUE(QStringList({"worker", "loop", "pool", "request"}).contains(t.toArray()[1].toString()));
        }
        const QJsonArray spans = trace[QStringLiteral("spans")].toArray();
        std::set<int> requests;
        double previous = 0;
        for (const auto &v : spans) {
            const QJsonArray sp = v.toArray();
            ASSERT_EQ(sp.size(), 5) << model; // start_ns, end_ns, cpu, thread, request
            EXPECT_GE(sp[0].toDouble(), previous);
            EXPECT_LE(sp[0].toDouble(), sp[1].toDouble());
            EXPECT_LT(sp[3].toInt(), threads.size());
            previous = sp[0].toDouble();
            requests.insert(sp[4].toInt());
        }
        EXPECT_EQ(requests.size(), 10U) << model; // every request ran
        int done = 0;
        for (const auto &v : trace[QStringLiteral("tasks")].toArray()) {
            const QJsonArray e = v.toArray();
            ASSERT_EQ(e.size(), 3);
            EXPECT_TRUE(QStringList({"running", "io", "pool", "blocked", "joining", "done", "refused"})
                            .contains(e[2].toString()));
            done += e[2].toString() == QStringLiteral("done");
        }
        EXPECT_EQ(done, 10) << model;
    }
}

TEST(CliLive, ARunWhoseMemoryEstimateIsOverLiveMaxMemoryIsRefusedNamingTheSet)
{
    const auto r = runCli({"live", writeTemp("small.toml", kSmall), "--set", "live.max_memory=1MiB"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("live.max_memory = 1.0 MiB"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--set live.max_memory="), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}
