// Tour checkpoints (docs/tours.md, "Checkpoints"): what `ask`, `choices`, `guess`, `hide` and `why`
// read into; every mistake reported at the offending key or value with what was expected; and the
// outcome against a run's metrics (the run decides the answer, a tie has none).
#include "engine/scenario/checkpoint.h"
#include "engine/scenario/tour_file.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <string>

namespace conviz::scenario {
namespace {

using test::formatted;

constexpr std::string_view kHead = "title = \"t\"\n[[step]]\n";

TEST(TourCheckpoint, ReadsAChoiceWithItsHiddenViewsAndWhy)
{
    const TourLoadResult r = loadTourString(R"(title = "t"
[[step]]
text = "Before."
[[step]]
ask = "Which model has the lowest p99?"
choices = ["fibers", "event_loop", "threads"]
answer = "event_loop"
lowest = "latency_p99"
hide = ["headline", "charts", "threads.timeline"]
why = """
  One loop, one queue.
"""
)",
                                            "t.toml");
    ASSERT_TRUE(r.ok()) << formatted(r);
    ASSERT_FALSE(r.tour->steps[0].checkpoint);
    const TourStep &s = r.tour->steps[1];
    EXPECT_TRUE(s.text.empty());
    ASSERT_TRUE(s.checkpoint);
    const Checkpoint &c = *s.checkpoint;
    EXPECT_EQ(c.kind, Checkpoint::Kind::Choice);
    EXPECT_EQ(c.question, "Which model has the lowest p99?");
    EXPECT_EQ(c.why, "One loop, one queue.");
    EXPECT_EQ(c.choices, (std::vector<ModelKind>{ModelKind::Fibers, ModelKind::EventLoop, ModelKind::Threads}));
    EXPECT_EQ(c.answer, 1u);
    EXPECT_TRUE(c.lowest);
    EXPECT_EQ(c.metric, ExerciseMetric::LatencyP99);
    using F = TourFocus;
    EXPECT_EQ(c.hide, (std::vector<F>{{F::Pane::Column, ModelKind::Fibers, F::View::Headline},
                                      {F::Pane::Column, ModelKind::EventLoop, F::View::Headline},
                                      {F::Pane::Column, ModelKind::Threads, F::View::Headline},
                                      {F::Pane::Charts, ModelKind::Fibers, F::View::Whole},
                                      {F::Pane::Column, ModelKind::Threads, F::View::Timeline}}));
}

TEST(TourCheckpoint, ReadsAGuessAndHidesTheHeadlinesAndChartsByDefault)
{
    const TourLoadResult r = loadTourString(std::string(kHead) + R"(text = "Guess."
ask = "Where is the event loop's p99?"
guess = { metric = "event_loop.latency_p99", unit = "ms", min = 0, max = 200 }
why = "Callbacks queue."
)",
                                            "t.toml");
    ASSERT_TRUE(r.ok()) << formatted(r);
    const Checkpoint &c = *r.tour->steps[0].checkpoint;
    EXPECT_EQ(c.kind, Checkpoint::Kind::Guess);
    EXPECT_EQ(c.model, ModelKind::EventLoop);
    EXPECT_EQ(c.metric, ExerciseMetric::LatencyP99);
    EXPECT_EQ(c.unit, "ms");
    EXPECT_DOUBLE_EQ(c.scale, 1e6);
    EXPECT_DOUBLE_EQ(c.min, 0);
    EXPECT_DOUBLE_EQ(c.max, 200);
    ASSERT_EQ(c.hide.size(), 4u);
    EXPECT_EQ(c.hide[3].pane, TourFocus::Pane::Charts);
}

