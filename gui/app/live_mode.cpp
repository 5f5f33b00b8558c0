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
#include <QEvent>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSignalBlocker>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

namespace conviz::gui {
namespace {

const QString kRuntimesKey = QStringLiteral("live/runtimes"); // QSettings: ["cpp", "go", "node"]

std::size_t at(MeasuredSource s) { return static_cast<std::size_t>(s); }

// "real Go, then Node.js": the runners of a run, in the order conviz-cli runs them.
QString runnersText(const LiveMode::Runtimes &r)
{
    QStringList names;
    for (const MeasuredSource s : {MeasuredSource::Go, MeasuredSource::Node})
        if (r[at(s)])
            names << sourceTitle(s);
    return QStringLiteral("real %1").arg(names.join(QStringLiteral(", then ")));
}

} // namespace

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
    m_run->setToolTip(QStringLiteral("Run this scenario for real on this machine in a conviz-cli process, on the "
                                     "runtimes the Live menu checks (conviz's C++ executors: Boost.Fiber, "
                                     "Boost.Asio, std::thread; real Go; real Node.js), and measure it (Ctrl+R)"));
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
    m_toolBar->installEventFilter(this); // its size follows the bar's content (eventFilter)

    // The Live menu, before Help: run, cancel, and the three sources as a choice.
    auto *menu = new QMenu(QStringLiteral("&Live"), &window);
    menu->addAction(m_run);
    menu->addAction(cancelRun);
    // The runtimes a run uses, checkable and remembered; one whose program is missing is disabled
    // with what to install in its tooltip (rechecked each time the menu opens).
    menu->addSection(QStringLiteral("Run on"));
    menu->setToolTipsVisible(true);
    const std::pair<MeasuredSource, QString> runtimes[] = {
        {MeasuredSource::Cpp, QStringLiteral("conviz's &C++ executors")},
        {MeasuredSource::Go, QStringLiteral("real &Go (go)")},
        {MeasuredSource::Node, QStringLiteral("real &Node.js (node)")}};
    for (const auto &[source, text] : runtimes) {
        QAction *a = menu->addAction(text);
        a->setObjectName(QStringLiteral("LiveRuntime_%1").arg(QString::fromLatin1(sourceKey(source))));
        a->setCheckable(true);
        m_runtimeActions[at(source)] = a;
        connect(a, &QAction::toggled, this, [this, a](bool on) {
            if (!on && std::none_of(m_runtimeActions.begin(), m_runtimeActions.end(),
                                    [](QAction *r) { return r->isChecked(); })) {
                const QSignalBlocker block(a); // a run needs a runtime: the last one stays
                a->setChecked(true);
            }
            saveRuntimes();
        });
    }
    connect(menu, &QMenu::aboutToShow, this, &LiveMode::refreshRuntimes);
    {
        const QSettings settings;
        const QStringList saved = settings.value(kRuntimesKey).toStringList();
        for (const MeasuredSource s : kAllSources) {
            const QSignalBlocker block(m_runtimeActions[at(s)]);
            // Unsaved: conviz's C++ executors, and each real runtime that is installed.
            m_runtimeActions[at(s)]->setChecked(settings.contains(kRuntimesKey)
                                                    ? saved.contains(QString::fromLatin1(sourceKey(s)))
                                                    : LiveProcess::missingRuntime(s).isEmpty());
        }
    }
    refreshRuntimes();
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
    connect(m_bar, &LiveBar::driversChosen, this, &LiveMode::setDrivers);
    connect(m_process, &LiveProcess::started, this, [this, cancelRun] {
        m_run->setEnabled(false);
        cancelRun->setEnabled(true);
        if (m_running[at(MeasuredSource::Cpp)])
            m_bar->showProgress(0, QStringLiteral("starting conviz-cli…"));
        else
            showRunnersRunning(); // the runners write no progress lines
        m_layout.status()->setText(QStringLiteral("Running the scenario live in conviz-cli…"));
    });
    connect(m_process, &LiveProcess::progress, this, [this](const LiveProgress &p) {
        // conviz-cli's progress lines count the C++ executors' models; the runners after them, which
        // write none, count as one step each.
        const int runners =
            static_cast<int>(m_running[at(MeasuredSource::Go)]) + static_cast<int>(m_running[at(MeasuredSource::Node)]);
        if (runners > 0 && p.index + 1 == p.models && p.total > 0 && p.ended >= p.total) {
            showRunnersRunning();
            return;
        }
        const QString model = modelStyle(p.model).shortTitle;
        const QString text =
            p.total > 0 ? QStringLiteral("%1: %2 of %3 requests").arg(model, formatCount(p.ended), formatCount(p.total))
                        : QStringLiteral("%1: starting").arg(model);
        const int steps = p.models + runners;
        m_bar->showProgress(p.fraction() * p.models / steps,
                            steps > 1 ? QStringLiteral("%1 (run %2 of %3)").arg(text).arg(p.index + 1).arg(steps)
                                      : text);
    });
    connect(m_process, &LiveProcess::message, this, [this](const QString &line) {
        if (line.contains(QStringLiteral("building the Go runner")))
            m_bar->showProgress(-1, QStringLiteral("building the Go runner (once)…"));
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

bool LiveMode::eventFilter(QObject *watched, QEvent *event)
{
    // The menu bar sizes its corner widget only when it is set, shown or hidden: when the bar's
    // content changes (a source chooser, the progress), it is set again, or the toolbar would hide
    // the bar for want of room.
    if (watched == m_toolBar && event->type() == QEvent::LayoutRequest && !m_relayoutPending) {
        m_relayoutPending = true;
        QTimer::singleShot(0, this, [this] {
            m_relayoutPending = false;
            if (m_window.menuBar()->cornerWidget(Qt::TopRightCorner) == m_toolBar &&
                m_toolBar->size() != m_toolBar->sizeHint())
                m_window.menuBar()->setCornerWidget(m_toolBar, Qt::TopRightCorner);
        });
    }
    return QObject::eventFilter(watched, event);
}

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
    m_running = runnableRuntimes();
    QStringList names;
    for (const MeasuredSource s : kAllSources)
        if (m_running[at(s)])
            names << QString::fromLatin1(sourceKey(s));
    m_process->start(m_controller.scenario(),
                     QStringList{QStringLiteral("--runtime"), names.join(QLatin1Char(','))} + extraArgs);
}

void LiveMode::showRunnersRunning()
{
    m_bar->showProgress(-1, QStringLiteral("%1: running (no progress reported)").arg(runnersText(m_running)));
}

void LiveMode::setRuntimes(const Runtimes &runtimes)
{
    for (const MeasuredSource s : kAllSources) {
        const QSignalBlocker block(m_runtimeActions[at(s)]);
        m_runtimeActions[at(s)]->setChecked(runtimes[at(s)]);
    }
    if (std::none_of(runtimes.begin(), runtimes.end(), [](bool on) { return on; }))
        m_runtimeActions[at(MeasuredSource::Cpp)]->setChecked(true);
    saveRuntimes();
}

LiveMode::Runtimes LiveMode::runtimes() const
{
    Runtimes out{};
    for (const MeasuredSource s : kAllSources)
        out[at(s)] = m_runtimeActions[at(s)]->isChecked();
    return out;
}

LiveMode::Runtimes LiveMode::runnableRuntimes() const
{
    Runtimes out = runtimes();
    for (const MeasuredSource s : kAllSources)
        out[at(s)] = out[at(s)] && LiveProcess::missingRuntime(s).isEmpty();
    if (std::none_of(out.begin(), out.end(), [](bool on) { return on; }))
        out[at(MeasuredSource::Cpp)] = true; // nothing checked is installed: conviz's own executors
    return out;
}

void LiveMode::refreshRuntimes()
{
    for (const MeasuredSource s : kAllSources) {
        QAction *a = m_runtimeActions[at(s)];
        const QString missing = LiveProcess::missingRuntime(s);
        a->setEnabled(missing.isEmpty());
        a->setToolTip(!missing.isEmpty() ? missing
                      : s == MeasuredSource::Cpp
                          ? QStringLiteral("Run every model with conviz's C++ executors "
                                           "(Boost.Fiber, Boost.Asio, std::thread), with a trace")
                      : s == MeasuredSource::Go ? QStringLiteral("Also run the fibers model with the real Go runtime "
                                                                 "(goroutines; its figures, no trace)")
                                                : QStringLiteral("Also run the event-loop model with real Node.js "
                                                                 "(async functions; its figures, no trace)"));
    }
}

void LiveMode::saveRuntimes() const
{
    QStringList keys;
    for (const MeasuredSource s : kAllSources)
        if (m_runtimeActions[at(s)]->isChecked())
            keys << QString::fromLatin1(sourceKey(s));
    QSettings().setValue(kRuntimesKey, keys);
}

void LiveMode::setDrivers(const SourceChoice &choice)
{
    m_bar->setDrivers(choice);
    if (choice == m_choice)
        return;
    m_choice = choice;
    m_measuredView.reset();
    present();
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
    const int measured = m_result->measuredCount();
    m_layout.status()->setText(
        warning.isEmpty() ? QStringLiteral("Live run finished: %1 measurement%2 on this machine")
                                .arg(measured)
                                .arg(measured == 1 ? QString() : QStringLiteral("s"))
                          : QStringLiteral("Live run stopped early: %1").arg(warning.section(QLatin1Char('\n'), 0, 0)));
    if (!m_result->runnerErrors.isEmpty()) // a runner that could not run: its own words
        m_layout.status()->setText(m_layout.status()->text() + QStringLiteral(" · ") +
                                   m_result->runnerErrors.join(QStringLiteral(" · ")));
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
    // A drag's preview of the first requests only is no run to set beside a measured one: the
    // columns go back to what was presented (the window gave them the preview).
    if (snapshot->prefix.partial()) {
        if (m_result && m_source != ResultSource::Simulated)
            present();
        return;
    }
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
    m_bar->setDrivers(m_choice);
    const auto both = [this](ModelKind m, MeasuredSource real) {
        return m_result && m_result->measuredOf(m, MeasuredSource::Cpp) && m_result->measuredOf(m, real);
    };
    m_bar->setSourceChoices(both(ModelKind::Fibers, MeasuredSource::Go),
                            both(ModelKind::EventLoop, MeasuredSource::Node), m_source == ResultSource::Measured);
    showStatus();
    // Measured: each model's driving measurement on the charts; Both: every source's.
    std::shared_ptr<const LiveResult> charted = m_source == ResultSource::Simulated || m_stale ? nullptr : m_result;
    if (charted && m_source == ResultSource::Measured)
        charted = std::make_shared<const LiveResult>(drivingOnly(*m_result, m_choice));
    m_layout.charts()->setMeasured(charted, m_measuredScenario);
    if (m_simulated) {
        std::shared_ptr<const RunSnapshot> shown = m_simulated;
        if (m_result && m_source == ResultSource::Measured) {
            if (!m_measuredView) { // built once per measurement and staleness: its trace index is the cost
                auto base = std::make_shared<RunSnapshot>();
                base->id = m_simulated->id;
                base->scenario = m_measuredScenario;
                m_measuredView = measuredSnapshot(*base, *m_result, m_stale, m_choice);
            }
            shown = m_measuredView;
        } else if (m_result) {
            shown = presentedSnapshot(m_simulated, m_result.get(), m_source, m_stale, m_choice);
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
