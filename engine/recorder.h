// An Observer that keeps everything it hears as a Trace, up to a size limit. Past the limit it stops
// recording altogether (and says when), so the trace stays consistent up to that instant.
#pragma once

#include "engine/trace.h"

#include <cstddef>
#include <vector>

namespace conviz {

struct Trace {
    std::vector<Span> spans;            // in order of their end time
    std::vector<ThreadInfo> threads;
    std::vector<TaskEvent> tasks;
    std::vector<StackEvent> stacks;
    std::vector<CounterSample> counters;
    std::vector<Narration> narration;
    Nanos truncatedAt = Nanos::max();   // nothing at or after this instant was recorded

    bool truncated() const { return truncatedAt != Nanos::max(); }
    std::size_t records() const;
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

    Trace take() { return std::move(m_trace); }

private:
    bool room(Nanos t);

    Trace m_trace;
    std::size_t m_maxRecords;
    std::size_t m_count = 0;
};

} // namespace conviz
