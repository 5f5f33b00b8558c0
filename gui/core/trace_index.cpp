#include "gui/core/trace_index.h"

#include "gui/core/dense_ids.h"

#include <algorithm>

namespace conviz::gui {
namespace {

template <typename E>
std::size_t countUntil(const PackedLog<E> &events, Nanos t)
{
    return static_cast<std::size_t>(
        std::upper_bound(events.begin(), events.end(), t, [](Nanos x, const E &e) { return x < e.time; }) -
        events.begin());
}

// Whether `cancel` is raised, looked at once every 65,536 records (`position`): an atomic load per
// record would cost more than the check is worth.
bool raisedAt(const std::atomic<bool> *cancel, std::uint32_t position)
{
    return cancel && (position & 0xffffu) == 0 && cancel->load(std::memory_order_relaxed);
}

} // namespace

TraceIndex::TraceIndex(std::shared_ptr<const Trace> trace, int cores, const std::atomic<bool> *cancel)
    : m_trace(std::move(trace))
{
    const Trace &tr = *m_trace;
    const auto stop = [&](std::uint32_t position) {
        if (!raisedAt(cancel, position))
            return false; // no store to the member for each record
        m_cancelled = true;
        return true;
    };
    m_coreSpans.resize(static_cast<std::size_t>(std::max(cores, 1)));
    m_coreEnds.resize(m_coreSpans.size());
    // Spans arrive in end order; per core they do not overlap, so end order is also start order.
    // One pass over the packed spans: a core the scenario did not name gets its lists on the way.
    std::uint32_t position = 0;
    for (const Span &s : tr.spans) {
        if (stop(position))
            return;
        if (s.core >= m_coreSpans.size()) {
            m_coreSpans.resize(s.core + std::size_t{1});
            m_coreEnds.resize(m_coreSpans.size());
        }
        if (s.end > s.start) {
            m_coreSpans[s.core].push_back(position);
            m_coreEnds[s.core].push_back(s.end.count());
        }
        ++position;
    }

    position = 0;
    for (const CounterSample &c : tr.counters) {
        if (stop(position))
            return;
        m_counters[{c.counter, c.index}].push_back(position++);
    }

    {
        DenseIds ids;
        std::vector<std::uint32_t> holders;
        std::vector<std::uint8_t> ends;
        holders.reserve(tr.tasks.size());
        ends.reserve(tr.tasks.size());
        for (const TaskEvent &e : tr.tasks) {
            if (stop(static_cast<std::uint32_t>(holders.size())))
                return;
            holders.push_back(ids.of(e.task));
            ends.push_back(endsTask(e) ? 1 : 0);
        }
        m_taskReplay = std::make_shared<LiveSetIndex>(std::move(holders), std::move(ends), ids.count());
    }
    {
        DenseIds ids;
        std::vector<std::uint32_t> holders;
        std::vector<std::uint8_t> ends;
        for (const StackEvent &e : tr.stacks) {
            if (stop(static_cast<std::uint32_t>(holders.size())))
                return;
            holders.push_back(ids.of(e.owner * 2 + (e.kind == StackOwner::Thread ? 1 : 0)));
            ends.push_back(e.reserved == 0 && e.committed == 0 ? 1 : 0);
        }
        m_stackReplay = std::make_shared<LiveSetIndex>(std::move(holders), std::move(ends), ids.count());
    }

    Nanos last{};
    if (!tr.spans.empty())
        last = max(last, tr.spans.back().end);
    if (!tr.tasks.empty())
        last = max(last, tr.tasks.back().time);
    if (!tr.counters.empty())
        last = max(last, tr.counters.back().time);
    if (!tr.stacks.empty())
        last = max(last, tr.stacks.back().time);
    m_end = tr.truncated() ? min(last, tr.truncatedAt) : last;
}

std::size_t TraceIndex::bytes() const
{
    std::size_t n = m_taskReplay->bytes() + m_stackReplay->bytes();
    for (std::size_t c = 0; c < m_coreSpans.size(); ++c)
        n += m_coreSpans[c].capacity() * sizeof(std::uint32_t) + m_coreEnds[c].capacity() * sizeof(std::int64_t);
    for (const auto &[key, positions] : m_counters)
        n += positions.capacity() * sizeof(std::uint32_t);
    return n;
}

std::size_t TraceIndex::firstSpanEndingAfter(int core, Nanos t) const
{
    const auto &ends = m_coreEnds[static_cast<std::size_t>(core)];
    return static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), t.count()) - ends.begin());
}

