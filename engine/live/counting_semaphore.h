// A counting semaphore (a connection pool) over a mutex and condition variable of the caller's
// kind: std's block the OS thread, Boost.Fiber's block only the fiber and let its worker run others.
#pragma once

#include "engine/live/busy_work.h"
#include "engine/live/executor.h"

#include <cstdint>
#include <mutex>

namespace conviz::live {

template <class Mutex, class ConditionVariable>
class CountingSemaphore {
public:
    explicit CountingSemaphore(std::int64_t count) : m_count(count) {}
    // Takes a unit, or returns false once the run is stopping.
    bool acquire(const RunContext &ctx)
    {
        std::unique_lock lock(m_mutex);
        // Timed, so that a waiter sees a cancel within kStopCheck.
        while (m_count == 0) {
            if (ctx.stopping())
                return false;
            m_available.wait_for(lock, kStopCheck);
        }
        --m_count;
        return true;
    }
    void release()
    {
        {
            std::lock_guard lock(m_mutex);
            ++m_count;
        }
        m_available.notify_one();
    }

private:
    Mutex m_mutex;
    ConditionVariable m_available;
    std::int64_t m_count;
};

} // namespace conviz::live
