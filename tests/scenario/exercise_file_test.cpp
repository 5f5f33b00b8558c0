// [[exercise]] tables of tour files: what they read into, each class of mistake reported at the
// offending key or value with file:line:column and what was expected, and the check of a goal.
#include "engine/scenario/exercise.h"
#include "engine/scenario/parameters.h"
#include "engine/scenario/tour_file.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace conviz::scenario {
namespace {

using test::formatted;

const std::string kHead = "title = \"t\"\n[[step]]\ntext = \"x\"\n";

TourLoadResult load(const std::string &exercises) { return loadTourString(kHead + exercises, "t.toml"); }

TEST(ExerciseFile, ReadsGoalsKeepHintAndSolution)
{
    const TourLoadResult r = load(R"([[exercise]]
text = """
  Make the **loop's** p99 drop.
"""
goal = [ { metric = "event_loop.latency_p99", below = "20ms" }, { metric = "fibers.throughput", above = 1500 } ]
keep = ["machine.cores", "threads.mode"]
hint = "More processes."
solution = { "event_loop.processes" = 4, "memory.per" = "task", "threads.stack_reserved" = "1MiB" }
[[exercise]]
text = "Second"
goal = { metric = "threads.memory_reserved", below = "20GiB" }
solution = { "load.rate" = 10 }
)");
    ASSERT_TRUE(r.ok()) << formatted(r);
    ASSERT_EQ(r.tour->exercises.size(), 2u);
    const Exercise &e = r.tour->exercises[0];
    EXPECT_EQ(e.text, "Make the **loop's** p99 drop.");
    EXPECT_EQ(e.line, 4);
    EXPECT_EQ(e.hint, "More processes.");
    ASSERT_EQ(e.goals.size(), 2u);
    EXPECT_EQ(e.goals[0].model, ModelKind::EventLoop);
    EXPECT_EQ(e.goals[0].metric, ExerciseMetric::LatencyP99);
    EXPECT_TRUE(e.goals[0].below);
    EXPECT_EQ(e.goals[0].limit, 20e6);
    EXPECT_EQ(e.goals[0].describe(), "the event loop's p99 latency below 20 ms");
    EXPECT_EQ(e.goals[1].metric, ExerciseMetric::Throughput);
    EXPECT_FALSE(e.goals[1].below);
    EXPECT_EQ(e.goals[1].limit, 1500);
    EXPECT_EQ(e.keep, (std::vector<std::string>{"machine.cores", "threads.mode"}));
    ASSERT_EQ(e.solution.size(), 3u);
    EXPECT_EQ(e.solution[0].value, 4);
    EXPECT_EQ(e.solution[1].choice, "task");
    EXPECT_EQ(e.solution[2].value, 1024.0 * 1024);
    EXPECT_EQ(describeSolution(e), "event_loop.processes = 4, memory.per = task, threads.stack_reserved = 1MiB");
    EXPECT_EQ(r.tour->exercises[1].goals[0].limit, 20.0 * 1024 * 1024 * 1024);
}

struct BadCase {
    const char *name;
    const char *text;
    const char *expected; // a substring of the formatted diagnostics
};

class ExerciseErrors : public testing::TestWithParam<BadCase> {};

TEST_P(ExerciseErrors, SaysWhereAndWhat)
{
    const TourLoadResult r = load(GetParam().text);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(formatted(r).find(GetParam().expected), std::string::npos) << formatted(r);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ExerciseErrors,
    testing::Values(
        BadCase{"UnknownMetric",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"event_loop.latency_p98\", below = \"1ms\" }\nsolution "
                "= { \"load.rate\" = 1 }\n",
                "t.toml:6:19: error: `metric`: unknown metric \"latency_p98\" of event_loop; expected throughput"},
        BadCase{"SuggestsMetric",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughtput\", above = 1 }\nsolution = { "
                "\"load.rate\" = 1 }\n",
                "did you mean `throughput`?"},
        BadCase{"UnknownModel",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"go.throughput\", above = 1 }\nsolution = { "
                "\"load.rate\" = 1 }\n",
                "t.toml:6:19: error: `metric`: \"go.throughput\" does not start with a model"},
        BadCase{"UnknownKeepKey",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughput\", above = 1 }\nkeep = "
                "[\"machine.core\"]\nsolution = { \"load.rate\" = 1 }\n",
                "t.toml:7:9: error: `keep`: unknown key `machine.core`; did you mean `machine.cores`?"},
        BadCase{"UnknownSolutionKey",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughput\", above = 1 }\nsolution = { "
                "\"load.rat\" = 1 }\n",
                "t.toml:7:14: error: `solution`: unknown key `load.rat`; did you mean `load.rate`?"},
        BadCase{"SolutionTouchesKept",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughput\", above = 1 }\nkeep = "
                "[\"machine.cores\"]\nsolution = { \"machine.cores\" = 8 }\n",
                "`solution` changes `machine.cores`, which the exercise keeps"},
        BadCase{"BothLimits",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughput\", above = 1, below = 2 }\nsolution "
                "= { \"load.rate\" = 1 }\n",
                "t.toml:6:8: error: a goal needs one limit: `below` or `above`"},
        BadCase{"DurationNeedsUnit",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.latency_p99\", below = 20 }\nsolution = { "
                "\"load.rate\" = 1 }\n",
                "t.toml:6:"},
        BadCase{"CpuIsAFraction",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.cpu\", above = 95 }\nsolution = { "
                "\"load.rate\" = 1 }\n",
                "t.toml:6:"},
        BadCase{"BadChoice",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughput\", above = 1 }\nsolution = { "
                "\"threads.mode\" = \"pooled\" }\n",
                "unknown choice \"pooled\""},
        BadCase{"NeedsSolution", "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughput\", above = 1 }\n",
                "t.toml:4:1: error: an exercise needs a `solution`"},
        BadCase{"NeedsGoal", "[[exercise]]\ntext = \"x\"\nsolution = { \"load.rate\" = 1 }\n",
                "an exercise needs a `goal`"},
        BadCase{"UnknownExerciseKey",
                "[[exercise]]\ntext = \"x\"\ngoal = { metric = \"fibers.throughput\", above = 1 }\nsolution = { "
                "\"load.rate\" = 1 }\nhints = \"h\"\n",
                "did you mean `hint`?"}),
    [](const testing::TestParamInfo<BadCase> &p) { return std::string(p.param.name); });

TEST(ExerciseFile, IsAnArrayOfTables)
{
    const TourLoadResult r = loadTourString("title = \"t\"\nexercise = 3\n" + kHead.substr(12), "t.toml");
    EXPECT_NE(formatted(r).find("t.toml:2:12: error: `exercise` must be written as [[exercise]] tables"),
              std::string::npos)
        << formatted(r);
}

TEST(ExerciseCheck, NeedsEveryGoalAndTheKeptKeysAtThePresetsValues)
{
    const TourLoadResult r = load(R"([[exercise]]
text = "x"
goal = [ { metric = "event_loop.latency_p99", below = "20ms" }, { metric = "threads.cpu", above = 0.5 } ]
keep = ["machine.cores", "threads.mode"]
solution = { "event_loop.processes" = 4 }
)");
    ASSERT_TRUE(r.ok()) << formatted(r);
    const Exercise &e = r.tour->exercises[0];
    double loopP99 = 25e6; // 25 ms: above the limit
    const ExerciseMetricValues m = [&](ModelKind model, ExerciseMetric metric) {
        if (model == ModelKind::EventLoop && metric == ExerciseMetric::LatencyP99)
            return loopP99;
        return model == ModelKind::Threads && metric == ExerciseMetric::Cpu ? 0.6 : 0.0;
    };
    const Scenario preset;
    ExerciseCheck c = checkExercise(e, m, preset, preset);
    EXPECT_FALSE(c.met);
    EXPECT_EQ(c.goalsMet, (std::vector<bool>{false, true}));
    loopP99 = 19e6;
    EXPECT_TRUE(checkExercise(e, m, preset, preset).met);
    Scenario moreCores = preset;
    moreCores.machine.cores += 1;
    c = checkExercise(e, m, moreCores, preset);
    EXPECT_FALSE(c.met);
    EXPECT_EQ(c.changed, (std::vector<std::string>{"machine.cores"}));
    Scenario pooled = preset;
    ASSERT_TRUE(setChoiceValue("threads.mode", pooled, "pool"));
    EXPECT_EQ(checkExercise(e, m, pooled, preset).changed, (std::vector<std::string>{"threads.mode"}));
    Scenario solved = preset;
    ASSERT_TRUE(applySolution(e, solved));
    EXPECT_EQ(parameterValue("event_loop.processes", solved), 4);
}

} // namespace
} // namespace conviz::scenario
