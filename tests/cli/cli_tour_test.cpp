// `conviz-cli validate` on tour files: a tour is told from a scenario by its content, a good one is
// "ok" as a scenario is, and a bad one gets the scenario's error style (file:line:column, did you
// mean) and exit code 2.
#include "cli_process.h"

#include <gtest/gtest.h>

#include <filesystem>

using conviz::test::runCli;
using conviz::test::scenario;
using conviz::test::writeTemp;

namespace {

std::string shippedTour(const std::string &name)
{
    return (std::filesystem::path(scenario(name)).parent_path() / "tours" / (name + ".toml")).string();
}

} // namespace

TEST(CliTour, AShippedTourValidatesAsOk)
{
    const std::string tour = shippedTour("default");
    const auto r = runCli({"validate", tour, scenario("default")});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find(tour + ": ok (A busy API on 4 cores)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("default.toml: ok"), std::string::npos) << r.out;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CliTour, EveryShippedTourValidates)
{
    std::vector<std::string> args{"validate"};
    const std::filesystem::path tours = std::filesystem::path(shippedTour("default")).parent_path();
    for (const auto &entry : std::filesystem::directory_iterator(tours))
        if (entry.path().extension() == ".toml")
            args.push_back(entry.path().string());
    ASSERT_GT(args.size(), 1u);
    const auto r = runCli(args);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(CliTour, AMisspeltKeyGetsADidYouMean)
{
    const std::string path = writeTemp("typo-tour.toml", "title = \"t\"\n[[step]]\ntext = \"x\"\nfoucs = \"charts\"\n");
    const auto r = runCli({"validate", path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(path + ":4:1: error: unknown key `foucs` in a step; did you mean `focus`?"), std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(CliTour, AMisspeltSliderGetsADidYouMean)
{
    const std::string path =
        writeTemp("slider-tour.toml", "title = \"t\"\n[[step]]\ntext = \"x\"\nset = { \"request.ios\" = \"5ms\" }\n");
    const auto r = runCli({"validate", path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(path + ":4:9: error:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean `request.io`?"), std::string::npos) << r.err;
}

TEST(CliTour, ABadValueNamesFileLineAndColumnAndWhatWasExpected)
{
    const std::string path = writeTemp("value-tour.toml", "title = \"t\"\n[[step]]\ntext = \"x\"\nat = \"120\"\n"
                                                          "[[step]]\ntext = \"y\"\nset = { \"machine.cores\" = 0 }\n");
    const auto r = runCli({"validate", path});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(path + ":4:6: error: `at`: \"120\" has no unit"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(path + ":7:27: error: `machine.cores`: must be at least 1"), std::string::npos) << r.err;
}

TEST(CliTour, SetOverridesDoNotApplyToATour)
{
    const auto r = runCli({"validate", shippedTour("default"), "--set", "load.rate=5"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--set applies to scenario files only"), std::string::npos) << r.err;
}
