// A work-stealing scheduling algorithm for Boost.Fiber whose shared state belongs to one run.
// Boost's own algo::work_stealing keeps its schedulers, barrier and counter in statics, so it can
// be set up once per process and never again with another thread count; live runs (and the
// tests) need many. Each worker has a run queue; an idle worker takes the oldest fiber from another
// worker's queue (Go's runqsteal takes half; one is enough here, as in Boost's). A worker with
// nothing to run sleeps until its next timer or until another worker makes a fiber ready and
// wakes it (Go's wakep). Internal to conviz_live.
#pragma once

#include <boost/fiber/algo/algorithm.hpp>
#include <boost/fiber/context.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

namespace conviz::live {

// The run queues and sleep state of every worker of one run. Outlives the worker threads.
class StealingQueues {
public:
    explicit StealingQueues(int workers);
    int workers() const { return static_cast<int>(m_slots.size()); }
    std::int64_t steals() const { return m_steals.load(std::memory_order_relaxed); }

private:
    friend class StealingScheduler;
    struct Slot {
        std::mutex queueMutex;
        std::deque<boost::fibers::context *> queue; // fibers that may run on any worker
        std::mutex sleepMutex;
        std::condition_variable wake;
        bool woken = false;
        std::atomic<bool> sleeping{false};
    };
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::atomic<int> m_sleepers{0};
    std::atomic<std::int64_t> m_steals{0};
};

class StealingScheduler final : public boost::fibers::algo::algorithm {
public:
    // Install on worker `id` with boost::fibers::use_scheduling_algorithm<StealingScheduler>(queues, id).
    StealingScheduler(std::shared_ptr<StealingQueues> queues, int id);

    void awakened(boost::fibers::context *ctx) noexcept override;
    boost::fibers::context *pick_next() noexcept override;
    bool has_ready_fibers() const noexcept override;
    void suspend_until(std::chrono::steady_clock::time_point const &until) noexcept override;
    void notify() noexcept override;

private:
    boost::fibers::context *popFrom(StealingQueues::Slot &slot) noexcept;
    bool anyQueued() const noexcept;
    void wakeOneSleeper() noexcept;

    std::shared_ptr<StealingQueues> m_queues;
    int m_id;
    StealingQueues::Slot &m_self;
    std::deque<boost::fibers::context *> m_pinned; // this thread's main and dispatcher contexts
    unsigned m_nextVictim = 0;
};

} // namespace conviz::live
