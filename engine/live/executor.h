// What the three executors share: a request as the dispatcher hands it over, the run's shared
// state, and the interface the load generator drives. Internal to conviz_live.
#pragma once

#include "engine/live/live_run.h"
#include "engine/live/stack_registry.h"
#include "engine/live/trace_recorder.h"
#include "engine/workload.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace conviz::live {

using Clock = std::chrono::steady_clock;

// One request, drawn, with the instant it was due (latency runs from there).
struct RequestJob {
    std::uint64_t index = 0;
    std::int32_t client = -1; // closed load: the client that sent it
    Clock::time_point due;
    RequestPlan plan;
};

enum class Outcome : std::uint8_t { Completed, Refused, Abandoned };

// The run's shared state. Thread-safe where it says so.
class RunContext {
public:
    RunContext(const Scenario &scenario, LiveControl &control)
        : m_scenario(scenario), m_control(control), m_trace(scenario.live.traceEvents)
    {
    }

    const Scenario &scenario() const { return m_scenario; }
    // Checked by every loop and between steps: a cancel or the wall limit.
    bool stopping() const noexcept { return m_control.cancelRequested(); }
    const std::atomic<bool> *stopFlag() const noexcept { return &m_control.cancelFlag(); }
    StackRegistry &stacks() { return m_stacks; }
    // Which task ran on which thread and CPU, and when; null when live.trace_events = 0.
    TraceRecorder *trace() { return m_trace.enabled() ? &m_trace : nullptr; }
    TraceRecorder &traceRecorder() { return m_trace; }

    // A request ended; the load generator records it. Set once, before the executor starts.
    std::function<void(std::unique_ptr<RequestJob>, Outcome)> ended;

    // Live tasks (fibers, request threads, pending loop requests), and their peak.
    void taskStarted(std::int64_t n = 1) noexcept
    {
        const std::int64_t now = m_tasks.fetch_add(n, std::memory_order_relaxed) + n;
        std::int64_t peak = m_peakTasks.load(std::memory_order_relaxed);
        while (now > peak && !m_peakTasks.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
        }
    }
    void taskEnded(std::int64_t n = 1) noexcept { m_tasks.fetch_sub(n, std::memory_order_relaxed); }
    std::int64_t liveTasks() const noexcept { return m_tasks.load(std::memory_order_relaxed); }
    std::int64_t peakTasks() const noexcept { return m_peakTasks.load(std::memory_order_relaxed); }

    void threadCreated() noexcept { m_threadsCreated.fetch_add(1, std::memory_order_relaxed); }
    std::int64_t threadsCreated() const noexcept { return m_threadsCreated.load(std::memory_order_relaxed); }

    // The first run-time refusal's reason (a cap reached); later ones keep it.
    void noteRefusal(std::string why);
    std::string refusalNote() const;

private:
    const Scenario &m_scenario;
    LiveControl &m_control;
    StackRegistry m_stacks;
    TraceRecorder m_trace;
    std::atomic<std::int64_t> m_tasks{0};
    std::atomic<std::int64_t> m_peakTasks{0};
    std::atomic<std::int64_t> m_threadsCreated{0};
    mutable std::mutex m_noteMutex;
    std::string m_note;
};

// An executor runs requests handed to it until stop(). submit() is called from the dispatcher
// thread; `ended` may be called from any of the executor's threads.
class Executor {
public:
    virtual ~Executor() = default;
    // Creates the executor's threads. Called once, before any submit().
    virtual void start() = 0;
    // Runs `job` (or refuses it through RunContext::ended). Thread-safe with respect to the executor.
    virtual void submit(std::unique_ptr<RequestJob> job) = 0;
    // Ends the run: when every request has ended, or after a cancel (in-flight requests stop at
    // their next check and end as Abandoned). Joins every thread it created.
    virtual void stop() = 0;
    // Worker threads: fibers' workers, loops, the thread pool (0 for a thread per request).
    virtual std::int64_t workers() const = 0;
};

std::unique_ptr<Executor> makeFiberExecutor(RunContext &ctx);
std::unique_ptr<Executor> makeLoopExecutor(RunContext &ctx);
std::unique_ptr<Executor> makeThreadExecutor(RunContext &ctx);

} // namespace conviz::live
