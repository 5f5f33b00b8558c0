// The event loop, the Node.js model for real: one boost::asio::io_context per
// event_loop.processes, each run by one thread, requests dealt round-robin (the cluster module);
// each loop has its own thread_pool of event_loop.threadpool threads (libuv's pool) for offloaded
// CPU and blocking calls. A request is a chain of callbacks, never a stack. docs/live.md.
#include "engine/live/busy_work.h"
#include "engine/live/executor.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <deque>
#include <functional>
#include <thread>
#include <vector>

namespace conviz::live {
namespace {

namespace asio = boost::asio;

// A connection pool shared by every loop: a free count and a queue of callbacks waiting for a
// connection, each posted to its own loop when one is handed to it.
class WaiterPool {
public:
    explicit WaiterPool(std::int64_t size) : m_free(size) {}
    // Calls `then` on `loop` once a connection is this request's.
    void acquire(asio::io_context &loop, std::function<void()> then)
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_free == 0) {
                m_waiters.push_back({&loop, std::move(then)});
                return;
            }
            --m_free;
        }
        then(); // already on `loop`
    }
    void release()
    {
        Waiter next;
        {
            std::lock_guard lock(m_mutex);
            if (m_waiters.empty()) {
                ++m_free;
                return;
            }
            next = std::move(m_waiters.front());
            m_waiters.pop_front();
        }
        asio::post(*next.loop, std::move(next.then)); // the connection passes straight to it
    }

private:
    struct Waiter {
        asio::io_context *loop = nullptr;
        std::function<void()> then;
    };
    std::mutex m_mutex;
    std::int64_t m_free;
    std::deque<Waiter> m_waiters;
};

class LoopExecutor;

// One task of a request (the root or a fan-out child) as a state machine: the op it is at.
struct LoopTask {
    std::shared_ptr<RequestJob> job;
    std::uint32_t program = 0;
    std::uint32_t next = 0; // index into job->plan.ops
    std::shared_ptr<LoopTask> parent;
    std::uint32_t pendingChildren = 0; // touched only on the task's loop thread
    std::size_t loop = 0;
    TaskSpan span; // on the loop thread, or on a pool thread while offloaded (handed over by post)
};

class LoopExecutor final : public Executor {
public:
    explicit LoopExecutor(RunContext &ctx) : m_ctx(ctx)
    {
        const Scenario &s = ctx.scenario();
        for (int i = 0; i < s.eventLoop.processes; ++i) {
            m_loops.push_back(std::make_unique<asio::io_context>(1));
            m_pools.push_back(std::make_unique<asio::thread_pool>(static_cast<std::size_t>(s.eventLoop.threadpool)));
            for (int t = 0; t < s.eventLoop.threadpool; ++t)
                ctx.threadCreated();
        }
        for (const Pool &p : s.pools)
            m_connections.push_back(std::make_unique<WaiterPool>(p.size));
    }

    ~LoopExecutor() override { stop(); }

    void start() override
    {
        for (auto &loop : m_loops) {
            m_guards.emplace_back(asio::make_work_guard(*loop));
            m_threads.emplace_back([l = loop.get()] { l->run(); });
            m_ctx.threadCreated();
        }
    }

    void submit(std::unique_ptr<RequestJob> job) override
    {
        auto task = std::make_shared<LoopTask>();
        task->job = std::shared_ptr<RequestJob>(job.release());
        task->program = 0;
        task->next = task->job->plan.programs[0].begin;
        task->loop = m_nextLoop++ % m_loops.size(); // cluster: round-robin
        task->span = TaskSpan(m_ctx.trace(), task->job->index, 0);
        m_ctx.taskStarted();
        asio::post(*m_loops[task->loop], [this, task] { advance(task); });
    }

    void stop() override
    {
        if (m_stopped)
            return;
        m_stopped = true;
        // Pending callbacks and timers are dropped with their loops; their requests never end.
        for (auto &guard : m_guards)
            guard.reset();
        for (auto &loop : m_loops)
            loop->stop();
        for (std::thread &t : m_threads)
            t.join();
        for (auto &pool : m_pools) {
            pool->stop();
            pool->join();
        }
    }

    std::int64_t workers() const override { return static_cast<std::int64_t>(m_loops.size()); }

private:
    asio::io_context &loopOf(const LoopTask &t) { return *m_loops[t.loop]; }

