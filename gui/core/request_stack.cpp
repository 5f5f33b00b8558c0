#include "gui/core/request_stack.h"

#include <algorithm>

namespace conviz::gui {
namespace {

bool sameSize(const StackEvent &e, const StackGroup &g)
{
    return e.kind == g.kind && e.reserved == g.reserved && e.committed == g.committed;
}

// The thread a request ran on last, at or before t (its first one if it has not run yet): its spans
// in `life`.
std::optional<std::uint32_t> threadOf(const Trace &trace, const RequestLife &life, Nanos t)
{
    std::optional<std::uint32_t> thread;
    Nanos latest = Nanos::max();
    bool before = false;
    for (std::uint32_t i : life.spans) {
        const Span &s = trace.spans[i];
        if (s.task != life.tasks.front())
            continue;
        const bool isBefore = s.start <= t;
        if ((isBefore && (!before || s.start > latest)) || (!isBefore && !before && s.start < latest)) {
            thread = s.thread;
            latest = s.start;
            before = isBefore;
        }
    }
    return thread;
}

} // namespace

std::optional<StackTile> requestStackTile(const TraceCursor &cursor, ModelKind model, const RequestLife &life)
{
    if (model == ModelKind::EventLoop || life.tasks.empty() || !life.stateAt(cursor.time()))
        return std::nullopt; // no stack of its own, or not alive now
    const Trace &trace = cursor.index().trace();
    std::optional<std::uint64_t> owner;
    if (model == ModelKind::Fibers)
        owner = life.tasks.front();
    else if (const auto thread = threadOf(trace, life, cursor.time()))
        owner = *thread;
    if (!owner)
        return std::nullopt;
    const StackOwner kind = model == ModelKind::Fibers ? StackOwner::Goroutine : StackOwner::Thread;
    std::optional<StackEvent> mine;
    cursor.forEachLiveStack([&](const StackEvent &e) {
        if (e.owner == *owner && e.kind == kind)
            mine = e;
    });
    if (!mine)
        return std::nullopt;
    StackTile tile{{mine->kind, mine->reserved, mine->committed, 0}, 0};
    bool found = false;
    cursor.forEachLiveStack([&](const StackEvent &e) {
        if (found || !sameSize(e, tile.group))
            return;
        if (e.owner == mine->owner && e.kind == mine->kind)
            found = true;
        else
            ++tile.position;
    });
    return tile;
}

std::uint32_t stackTileRequest(const TraceCursor &cursor, ModelKind model, const StackGroup &group,
                               std::int64_t position)
{
    if (model == ModelKind::EventLoop)
        return kNoRequest;
    std::optional<StackEvent> stack;
    std::int64_t seen = 0;
    cursor.forEachLiveStack([&](const StackEvent &e) {
        if (!stack && sameSize(e, group) && seen++ == position)
            stack = e;
    });
    if (!stack)
        return kNoRequest;
    const Trace &trace = cursor.index().trace();
    if (stack->kind == StackOwner::Goroutine) {
        const auto it = std::find_if(trace.tasks.begin(), trace.tasks.end(),
                                     [&](const TaskEvent &e) { return e.task == stack->owner; });
        return it == trace.tasks.end() ? kNoRequest : it->request;
    }
    // A thread: the request it ran last, at or before now.
    std::uint32_t request = kNoRequest;
    Nanos latest = Nanos::zero() - Nanos{1};
    for (const Span &s : trace.spans)
        if (s.thread == stack->owner && s.request != kNoRequest && s.start <= cursor.time() && s.start > latest) {
            latest = s.start;
            request = s.request;
        }
    return request;
}

} // namespace conviz::gui
