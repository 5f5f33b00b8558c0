// OS threads, the thread-per-request server for real: a pthread per request (or a pool of
// threads.pool_size created at start), each with a stack of threads.stack_reserved; children of a
// fan-out are threads too, joined. Waits block the thread. docs/live.md.
#include "engine/live/busy_work.h"
#include "engine/live/counting_semaphore.h"
#include "engine/live/executor.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <limits.h>
#include <pthread.h>
#include <vector>

namespace conviz::live {
namespace {

using ThreadSemaphore = CountingSemaphore<std::mutex, std::condition_variable>; // waits block the thread

class ThreadExecutor final : public Executor {
public:
    explicit ThreadExecutor(RunContext &ctx)
        : m_ctx(ctx),
          m_cap(std::min(ctx.scenario().live.maxThreads, ctx.scenario().threads.maxThreads)),
          m_stackBytes(std::max<std::size_t>(static_cast<std::size_t>(ctx.scenario().threads.stackReserved),
                                             static_cast<std::size_t>(PTHREAD_STACK_MIN))),
          m_pooled(ctx.scenario().threads.mode == ThreadMode::Pool)
    {
        for (const Pool &p : ctx.scenario().pools)
            m_connections.push_back(std::make_unique<ThreadSemaphore>(p.size));
    }

    ~ThreadExecutor() override { stop(); }

    void start() override
    {
        if (!m_pooled)
            return;
        const std::int64_t size = m_ctx.scenario().threads.poolSize;
        for (std::int64_t i = 0; i < size; ++i) {
            if (!reserve(1) || !spawn([this] { poolWorker(); }, &m_poolThreads)) {
                m_ctx.noteRefusal("the thread pool could not be created whole: " + std::to_string(i) + " of " +
                                  std::to_string(size) + " threads started");
                break;
            }
        }
    }

    void submit(std::unique_ptr<RequestJob> job) override
    {
        if (m_pooled) {
            {
                std::lock_guard lock(m_queueMutex);
                m_queue.push_back(std::move(job));
            }
            m_queueCv.notify_one();
            return;
        }
        const auto tasks = static_cast<std::int64_t>(job->plan.programs.size());
        if (!reserve(tasks)) {
            refuse(std::move(job), tasks);
            return;
        }
        auto shared = std::make_shared<std::unique_ptr<RequestJob>>(std::move(job));
        if (!spawn([this, shared] { serve(std::move(*shared), true, LiveThreadRole::Request); }, nullptr)) {
            unreserve(tasks);
            refuse(std::move(*shared), tasks);
        }
    }

    void stop() override
    {
        {
            std::lock_guard lock(m_queueMutex);
            if (m_stopped)
                return;
            m_stopped = true;
        }
        m_queueCv.notify_all();
        for (pthread_t t : m_poolThreads)
            pthread_join(t, nullptr);
        // Request threads are detached; wait for the last (at once after a cancel).
        std::unique_lock lock(m_liveMutex);
        m_liveCv.wait(lock, [this] { return m_requestThreads == 0; });
        for (auto &job : m_queue)
            m_ctx.ended(std::move(job), Outcome::Abandoned);
        m_queue.clear();
    }

    std::int64_t workers() const override { return m_pooled ? static_cast<std::int64_t>(m_poolThreads.size()) : 0; }

private:
    // Takes `n` thread slots under the cap (live.max_threads, threads.max_threads), all or none.
    bool reserve(std::int64_t n)
    {
        std::int64_t now = m_slots.load();
        do {
            if (now + n > m_cap)
                return false;
        } while (!m_slots.compare_exchange_weak(now, now + n));
        return true;
    }
    void unreserve(std::int64_t n) { m_slots.fetch_sub(n); }

    void refuse(std::unique_ptr<RequestJob> job, std::int64_t tasks)
    {
        m_ctx.noteRefusal(std::to_string(m_cap) + " OS threads were alive (live.max_threads or threads.max_threads) " +
                          "and a request needs " + std::to_string(tasks) +
                          " more; raise it with --set live.max_threads=N");
        m_ctx.ended(std::move(job), Outcome::Refused);
    }

    // Starts a thread with the scenario's stack size running `body`. Joinable if `joinable` is
    // given (its handle is appended there), else detached and counted in m_requestThreads.
    bool spawn(std::function<void()> body, std::vector<pthread_t> *joinable)
    {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setstacksize(&attr, m_stackBytes);
        const bool detached = joinable == nullptr;
        if (detached) {
            pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
            std::lock_guard lock(m_liveMutex);
            ++m_requestThreads;
        }
        auto *start = new Start{this, std::move(body), detached};
        pthread_t id{};
        const int rc = pthread_create(&id, &attr, &ThreadExecutor::trampoline, start);
        pthread_attr_destroy(&attr);
        if (rc != 0) {
            delete start;
            if (detached)
                threadGone();
            return false;
        }
        m_ctx.threadCreated();
        if (!detached)
            joinable->push_back(id);
        return true;
    }

    struct Start {
        ThreadExecutor *self;
        std::function<void()> body;
        bool detached;
    };

    static void *trampoline(void *arg)
    {
        std::unique_ptr<Start> start(static_cast<Start *>(arg));
        start->body();
        if (start->detached)
            start->self->threadGone();
        return nullptr;
    }

    void threadGone()
    {
        std::lock_guard lock(m_liveMutex);
        if (--m_requestThreads == 0)
            m_liveCv.notify_all();
    }