std::optional<Span> TraceIndex::spanAt(int core, Nanos t) const
{
    if (core < 0 || core >= cores())
        return std::nullopt;
    const std::size_t i = firstSpanEndingAfter(core, t);
    const auto &spans = m_coreSpans[static_cast<std::size_t>(core)];
    if (i >= spans.size())
        return std::nullopt;
    Span s = m_trace->spans[spans[i]];
    if (s.start > t)
        return std::nullopt;
    return s;
}

std::size_t TraceIndex::taskEventsUntil(Nanos t) const { return countUntil(m_trace->tasks, t); }
std::size_t TraceIndex::stackEventsUntil(Nanos t) const { return countUntil(m_trace->stacks, t); }

std::optional<CounterSample> CounterSeries::at(Nanos t) const
{
    // Binary search for the first sample after t.
    std::size_t lo = 0, hi = size();
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if ((*this)[mid].time <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return std::nullopt;
    return (*this)[lo - 1];
}

std::int64_t TraceIndex::counterAt(Counter counter, int index, Nanos t) const
{
    const auto sample = counterSeries(counter, index).at(t);
    return sample ? sample->value : 0;
}

CounterSeries TraceIndex::counterSeries(Counter counter, int index) const
{
    const auto it = m_counters.find({counter, index});
    if (it == m_counters.end())
        return {};
    return {&m_trace->counters, it->second};
}

std::vector<int> TraceIndex::counterIndices(Counter counter) const
{
    std::vector<int> out;
    for (const auto &[key, samples] : m_counters)
        if (key.first == counter)
            out.push_back(key.second);
    return out;
}

Nanos TraceIndex::nextChange(Nanos t) const
{
    Nanos best = Nanos::max();
    const auto &tasks = m_trace->tasks;
    const std::size_t i = taskEventsUntil(t);
    if (i < tasks.size())
        best = tasks[i].time;
    for (int c = 0; c < cores(); ++c) {
        const auto &spans = m_coreSpans[static_cast<std::size_t>(c)];
        const std::size_t k = firstSpanEndingAfter(c, t);
        if (k < spans.size()) {
            const Span s = m_trace->spans[spans[k]];
            best = min(best, s.start > t ? s.start : s.end);
        }
    }
    return best == Nanos::max() ? t : min(best, m_end);
}

Nanos TraceIndex::previousChange(Nanos t) const
{
    Nanos best{-1};
    const auto &tasks = m_trace->tasks;
    const auto it =
        std::lower_bound(tasks.begin(), tasks.end(), t, [](const TaskEvent &e, Nanos x) { return e.time < x; });
    if (it != tasks.begin())
        best = std::prev(it)->time;
    for (int c = 0; c < cores(); ++c) {
        const auto &spans = m_coreSpans[static_cast<std::size_t>(c)];
        // The last span that starts before t: its end if that is before t, else its start.
        const std::size_t k = firstSpanEndingAfter(c, Nanos{t.count() - 1});
        if (k < spans.size()) {
            if (const Nanos start = m_trace->spans[spans[k]].start; start < t)
                best = max(best, start);
        }
        if (k > 0)
            best = max(best, m_trace->spans[spans[k - 1]].end);
    }
    return best < Nanos::zero() ? t : best;
}

TraceCursor::TraceCursor(std::shared_ptr<const TraceIndex> index)
    : m_index(std::move(index)), m_tasks(m_index->taskReplay()), m_stacks(m_index->stackReplay())
{
}

void TraceCursor::seek(Nanos t)
{
    if (t == m_time)
        return;
    m_time = t;
    m_tasks.seek(m_index->taskEventsUntil(t));
    m_stacks.seek(m_index->stackEventsUntil(t));
}

std::vector<StackGroup> TraceCursor::stackGroups() const
{
    std::vector<StackGroup> groups;
    const auto &events = m_index->trace().stacks;
    for (std::uint32_t h : m_stacks.live()) {
        const StackEvent e = events[static_cast<std::size_t>(m_stacks.eventOf(h))];
        auto it = std::find_if(groups.begin(), groups.end(), [&](const StackGroup &g) {
            return g.kind == e.kind && g.reserved == e.reserved && g.committed == e.committed;
        });
        if (it == groups.end())
            groups.push_back({e.kind, e.reserved, e.committed, 1});
        else
            ++it->count;
    }
    std::sort(groups.begin(), groups.end(), [](const StackGroup &a, const StackGroup &b) {
        if (a.reserved != b.reserved)
            return a.reserved > b.reserved;
        if (a.committed != b.committed)
            return a.committed > b.committed;
        return a.kind < b.kind;
    });
    return groups;
}

} // namespace conviz::gui
