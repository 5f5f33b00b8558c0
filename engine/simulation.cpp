#include "engine/simulation.h"

#include "engine/core/contract.h"

#include <utility>

namespace conviz {
namespace {
constexpr std::size_t kArity = 4; // a 4-ary heap halves the depth of a binary one: fewer cache misses
}

void Simulation::schedule(Nanos at, EventHandler *target, std::uint32_t kind, std::uint32_t a, std::uint64_t b)
{
    CONVIZ_ASSERT(at >= m_now, "an event cannot be scheduled in the past");
    CONVIZ_ASSERT(target != nullptr, "an event needs a target");
    Event ev{at, m_nextSeq++, target, kind, a, b};
    // Sift up.
    std::size_t i = m_heap.size();
    m_heap.push_back(ev);
    while (i > 0) {
        const std::size_t parent = (i - 1) / kArity;
        if (!before(ev, m_heap[parent]))
            break;
        m_heap[i] = m_heap[parent];
        i = parent;
    }
    m_heap[i] = ev;
}

Event Simulation::popEarliest()
{
    Event top = m_heap.front();
    Event last = m_heap.back();
    m_heap.pop_back();
    const std::size_t n = m_heap.size();
    if (n > 0) {
        // Sift the former last element down from the root.
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = i * kArity + 1;
            if (first >= n)
                break;
            std::size_t best = first;
            const std::size_t end = first + kArity < n ? first + kArity : n;
            for (std::size_t c = first + 1; c < end; ++c)
                if (before(m_heap[c], m_heap[best]))
                    best = c;
            if (!before(m_heap[best], last))
                break;
            m_heap[i] = m_heap[best];
            i = best;
        }
        m_heap[i] = last;
    }
    return top;
}

bool Simulation::step()
{
    if (m_heap.empty())
        return false;
    const Event ev = popEarliest();
    m_now = ev.time;
    ++m_processed;
    ev.target->onEvent(ev);
    return true;
}

void Simulation::runUntil(Nanos t)
{
    while (!m_heap.empty() && m_heap.front().time <= t)
        step();
    if (t > m_now)
        m_now = t;
}

void Simulation::run()
{
    while (step()) {
    }
}

} // namespace conviz
