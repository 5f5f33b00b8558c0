// `conviz-cli live`: the same requests run for real, printed beside the simulation; caps refuse
// with exit code 2.
#include "cli_process.h"

#include <QJsonArray>

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
