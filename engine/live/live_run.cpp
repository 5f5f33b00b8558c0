#include "engine/live/live_run.h"

#include "engine/live/executor.h"
#include "engine/live/load_generator.h"
#include "engine/live/process_probe.h"

#include <algorithm>
#include <exception>
#include <fstream>
#include <thread>

#include <sys/utsname.h>

namespace conviz::live {
namespace {

// How often the calling thread samples memory, threads and the stacks of live tasks.
constexpr std::chrono::milliseconds kSampleEvery{10};

std::unique_ptr<Executor> makeExecutor(ModelKind model, RunContext &ctx)
{
    switch (model) {
    case ModelKind::Fibers: return makeFiberExecutor(ctx);
    case ModelKind::EventLoop: return makeLoopExecutor(ctx);
    case ModelKind::Threads: return makeThreadExecutor(ctx);
    }
    return makeThreadExecutor(ctx);
}

} // namespace

void RunContext::noteRefusal(std::string why)
{
    std::lock_guard lock(m_noteMutex);
    if (m_note.empty())
        m_note = std::move(why);
}

std::string RunContext::refusalNote() const
{
    std::lock_guard lock(m_noteMutex);
    return m_note;
}

MachineInfo machineInfo()
{
    MachineInfo m;
    m.cpus = static_cast<int>(std::thread::hardware_concurrency());
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos)
                m.modelName = line.substr(std::min(line.size(), colon + 2));
            break;
        }
    }
    utsname u{};
    if (::uname(&u) == 0)
        m.kernel = u.release;
    std::ifstream loadavg("/proc/loadavg");
    std::string a, b, c;
    if (loadavg >> a >> b >> c)
        m.loadAverage = a + " " + b + " " + c;
    return m;
}

LiveMetrics runLive(const Scenario &original, ModelKind model, LiveControl &control)
{
    const Scenario s = liveScenario(original);
    LiveMetrics m;
    m.model = model;
    RunContext ctx(s, control);
    std::unique_ptr<Executor> executor = makeExecutor(model, ctx);
    LoadGenerator generator(s, *executor, control);
    ctx.ended = [&generator, trace = ctx.trace()](std::unique_ptr<RequestJob> job, Outcome outcome) {
        if (trace && outcome == Outcome::Refused)
            trace->event(TraceRecorder::nowNs(), job->index, 0, 0, LiveTaskState::Refused);
        generator.ended(std::move(job), outcome);
    };

    const ProcessTimes before = processTimes();
    const ProcessSample idle = sampleProcess();
    m.memory.peakRssBytes = idle.rssBytes;
    m.memory.peakVirtualBytes = idle.virtualBytes;
    m.peakThreads = idle.threads;

    try {
        executor->start();
        generator.start();
        ctx.traceRecorder().setOrigin(generator.startTime());
    } catch (const std::exception &e) {
        // The OS refused a thread or a stack: end what started and say so; nothing is thrown at
        // the caller, which may be a worker thread of the app.
        control.cancel();
        generator.stop();
        executor->stop();
        m.stop = StopReason::Failed;
        m.note = std::string("the run could not start: ") + e.what();
        return m;
    }
    const Clock::time_point deadline = generator.startTime() + std::chrono::nanoseconds(s.live.maxWall.count());
    std::int64_t stackPeakTasks = 0;
    for (;;) {
        const bool over = generator.waitUntilOver(std::min(deadline, Clock::now() + kSampleEvery));
        const ProcessSample p = sampleProcess();
        m.memory.peakRssBytes = std::max(m.memory.peakRssBytes, p.rssBytes);
        m.memory.peakVirtualBytes = std::max(m.memory.peakVirtualBytes, p.virtualBytes);
        m.peakThreads = std::max(m.peakThreads, p.threads);
        // The stacks are read at the sample with the most live tasks so far.
        if (const std::int64_t tasks = ctx.liveTasks(); tasks > stackPeakTasks) {
            const StackUsage u = ctx.stacks().measure();
            stackPeakTasks = tasks;
            m.memory.tasksAtPeak = u.stacks;
            m.memory.stackReservedBytes = u.reservedBytes;
            m.memory.stackCommittedBytes = u.committedBytes;
        }
        // Before `over`: requests a cancel abandons end too, and the run must still say it was cancelled.
        if (control.cancelRequested()) {
            m.stop = StopReason::Cancelled;
            break;
        }
        if (over)
            break;
        if (Clock::now() >= deadline) {
            m.stop = StopReason::WallLimit;
            control.cancel(); // everything in flight sees it at its next check
            break;
        }
    }
    generator.stop();
    executor->stop();
    const Clock::time_point end = Clock::now();
    const ProcessTimes after = processTimes();

    m.issued = generator.issued();
    m.completed = generator.completed();
    m.refused = generator.refused();
    m.unfinished = m.issued - m.completed - m.refused;
    m.note = ctx.refusalNote();
    m.latency = LatencySummary::of(generator.latencies());
    m.requests = std::move(generator.records());
    m.wallSeconds = std::chrono::duration<double>(end - generator.startTime()).count();
    const double active = std::chrono::duration<double>(generator.lastEnd() - generator.startTime()).count();
    m.throughputRps = active > 0 ? static_cast<double>(m.completed) / active : 0.0;
    const unsigned cpus = std::max(1U, std::thread::hardware_concurrency());
    m.cpuUtilization = m.wallSeconds > 0 ? (after.cpuSeconds - before.cpuSeconds) / (m.wallSeconds * cpus) : 0.0;
    m.voluntarySwitches = after.voluntarySwitches - before.voluntarySwitches;
    m.involuntarySwitches = after.involuntarySwitches - before.involuntarySwitches;
    m.threadsCreated = ctx.threadsCreated();
    m.peakTasks = ctx.peakTasks();
    m.workers = executor->workers();
    m.trace = ctx.traceRecorder().merge(); // every thread that recorded has been joined
    return m;
}

} // namespace conviz::live
