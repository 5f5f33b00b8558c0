#include "gui/core/run_snapshot.h"

#include "engine/core/parallel_for.h"
#include "engine/simulate.h"
#include "gui/core/dense_ids.h"

#include <QElapsedTimer>
#include <QThreadPool>

#include <algorithm>
#include <array>
#include <atomic>
#include <future>
#include <mutex>

namespace conviz::gui {
namespace {

// Live stacks at the instant the model's reserved stack bytes peaked.
std::vector<StackGroup> peakStacks(const std::shared_ptr<const TraceIndex> &index)
{
    const auto series = index->counterSeries(Counter::StackReserved, 0);
    if (series.empty())
        return {};
    CounterSample peak = series[0];
    for (const CounterSample &c : series)
        if (c.value > peak.value)
            peak = c;
    TraceCursor cursor(index);
    cursor.seek(peak.time);
    return cursor.stackGroups();
}

// buildRunSnapshot's progress: each model's simulation, then its index, then the over-time series
// of all three. Their shares are times measured on the slowest result the presets give
// (fanout-500 with ten times its requests, 7.3 s on two threads): each model's index took 0.6 to
// 0.8 times its simulation's time, the series a tenth of the whole.
class SnapshotProgress {
public:
    explicit SnapshotProgress(const std::function<void(double)> &hear) : m_hear(hear) {}

    void simulated(double meanFraction)
    {
        const std::scoped_lock lock(m_mutex);
        m_simulated = meanFraction;
        tell(share());
    }
    void indexed()
    {
        const std::scoped_lock lock(m_mutex);
        ++m_indexed;
        tell(share());
    }
    void done()
    {
        const std::scoped_lock lock(m_mutex);
        tell(1.0);
    }

private:
    static constexpr double kSimulate = 0.6, kIndex = 0.4, kModels = 0.9; // the series: the rest

    double share() const
    {
        return kModels * (kSimulate * m_simulated +
                          kIndex * static_cast<double>(m_indexed) / static_cast<double>(kAllModels.size()));
    }
    // Simulated fractions come from several threads: a late one never moves the bar back.
    void tell(double fraction)
    {
        if (m_hear && fraction > m_heard) {
            m_heard = fraction;
            m_hear(fraction);
        }
    }

    const std::function<void(double)> &m_hear;
    std::mutex m_mutex;
    double m_simulated = 0;
    std::size_t m_indexed = 0;
    double m_heard = 0;
};

} // namespace

QThreadPool &retirePool()
{
    // Not the global pool: Qt 6.4's raster engine shares out a large fill among the global pool's
    // threads and waits for them, so a result being freed there held up every repaint of the window
    // until it was freed (tens of milliseconds for a big trace, more on a busy machine). One thread:
    // results are freed one after another, never two beside the simulation's workers.
    struct OneThread : QThreadPool {
        OneThread() { setMaxThreadCount(1); }
    };
    static OneThread pool; // destroyed at exit once what it holds is freed
    return pool;
}

void retireInBackground(std::shared_ptr<const RunSnapshot> snapshot)
{
    if (!snapshot)
        return;
    retirePool().start([s = std::move(snapshot)]() mutable { s.reset(); });
}

std::array<std::size_t, kAllModels.size()> longestFirst(const RunSnapshot *snapshot)
{
    std::array<std::size_t, kAllModels.size()> order{0, 1, 2};
    if (snapshot)
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return snapshot->models[a].metrics.events > snapshot->models[b].metrics.events;
        });
    return order;
}

std::array<ModelKind, kAllModels.size()> modelsIn(const std::array<std::size_t, kAllModels.size()> &order)
{
    std::array<ModelKind, kAllModels.size()> models{};
    for (std::size_t k = 0; k < models.size(); ++k)
        models[k] = kAllModels[order[k]];
    return models;
}

QList<QPointF> throughputSeries(const Trace &trace, Nanos end, int points)
{
    return throughputSeries(trace.completions, end, points);
}

QList<QPointF> throughputSeries(std::span<const Nanos> completions, Nanos end, int points)
{
    QList<QPointF> out;
    if (end <= Nanos::zero() || points <= 0)
        return out;
    std::vector<std::int64_t> bins(static_cast<std::size_t>(points), 0);
    const double width = static_cast<double>(end.count()) / points;
    for (const Nanos t : completions) {
        if (t > end)
            break;
        const auto bin =
            std::min<std::size_t>(static_cast<std::size_t>(static_cast<double>(t.count()) / width), bins.size() - 1);
        ++bins[bin];
    }
    out.reserve(points);
    for (int i = 0; i < points; ++i)
        out.append({(i + 0.5) * width / 1e9, static_cast<double>(bins[static_cast<std::size_t>(i)]) / (width / 1e9)});
    return out;
}

