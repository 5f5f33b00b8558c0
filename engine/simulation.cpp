#include "engine/simulation.h"

namespace conviz {

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
