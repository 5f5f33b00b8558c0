#include "gui/widgets/charts_pane.h"

#include "gui/charts/chart_widget.h"
#include "gui/core/chart_data.h"
#include "gui/core/measured_snapshot.h"
#include "gui/core/playback_state.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/chart_picker.h"
#include "gui/widgets/cost_pane.h"
#include "gui/widgets/legend_strip.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>

namespace conviz::gui {
namespace {

// The over-time charts' x unit per nanosecond: milliseconds for a run under 2 s, else seconds
// (chart_data.cpp's timeScale).
double xUnitsPerNanosecond(const RunSnapshot &s) { return s.seriesEnd.count() < 2'000'000'000 ? 1e-6 : 1e-9; }

const QString kSweepKey = QStringLiteral("Latency: solid p50, dashed p99 · Memory: solid resident, dashed reserved");

ChartData waiting(QString title, QString text)
{
    ChartData c;
    c.title = std::move(title);
    c.placeholder = std::move(text);
    return c;
}

} // namespace

ChartsPane::ChartsPane(SimulationController &controller, PlaybackState &playback, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_playback(playback)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs);

    auto makeChart = [this](QWidget *page) {
        auto *c = new ChartWidget(page);
        c->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(c, &QWidget::customContextMenuRequested, this,
                [this, c](const QPoint &pos) { contextMenuFor(c, pos); });
        return c;
    };
    auto *timePage = new QWidget(m_tabs);
    auto *timeLayout = new QVBoxLayout(timePage);
    timeLayout->setContentsMargins(2, 2, 2, 2);
    timeLayout->setSpacing(2);
    auto *timeRow = new QHBoxLayout;
    m_throughputTime = makeChart(timePage);
    m_queueTime = makeChart(timePage);
    timeRow->addWidget(m_throughputTime);
    timeRow->addWidget(m_queueTime);
    m_timePicker = new ChartPicker(
        {{QStringLiteral("Throughput"), m_throughputTime}, {QStringLiteral("Waiting tasks"), m_queueTime}}, timePage);
    timeLayout->addLayout(timeRow, 1);
    m_tabs->addTab(timePage, QStringLiteral("This run over time"));

    auto *sweepPage = new QWidget(m_tabs);
    auto *sweepLayout = new QVBoxLayout(sweepPage);
    sweepLayout->setContentsMargins(2, 2, 2, 2);
    sweepLayout->setSpacing(2);
    m_sweepControls = buildSweepControls();
    sweepLayout->addWidget(m_sweepControls);
    m_sweepLegend = new LegendStrip(kSweepKey, sweepPage);
    sweepLayout->addWidget(m_sweepLegend);
    auto *sweepRow = new QHBoxLayout;
    m_throughputSweep = makeChart(sweepPage);
    m_latencySweep = makeChart(sweepPage);
    m_memorySweep = makeChart(sweepPage);
    sweepRow->addWidget(m_throughputSweep);
    sweepRow->addWidget(m_latencySweep);
    sweepRow->addWidget(m_memorySweep);
    m_sweepPicker = new ChartPicker({{QStringLiteral("Throughput"), m_throughputSweep},
                                     {QStringLiteral("Latency"), m_latencySweep},
                                     {QStringLiteral("Memory"), m_memorySweep}},
                                    sweepPage);
    sweepLayout->addLayout(sweepRow, 1);
    m_tabs->addTab(sweepPage, QStringLiteral("Sweep"));

