#include "engine/live/stealing_scheduler.h"

#include <algorithm>

namespace conviz::live {

using boost::fibers::context;

StealingQueues::StealingQueues(int workers)
{
    for (int i = 0; i < workers; ++i)
        m_slots.push_back(std::make_unique<Slot>());
}

StealingScheduler::StealingScheduler(std::shared_ptr<StealingQueues> queues, int id)
    : m_queues(std::move(queues)), m_id(id), m_self(*m_queues->m_slots[static_cast<std::size_t>(id)])
{
}

void StealingScheduler::awakened(context *ctx) noexcept
{
    // A pinned context (a thread's main or dispatcher context) must run on its own thread.
    if (ctx->is_context(boost::fibers::type::pinned_context)) {
        m_pinned.push_back(ctx);
        return;
    }
    // Detached, the fiber may be attached to whichever worker picks it next.
    ctx->detach();
    {
        std::lock_guard lock(m_self.queueMutex);
        m_self.queue.push_back(ctx);
    }
    // Seen after the push: a worker that went to sleep before it is woken here; one that goes to
    // sleep after it finds the fiber in anyQueued() first.
    if (m_queues->m_sleepers.load() > 0)
        wakeOneSleeper();
}

context *StealingScheduler::popFrom(StealingQueues::Slot &slot) noexcept
{
    std::lock_guard lock(slot.queueMutex);
    if (slot.queue.empty())
        return nullptr;
    context *ctx = slot.queue.front();
    slot.queue.pop_front();
    return ctx;
}

context *StealingScheduler::pick_next() noexcept
{
    if (!m_pinned.empty()) {
        context *ctx = m_pinned.front();
        m_pinned.pop_front();
        return ctx;
    }
    context *ctx = popFrom(m_self);
    if (!ctx) {
        const int n = m_queues->workers();
        // Victims in turn, starting past the last one robbed, so no worker is favoured.
        for (int k = 1; k < n && !ctx; ++k) {
            const int victim = static_cast<int>(
                (static_cast<unsigned>(m_id) + m_nextVictim + static_cast<unsigned>(k)) % static_cast<unsigned>(n));
            if (victim == m_id)
                continue;
            ctx = popFrom(*m_queues->m_slots[static_cast<std::size_t>(victim)]);
        }
        ++m_nextVictim;
        if (ctx)
            m_queues->m_steals.fetch_add(1, std::memory_order_relaxed);
    }
    if (ctx)
        context::active()->attach(ctx);
    return ctx;
}

bool StealingScheduler::has_ready_fibers() const noexcept
{
    if (!m_pinned.empty())
        return true;
    std::lock_guard lock(m_self.queueMutex);
    return !m_self.queue.empty();
}

bool StealingScheduler::anyQueued() const noexcept
{
    for (const auto &slot : m_queues->m_slots) {
        std::lock_guard lock(slot->queueMutex);
        if (!slot->queue.empty())
            return true;
    }
    return false;
}

void StealingScheduler::wakeOneSleeper() noexcept
{
    for (const auto &slot : m_queues->m_slots) {
        if (slot.get() != &m_self && slot->sleeping.load()) {
            std::lock_guard lock(slot->sleepMutex);
            slot->woken = true;
            slot->wake.notify_one();
            return;
        }
    }
}

void StealingScheduler::suspend_until(std::chrono::steady_clock::time_point const &until) noexcept
{
    m_self.sleeping.store(true);
    m_queues->m_sleepers.fetch_add(1);
    if (!anyQueued()) {
        // A bounded wait as well: a wake-up lost to a race costs at most this much idle time.
        const auto latest = std::chrono::steady_clock::now() + std::chrono::milliseconds(10);
        std::unique_lock lock(m_self.sleepMutex);
        m_self.wake.wait_until(lock, std::min(until, latest), [&] { return m_self.woken; });
        m_self.woken = false;
    }
    m_queues->m_sleepers.fetch_sub(1);
    m_self.sleeping.store(false);
}

void StealingScheduler::notify() noexcept
{
    std::lock_guard lock(m_self.sleepMutex);
    m_self.woken = true;
    m_self.wake.notify_one();
}

} // namespace conviz::live
