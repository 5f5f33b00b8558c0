// The memory a request holds (issue 12): `memory.per` chooses between a bare task's memory and an
// idle server connection's, and the three `*.connection_memory` sizes say what a connection holds.
// Both load, validate at the offending key, round-trip, take --set overrides and are in the
// parameter registry.
#include "engine/scenario/parameters.h"

#include "test_support.h"

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::scenario;
using namespace conviz::scenario::test;

namespace {

TEST(MemoryUnit, AScenarioWithoutTheKeyCountsBareTasksAsBefore)
{
    EXPECT_EQ(loadValid(kMinimalRequest).memory.per, MemoryUnit::Task);
}

TEST(MemoryUnit, ConnectionAndItsSizesLoadFromTheFile)
{
    const Scenario s = loadValid(std::string(kMinimalRequest) + "[memory]\nper = \"connection\"\n"
                                                                "[fibers]\nconnection_memory = \"13KiB\"\n"
                                                                "[event_loop]\nconnection_memory = 8780\n"
                                                                "[threads]\nconnection_memory = \"8.5KiB\"\n");
    EXPECT_EQ(s.memory.per, MemoryUnit::Connection);
    EXPECT_EQ(s.fibers.connectionMemory, 13 * KiB);
    EXPECT_EQ(s.eventLoop.connectionMemory, 8780);
    EXPECT_EQ(s.threads.connectionMemory, 8704);
}

TEST(MemoryUnit, ASavedScenarioLoadsBackWithTheSameChoiceAndSizes)
{
    Scenario s = loadValid(kMinimalRequest);
    s.memory.per = MemoryUnit::Connection;
    s.fibers.connectionMemory = 12345;
    s.eventLoop.connectionMemory = 2345;
    s.threads.connectionMemory = 345;
    const std::string text = toToml(s);
    EXPECT_NE(text.find("[memory]"), std::string::npos) << text;
    EXPECT_EQ(loadValid(text), s) << text;
}

TEST(MemoryUnit, CommandLineOverridesSetTheChoiceAndTheSizes)
{
    const Scenario s = loadValid(kMinimalRequest, {"memory.per=connection", "threads.connection_memory=9KiB"});
    EXPECT_EQ(s.memory.per, MemoryUnit::Connection);
    EXPECT_EQ(s.threads.connectionMemory, 9 * KiB);
}

TEST(MemoryUnit, TheRegistryListsTheChoiceAndOffersConnectionSizesOnlyWhenConnectionsAreCounted)
{
    const std::optional<ChoiceInfo> per = findChoice("memory.per");
    ASSERT_TRUE(per);
    EXPECT_EQ(per->choices, (std::vector<std::string>{"task", "connection"}));
    EXPECT_FALSE(per->label.empty());
    EXPECT_FALSE(per->description.empty());

    Scenario s = loadValid(kMinimalRequest);
    EXPECT_EQ(choiceValue("memory.per", s), "task");
    for (const char *key : {"fibers.connection_memory", "event_loop.connection_memory", "threads.connection_memory"}) {
        const std::optional<ParameterInfo> info = findParameter(key);
        ASSERT_TRUE(info) << key;
        EXPECT_EQ(info->kind, ParameterKind::Size) << key;
        EXPECT_FALSE(parameterApplies(key, s)) << key;
    }
    ASSERT_TRUE(setChoiceValue("memory.per", s, "connection"));
    EXPECT_EQ(s.memory.per, MemoryUnit::Connection);
    EXPECT_EQ(choiceValue("memory.per", s), "connection");
    for (const char *key : {"fibers.connection_memory", "event_loop.connection_memory", "threads.connection_memory"})
        EXPECT_TRUE(parameterApplies(key, s)) << key;
    EXPECT_FALSE(setChoiceValue("memory.per", s, "connections"));
    EXPECT_EQ(s.memory.per, MemoryUnit::Connection);
}

INSTANTIATE_TEST_SUITE_P(
    MemoryKeys, ScenarioError,
    ::testing::Values(
        ErrorCase{"MemoryPerPlural", "[memory]\nper = \"connections\"\n", 2, 7,
                  "`memory.per`: unknown memory unit \"connections\"; expected task or connection; did you mean "
                  "`connection`?"},
        ErrorCase{"MemoryPerNotAString", "[memory]\nper = 1\n", 2, 7,
                  "`memory.per`: expected a memory unit in quotes (task or connection), got integer 1"},
        ErrorCase{"MemoryTableTypo", "[memory]\npre = \"task\"\n", 2, 1,
                  "unknown key `pre` in [memory]; did you mean `per`?"},
        ErrorCase{"MemoryNotATable", "memory = \"connection\"\n", 1, 10, "`memory`: expected a table"},
        ErrorCase{"ConnectionMemoryTypo", "[fibers]\nconection_memory = \"8KiB\"\n", 2, 1,
                  "did you mean `connection_memory`?"},
        ErrorCase{"ConnectionMemoryNegative", "[event_loop]\nconnection_memory = -1\n", 2, 21,
                  "`event_loop.connection_memory`"},
        ErrorCase{"ConnectionMemoryOverOneGiB", "[threads]\nconnection_memory = \"2GiB\"\n", 2, 21,
                  "`threads.connection_memory`"},
        ErrorCase{"ConnectionMemoryWithoutUnit", "[fibers]\nconnection_memory = \"16\"\n", 2, 21,
                  "`fibers.connection_memory`"}),
    caseName);

} // namespace