    // The pickers sit in the tab bar's corner: one chart at a time costs no height.
    auto *corner = new QWidget(m_tabs);
    auto *cornerRow = new QHBoxLayout(corner);
    cornerRow->setContentsMargins(0, 0, 0, 0);
    for (ChartPicker *p : {m_timePicker, m_sweepPicker}) {
        p->setParent(corner);
        cornerRow->addWidget(p);
    }
    m_tabs->setCornerWidget(corner, Qt::TopRightCorner);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        m_timePicker->setPageCurrent(tab == OverTimeTab);
        m_sweepPicker->setPageCurrent(tab == SweepTab);
    });
    m_sweepPicker->setPageCurrent(false);

    m_cost = new CostPane(m_tabs);
    m_tabs->addTab(m_cost, QStringLiteral("Cost"));
    connect(m_cost, &CostPane::exportRequested, this, [this] { Q_EMIT exportRequested(FigureKind::Cost); });

    m_throughputTime->setData(waiting(QStringLiteral("Throughput over time"), QString()));
    m_queueTime->setData(waiting(QStringLiteral("Tasks waiting for a CPU"), QString()));

    connect(&controller, &SimulationController::knobsChanged, this, &ChartsPane::syncSweepControls);
    connect(&controller, &SimulationController::sweepStarted, this, [this] {
        m_progress->setValue(0);
        m_progress->show();
        m_cancel->setEnabled(true);
        m_status->setText(QStringLiteral("Sweeping…"));
        syncSweepControls();
    });
    connect(&controller, &SimulationController::sweepProgress, this,
            [this](double f) { m_progress->setValue(static_cast<int>(f * 100)); });
    connect(&controller, &SimulationController::sweepAvailable, this, &ChartsPane::setSweep);
    connect(&controller, &SimulationController::sweepFailed, this, [this](const QString &message) {
        m_progress->hide();
        m_cancel->setEnabled(false);
        m_status->setText(message);
    });
    connect(&playback, &PlaybackState::timeChanged, this, &ChartsPane::updateMarker);
    syncSweepControls();
}

QWidget *ChartsPane::buildSweepControls()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(4, 2, 4, 2);
    m_knob = new QComboBox(bar);
    m_knob->setObjectName(QStringLiteral("SweepKnob"));
    m_knob->setToolTip(QStringLiteral("The parameter the sweep varies"));
    m_knob->setMinimumContentsLength(12);
    m_knob->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_from = new QDoubleSpinBox(bar);
    m_to = new QDoubleSpinBox(bar);
    for (QDoubleSpinBox *s : {m_from, m_to}) {
        s->setGroupSeparatorShown(true);
        s->setMinimumWidth(96);
    }
    m_steps = new QSpinBox(bar);
    m_steps->setRange(2, 40);
    m_steps->setSuffix(QStringLiteral(" points"));
    m_log = new QCheckBox(QStringLiteral("log spacing"), bar);
    m_run = new QPushButton(QStringLiteral("Run sweep"), bar);
    m_run->setToolTip(QStringLiteral("Run every point under the three models (metrics only), in the background"));
    m_cancel = new QPushButton(QStringLiteral("Cancel"), bar);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(bar);
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(140);
    m_progress->hide();
    m_status = new QLabel(bar);
    m_status->setStyleSheet(QStringLiteral("color: #666;"));
    // Where the row is short, the status gives way first: the parameter's name stays whole.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    row->addWidget(new QLabel(QStringLiteral("Vary"), bar));
    row->addWidget(m_knob);
    row->addWidget(new QLabel(QStringLiteral("from"), bar));
    row->addWidget(m_from);
    row->addWidget(new QLabel(QStringLiteral("to"), bar));
    row->addWidget(m_to);
    row->addWidget(m_steps);
    row->addWidget(m_log);
    row->addWidget(m_run);
    row->addWidget(m_cancel);
    row->addWidget(m_progress);
    row->addWidget(m_status, 1);
    connect(m_knob, &QComboBox::currentIndexChanged, this, [this] {
        const Knob *k = findKnob(m_controller.knobs(), m_knob->currentData().toString());
        if (!k)
            return;
        const double now = k->get(m_controller.scenario()) / k->displayDivisor;
        for (QDoubleSpinBox *s : {m_from, m_to}) {
            s->setDecimals(k->decimals);
            s->setSuffix(k->suffix);
            s->setRange(k->min / k->displayDivisor, k->max / k->displayDivisor);
        }
        m_from->setValue(std::max(now / 4, k->min / k->displayDivisor));
        m_to->setValue(std::min(now * 2, k->max / k->displayDivisor));
        m_log->setChecked(k->logScale);
    });
    connect(m_run, &QPushButton::clicked, this, &ChartsPane::startSweep);
    connect(m_cancel, &QPushButton::clicked, &m_controller, &SimulationController::cancelSweep);
    return bar;
}

