// Every preset's exercises (scenarios/tours/NAME.toml, [[exercise]]): at least two; none is met by
// the preset's own values (the task is to change something); each is met once its solution is
// applied, with every goal and no kept key touched; and the solution validates as a scenario. The
// preset test list follows the scenario files, so a new preset without exercises fails here.
#include "engine/scenario/exercise.h"
#include "engine/scenario/scenario_file.h"
#include "engine/scenario/tour_file.h"
#include "engine/simulate.h"
#include "report/exercise_check.h"
#include "tests/presets/preset_support.h"

#include <gtest/gtest.h>

#include <array>
#include <span>

namespace conviz::presets {
namespace {

using scenario::Exercise;
using scenario::ExerciseCheck;

std::array<ModelMetrics, 3> run(const Scenario &s)
{
    const std::vector<ModelResult> results = simulateAll(s, kAllModels);
    return {results.at(0).metrics, results.at(1).metrics, results.at(2).metrics};
}

std::string unmet(const Exercise &e, const ExerciseCheck &c)
{
    std::string out;
    for (std::size_t i = 0; i < e.goals.size(); ++i)
        out += "  " + e.goals[i].describe() + ": " +
               scenario::formatMetricValue(scenario::exerciseMetricInfo(e.goals[i].metric).unit, c.values[i]) +
               (c.goalsMet[i] ? " (met)\n" : " (not met)\n");
    for (const std::string &k : c.changed)
        out += "  kept key changed: " + k + "\n";
    return out;
}

class PresetExercises : public testing::TestWithParam<std::filesystem::path> {};

TEST_P(PresetExercises, AreUnmetAtTheDefaultsAndMetByTheirSolutions)
{
    const std::filesystem::path file = GetParam();
    const std::filesystem::path tourPath = file.parent_path() / "tours" / file.filename();
    const scenario::TourLoadResult tour = scenario::loadTourFile(tourPath);
    ASSERT_TRUE(tour.ok()) << tourPath;
    ASSERT_GE(tour.tour->exercises.size(), 2u) << tourPath << ": every preset gets two or three exercises";
    const scenario::LoadResult loaded = scenario::loadFile(file);
    ASSERT_TRUE(loaded.ok()) << file;
    const Scenario &preset = *loaded.scenario;
    const std::array<ModelMetrics, 3> atDefaults = run(preset);
    for (const Exercise &e : tour.tour->exercises) {
        SCOPED_TRACE(tourPath.string() + ":" + std::to_string(e.line));
        const ExerciseCheck before = report::checkExercise(e, atDefaults, preset, preset);
        EXPECT_FALSE(before.met) << "met by the preset's own values:\n" << unmet(e, before);
        EXPECT_TRUE(before.changed.empty());

        Scenario solved = preset;
        ASSERT_TRUE(scenario::applySolution(e, solved)) << scenario::describeSolution(e);
        // The solution must be a scenario the app accepts (ranges, consistency), as the sliders are.
        const scenario::LoadResult valid = scenario::loadString(scenario::toToml(solved), "solution");
        ASSERT_TRUE(valid.ok()) << scenario::describeSolution(e);
        const ExerciseCheck after = report::checkExercise(e, run(*valid.scenario), *valid.scenario, preset);
        EXPECT_TRUE(after.changed.empty()) << "the solution touches a kept key";
        EXPECT_TRUE(after.met) << "not met by its solution (" << scenario::describeSolution(e) << "):\n"
                               << unmet(e, after);
    }
}

INSTANTIATE_TEST_SUITE_P(Presets, PresetExercises, testing::ValuesIn(presetFiles()),
                         [](const testing::TestParamInfo<std::filesystem::path> &p) {
                             std::string name = p.param.stem().string();
                             for (char &c : name)
                                 if (c == '-')
                                     c = '_';
                             return name;
                         });

} // namespace
} // namespace conviz::presets