TEST(TourCheckpoint, TheRunDecidesTheAnswerAndATieHasNone)
{
    Checkpoint c;
    c.choices = {ModelKind::Fibers, ModelKind::EventLoop, ModelKind::Threads};
    c.answer = 1;
    c.metric = ExerciseMetric::LatencyP99;
    double loop = 5e6;
    const ExerciseMetricValues values = [&](ModelKind m, ExerciseMetric) {
        return m == ModelKind::EventLoop ? loop : 9e6;
    };
    CheckpointOutcome o = evaluateCheckpoint(c, values);
    EXPECT_EQ(o.best, 1u);
    EXPECT_TRUE(o.answerHolds);
    c.lowest = false; // highest p99 wins: a tie of fibers and threads
    o = evaluateCheckpoint(c, values);
    EXPECT_FALSE(o.best);
    EXPECT_FALSE(o.answerHolds);
    c.lowest = true;
    loop = 12e6; // a model change: the file's answer is now wrong
    o = evaluateCheckpoint(c, values);
    EXPECT_FALSE(o.best);
    EXPECT_FALSE(o.answerHolds);

    Checkpoint g;
    g.kind = Checkpoint::Kind::Guess;
    g.model = ModelKind::EventLoop;
    g.unit = "ms";
    g.scale = 1e6;
    g.max = 10;
    o = evaluateCheckpoint(g, values);
    EXPECT_DOUBLE_EQ(o.actual, 12);
    EXPECT_FALSE(o.answerHolds) << "12 ms is off the slider's 0–10 ms";
    EXPECT_EQ(formatGuess(g, 12), "12 ms");
    EXPECT_EQ(formatCheckpointValue(g, 12.5e6), "12.5 ms");
}

struct CheckpointErrorCase {
    const char *name;
    std::string text; // after kHead
    int line;
    int column;
    const char *expected;
};

std::ostream &operator<<(std::ostream &os, const CheckpointErrorCase &c) { return os << c.name; }

class TourCheckpointError : public ::testing::TestWithParam<CheckpointErrorCase> {};

TEST_P(TourCheckpointError, IsReportedAtTheOffendingPositionWithWhatWasExpected)
{
    const CheckpointErrorCase &c = GetParam();
    const std::string text = std::string(kHead) + c.text;
    test::expectSingleTourError(text, c.line, c.column, c.expected);
}

std::string caseName(const ::testing::TestParamInfo<CheckpointErrorCase> &info) { return info.param.name; }

// A valid choice checkpoint's lines, for cases that break one key.
const std::string kAsk = "ask = \"Q?\"\nwhy = \"W.\"\n";
const std::string kChoices = "choices = [\"fibers\", \"threads\"]\n";

