// Every preset in scenarios/, whatever it is: it loads, all three models finish every request, and it
// has a teaching note beside it. The list comes from the directory, so a new preset is covered as soon
// as its file exists.
#include "tests/presets/preset_support.h"

#include "engine/scenario/scenario_file.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace conviz::presets {
namespace {

class EveryPreset : public testing::TestWithParam<std::filesystem::path> {};

TEST_P(EveryPreset, LoadsAndFinishesEveryRequestUnderAllThreeModels)
{
    const auto run = runFile(GetParam());
    ASSERT_TRUE(run);
    for (ModelKind model : kAllModels) {
        SCOPED_TRACE(std::string(modelKey(model)));
        const ModelMetrics &m = (*run)[model];
        EXPECT_GT(m.issued, 0);
        EXPECT_EQ(m.unfinished, 0);
        EXPECT_EQ(m.issued, m.completed + m.refused);
        EXPECT_GT(m.completed, 0);
    }
}

// The app's side pane and `conviz-cli explain` show scenarios/<name>.md: a `# <preset name>` title and
// the five sections, in this order.
TEST_P(EveryPreset, HasATeachingNoteWithItsTitleAndTheFiveSectionsInOrder)
{
    const std::filesystem::path toml = GetParam();
    std::filesystem::path note = toml;
    note.replace_extension(".md");
    std::ifstream in(note);
    ASSERT_TRUE(in) << "no teaching note: write " << note.string();
    std::stringstream text;
    text << in.rdbuf();

    const auto loaded = scenario::loadFile(toml);
    ASSERT_TRUE(loaded.ok());
    std::string title;
    std::getline(text, title);
    EXPECT_EQ(title, "# " + loaded.scenario->name) << note.string();

    std::vector<std::string> sections;
    for (std::string line; std::getline(text, line);)
        if (line.rfind("## ", 0) == 0)
            sections.push_back(line.substr(3));
    // The last section is written by docs/validate.sh: the note's claim judged on real Go, Node.js and threads.
    const std::vector<std::string> expected = {"What to look at",     "What to change",
                                               "What you should see", "Why",
                                               "The honest caveat",   "Checked against the real runtimes"};
    EXPECT_EQ(sections, expected) << note.string();
}

std::string testName(const testing::TestParamInfo<std::filesystem::path> &info)
{
    // "go-blocking-syscalls" → "GoBlockingSyscalls"
    std::string name;
    bool upper = true;
    for (char c : info.param.stem().string()) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
            upper = true;
            continue;
        }
        name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return name.empty() ? "Preset" + std::to_string(info.index) : name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, EveryPreset, testing::ValuesIn(presetFiles()), testName);

TEST(PresetDirectory, HoldsTheTenShippedPresets)
{
    const auto files = presetFiles();
    EXPECT_GE(files.size(), 10u) << "in " << scenarioDir().string();
    for (const char *name : {"benchmark-trap", "c10k", "crud-postgres", "data-pipeline", "default", "event-loop-lag",
                             "fanout-500", "go-blocking-syscalls", "libuv-pool-trap", "memory-at-scale"})
        EXPECT_TRUE(std::filesystem::exists(presetPath(name))) << name;
}

} // namespace
} // namespace conviz::presets
