// The preset's exercises in the app (engine/scenario/exercise.h): loaded from its tour file and
// checked against each result the window shows. An exercise is met when the result is of a scenario
// whose kept keys have the preset's values and every goal holds; the words say which goal is short
// and by how much, or which kept key moved. Qt Core only; any thread.
#pragma once

#include "engine/scenario/exercise.h"

#include <QString>

#include <vector>

namespace conviz::gui {

struct RunSnapshot;

struct ExerciseLoad {
    std::vector<scenario::Exercise> exercises; // empty: the scenario has none (or its tour does not load)
    QString error;                             // the tour's diagnostics, one a line, if it does not load
};

// The exercises in the tour of the scenario file `scenarioPath` (tours/NAME.toml beside it).
ExerciseLoad loadExercises(const QString &scenarioPath);

struct ExerciseStatus {
    bool met = false;
    QString text;  // "Done: …", "Not yet: …", "Put machine.cores back to 4: …"
    QString goals; // every goal with the value now: "the event loop's p99 latency below 20 ms (now 187 ms)"
};

// `exercise` checked against `snapshot` (its scenario and metrics); `preset` holds the preset's
// own values, which the kept keys must still have.
ExerciseStatus exerciseStatus(const scenario::Exercise &exercise, const RunSnapshot &snapshot, const Scenario &preset);

// The solution as the app shows it: "event_loop.processes = 4".
QString solutionText(const scenario::Exercise &exercise);

} // namespace conviz::gui
