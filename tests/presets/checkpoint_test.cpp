// Every preset's tour has a predict-then-reveal checkpoint (docs/tours.md, "Checkpoints"), and each
// checkpoint's answer is true of the run the step shows: the preset with the sliders of every step
// up to it. A choice's answer must be the model with the lowest (highest) value, strictly; a guess's
// slider must reach the run's value. A model change that makes a tour wrong fails here.
#include "engine/scenario/checkpoint.h"
#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"
#include "engine/scenario/tour_file.h"
#include "engine/simulate.h"
#include "report/exercise_check.h"
#include "tests/presets/preset_support.h"

#include <gtest/gtest.h>

#include <array>

namespace conviz::presets {
namespace {

using scenario::Checkpoint;

std::string describe(const Checkpoint &c, const scenario::CheckpointOutcome &o)
{
    std::string out;
    if (c.kind == Checkpoint::Kind::Guess)
        return "  " + std::string(modelKey(c.model)) + ": " + scenario::formatCheckpointValue(c, o.values[0]) +
               ", the slider spans " + scenario::formatGuess(c, c.min) + " to " + scenario::formatGuess(c, c.max) +
               "\n";
    for (std::size_t i = 0; i < c.choices.size(); ++i)
        out += "  " + std::string(modelKey(c.choices[i])) + ": " + scenario::formatCheckpointValue(c, o.values[i]) +
               (i == c.answer ? "  (the file's answer)\n" : "\n");
    return out;
}

class PresetCheckpoints : public testing::TestWithParam<std::filesystem::path> {};

TEST_P(PresetCheckpoints, HaveAnAnswerTheRunOfTheirStepBearsOut)
{
    const std::filesystem::path file = GetParam();
    const std::filesystem::path tourPath = file.parent_path() / "tours" / file.filename();
    const scenario::TourLoadResult tour = scenario::loadTourFile(tourPath);
    ASSERT_TRUE(tour.ok()) << tourPath;
    const scenario::LoadResult loaded = scenario::loadFile(file);
    ASSERT_TRUE(loaded.ok()) << file;
    Scenario atStep = *loaded.scenario;
    int checkpoints = 0;
    for (const scenario::TourStep &step : tour.tour->steps) {
        for (const auto &[key, value] : step.set) // the sliders as the app has them at this step
            ASSERT_TRUE(scenario::setParameterValue(key, atStep, value)) << key;
        if (!step.checkpoint)
            continue;
        ++checkpoints;
        SCOPED_TRACE(tourPath.string() + ":" + std::to_string(step.line));
        const scenario::LoadResult valid = scenario::loadString(scenario::toToml(atStep), "step");
        ASSERT_TRUE(valid.ok());
        const std::vector<ModelResult> results = simulateAll(*valid.scenario, kAllModels);
        const auto values = [&](ModelKind m, scenario::ExerciseMetric metric) {
            return report::exerciseMetricValue(metric, results.at(static_cast<std::size_t>(m)).metrics);
        };
        const Checkpoint &c = *step.checkpoint;
        const scenario::CheckpointOutcome o = scenario::evaluateCheckpoint(c, values);
        EXPECT_TRUE(o.answerHolds) << "the run does not bear out \"" << c.question << "\":\n" << describe(c, o);
    }
    EXPECT_GE(checkpoints, 1) << tourPath << ": every preset's tour asks at least one question before a reveal";
}

INSTANTIATE_TEST_SUITE_P(Presets, PresetCheckpoints, testing::ValuesIn(presetFiles()),
                         [](const testing::TestParamInfo<std::filesystem::path> &p) {
                             std::string name = p.param.stem().string();
                             for (char &c : name)
                                 if (c == '-')
                                     c = '_';
                             return name;
                         });

} // namespace
} // namespace conviz::presets
