#include "gui/core/live_set_replay.h"

#include <algorithm>
#include <limits>

namespace conviz::gui {

LiveSetIndex::LiveSetIndex(std::vector<std::uint32_t> holderOfEvent, std::vector<std::uint8_t> ends,
                           std::uint32_t holderCount, std::size_t minCheckpointGap)
    : m_holder(std::move(holderOfEvent)), m_ends(std::move(ends)), m_holderCount(holderCount)
{
    m_ends.resize(m_holder.size(), 0);
    m_prev.resize(m_holder.size(), -1);
    std::vector<std::int32_t> last(holderCount, -1);
    std::vector<std::uint32_t> slot(holderCount, 0);
    std::vector<std::uint32_t> live;
    m_checkpoints.push_back({0, {}});
    std::size_t sinceCheckpoint = 0;
    for (std::size_t e = 0; e < m_holder.size(); ++e) {
        const std::uint32_t h = m_holder[e];
        const std::int32_t before = last[h];
        const bool wasAlive = before >= 0 && !m_ends[static_cast<std::size_t>(before)];
        m_prev[e] = before;
        last[h] = static_cast<std::int32_t>(e);
        const bool alive = !m_ends[e];
        if (alive && !wasAlive) {
            slot[h] = static_cast<std::uint32_t>(live.size());
            live.push_back(h);
        } else if (!alive && wasAlive) {
            const std::uint32_t moved = live.back();
            live[slot[h]] = moved;
            slot[moved] = slot[h];
            live.pop_back();
        }
        if (++sinceCheckpoint >= std::max(minCheckpointGap, 2 * live.size())) {
            Checkpoint c;
            c.position = e + 1;
            c.live.reserve(live.size());
            for (std::uint32_t holder : live)
                c.live.emplace_back(holder, last[holder]);
            m_checkpoints.push_back(std::move(c));
            sinceCheckpoint = 0;
        }
    }
}

LiveSetCursor::LiveSetCursor(std::shared_ptr<const LiveSetIndex> index)
    : m_index(std::move(index)), m_current(m_index->holderCount(), -1), m_slot(m_index->holderCount(), 0)
{
}

std::int32_t LiveSetCursor::eventOf(std::uint32_t holder) const
{
    const std::int32_t e = m_current[holder];
    return aliveAt(e) ? e : -1;
}

void LiveSetCursor::setCurrent(std::uint32_t h, std::int32_t event)
{
    const bool wasAlive = aliveAt(m_current[h]);
    m_current[h] = event;
    const bool alive = aliveAt(event);
    if (alive && !wasAlive) {
        m_slot[h] = static_cast<std::uint32_t>(m_live.size());
        m_live.push_back(h);
    } else if (!alive && wasAlive) {
        const std::uint32_t moved = m_live.back();
        m_live[m_slot[h]] = moved;
        m_slot[moved] = m_slot[h];
        m_live.pop_back();
    }
}

std::size_t LiveSetIndex::bytes() const
{
    std::size_t n =
        m_holder.capacity() * sizeof(std::uint32_t) + m_ends.capacity() + m_prev.capacity() * sizeof(std::int32_t);
    for (const Checkpoint &c : m_checkpoints)
        n += sizeof(Checkpoint) + c.live.capacity() * sizeof(c.live[0]);
    return n;
}

void LiveSetCursor::restore(const LiveSetIndex::Checkpoint &checkpoint)
{
    for (std::uint32_t h : m_live)
        m_current[h] = -1;
    m_live.clear();
    for (const auto &[h, e] : checkpoint.live) {
        m_current[h] = e;
        m_slot[h] = static_cast<std::uint32_t>(m_live.size());
        m_live.push_back(h);
    }
    m_position = checkpoint.position;
}

void LiveSetCursor::seek(std::size_t target)
{
    target = std::min(target, m_index->size());
    m_lastWork = 0;
    const std::size_t direct = target > m_position ? target - m_position : m_position - target;
    // The last checkpoint at or before the target: restoring costs its size and ours.
    const auto &cps = m_index->m_checkpoints;
    const auto it = std::upper_bound(cps.begin(), cps.end(), target,
                                     [](std::size_t t, const LiveSetIndex::Checkpoint &c) { return t < c.position; });
    if (it != cps.begin()) {
        const auto &c = *std::prev(it);
        const std::size_t viaCheckpoint = (target - c.position) + c.live.size() + m_live.size();
        if (viaCheckpoint < direct) {
            m_lastWork += c.live.size() + m_live.size();
            restore(c);
        }
    }
    while (m_position < target) {
        const std::size_t e = m_position++;
        setCurrent(m_index->m_holder[e], static_cast<std::int32_t>(e));
        ++m_lastWork;
    }
    while (m_position > target) {
        const std::size_t e = --m_position;
        setCurrent(m_index->m_holder[e], m_index->m_prev[e]);
        ++m_lastWork;
    }
}

} // namespace conviz::gui
