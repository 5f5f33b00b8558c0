// conviz-cli sweep: points, units, the scenario's own sweep, tidy CSV and JSON.
#include "cli_process.h"

#include <QJsonArray>

#include <gtest/gtest.h>

#include <sstream>

using conviz::test::runCli;
using conviz::test::scenario;

TEST(CliSweep, CsvIsTidyWithOneRowPerPointModelAndMetric)
{
    const auto r = runCli({"sweep", scenario("crud-postgres"), "--param", "load.rate", "--from", "100", "--to", "400",
                           "--steps", "4", "--csv", "--set", "load.requests=2000"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::istringstream lines(r.out);
    std::string header;
    std::getline(lines, header);
    EXPECT_EQ(header, "parameter,value,model,metric,unit,result");
    int rows = 0;
    int throughputRows = 0;
    for (std::string line; std::getline(lines, line); ++rows) {
        EXPECT_EQ(std::count(line.begin(), line.end(), ','), 5) << line;
        EXPECT_EQ(line.rfind("load.rate,", 0), 0u) << line;
        throughputRows += line.find(",throughput,") != std::string::npos;
    }
    EXPECT_EQ(throughputRows, 4 * 3);
    EXPECT_EQ(rows % (4 * 3), 0);
}

TEST(CliSweep, ThroughputFollowsTheSweptRate)
{
    const auto r = runCli({"sweep", scenario("crud-postgres"), "--param", "load.rate", "--from", "100", "--to", "800",
                           "--steps", "3", "--json", "--model", "fibers", "--set", "load.requests=3000"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonArray points = r.json()[QStringLiteral("points")].toArray();
    ASSERT_EQ(points.size(), 3);
    const double expected[] = {100, 450, 800};
    for (int i = 0; i < 3; ++i) {
        const QJsonObject p = points[i].toObject();
        EXPECT_DOUBLE_EQ(p[QStringLiteral("value")].toDouble(), expected[i]);
        EXPECT_NEAR(p[QStringLiteral("models")][QStringLiteral("fibers")][QStringLiteral("throughput_rps")].toDouble(),
                    expected[i], expected[i] * 0.08);
    }
}

TEST(CliSweep, WithoutParamRunsTheSweepTheScenarioNames)
{
    const auto r = runCli({"sweep", scenario("benchmark-trap"), "--json", "--set", "load.requests=3000"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject root = r.json();
    EXPECT_EQ(root[QStringLiteral("parameter")].toString(), QStringLiteral("machine.cores"));
    EXPECT_EQ(root[QStringLiteral("points")].toArray().size(), 5);
}

TEST(CliSweep, DurationBoundsTakeUnitsAndCountsAreRounded)
{
    const auto r =
        runCli({"sweep", scenario("default"), "--param", "fibers.switch_cost", "--from", "1us", "--to", "100us",
                "--steps", "3", "--log", "--json", "--model", "fibers", "--set", "load.requests=1000"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonArray points = r.json()[QStringLiteral("points")].toArray();
    ASSERT_EQ(points.size(), 3);
    EXPECT_DOUBLE_EQ(points[1].toObject()[QStringLiteral("value")].toDouble(), 10000.0); // 10 µs in ns

    const auto cores = runCli({"sweep", scenario("default"), "--param", "machine.cores", "--from", "1", "--to", "3",
                               "--steps", "5", "--json", "--model", "fibers", "--set", "load.requests=500"});
    ASSERT_EQ(cores.exitCode, 0) << cores.err;
    // 1, 1.5, 2, 2.5, 3 round to 1, 2, 2, 3, 3: equal neighbours are run once.
    EXPECT_EQ(cores.json()[QStringLiteral("points")].toArray().size(), 3);
}

TEST(CliSweep, AnUnknownParameterIsBadInputWithASuggestion)
{
    const auto r = runCli({"sweep", scenario("default"), "--param", "load.rat", "--from", "1", "--to", "2"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("did you mean `load.rate`"), std::string::npos) << r.err;
}

TEST(CliSweep, AValueOutsideTheKeysRangeIsBadInput)
{
    const auto r = runCli({"sweep", scenario("default"), "--param", "machine.cores", "--from", "1", "--to", "5000"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("machine.cores"), std::string::npos) << r.err;
}
