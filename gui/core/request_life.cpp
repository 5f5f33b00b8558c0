#include "gui/core/request_life.h"

#include <algorithm>

namespace conviz::gui {
namespace {

// The state a root task's event puts it in until its next event; Running and Runnable are split
// later by the spans (a thread the kernel preempted is Running to its program but on no core).
LifeState stateOf(const TaskEvent &e)
{
    switch (e.state) {
    case TaskState::Created:
    case TaskState::Runnable:
    case TaskState::Running: return e.place == Place::WorkQueue ? LifeState::QueueWait : LifeState::CpuWait;
    case TaskState::IoWait: return LifeState::Io;
    case TaskState::PoolWait: return LifeState::PoolWait;
    case TaskState::Blocked: return e.place == Place::UvQueue ? LifeState::QueueWait : LifeState::Blocking;
    case TaskState::Joining: return LifeState::Join;
    case TaskState::Done:
    case TaskState::Refused: break;
    }
    return LifeState::CpuWait;
}

void append(RequestLife &life, Nanos a, Nanos b, LifeState s)
{
    if (b <= a)
        return;
    life.totals[static_cast<std::size_t>(s)] += b - a;
    if (!life.segments.empty() && life.segments.back().state == s && life.segments.back().end == a) {
        life.segments.back().end = b;
        return;
    }
    life.segments.push_back({a, b, s});
}

} // namespace

std::optional<LifeState> RequestLife::stateAt(Nanos t) const
{
    auto it =
        std::upper_bound(segments.begin(), segments.end(), t, [](Nanos v, const LifeSegment &s) { return v < s.end; });
    if (it == segments.end() || t < it->start)
        return std::nullopt;
    return it->state;
}

std::optional<RequestLife> requestLife(const Trace &trace, std::uint32_t request)
{
    if (request == kNoRequest)
        return std::nullopt;
    RequestLife life;
    life.request = request;
    std::vector<TaskEvent> root; // the root task's events, in time order
    for (const TaskEvent &e : trace.tasks) {
        if (e.request != request)
            continue;
        if (std::find(life.tasks.begin(), life.tasks.end(), e.task) == life.tasks.end())
            life.tasks.push_back(e.task);
        if (e.parent == 0 && (root.empty() || root.front().task == e.task))
            root.push_back(e);
    }
    if (root.empty())
        return std::nullopt;
    const std::uint64_t rootTask = root.front().task;
    std::iter_swap(life.tasks.begin(), std::find(life.tasks.begin(), life.tasks.end(), rootTask));

    // The root's spans on any core, by start: where it ran.
    std::vector<std::pair<Nanos, Nanos>> ran;
    std::uint32_t position = 0;
    for (const Span &s : trace.spans) {
        if (s.request == request) {
            life.spans.push_back(position);
            if (s.task == rootTask && s.end > s.start)
                ran.emplace_back(s.start, s.end);
        }
        ++position;
    }
    std::sort(ran.begin(), ran.end());

    life.arrival = root.front().time;
    const TaskEvent &last = root.back();
    life.finished = last.state == TaskState::Done || last.state == TaskState::Refused;
    life.refused = last.state == TaskState::Refused;
    life.end = life.finished ? last.time : std::max(last.time, trace.truncated() ? trace.truncatedAt : last.time);
    if (!life.finished && !trace.spans.empty() && !trace.truncated()) {
        Nanos latest = last.time; // an unfinished request in a complete trace: up to the trace's last record
        for (const Span &s : trace.spans)
            latest = std::max(latest, s.end);
        life.end = latest;
    }

    std::size_t r = 0; // the first span of `ran` that may overlap the stretch
    for (std::size_t i = 0; i < root.size(); ++i) {
        const Nanos a = root[i].time;
        const Nanos b = i + 1 < root.size() ? root[i + 1].time : life.end;
        if (i + 1 == root.size() && life.finished)
            break;
        const LifeState s = stateOf(root[i]);
        if (s != LifeState::CpuWait) {
            append(life, a, b, s);
            continue;
        }
        // Ready or running to the model: on a core while one of its spans is, else waiting for one.
        Nanos at = a;
        while (r < ran.size() && ran[r].second <= at)
            ++r;
        for (std::size_t k = r; k < ran.size() && ran[k].first < b; ++k) {
            const Nanos from = std::max(ran[k].first, at);
            const Nanos to = std::min(ran[k].second, b);
            if (to <= at)
                continue;
            append(life, at, from, LifeState::CpuWait);
            append(life, from, to, LifeState::Ran);
            at = to;
        }
        append(life, at, b, LifeState::CpuWait);
    }
    return life;
}

} // namespace conviz::gui
