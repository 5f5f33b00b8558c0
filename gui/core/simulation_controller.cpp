#include "gui/core/simulation_controller.h"

#include "engine/scenario/scenario_file.h"
#include "engine/simulate.h"
#include "gui/core/scenario_edit.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QThread>

#include <algorithm>

namespace conviz::gui {

#define CONVIZ_OWNER_THREAD() Q_ASSERT(thread() == QThread::currentThread())

namespace {

// The wait after the last knob edit before the traced run (see setDebounceMs).
constexpr int kTracedRunQuietMs = 0;

bool sameKnobs(const std::vector<QString> &ids, const std::vector<Knob> &knobs)
{
    return std::equal(ids.begin(), ids.end(), knobs.begin(), knobs.end(),
                      [](const QString &id, const Knob &k) { return id == k.id; });
}

// The untraced run of `whole`'s first `requests` requests (all of them, or a drag's prefix): its
// metrics, costs and throughput over time, over a copy of `traced` (the latest traced result, of an
// older value; may be null) whose traces, other series and narration stay as they were. Null if
// cancelled.
std::shared_ptr<const RunSnapshot> buildPreview(const Scenario &whole, std::int64_t requests, std::uint64_t id,
                                                const std::shared_ptr<const RunSnapshot> &traced,
                                                const SnapshotOptions &options)
{
    const std::atomic<bool> *cancel = options.cancel;
    QElapsedTimer clock;
    clock.start();
    Scenario scenario = whole;
    scenario.load.requests = requests;
    RunOptions run;
    run.control.cancel = cancel;
    run.completions = true;                             // the throughput chart's data, without a trace
    std::array<ModelResult, kAllModels.size()> results; // kAllModels order
    // A thread per model, even on fewer cores: shared by the OS, the three end together, where two
    // threads leave one core idle while the last model runs alone (fanout-500 on two cores: 80 ms
    // against 89–96 ms, docs/performance.md).
    simulateAll(scenario, modelsIn(options.order), run, static_cast<unsigned>(kAllModels.size()),
                [&](std::size_t k, ModelResult &result) { results[options.order[k]] = std::move(result); });
    if (cancel && cancel->load())
        return nullptr;
    auto snap = traced ? std::make_shared<RunSnapshot>(*traced) : std::make_shared<RunSnapshot>();
    snap->id = id;
    snap->scenario = whole;
    snap->prefix = {requests, whole.load.requests};
    snap->seriesEnd = Nanos::zero();
    for (const ModelResult &r : results)
        if (!r.completions.empty())
            snap->seriesEnd = max(snap->seriesEnd, r.completions.back());
    std::vector<ModelMetrics> metrics;
    for (std::size_t i = 0; i < results.size(); ++i) {
        snap->models[i].model = kAllModels[i];
        snap->models[i].metrics = results[i].metrics;
        snap->models[i].throughputOverTime =
            throughputSeries(results[i].completions, snap->seriesEnd, options.seriesPoints);
        metrics.push_back(results[i].metrics);
    }
    snap->costs = estimateCosts(scenario, metrics, options.costPaths.get());
    snap->computeMillis = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return snap;
}

} // namespace

SimulationController::SimulationController(QObject *parent) : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kTracedRunQuietMs);
    connect(&m_debounce, &QTimer::timeout, this, &SimulationController::schedule);
    // One run and one sweep at a time; each parallelises inside the engine.
    m_pool.setMaxThreadCount(2);
    // A drag of the load or the machine leaves the requests as they were: their critical paths
    // need not be drawn again for each value.
    m_options.costPaths = std::make_shared<CriticalPathMemo>();
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
    m_dragging = false;
    m_previewCost = {}; // another scenario: its own time per request
    applyScenario(scenario);
    newGeneration(false);
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

QString SimulationController::setChoice(const QString &key, const QString &name)
{
    CONVIZ_OWNER_THREAD();
    Scenario s = m_scenario;
    if (!conviz::scenario::setChoiceValue(key.toStdString(), s, name.toStdString()))
        return QStringLiteral("“%1” is not a choice of %2").arg(name, key);
    if (s == m_scenario)
        return {};
    return applyEdit(revalidate(s));
}

QString SimulationController::applyEdit(Validated edited)
{
    if (!edited.scenario)
        return edited.error;
    applyScenario(std::move(*edited.scenario));
    newGeneration(true); // a slider drag previews every value it can, then traces the last
    return {};
}

void SimulationController::resetToBaseline()
{
    CONVIZ_OWNER_THREAD();
    if (m_scenario == m_baseline)
        return;
    applyScenario(m_baseline);
    newGeneration(false);
}

QString SimulationController::setEdited(const Scenario &scenario)
{
    CONVIZ_OWNER_THREAD();
    Validated edited = revalidate(scenario);
    if (!edited.scenario)
        return edited.error;
    applyScenario(std::move(*edited.scenario));
    newGeneration(false); // a whole scenario at once (restored edits): traced straight away
    return {};
}

void SimulationController::applyScenario(Scenario s)
{
    const bool knobSetChanges = s.load.kind != m_scenario.load.kind || s.threads.mode != m_scenario.threads.mode ||
                                s.steps.size() != m_scenario.steps.size() || s.pools != m_scenario.pools ||
                                !sameKnobs(knobIdsFor(s), m_knobs);
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
    if (m_job)
        m_job->cancel->store(true);
    if (m_sweepCancel) // a sweep of the old values is stale too
        stopSweep();
}

