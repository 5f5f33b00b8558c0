// Answers "what was the state at time t" for one model's Trace: the span on each core, the live
// tasks with their latest state and place, the live stacks, the counters. TraceIndex is immutable
// (built on a worker thread, shared); TraceCursor is the GUI thread's moving position in it.
#pragma once

#include "engine/recorder.h"
#include "gui/core/live_set_replay.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace conviz::gui {

// One counter's samples, in time order: positions in the trace's packed counter list.
class CounterSeries {
public:
    CounterSeries() = default;
    CounterSeries(const PackedLog<CounterSample> *samples, std::span<const std::uint32_t> positions)
        : m_samples(samples), m_positions(positions)
    {
    }
    std::size_t size() const { return m_positions.size(); }
    bool empty() const { return m_positions.empty(); }
    CounterSample operator[](std::size_t i) const { return (*m_samples)[m_positions[i]]; }
    CounterSample back() const { return (*this)[size() - 1]; }
    // The last sample at or before t; nullopt before the first.
    std::optional<CounterSample> at(Nanos t) const;

    // Walks the packed list forward from sample to sample: a step decodes only the records between
    // them (at most a block), not a block from its start as operator[] does.
    class const_iterator {
    public:
        const_iterator(const CounterSeries *series, std::size_t i) : m_series(series), m_i(i)
        {
            if (i < series->size())
                m_at = series->m_samples->begin() + static_cast<std::ptrdiff_t>(series->m_positions[i]);
        }
        CounterSample operator*() const { return *m_at; }
        const_iterator &operator++()
        {
            const auto positions = m_series->m_positions;
            if (++m_i < positions.size())
                m_at += static_cast<std::ptrdiff_t>(positions[m_i] - positions[m_i - 1]);
            return *this;
        }
        friend bool operator==(const const_iterator &a, const const_iterator &b) { return a.m_i == b.m_i; }

    private:
        const CounterSeries *m_series;
        std::size_t m_i;
        PackedLog<CounterSample>::const_iterator m_at;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, size()}; }

private:
    const PackedLog<CounterSample> *m_samples = nullptr;
    std::span<const std::uint32_t> m_positions;
};

// True for the event that ends a task's life: the replay of live tasks and the run-queue series
// (run_snapshot.h) agree on it.
inline bool endsTask(const TaskEvent &e) { return e.state == TaskState::Done || e.state == TaskState::Refused; }

class TraceIndex {
public:
    // `cores`: the scenario's core count (spans name cores 0..cores-1). `cancel` (null: none) raised
    // while the index is built stops the building within a few tens of thousands of records:
    // cancelled() is then true, and nothing else of the index may be used.
    TraceIndex(std::shared_ptr<const Trace> trace, int cores, const std::atomic<bool> *cancel = nullptr);
    bool cancelled() const { return m_cancelled; }

    const Trace &trace() const { return *m_trace; }
    // What the index adds to the trace in memory (per-core span lists, counter series, replays).
    std::size_t bytes() const;
    int cores() const { return static_cast<int>(m_coreSpans.size()); }
    // The last instant the trace describes: its last record, or the truncation point.
    Nanos end() const { return m_end; }

    // Indices into trace().spans of one core's spans, ordered by time (they do not overlap).
    std::span<const std::uint32_t> coreSpans(int core) const { return m_coreSpans[static_cast<std::size_t>(core)]; }
    // Position in coreSpans(core) of the first span that ends after t.
    std::size_t firstSpanEndingAfter(int core, Nanos t) const;
    // The span running on `core` at t, or nullopt if the core is idle.
    std::optional<Span> spanAt(int core, Nanos t) const;

    // Number of task (stack) events at or before t.
    std::size_t taskEventsUntil(Nanos t) const;
    std::size_t stackEventsUntil(Nanos t) const;
    const std::shared_ptr<const LiveSetIndex> &taskReplay() const { return m_taskReplay; }
    const std::shared_ptr<const LiveSetIndex> &stackReplay() const { return m_stackReplay; }

    // The counter's value at t (its last sample at or before t; 0 before the first).
    std::int64_t counterAt(Counter counter, int index, Nanos t) const;
    // Every sample of one counter, in time order (empty if it never changed).
    CounterSeries counterSeries(Counter counter, int index) const;
    // The indices a counter was recorded with (processes, Ps, pools).
    std::vector<int> counterIndices(Counter counter) const;

    // The next (previous) instant after (before) t at which a task changes state or a core changes
    // what it runs; t itself if there is none.
    Nanos nextChange(Nanos t) const;
    Nanos previousChange(Nanos t) const;

private:
    std::shared_ptr<const Trace> m_trace;
    std::vector<std::vector<std::uint32_t>> m_coreSpans;
    std::vector<std::vector<std::int64_t>> m_coreEnds;                        // end times, for binary search
    std::map<std::pair<Counter, int>, std::vector<std::uint32_t>> m_counters; // positions in trace().counters
    std::shared_ptr<const LiveSetIndex> m_taskReplay;
    std::shared_ptr<const LiveSetIndex> m_stackReplay;
    Nanos m_end{};
    bool m_cancelled = false;
};

// Stacks of one size class alive at an instant: `count` holders each reserving `reserved` bytes of
// which `committed` are resident.
struct StackGroup {
    StackOwner kind = StackOwner::Thread;
    std::int64_t reserved = 0;
    std::int64_t committed = 0;
    std::int64_t count = 0;
    friend bool operator==(const StackGroup &, const StackGroup &) = default;
};

// A position in a TraceIndex. Seeking is incremental (cheap for playback) and uses checkpoints for
// long jumps. GUI thread only.
class TraceCursor {
public:
    explicit TraceCursor(std::shared_ptr<const TraceIndex> index);

    const TraceIndex &index() const { return *m_index; }
    void seek(Nanos t);
    Nanos time() const { return m_time; }

    // Live tasks (created, not done or refused) and the event that describes each one's state:
    // f(event) or f(event, position), the event's order among all task events (earlier = entered
    // earlier).
    std::size_t liveTaskCount() const { return m_tasks.live().size(); }
    template <typename F>
    void forEachLiveTask(F &&f) const
    {
        const auto &events = m_index->trace().tasks;
        for (std::uint32_t h : m_tasks.live()) {
            const auto position = static_cast<std::size_t>(m_tasks.eventOf(h));
            if constexpr (std::is_invocable_v<F, const TaskEvent &, std::size_t>)
                f(events[position], position);
            else
                f(events[position]);
        }
    }

    // Live stacks and the event that gives each one's present size, in the live set's order.
    template <typename F>
    void forEachLiveStack(F &&f) const
    {
        const auto &events = m_index->trace().stacks;
        for (std::uint32_t h : m_stacks.live())
            f(events[static_cast<std::size_t>(m_stacks.eventOf(h))]);
    }
    // Live stacks grouped by (kind, reserved, committed), largest reserved first.
    std::vector<StackGroup> stackGroups() const;
    std::size_t liveStackCount() const { return m_stacks.live().size(); }

private:
    std::shared_ptr<const TraceIndex> m_index;
    LiveSetCursor m_tasks;
    LiveSetCursor m_stacks;
    Nanos m_time{-1};
};

} // namespace conviz::gui
