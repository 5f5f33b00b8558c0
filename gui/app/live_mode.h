// Live mode in the window: the Run live action (Live menu, the toolbar in the menu bar's row,
// Ctrl+R) runs the scenario as it is now, edits included, in a conviz-cli process (LiveProcess)
// while the window goes on, on the runtimes the Live menu checks (conviz's C++ executors, real Go,
// real Node.js; remembered in QSettings, a runtime whose program is missing disabled); the toolbar's LiveBar shows its
// progress with Cancel and switches the columns between Simulated, Measured and Both (measured_snapshot.h); the charts
// overlay the measured points. A measurement belongs to the scenario it measured: after an edit it is marked stale,
// never mixed in silently. GUI thread only.
#pragma once

#include "gui/core/measured_snapshot.h"

#include <QObject>
#include <QString>

#include <array>
#include <functional>
#include <memory>
#include <string>

class QAction;
class QMainWindow;
class QToolBar;

namespace conviz::gui {

class LiveBar;
class LiveProcess;
class PlaybackState;
class SimulationController;
class WindowLayout;

class LiveMode : public QObject {
    Q_OBJECT
public:
    // Adds the Live menu (before Help) and the Live toolbar (the menu bar's corner) to `window`; the
    // others must outlive it.
    LiveMode(QMainWindow &window, SimulationController &controller, PlaybackState &playback, WindowLayout &layout);
    ~LiveMode() override;

    // Runs the current scenario live; `extraArgs` go to conviz-cli after FILE (tests: a small run).
    void run(const QStringList &extraArgs = {});
    void cancel();
    void setSource(ResultSource source);
    ResultSource source() const { return m_source; }
    // Which measurement drives the fibers and event-loop columns in Measured (the LiveBar's choosers).
    void setDrivers(const SourceChoice &choice);
    const SourceChoice &drivers() const { return m_choice; }

    // The runtimes a run uses, [kAllSources order], as checked in the Live menu (and saved); a
    // runtime whose program is not on the PATH is not run even if checked. At least one stays checked.
    using Runtimes = std::array<bool, 3>;
    void setRuntimes(const Runtimes &runtimes);
    Runtimes runtimes() const;
    // The runtimes the next run uses: checked, and installed.
    Runtimes runnableRuntimes() const;
    // Rechecks which runtimes are installed (the Live menu does so each time it opens).
    void refreshRuntimes();
    QAction *runtimeAction(MeasuredSource source) const { return m_runtimeActions[static_cast<std::size_t>(source)]; }

    // The last measurement (null before the first), and whether the scenario changed since.
    const std::shared_ptr<const LiveResult> &result() const { return m_result; }
    bool stale() const { return m_stale; }

    // How an error is shown (a dialog by default); tests record it instead.
    void setErrorPrompt(std::function<void(const QString &title, const QString &message)> prompt);

    LiveProcess &process() const { return *m_process; }
    LiveBar *bar() const { return m_bar; }
    QAction *runAction() const { return m_run; }
    QToolBar *toolBar() const { return m_toolBar; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    // The columns show a new presentation (a result, a switch, an edit that made it stale).
    void presented();

private:
    void onFinished(std::shared_ptr<const LiveResult> result, const QString &warning);
    void onFailed(const QString &title, const QString &message);
    void onScenarioChanged();
    void onSimulated(const std::shared_ptr<const RunSnapshot> &snapshot, bool preview);
    void present();
    void showStatus();
    void showRunnersRunning();
    void saveRuntimes() const;

    QMainWindow &m_window;
    SimulationController &m_controller;
    PlaybackState &m_playback;
    WindowLayout &m_layout;
    LiveProcess *m_process;
    LiveBar *m_bar = nullptr;
    QAction *m_run = nullptr;
    QToolBar *m_toolBar = nullptr;
    std::function<void(const QString &, const QString &)> m_prompt;

    std::shared_ptr<const RunSnapshot> m_simulated; // the latest the controller delivered
    bool m_previewShown = false;                    // it is a preview: the columns stay marked stale
    std::shared_ptr<const LiveResult> m_result;
    std::string m_measuredToml; // the scenario the result measured, as TOML
    std::string m_runningToml;  // the scenario of the run going now
    Scenario m_runningScenario;
    Scenario m_measuredScenario;
    std::shared_ptr<const RunSnapshot> m_measuredView; // Measured: built once per result and staleness
    bool m_stale = false;
    ResultSource m_source = ResultSource::Simulated;
    SourceChoice m_choice;
    std::array<QAction *, 3> m_runtimeActions{};
    Runtimes m_running{}; // the runtimes of the run going now
    bool m_relayoutPending = false;
};

} // namespace conviz::gui
