// Field-by-field equality of trace records (the records have no operator== of their own), for tests
// that compare traces: determinism, and the packed lists' round trips.
#pragma once

#include "engine/trace.h"

namespace conviz::test {

inline bool same(const Span &a, const Span &b)
{
    return a.start == b.start && a.end == b.end && a.core == b.core && a.thread == b.thread && a.task == b.task &&
           a.request == b.request && a.kind == b.kind;
}
inline bool same(const ThreadInfo &a, const ThreadInfo &b)
{
    return a.time == b.time && a.thread == b.thread && a.role == b.role && a.group == b.group && a.exited == b.exited;
}
inline bool same(const TaskEvent &a, const TaskEvent &b)
{
    return a.time == b.time && a.task == b.task && a.request == b.request && a.parent == b.parent &&
           a.state == b.state && a.place == b.place && a.index == b.index && a.slot == b.slot;
}
inline bool same(const StackEvent &a, const StackEvent &b)
{
    return a.time == b.time && a.owner == b.owner && a.kind == b.kind && a.reserved == b.reserved &&
           a.committed == b.committed;
}
inline bool same(const CounterSample &a, const CounterSample &b)
{
    return a.time == b.time && a.counter == b.counter && a.index == b.index && a.value == b.value;
}
inline bool same(const Narration &a, const Narration &b)
{
    return a.time == b.time && a.kind == b.kind && a.text == b.text;
}

} // namespace conviz::test
