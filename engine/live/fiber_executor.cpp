// Fibers, the Go model for real: Boost.Fiber on fibers.gomaxprocs worker threads with work
// stealing, each request a fiber on a stack of the project's own allocator. docs/live.md.
#include "engine/live/busy_work.h"
#include "engine/live/counting_semaphore.h"
#include "engine/live/executor.h"
#include "engine/live/stealing_scheduler.h"

#include <boost/fiber/all.hpp>

#include <algorithm>
#include <thread>
#include <vector>

namespace conviz::live {
namespace {

namespace fibers = boost::fibers;

using FiberSemaphore = CountingSemaphore<fibers::mutex, fibers::condition_variable>; // waits park the fiber

constexpr LiveThreadRole kRole = LiveThreadRole::Worker; // every fiber runs on a worker

class FiberExecutor final : public Executor {
public:
    explicit FiberExecutor(RunContext &ctx)
        : m_ctx(ctx),
          m_workers(std::clamp<int>(ctx.scenario().effectiveGomaxprocs(), 1,
                                    static_cast<int>(std::max(1U, std::thread::hardware_concurrency())))),
          m_queues(std::make_shared<StealingQueues>(m_workers)),
          m_taskStacks(static_cast<std::size_t>(ctx.scenario().live.fiberStack), &ctx.stacks()),
          m_serviceStacks(static_cast<std::size_t>(ctx.scenario().live.fiberStack), nullptr),
          m_slice(std::max<std::int64_t>(ctx.scenario().fibers.timeSlice.count(), 1000)),
          m_preempt(ctx.scenario().live.preempt != 0)
    {
        for (const Pool &p : ctx.scenario().pools)
            m_pools.push_back(std::make_unique<FiberSemaphore>(p.size));
    }

    ~FiberExecutor() override { stop(); }

    void start() override
    {
        for (int id = 0; id < m_workers; ++id) {
            m_threads.emplace_back([this, id] { workerMain(id); });
            m_ctx.threadCreated();
        }
    }

    void submit(std::unique_ptr<RequestJob> job) override
    {
        // From the dispatcher thread into the workers: the acceptor fiber pops it (Go's accept
        // loop). A full inbox blocks the dispatcher, as a full listen backlog would.
        RequestJob *raw = job.release();
        if (m_inbox.push(raw) != fibers::channel_op_status::success)
            m_ctx.ended(std::unique_ptr<RequestJob>(raw), Outcome::Abandoned);
    }

    void stop() override
    {
        if (m_stopped)
            return;
        m_stopped = true;
        m_inbox.close();
        // Every request fiber ends on its own (at once after a cancel); the workers go when they have.
        {
            std::unique_lock lock(m_doneMutex);
            m_done = true;
        }
        m_doneCv.notify_all();
        for (std::thread &t : m_threads)
            t.join();
        m_threads.clear();
        RequestJob *left = nullptr;
        while (m_inbox.try_pop(left) == fibers::channel_op_status::success)
            m_ctx.ended(std::unique_ptr<RequestJob>(left), Outcome::Abandoned);
    }

    std::int64_t workers() const override { return m_workers; }

private:
    void workerMain(int id)
    {
        fibers::use_scheduling_algorithm<StealingScheduler>(m_queues, id);
        if (id == 0)
            fibers::fiber(std::allocator_arg, m_serviceStacks, [this] { acceptLoop(); }).detach();
        // The thread's main fiber parks here; the worker runs fibers until the run is over and
        // every fiber it holds has ended.
        std::unique_lock lock(m_doneMutex);
        // The acceptor too must have ended: a fiber left ready in a queue after every worker has
        // gone would never run, and its wake-up would reach a scheduler that no longer exists.
        m_doneCv.wait(lock, [this] { return m_done && m_acceptorDone && m_inFlight.load() == 0; });
    }

    void acceptLoop()
    {
        RequestJob *raw = nullptr;
        while (m_inbox.pop(raw) == fibers::channel_op_status::success) {
            std::unique_ptr<RequestJob> job(raw);
            const auto tasks = static_cast<std::int64_t>(job->plan.programs.size());
            // Slots are taken when a request is admitted, not when its fibers first run, so a burst
            // of arrivals cannot overshoot the cap.
            if (m_fiberSlots.fetch_add(tasks) + tasks > m_ctx.scenario().live.maxFibers) {
                m_fiberSlots.fetch_sub(tasks);
                m_ctx.noteRefusal(refusalReason(tasks));
                m_ctx.ended(std::move(job), Outcome::Refused);
                continue;
            }
            m_inFlight.fetch_add(1);
            RequestJob *owned = job.release();
            try {
                fibers::fiber(std::allocator_arg, m_taskStacks, [this, owned, tasks] {
                    std::unique_ptr<RequestJob> request(owned);
                    const bool done = runProgram(request->plan, 0, request->index, 0);
                    m_ctx.ended(std::move(request), done ? Outcome::Completed : Outcome::Abandoned);
                    finishRequest(tasks);
                }).detach();
            } catch (const std::exception &e) {
                // No stack for it (mmap failed): the request is refused, the run goes on.
                m_ctx.noteRefusal(std::string("the OS refused a fiber stack: ") + e.what());
                m_ctx.ended(std::unique_ptr<RequestJob>(owned), Outcome::Refused);
                finishRequest(tasks);
            }
        }
        std::unique_lock lock(m_doneMutex);
        m_acceptorDone = true;
        m_doneCv.notify_all();
    }

