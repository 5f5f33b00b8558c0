// conviz-cli export: CSV, JSON and Chrome trace files, byte-identical runs, --force, clear errors.
// Charts and GIFs: cli_figure_test.cpp.
#include "cli_process.h"

#include <QJsonArray>
#include <QJsonParseError>
#include <QStringList>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using conviz::test::readFile;
using conviz::test::runCli;
using conviz::test::scenario;
using conviz::test::tempPath;

namespace {

QJsonObject parseFile(const std::string &path)
{
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(readFile(path)), &error);
    EXPECT_EQ(error.error, QJsonParseError::NoError) << path << ": " << error.errorString().toStdString();
    return doc.object();
}

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

// Files in the folder of `path` whose names start with "." + its name: temporary files left behind.
int leftovers(const std::string &path)
{
    const std::filesystem::path p(path);
    int n = 0;
    for (const auto &e : std::filesystem::directory_iterator(p.parent_path()))
        n += e.path().filename().string().rfind("." + p.filename().string(), 0) == 0;
    return n;
}

} // namespace

TEST(CliExport, CsvOfASweepIsTidyAndByteIdenticalAcrossRuns)
{
    const std::vector<std::string> sweep{"--param", "load.rate", "--from", "100",   "--to",
                                         "400",     "--steps",   "3",      "--set", "load.requests=1500"};
    const auto a = tempPath("sweep-a.csv");
    const auto b = tempPath("sweep-b.csv");
    std::vector<std::string> args{"export", scenario("crud-postgres"), "--csv", "--out", a};
    args.insert(args.end(), sweep.begin(), sweep.end());
    const auto r = runCli(args);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    args[4] = b;
    ASSERT_EQ(runCli(args).exitCode, 0);

    const std::string csv = readFile(a);
    EXPECT_EQ(csv, readFile(b));
    const auto rows = lines(csv);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows.front(), "parameter,value,model,metric,unit,result");
    EXPECT_EQ((rows.size() - 1) % (3 * 3), 0u);
    std::set<std::string> models;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_EQ(std::count(rows[i].begin(), rows[i].end(), ','), 5) << rows[i];
        EXPECT_EQ(rows[i].rfind("load.rate,", 0), 0u) << rows[i];
        models.insert(rows[i].substr(rows[i].find(',', 10) + 1,
                                     rows[i].find(',', rows[i].find(',', 10) + 1) - rows[i].find(',', 10) - 1));
    }
    EXPECT_EQ(models, (std::set<std::string>{"fibers", "event_loop", "threads"}));

    // The same rows `sweep --csv` prints.
    std::vector<std::string> printed{"sweep", scenario("crud-postgres"), "--csv"};
    printed.insert(printed.end(), sweep.begin(), sweep.end());
    EXPECT_EQ(runCli(printed).out, csv);
}

