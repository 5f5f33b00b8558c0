// conviz-cli run, validate, explain and cost: the output shapes programs depend on.
#include "cli_process.h"

#include <QJsonArray>
#include <QStringList>

#include <algorithm>

#include <gtest/gtest.h>

using conviz::test::runCli;
using conviz::test::scenario;

namespace {

const QStringList kModels{QStringLiteral("fibers"), QStringLiteral("event_loop"), QStringLiteral("threads")};

// A small, fast scenario for shape checks.
std::vector<std::string> quick(std::vector<std::string> args)
{
    args.insert(args.end(), {"--set", "load.requests=2000"});
    return args;
}

} // namespace

TEST(CliRun, JsonHasThePublicShapeForEveryModel)
{
    const auto r = runCli(quick({"run", scenario("crud-postgres"), "--json"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject root = r.json();
    ASSERT_TRUE(root.value(QStringLiteral("scenario")).isObject());
    EXPECT_EQ(root[QStringLiteral("scenario")][QStringLiteral("name")].toString(),
              QStringLiteral("CRUD API on PostgreSQL"));
    const QJsonObject models = root[QStringLiteral("models")].toObject();
    EXPECT_EQ(models.keys().size(), 3);
    for (const QString &key : kModels) {
        SCOPED_TRACE(key.toStdString());
        const QJsonObject m = models[key].toObject();
        for (const char *field : {"completed", "refused", "throughput_rps", "cpu_utilization", "peak_tasks",
                                  "context_switches", "threads_created", "events"})
            EXPECT_TRUE(m.value(QLatin1String(field)).isDouble()) << field;
        const QJsonObject latency = m[QStringLiteral("latency_ms")].toObject();
        for (const char *field : {"mean", "p50", "p90", "p99", "max"})
            EXPECT_TRUE(latency.value(QLatin1String(field)).isDouble()) << field;
        EXPECT_LE(latency[QStringLiteral("p50")].toDouble(), latency[QStringLiteral("p99")].toDouble());
        const QJsonObject memory = m[QStringLiteral("memory")].toObject();
        for (const char *field :
             {"peak_committed_bytes", "peak_reserved_bytes", "peak_stack_committed_bytes", "peak_stack_reserved_bytes"})
            EXPECT_GT(memory.value(QLatin1String(field)).toDouble(), 0) << field;
        EXPECT_EQ(m[QStringLiteral("completed")].toInt() + m[QStringLiteral("refused")].toInt(), 2000);
    }
}

TEST(CliRun, JsonSaysHowFarTheLoadWasBeyondWhatEachModelServes)
{
    // The default scenario at 6,000 req/s: one event loop serves about 1,900 req/s and falls
    // behind about 3 : 1 (the headline's "overloaded ×N"); four cores of fibers or threads keep up.
    const auto r = runCli({"run", scenario("default"), "--set", "load.rate=6000", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject models = r.json()[QStringLiteral("models")].toObject();
    EXPECT_GT(models[QStringLiteral("event_loop")][QStringLiteral("overload")].toDouble(), 2.0);
    EXPECT_LT(models[QStringLiteral("event_loop")][QStringLiteral("overload")].toDouble(), 4.0);
    for (const char *kept : {"fibers", "threads"})
        EXPECT_EQ(models[QLatin1String(kept)][QStringLiteral("overload")].toDouble(-1), 0.0) << kept;
}

TEST(CliRun, ModelFlagSelectsOneModel)
{
    const auto r = runCli(quick({"run", scenario("crud-postgres"), "--model", "event_loop", "--json"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.json()[QStringLiteral("models")].toObject().keys(), QStringList{QStringLiteral("event_loop")});
}

TEST(CliRun, SetOverridesAnyKeyByDottedPath)
{
    const auto r = runCli({"run", scenario("crud-postgres"), "--json", "--set", "load.rate=400", "--set",
                           "load.requests=4000", "--set", "seed=3", "--set", "fibers.gomaxprocs=2"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject root = r.json();
    EXPECT_EQ(root[QStringLiteral("scenario")][QStringLiteral("seed")].toInt(), 3);
    EXPECT_DOUBLE_EQ(root[QStringLiteral("scenario")][QStringLiteral("load")][QStringLiteral("rate")].toDouble(),
                     400.0);
    const double throughput =
        root[QStringLiteral("models")][QStringLiteral("fibers")][QStringLiteral("throughput_rps")].toDouble();
    EXPECT_NEAR(throughput, 400.0, 25.0);
}

TEST(CliRun, SameScenarioAndSeedGiveByteIdenticalJson)
{
    const auto a = runCli(quick({"run", scenario("fanout-500"), "--json"}));
    const auto b = runCli(quick({"run", scenario("fanout-500"), "--json"}));
    ASSERT_EQ(a.exitCode, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
}

TEST(CliRun, TableNamesTheThreeModelsAndTheKeyNumbers)
{
    const auto r = runCli(quick({"run", scenario("default")}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char *text : {"Fibers (Go)", "Event loop (Node.js)", "OS threads", "throughput (req/s)",
                             "latency p99 (ms)", "stacks reserved"})
        EXPECT_NE(r.out.find(text), std::string::npos) << text;
}

TEST(CliRun, AModelThatMeasuredNothingShowsDashesAndSaysWhyNeverZeros)
{
    // 600 requests at 2,000 req/s all arrive in the default scenario's 0.5 s warm-up.
    const auto r = runCli({"run", scenario("default"), "--set", "load.requests=600"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const char *row : {"throughput (req/s)", "latency p99 (ms)", "CPU utilisation"}) {
        const std::size_t at = r.out.find(row);
        ASSERT_NE(at, std::string::npos) << row;
        const std::string line = r.out.substr(at, r.out.find('\n', at) - at);
        EXPECT_EQ(line.find('0'), std::string::npos) << line;
        EXPECT_NE(line.find(" -"), std::string::npos) << line;
    }
    EXPECT_NE(r.out.find("note: Fibers (Go), Event loop (Node.js) and OS threads measured nothing: every request "
                         "arrived in the warm-up (its first 500 ms)"),
              std::string::npos)
        << r.out;

    const auto sweep = runCli(
        {"sweep", scenario("default"), "--param", "load.requests", "--from", "600", "--to", "4000", "--steps", "2"});
    ASSERT_EQ(sweep.exitCode, 0) << sweep.err;
    const std::size_t at = sweep.out.find("     600 ");
    ASSERT_NE(at, std::string::npos) << sweep.out;
    const std::string row = sweep.out.substr(at, sweep.out.find('\n', at) - at);
    // req/s and p99 of each model: a dash, never 0.0; the committed memory stays.
    EXPECT_EQ(std::count(row.begin(), row.end(), '-'), 6) << row;
    EXPECT_EQ(row.find("0.0"), std::string::npos) << row;

    // The tidy CSV: an empty result (NA), not 0, for what measured requests give.
    const auto csv = runCli({"sweep", scenario("default"), "--param", "load.requests", "--from", "600", "--to", "4000",
                             "--steps", "2", "--csv"});
    ASSERT_EQ(csv.exitCode, 0) << csv.err;
    for (const char *line :
         {"load.requests,600,fibers,throughput,req/s,\n", "load.requests,600,threads,latency_p99,ms,\n",
          "load.requests,600,event_loop,cpu_utilization,fraction,\n"})
        EXPECT_NE(csv.out.find(line), std::string::npos) << line;
    EXPECT_EQ(csv.out.find("load.requests,600,fibers,throughput,req/s,0"), std::string::npos);
    EXPECT_NE(csv.out.find("load.requests,600,fibers,peak_committed,bytes,4"), std::string::npos) << csv.out;
    EXPECT_EQ(csv.out.find("load.requests,4000,fibers,throughput,req/s,\n"), std::string::npos);

    // No price from zeros: the cost says why there is none.
    const auto cost = runCli({"cost", scenario("default"), "--set", "load.requests=600"});
    ASSERT_EQ(cost.exitCode, 0) << cost.err;
    EXPECT_NE(
        cost.out.find("no cost estimate: it is sized by measured requests\n  Fibers (Go), Event loop (Node.js) "
                      "and OS threads measured nothing: every request arrived in the warm-up (its first 500 ms)\n"),
        std::string::npos)
        << cost.out; // one line for the three, as the table's note
    EXPECT_EQ(cost.out.find("$"), std::string::npos) << cost.out;
}

TEST(CliValidate, EveryPresetIsValid)
{
    std::vector<std::string> args{"validate"};
    for (const char *name :
         {"default", "benchmark-trap", "crud-postgres", "fanout-500", "data-pipeline", "memory-at-scale", "lambda-cost",
          "libuv-pool-trap", "event-loop-lag", "go-blocking-syscalls", "c10k"})
        args.push_back(scenario(name));
    const auto r = runCli(args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 11);
}

TEST(CliExplain, PrintsTheNoteBesideThePresetOrSaysThereIsNone)
{
    const auto r = runCli({"explain", scenario("crud-postgres")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("## Checked against the real runtimes"), std::string::npos) << r.out;
    // The markers docs/validate.sh writes its block between are not for readers.
    EXPECT_EQ(r.out.find("<!--"), std::string::npos) << r.out;
    const std::string path =
        conviz::test::writeTemp("lonely.toml", "name = \"Lonely\"\n[request]\nsteps = [ { cpu = \"1ms\" } ]\n");
    const auto none = runCli({"explain", path});
    EXPECT_EQ(none.exitCode, 0);
    EXPECT_NE(none.out.find("no teaching note"), std::string::npos) << none.out;
}

TEST(CliCost, JsonPricesEveryModelOnLambdaAndContainers)
{
    const auto r = runCli({"cost", scenario("lambda-cost"), "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject cost = r.json()[QStringLiteral("cost")].toObject();
    EXPECT_EQ(cost[QStringLiteral("prices_date")].toString(), QStringLiteral("2026-03"));
    const QJsonObject models = cost[QStringLiteral("models")].toObject();
    for (const QString &key : kModels) {
        SCOPED_TRACE(key.toStdString());
        const QJsonObject m = models[key].toObject();
        const QJsonObject lambda = m[QStringLiteral("lambda")].toObject();
        EXPECT_GT(lambda[QStringLiteral("monthly_usd")].toDouble(), 0);
        // The setting Lambda gets covers what the model needs (and is at least the 128 MB minimum).
        EXPECT_GE(lambda[QStringLiteral("memory_setting_bytes")].toDouble(),
                  lambda[QStringLiteral("memory_needed_bytes")].toDouble());
        EXPECT_GE(m[QStringLiteral("containers")][QStringLiteral("count")].toInt(), 1);
    }
    // The bills scaled to the article's: each model's bill where the event loop's would be $340 is
    // $340 times its ratio to the event loop's (the event loop's own is $340 by construction, so
    // Go's is the figure to check); the note says $304.
    const auto lambdaOf = [&](const char *key) {
        return models[QLatin1String(key)][QStringLiteral("lambda")].toObject();
    };
    const double goScaled =
        lambdaOf("fibers")[QStringLiteral("if_event_loop_bill_were")][QStringLiteral("340")].toDouble();
    EXPECT_NEAR(goScaled,
                340.0 * lambdaOf("fibers")[QStringLiteral("monthly_usd")].toDouble() /
                    lambdaOf("event_loop")[QStringLiteral("monthly_usd")].toDouble(),
                0.01);
    EXPECT_NEAR(goScaled, 304.0, 3.0);
}

TEST(CliHelp, PrintsUsageAndSucceeds)
{
    const auto r = runCli({"help"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("conviz-cli run FILE"), std::string::npos);
}
