// A tour checkpoint (tour_file.h, Checkpoint) checked against a run: which offered model has the
// lowest or highest value, whether the author's answer is that model, and where a guess lands.
// Qt-free, so that the app and the preset tests agree on what "the answer" is.
#pragma once

#include "engine/scenario/exercise.h"
#include "engine/scenario/tour_file.h"

#include <optional>
#include <string>
#include <vector>

namespace conviz::scenario {

struct CheckpointOutcome {
    std::vector<double> values;      // Choice: each offered model's metric, in choice order; Guess: one
    std::optional<std::size_t> best; // Choice: the choice with the lowest (highest) value; none on a tie
    bool answerHolds = false;        // Choice: best is the author's answer; Guess: the value is in min..max
    double actual = 0;               // Guess: the value in the guess's unit
};

// `checkpoint` against a run whose metrics `values` gives (report/exercise_check.h reads them).
CheckpointOutcome evaluateCheckpoint(const Checkpoint &checkpoint, const ExerciseMetricValues &values);

// A value of the checkpoint's metric (base unit) as a person reads it: "168 ms", "44.3 MiB".
std::string formatCheckpointValue(const Checkpoint &checkpoint, double value);

// A guess (in the checkpoint's unit) as a person reads it: "40 ms", "12.5 MiB", "1,200".
std::string formatGuess(const Checkpoint &checkpoint, double guess);

} // namespace conviz::scenario
