// Guided tours in the app: a preset's walk-through for a workshop, one step per PageDown. A tour
// lives beside its preset, in a tours/ folder (scenarios/tours/NAME.toml for scenarios/NAME.toml,
// out of the way of anything that reads every scenario file). The file is read and checked by
// engine/scenario/tour_file.h; this adapter gives the app its steps with Qt strings and knob ids,
// and works out where a step moves the clock and the sliders. Qt Core only; any thread.
#pragma once

#include "engine/scenario/tour_file.h"

#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace conviz::gui {

struct RunSnapshot;

using TourFocus = scenario::TourFocus;

struct TourStep {
    using Anchor = scenario::TourStep::Anchor;
    QString text; // Markdown
    std::optional<TourFocus> focus;
    Anchor anchor = Anchor::Stay;
    Nanos time{};                                   // Anchor::Time
    NarrationKind event = NarrationKind::Info;      // Anchor::Event: the first narration line of this kind
    std::optional<ModelKind> eventModel;            // ... of this model
    std::optional<int> chartTab;                    // 0 over time, 1 sweep, 2 cost (ChartsPane::Tab)
    std::vector<std::pair<QString, double>> set;    // knob id → value in the knob's base units
    std::optional<scenario::Checkpoint> checkpoint; // a question before the reveal (gui/core/checkpoint.h)
    int line = 0;                                   // where the step starts in its file, for messages
};

struct Tour {
    QString title;
    QString path;
    std::vector<TourStep> steps;
};

struct TourLoad {
    std::optional<Tour> tour;
    QString error; // every problem, one "file:line:column: error: what was expected" a line
};

// Reads and checks a tour file.
TourLoad loadTour(const QString &path);
// The tour of a scenario file (DIR/tours/NAME.toml for DIR/NAME.toml), or empty if there is none.
QString tourPathFor(const QString &scenarioPath);

// Where a step moves the clock in `snapshot`: nullopt to stay (Anchor::Stay, or an event the run
// does not have). Clamped to the playback length.
std::optional<Nanos> tourInstant(const TourStep &step, const RunSnapshot &snapshot);

// The knob values in force at step `index`: `baseline` (knob id → value before the tour) overridden
// by every `set` of steps 0..index, for every knob the tour touches anywhere. Going back restores.
std::vector<std::pair<QString, double>> tourKnobsAt(const Tour &tour, std::size_t index,
                                                    const std::vector<std::pair<QString, double>> &baseline);

} // namespace conviz::gui