INSTANTIATE_TEST_SUITE_P(
    Checkpoints, TourCheckpointError,
    ::testing::Values(
        CheckpointErrorCase{"WhyWithoutAsk", "text = \"x\"\nwhy = \"W.\"\n", 4, 7,
                            "`why` belongs to a checkpoint; add `ask`"},
        CheckpointErrorCase{"NoTextNoAsk", "focus = \"charts\"\n", 2, 1, "a step needs a `text` (or an `ask`"},
        CheckpointErrorCase{"MissingWhy", "ask = \"Q?\"\n" + kChoices + "answer = \"fibers\"\nlowest = \"cpu\"\n", 2, 1,
                            "a checkpoint needs a `why`"},
        CheckpointErrorCase{"NeitherChoicesNorGuess", kAsk, 3, 7, "needs `choices` (with `answer`"},
        CheckpointErrorCase{"ChoicesAndGuess",
                            kAsk + kChoices +
                                "answer = \"fibers\"\nlowest = \"cpu\"\nguess = { metric = \"fibers.cpu\" }\n",
                            8, 9, "`choices` or `guess`, not both"},
        CheckpointErrorCase{"UnknownModelChoice",
                            kAsk + "choices = [\"fibers\", \"goroutines\"]\nanswer = "
                                   "\"fibers\"\nlowest = \"cpu\"\n",
                            5, 22, "`choices`: unknown model \"goroutines\"; expected fibers, event_loop or threads"},
        CheckpointErrorCase{"OneChoice", kAsk + "choices = [\"fibers\"]\nanswer = \"fibers\"\nlowest = \"cpu\"\n", 5,
                            11, "two or three models"},
        CheckpointErrorCase{"ChoiceTwice",
                            kAsk + "choices = [\"fibers\", \"fibers\"]\nanswer = \"fibers\"\nlowest = \"cpu\"\n", 5, 22,
                            "fibers is offered twice"},
        CheckpointErrorCase{"AnswerNotAChoice", kAsk + kChoices + "answer = \"event_loop\"\nlowest = \"cpu\"\n", 6, 10,
                            "`answer`: event_loop is not one of the `choices`"},
        CheckpointErrorCase{"MisspeltAnswer", kAsk + kChoices + "answer = \"fiber\"\nlowest = \"cpu\"\n", 6, 10,
                            "did you mean `fibers`?"},
        CheckpointErrorCase{"MissingAnswer", kAsk + kChoices + "lowest = \"cpu\"\n", 5, 11, "needs an `answer`"},
        CheckpointErrorCase{"NoDecidingMetric", kAsk + kChoices + "answer = \"fibers\"\n", 5, 11,
                            "one of `lowest` or `highest`"},
        CheckpointErrorCase{"UnknownMetric", kAsk + kChoices + "answer = \"fibers\"\nlowest = \"latency_p98\"\n", 7, 10,
                            "`lowest`: unknown metric \"latency_p98\"; expected throughput"},
        CheckpointErrorCase{"GuessWithAnswer",
                            kAsk + "guess = { metric = \"fibers.cpu\", min = 0, max = 1 }\nanswer = \"fibers\"\n", 6,
                            10, "`answer` goes with `choices`"},
        CheckpointErrorCase{"GuessUnknownModel",
                            kAsk + "guess = { metric = \"node.latency_p99\", unit = \"ms\", min = 0, max = 9 }\n", 5,
                            20, "does not start with a model"},
        CheckpointErrorCase{"GuessUnknownMetric",
                            kAsk + "guess = { metric = \"fibers.p99\", unit = \"ms\", min = 0, max = 9 }\n", 5, 20,
                            "`metric`: unknown metric \"p99\""},
        CheckpointErrorCase{"GuessWrongUnit",
                            kAsk + "guess = { metric = \"fibers.latency_p99\", unit = \"MiB\", min = 0, max = 9 }\n", 5,
                            49, "\"MiB\" is not a unit of latency_p99; expected ns, us, µs, ms or s"},
        CheckpointErrorCase{"GuessDurationWithoutUnit",
                            kAsk + "guess = { metric = \"fibers.latency_p99\", min = 0, max = 9 }\n", 5, 9,
                            "needs a `unit` for its slider"},
        CheckpointErrorCase{"GuessUnitOnACount",
                            kAsk + "guess = { metric = \"threads.threads\", unit = \"ms\", min = 0, max = 9 }\n", 5, 46,
                            "threads is a plain number; leave `unit` out"},
        CheckpointErrorCase{"GuessWithoutRange", kAsk + "guess = { metric = \"threads.threads\" }\n", 5, 9,
                            "needs `min` and `max`"},
        CheckpointErrorCase{"GuessEmptyRange", kAsk + "guess = { metric = \"threads.threads\", min = 5, max = 5 }\n", 5,
                            54, "`max` must be above `min`"},
        CheckpointErrorCase{"GuessMisspeltKey", kAsk + "guess = { metric = \"threads.threads\", mn = 0, max = 5 }\n", 5,
                            39, "did you mean `min`?"},
        CheckpointErrorCase{"HideUnknownView",
                            kAsk + kChoices + "answer = \"fibers\"\nlowest = \"cpu\"\nhide = [\"headlines\"]\n", 8, 9,
                            "`hide`: unknown column or pane \"headlines\""},
        CheckpointErrorCase{"HideUnknownColumnView",
                            kAsk + kChoices + "answer = \"fibers\"\nlowest = \"cpu\"\nhide = [\"fibers.stack\"]\n", 8,
                            9, "`hide`: unknown view \"stack\" of fibers"},
        CheckpointErrorCase{"EmptyWhy",
                            "ask = \"Q?\"\nwhy = \" \"\n" + kChoices +
                                "answer = \"fibers\"\nlowest = "
                                "\"cpu\"\n",
                            4, 7, "`why`: is empty"}),
    caseName);

} // namespace
} // namespace conviz::scenario
