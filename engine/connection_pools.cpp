#include "engine/connection_pools.h"

namespace conviz {

ConnectionPools::ConnectionPools(const Scenario &scenario) : m_pools(scenario.pools.size())
{
    for (std::size_t i = 0; i < scenario.pools.size(); ++i)
        m_pools[i].size = scenario.pools[i].size;
}

bool ConnectionPools::acquire(std::int32_t pool, TaskId task)
{
    Pool &p = at(pool);
    if (p.inUse >= p.size) {
        p.waiters.push_back(task);
        return false;
    }
    ++p.inUse;
    return true;
}

TaskId ConnectionPools::release(std::int32_t pool)
{
    Pool &p = at(pool);
    // The oldest waiter takes the connection over without it ever becoming free, so a task that
    // reaches the pool at the same instant cannot overtake the queue.
    if (p.waiters.empty()) {
        --p.inUse;
        return kNoTask;
    }
    const TaskId next = p.waiters.front();
    p.waiters.pop_front();
    return next;
}

} // namespace conviz