void SimulationController::newGeneration(bool preview)
{
    const bool wasStopped = isStopped();
    ++m_generation;
    if (wasStopped)
        Q_EMIT runResumed();
    m_previewWanted = preview && m_latest; // a preview borrows the latest traces
    if (m_sweepCancel)
        stopSweep();
    // A traced job of an older value is dropped; an untraced one ends soon and is the freshest
    // result to be had, so it runs on unless the scenario was replaced.
    if (m_job && (m_job->traced || !preview))
        m_job->cancel->store(true);
    if (preview)
        m_debounce.start();
    else
        m_debounce.stop();
    schedule();
}

void SimulationController::stopRun()
{
    CONVIZ_OWNER_THREAD();
    if (!m_job && m_traced >= m_generation)
        return; // nothing of the current values runs or waits
    m_debounce.stop();
    m_previewWanted = false;
    m_previewed = m_traced = m_generation; // as if started: schedule() starts nothing of these values
    m_stopped = m_generation;
    if (m_job)
        m_job->cancel->store(true);
    Q_EMIT runStopped();
}

void SimulationController::runAgain()
{
    CONVIZ_OWNER_THREAD();
    newGeneration(false);
}

void SimulationController::dragStarted()
{
    CONVIZ_OWNER_THREAD();
    m_dragging = true;
}

void SimulationController::editFinished()
{
    CONVIZ_OWNER_THREAD();
    m_dragging = false;
    if (m_previewed < m_generation)
        m_previewWanted = false;
    if (m_job && !m_job->traced && m_job->generation < m_generation)
        m_job->cancel->store(true);
    m_debounce.stop();
    schedule();
}

void SimulationController::schedule()
{
    if (m_job)
        return; // deliverRun schedules again
    if (m_previewWanted && m_previewed < m_generation)
        launchJob(false);
    else if (m_traced < m_generation && !m_debounce.isActive())
        launchJob(true);
}

void SimulationController::launchJob(bool traced)
{
    CONVIZ_OWNER_THREAD();
    // Only a drag's preview may be cut short: a click or a typed value waits for nothing else.
    const std::int64_t requests = !traced && m_dragging ? previewRequests(m_scenario, m_previewCost, m_previewBudgetMs)
                                                        : m_scenario.load.requests;
    const Job job{m_generation, traced, requests, std::make_shared<std::atomic<bool>>(false)};
    (traced ? m_traced : m_previewed) = m_generation;
    m_job = job;
    ++m_running;
    if (m_announced < m_generation) {
        m_announced = m_generation;
        Q_EMIT runStarted();
    }
    // Inputs are copied into the job; the job touches nothing of the controller but the queued call.
    // The destructor waits for jobs, and a queued call dies with its target, so `this` stays valid.
    // The traced run's progress, passed on to this thread as the sweep's is: buildRunSnapshot makes
    // a few hundred reports at most, one at a time and each above the last, so they arrive in order.
    SnapshotOptions options = m_options;
    if (traced)
        options.progress = [this, job](double f) {
            QMetaObject::invokeMethod(
                this,
                [this, job, f] {
                    if (m_job && m_job->cancel == job.cancel && !job.cancel->load())
                        Q_EMIT runProgress(f);
                },
                Qt::QueuedConnection);
        };
    m_pool.start(
        [this, job, scenario = m_scenario, options = std::move(options), base = traced ? nullptr : m_latest]() mutable {
            // At the normal priority, unlike sweeps: the user waits for this result, and an idle-priority
            // thread gets no CPU at all while anything else runs (measured: no preview in a 2 s drag at
            // load 6 on 2 cores). The GUI thread keeps its fair share beside the engine's threads.
            std::shared_ptr<const RunSnapshot> snapshot;
            QString error;
            try {
                options.cancel = job.cancel.get();
                snapshot = job.traced ? buildRunSnapshot(scenario, job.generation, options)
                                      : buildPreview(scenario, job.requests, job.generation, base, options);
            } catch (const std::exception &e) {
                error = QStringLiteral("the simulation failed: %1").arg(QString::fromLocal8Bit(e.what()));
            } catch (...) {
                error = QStringLiteral("the simulation failed");
            }
            QMetaObject::invokeMethod(
                this, [this, job, snapshot, error] { deliverRun(job, snapshot, error); }, Qt::QueuedConnection);
        });
}

void SimulationController::deliverRun(const Job &job, std::shared_ptr<const RunSnapshot> snapshot, const QString &error)
{
    --m_running;
    m_job.reset(); // one job at a time: this one
    // Shown only if not cancelled and of a value at least as new as the last shown; a traced job of
    // an older value was cancelled, so a traced result is always of the current value.
    const bool show = !job.cancel->load() && job.generation >= m_shown;
    if (show && job.traced && !error.isEmpty())
        Q_EMIT runFailed(error); // an untraced run's failure is the traced run's to report
    if (show && snapshot && error.isEmpty()) {
        m_shown = job.generation;
        m_options.order = longestFirst(snapshot.get());
        m_previewCost.noteResult(*snapshot);
        if (!job.traced)
            m_previewCost.noteTiming(snapshot->computeMillis, snapshot->prefix.simulated);
        if (job.traced) {
            m_latest = snapshot;
            Q_EMIT resultAvailable(snapshot);
            if (m_autoSweep && !m_sweep.param.empty())
                startSweep(m_sweep);
        } else {
            schedule(); // the next value's run goes on while the views draw this one
            Q_EMIT previewAvailable(snapshot);
        }
    }
    schedule();
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
