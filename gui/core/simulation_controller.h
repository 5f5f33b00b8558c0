// Holds the scenario being explored and turns edits into results off the GUI thread. An edit is
// validated at once (through the scenario loader), then jobs on a worker thread simulate the three
// models: for a knob edit first without traces (the preview: metrics and costs, which the headline
// and the cost chart show while a slider moves), then with traces (the result every view needs).
// One job runs at a time and at most one waits, always for the newest value: an edit cancels a
// traced job of an older value and replaces the waiting one; an untraced job runs to its end (it is
// short, and the freshest figures there are). A result never follows one of a newer value. While a
// slider is dragged, a scenario too slow to preview whole is previewed on its first requests only,
// where they are a fair sample (gui/core/preview_prefix.h); the snapshot says so (RunSnapshot::prefix).
// Sweeps run the same way with progress and cancel. Results arrive on the controller's thread.
// No exception crosses a thread: failures arrive as runFailed / sweepFailed messages.
// Setters: the controller's own thread only (asserted).
#pragma once

#include "engine/core/scenario.h"
#include "gui/core/knobs.h"
#include "gui/core/preview_prefix.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/scenario_edit.h"
#include "gui/core/sweep.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

namespace conviz::gui {

class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(QObject *parent = nullptr);
    ~SimulationController() override; // cancels running jobs and waits for them

    const Scenario &scenario() const { return m_scenario; }
    const Scenario &baseline() const { return m_baseline; }
    const std::vector<Knob> &knobs() const { return m_knobs; }
    QString sourcePath() const { return m_path; }
    bool isModified() const { return m_scenario != m_baseline; }
    bool isRunning() const { return m_running != 0; }
    // Run jobs started and not yet delivered: never more than one (a newer value waits, and replaces
    // whatever value waited before it).
    int runningJobs() const { return m_running; }
    bool isSweeping() const { return m_sweepCancel != nullptr; }
    std::shared_ptr<const RunSnapshot> latest() const { return m_latest; }
    std::shared_ptr<const SweepSnapshot> latestSweep() const { return m_latestSweep; }

    // The quiet time after the last knob edit before the traced run starts (its preview does not
    // wait): a drag keeps previewing, not starting traced runs it would cancel.
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    void setSnapshotOptions(const SnapshotOptions &o) { m_options = o; }
    // The simulation time a drag's preview aims at (kPreviewBudgetMs); tests make it tiny.
    void setPreviewBudgetMs(double ms) { m_previewBudgetMs = ms; }
    // Start the scenario's default sweep after each run (cancelled by the next edit).
    void setAutoSweep(bool on) { m_autoSweep = on; }
    bool autoSweep() const { return m_autoSweep; }

    // Loads a scenario file; on failure returns the loader's message and keeps the current one.
    QString loadFile(const QString &path);
    // Replaces the scenario (already valid) and its baseline; runs at once.
    void setScenario(const Scenario &scenario, const QString &path);
    // Saves the current scenario; returns an error message or an empty string. On success the
    // saved scenario becomes the baseline.
    QString saveAs(const QString &path);

    // Sets a knob (base units). Returns an error message (and changes nothing) if the result is
    // not a valid scenario; otherwise schedules a debounced run.
    QString setKnob(const QString &id, double value);
    // The hand took hold of a slider: until editFinished, the previews of a scenario slow to
    // preview may cover its first requests only.
    void dragStarted();
    // The hand let go of a slider: its last value needs no untraced run, and an untraced run of an
    // older value is dropped; the traced run of the last value follows at once.
    void editFinished();
    // Sets the threads model's mode (per-request / pool).
    QString setThreadMode(ThreadMode mode);
    // Sets a choice key (scenario::choiceParameters, e.g. "memory.per") to the choice `name`, as
    // written in the file; an error message for an unknown key or name.
    QString setChoice(const QString &key, const QString &name);
    void resetToBaseline();
    // Makes `scenario` the current one as an edit would (validated; the file and baseline stay), and
    // runs it at once: restoring autosaved edits. Returns an error message and changes nothing if
    // it is not valid.
    QString setEdited(const Scenario &scenario);

