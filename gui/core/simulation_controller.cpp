#include "gui/core/simulation_controller.h"

#include "engine/scenario/scenario_file.h"
#include "gui/core/scenario_edit.h"

#include <QMetaObject>
#include <QThread>

namespace conviz::gui {

#define CONVIZ_OWNER_THREAD() Q_ASSERT(thread() == QThread::currentThread())

SimulationController::SimulationController(QObject *parent) : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(120);
    connect(&m_debounce, &QTimer::timeout, this, &SimulationController::launchRun);
    // One run and one sweep at a time; each parallelises inside the engine.
    m_pool.setMaxThreadCount(2);
    m_knobs = knobsFor(m_scenario);
}

SimulationController::~SimulationController()
{
    cancelRun();
    if (m_sweepCancel)
        m_sweepCancel->store(true);
    m_pool.waitForDone();
}

QString SimulationController::loadFile(const QString &path)
{
    CONVIZ_OWNER_THREAD();
    const auto r = conviz::scenario::loadFile(path.toStdString());
    if (!r.ok()) {
        QStringList lines;
        for (const auto &d : r.errors)
            lines << QString::fromStdString(d.format());
        return lines.isEmpty() ? QStringLiteral("cannot load %1").arg(path) : lines.join(QLatin1Char('\n'));
    }
    setScenario(*r.scenario, path);
    return {};
}

void SimulationController::setScenario(const Scenario &scenario, const QString &path)
{
    CONVIZ_OWNER_THREAD();
    m_path = path;
    m_baseline = scenario;
    m_sweep = conviz::scenario::defaultSweep(scenario);
    applyScenario(scenario);
    m_debounce.stop();
    launchRun();
}

QString SimulationController::saveAs(const QString &path)
{
    CONVIZ_OWNER_THREAD();
    if (auto error = conviz::scenario::saveFile(m_scenario, path.toStdString()))
        return QString::fromStdString(*error);
    m_path = path;
    m_baseline = m_scenario;
    m_wasModified = false;
    Q_EMIT modifiedChanged(false);
    return {};
}

QString SimulationController::setKnob(const QString &id, double value)
{
    CONVIZ_OWNER_THREAD();
    const Knob *knob = findKnob(m_knobs, id);
    if (!knob)
        return QStringLiteral("unknown parameter “%1”").arg(id);
    if (knob->get(m_scenario) == value)
        return {};
    return applyEdit(withKnob(m_scenario, *knob, value));
}

QString SimulationController::setThreadMode(ThreadMode mode)
{
    CONVIZ_OWNER_THREAD();
    if (m_scenario.threads.mode == mode)
        return {};
    Scenario s = m_scenario;
    s.threads.mode = mode;
    return applyEdit(revalidate(s));
}

QString SimulationController::applyEdit(Validated edited)
{
    if (!edited.scenario)
        return edited.error;
    applyScenario(std::move(*edited.scenario));
    cancelRun();
    m_debounce.start(); // a slider drag becomes one run, after it stops
    return {};
}

void SimulationController::resetToBaseline()
{
    CONVIZ_OWNER_THREAD();
    if (m_scenario == m_baseline)
        return;
    applyScenario(m_baseline);
    m_debounce.stop();
    launchRun();
}

QString SimulationController::setEdited(const Scenario &scenario)
{
    CONVIZ_OWNER_THREAD();
    Validated edited = revalidate(scenario);
    if (!edited.scenario)
        return edited.error;
    applyScenario(std::move(*edited.scenario));
    m_debounce.stop();
    launchRun();
    return {};
}

void SimulationController::applyScenario(Scenario s)
{
    const bool knobSetChanges = s.load.kind != m_scenario.load.kind || s.threads.mode != m_scenario.threads.mode ||
                                s.steps.size() != m_scenario.steps.size() || s.pools != m_scenario.pools ||
                                knobsFor(s).size() != m_knobs.size();
    m_scenario = std::move(s);
    if (knobSetChanges) {
        m_knobs = knobsFor(m_scenario);
        Q_EMIT knobsChanged();
    }
    Q_EMIT scenarioChanged();
    if (isModified() != m_wasModified) {
        m_wasModified = isModified();
        Q_EMIT modifiedChanged(m_wasModified);
    }
}