QList<QPointF> runQueueSeries(const std::shared_ptr<const TraceIndex> &index, ModelKind model, Nanos end, int points)
{
    QList<QPointF> out;
    if (end <= Nanos::zero() || points <= 0)
        return out;
    // One pass over the task events in time order, keeping which tasks wait as of the last event
    // applied. Seeking a cursor to each point and reading every live task's event there cost
    // points × live tasks random reads of the packed trace: 45 ms per traced run of the default
    // scenario dragged to 5,000 req/s, where the event loop falls behind and thousands are live.
    const auto waits = [model](const TaskEvent &e) {
        // Fibers: runnable in a queue (a run queue, the netpoller), not running on a P.
        return e.state == TaskState::Runnable && (model != ModelKind::Fibers || e.place != Place::None);
    };
    const Trace &trace = index->trace();
    DenseIds ids;
    std::vector<std::uint8_t> waiting; // by dense task id: 1 if the task's last event says it waits
    std::int64_t waitingCount = 0;
    auto next = trace.tasks.begin();
    std::size_t applied = 0;
    std::vector<std::uint32_t> onCore; // threads: the waiting tasks a core runs at the point, once each
    out.reserve(points + 1);
    for (int i = 0; i <= points; ++i) {
        const Nanos t{end.count() / points * i};
        if (t > trace.truncatedAt)
            break; // a cut trace's line ends at the cut: nothing is made up after it
        for (const std::size_t until = index->taskEventsUntil(t); applied < until; ++applied, ++next) {
            const TaskEvent e = *next;
            const std::uint32_t id = ids.of(e.task);
            if (id >= waiting.size())
                waiting.resize(id + std::size_t{1}, 0);
            const std::uint8_t now = !endsTask(e) && waits(e) ? 1 : 0;
            waitingCount += now - waiting[id];
            waiting[id] = now;
        }
        std::int64_t running = 0;
        if (model == ModelKind::Threads) {
            // A runnable thread that a core runs at t is not waiting for one.
            onCore.clear();
            for (int c = 0; c < index->cores(); ++c) {
                const std::optional<Span> s = index->spanAt(c, t);
                if (!s)
                    continue;
                const std::uint32_t id = ids.of(s->task);
                if (id < waiting.size() && waiting[id] && std::find(onCore.begin(), onCore.end(), id) == onCore.end())
                    onCore.push_back(id);
            }
            running = static_cast<std::int64_t>(onCore.size());
        }
        out.append({static_cast<double>(t.count()) / 1e9, static_cast<double>(waitingCount - running)});
    }
    return out;
}

std::shared_ptr<const RunSnapshot> buildRunSnapshot(const Scenario &scenario, std::uint64_t id,
                                                    const SnapshotOptions &options)
{
    QElapsedTimer clock;
    clock.start();
    auto snap = std::make_shared<RunSnapshot>();
    snap->id = id;
    snap->scenario = scenario;
    RunOptions run;
    run.trace = true;
    run.traceLimit = options.traceLimit;
    run.control.cancel = options.cancel;
    SnapshotProgress progress(options.progress);
    if (options.progress)
        run.control.progress = [&](double f) { progress.simulated(f); };
    const auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    // Each model is indexed on the thread that simulated it, as soon as it ends, while another
    // model may still run: the indexes no longer wait for the slowest model, nor for each other.
    std::array<ModelMetrics, kAllModels.size()> metrics;
    std::atomic<std::size_t> simulated{0};
    std::future<std::vector<CostEstimate>> costs;
    simulateAll(scenario, modelsIn(options.order), run, 0, [&](std::size_t k, ModelResult &result) {
        const std::size_t i = options.order[k];
        ModelRun &m = snap->models[i];
        m.model = kAllModels[i];
        m.metrics = metrics[i] = result.metrics;
        // The cost model's critical path samples 2,000 requests: 1 ms on most presets, 64 ms on
        // fanout-500. It needs every model's metrics, so it starts when the last model ends and
        // runs while the traces are indexed.
        if (++simulated == kAllModels.size())
            costs = std::async(std::launch::async,
                               [&] { return estimateCosts(scenario, metrics, options.costPaths.get()); });
        if (result.trace && !cancelled()) {
            auto index = std::make_shared<const TraceIndex>(result.trace, scenario.machine.cores, options.cancel);
            if (!index->cancelled()) {
                m.index = std::move(index);
                m.peakStacks = peakStacks(m.index);
                progress.indexed();
            }
        }
        result.trace.reset(); // the index holds it
    });
    if (cancelled())
        return nullptr;
    for (const ModelRun &m : snap->models) {
        if (!m.index)
            continue;
        const Trace &trace = m.index->trace();
        snap->end = max(snap->end, m.index->end());
        snap->truncated = snap->truncated || trace.truncated();
        if (!trace.completions.empty())
            snap->seriesEnd = max(snap->seriesEnd, trace.completions.back());
    }
    snap->seriesEnd = max(snap->seriesEnd, snap->end);
    parallelFor(kAllModels.size(), 0, [&](std::size_t i) {
        ModelRun &m = snap->models[i];
        if (!m.index || cancelled())
            return;
        // Completions are kept for the whole run; the queue series of a cut trace stops at the cut.
        m.throughputOverTime = throughputSeries(m.index->trace(), snap->seriesEnd, options.seriesPoints);
        m.runQueueOverTime = runQueueSeries(m.index, m.model, snap->seriesEnd, options.seriesPoints);
    });
    if (cancelled())
        return nullptr;
    for (const ModelRun &m : snap->models)
        if (m.index)
            for (const Narration &n : m.index->trace().narration)
                snap->narration.push_back({n.time, m.model, n.kind, QString::fromStdString(n.text)});
    // The first instant to show: the most requests in flight (summed over the models) in the first
    // 40 % of the run, where a first look finds every view busy; of equal counts the latest, so that
    // a closed load (always as many in flight) shows its steady state, not the first instant, when
    // the requests have arrived and no thread-per-request server has created a thread yet.
    std::int64_t most = -1;
    for (const ModelRun &m : snap->models) {
        if (!m.index)
            continue;
        for (const CounterSample &c : m.index->counterSeries(Counter::InFlight, 0)) {
            if (c.time.count() > snap->end.count() * 2 / 5)
                break;
            if (c.value >= most) {
                most = c.value;
                snap->busiest = c.time;
            }
        }
    }
    std::stable_sort(snap->narration.begin(), snap->narration.end(),
                     [](const NarrationLine &a, const NarrationLine &b) { return a.time < b.time; });
    snap->costs = costs.get();
    snap->computeMillis = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    progress.done();
    return snap;
}

} // namespace conviz::gui
