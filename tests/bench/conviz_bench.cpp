// Performance of the engine (Google Benchmark): the event kernel alone, and whole model runs of the
// default-sized CRUD scenario, a 1M-request M/M/1 and a million waiting connections.
// docs/performance.md records the figures and the targets.
#include "engine/scenario/scenario_file.h"
#include "engine/scenario/sweep.h"
#include "engine/simulate.h"
#include "engine/simulation.h"

#include <benchmark/benchmark.h>
#include <fmt/core.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <variant>
#include <vector>

// Every heap allocation of this process is counted, so that MM1_1M can report how many a run makes
// for each request (issue 13: none). The array and nothrow forms call these.
namespace {
std::atomic<std::uint64_t> g_allocations{0};

void *counted(std::size_t size, std::size_t align)
{
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    const std::size_t bytes = std::max<std::size_t>(size, 1);
    // aligned_alloc wants a multiple of the alignment.
    if (void *p = align <= alignof(std::max_align_t) ? std::malloc(bytes)
                                                     : std::aligned_alloc(align, (bytes + align - 1) / align * align))
        return p;
    throw std::bad_alloc();
}
} // namespace

void *operator new(std::size_t size) { return counted(size, alignof(std::max_align_t)); }
void *operator new(std::size_t size, std::align_val_t align) { return counted(size, static_cast<std::size_t>(align)); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete(void *p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { std::free(p); }

namespace conviz {
namespace {

using namespace literals;

// The machine these run on is shared: with --benchmark_repetitions the fastest repetition is the best
// estimate of what the code can do, the median of what it does under load.
double fastest(const std::vector<double> &v) { return *std::min_element(v.begin(), v.end()); }

// The "hold" model: every event reschedules itself a pseudo-random delay ahead, so the number of
// pending events stays constant while the clock moves on.
class HoldHandler final : public EventHandler {
public:
    explicit HoldHandler(Simulation &sim) : m_sim(sim) {}

    void onEvent(const Event &) override { m_sim.after(nextDelay(), this, 0); }

    Nanos nextDelay()
    {
        // xorshift64: cheap and deterministic, so the benchmark measures the queue, not the generator.
        m_state ^= m_state << 13;
        m_state ^= m_state >> 7;
        m_state ^= m_state << 17;
        return Nanos{static_cast<std::int64_t>(m_state % 1'000'000)};
    }

private:
    Simulation &m_sim;
    std::uint64_t m_state = 0x9e3779b97f4a7c15ULL;
};

void BM_KernelHold(benchmark::State &state)
{
    Simulation sim;
    HoldHandler handler(sim);
    const auto pending = static_cast<std::int64_t>(state.range(0));
    for (std::int64_t i = 0; i < pending; ++i)
        sim.after(handler.nextDelay(), &handler, 0);
    for (auto _ : state)
        sim.step();
    state.counters["events"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["pending"] = static_cast<double>(sim.pending());
}
BENCHMARK(BM_KernelHold)->Name("Kernel/hold")->Arg(1'000)->Arg(100'000)->ComputeStatistics("min", fastest);

// Schedule `n` events, then run them all: the cost of filling and draining the queue.
void BM_KernelFillAndDrain(benchmark::State &state)
{
    const auto n = static_cast<std::int64_t>(state.range(0));
    struct Nop final : EventHandler {
        void onEvent(const Event &) override {}
    } nop;
    std::uint64_t x = 12345;
    for (auto _ : state) {
        Simulation sim;
        for (std::int64_t i = 0; i < n; ++i) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            sim.schedule(Nanos{static_cast<std::int64_t>(x >> 40)}, &nop, 0);
        }
        sim.run();
        benchmark::DoNotOptimize(sim.now());
    }
    state.counters["events"] =
        benchmark::Counter(static_cast<double>(state.iterations() * n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_KernelFillAndDrain)
    ->Name("Kernel/fill_and_drain")
    ->Arg(1'000)
    ->Arg(100'000)
    ->ComputeStatistics("min", fastest);

// The CRUD API of the article at its default size: 10,000 requests at 800/s on 4 cores, a 20-connection
// database pool; parse (CPU) → query (network I/O on the pool) → render (CPU); default model costs.
Scenario crudScenario()
{
    Scenario s;
    s.name = "CRUD API";
    s.machine.cores = 4;
    s.load.kind = LoadKind::Open;
    s.load.rate = 800;
    s.load.requests = 10'000;
    Step parse;
    parse.kind = StepKind::Cpu;
    parse.duration = {300_us, Distribution::Exponential, {}};
    Step query;
    query.kind = StepKind::Io;
    query.duration = {5_ms, Distribution::LogNormal, 20_ms};
    query.pool = 0;
    Step render;
    render.kind = StepKind::Cpu;
    render.duration = {200_us, Distribution::Exponential, {}};
    s.steps = {parse, query, render};
    s.pools = {{"db", 20}};
    return s;
}

void reportEvents(benchmark::State &state, std::int64_t eventsPerRun)
{
    state.counters["events"] = benchmark::Counter(
        static_cast<double>(eventsPerRun) * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_CrudAllModels(benchmark::State &state)
{
    const Scenario s = crudScenario();
    const auto threads = static_cast<unsigned>(state.range(0));
    RunOptions options;
    options.trace = state.range(1) != 0;
    std::int64_t events = 0;
    for (auto _ : state) {
        const auto results = simulateAll(s, kAllModels, options, threads);
        events = 0;
        for (const ModelResult &r : results)
            events += r.metrics.events;
        benchmark::DoNotOptimize(results.data());
    }
    reportEvents(state, events);
}
BENCHMARK(BM_CrudAllModels)
    ->Name("CRUD_10k/all_models")
    ->ArgNames({"threads", "trace"})
    ->Args({1, 0}) // sequential
    ->Args({3, 0}) // one thread per model
    ->Args({3, 1}) // one thread per model, recording the traces the GUI shows
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->ComputeStatistics("min", fastest);

void BM_CrudOneModel(benchmark::State &state)
{
    const Scenario s = crudScenario();
    const auto model = static_cast<ModelKind>(state.range(0));
    std::int64_t events = 0;
    for (auto _ : state) {
        const ModelResult r = simulate(s, model);
        events = r.metrics.events;
        benchmark::DoNotOptimize(r.metrics.latency.mean);
    }
    state.SetLabel(std::string(modelKey(model)));
    reportEvents(state, events);
}
BENCHMARK(BM_CrudOneModel)
    ->Name("CRUD_10k/model")
    ->ArgName("model")
    ->DenseRange(0, 2)
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", fastest);

// M/M/1 at a million requests, the textbook run that SimPy's tutorials time: Poisson arrivals at
// 800/s, one core, exponential service of mean 1 ms, every model overhead zeroed; no trace recorded.
Scenario mm1Scenario()
{
    Scenario s;
    s.name = "M/M/1";
    s.machine.cores = 1;
    s.load.kind = LoadKind::Open;
    s.load.rate = 800;
    s.load.requests = 1'000'000;
    Step work;
    work.kind = StepKind::Cpu;
    work.duration = {1_ms, Distribution::Exponential, {}};
    s.steps = {work};
    s.fibers.switchCost = Nanos::zero();
    s.fibers.spawnCost = Nanos::zero();
    s.fibers.handoffDelay = Nanos::zero();
    s.fibers.wakeupLatency = Nanos::zero();
    s.threads.switchCost = Nanos::zero();
    s.threads.spawnCost = Nanos::zero();
    s.eventLoop.callbackCost = Nanos::zero();
    s.eventLoop.cpuFactor = 1.0;
    return s;
}

void BM_MM1Million(benchmark::State &state)
{
    const Scenario s = mm1Scenario();
    const auto model = static_cast<ModelKind>(state.range(0));
    std::int64_t events = 0;
    const std::uint64_t allocationsBefore = g_allocations.load();
    for (auto _ : state) {
        const ModelResult r = simulate(s, model);
        events = r.metrics.events;
        benchmark::DoNotOptimize(r.metrics.latency.mean);
    }
    // A run's own allocations (its tables growing by doubling, the result) are a few hundred; one
    // for each request would be a million.
    const double perRun = static_cast<double>(g_allocations.load() - allocationsBefore) /
                          static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.SetLabel(std::string(modelKey(model)));
    reportEvents(state, events);
    state.counters["allocations_per_run"] = perRun;
    state.counters["allocations_per_request"] = perRun / static_cast<double>(s.load.requests);
}
BENCHMARK(BM_MM1Million)
    ->Name("MM1_1M/model")
    ->ArgName("model")
    ->DenseRange(0, 2)
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", fastest);

// A shipped preset with `overrides` (as --set takes them), loaded as the app loads it; aborts with
// the file's errors if it does not load.
Scenario preset(const char *file, const std::vector<std::string> &overrides = {})
{
    auto loaded = scenario::loadFile(std::string(CONVIZ_SCENARIO_DIR "/") + file, overrides);
    if (!loaded.ok()) {
        for (const auto &e : loaded.errors)
            fmt::print(stderr, "{}\n", e.format());
        std::abort();
    }
    return *loaded.scenario;
}

// The memory-at-scale preset at a million connections: they arrive at 1,000,000/s, a hundred times
// the preset's 10,000 at 10,000/s, so every one connects within the first second as in the preset
// and all are waiting (30 s) at once. Threads keep the preset's limit of 32,000 and refuse the rest.
Scenario memoryAtScaleMillion()
{
    return preset("memory-at-scale.toml", {"load.requests=1000000", "load.rate=1000000"});
}

// The app's preview of fanout-500 (400 requests of 500 subtasks each), one model: the untraced run
// with completions kept, as gui/core/simulation_controller.cpp's buildPreview asks simulateAll for
// while a slider is dragged. The preview needs ≥ 20 updates a second (issue 13).
void BM_PresetRunFanout500(benchmark::State &state, ModelKind model)
{
    const Scenario s = preset("fanout-500.toml");
    RunOptions options;
    options.completions = true;
    std::int64_t events = 0;
    for (auto _ : state) {
        const ModelResult r = simulate(s, model, options);
        events = r.metrics.events;
        benchmark::DoNotOptimize(r.metrics.latency.mean);
    }
    reportEvents(state, events);
}
BENCHMARK_CAPTURE(BM_PresetRunFanout500, fibers, ModelKind::Fibers)
    ->Name("PresetRun/fanout_500/fibers")
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", fastest);
BENCHMARK_CAPTURE(BM_PresetRunFanout500, event_loop, ModelKind::EventLoop)
    ->Name("PresetRun/fanout_500/event_loop")
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", fastest);
BENCHMARK_CAPTURE(BM_PresetRunFanout500, threads, ModelKind::Threads)
    ->Name("PresetRun/fanout_500/threads")
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", fastest);

// The whole preview: the three models on `threads` threads (the app passes 3, a thread per model,
// which two cores share; 2 is the one-per-core split of earlier rounds), in wall time and in CPU
// time of all threads.
void BM_PresetRunFanout500All(benchmark::State &state)
{
    const Scenario s = preset("fanout-500.toml");
    RunOptions options;
    options.completions = true;
    const auto threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(simulateAll(s, kAllModels, options, threads).data());
}
BENCHMARK(BM_PresetRunFanout500All)
    ->Name("PresetRun/fanout_500/all_models")
    ->ArgName("threads")
    ->Arg(2)
    ->Arg(3)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime() // the CPU column sums the model threads: the steadier figure under load
    ->UseRealTime()
    ->ComputeStatistics("min", fastest);

// The app's Sweep tab on fanout-500: the preset's own [sweep] (load.rate from 5 to 40 in 8 steps),
// the three models at each point, on two threads as on the 2-core machine of issue 13.
void BM_PresetSweepFanout500(benchmark::State &state)
{
    const Scenario s = preset("fanout-500.toml");
    auto planned = scenario::planSweep(s, s.sweep);
    const auto &plan = std::get<scenario::SweepPlan>(planned);
    for (auto _ : state)
        benchmark::DoNotOptimize(simulateSweep(plan.points, kAllModels, {}, 2).data());
}
BENCHMARK(BM_PresetSweepFanout500)
    ->Name("PresetSweep/fanout_500")
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime() // the CPU column sums both threads
    ->UseRealTime()
    ->ComputeStatistics("min", fastest);

// What a child process used: its peak resident set and its CPU time (user and system, all threads).
struct ChildUsage {
    double peakRssMiB = 0;
    double cpuSeconds = 0;
};

double seconds(const timeval &t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; }

// Runs `work` in a child process and returns what the child used (rusage from wait4). ru_maxrss is
// a high-water mark of a whole process: measured in this one it would carry the peak of every
// benchmark run before, and freed heap that the allocator keeps would hide growth.
template <typename Work>
ChildUsage runChild(Work &&work)
{
    const pid_t child = fork();
    if (child < 0)
        std::abort();
    if (child == 0) {
        work();
        _exit(0); // no destructors, no benchmark teardown: the parent owns those
    }
    int status = 0;
    rusage usage{};
    if (wait4(child, &status, 0, &usage) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        std::abort();
    return {static_cast<double>(usage.ru_maxrss) / 1024.0, // Linux reports KiB
            seconds(usage.ru_utime) + seconds(usage.ru_stime)};
}

// Wall time of a run in a child process (fork and exit included, about a millisecond), with the
// child's peak RSS and CPU time averaged over the iterations. On a shared machine the CPU time is
// the steadier figure: wall time also counts the time the child waited for a core.
template <typename Work>
void runInChild(benchmark::State &state, Work &&work)
{
    ChildUsage sum;
    for (auto _ : state) {
        const ChildUsage u = runChild(work);
        sum.peakRssMiB += u.peakRssMiB;
        sum.cpuSeconds += u.cpuSeconds;
    }
    const auto n = static_cast<double>(state.iterations());
    state.counters["peak_rss_MiB"] = sum.peakRssMiB / n;
    state.counters["child_cpu_s"] = sum.cpuSeconds / n;
}

void BM_MemoryAtScaleOneModel(benchmark::State &state)
{
    const Scenario s = memoryAtScaleMillion();
    const auto model = static_cast<ModelKind>(state.range(0));
    runInChild(state, [&] { benchmark::DoNotOptimize(simulate(s, model).metrics.events); });
    state.SetLabel(std::string(modelKey(model)));
}
BENCHMARK(BM_MemoryAtScaleOneModel)
    ->Name("MemoryAtScale_1M/model")
    ->ArgName("model")
    ->DenseRange(0, 2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->ComputeStatistics("min", fastest);

// The three models as `conviz-cli run` runs them: simulateAll on one thread per hardware thread.
void BM_MemoryAtScaleAllModels(benchmark::State &state)
{
    const Scenario s = memoryAtScaleMillion();
    runInChild(state, [&] { benchmark::DoNotOptimize(simulateAll(s, kAllModels).size()); });
}
BENCHMARK(BM_MemoryAtScaleAllModels)
    ->Name("MemoryAtScale_1M/all_models")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->ComputeStatistics("min", fastest);

} // namespace
} // namespace conviz

BENCHMARK_MAIN();