void SimulationController::cancelRun()
{
    if (m_runCancel)
        m_runCancel->store(true);
    m_runCancel.reset();
    if (m_sweepCancel) // a sweep of the old values is stale too
        stopSweep();
}

void SimulationController::launchRun()
{
    CONVIZ_OWNER_THREAD();
    cancelRun();
    const std::uint64_t id = ++m_runId;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_runCancel = cancel;
    ++m_running;
    Q_EMIT runStarted();
    // Inputs are copied into the job; the job touches nothing of the controller but the queued call.
    // The destructor waits for jobs, and a queued call dies with its target, so `this` stays valid.
    m_pool.start([this, id, cancel, scenario = m_scenario, options = m_options]() mutable {
        // Below the GUI thread: on a small machine the simulation must not starve the event loop.
        // (Threads the engine starts from here inherit the policy.)
        QThread::currentThread()->setPriority(QThread::IdlePriority);
        std::shared_ptr<const RunSnapshot> snapshot;
        QString error;
        try {
            options.cancel = cancel.get();
            snapshot = buildRunSnapshot(scenario, id, options);
        } catch (const std::exception &e) {
            error = QStringLiteral("the simulation failed: %1").arg(QString::fromLocal8Bit(e.what()));
        } catch (...) {
            error = QStringLiteral("the simulation failed");
        }
        QMetaObject::invokeMethod(
            this, [this, id, snapshot, error] { deliverRun(id, snapshot, error); }, Qt::QueuedConnection);
    });
}

void SimulationController::deliverRun(std::uint64_t id, std::shared_ptr<const RunSnapshot> snapshot,
                                      const QString &error)
{
    --m_running;
    if (id != m_runId)
        return; // stale: a newer edit is on its way
    m_runCancel.reset();
    if (!error.isEmpty() || !snapshot) {
        if (!error.isEmpty())
            Q_EMIT runFailed(error);
        return;
    }
    m_latest = snapshot;
    Q_EMIT resultAvailable(snapshot);
    if (m_autoSweep && !m_sweep.param.empty())
        startSweep(m_sweep);
}

void SimulationController::startSweep(const SweepSpec &spec)
{
    CONVIZ_OWNER_THREAD();
    if (m_sweepCancel)
        m_sweepCancel->store(true);
    m_sweep = spec;
    const std::uint64_t id = ++m_sweepId;
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    m_sweepCancel = cancel;
    Q_EMIT sweepStarted();
    m_pool.start([this, id, cancel, scenario = m_scenario, spec] {
        QThread::currentThread()->setPriority(QThread::IdlePriority);
        SweepRun run;
        try {
            run = runSweep(scenario, spec, cancel.get(), [this, id](double f) {
                QMetaObject::invokeMethod(
                    this,
                    [this, id, f] {
                        if (id == m_sweepId)
                            Q_EMIT sweepProgress(f);
                    },
                    Qt::QueuedConnection);
            });
        } catch (...) {
            run.error = QStringLiteral("the sweep failed");
        }
        if (run.snapshot)
            run.snapshot->id = id;
        QMetaObject::invokeMethod(
            this, [this, id, run] { deliverSweep(id, run.snapshot, run.error); }, Qt::QueuedConnection);
    });
}

void SimulationController::cancelSweep()
{
    CONVIZ_OWNER_THREAD();
    if (!m_sweepCancel)
        return;
    stopSweep();
    Q_EMIT sweepFailed(QStringLiteral("Sweep cancelled"));
}

void SimulationController::stopSweep()
{
    if (!m_sweepCancel)
        return;
    m_sweepCancel->store(true);
    m_sweepCancel.reset();
    ++m_sweepId; // whatever arrives now is stale
}

void SimulationController::deliverSweep(std::uint64_t id, std::shared_ptr<SweepSnapshot> snapshot, const QString &error)
{
    if (id != m_sweepId)
        return;
    m_sweepCancel.reset();
    if (!snapshot || snapshot->cancelled) {
        Q_EMIT sweepFailed(error.isEmpty() ? QStringLiteral("sweep cancelled") : error);
        return;
    }
    m_latestSweep = snapshot;
    Q_EMIT sweepAvailable(snapshot);
}

} // namespace conviz::gui
