// Holds the scenario being explored and turns edits into results off the GUI thread. An edit is
// validated at once (through the scenario loader), then a debounced job simulates the three
// models with traces on a worker thread; a result whose job is no longer the latest is dropped.
// Sweeps run the same way with progress and cancel. Results arrive on the controller's thread.
// No exception crosses a thread: failures arrive as runFailed / sweepFailed messages.
// Setters: the controller's own thread only (asserted).
#pragma once

#include "engine/core/scenario.h"
#include "gui/core/knobs.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/scenario_edit.h"
#include "gui/core/sweep.h"

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>

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
    bool isSweeping() const { return m_sweepCancel != nullptr; }
    std::shared_ptr<const RunSnapshot> latest() const { return m_latest; }
    std::shared_ptr<const SweepSnapshot> latestSweep() const { return m_latestSweep; }

    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }
    void setSnapshotOptions(const SnapshotOptions &o) { m_options = o; }
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
    // Sets the threads model's mode (per-request / pool).
    QString setThreadMode(ThreadMode mode);
    void resetToBaseline();
    // Makes `scenario` the current one as an edit would (validated; the file and baseline stay), and
    // runs it at once: restoring autosaved edits. Returns an error message and changes nothing if
    // it is not valid.
    QString setEdited(const Scenario &scenario);

    void startSweep(const SweepSpec &spec);
    void cancelSweep();
    SweepSpec currentSweep() const { return m_sweep; }

Q_SIGNALS:
    void scenarioChanged(); // the scenario's values changed (knobs may differ)
    void knobsChanged();    // the set of knobs changed (a new scenario or mode)
    void modifiedChanged(bool modified);
    void runStarted();
    void resultAvailable(std::shared_ptr<const RunSnapshot> snapshot);
    void runFailed(const QString &message);
    void sweepStarted();
    void sweepProgress(double fraction);
    void sweepAvailable(std::shared_ptr<const SweepSnapshot> snapshot);
    void sweepFailed(const QString &message);

private:
    void applyScenario(Scenario s);
    // A validated edit becomes the scenario and a debounced run; a refused one changes nothing.
    QString applyEdit(Validated edited);
    void launchRun();
    void deliverRun(std::uint64_t id, std::shared_ptr<const RunSnapshot> snapshot, const QString &error);
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
    std::uint64_t m_runId = 0;
    std::uint64_t m_sweepId = 0;
    int m_running = 0;
    std::shared_ptr<std::atomic<bool>> m_runCancel;
    std::shared_ptr<std::atomic<bool>> m_sweepCancel;
    std::shared_ptr<const RunSnapshot> m_latest;
    std::shared_ptr<const SweepSnapshot> m_latestSweep;
    SweepSpec m_sweep;
    bool m_autoSweep = true;
    bool m_wasModified = false;
};

} // namespace conviz::gui