void ChartsPane::syncSweepControls()
{
    const SweepSpec r = m_controller.currentSweep();
    const QString param = QString::fromStdString(r.param);
    const QSignalBlocker block(m_knob);
    m_knob->clear();
    for (const Knob &k : m_controller.knobs())
        m_knob->addItem(k.group + QStringLiteral(" › ") + k.label, k.id);
    const Knob *k = findKnob(m_controller.knobs(), param);
    m_knob->setCurrentIndex(std::max(0, m_knob->findData(param)));
    if (!k)
        return;
    for (QDoubleSpinBox *s : {m_from, m_to}) {
        s->setDecimals(k->decimals);
        s->setSuffix(k->suffix);
        s->setRange(k->min / k->displayDivisor, k->max / k->displayDivisor);
    }
    m_from->setValue(r.from / k->displayDivisor);
    m_to->setValue(r.to / k->displayDivisor);
    m_steps->setValue(r.steps);
    m_log->setChecked(r.log);
}

void ChartsPane::startSweep()
{
    const Knob *k = findKnob(m_controller.knobs(), m_knob->currentData().toString());
    if (!k)
        return;
    m_controller.startSweep({k->id.toStdString(), m_from->value() * k->displayDivisor,
                             m_to->value() * k->displayDivisor, m_steps->value(), m_log->isChecked()});
}

void ChartsPane::setSnapshot(const std::shared_ptr<const RunSnapshot> &snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = snapshot;
    m_cost->setSnapshot(snapshot);
    m_timeScale = xUnitsPerNanosecond(*snapshot);
    // Qt Charts takes ~10 ms per chart: one chart per event-loop turn keeps the GUI responsive.
    const std::uint64_t id = snapshot->id;
    m_pendingId = id;
    QTimer::singleShot(0, this, [this, id] {
        if (id == m_pendingId)
            drawThroughput();
    });
    QTimer::singleShot(0, this, [this, id, data = runQueueOverTimeChart(*snapshot)] {
        if (id != m_pendingId)
            return;
        m_queueTime->setData(data);
        m_queueTime->setStale(false);
        m_lastMarker = -1;
        updateMarker();
    });
}

void ChartsPane::setPreview(const std::shared_ptr<const RunSnapshot> &snapshot)
{
    if (!snapshot)
        return;
    m_preview = snapshot;
    m_cost->setSnapshot(snapshot);
    drawThroughput();
    m_queueTime->setStale(true); // drawn from traces: the traced run brings its own
}

void ChartsPane::drawThroughput()
{
    // A preview of a newer value than the traced run shown has the newer throughput; a redraw of
    // the traced run (a new overlay) must not put the older one back.
    const RunSnapshot &from = m_preview && (!m_snapshot || m_preview->id > m_snapshot->id) ? *m_preview : *m_snapshot;
    ChartData throughput = throughputOverTimeChart(from);
    if (m_live)
        overlayMeasured(throughput, OverlayChart::ThroughputOverTime, *m_live, 0, xUnitsPerNanosecond(from) * 1e9);
    m_throughputTime->setData(throughput);
}

void ChartsPane::setSweep(const std::shared_ptr<const SweepSnapshot> &sweep)
{
    m_progress->hide();
    m_cancel->setEnabled(false);
    if (!sweep)
        return;
    m_sweep = sweep;
    m_status->setText(QStringLiteral("%1 points × 3 models").arg(sweep->points.size()));
    drawSweep();
}

