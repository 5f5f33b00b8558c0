#include "engine/export/chrome_trace_names.h"

#include <fmt/format.h>

namespace conviz::exports {
namespace {

constexpr std::int64_t kPidStride = 10'000'000; // > 10,000 + limits::maxThreads
constexpr std::int64_t kThreadBase = 10'000;    // > limits::maxCores

std::string withRequest(std::string text, std::uint32_t request)
{
    if (request != kNoRequest)
        text += fmt::format(" · req {}", request);
    return text;
}

} // namespace

int tracePid(ModelKind model) { return static_cast<int>(model) + 1; }
std::int64_t processTid(ModelKind model) { return tracePid(model) * kPidStride; }
std::int64_t coreTid(ModelKind model, int core) { return processTid(model) + 1 + core; }
std::int64_t threadTid(ModelKind model, std::uint32_t serial) { return processTid(model) + kThreadBase + serial; }

std::string coreName(int core) { return fmt::format("core {}", core); }

std::string threadName(const ThreadInfo &thread, int poolIndex)
{
    switch (thread.role) {
    case ThreadRole::Machine: return fmt::format("M{}", thread.thread);
    case ThreadRole::Loop: return fmt::format("loop (process {})", thread.group);
    case ThreadRole::PoolThread: return fmt::format("libuv {} (process {})", poolIndex, thread.group);
    case ThreadRole::Worker: return fmt::format("worker {}", thread.thread);
    }
    return fmt::format("thread {}", thread.thread);
}

std::string_view spanKindKey(SpanKind kind)
{
    switch (kind) {
    case SpanKind::Work: return "work";
    case SpanKind::Switch: return "switch";
    case SpanKind::Spawn: return "spawn";
    case SpanKind::StackCopy: return "stack_copy";
    case SpanKind::Dispatch: return "dispatch";
    case SpanKind::Gc: return "gc";
    }
    return "work";
}

std::string taskLabel(ModelKind model, std::uint64_t task, std::uint32_t request)
{
    switch (model) {
    case ModelKind::Fibers: return fmt::format("G{}", task);
    case ModelKind::EventLoop:
        return request == kNoRequest ? fmt::format("task {}", task) : fmt::format("#{}", request);
    case ModelKind::Threads: return fmt::format("T{}", task);
    }
    return fmt::format("{}", task);
}

std::string spanName(ModelKind model, const Span &span, ThreadRole role)
{
    if (model == ModelKind::EventLoop) {
        // The loop runs callbacks, not named tasks: say what kind of work it was.
        std::string_view what = "callback";
        switch (span.kind) {
        case SpanKind::Work: what = role == ThreadRole::PoolThread ? "libuv work" : "callback"; break;
        case SpanKind::Switch: what = "switch"; break;
        case SpanKind::Spawn: what = "spawn"; break;
        case SpanKind::StackCopy: what = "stack copy"; break;
        case SpanKind::Dispatch: what = "dispatch"; break;
        case SpanKind::Gc: what = "GC scavenge"; break;
        }
        return withRequest(std::string(what), span.request);
    }
    // A span of no task is the runtime's own (an M looking for work, a thread starting up).
    const std::string who = span.task == 0 ? std::string("runtime") : taskLabel(model, span.task, span.request);
    switch (span.kind) {
    case SpanKind::Work: return withRequest(who, span.request);
    case SpanKind::Switch: return withRequest("switch · " + who, span.request);
    case SpanKind::Spawn: return withRequest("spawn · " + who, span.request);
    case SpanKind::StackCopy: return withRequest("stack copy · " + who, span.request);
    case SpanKind::Dispatch: return withRequest("dispatch · " + who, span.request);
    case SpanKind::Gc: return "GC";
    }
    return withRequest(who, span.request);
}

bool isWait(TaskState state)
{
    switch (state) {
    case TaskState::Runnable:
    case TaskState::IoWait:
    case TaskState::PoolWait:
    case TaskState::Blocked:
    case TaskState::Joining: return true;
    case TaskState::Created:
    case TaskState::Running:
    case TaskState::Done:
    case TaskState::Refused: return false;
    }
    return false;
}

std::string_view waitName(TaskState state)
{
    switch (state) {
    case TaskState::Runnable: return "runnable";
    case TaskState::IoWait: return "io wait";
    case TaskState::PoolWait: return "pool wait";
    case TaskState::Blocked: return "blocked";
    case TaskState::Joining: return "joining";
    case TaskState::Created:
    case TaskState::Running:
    case TaskState::Done:
    case TaskState::Refused: break;
    }
    return "";
}

std::string_view placeKey(Place place)
{
    switch (place) {
    case Place::None: return "none";
    case Place::Core: return "core";
    case Place::RunNext: return "run_next";
    case Place::LocalQueue: return "local_queue";
    case Place::GlobalQueue: return "global_queue";
    case Place::Netpoller: return "netpoller";
    case Place::Syscall: return "syscall";
    case Place::KernelQueue: return "kernel_queue";
    case Place::CallbackQueue: return "callback_queue";
    case Place::MicrotaskQueue: return "microtask_queue";
    case Place::Epoll: return "epoll";
    case Place::UvQueue: return "uv_queue";
    case Place::UvThread: return "uv_thread";
    case Place::WorkQueue: return "work_queue";
    case Place::ConnectionPool: return "connection_pool";
    case Place::Join: return "join";
    }
    return "none";
}

CounterName counterName(ModelKind model, Counter counter, std::int32_t index, std::span<const std::string> poolNames)
{
    switch (counter) {
    case Counter::InFlight: return {"requests in flight", "count"};
    case Counter::Tasks: return {"live tasks", "count"};
    case Counter::Threads: return {"OS threads", "count"};
    case Counter::RunQueue:
        switch (model) {
        case ModelKind::Fibers: return {fmt::format("run queue P{}", index), "length"};
        case ModelKind::EventLoop: return {fmt::format("callback queue (process {})", index), "length"};
        case ModelKind::Threads: return {"work queue", "length"};
        }
        break;
    case Counter::KernelQueue: return {"kernel run queue", "length"};
    case Counter::GlobalQueue: return {"global run queue", "length"};
    case Counter::Waiting: return {"waiting on network I/O", "count"};
    case Counter::Blocked: return {"in blocking calls", "count"};
    case Counter::PoolQueue: {
        const auto i = static_cast<std::size_t>(index);
        if (index >= 0 && i < poolNames.size())
            return {fmt::format("waiting for pool {}", poolNames[i]), "length"};
        return {fmt::format("waiting for pool {}", index), "length"};
    }
    case Counter::UvQueue: return {fmt::format("libuv queue (process {})", index), "length"};
    case Counter::StackCommitted: return {"stack committed", "bytes"};
    case Counter::StackReserved: return {"stack reserved", "bytes"};
    case Counter::OtherCommitted: return {"other committed", "bytes"};
    }
    return {fmt::format("counter {}", static_cast<int>(counter)), "value"};
}

std::string_view narrationKindKey(NarrationKind kind)
{
    switch (kind) {
    case NarrationKind::Steal: return "steal";
    case NarrationKind::Preempt: return "preempt";
    case NarrationKind::Handoff: return "handoff";
    case NarrationKind::ThreadCreated: return "thread_created";
    case NarrationKind::PoolSaturated: return "pool_saturated";
    case NarrationKind::QueueOverflow: return "queue_overflow";
    case NarrationKind::Refused: return "refused";
    case NarrationKind::StackGrowth: return "stack_growth";
    case NarrationKind::LoopLag: return "loop_lag";
    case NarrationKind::LoopDelay: return "loop_delay";
    case NarrationKind::Saturation: return "saturation";
    case NarrationKind::QueueGrowth: return "queue_growth";
    case NarrationKind::Info: return "info";
    }
    return "info";
}

} // namespace conviz::exports