    std::string refusalReason(std::int64_t tasks) const
    {
        return "live.max_fibers = " + std::to_string(m_ctx.scenario().live.maxFibers) +
               " fibers were alive, and a request needs " + std::to_string(tasks) +
               " more; raise it with --set live.max_fibers=N";
    }

    void finishRequest(std::int64_t tasks)
    {
        m_fiberSlots.fetch_sub(tasks);
        if (m_inFlight.fetch_sub(1) == 1) {
            // The last fiber out wakes the workers' main fibers, should the run be over.
            std::unique_lock lock(m_doneMutex);
            m_doneCv.notify_all();
        }
    }

    // Runs program `p` of request `request`'s `plan` on the current fiber (a child of task `parent`,
    // or the root when 0). False if the run stopped first.
    bool runProgram(const RequestPlan &plan, std::uint32_t p, std::uint64_t request, std::uint64_t parent)
    {
        m_ctx.taskStarted();
        TaskSpan span(m_ctx.trace(), request, parent);
        span.run(kRole);
        bool ok = true;
        const Program prog = plan.programs[p];
        for (std::uint32_t i = prog.begin; i < prog.end && ok; ++i) {
            if (m_ctx.stopping()) {
                ok = false;
                break;
            }
            ok = runOp(plan, plan.ops[i], request, span);
        }
        if (ok)
            span.done();
        else
            span.close();
        m_ctx.taskEnded();
        return ok;
    }

    bool runOp(const RequestPlan &plan, const Op &op, std::uint64_t request, TaskSpan &span)
    {
        switch (op.kind) {
        case OpKind::Cpu:
        case OpKind::CpuOffload: return cpu(op.value, span);
        case OpKind::Io: return io(op, span);
        case OpKind::Blocking: {
            // A real blocking call on the worker thread: Boost.Fiber has no P hand-off, so the worker
            // and every fiber queued on it wait (docs/live.md).
            span.wait(LiveTaskState::Blocked);
            const bool ok = blockingSleep(op.value, [this] { return m_ctx.stopping(); });
            span.run(kRole);
            return ok;
        }
        case OpKind::Fanout: {
            std::vector<fibers::fiber> children;
            children.reserve(op.childCount);
            // Children may run on other workers at the same time (stolen), hence the atomic.
            std::atomic<bool> ok{true};
            const std::uint64_t parent = span.task();
            for (std::uint32_t c = 0; c < op.childCount; ++c)
                children.emplace_back(std::allocator_arg, m_taskStacks, [this, &plan, &op, c, &ok, request, parent] {
                    if (!runProgram(plan, op.childBegin + c, request, parent))
                        ok.store(false);
                });
            span.wait(LiveTaskState::Joining);
            for (fibers::fiber &f : children)
                f.join();
            span.run(kRole);
            return ok.load();
        }
        case OpKind::Stack: touchStack(op.value); return true;
        }
        return true;
    }

    bool cpu(std::int64_t ns, TaskSpan &span)
    {
        // Go preempts a goroutine that runs past its slice (sysmon, asynchronous preemption since
        // Go 1.14); Boost.Fiber never does, so with live.preempt the fiber yields at each slice.
        while (ns > 0) {
            const std::int64_t piece = m_preempt ? std::min(ns, m_slice) : ns;
            const std::int64_t owed = burnCpu(piece, m_ctx.stopFlag());
            if (owed > 0)
                return false;
            ns -= piece;
            if (ns > 0) {
                span.close(); // the worker may run another fiber now
                boost::this_fiber::yield();
                span.run(kRole);
            }
        }
        return true;
    }

    bool io(const Op &op, TaskSpan &span)
    {
        FiberSemaphore *pool = op.pool >= 0 ? m_pools[static_cast<std::size_t>(op.pool)].get() : nullptr;
        if (pool) {
            span.wait(LiveTaskState::Pool);
            if (!pool->acquire(m_ctx))
                return false;
        }
        span.wait(LiveTaskState::Io);
        // A network wait parks the fiber, not the worker (the netpoller's job in Go).
        std::int64_t left = op.value;
        const std::int64_t chunk = std::chrono::nanoseconds(kStopCheck).count();
        bool ok = true;
        while (left > 0) {
            if (m_ctx.stopping()) {
                ok = false;
                break;
            }
            const std::int64_t piece = std::min(left, chunk);
            boost::this_fiber::sleep_for(std::chrono::nanoseconds(piece));
            left -= piece;
        }
        if (pool)
            pool->release();
        span.run(kRole);
        return ok;
    }

    RunContext &m_ctx;
    int m_workers;
    std::shared_ptr<StealingQueues> m_queues;
    GuardedStackAllocator m_taskStacks;
    GuardedStackAllocator m_serviceStacks;
    std::int64_t m_slice;
    bool m_preempt;
    std::vector<std::unique_ptr<FiberSemaphore>> m_pools;
    fibers::buffered_channel<RequestJob *> m_inbox{1024};
    std::vector<std::thread> m_threads;
    fibers::mutex m_doneMutex;
    fibers::condition_variable m_doneCv;
    bool m_done = false;
    bool m_acceptorDone = false;
    bool m_stopped = false;
    std::atomic<std::int64_t> m_inFlight{0};   // requests admitted and not yet ended
    std::atomic<std::int64_t> m_fiberSlots{0}; // their fibers, root and children, under live.max_fibers
};

} // namespace

std::unique_ptr<Executor> makeFiberExecutor(RunContext &ctx) { return std::make_unique<FiberExecutor>(ctx); }

} // namespace conviz::live
