// The charts: throughput and waiting tasks over time (from the current run, with the playback
// instant marked), a sweep — throughput and latency against a knob, memory against concurrent
// tasks — with its controls, progress and cancel, and the run's cost (CostPane). Knows ChartWidget,
// not Qt Charts. A chart's
// context menu asks for its export (exportRequested); the main window's exporter draws the figure.
#pragma once

#include "gui/core/figure.h"
#include "gui/core/live_result.h"
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

class ChartPicker;
class ChartWidget;
class LegendStrip;
class CostPane;
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
    CostPane *costPane() const { return m_cost; }
    QTabWidget *tabs() const { return m_tabs; }
    enum Tab { OverTimeTab, SweepTab, CostTab };

    void setSnapshot(const std::shared_ptr<const RunSnapshot> &snapshot);
    // An untraced run of a slider's new value (SimulationController::previewAvailable): the cost
    // chart and the throughput over time take it; the waiting-tasks chart, drawn from traces,
    // keeps the last traced run's until setSnapshot.
    void setPreview(const std::shared_ptr<const RunSnapshot> &snapshot);
    void setSweep(const std::shared_ptr<const SweepSnapshot> &sweep);
    // Live mode: overlays `live`'s measured points (measured_snapshot.h) on the charts of the run
    // and the sweep, the sweep's at `measured`'s value of the swept parameter; null removes them.
    void setMeasured(std::shared_ptr<const LiveResult> live, const Scenario &measured);
    // The measurement the charts overlay now, or null.
    const LiveResult *measured() const { return m_live.get(); }
    // Chart text ×scale (presentation mode); widgets' own text follows their font.
    void setTextScale(double scale);
    // Chart lines of 3 px at least (presentation mode).
    void setProjectorStyle(bool on);
    // Presentation mode: each tab shows one chart at its full width, chosen with the buttons beside
    // the tabs; the sweep's controls hide.
    void setOneChartAtATime(bool on);
    bool oneChartAtATime() const;
    ChartPicker *timePicker() const { return m_timePicker; }

Q_SIGNALS:
    // The user asked to export a chart (its context menu): File › Export › Chart with it chosen.
    void exportRequested(conviz::gui::FigureKind kind);

private:
    QWidget *buildSweepControls();
    void syncSweepControls();
    void startSweep();
    // The throughput over time of the newest run shown: a preview if newer than m_snapshot.
    void drawThroughput();
    void drawSweep(); // m_sweep's charts, with the measured overlay if any
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
    CostPane *m_cost;
    QWidget *m_sweepControls = nullptr;
    LegendStrip *m_sweepLegend = nullptr;
    ChartPicker *m_timePicker = nullptr;
    ChartPicker *m_sweepPicker = nullptr;
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
    std::shared_ptr<const RunSnapshot> m_snapshot; // what the charts show, for a new overlay
    std::shared_ptr<const RunSnapshot> m_preview;  // the latest untraced run of a moving slider
    std::shared_ptr<const SweepSnapshot> m_sweep;
    std::shared_ptr<const LiveResult> m_live;
    Scenario m_measuredScenario;
};

} // namespace conviz::gui
