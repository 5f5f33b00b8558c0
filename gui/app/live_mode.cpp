#include "gui/app/live_mode.h"

#include "engine/scenario/scenario_file.h"
#include "gui/app/window_layout.h"
#include "gui/core/format.h"
#include "gui/core/live_process.h"
#include "gui/core/model_palette.h"
#include "gui/core/playback_state.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/live_bar.h"
#include "gui/widgets/model_column.h"

#include <QAction>
#include <QActionGroup>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QToolBar>

namespace conviz::gui {

LiveMode::LiveMode(QMainWindow &window, SimulationController &controller, PlaybackState &playback, WindowLayout &layout)
    : QObject(&window),
      m_window(window),
      m_controller(controller),
      m_playback(playback),
      m_layout(layout),
      m_process(new LiveProcess(this))
{
    m_prompt = [this](const QString &title, const QString &message) {
        QMessageBox::warning(&m_window, title, message);
    };
    m_run = new QAction(QStringLiteral("Run &live"), &window);
    m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_run->setToolTip(QStringLiteral("Run this scenario for real on this machine (Boost.Fiber, Boost.Asio, "
                                     "std::thread) in a conviz-cli process, and measure it (Ctrl+R)"));
    window.addAction(m_run); // the shortcut works with the menu bar hidden (presentation mode)
    connect(m_run, &QAction::triggered, this, [this] { run(); });
    QAction *cancelRun = new QAction(QStringLiteral("&Cancel the live run"), &window);
    connect(cancelRun, &QAction::triggered, this, &LiveMode::cancel);

    m_bar = new LiveBar(&window);
    m_toolBar = new QToolBar(QStringLiteral("Live"), &window);
    m_toolBar->setObjectName(QStringLiteral("LiveToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_run);
    m_toolBar->addWidget(m_bar);
    // In the menu bar's row, which has the room: a toolbar row of its own would take height the
    // model columns need on a 1280×720 screen.
    m_toolBar->setStyleSheet(QStringLiteral("QToolBar { border: none; padding: 0; spacing: 2px; }"));
    window.menuBar()->setCornerWidget(m_toolBar, Qt::TopRightCorner);

    // The Live menu, before Help: run, cancel, and the three sources as a choice.
    auto *menu = new QMenu(QStringLiteral("&Live"), &window);
    menu->addAction(m_run);
    menu->addAction(cancelRun);
    menu->addSeparator();
    auto *sources = new QActionGroup(menu);
    const std::pair<ResultSource, QString> choices[] = {{ResultSource::Simulated, QStringLiteral("Show &simulated")},
                                                        {ResultSource::Measured, QStringLiteral("Show &measured")},
                                                        {ResultSource::Both, QStringLiteral("Show &both")}};
    for (const auto &[source, text] : choices) {
        QAction *a = menu->addAction(text);
        a->setCheckable(true);
        a->setChecked(source == ResultSource::Simulated);
        sources->addAction(a);
        connect(a, &QAction::triggered, this, [this, source] { setSource(source); });
        connect(this, &LiveMode::presented, a, [this, a, source] {
            a->setChecked(m_source == source);
            a->setEnabled(source == ResultSource::Simulated || m_result);
        });
        a->setEnabled(source == ResultSource::Simulated);
    }
    const QList<QAction *> tops = window.menuBar()->actions();
    window.menuBar()->insertMenu(tops.isEmpty() ? nullptr : tops.back(), menu); // Help stays last

    connect(m_bar, &LiveBar::sourceChosen, this, &LiveMode::setSource);
    connect(m_bar, &LiveBar::cancelRequested, this, &LiveMode::cancel);
    connect(m_process, &LiveProcess::started, this, [this, cancelRun] {
        m_run->setEnabled(false);
        cancelRun->setEnabled(true);
        m_bar->showProgress(0, QStringLiteral("starting conviz-cli…"));
        m_layout.status()->setText(QStringLiteral("Running the scenario live in conviz-cli…"));
    });
    connect(m_process, &LiveProcess::progress, this, [this](const LiveProgress &p) {
        const QString model = modelStyle(p.model).shortTitle;
        const QString text =
            p.total > 0 ? QStringLiteral("%1: %2 of %3 requests").arg(model, formatCount(p.ended), formatCount(p.total))
                        : QStringLiteral("%1: starting").arg(model);
        m_bar->showProgress(
            p.fraction(),
            p.models > 1 ? QStringLiteral("%1 (model %2 of %3)").arg(text).arg(p.index + 1).arg(p.models) : text);
    });
    const auto idle = [this, cancelRun] {
        m_run->setEnabled(true);
        cancelRun->setEnabled(false);
        m_bar->hideProgress();
    };
    connect(m_process, &LiveProcess::finished, this, idle);
    connect(m_process, &LiveProcess::failed, this, idle);
    connect(m_process, &LiveProcess::cancelled, this, idle);
    connect(m_process, &LiveProcess::finished, this, &LiveMode::onFinished);
    connect(m_process, &LiveProcess::failed, this, &LiveMode::onFailed);
    connect(m_process, &LiveProcess::cancelled, this,
            [this] { m_layout.status()->setText(QStringLiteral("Live run cancelled")); });
    cancelRun->setEnabled(false);

    // After the window's own connections: the columns have the simulation, then this presents it.
    connect(&controller, &SimulationController::resultAvailable, this,
            [this](const std::shared_ptr<const RunSnapshot> &s) { onSimulated(s, false); });
    connect(&controller, &SimulationController::previewAvailable, this,
            [this](const std::shared_ptr<const RunSnapshot> &s) { onSimulated(s, true); });
    connect(&controller, &SimulationController::scenarioChanged, this, &LiveMode::onScenarioChanged);
}

LiveMode::~LiveMode() = default;

void LiveMode::setErrorPrompt(std::function<void(const QString &, const QString &)> prompt)
{
    m_prompt = std::move(prompt);
}

void LiveMode::run(const QStringList &extraArgs)
{
    if (m_process->isRunning())
        return;
    m_runningToml = scenario::toToml(m_controller.scenario());
    m_runningScenario = m_controller.scenario();
    m_process->start(m_controller.scenario(), extraArgs);
}

void LiveMode::cancel() { m_process->cancel(); }

void LiveMode::onFinished(std::shared_ptr<const LiveResult> result, const QString &warning)
{
    m_result = std::move(result);
    m_measuredToml = m_runningToml;
    m_measuredScenario = m_runningScenario;
    m_measuredView.reset();
    m_stale = scenario::toToml(m_controller.scenario()) != m_measuredToml;
    m_bar->setMeasurementAvailable(true);
    int measured = 0;
    for (const auto &m : m_result->measured)
        measured += m ? 1 : 0;
    m_layout.status()->setText(warning.isEmpty()
                                   ? QStringLiteral("Live run finished: %1 model%2 measured on this machine")
                                         .arg(measured)
                                         .arg(measured == 1 ? QString() : QStringLiteral("s"))
                                   : QStringLiteral("Live run stopped early: %1").arg(warning));
    // A first measurement is shown beside the simulation; a chosen view stays.
    if (m_source == ResultSource::Simulated)
        m_source = ResultSource::Both;
    present();
}

void LiveMode::onFailed(const QString &title, const QString &message)
{
    m_layout.status()->setText(QStringLiteral("%1: %2").arg(title, message.section(QLatin1Char('\n'), 0, 0)));
    if (m_prompt)
        m_prompt(title, message);
}

void LiveMode::onScenarioChanged()
{
    if (!m_result)
        return;
    const bool stale = scenario::toToml(m_controller.scenario()) != m_measuredToml;
    if (stale == m_stale)
        return;
    m_stale = stale;
    m_measuredView.reset();
    present();
}

void LiveMode::onSimulated(const std::shared_ptr<const RunSnapshot> &snapshot, bool preview)
{
    m_simulated = snapshot;
    m_previewShown = preview;
    if (m_result && m_source != ResultSource::Simulated)
        present();
}

void LiveMode::setSource(ResultSource source)
{
    if (source != ResultSource::Simulated && !m_result)
        source = ResultSource::Simulated; // nothing measured yet
    if (source == m_source) {
        m_bar->setSource(source);
        return;
    }
    m_source = source;
    present();
}

void LiveMode::present()
{
    m_bar->setSource(m_source);
    showStatus();
    m_layout.charts()->setMeasured(m_source != ResultSource::Simulated && !m_stale ? m_result : nullptr,
                                   m_measuredScenario);
    if (m_simulated) {
        std::shared_ptr<const RunSnapshot> shown = m_simulated;
        if (m_result && m_source == ResultSource::Measured) {
            if (!m_measuredView) { // built once per measurement and staleness: its trace index is the cost
                auto base = std::make_shared<RunSnapshot>();
                base->id = m_simulated->id;
                base->scenario = m_measuredScenario;
                m_measuredView = measuredSnapshot(*base, *m_result, m_stale);
            }
            shown = m_measuredView;
        } else if (m_result) {
            shown = presentedSnapshot(m_simulated, m_result.get(), m_source, m_stale);
        }
        for (ModelColumn *c : m_layout.columns()) {
            c->setSnapshot(shown);
            if (m_previewShown && shown != m_measuredView)
                c->setStale(true); // the traced run of the edit is still coming
        }
        m_playback.setDuration(shown->end.count());
    }
    Q_EMIT presented();
}

void LiveMode::showStatus()
{
    if (!m_result) {
        m_bar->setStatus(QString(), false);
        return;
    }
    if (m_stale) {
        m_bar->setStatus(QStringLiteral("Measured before your edit: run live again"), true);
        return;
    }
    const MachineDescription &mc = m_result->machine;
    m_bar->setStatus(QStringLiteral("Measured here: %1 CPUs, load %2")
                         .arg(mc.cpus)
                         .arg(mc.loadAverage.section(QLatin1Char(' '), 0, 0)),
                     false);
    m_bar->setToolTip(QStringLiteral("Measured on %1 (%2 hardware threads, Linux %3), load average %4")
                          .arg(mc.modelName, QString::number(mc.cpus), mc.kernel, mc.loadAverage));
}

} // namespace conviz::gui
