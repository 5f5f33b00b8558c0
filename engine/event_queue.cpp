#include "engine/event_queue.h"

#include <algorithm>
#include <bit>

namespace conviz {

void EventQueue::arrayToHeap(std::size_t n, Event event)
{
    // Earliest first, so that events of one time keep their push order in every bucket. Every event
    // of the array is at or after m_last, so each has its bucket; in front of the heap, no event of
    // the heap shares a time with one of the array, so appending them keeps that order too.
    m_inArray = false;
    for (std::size_t i = n; i > 0; --i)
        pushIntoHeap(m_array[i - 1]);
    m_frontSize = 0;
    pushIntoHeap(event);
}

bool EventQueue::backToArray(Nanos limit)
{
    // Few left, and the array in front of the heap is empty: back to the array, in pop order.
    // Popping them here moves m_last to the latest of them, so it is reset to its time before, at
    // or before the last event actually popped.
    const Nanos lastPopped = m_last;
    std::array<Event, kArrayFew> few{};
    for (std::size_t i = 0; i < m_size; ++i) {
        if (m_frontSize == 0 && m_bucket0Next == m_buckets[0].size())
            refillHeap(Nanos::max());
        few[i] = m_frontSize != 0 ? m_array[--m_frontSize] : m_buckets[0][m_bucket0Next++];
    }
    m_buckets[0].clear();
    m_bucket0Next = 0;
    std::reverse_copy(few.begin(), few.begin() + static_cast<std::ptrdiff_t>(m_size), m_array.begin());
    m_last = lastPopped;
    m_inArray = true;
    return m_size != 0 && m_array[m_size - 1].time <= limit;
}

void EventQueue::reserveBuckets(const std::vector<Event> &from)
{
    // Every bucket below `from`'s is empty: give each room for exactly what it will receive.
    std::array<std::size_t, kBuckets> count{};
    for (const Event &e : from)
        ++count[bucketOf(e.time)];
    for (std::size_t b = 0; b < kBuckets; ++b)
        if (count[b] > m_buckets[b].capacity())
            m_buckets[b].reserve(count[b]);
}

} // namespace conviz
