// A tour checkpoint in the app (engine/scenario/tour_file.h, Checkpoint; docs/tours.md): the room's
// prediction, entered before the reveal, set against the result the step shows. Words and the
// scale positions a panel draws; which answer is true comes from the run (engine/scenario/
// checkpoint.h), so that the app says what the preset tests check. Qt Core only; any thread.
#pragma once

#include "engine/scenario/tour_file.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace conviz::gui {

struct RunSnapshot;

// A choice as its button reads: "Fibers (Go)".
QString checkpointChoiceLabel(ModelKind model);

// The guess's range and unit as the slider's caption reads: "p99 latency of the event loop, in ms".
QString guessCaption(const scenario::Checkpoint &checkpoint);

struct CheckpointReveal {
    bool right = false; // the prediction is the answer (a guess: within a fifth of the range)
    QString verdict;    // "You said: Event loop (Node.js) — it was Fibers (Go)."
    QString badge;      // short, over the answer's headline: "You said Event loop · it was Fibers"
    QString values;     // "p99 latency: Fibers (Go) 2.7 ms · Event loop (Node.js) 12.8 ms · …"
    ModelKind answerModel = ModelKind::Fibers; // whose headline the verdict is drawn over
    double actual = 0;                         // a guess: the value in the guess's unit
    double actualAt = 0;                       // a guess: where the value sits on the slider's range, 0..1 (clamped)
    std::optional<double> guessAt;             // a guess: where the guess sits, 0..1
};

// The outcome of `checkpoint` in `snapshot`, with the room's prediction: the index of the choice
// picked, or the value guessed (in the guess's unit); nullopt if the room gave none.
CheckpointReveal revealCheckpoint(const scenario::Checkpoint &checkpoint, const RunSnapshot &snapshot,
                                  std::optional<double> prediction);

} // namespace conviz::gui
