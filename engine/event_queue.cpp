#include "engine/event_queue.h"

#include <algorithm>
#include <bit>

namespace conviz {

void EventQueue::pushSlow(Event event)
{
    if (m_inArray) {
        // The array is full: its events go to the heap earliest first, so that events of one time
        // keep their push order in every bucket.
        m_inArray = false;
        for (auto it = m_array.rbegin(); it != m_array.rend(); ++it)
            pushIntoHeap(*it);
        m_array.clear();
    }
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

bool EventQueue::refillHeap(Nanos limit)
{
    if (m_occupied <= 1)
        return false; // no bucket above 0 holds an event
    // The lowest non-empty bucket above 0 (bucket 0 has been consumed).
    const auto k = static_cast<std::size_t>(std::countr_zero(m_occupied & ~std::uint64_t{1}));
    if (m_least[k] > limit)
        return false; // keep m_last: an event may still be pushed between it and `limit`
    m_buckets[0].clear();
    m_front = 0;
    m_last = m_least[k];
    m_least[k] = Nanos::max();
    std::vector<Event> &from = m_buckets[k];
    // In order, so that each lower bucket (empty until now) receives its events in push order.
    for (const Event &e : from)
        pushIntoHeap(e);
    from.clear();
    m_occupied &= ~(std::uint64_t{1} << k);
    return true;
}

} // namespace conviz
