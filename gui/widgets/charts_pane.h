// The charts: throughput and waiting tasks over time (from the current run, with the playback
// instant marked), and a sweep — throughput and latency against a knob, memory against concurrent
// tasks — with its controls, progress and cancel. Knows ChartWidget, not Qt Charts. A chart's
// context menu asks for its export (exportRequested); the main window's exporter draws the figure.
#pragma once

#include "gui/core/figure.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/sweep.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace conviz::gui {

class ChartWidget;
class PlaybackState;
class SimulationController;

class ChartsPane : public QWidget {
    Q_OBJECT
public:
    ChartsPane(SimulationController &controller, PlaybackState &playback, QWidget *parent = nullptr);

    ChartWidget *throughputOverTime() const { return m_throughputTime; }
    ChartWidget *queueOverTime() const { return m_queueTime; }
    ChartWidget *throughputSweep() const { return m_throughputSweep; }
    ChartWidget *latencySweep() const { return m_latencySweep; }
    ChartWidget *memorySweep() const { return m_memorySweep; }
    QTabWidget *tabs() const { return m_tabs; }

    void setSnapshot(const std::shared_ptr<const RunSnapshot> &snapshot);
    void setSweep(const std::shared_ptr<const SweepSnapshot> &sweep);

Q_SIGNALS:
    // The user asked to export a chart (its context menu): File › Export › Chart with it chosen.
    void exportRequested(conviz::gui::FigureKind kind);

private:
    QWidget *buildSweepControls();
    void syncSweepControls();
    void startSweep();
    void updateMarker();
    void contextMenuFor(ChartWidget *chart, const QPoint &pos);

    SimulationController &m_controller;
    PlaybackState &m_playback;
    QTabWidget *m_tabs;
    ChartWidget *m_throughputTime;
    ChartWidget *m_queueTime;
    ChartWidget *m_throughputSweep;
    ChartWidget *m_latencySweep;
    ChartWidget *m_memorySweep;
    QComboBox *m_knob = nullptr;
    QDoubleSpinBox *m_from = nullptr;
    QDoubleSpinBox *m_to = nullptr;
    QSpinBox *m_steps = nullptr;
    QCheckBox *m_log = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    double m_timeScale = 1;
    qint64 m_lastMarker = -1;
    std::uint64_t m_pendingId = 0;
};

} // namespace conviz::gui
