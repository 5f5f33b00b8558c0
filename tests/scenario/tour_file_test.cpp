// Tour files: what a step reads into, every class of mistake reported at the offending key or value
// with what was expected (and a "did you mean"), every shipped tour loading, and telling a tour
// from a scenario by its content.
#include "engine/scenario/tour_file.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace conviz::scenario {
namespace {

using test::formatted;

constexpr std::string_view kHead = "title = \"t\"\n[[step]]\ntext = \"x\"\n";

TEST(TourFile, ReadsEveryKindOfStep)
{
    const TourLoadResult r = loadTourString(R"(title = "A tour"
[[step]]
text = """
  **Look** here.
"""
focus = "event_loop.scheduler"
at = "busiest"
[[step]]
text = "Then here."
focus = "charts"
event = "steal"
model = "fibers"
chart = "sweep"
set = { "load.rate" = 1600, "request.cpu" = "2ms", "threads.stack_reserved" = "1MiB", "event_loop.cpu_factor" = 2 }
[[step]]
text = "And at 120 ms."
at = "120ms"
)",
                                            "t.toml");
    ASSERT_TRUE(r.ok()) << formatted(r);
    EXPECT_EQ(r.tour->title, "A tour");
    EXPECT_EQ(r.tour->path, "t.toml");
    ASSERT_EQ(r.tour->steps.size(), 3u);
    const TourStep &a = r.tour->steps[0];
    EXPECT_EQ(a.text, "**Look** here.");
    EXPECT_EQ(a.line, 2);
    EXPECT_EQ(a.anchor, TourStep::Anchor::Busiest);
    EXPECT_EQ(a.focus, (TourFocus{TourFocus::Pane::Column, ModelKind::EventLoop, TourFocus::View::Scheduler}));
    EXPECT_FALSE(a.chart);
    const TourStep &b = r.tour->steps[1];
    EXPECT_EQ(b.anchor, TourStep::Anchor::Event);
    EXPECT_EQ(b.event, NarrationKind::Steal);
    EXPECT_EQ(b.eventModel, ModelKind::Fibers);
    EXPECT_EQ(b.chart, TourChart::Sweep);
    ASSERT_TRUE(b.focus);
    EXPECT_EQ(b.focus->pane, TourFocus::Pane::Charts);
    using Set = std::vector<std::pair<std::string, double>>;
    EXPECT_EQ(b.set, (Set{{"event_loop.cpu_factor", 2},
                          {"load.rate", 1600},
                          {"request.cpu", 2e6},
                          {"threads.stack_reserved", 1048576}})); // in key order
    EXPECT_EQ(r.tour->steps[2].anchor, TourStep::Anchor::Time);
    EXPECT_EQ(r.tour->steps[2].time, Nanos{120'000'000});
}

struct TourErrorCase {
    const char *name;
    std::string text; // after kHead unless it has a title or a step of its own
    int line;
    int column;
    const char *expected; // a part of the message
};

std::ostream &operator<<(std::ostream &os, const TourErrorCase &c) { return os << c.name; }

class TourError : public ::testing::TestWithParam<TourErrorCase> {};

TEST_P(TourError, IsReportedAtTheOffendingPositionWithWhatWasExpected)
{
    const TourErrorCase &c = GetParam();
    const bool whole = c.text.starts_with("title") || c.text.find("[[step]]") != std::string::npos;
    const std::string text = whole ? c.text : std::string(kHead) + c.text;
    test::expectSingleTourError(text, c.line, c.column, c.expected);
}

