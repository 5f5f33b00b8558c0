// Bad input: a clear message with file, line and column, exit code 2, never a crash.
#include "cli_process.h"

#include <gtest/gtest.h>

using conviz::test::runCli;
using conviz::test::scenario;
using conviz::test::writeTemp;

TEST(CliErrors, ASyntaxErrorNamesFileLineAndColumn)
{
    const std::string path = writeTemp("broken.toml", "name = \"x\"\n[load\nrate = 5\n");
    const auto r = runCli({"run", path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(path + ":2:"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty());
}

TEST(CliErrors, AMisspeltKeyGetsADidYouMean)
{
    const std::string path = writeTemp(
        "typo.toml", "[machine]\ncores = 2\n[fibers]\ngomaxproc = 8\n[request]\nsteps = [ { cpu = \"1ms\" } ]\n");
    const auto r = runCli({"validate", path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(path + ":4:1: error:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean `gomaxprocs`?"), std::string::npos) << r.err;
}

TEST(CliErrors, ABadOverrideIsReportedAgainstTheSetFlag)
{
    const auto r = runCli({"run", scenario("default"), "--set", "load.rat=9"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("<--set>:1:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean `rate`"), std::string::npos) << r.err;
}

TEST(CliErrors, AMissingFileIsBadInput)
{
    const auto r = runCli({"run", "/nonexistent/scenario.toml"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("/nonexistent/scenario.toml"), std::string::npos) << r.err;
}

TEST(CliErrors, ValidateReportsEveryBadFileAndFailsIfAnyIs)
{
    const std::string bad = writeTemp("bad-unit.toml", "[request]\nsteps = [ { cpu = \"5mx\" } ]\n");
    const auto r = runCli({"validate", scenario("default"), bad});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.out.find("default.toml: ok"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("unknown unit"), std::string::npos) << r.err;
}

TEST(CliErrors, UnknownCommandsAndOptionsAreBadInput)
{
    EXPECT_EQ(runCli({"frobnicate"}).exitCode, 2);
    EXPECT_EQ(runCli({"run", scenario("default"), "--fast"}).exitCode, 2);
    EXPECT_EQ(runCli({"run", scenario("default"), "--model", "goroutines"}).exitCode, 2);
    EXPECT_EQ(runCli({"run"}).exitCode, 2);
    EXPECT_EQ(runCli({}).exitCode, 2);
    EXPECT_EQ(runCli({"sweep", scenario("default"), "--steps", "1"}).exitCode, 2);
}

TEST(CliErrors, HostileNumbersAreRefusedNotSimulated)
{
    for (const char *set : {"load.requests=99999999999", "machine.cores=1000000", "load.rate=nan", "load.rate=-5"}) {
        const auto r = runCli({"run", scenario("default"), "--set", set});
        EXPECT_EQ(r.exitCode, 2) << set;
        EXPECT_FALSE(r.err.empty()) << set;
    }
}
