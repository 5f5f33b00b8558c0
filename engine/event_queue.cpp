#include "engine/event_queue.h"

#include <algorithm>
#include <bit>

namespace conviz {

void EventQueue::moveToHeap(Event event)
{
    // Earliest first, so that events of one time keep their push order in every bucket.
    m_inArray = false;
    for (std::size_t i = m_size; i > 0; --i)
        pushIntoHeap(m_array[i - 1]);
    pushIntoHeap(event);
}

bool EventQueue::backToArray(Nanos limit)
{
    // Few left: back to the array, in pop order. Popping them here moves m_last to the latest of
    // them, so it is reset to the time of the last event actually popped.
    const Nanos lastPopped = m_last;
    for (std::size_t i = 0; i < m_size; ++i) {
        if (m_front == m_buckets[0].size())
            refillHeap(Nanos::max());
        m_array[i] = m_buckets[0][m_front++];
    }
    m_buckets[0].clear();
    m_front = 0;
    std::reverse(m_array.begin(), m_array.begin() + static_cast<std::ptrdiff_t>(m_size));
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