    void poolWorker()
    {
        for (;;) {
            std::unique_ptr<RequestJob> job;
            {
                std::unique_lock lock(m_queueMutex);
                m_queueCv.wait(lock, [this] { return m_stopped || !m_queue.empty(); });
                if (m_stopped)
                    return;
                job = std::move(m_queue.front());
                m_queue.pop_front();
            }
            const auto children = static_cast<std::int64_t>(job->plan.programs.size()) - 1;
            if (children > 0 && !reserve(children)) {
                refuse(std::move(job), children);
                continue;
            }
            serve(std::move(job), false, LiveThreadRole::Pool, children);
        }
    }

    // Runs a request's root program on this thread and hands the request back. `ownSlot`: this
    // thread is the request's own (a thread per request) and gives its slots back at the end.
    void serve(std::unique_ptr<RequestJob> job, bool ownSlot, LiveThreadRole role, std::int64_t childSlots = 0)
    {
        const bool done = runProgram(job->plan, 0, job->index, 0, role);
        const auto tasks = static_cast<std::int64_t>(job->plan.programs.size());
        m_ctx.ended(std::move(job), done ? Outcome::Completed : Outcome::Abandoned);
        unreserve(ownSlot ? tasks : childSlots);
    }

    // Program `p` of request `request` on this thread, a thread of `role`; a child of task `parent`
    // (0: the root).
    bool runProgram(const RequestPlan &plan, std::uint32_t p, std::uint64_t request, std::uint64_t parent,
                    LiveThreadRole role)
    {
        // The stack measured is this thread's whole pthread stack, as pthread_getattr_np reports it.
        pthread_attr_t attr;
        void *lowest = nullptr;
        std::size_t bytes = 0;
        const bool known = pthread_getattr_np(pthread_self(), &attr) == 0;
        if (known) {
            pthread_attr_getstack(&attr, &lowest, &bytes);
            pthread_attr_destroy(&attr);
            m_ctx.stacks().add(lowest, bytes);
        }
        m_ctx.taskStarted();
        TaskSpan span(m_ctx.trace(), request, parent);
        span.run(role);
        bool ok = true;
        const Program prog = plan.programs[p];
        for (std::uint32_t i = prog.begin; i < prog.end && ok; ++i)
            ok = !m_ctx.stopping() && runOp(plan, plan.ops[i], request, span, role);
        if (ok)
            span.done();
        else
            span.close();
        m_ctx.taskEnded();
        if (known)
            m_ctx.stacks().remove(lowest);
        return ok;
    }

    bool runOp(const RequestPlan &plan, const Op &op, std::uint64_t request, TaskSpan &span, LiveThreadRole role)
    {
        const auto stopping = [this] { return m_ctx.stopping(); };
        switch (op.kind) {
        case OpKind::Cpu:
        case OpKind::CpuOffload: return burnCpu(op.value, m_ctx.stopFlag()) == 0; // the kernel preempts
        case OpKind::Blocking: {
            span.wait(LiveTaskState::Blocked);
            const bool ok = blockingSleep(op.value, stopping);
            span.run(role);
            return ok;
        }
        case OpKind::Io: {
            ThreadSemaphore *pool = op.pool >= 0 ? m_connections[static_cast<std::size_t>(op.pool)].get() : nullptr;
            if (pool) {
                span.wait(LiveTaskState::Pool);
                if (!pool->acquire(m_ctx))
                    return false;
            }
            span.wait(LiveTaskState::Io);
            const bool ok = blockingSleep(op.value, stopping); // a blocking read on the socket
            if (pool)
                pool->release();
            span.run(role);
            return ok;
        }
        case OpKind::Fanout: {
            // A thread per child, joined; slots for them were reserved with the request.
            std::atomic<bool> ok{true};
            std::vector<pthread_t> children;
            const std::uint64_t parent = span.task();
            bool joining = false;
            for (std::uint32_t c = 0; c < op.childCount; ++c) {
                const std::uint32_t program = op.childBegin + c;
                const auto child = [this, &plan, program, &ok, request, parent](LiveThreadRole r) {
                    ok.store(runProgram(plan, program, request, parent, r) && ok.load());
                };
                if (!spawn([child] { child(LiveThreadRole::Request); }, &children)) {
                    // The OS said no: run it here, while this task waits for it.
                    if (!joining)
                        span.wait(LiveTaskState::Joining);
                    joining = true;
                    child(role);
                }
            }
            if (!joining)
                span.wait(LiveTaskState::Joining);
            for (pthread_t t : children)
                pthread_join(t, nullptr);
            span.run(role);
            return ok.load();
        }
        case OpKind::Stack: touchStack(op.value); return true;
        }
        return true;
    }

    RunContext &m_ctx;
    std::int64_t m_cap;
    std::size_t m_stackBytes;
    bool m_pooled;
    std::vector<std::unique_ptr<ThreadSemaphore>> m_connections;
    std::atomic<std::int64_t> m_slots{0};
    std::vector<pthread_t> m_poolThreads;
    std::mutex m_queueMutex;
    std::condition_variable m_queueCv;
    std::deque<std::unique_ptr<RequestJob>> m_queue;
    bool m_stopped = false;
    std::mutex m_liveMutex;
    std::condition_variable m_liveCv;
    std::int64_t m_requestThreads = 0;
};

} // namespace

std::unique_ptr<Executor> makeThreadExecutor(RunContext &ctx) { return std::make_unique<ThreadExecutor>(ctx); }

} // namespace conviz::live
