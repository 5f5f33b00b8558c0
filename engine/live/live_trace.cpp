#include "engine/live/live_trace.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace conviz::live {
namespace {

ThreadRole engineRole(LiveThreadRole role, ModelKind model)
{
    switch (role) {
    case LiveThreadRole::Worker: return ThreadRole::Machine; // an M running a P's goroutines
    case LiveThreadRole::Loop: return ThreadRole::Loop;
    case LiveThreadRole::Pool: return model == ModelKind::EventLoop ? ThreadRole::PoolThread : ThreadRole::Worker;
    case LiveThreadRole::Request: return ThreadRole::Worker;
    }
    return ThreadRole::Worker;
}

TaskState engineState(LiveTaskState state)
{
    switch (state) {
    case LiveTaskState::Running: return TaskState::Running;
    case LiveTaskState::Io: return TaskState::IoWait;
    case LiveTaskState::Pool: return TaskState::PoolWait;
    case LiveTaskState::Blocked: return TaskState::Blocked;
    case LiveTaskState::Joining: return TaskState::Joining;
    case LiveTaskState::Done: return TaskState::Done;
    case LiveTaskState::Refused: return TaskState::Refused;
    }
    return TaskState::Running;
}

std::uint32_t requestOf(std::uint64_t index)
{
    return index < kNoRequest ? static_cast<std::uint32_t>(index) : kNoRequest;
}

} // namespace

const char *roleKey(LiveThreadRole role)
{
    switch (role) {
    case LiveThreadRole::Worker: return "worker";
    case LiveThreadRole::Loop: return "loop";
    case LiveThreadRole::Pool: return "pool";
    case LiveThreadRole::Request: return "request";
    }
    return "worker";
}

const char *stateKey(LiveTaskState state)
{
    switch (state) {
    case LiveTaskState::Running: return "running";
    case LiveTaskState::Io: return "io";
    case LiveTaskState::Pool: return "pool";
    case LiveTaskState::Blocked: return "blocked";
    case LiveTaskState::Joining: return "joining";
    case LiveTaskState::Done: return "done";
    case LiveTaskState::Refused: return "refused";
    }
    return "running";
}

Trace toTrace(const LiveTrace &trace, ModelKind model)
{
    Trace out;
    std::vector<std::int64_t> firstRun(trace.threads.size(), -1);
    std::map<std::pair<std::uint64_t, std::int64_t>, std::int32_t> cpuAt; // (task, span start) -> its CPU
    for (const LiveSpan &s : trace.spans) {
        cpuAt[{s.task, s.startNs}] = s.cpu;
        out.spans.push_back({Nanos{s.startNs}, Nanos{s.endNs}, static_cast<std::uint32_t>(s.cpu), s.thread, s.task,
                             requestOf(s.request), SpanKind::Work});
        if (s.thread < firstRun.size() && firstRun[s.thread] < 0)
            firstRun[s.thread] = s.startNs;
    }
    for (const LiveThread &t : trace.threads) {
        const std::int64_t at = t.serial < firstRun.size() ? std::max<std::int64_t>(firstRun[t.serial], 0) : 0;
        out.threads.push_back({Nanos{at}, t.serial, engineRole(t.role, model), 0, false});
    }
    std::sort(out.threads.begin(), out.threads.end(),
              [](const ThreadInfo &a, const ThreadInfo &b) { return a.time < b.time; });
    std::unordered_set<std::uint64_t> created;
    for (const LiveTaskEvent &e : trace.tasks) {
        const std::uint32_t request = requestOf(e.request);
        if (e.task != 0 && created.insert(e.task).second)
            out.tasks.push_back({Nanos{e.timeNs}, e.task, request, e.parent, TaskState::Created, Place::None, 0, -1});
        // A task starts running with its span, on that span's CPU.
        const auto cpu = e.state == LiveTaskState::Running ? cpuAt.find({e.task, e.timeNs}) : cpuAt.end();
        const bool onCore = cpu != cpuAt.end();
        out.tasks.push_back({Nanos{e.timeNs}, e.task, request, e.parent, engineState(e.state),
                             onCore ? Place::Core : Place::None, onCore ? cpu->second : 0, -1});
        if (e.state == LiveTaskState::Done && e.parent == 0)
            out.completions.push_back(Nanos{e.timeNs});
    }
    if (trace.truncated)
        out.truncatedAt = Nanos{trace.truncatedAtNs};
    return out;
}

} // namespace conviz::live