std::string caseName(const ::testing::TestParamInfo<TourErrorCase> &info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(
    Keys, TourError,
    ::testing::Values(
        TourErrorCase{"MisspeltStepKey", "foucs = \"charts\"\n", 4, 1,
                      "unknown key `foucs` in a step; did you mean `focus`?"},
        TourErrorCase{"MisspeltTopKey", "titel = \"t\"\n[[step]]\ntext = \"x\"\n", 1, 1, "did you mean `title`?"},
        TourErrorCase{"MisspeltSlider", "set = { \"load.rat\" = 5 }\n", 4, 9,
                      "unknown slider `load.rat`; did you mean `load.rate`?"},
        TourErrorCase{"MisspeltDerivedSlider", "set = { \"request.ios\" = \"5ms\" }\n", 4, 9,
                      "did you mean `request.io`?"},
        TourErrorCase{"UnquotedDottedSlider", "set = { load.rate = 5 }\n", 4, 9, "quote a knob id with a dot"},
        TourErrorCase{"MissingText", "title = \"t\"\n[[step]]\nfocus = \"charts\"\n", 2, 1, "a step needs a `text`"},
        TourErrorCase{"MissingTitle", "[[step]]\ntext = \"x\"\n", 1, 1, "a tour needs a `title`"},
        TourErrorCase{"NoSteps", "title = \"t\"\n", 1, 1, "at least one [[step]]"},
        TourErrorCase{"SyntaxError", "title = \"t\"\n[[step]\ntext = \"x\"\n", 2, 8, "TOML syntax error"}),
    caseName);

INSTANTIATE_TEST_SUITE_P(
    Values, TourError,
    ::testing::Values(
        TourErrorCase{"MisspeltColumn", "focus = \"eventloop\"\n", 4, 9,
                      "expected fibers, event_loop, threads, charts"},
        TourErrorCase{"MisspeltColumnSuggests", "focus = \"eventloop\"\n", 4, 9, "did you mean `event_loop`?"},
        TourErrorCase{"UnknownView", "focus = \"threads.stacks\"\n", 4, 9,
                      "expected headline, scheduler, timeline or memory"},
        TourErrorCase{"PaneWithAView", "focus = \"charts.sweep\"\n", 4, 9, "the charts pane has no views"},
        TourErrorCase{"AtAndEvent", "at = \"start\"\nevent = \"steal\"\n", 5, 9, "`at` or `event`, not both"},
        TourErrorCase{"AtNeitherNameNorDuration", "at = \"soon\"\n", 4, 6, "not start, busiest, end or a duration"},
        TourErrorCase{"AtMisspelt", "at = \"busiest!\"\n", 4, 6, "did you mean `busiest`?"},
        TourErrorCase{"AtWithoutUnit", "at = \"120\"\n", 4, 6, "\"120\" has no unit"},
        TourErrorCase{"MisspeltEvent", "event = \"steel\"\n", 4, 9,
                      "unknown narration kind \"steel\"; expected steal,"},
        TourErrorCase{"ModelWithoutEvent", "model = \"fibers\"\n", 4, 9, "`model` goes with `event`"},
        TourErrorCase{"UnknownModel", "event = \"steal\"\nmodel = \"goroutines\"\n", 5, 9,
                      "expected fibers, event_loop or threads"},
        TourErrorCase{"MisspeltChart", "chart = \"costs\"\n", 4, 9, "did you mean `cost`?"},
        TourErrorCase{"RateAsWord", "set = { \"load.rate\" = \"fast\" }\n", 4, 23,
                      "`load.rate`: expected a number, got string"},
        TourErrorCase{"DurationWithoutUnit", "set = { \"request.cpu\" = 2 }\n", 4, 25, "durations need a unit"},
        TourErrorCase{"DurationWithBadUnit", "set = { \"request.io\" = \"2 mins\" }\n", 4, 24, "unknown unit `mins`"},
        TourErrorCase{"SizeInKilobytes", "set = { \"threads.stack_reserved\" = \"1MB\" }\n", 4, 36, "MiB"},
        TourErrorCase{"CountAsFraction", "set = { \"machine.cores\" = 2.5 }\n", 4, 27, "expected a whole number"},
        TourErrorCase{"CountOutOfRange", "set = { \"machine.cores\" = 0 }\n", 4, 27,
                      "`machine.cores`: must be at least 1"},
        TourErrorCase{"NegativeRate", "set = { \"load.rate\" = -5 }\n", 4, 23, "`load.rate`: must be greater than 0"},
        TourErrorCase{"SetNotATable", "set = 5\n", 4, 7, "`set` must be a table"},
        TourErrorCase{"EmptyText", "title = \"t\"\n[[step]]\ntext = \"  \"\n", 3, 8, "`text`: is empty"},
        TourErrorCase{"TextNotAString", "title = \"t\"\n[[step]]\ntext = 5\n", 3, 8, "`text`: expected a string"}),
    caseName);

TEST(TourFile, EveryMistakeIsListedInFileOrder)
{
    const TourLoadResult r = loadTourString("title = \"t\"\n[[step]]\ntext = \"x\"\nfoucs = \"charts\"\n"
                                            "[[step]]\ntext = \"y\"\nat = \"soon\"\nchart = \"costs\"\n",
                                            "t.toml");
    ASSERT_EQ(r.errors.size(), 3u) << formatted(r);
    EXPECT_EQ(r.errors[0].line, 4);
    EXPECT_EQ(r.errors[1].line, 7);
    EXPECT_EQ(r.errors[2].line, 8);
    EXPECT_EQ(r.errors[0].format().rfind("t.toml:4:1: error: unknown key `foucs`", 0), 0u) << r.errors[0].format();
}

TEST(TourFile, AMissingFileIsADiagnostic)
{
    const TourLoadResult r = loadTourFile("/nonexistent/tours/none.toml");
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors.front().message.find("cannot read the tour file"), std::string::npos);
}

// Every tour that comes with conviz loads (whether its steps fit its preset is the GUI tests' check).
TEST(ShippedTours, EveryTourLoads)
{
    const std::filesystem::path dir = std::filesystem::path(CONVIZ_PRESETS_DIR) / "tours";
    int count = 0;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".toml")
            continue;
        ++count;
        const TourLoadResult r = loadTourFile(entry.path());
        EXPECT_TRUE(r.ok()) << formatted(r);
        EXPECT_TRUE(looksLikeTourFile(entry.path())) << entry.path();
    }
    EXPECT_GT(count, 0) << "no tours in " << dir;
}

TEST(TourFile, IsToldFromAScenarioByItsContent)
{
    EXPECT_TRUE(looksLikeTour(std::string(kHead)));
    EXPECT_TRUE(looksLikeTour("titel = \"t\"\n[[step]]\ntext = \"x\"\n")); // a misspelt tour is still a tour
    EXPECT_TRUE(looksLikeTour("title = \"t\"\n"));
    EXPECT_FALSE(looksLikeTour("name = \"x\"\n[request]\nsteps = [ { cpu = \"1ms\" } ]\n"));
    EXPECT_FALSE(looksLikeTour("title = \"t\"\nname = \"x\"\n")); // a scenario with a stray key
    EXPECT_FALSE(looksLikeTour("[[step]\n"));                     // does not parse: read as a scenario
    EXPECT_FALSE(looksLikeTourFile(std::filesystem::path(CONVIZ_PRESETS_DIR) / "default.toml"));
}

} // namespace
} // namespace conviz::scenario