    // Stops the runs of the current values (a long run: the window's Stop): nothing of them runs
    // again until runAgain() or the next edit, and the views keep the latest result, of older values.
    void stopRun();
    // Runs the current values again after stopRun().
    void runAgain();
    // The current values' runs were stopped and nothing has run them since.
    bool isStopped() const { return m_stopped != 0 && m_stopped == m_generation; }
    // A result of the current values has been delivered: their preview, before their traced run.
    bool shownCurrentValues() const { return m_shown != 0 && m_shown == m_generation; }

    void startSweep(const SweepSpec &spec);
    void cancelSweep();
    SweepSpec currentSweep() const { return m_sweep; }

Q_SIGNALS:
    void scenarioChanged(); // the scenario's values changed (knobs may differ)
    void knobsChanged();    // the set of knobs changed (a new scenario or mode)
    void modifiedChanged(bool modified);
    void runStarted(); // the first job of a new value started
    // The untraced run of a knob edit: the new scenario, metrics and costs, with the traces, series
    // and narration of the latest traced result (of an older value) so that every view can draw.
    void previewAvailable(std::shared_ptr<const RunSnapshot> snapshot);
    // The traced run of the current scenario (latest()).
    void resultAvailable(std::shared_ptr<const RunSnapshot> snapshot);
    // How much of the running traced run is done, 0 to 1 (simulation and indexing): a few hundred a
    // run at most, never of a run that was cancelled or replaced.
    void runProgress(double fraction);
    void runStopped(); // stopRun() stopped the current values' runs
    void runResumed(); // after runStopped: the values run again (runAgain) or an edit replaced them
    void runFailed(const QString &message);
    void sweepStarted();
    void sweepProgress(double fraction);
    void sweepAvailable(std::shared_ptr<const SweepSnapshot> snapshot);
    void sweepFailed(const QString &message);

private:
    void applyScenario(Scenario s);
    // A validated edit becomes the scenario and a debounced run; a refused one changes nothing.
    QString applyEdit(Validated edited);
    struct Job {
        std::uint64_t generation = 0; // the scenario edit it computes
        bool traced = false;
        std::int64_t requests = 0; // the first requests it simulates: load.requests unless a drag's preview
        std::shared_ptr<std::atomic<bool>> cancel;
    };
    // A new value to compute: `preview` asks for an untraced run first.
    void newGeneration(bool preview);
    // Starts what the newest value still needs, unless a job runs.
    void schedule();
    void launchJob(bool traced);
    void deliverRun(const Job &job, std::shared_ptr<const RunSnapshot> snapshot, const QString &error);
    void deliverSweep(std::uint64_t id, std::shared_ptr<SweepSnapshot> snapshot, const QString &error);
    void cancelRun();
    void stopSweep();

    Scenario m_scenario;
    Scenario m_baseline;
    std::vector<Knob> m_knobs;
    QString m_path;
    QTimer m_debounce;
    QThreadPool m_pool;
    SnapshotOptions m_options;
    std::uint64_t m_sweepId = 0;
    int m_running = 0;              // jobs not yet delivered (a cancelled one counts until it ends)
    std::uint64_t m_generation = 0; // bumped by every change of the scenario
    std::uint64_t m_shown = 0;      // generation of the newest result delivered (preview or traced)
    std::uint64_t m_previewed = 0;  // generation of the newest preview started
    std::uint64_t m_traced = 0;     // generation of the newest traced job started
    std::uint64_t m_announced = 0;  // generation runStarted was emitted for
    std::uint64_t m_stopped = 0;    // generation whose runs stopRun() stopped
    bool m_previewWanted = false;   // the current generation gets an untraced run first
    bool m_dragging = false;        // between dragStarted and editFinished
    double m_previewBudgetMs = kPreviewBudgetMs;
    PreviewCost m_previewCost; // what the results of this scenario say a preview of it costs
    std::optional<Job> m_job;  // the running job
    std::shared_ptr<std::atomic<bool>> m_sweepCancel;
    std::shared_ptr<const RunSnapshot> m_latest;
    std::shared_ptr<const SweepSnapshot> m_latestSweep;
    SweepSpec m_sweep;
    bool m_autoSweep = true;
    bool m_wasModified = false;
};

} // namespace conviz::gui
