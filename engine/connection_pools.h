// The scenario's connection pools (a database pool, an HTTP client pool): a fixed number of
// connections each, and a FIFO of tasks waiting for one. An I/O step on a pool holds a connection
// for its whole length. No clock, no tracing.
#pragma once

#include "engine/core/scenario.h"
#include "engine/fifo.h"
#include "engine/task_table.h"

#include <cstdint>
#include <vector>

namespace conviz {

class ConnectionPools {
public:
    explicit ConnectionPools(const Scenario &scenario);

    // Takes a connection of `pool` if one is free and returns true; otherwise queues `task` last
    // and returns false.
    bool acquire(std::int32_t pool, TaskId task);
    // Gives a connection of `pool` back. If a task was waiting, the connection passes straight to
    // it and it is returned; otherwise kNoTask.
    TaskId release(std::int32_t pool);

    std::int64_t size(std::int32_t pool) const { return at(pool).size; }
    std::int64_t waiting(std::int32_t pool) const { return static_cast<std::int64_t>(at(pool).waiters.size()); }

private:
    struct Pool {
        std::int64_t size = 0;
        std::int64_t inUse = 0;
        Fifo<TaskId> waiters;
    };
    Pool &at(std::int32_t pool) { return m_pools[static_cast<std::size_t>(pool)]; }
    const Pool &at(std::int32_t pool) const { return m_pools[static_cast<std::size_t>(pool)]; }

    std::vector<Pool> m_pools;
};

} // namespace conviz
