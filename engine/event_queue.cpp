#include "engine/event_queue.h"

#include <bit>

namespace conviz {

bool EventQueue::refill(Nanos limit)
{
    if (m_size == 0)
        return false;
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
    for (const Event &e : from) {
        const std::size_t j = bucketOf(e.time);
        m_buckets[j].push_back(e);
        m_least[j] = min(m_least[j], e.time);
        m_occupied |= std::uint64_t{1} << j;
    }
    from.clear();
    m_occupied &= ~(std::uint64_t{1} << k);
    return true;
}

} // namespace conviz
