#include "engine/recorder.h"

namespace conviz {

std::size_t Trace::records() const
{
    return spans.size() + threads.size() + tasks.size() + stacks.size() + counters.size() + narration.size();
}

bool Recorder::room(Nanos t)
{
    if (t >= m_trace.truncatedAt)
        return false;
    if (++m_count <= m_maxRecords)
        return true;
    m_trace.truncatedAt = t;
    return false;
}

void Recorder::onSpan(const Span &s)
{
    // A span is reported when it ends; keep it only if it started before the cut.
    if (s.start < m_trace.truncatedAt && room(s.start))
        m_trace.spans.push_back(s);
}

void Recorder::onThread(const ThreadInfo &t)
{
    if (room(t.time))
        m_trace.threads.push_back(t);
}

void Recorder::onTask(const TaskEvent &e)
{
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
        v.back().value = c.value;
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
