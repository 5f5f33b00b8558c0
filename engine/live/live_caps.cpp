// The caps a live run must fit before it starts (issue 11: refuse, naming the cap and the --set
// that raises it), and the scenario a live run executes.
#include "engine/live/live_run.h"

#include "engine/live/process_probe.h"

#include <algorithm>
#include <thread>

#include <fmt/format.h>

namespace conviz::live {
namespace {

// Room a stack step leaves for the frames around it: the executor's own calls, Boost.Fiber's
// context record at the top of a fiber stack, a signal frame.
constexpr std::int64_t kStackMargin = 16 * KiB;

std::int64_t deepestStack(const std::vector<Step> &steps)
{
    std::int64_t deepest = 0;
    for (const Step &s : steps) {
        if (s.kind == StepKind::Stack)
            deepest = std::max(deepest, s.bytes);
        if (s.kind == StepKind::Fanout)
            deepest = std::max(deepest, deepestStack(s.children));
    }
    return deepest;
}

// Requests certainly in flight at once: every request of a batch, every client of a closed load.
// An open load's depends on the machine, so it is capped while it runs instead.
std::int64_t certainConcurrency(const Scenario &s)
{
    switch (s.load.kind) {
    case LoadKind::Batch: return s.load.count;
    case LoadKind::Closed: return std::min(s.load.clients, s.load.requests);
    case LoadKind::Open: return 1;
    }
    return 1;
}

std::string sizeText(std::int64_t bytes)
{
    return bytes % MiB == 0 ? fmt::format("{}MiB", bytes / MiB) : fmt::format("{}KiB", (bytes + KiB - 1) / KiB);
}

// A size to read, "1.5 GiB", "4.7 KiB".
std::string readable(std::int64_t bytes)
{
    const auto b = static_cast<double>(bytes);
    if (bytes >= GiB)
        return fmt::format("{:.1f} GiB", b / static_cast<double>(GiB));
    if (bytes >= MiB)
        return fmt::format("{:.1f} MiB", b / static_cast<double>(MiB));
    return fmt::format("{:.1f} KiB", b / static_cast<double>(KiB));
}

constexpr std::int64_t kPage = 4 * KiB;
std::int64_t pages(std::int64_t bytes) { return (bytes + kPage - 1) / kPage * kPage; }

std::string memoryRefusal(const Scenario &s, ModelKind model)
{
    const std::int64_t cap = memoryCap(s);
    const MemoryEstimate e = memoryEstimate(s, model);
    if (cap <= 0 || e.totalBytes() <= cap)
        return {};
    const char *task = model == ModelKind::Fibers      ? "fibers"
                       : model == ModelKind::EventLoop ? "pending tasks"
                                                       : "threads";
    const std::string threads =
        e.threads > 0 ? fmt::format(", {} for the executor's {} threads", readable(e.threadBytes), e.threads) : "";
    // Suggest a round number of MiB a tenth above the estimate: the estimate counts this process's
    // resident memory, which may grow before the next try (under a sanitizer, by megabytes).
    const std::int64_t raise = (e.totalBytes() + e.totalBytes() / 10 + MiB - 1) / MiB;
    return fmt::format("the run would commit about {} ({} {} × {} each{}, {} resident in this process already), more "
                       "than live.max_memory = {}{}; run fewer at once or raise it with --set live.max_memory={}MiB",
                       readable(e.totalBytes()), e.tasks, task, readable(e.perTaskBytes), threads,
                       readable(e.baselineBytes), readable(cap),
                       s.live.maxMemory == 0 ? " (a quarter of MemAvailable)" : "", raise);
}

} // namespace

Scenario liveScenario(const Scenario &s)
{
    Scenario out = s;
    // A live run counts every request, and runs on this machine's hardware threads: the
    // simulation of the same work must too.
    out.load.warmup = Nanos::zero();
    const int hardware = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    out.machine.cores = std::min(out.machine.cores, hardware);
    out.fibers.gomaxprocs = std::min(out.fibers.gomaxprocs, hardware);
    if (s.live.requests > 0) {
        if (out.load.kind == LoadKind::Batch)
            out.load.count = std::min(out.load.count, s.live.requests);
        else
            out.load.requests = std::min(out.load.requests, s.live.requests);
    }
    return out;
}

std::int64_t memoryCap(const Scenario &s) { return s.live.maxMemory > 0 ? s.live.maxMemory : memAvailableBytes() / 4; }

MemoryEstimate memoryEstimate(const Scenario &original, ModelKind model)
{
    const Scenario s = liveScenario(original);
    const std::int64_t tasks = tasksPerRequest(s.steps);
    const std::int64_t deepest = deepestStack(s.steps);
    // An open load's requests may all be in flight at once if the machine falls behind.
    const std::int64_t requests = s.load.kind == LoadKind::Open ? s.load.requests : certainConcurrency(s);
    MemoryEstimate e;
    e.baselineBytes = sampleProcess().rssBytes;
    switch (model) {
    case ModelKind::Fibers:
        e.tasks = std::min(requests * tasks, s.live.maxFibers);
        e.perTaskBytes = pages(std::max(s.fibers.stackInitial, deepest)) + s.fibers.taskMemory;
        e.threads = std::min<std::int64_t>(s.effectiveGomaxprocs(), std::thread::hardware_concurrency());
        e.threadBytes = e.threads * s.fibers.threadStackCommitted;
        break;
    case ModelKind::EventLoop:
        e.tasks = requests * tasks;
        e.perTaskBytes = s.eventLoop.taskMemory;
        e.threads = static_cast<std::int64_t>(s.eventLoop.processes) * (1 + s.eventLoop.threadpool);
        e.threadBytes = e.threads * s.eventLoop.threadStackCommitted;
        break;
    case ModelKind::Threads: {
        const std::int64_t cap = std::min(s.live.maxThreads, s.threads.maxThreads);
        e.tasks = s.threads.mode == ThreadMode::Pool
                      ? s.threads.poolSize + std::min(requests, s.threads.poolSize) * (tasks - 1)
                      : requests * tasks;
        e.tasks = std::min(e.tasks, cap);
        e.perTaskBytes = std::max(s.threads.stackTouched, pages(deepest)) + s.threads.taskMemory;
        break;
    }
    }
    return e;
}

namespace {

// Every cap but live.max_memory.
std::optional<std::string> otherCaps(const Scenario &original, ModelKind model)
{
    const Scenario s = liveScenario(original);
    const LiveParams &live = s.live;
    const std::int64_t tasks = tasksPerRequest(s.steps);
    const std::int64_t concurrent = certainConcurrency(s);
    const std::int64_t stack = deepestStack(s.steps);

    if (s.load.kind == LoadKind::Open) {
        // The arrivals alone would outlast the wall-time cap.
        const double seconds = static_cast<double>(s.load.requests) / s.load.rate;
        if (seconds > live.maxWall.toSeconds())
            return fmt::format("{} requests arriving at {} req/s take {:.0f} s, longer than live.max_wall = {:.0f} s; "
                               "run fewer with --set live.requests={} or raise the cap with --set live.max_wall={}s",
                               s.load.requests, s.load.rate, seconds, live.maxWall.toSeconds(),
                               static_cast<std::int64_t>(s.load.rate * live.maxWall.toSeconds() / 2),
                               static_cast<std::int64_t>(seconds) + 1);
    }

    switch (model) {
    case ModelKind::Fibers: {
        const std::int64_t workers =
            std::min<std::int64_t>(s.effectiveGomaxprocs(), std::thread::hardware_concurrency());
        if (workers + 2 > live.maxThreads)
            return fmt::format("fibers need {} worker threads, more than live.max_threads = {}; raise it with "
                               "--set live.max_threads={}",
                               workers, live.maxThreads, workers + 2);
        if (concurrent * tasks > live.maxFibers)
            return fmt::format("{} requests at once × {} fibers each = {} fibers, more than live.max_fibers = {}; "
                               "raise it with --set live.max_fibers={}",
                               concurrent, tasks, concurrent * tasks, live.maxFibers, concurrent * tasks);
        if (stack + kStackMargin > live.fiberStack)
            return fmt::format("a stack step of {} does not fit a fiber stack of live.fiber_stack = {} (with {} for "
                               "the frames around it); raise it with --set live.fiber_stack={}",
                               sizeText(stack), sizeText(live.fiberStack), sizeText(kStackMargin),
                               sizeText(stack + kStackMargin));
        return std::nullopt;
    }
    case ModelKind::EventLoop: {
        const std::int64_t threads = static_cast<std::int64_t>(s.eventLoop.processes) * (1 + s.eventLoop.threadpool);
        if (threads > live.maxThreads)
            return fmt::format("{} loops with {} pool threads each need {} OS threads, more than live.max_threads = "
                               "{}; raise it with --set live.max_threads={}",
                               s.eventLoop.processes, s.eventLoop.threadpool, threads, live.maxThreads, threads);
        // Callbacks run on the loop thread's own stack (std::thread's default, 8 MiB on Linux).
        if (stack + kStackMargin > 8 * MiB)
            return fmt::format("a stack step of {} does not fit an event-loop thread's 8MiB stack", sizeText(stack));
        return std::nullopt;
    }
    case ModelKind::Threads: {
        const std::int64_t cap = std::min(live.maxThreads, s.threads.maxThreads);
        const std::int64_t needed = s.threads.mode == ThreadMode::Pool
                                        ? s.threads.poolSize + std::min(concurrent, s.threads.poolSize) * (tasks - 1)
                                        : concurrent * tasks;
        if (needed > live.maxThreads)
            return fmt::format("threads need {} OS threads at once, more than live.max_threads = {}; raise it with "
                               "--set live.max_threads={} (or lower threads.pool_size, load.clients or load.count)",
                               needed, live.maxThreads, needed);
        if (needed > cap)
            return fmt::format("threads need {} OS threads at once, more than threads.max_threads = {}", needed,
                               s.threads.maxThreads);
        if (stack + kStackMargin > s.threads.stackReserved)
            return fmt::format("a stack step of {} does not fit a thread stack of threads.stack_reserved = {} (with "
                               "{} for the frames around it); raise it with --set threads.stack_reserved={}",
                               sizeText(stack), sizeText(s.threads.stackReserved), sizeText(kStackMargin),
                               sizeText(stack + kStackMargin));
        return std::nullopt;
    }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> refusal(const Scenario &s, ModelKind model)
{
    // The other caps first: they are exact, the memory estimate is not.
    if (auto why = otherCaps(s, model))
        return why;
    if (std::string why = memoryRefusal(s, model); !why.empty())
        return why;
    return std::nullopt;
}

} // namespace conviz::live
