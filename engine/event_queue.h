// The pending events of a Simulation: a short sorted array while few events are pending, a radix
// heap on the integer clock beyond that, with the array in front of it for its next few events.
// docs/performance.md lists the queues measured before choosing this one.
#pragma once

#include "engine/core/sim_time.h"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
// the event pushed first. No sequence number is stored for that:
// - Few pending (a model serving one request at a time has two or three): a sorted array, earliest
//   last, a new event placed before every event at its time or earlier. Pushes and pops touch a
//   cache line or two; a radix heap would move each event through several buckets.
// - Many pending: a radix heap. Bucket k > 0 holds the events whose time differs from m_last (the
//   latest minimum) first in bit k−1, so an event moves down a handful of times in its life, never
//   more than 63. Each bucket holds its events in push order (a bucket is refilled only while every
//   lower bucket is empty, and later pushes append), and bucket 0, whose events all share one time,
//   is consumed from the front.
// - In front of the heap, the array again: a bucket of at most kSortedMost events is sorted into it
//   instead of being spread over the buckets below, where each of its events would move down a few
//   more times. Until the array is empty, an event pushed at or before its latest goes into it; a
//   later one goes into the heap, so no event of the heap shares a time with one of the array. Full,
//   the array goes back into the heap (its events are all at or after m_last).
// The array turns into the heap past kArrayMost events and back once kArrayFew or fewer are left.
// Buckets and array keep their capacity, so a steady run allocates nothing (a bucket that grew past
// kLargeBucket events is the exception: it is freed once emptied).
class EventQueue {
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    // Precondition: event.time >= the time of the last pop (checked by Simulation::schedule).
    void push(const Event &event)
    {
        if (!m_inArray) { // inline too: a long run pushes millions of events into the heap
            if (m_frontSize != 0 && event.time <= m_array[0].time)
                pushIntoFront(event);
            else
                pushIntoHeap(event);
        } else if (m_size < kArrayMost) {
            insertIntoArray(event, m_size);
        } else {
            arrayToHeap(m_size, event);
        }
        ++m_size;
    }

    // Makes the earliest event the front one if its time is at most `limit`; returns false (and
    // changes nothing) if the queue is empty or every event is later than `limit`.
    bool prepareFront(Nanos limit = Nanos::max())
    {
        if (m_inArray)
            return m_size != 0 && m_array[m_size - 1].time <= limit;
        if (m_frontSize != 0)
            return m_array[m_frontSize - 1].time <= limit;
        if (m_bucket0Next < m_buckets[0].size())
            return true;
        return m_size > kArrayFew ? refillHeap(limit) : backToArray(limit);
    }
    // Removes the earliest event and returns it. Precondition: prepareFront() returned true and
    // nothing was pushed since.
    Event popFront()
    {
        --m_size;
        const Event &e = m_inArray          ? m_array[m_size]
                         : m_frontSize != 0 ? m_array[--m_frontSize]
                                            : m_buckets[0][m_bucket0Next++];
        // Field by field, in 8-byte loads that the 8-byte stores of insertIntoArray() can serve
        // while still pending (an event is often popped right after it was pushed); a whole copy
        // reads 16 bytes at a time, which no single pending store covers.
        const Event out{e.time, e.target, e.kind, e.a, e.b};
        if (m_inArray)
            m_last = out.time;
        return out;
    }

private:
    static constexpr std::size_t kArrayMost = 16;
    static constexpr std::size_t kArrayFew = 4;
    // A bucket of at most this many events is sorted into the array in front of the heap.
    static constexpr std::size_t kSortedMost = 8;
    // Times are never negative, so they differ from m_last in bit 62 at most: 64 buckets.
    static constexpr std::size_t kBuckets = 64;
    // A bucket of at least this many events (8 MiB) is refilled with care: room for its events is
    // reserved in the lower buckets first (no doubling, no copies), and its own buffer is freed once
    // empty. Kept, it would stay allocated beside its events' new buckets, doubling the memory of a
    // queue of a million waiting connections. Queues that hold a hundred thousand events never get here.
    static constexpr std::size_t kLargeBucket = std::size_t{1} << 18;