TEST(CliExport, CsvOfAScenarioWithoutASweepIsOnePointWithParameterNone)
{
    const std::string file = conviz::test::writeTemp(
        "no-sweep.toml", "name = \"No sweep\"\n[load]\nrequests = 300\n[request]\nsteps = [ { cpu = \"1ms\" } ]\n");
    const auto out = tempPath("one.csv");
    const auto r = runCli({"export", file, "--csv", "--out", out, "--model", "threads"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto rows = lines(readFile(out));
    ASSERT_GT(rows.size(), 1u);
    for (std::size_t i = 1; i < rows.size(); ++i)
        EXPECT_EQ(rows[i].rfind("none,,threads,", 0), 0u) << rows[i];
}

TEST(CliExport, JsonHoldsTheRunsMetricsNarrationAndCost)
{
    const auto a = tempPath("run-a.json");
    const auto b = tempPath("run-b.json");
    const auto r = runCli({"export", scenario("libuv-pool-trap"), "--json", "--out", a, "--set", "load.requests=600"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_EQ(
        runCli({"export", scenario("libuv-pool-trap"), "--json", "--out", b, "--set", "load.requests=600"}).exitCode,
        0);
    EXPECT_EQ(readFile(a), readFile(b));

    const QJsonObject root = parseFile(a);
    EXPECT_TRUE(root[QStringLiteral("scenario")][QStringLiteral("name")].isString());
    const QStringList keys{QStringLiteral("event_loop"), QStringLiteral("fibers"), QStringLiteral("threads")};
    EXPECT_EQ(root[QStringLiteral("models")].toObject().keys(), keys);
    EXPECT_EQ(root[QStringLiteral("narration")].toObject().keys(), keys);
    EXPECT_EQ(root[QStringLiteral("cost")][QStringLiteral("models")].toObject().keys(), keys);
    const QJsonArray loop = root[QStringLiteral("narration")][QStringLiteral("event_loop")].toArray();
    ASSERT_FALSE(loop.isEmpty()) << "the libuv pool fills up";
    EXPECT_TRUE(loop[0][QStringLiteral("time_ms")].isDouble());
    EXPECT_FALSE(loop[0][QStringLiteral("text")].toString().isEmpty());
    EXPECT_FALSE(loop[0][QStringLiteral("kind")].toString().isEmpty());

    // The metrics are exactly those `run --json` prints.
    const auto run = runCli({"run", scenario("libuv-pool-trap"), "--json", "--set", "load.requests=600"});
    EXPECT_EQ(root[QStringLiteral("models")], run.json()[QStringLiteral("models")]);
}

TEST(CliExport, TraceNamesItsProcessesAndThreadsAndIsByteIdentical)
{
    const auto a = tempPath("trace-a.json");
    const auto b = tempPath("trace-b.json");
    const std::vector<std::string> args{"export", scenario("default"), "--trace",
                                        "--set",  "load.requests=300", "--out"};
    auto withOut = [&](const std::string &out) {
        auto v = args;
        v.push_back(out);
        return v;
    };
    const auto r = runCli(withOut(a));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_EQ(runCli(withOut(b)).exitCode, 0);
    EXPECT_EQ(readFile(a), readFile(b));

    const QJsonObject root = parseFile(a);
    EXPECT_EQ(root[QStringLiteral("displayTimeUnit")].toString(), QStringLiteral("ns"));
    EXPECT_EQ(root[QStringLiteral("metadata")][QStringLiteral("scenario")].toString(),
              QStringLiteral("A busy API on 4 cores"));
    std::set<std::string> processes;
    std::set<std::string> threads;
    int slices = 0;
    for (const auto &v : root[QStringLiteral("traceEvents")].toArray()) {
        const QJsonObject e = v.toObject();
        const QString name = e[QStringLiteral("args")][QStringLiteral("name")].toString();
        if (e[QStringLiteral("name")] == QStringLiteral("process_name"))
            processes.insert(name.toStdString());
        if (e[QStringLiteral("name")] == QStringLiteral("thread_name"))
            threads.insert(name.toStdString());
        slices += e[QStringLiteral("ph")] == QStringLiteral("X");
    }
    EXPECT_EQ(processes, (std::set<std::string>{"Fibers (Go)", "Event loop (Node.js)", "OS threads"}));
    for (const char *t : {"core 0", "core 3", "loop (process 0)", "M2", "worker 1"})
        EXPECT_TRUE(threads.contains(t)) << t;
    EXPECT_GT(slices, 1000);
}

TEST(CliExport, AnExistingFileIsRefusedUnlessForced)
{
    const auto out = tempPath("exists.csv");
    std::ofstream(out) << "keep me";
    const std::vector<std::string> args{"export",  scenario("default"), "--csv",  "--out", out,
                                        "--param", "load.rate",         "--from", "100",   "--to",
                                        "200",     "--steps",           "2",      "--set", "load.requests=300"};
    const auto refused = runCli(args);
    EXPECT_EQ(refused.exitCode, 2);
    EXPECT_NE(refused.err.find(out + " already exists; add --force to replace it"), std::string::npos) << refused.err;
    EXPECT_EQ(readFile(out), "keep me");
    EXPECT_EQ(leftovers(out), 0);

    auto forced = args;
    forced.push_back("--force");
    const auto r = runCli(forced);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(readFile(out).rfind("parameter,value,", 0), 0u);
    EXPECT_EQ(leftovers(out), 0);
}

TEST(CliExport, AnUnwritablePathIsAClearErrorAndLeavesNoFile)
{
    const auto r = runCli({"export", scenario("default"), "--json", "--out", "/nonexistent-conviz-dir/run.json"});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(
        r.err.find("cannot write /nonexistent-conviz-dir/run.json: the folder /nonexistent-conviz-dir does not exist"),
        std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST(CliExport, BadCombinationsAreBadInputWithAReason)
{
    const std::string file = scenario("default");
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"export", file, "--out", "x.csv"}, "needs one of --csv, --json, --trace, --gif or --chart"},
        {{"export", file, "--csv", "--json", "--out", "x"}, "one thing at a time"},
        {{"export", file, "--trace"}, "needs --out PATH"},
        {{"export", file, "--chart", "pie", "--out", "x.png"}, "unknown chart `pie`"},
        {{"export", file, "--chart", "latency", "--out", "x.tiff"}, "--chart needs --format png, svg or pdf"},
        {{"export", file, "--chart", "cost", "--format", "pdf", "--transparent", "--out", "x"}, "--transparent needs"},
        {{"export", file, "--csv", "--format", "png", "--out", "x"}, "--format goes with --chart"},
        {{"export", file, "--trace", "--param", "load.rate", "--out", "x"}, "--param goes with --csv or --chart"},
        {{"export", file, "--gif", "--start", "5ms", "--end", "1ms", "--out", "x"}, "must come after --start"},
        {{"export", file, "--gif", "--start", "5 parsecs", "--out", "x"}, "--start 5 parsecs"},
        {{"export", file, "--chart", "memory", "--size", "12", "--out", "x.svg"}, "--size needs WIDTHxHEIGHT"},
        {{"run", file, "--out", "x.json"}, "--out goes with `export`"},
        {{"export", file, "--chart", "cost", "--at", "5ms", "--out", "x.png"}, "--at goes with --chart side-by-side"},
        {{"export", file, "--chart", "cost", "--seconds", "3", "--out", "x.png"}, "--seconds goes with --gif"},
        {{"export", file, "--gif", "--seconds", "0", "--out", "x.gif"}, "--seconds needs a whole number"},
        {{"export", file, "--chart", "timeline", "--model", "fibers", "--out", "x.png"},
         "always show the three models"},
        {{"export", file, "--chart", "cost", "--param", "load.rate", "--out", "x.png"}, "goes with the sweep charts"},
    };
    for (const auto &[args, message] : cases) {
        const auto r = runCli(args);
        EXPECT_EQ(r.exitCode, 2) << args[2] << " " << args[3];
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    }
}

TEST(CliExport, HelpDescribesExport)
{
    const auto r = runCli({"help"});
    ASSERT_EQ(r.exitCode, 0);
    for (const char *text :
         {"conviz-cli export FILE --csv|--json|--trace --out PATH", "--force", "--chart", "--gif", "perfetto"})
        EXPECT_NE(r.out.find(text), std::string::npos) << text;
}

TEST(CliExport, AModelAskedForTwiceIsOneProcessInTheTrace)
{
    const auto out = tempPath("twice.json");
    const auto r = runCli({"export", scenario("default"), "--trace", "--model", "threads", "--model", "all", "--set",
                           "load.requests=100", "--out", out});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int processes = 0;
    for (const auto &v : parseFile(out)[QStringLiteral("traceEvents")].toArray())
        processes += v.toObject()[QStringLiteral("name")] == QStringLiteral("process_name");
    EXPECT_EQ(processes, 3);
}
