#include "engine/simulation.h"

#include "engine/core/contract.h"

namespace conviz {

void Simulation::schedule(Nanos at, EventHandler *target, std::uint32_t kind, std::uint32_t a, std::uint64_t b)
{
    // The queue relies on this too: a radix heap only accepts times at or after its last minimum.
    CONVIZ_ASSERT(at >= m_now, "an event cannot be scheduled in the past");
    CONVIZ_ASSERT(target != nullptr, "an event needs a target");
    m_queue.push(Event{at, target, kind, a, b});
}

bool Simulation::step()
{
    if (!m_queue.prepareFront())
        return false;
    // A copy: the handler may schedule, which can move the queue's storage.
    const Event ev = m_queue.popFront();
    m_now = ev.time;
    ++m_processed;
    ev.target->onEvent(ev);
    return true;
}

void Simulation::runUntil(Nanos t)
{
    while (m_queue.prepareFront(t))
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
