// Guided-tour files (docs/tours.md): a preset's walk-through, one step per click. Read and checked
// here, Qt-free, with the scenario loader's diagnostics: every error carries file, line and column,
// says what was expected, and suggests the closest key or name. Whether a step fits one scenario
// (a slider it has, an event its run shows) is the caller's check. Nothing here throws to callers.
#pragma once

#include "engine/core/sim_time.h"
#include "engine/model_kind.h"
#include "engine/scenario/exercise.h"
#include "engine/scenario/scenario_file.h"
#include "engine/trace.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conviz::scenario {

// What a step frames: a whole column, one of its views, or a pane of the window.
struct TourFocus {
    enum class Pane : std::uint8_t { Column, Charts, Narration, Parameters, Note };
    enum class View : std::uint8_t { Whole, Headline, Scheduler, Timeline, Memory };
    Pane pane = Pane::Column;
    ModelKind model = ModelKind::Fibers; // Pane::Column
    View view = View::Whole;             // Pane::Column
    friend bool operator==(const TourFocus &, const TourFocus &) = default;
};

// The charts tab a step opens, in the order the app shows them.
enum class TourChart : std::uint8_t { OverTime, Sweep, Cost };

// A predict-then-reveal step (docs/tours.md, "Checkpoints"): a question the room answers before
// the views that show the answer are uncovered. Either a choice among models (which of them has the
// lowest or highest value of a metric) or a guess of one model's metric on a slider. Which answer
// is true follows from the run (checkpoint.h), never from the file.
struct Checkpoint {
    enum class Kind : std::uint8_t { Choice, Guess };
    Kind kind = Kind::Choice;
    std::string question;        // `ask`, Markdown
    std::string why;             // `why`, Markdown: the explanation prompt after the reveal
    std::vector<TourFocus> hide; // the views covered until the reveal
    ExerciseMetric metric = ExerciseMetric::LatencyP99;
    // Kind::Choice: the models offered, in key order (1, 2, 3), and the one the author says has the
    // lowest (`lowest`) or highest value of `metric`.
    std::vector<ModelKind> choices;
    std::size_t answer = 0; // index into choices
    bool lowest = true;
    // Kind::Guess: `metric` of `model`, entered in `unit` ("ms"; empty for a plain number) between
    // `min` and `max`; one `unit` is `scale` of the metric's base unit (ms: 1e6 ns).
    ModelKind model = ModelKind::Fibers;
    std::string unit;
    double scale = 1;
    double min = 0;
    double max = 0;
};

struct TourStep {
    enum class Anchor : std::uint8_t { Stay, Start, Busiest, End, Time, Event };
    std::string text; // Markdown, surrounding whitespace trimmed; may be empty on a checkpoint
    std::optional<TourFocus> focus;
    Anchor anchor = Anchor::Stay;
    Nanos time{};                              // Anchor::Time
    NarrationKind event = NarrationKind::Info; // Anchor::Event: the first narration line of this kind
    std::optional<ModelKind> eventModel;       // ... of this model
    std::optional<TourChart> chart;
    std::vector<std::pair<std::string, double>> set; // parameter key → value in its base unit (ns, bytes), by key
    std::optional<Checkpoint> checkpoint;
    int line = 0; // where the step starts in its file, for messages
};

struct Tour {
    std::string title;
    std::string path; // as given to loadTourFile, or the source name
    std::vector<TourStep> steps;
    std::vector<Exercise> exercises; // [[exercise]]: the "try this" tasks (exercise.h)
};

struct TourLoadResult {
    std::optional<Tour> tour;       // set iff errors is empty
    std::vector<Diagnostic> errors; // every problem found, in file order

    bool ok() const { return tour.has_value(); }
};

// Parses and checks tour text; `sourceName` names it in diagnostics. At most 100 errors are listed.
TourLoadResult loadTourString(std::string_view text, std::string_view sourceName);

// Reads the file and calls loadTourString. A missing or unreadable file is a diagnostic, not a throw.
TourLoadResult loadTourFile(const std::filesystem::path &path);

// Whether `text` is meant as a tour rather than a scenario: it parses as TOML, its top level has
// `title` or `[[step]]`, and none of a scenario's top-level keys. False for text that does not parse.
bool looksLikeTour(std::string_view text);

// looksLikeTour on the file's text; false for a file that cannot be read.
bool looksLikeTourFile(const std::filesystem::path &path);

} // namespace conviz::scenario
