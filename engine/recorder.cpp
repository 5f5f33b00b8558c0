#include "engine/recorder.h"

namespace conviz {

std::size_t Trace::records() const
{
    return spans.size() + threads.size() + tasks.size() + stacks.size() + counters.size() + narration.size();
}

std::size_t Trace::bytes() const
{
    return spans.bytes() + tasks.bytes() + stacks.bytes() + counters.bytes() + threads.capacity() * sizeof(ThreadInfo) +
           narration.capacity() * sizeof(Narration);
}

bool Recorder::room(Nanos reported)
{
    m_latest = max(m_latest, reported);
    if (m_trace.truncated())
        return false;
    if (++m_count <= m_maxRecords)
        return true;
    // The cut is the clock at the first record that did not fit, and it never moves.
    m_trace.truncatedAt = m_latest;
    return false;
}

Trace Recorder::take()
{
    if (m_trace.truncated()) {
        const Nanos cut = m_trace.truncatedAt;
        const auto at = [cut](const auto &r) { return r.time >= cut; };
        const auto before = [cut](const auto &r) { return r.time < cut; };
        m_trace.spans.keepIf([cut](const Span &s) { return s.start < cut; });
        std::erase_if(m_trace.threads, at);
        m_trace.tasks.keepIf(before);
        m_trace.stacks.keepIf(before);
        m_trace.counters.keepIf(before);
        std::erase_if(m_trace.narration, at);
    }
    return std::move(m_trace);
}

void Recorder::onSpan(const Span &s)
{
    // A span is reported when it ends.
    if (room(s.end))
        m_trace.spans.push_back(s);
}

void Recorder::onThread(const ThreadInfo &t)
{
    if (room(t.time))
        m_trace.threads.push_back(t);
}

void Recorder::onTask(const TaskEvent &e)
{
    if (e.parent == 0 && e.state == TaskState::Done)
        m_trace.completions.push_back(e.time);
    if (room(e.time))
        m_trace.tasks.push_back(e);
}

void Recorder::onStack(const StackEvent &e)
{
    if (room(e.time))
        m_trace.stacks.push_back(e);
}

void Recorder::onCounter(const CounterSample &c)
{
    // Several changes of one counter at one instant keep only the last value.
    auto &v = m_trace.counters;
    if (!v.empty() && v.back().time == c.time && v.back().counter == c.counter && v.back().index == c.index) {
        v.set_back(c);
        return;
    }
    if (room(c.time))
        v.push_back(c);
}

void Recorder::onNarration(const Narration &n)
{
    if (room(n.time))
        m_trace.narration.push_back(n);
}

} // namespace conviz
