// An Observer that keeps everything it hears as a Trace, up to a size limit. Past the limit it stops
// recording altogether (and says when), so the trace stays consistent up to that instant.
#pragma once

#include "engine/trace.h"
#include "engine/trace_codecs.h"

#include <cstddef>
#include <vector>

namespace conviz {

// The many kinds of record (spans, task and stack events, counters) are packed (packed_log.h): read
// them by value, in order or by index.
struct Trace {
    PackedLog<Span> spans; // each core's in time order; across cores, as their bursts ended
    std::vector<ThreadInfo> threads;
    PackedLog<TaskEvent> tasks;
    PackedLog<StackEvent> stacks;
    PackedLog<CounterSample> counters;
    std::vector<Narration> narration;
    // When each request finished (its root task's Done), in time order, for the whole run even
    // past a cut: one entry per request, so throughput over time never stops where the trace does.
    // Not counted in records().
    std::vector<Nanos> completions;
    Nanos truncatedAt = Nanos::max(); // nothing that starts at or after this instant was kept

    bool truncated() const { return truncatedAt != Nanos::max(); }
    std::size_t records() const;
    std::size_t bytes() const; // what the records hold in memory
};

class Recorder final : public Observer {
public:
    explicit Recorder(std::size_t maxRecords = 4'000'000) : m_maxRecords(maxRecords) {}

    void onSpan(const Span &s) override;
    void onThread(const ThreadInfo &t) override;
    void onTask(const TaskEvent &e) override;
    void onStack(const StackEvent &e) override;
    void onCounter(const CounterSample &c) override;
    void onNarration(const Narration &n) override;

    // The trace. If the limit was reached, records kept at or after the cut (same-instant records
    // kept just before it) are dropped, so the trace is complete up to truncatedAt.
    Trace take();

private:
    // True if a record can be kept. `reported` is when the engine reported it (a span's end).
    bool room(Nanos reported);

    Trace m_trace;
    std::size_t m_maxRecords;
    std::size_t m_count = 0;
    Nanos m_latest{}; // the latest instant anything was reported at: the simulation's clock
};

} // namespace conviz
