// A long run's progress and its Stop, at the right of the status bar. A run that ends within half a
// second shows nothing; a longer one (a preset with ten times its requests takes seconds) shows a
// bar that fills as the three models are simulated and indexed, and a Stop button. Stop keeps the
// views on the latest result, of the values before the edit, and turns the button into Run, which
// simulates the current values after all (as does any further edit). In presentation mode, which
// hides the status bar, they sit at the end of the playback controls. GUI thread only.
#pragma once

#include <QObject>
#include <QTimer>

class QBoxLayout;
class QProgressBar;
class QPushButton;
class QStatusBar;

namespace conviz::gui {

class SimulationController;

class RunProgress : public QObject {
    Q_OBJECT
public:
    // How long a run goes on before its progress shows.
    static constexpr int kShowAfterMs = 500;

    RunProgress(QStatusBar &bar, SimulationController &controller);

    QProgressBar *bar() const { return m_bar; }
    QPushButton *button() const { return m_button; }
    // Puts the bar and the button at the end of `row` (presentation mode hides the status bar), or
    // back in the status bar (null). What shows stays shown.
    void placeIn(QBoxLayout *row);

private:
    void showRunning();
    void hideAll();

    QStatusBar &m_status;
    SimulationController &m_controller;
    QProgressBar *m_bar;
    QPushButton *m_button;
    QTimer m_delay;
};

} // namespace conviz::gui
