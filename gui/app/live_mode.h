// Live mode in the window: the Run live action (Live menu, the toolbar in the menu bar's row,
// Ctrl+R) runs the scenario as it is now, edits included, in a conviz-cli process (LiveProcess)
// while the window goes on; the toolbar's LiveBar shows its progress with Cancel and switches the
// columns between Simulated, Measured and Both (measured_snapshot.h); the charts overlay the
// measured points. A measurement belongs to the scenario it measured: after an edit it is marked
// stale, never mixed in silently. GUI thread only.
#pragma once

#include "gui/core/measured_snapshot.h"

#include <QObject>
#include <QString>

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

    // The last measurement (null before the first), and whether the scenario changed since.
    const std::shared_ptr<const LiveResult> &result() const { return m_result; }
    bool stale() const { return m_stale; }

    // How an error is shown (a dialog by default); tests record it instead.
    void setErrorPrompt(std::function<void(const QString &title, const QString &message)> prompt);

    LiveProcess &process() const { return *m_process; }
    LiveBar *bar() const { return m_bar; }
    QAction *runAction() const { return m_run; }
    QToolBar *toolBar() const { return m_toolBar; }

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
};

} // namespace conviz::gui