    // The array holds `n` events before this one.
    void insertIntoArray(const Event &event, std::size_t n)
    {
        // Earliest last: the events that run before this one (at its time or earlier) move up one
        // place. A loop rather than vector::insert, whose call to memmove costs more than moving the
        // two or three events a small run has pending.
        std::size_t i = n;
        for (; i > 0 && m_array[i - 1].time <= event.time; --i)
            m_array[i] = m_array[i - 1];
        Event &slot = m_array[i];
        slot.time = event.time;
        slot.target = event.target;
        // kind and a in one 8-byte store: popFront() reads them in one load, which waits for a
        // matching store but cannot be served from two narrower pending ones.
        struct KindA {
            std::uint32_t kind, a;
        };
        static_assert(offsetof(Event, a) == offsetof(Event, kind) + sizeof(std::uint32_t));
        const auto packed = std::bit_cast<std::uint64_t>(KindA{event.kind, event.a});
        std::memcpy(reinterpret_cast<unsigned char *>(&slot) + offsetof(Event, kind), &packed, sizeof packed);
        slot.b = event.b;
    }
    // The array, full with its `n` events (all pending ones, or those in front of the heap), goes into
    // the heap, earliest first, then `event`; the heap alone holds what is pending. By value: a
    // reference would make push() build every event in memory and read it back in wider loads than
    // the stores that built it, which stalls.
    void arrayToHeap(std::size_t n, Event event);
    // Heap: an event at or before the latest in the array in front of it.
    void pushIntoFront(const Event &event)
    {
        if (m_frontSize < kArrayMost)
            insertIntoArray(event, m_frontSize++);
        else
            arrayToHeap(m_frontSize, event);
    }
    void pushIntoHeap(const Event &event)
    {
        const std::size_t k = bucketOf(event.time);
        m_buckets[k].push_back(event);
        m_least[k] = min(m_least[k], event.time);
        m_occupied |= std::uint64_t{1} << k;
    }
    // Precondition: t >= m_last >= 0.
    std::size_t bucketOf(Nanos t) const
    {
        return static_cast<std::size_t>(
            std::bit_width(static_cast<std::uint64_t>(t.count()) ^ static_cast<std::uint64_t>(m_last.count())));
    }
    // Moves the lowest non-empty bucket down, so that bucket 0 holds the earliest events, or sorts it
    // into the array in front of the heap if it holds few. Inline: a run with many events pending
    // calls it for most pops. Precondition: the array in front is empty.
    bool refillHeap(Nanos limit)
    {
        if (m_occupied <= 1)
            return false; // no bucket above 0 holds an event
        // The lowest non-empty bucket above 0 (bucket 0 has been consumed).
        const auto k = static_cast<std::size_t>(std::countr_zero(m_occupied & ~std::uint64_t{1}));
        if (m_least[k] > limit)
            return false; // keep m_last: an event may still be pushed between it and `limit`
        m_buckets[0].clear();
        m_bucket0Next = 0;
        m_last = m_least[k];
        m_least[k] = Nanos::max();
        std::vector<Event> &from = m_buckets[k];
        if (from.size() <= kSortedMost) {
            // In push order, so that events of one time come out in it. Its own return, with no
            // test for a large bucket: sharing the tail below measured slower (Kernel/hold/100000
            // 58–62 ns against 55–56, two A/B runs, 2026-12-06).
            for (const Event &e : from)
                insertIntoArray(e, m_frontSize++);
            from.clear();
            m_occupied &= ~(std::uint64_t{1} << k);
            return true;
        }
        const bool large = from.size() >= kLargeBucket;
        if (large)
            reserveBuckets(from);
        // In order, so that each lower bucket (empty until now) receives its events in push order.
        for (const Event &e : from)
            pushIntoHeap(e);
        if (large)
            std::vector<Event>().swap(from);
        else
            from.clear();
        m_occupied &= ~(std::uint64_t{1} << k);
        return true;
    }
    // Reserves in each bucket the room the events of `from` will take there.
    void reserveBuckets(const std::vector<Event> &from);
    // Moves the few events left into the array.
    bool backToArray(Nanos limit);
    static constexpr std::array<Nanos, kBuckets> allLatest()
    {
        std::array<Nanos, kBuckets> a{};
        a.fill(Nanos::max());
        return a;
    }

    bool m_inArray = true;
    // While m_inArray: every pending event, earliest last, in [0, m_size). Otherwise the events in
    // front of the heap, earliest last, in [0, m_frontSize). A fixed array, not a vector: a push or
    // pop then checks no capacity and loads no bounds.
    std::array<Event, kArrayMost> m_array{};
    std::size_t m_frontSize = 0;
    std::array<std::vector<Event>, kBuckets> m_buckets;
    std::array<Nanos, kBuckets> m_least = allLatest(); // the earliest time in each bucket (bucket 0: unused)
    std::uint64_t m_occupied = 0;                      // bit k set: bucket k may hold events (k > 0: it does)
    std::size_t m_bucket0Next = 0;                     // events of bucket 0 already popped
    std::size_t m_size = 0;
    // Heap: the time of bucket 0's events, or of the earliest event sorted into the array in front.
    // Array: the time of the last pop. Never after a pending event.
    Nanos m_last{};
};

} // namespace conviz
