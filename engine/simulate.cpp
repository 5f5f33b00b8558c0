#include "engine/simulate.h"

#include "engine/core/contract.h"
#include "engine/core/parallel_for.h"
#include "engine/core/vector_state.h"
#include "engine/event_loop_runtime.h"
#include "engine/fiber_runtime.h"
#include "engine/thread_runtime.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace conviz {
namespace {

std::unique_ptr<Runtime> makeRuntime(const Scenario &scenario, ModelKind model, Observer *observer)
{
    switch (model) {
    case ModelKind::Fibers: return std::make_unique<FiberRuntime>(scenario, observer);
    case ModelKind::EventLoop: return std::make_unique<EventLoopRuntime>(scenario, observer);
    case ModelKind::Threads: return std::make_unique<ThreadRuntime>(scenario, observer);
    }
    return nullptr;
}

ModelMetrics runModel(const Scenario &scenario, ModelKind model, Observer *observer, const RunControl &control,
                      SharedDraws *shared)
{
    clearUpperVectorState(); // this thread may have been cloned from one that left them dirty
    const auto runtime = makeRuntime(scenario, model, observer);
    runtime->shareDraws(shared);
    runtime->run(control);
    return runtime->metrics();
}

// simulate(), drawing the request plans through `shared` (null: alone).
ModelResult simulateSharing(const Scenario &scenario, ModelKind model, const RunOptions &options, SharedDraws *shared)
{
    CONVIZ_ASSERT(!(options.trace && options.observer), "a run records a trace or feeds an observer, not both");
    ModelResult result;
    RunControl control = options.control;
    if (options.completions)
        control.completions = &result.completions;
    if (options.observer) {
        result.metrics = runModel(scenario, model, options.observer, control, shared);
    } else if (options.trace) {
        Recorder recorder(options.traceLimit);
        result.metrics = runModel(scenario, model, &recorder, control, shared);
        result.trace = std::make_shared<const Trace>(recorder.take());
    } else {
        result.metrics = runModel(scenario, model, nullptr, control, shared);
    }
    return result;
}

// The request draws the models of one sweep point share, as simulateAll's models do. The points
// run in order, so only the few points in flight hold their draws (up to 16 MiB each).
class PointDraws {
public:
    // The point's draws, made by the first of its `models` to start (null: sharing would not pay).
    // Each model that acquires them releases them when it ends.
    SharedDraws *acquire(const Scenario &point, std::size_t models)
    {
        std::call_once(m_made, [&] {
            m_modelsLeft.store(models, std::memory_order_relaxed); // all acquires follow this
            if (models > 1)
                m_draws = SharedDraws::forScenario(point);
        });
        return m_draws.get();
    }
    // The last of the point's models to end frees the draws.
    void release()
    {
        if (m_modelsLeft.fetch_sub(1, std::memory_order_acq_rel) == 1)
            m_draws.reset();
    }

private:
    std::atomic<std::size_t> m_modelsLeft{0};
    std::once_flag m_made;
    std::unique_ptr<SharedDraws> m_draws;
};

} // namespace

ModelResult simulate(const Scenario &scenario, ModelKind model, const RunOptions &options)
{
    return simulateSharing(scenario, model, options, nullptr);
}

std::vector<ModelResult> simulateAll(const Scenario &scenario, std::span<const ModelKind> models,
                                     const RunOptions &options, unsigned threads, const ModelDone &done)
{
    CONVIZ_ASSERT(options.observer == nullptr, "simulateAll runs models in parallel: no shared observer");
    std::vector<ModelResult> results(models.size());
    // The models draw the same requests: each is drawn once, by whichever model gets there first.
    const std::unique_ptr<SharedDraws> shared = models.size() > 1 ? SharedDraws::forScenario(scenario) : nullptr;
    // Each model reports its own fraction; the caller hears their mean.
    std::vector<std::atomic<double>> fractions(models.size());
    std::mutex progressMutex;
    parallelFor(models.size(), threads, [&](std::size_t i) {
        RunOptions each = options;
        if (options.control.progress)
            each.control.progress = [&, i](double f) {
                fractions[i].store(f, std::memory_order_relaxed);
                double sum = 0;
                for (const auto &x : fractions)
                    sum += x.load(std::memory_order_relaxed);
                const std::scoped_lock lock(progressMutex);
                options.control.progress(sum / static_cast<double>(fractions.size()));
            };
        results[i] = simulateSharing(scenario, models[i], each, shared.get());
        if (done)
            done(i, results[i]);
    });
    return results;
}

std::vector<std::vector<ModelMetrics>> simulateSweep(std::span<const Scenario> points,
                                                     std::span<const ModelKind> models, const RunControl &control,
                                                     unsigned threads)
{
    std::vector<std::vector<ModelMetrics>> results(points.size(), std::vector<ModelMetrics>(models.size()));
    const std::size_t total = points.size() * models.size();
    std::atomic<std::size_t> done{0};
    std::mutex progressMutex;
    RunOptions each;
    each.control.cancel = control.cancel;
    std::vector<PointDraws> draws(points.size());
    parallelFor(total, threads, [&](std::size_t i) {
        if (control.cancel && control.cancel->load(std::memory_order_relaxed))
            return;
        const std::size_t point = i / models.size();
        const std::size_t model = i % models.size();
        results[point][model] =
            simulateSharing(points[point], models[model], each, draws[point].acquire(points[point], models.size()))
                .metrics;
        draws[point].release();
        const std::size_t finished = ++done;
        if (control.progress) {
            const std::scoped_lock lock(progressMutex);
            control.progress(static_cast<double>(finished) / static_cast<double>(total));
        }
    });
    return results;
}

} // namespace conviz
