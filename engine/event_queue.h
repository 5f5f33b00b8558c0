// The pending events of a Simulation: a radix heap on the integer clock. See docs/performance.md for
// the queues measured before choosing this one.
#pragma once

#include "engine/core/sim_time.h"

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace conviz {

class EventHandler;

struct Event {
    Nanos time;
    EventHandler *target = nullptr;
    std::uint32_t kind = 0; // meaning private to the target
    std::uint32_t a = 0;    // payload
    std::uint64_t b = 0;    // payload
};

// A monotone priority queue: every push is at or after the time of the last pop, which a simulation
// clock guarantees. Pops come out in (time, push order): earlier time first, and among equal times
// the event pushed first. No sequence number is stored for that: each bucket holds its events in
// push order (a bucket is refilled only while every lower bucket is empty, and later pushes append),
// and bucket 0, whose events all share one time, is consumed from the front.
//
// Bucket k > 0 holds the events whose time differs from m_last in bit k−1 and no higher bit, so an
// event moves down at most 64 times in its life and, with delays far below 2^64 ns, a handful of
// times in practice. Buckets keep their capacity, so a steady run allocates nothing.
class EventQueue {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    // Precondition: event.time >= the time of the last pop (checked by Simulation::schedule).
    void push(const Event &event)
    {
        const std::size_t k = bucketOf(event.time);
        m_buckets[k].push_back(event);
        m_least[k] = min(m_least[k], event.time);
        m_occupied |= std::uint64_t{1} << k;
        ++m_size;
    }

    // Makes the earliest event the front one if its time is at most `limit`; returns false (and
    // changes nothing) if the queue is empty or every event is later than `limit`.
    bool prepareFront(Nanos limit = Nanos::max())
    {
        if (m_front < m_buckets[0].size())
            return true;
        return refill(limit);
    }
    // The earliest event. Precondition: prepareFront() returned true and nothing was pushed since.
    const Event &front() const { return m_buckets[0][m_front]; }
    // Removes front().
    void popFront()
    {
        ++m_front;
        --m_size;
    }

private:
    // Times are never negative, so they differ from m_last in bit 62 at most: 64 buckets.
    static constexpr std::size_t kBuckets = 64;

    // Precondition: t >= m_last >= 0.
    std::size_t bucketOf(Nanos t) const
    {
        return static_cast<std::size_t>(
            std::bit_width(static_cast<std::uint64_t>(t.count()) ^ static_cast<std::uint64_t>(m_last.count())));
    }
    bool refill(Nanos limit);
    static constexpr std::array<Nanos, kBuckets> allLatest()
    {
        std::array<Nanos, kBuckets> a{};
        a.fill(Nanos::max());
        return a;
    }

    std::array<std::vector<Event>, kBuckets> m_buckets;
    std::array<Nanos, kBuckets> m_least = allLatest(); // the earliest time in each bucket (bucket 0: unused)
    std::uint64_t m_occupied = 0;                      // bit k set: bucket k may hold events (k > 0: it does)
    std::size_t m_front = 0;                           // events of bucket 0 already popped
    std::size_t m_size = 0;
    Nanos m_last{}; // the time of bucket 0's events: the last minimum found
};

} // namespace conviz
