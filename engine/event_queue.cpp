#include "engine/event_queue.h"

#include <algorithm>
#include <bit>

namespace conviz {

void EventQueue::moveToHeap(Event event)
{
    // Earliest first, so that events of one time keep their push order in every bucket.
    m_inArray = false;
    for (auto it = m_array.rbegin(); it != m_array.rend(); ++it)
        pushIntoHeap(*it);
    m_array.clear();
    pushIntoHeap(event);
}

bool EventQueue::backToArray(Nanos limit)
{
    // Few left: back to the array, in pop order. Popping them here moves m_last to the latest of
    // them, so it is reset to the time of the last event actually popped.
    const Nanos lastPopped = m_last;
    while (m_array.size() < m_size) {
        if (m_front == m_buckets[0].size())
            refillHeap(Nanos::max());
        m_array.push_back(m_buckets[0][m_front++]);
    }
    m_buckets[0].clear();
    m_front = 0;
    std::reverse(m_array.begin(), m_array.end());
    m_last = lastPopped;
    m_inArray = true;
    return !m_array.empty() && m_array.back().time <= limit;
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