    // Runs the task's ops on its loop until one waits (a timer, the pool, a connection, children)
    // or the task ends. A callback runs to completion: nothing here yields.
    void advance(const std::shared_ptr<LoopTask> &t)
    {
        const RequestPlan &plan = t->job->plan;
        const Program prog = plan.programs[t->program];
        t->span.run(LiveThreadRole::Loop);
        while (t->next < prog.end) {
            if (m_ctx.stopping()) {
                t->span.close();
                return; // abandoned: the loop is about to stop
            }
            const Op &op = plan.ops[t->next++];
            switch (op.kind) {
            case OpKind::Cpu:
                burnCpu(op.value, m_ctx.stopFlag()); // JavaScript: on the loop thread, blocking it
                break;
            case OpKind::Stack: touchStack(op.value); break;
            case OpKind::CpuOffload:
            case OpKind::Blocking:
                t->span.wait(LiveTaskState::Blocked); // Node: running on the libuv pool
                offload(t, op);
                return;
            case OpKind::Io:
                t->span.wait(op.pool >= 0 ? LiveTaskState::Pool : LiveTaskState::Io);
                io(t, op);
                return;
            case OpKind::Fanout:
                t->span.wait(LiveTaskState::Joining);
                fanout(t, op);
                return;
            }
        }
        t->span.done(); // before a parent it completes goes on, on this thread
        finish(t);
    }

    void offload(const std::shared_ptr<LoopTask> &t, const Op &op)
    {
        // libuv's pool: crypto and zlib burn a pool thread's CPU; a blocking call holds it idle.
        asio::post(*m_pools[t->loop], [this, t, kind = op.kind, ns = op.value] {
            if (kind == OpKind::CpuOffload) {
                t->span.open(LiveThreadRole::Pool);
                burnCpu(ns, m_ctx.stopFlag());
                t->span.close();
            } else
                blockingSleep(ns, [this] { return m_ctx.stopping(); });
            asio::post(loopOf(*t), [this, t] { advance(t); });
        });
    }

    void io(const std::shared_ptr<LoopTask> &t, const Op &op)
    {
        auto wait = [this, t, ns = op.value, pool = op.pool] {
            if (pool >= 0)
                t->span.mark(LiveTaskState::Io); // the connection is this request's
            auto timer = std::make_shared<asio::steady_timer>(loopOf(*t), std::chrono::nanoseconds(ns));
            timer->async_wait([this, t, timer, pool](const boost::system::error_code &) {
                if (pool >= 0)
                    m_connections[static_cast<std::size_t>(pool)]->release();
                advance(t);
            });
        };
        if (op.pool >= 0)
            m_connections[static_cast<std::size_t>(op.pool)]->acquire(loopOf(*t), std::move(wait));
        else
            wait();
    }

    void fanout(const std::shared_ptr<LoopTask> &t, const Op &op)
    {
        // Promise.all: N operations started on this loop, a counter, the parent resumes at zero.
        if (op.childCount == 0) {
            asio::post(loopOf(*t), [this, t] { advance(t); });
            return;
        }
        t->pendingChildren = op.childCount;
        for (std::uint32_t c = 0; c < op.childCount; ++c) {
            auto child = std::make_shared<LoopTask>();
            child->job = t->job;
            child->program = op.childBegin + c;
            child->next = t->job->plan.programs[child->program].begin;
            child->parent = t;
            child->loop = t->loop;
            child->span = TaskSpan(m_ctx.trace(), t->job->index, t->span.task());
            m_ctx.taskStarted();
            asio::post(loopOf(*t), [this, child] { advance(child); });
        }
    }

    void finish(const std::shared_ptr<LoopTask> &t)
    {
        m_ctx.taskEnded();
        if (t->parent) {
            if (--t->parent->pendingChildren == 0)
                advance(t->parent);
            return;
        }
        // The last holder of the job hands it back; children are done by now.
        auto owned = std::make_unique<RequestJob>(std::move(*t->job));
        m_ctx.ended(std::move(owned), Outcome::Completed);
    }

    RunContext &m_ctx;
    std::vector<std::unique_ptr<asio::io_context>> m_loops;
    std::vector<std::unique_ptr<asio::thread_pool>> m_pools;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> m_guards;
    std::vector<std::unique_ptr<WaiterPool>> m_connections;
    std::vector<std::thread> m_threads;
    std::uint64_t m_nextLoop = 0; // the dispatcher thread's alone
    bool m_stopped = false;
};

} // namespace

std::unique_ptr<Executor> makeLoopExecutor(RunContext &ctx) { return std::make_unique<LoopExecutor>(ctx); }

} // namespace conviz::live