void ChartsPane::drawSweep()
{
    const std::shared_ptr<const SweepSnapshot> sweep = m_sweep;
    std::array<ChartData, 3> charts{throughputSweepChart(*sweep), latencySweepChart(*sweep), memorySweepChart(*sweep)};
    const Knob *knob = findKnob(m_controller.knobs(), QString::fromStdString(sweep->spec.param));
    if (m_live && knob) {
        const double x = knob->displayValue(m_measuredScenario);
        overlayMeasured(charts[0], OverlayChart::ThroughputSweep, *m_live, x);
        overlayMeasured(charts[1], OverlayChart::LatencySweep, *m_live, x);
        overlayMeasured(charts[2], OverlayChart::MemorySweep, *m_live, x);
    }
    QTimer::singleShot(0, this, [this, data = std::move(charts[0])] { m_throughputSweep->setData(data); });
    QTimer::singleShot(0, this, [this, data = std::move(charts[1])] { m_latencySweep->setData(data); });
    QTimer::singleShot(0, this, [this, data = std::move(charts[2])] { m_memorySweep->setData(data); });
}

void ChartsPane::setMeasured(std::shared_ptr<const LiveResult> live, const Scenario &measured)
{
    if (live == m_live)
        return;
    m_live = std::move(live);
    m_measuredScenario = measured;
    // Which measured marker is which source, said once for the three sweep charts.
    const QString shapes = m_live ? measuredShapesNote(*m_live) : QString();
    // The line styles' key in fewer words then, so that the shapes fit beside it at 1280×720.
    m_sweepLegend->setLineKey(
        shapes.isEmpty() ? kSweepKey : QStringLiteral("solid p50, resident · dashed p99, reserved · ") + shapes);
    if (m_snapshot)
        setSnapshot(m_snapshot);
    if (m_sweep)
        drawSweep();
}

void ChartsPane::setProjectorStyle(bool on)
{
    for (ChartWidget *c : {m_throughputTime, m_queueTime, m_throughputSweep, m_latencySweep, m_memorySweep})
        c->setProjectorStyle(on);
}

void ChartsPane::setTextScale(double scale)
{
    for (ChartWidget *c : {m_throughputTime, m_queueTime, m_throughputSweep, m_latencySweep, m_memorySweep})
        c->setTextScale(scale);
    m_cost->setTextScale(scale);
}

void ChartsPane::setOneChartAtATime(bool on)
{
    m_timePicker->setOneAtATime(on);
    m_sweepPicker->setOneAtATime(on);
    // The room reads the chart; the sweep runs by itself when the scenario changes (and the full
    // controls come back with the normal layout).
    m_sweepControls->setVisible(!on);
}

bool ChartsPane::oneChartAtATime() const { return m_timePicker->oneAtATime(); }

void ChartsPane::updateMarker()
{
    // The playback instant on the over-time charts, at most a few times per second of movement.
    const qint64 t = m_playback.time();
    const qint64 px =
        static_cast<qint64>(static_cast<double>(t) / std::max(static_cast<double>(m_playback.duration()), 1.0) * 400);
    if (px == m_lastMarker)
        return;
    m_lastMarker = px;
    const double x = static_cast<double>(t) * m_timeScale;
    m_throughputTime->setMarkerX(x);
    m_queueTime->setMarkerX(x);
}

void ChartsPane::contextMenuFor(ChartWidget *chart, const QPoint &pos)
{
    const std::pair<ChartWidget *, FigureKind> kinds[] = {{m_throughputTime, FigureKind::Timeline},
                                                          {m_queueTime, FigureKind::Queue},
                                                          {m_throughputSweep, FigureKind::Throughput},
                                                          {m_latencySweep, FigureKind::Latency},
                                                          {m_memorySweep, FigureKind::Memory}};
    for (const auto &[widget, kind] : kinds) {
        if (widget != chart)
            continue;
        QMenu menu(this);
        QAction *exportChart = menu.addAction(QStringLiteral("Export this chart…"));
        exportChart->setToolTip(QStringLiteral("PNG (1×, 2×, 3×), SVG or PDF, as a blog or slide figure"));
        if (menu.exec(chart->mapToGlobal(pos)) == exportChart)
            Q_EMIT exportRequested(kind);
    }
}

} // namespace conviz::gui
