// The one entry point for writing a figure or a GIF of a scenario: it simulates what the figure needs
// (one run, a run with traces, or a sweep), draws it with the app's own code (gui/charts, the model
// columns) and writes the file atomically (engine/core/atomic_file.h). `conviz-cli export --chart`
// and `--gif` call this and nothing else from gui/; the app's File › Export draws through
// renderFigure from the run and sweep it already holds. Nothing here prints: what went wrong comes
// back as a value.
// GUI thread: a QApplication must exist (the offscreen platform will do). Simulations run on
// `threads` worker threads, and a sweep's progress callback is called from them.
#pragma once

#include "engine/core/atomic_file.h"
#include "engine/core/scenario.h"
#include "engine/core/sim_time.h"
#include "gui/charts/chart_spec.h"
#include "gui/charts/figure_file.h"
#include "gui/core/figure.h"
#include "gui/export/gif_export.h"
#include "report/data_export.h"

#include <QByteArray>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace conviz::gui {

struct SweepSnapshot;

// The sweep that the sweep figures (throughput, latency, memory) plot.
struct FigureSweep {
    report::SweepArgs args;        // all empty: the scenario's [sweep], else the app's default sweep of the load
    scenario::ScenarioLoader load; // loads each point with its override; empty: the scenario, from memory
    std::string source;            // names the scenario in messages ("api.toml")
};

struct FigureExportRequest {
    Scenario scenario; // validated
    FigureKind kind = FigureKind::Throughput;
    FigureSpec spec;
    std::optional<Nanos> at; // side-by-side: the instant shown (at most the run's end); none: the busiest
    FigureSweep sweep;
    unsigned threads = 0;                 // simulation threads; 0: one per core
    std::function<void(double)> progress; // a sweep's fraction done (from worker threads); may be empty
    std::filesystem::path out;
    exports::Overwrite overwrite = exports::Overwrite::Refuse;
};

struct GifExportRequest {
    Scenario scenario;        // validated
    GifSpec spec;             // size, fps, seconds and the stretch of the run (end ≤ start: the run's end)
    bool startChosen = false; // spec.start was asked for: at or after the run's end, it is a problem
    std::function<void(int done, int total)> frameDone; // after each frame but the last; may be empty
    std::filesystem::path out;
    exports::Overwrite overwrite = exports::Overwrite::Refuse;
};

// Why an export wrote nothing.
struct ExportProblem {
    enum class Kind : std::uint8_t {
        Sweep,         // the sweep could not be planned or run: diagnostics and/or message
        StartAfterEnd, // the GIF's chosen start is at or after the run's end (runEnd)
        File,          // the file could not be written (file)
    };
    Kind kind = Kind::File;
    std::vector<std::string> diagnostics; // scenario diagnostics of a sweep point, one line each
    std::string message;                  // one sentence, or ""
    Nanos runEnd{0};
    exports::ExportError file;
};

struct ExportOutcome {
    bool traceCut = false; // a model's trace stopped at the recorder's limit: the figure shows less of it
    int frames = 0;        // a GIF's frames, once it was started (0: it never was)
    std::optional<ExportProblem> problem; // none: the file is in place
};

// Opens `out` (a bad path fails before anything is simulated), simulates, draws the figure and
// commits the file.
ExportOutcome exportFigure(const FigureExportRequest &request);

// Opens `out` likewise, simulates the run with traces and writes the GIF's frames one by one.
ExportOutcome exportGif(const GifExportRequest &request);

// What a figure is drawn from, already simulated.
struct FigureInputs {
    const Scenario &scenario;
    std::shared_ptr<const RunSnapshot> run; // timeline, queue, cost; side-by-side (with traces)
    const SweepSnapshot *sweep = nullptr;   // throughput, latency, memory
    Nanos at{0};                            // side-by-side: the instant shown
};

// Figure `kind` drawn for spec.format (encode() may then run on any thread), and as its bytes; none
// if the input it needs is missing.
std::optional<DrawnFigure> drawFigure(FigureKind kind, const FigureInputs &inputs, const FigureSpec &spec);
std::optional<QByteArray> renderFigure(FigureKind kind, const FigureInputs &inputs, const FigureSpec &spec);

} // namespace conviz::gui
