// Which holders (tasks, stacks) are alive after the first p events of a time-ordered event list,
// and which event last described each. LiveSetIndex is the immutable part (built once, on a worker
// thread); LiveSetCursor moves forward or backward one event at a time in O(1), and jumps far
// through checkpoints, so scrubbing a trace of millions of events stays fast.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

namespace conviz::gui {

class LiveSetIndex {
public:
    // holderOfEvent[e]: dense holder id (< holderCount) of event e; ends[e]: the holder is gone after
    // it. A checkpoint is taken every max(minCheckpointGap, 2 × live holders) events, which keeps
    // their total size proportional to the event count.
    LiveSetIndex(std::vector<std::uint32_t> holderOfEvent, std::vector<std::uint8_t> ends, std::uint32_t holderCount,
                 std::size_t minCheckpointGap = 16384);

    std::size_t size() const { return m_holder.size(); }
    std::uint32_t holderCount() const { return m_holderCount; }
    std::size_t checkpointCount() const { return m_checkpoints.size(); }
    std::size_t bytes() const; // what the index holds in memory

private:
    friend class LiveSetCursor;
    struct Checkpoint {
        std::size_t position = 0;
        std::vector<std::pair<std::uint32_t, std::int32_t>> live; // holder, its current event
    };

    std::vector<std::uint32_t> m_holder;
    std::vector<std::uint8_t> m_ends;
    std::vector<std::int32_t> m_prev; // previous event of the same holder, -1 if none
    std::vector<Checkpoint> m_checkpoints;
    std::uint32_t m_holderCount = 0;
};

// Not thread-safe: one cursor per thread (the GUI keeps one per model).
class LiveSetCursor {
public:
    explicit LiveSetCursor(std::shared_ptr<const LiveSetIndex> index);

    // Makes the state the one after the first `position` events (clamped to size()).
    void seek(std::size_t position);
    std::size_t position() const { return m_position; }

    // Holders alive now, in no particular order.
    std::span<const std::uint32_t> live() const { return m_live; }
    // The event that last described a live holder; -1 if the holder is not alive.
    std::int32_t eventOf(std::uint32_t holder) const;
    // Events applied or undone by the last seek (for tests and benchmarks).
    std::size_t lastSeekWork() const { return m_lastWork; }

private:
    bool aliveAt(std::int32_t event) const { return event >= 0 && !m_index->m_ends[static_cast<std::size_t>(event)]; }
    void setCurrent(std::uint32_t holder, std::int32_t event);
    void restore(const LiveSetIndex::Checkpoint &checkpoint);

    std::shared_ptr<const LiveSetIndex> m_index;
    std::vector<std::int32_t> m_current; // by holder
    std::vector<std::uint32_t> m_slot;   // by holder: its place in m_live
    std::vector<std::uint32_t> m_live;
    std::size_t m_position = 0;
    std::size_t m_lastWork = 0;
};

} // namespace conviz::gui
