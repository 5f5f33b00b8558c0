// File › Export: charts and the side-by-side view as PNG/SVG/PDF figures, the schedulers as an
// animated GIF, and the data files of conviz-cli export — the tidy CSV, the run's JSON and the
// Chrome trace — with the very bytes the CLI writes for the same scenario. Every file is written
// atomically; a file is replaced only after the user said so; failures are dialogs that name the
// path and the reason. Simulations for data files run on a worker thread; figures are drawn on the
// GUI thread (widgets draw them) and a PNG's pixels are compressed and written on a worker; GIF
// frames are drawn on the GUI thread a few at a time, with progress and cancel. GUI thread only.
#pragma once

#include "engine/core/atomic_file.h"
#include "gui/charts/figure_file.h"
#include "gui/core/figure.h"
#include "gui/export/export_dialogs.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <atomic>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

class QMenu;
class QWidget;

namespace conviz::gui {

class PlaybackState;
class SimulationController;

enum class DataKind : std::uint8_t { Csv, Json, Trace };

// What asks the user; tests replace each of these.
struct ExportPrompts {
    // A path to save to, or "" if cancelled. The default dialog asks before overwriting a file.
    std::function<QString(const QString &caption, const QString &suggested, const QString &filter)> savePath;
    // Whether to replace `path`, which appeared after it was chosen.
    std::function<bool(const QString &path)> confirmReplace;
    std::function<void(const QString &title, const QString &message)> showError;
    std::function<std::optional<FigureRequest>(const FigureRequest &initial)> figure;
    std::function<std::optional<GifSpec>(const GifSpec &initial, Nanos runEnd)> gif;
};

class ExportActions : public QObject {
    Q_OBJECT
public:
    ExportActions(SimulationController &controller, PlaybackState &playback, QWidget *window);
    ~ExportActions() override; // cancels a running data export; a figure being written is finished

    // Adds the Export submenu (Chart… Ctrl+E, Side-by-side view… Ctrl+Shift+E, Animation (GIF)…,
    // Data as CSV…, Result as JSON…, Timeline for Perfetto…) to `file`.
    void addMenu(QMenu *file);
    void setPrompts(ExportPrompts prompts) { m_prompts = std::move(prompts); }

    // The menu's actions. Each asks what it needs, then exports; exportFinished tells how it went.
    void exportChart(std::optional<FigureKind> kind = std::nullopt);
    void exportGif();
    void exportData(DataKind kind);

    // Writes a figure of the current run or sweep to `path` before it returns (exportChart draws it
    // and leaves the rest to a worker). An error message, or "".
    QString writeFigure(const FigureRequest &request, const QString &path, exports::Overwrite overwrite);

    bool isBusy() const { return m_busy; }

    // The threads that simulate data files and compress and write figures. Not the global pool:
    // Qt 6.4's raster engine shares out large fills and image conversions on that one and waits
    // for them (a debugger showed a fill on the GUI thread waiting while the pool's threads were
    // busy), so an export there would hold up the window's painting.
    QThreadPool &workers() { return m_workers; }

Q_SIGNALS:
    // After every export that got as far as a path: `error` is empty on success.
    void exportFinished(const QString &path, const QString &error);

public:
    struct Target { // where an export goes, and whether the user agreed to replace what is there
        QString path;
        exports::Overwrite overwrite;
    };

private:
    struct FigureJob; // a drawn figure on its way to a file (export_actions.cpp)

    // The figure of the run, sweep and instant on screen, drawn; or why there is none.
    std::variant<DrawnFigure, exports::ExportError> drawRequested(const FigureRequest &request, const QString &path);
    // Encodes and writes the job's figure on a worker, with a progress dialog that can cancel it;
    // finish() reports on the GUI thread.
    void writeInBackground(const std::shared_ptr<FigureJob> &job, const Target &target);
    std::optional<Target> chooseTarget(const QString &caption, const QString &name, const QString &filter);
    // Reports the outcome; an Exists error (the file appeared meanwhile) asks and returns true to retry.
    bool finish(Target &target, const std::optional<exports::ExportError> &error);
    void finishMessage(const QString &path, const QString &error);
    QString suggestedName(const QString &what, const QString &extension) const;
    void startDataJob(DataKind kind, const Target &target); // export_data_job.cpp
    void runGif(const GifSpec &spec, const Target &target);

    SimulationController &m_controller;
    PlaybackState &m_playback;
    QWidget *m_window;
    ExportPrompts m_prompts;
    FigureRequest m_lastFigure;
    GifSpec m_lastGif;
    bool m_busy = false;
    std::shared_ptr<std::atomic<bool>> m_dataCancel; // the running data job's, set when the window goes
    // Last, so destroyed first: it waits for its jobs (a cancelled data file ends quickly, a figure
    // is still written) while everything they were given is alive.
    QThreadPool m_workers;
};

} // namespace conviz::gui
