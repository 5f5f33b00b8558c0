#include "gui/core/scheduler_picture.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace conviz::gui {
namespace {

// A live task's latest event and its position among all task events (earlier = entered earlier).
struct Held {
    std::size_t position = 0;
    TaskEvent event;
    friend bool operator<(const Held &a, const Held &b) { return a.position < b.position; }
};

// The live tasks at one place, oldest entry first (a queue's head), bounded.
struct Bucket {
    std::vector<Held> events;
    std::vector<Held> followed; // the followed request's tasks: always shown
    std::int64_t total = 0;
};

QString stateText(const TaskEvent &e)
{
    switch (e.state) {
    case TaskState::Created: return QStringLiteral("just created");
    case TaskState::Runnable: return QStringLiteral("ready to run");
    case TaskState::Running: return QStringLiteral("running");
    case TaskState::IoWait: return QStringLiteral("waiting on the network");
    case TaskState::PoolWait: return QStringLiteral("waiting for a pool connection");
    case TaskState::Blocked: return QStringLiteral("in a blocking call");
    case TaskState::Joining: return QStringLiteral("waiting for its children");
    case TaskState::Done: return QStringLiteral("done");
    case TaskState::Refused: return QStringLiteral("refused");
    }
    return {};
}

class Builder {
public:
    Builder(const TraceCursor &cursor, ModelKind model, const Scenario &scenario, int maxChips, std::uint32_t follow)
        : m_cursor(cursor),
          m_model(model),
          m_scenario(scenario),
          m_max(static_cast<std::size_t>(maxChips)),
          m_follow(follow)
    {
    }

    Chip chip(const TaskEvent &e, ChipTone tone) const
    {
        Chip c{tone, taskLabel(m_model, e), {}, e.request};
        c.tooltip = QStringLiteral("%1 — request %2, %3, since %4")
                        .arg(c.label)
                        .arg(e.request)
                        .arg(stateText(e), formatDuration(static_cast<double>(e.time.count())));
        return c;
    }

    LaneSegment queue(QString caption, Bucket &b, ChipTone tone) const
    {
        LaneSegment s{std::move(caption), {}, b.total, 0};
        std::sort(b.events.begin(), b.events.end());
        if (!b.followed.empty()) { // the followed request's chips in the place of the newest others
            const std::size_t keep = m_max > b.followed.size() ? m_max - b.followed.size() : 0;
            if (b.events.size() > keep)
                b.events.resize(keep);
            b.events.insert(b.events.end(), b.followed.begin(), b.followed.end());
            std::sort(b.events.begin(), b.events.end());
        }
        for (const Held &h : b.events)
            s.chips.push_back(chip(h.event, tone));
        return s;
    }

    // A fixed slot holding at most one task.
    LaneSegment slot(QString caption, const std::optional<TaskEvent> &e, ChipTone tone) const
    {
        LaneSegment s{std::move(caption), {}, e ? 1 : 0, 1};
        s.chips.push_back(e ? chip(*e, tone) : Chip{});
        return s;
    }

    void add(Bucket &b, const TaskEvent &e, std::size_t position) const
    {
        ++b.total;
        if (e.request == m_follow && m_follow != kNoRequest) {
            b.followed.push_back({position, e});
            return;
        }
        if (b.events.size() < m_max) {
            b.events.push_back({position, e});
            std::push_heap(b.events.begin(), b.events.end());
        } else if (position < b.events.front().position) {
            // Keep the oldest entries: replace the newest one kept.
            std::pop_heap(b.events.begin(), b.events.end());
            b.events.back() = {position, e};
            std::push_heap(b.events.begin(), b.events.end());
        }
    }

    // A thread-per-request server's main thread, in accept(): the first thread the run creates.
    bool isAcceptLoop(const Span &span) const
    {
        if (m_model != ModelKind::Threads || m_scenario.threads.mode != ThreadMode::PerRequest ||
            span.kind != SpanKind::Spawn)
            return false;
        const auto &threads = m_cursor.index().trace().threads;
        return !threads.empty() && span.thread == threads.front().thread;
    }

    Lane cores() const
    {
        Lane lane{QStringLiteral("Cores"), QStringLiteral("The CPU cores and what each runs now"), {}};
        LaneSegment s{QString(), {}, 0, m_scenario.machine.cores};
        const TraceIndex &index = m_cursor.index();
        for (int c = 0; c < m_scenario.machine.cores && c < index.cores(); ++c) {
            const std::optional<Span> span = index.spanAt(c, m_cursor.time());
            if (!span) {
                s.chips.push_back({ChipTone::Empty, QString(), QStringLiteral("core %1: idle").arg(c)});
                continue;
            }
            ++s.total;
            Chip chip;
            chip.tone = span->kind == SpanKind::Work ? ChipTone::Running : ChipTone::Overhead;
            chip.request = span->request;
            const QString prefix = modelStyle(m_model).taskPrefix;
            if (m_model == ModelKind::EventLoop)
                chip.label =
                    span->request == kNoRequest ? QStringLiteral("loop") : prefix + QString::number(span->request);
            else
                chip.label =
                    span->task == 0 ? QStringLiteral("M%1").arg(span->thread) : prefix + QString::number(span->task);
            static const char *const kinds[] = {"work", "context switch", "spawn", "stack copy", "callback dispatch"};
            chip.tooltip = QStringLiteral("core %1: %2 (%3), OS thread %4")
                               .arg(c)
                               .arg(chip.label, QString::fromLatin1(kinds[static_cast<int>(span->kind)]))
                               .arg(span->thread);
            if (isAcceptLoop(*span)) {
                // The accept loop creating a connection's thread: that connection still waits in the
                // backlog, so the chip is the loop's, not the connection's.
                chip.tooltip = QStringLiteral("core %1: the accept loop creating %2's thread (pthread_create), OS "
                                              "thread %3")
                                   .arg(c)
                                   .arg(chip.label)
                                   .arg(span->thread);
                chip.label = QStringLiteral("accept");
                chip.request = kNoRequest;
            }
            s.chips.push_back(std::move(chip));
        }
        lane.segments.push_back(std::move(s));
        return lane;
    }

    // The waits every model has: for a connection of a pool, and for fan-out children.
    struct SharedWaits {
        std::vector<Bucket> pool;
        Bucket joining;
    };
    SharedWaits sharedWaits() const { return {std::vector<Bucket>(m_scenario.pools.size()), {}}; }
    void addSharedWait(SharedWaits &w, const TaskEvent &e, std::size_t position) const
    {
        if (e.state == TaskState::PoolWait && static_cast<std::size_t>(e.index) < w.pool.size())
            add(w.pool[static_cast<std::size_t>(e.index)], e, position);
        else if (e.state == TaskState::Joining)
            add(w.joining, e, position);
    }

    void poolAndJoinLanes(SchedulerPicture &pic, SharedWaits &w) const
    {
        std::vector<Bucket> &poolWait = w.pool;
        Bucket &joining = w.joining;
        for (std::size_t i = 0; i < poolWait.size(); ++i) {
            if (poolWait[i].total == 0 && i >= m_scenario.pools.size())
                continue;
            const QString name =
                i < m_scenario.pools.size() ? QString::fromStdString(m_scenario.pools[i].name) : QString::number(i);
            const std::int64_t size = i < m_scenario.pools.size() ? m_scenario.pools[i].size : 0;
            pic.lanes.push_back(
                {QStringLiteral("Pool “%1”").arg(name),
                 QStringLiteral("Requests waiting for one of the %1 connections of pool “%2”").arg(size).arg(name),
                 {queue(QStringLiteral("waiting"), poolWait[i], ChipTone::Waiting)}});
        }
        if (joining.total > 0 || hasFanout())
            pic.lanes.push_back({QStringLiteral("Joining"),
                                 QStringLiteral("Parents waiting for their fan-out children"),
                                 {queue(QString(), joining, ChipTone::Waiting)}});
    }

    bool hasFanout() const
    {
        return std::any_of(m_scenario.steps.begin(), m_scenario.steps.end(),
                           [](const Step &s) { return s.kind == StepKind::Fanout; });
    }

    SchedulerPicture fibers() const;
    SchedulerPicture eventLoop() const;
    SchedulerPicture threads() const;

private:
    const TraceCursor &m_cursor;
    ModelKind m_model;
    const Scenario &m_scenario;
    std::size_t m_max;
    std::uint32_t m_follow;
};

constexpr int kMaxDetailedLanes = 8; // more Ps / processes than this are summed into one lane

SchedulerPicture Builder::fibers() const
{
    const int ps = m_scenario.effectiveGomaxprocs();
    const int shown = std::min(ps, kMaxDetailedLanes);
    std::vector<std::optional<TaskEvent>> running(static_cast<std::size_t>(ps));
    std::vector<std::optional<TaskEvent>> next(static_cast<std::size_t>(ps));
    std::vector<Bucket> local(static_cast<std::size_t>(shown + 1));
    Bucket global, netpoll, ready, syscall;
    SharedWaits waits = sharedWaits();
    m_cursor.forEachLiveTask([&](const TaskEvent &e, std::size_t at) {
        const auto p = static_cast<std::size_t>(std::clamp(e.index, 0, ps - 1));
        switch (e.state) {
        case TaskState::Running: running[p] = e; break;
        case TaskState::Runnable:
            if (e.place == Place::RunNext)
                next[p] = e;
            else if (e.place == Place::LocalQueue)
                add(local[std::min<std::size_t>(p, static_cast<std::size_t>(shown))], e, at);
            else if (e.place == Place::GlobalQueue)
                add(global, e, at);
            else if (e.place == Place::Netpoller)
                add(ready, e, at);
            else if (e.place == Place::None)
                running[p] = e; // back from a syscall, resuming on its P
            else
                add(global, e, at);
            break;
        case TaskState::IoWait: add(netpoll, e, at); break;
        case TaskState::Blocked: add(syscall, e, at); break;
        default: addSharedWait(waits, e, at); break;
        }
    });
    SchedulerPicture pic;
    pic.lanes.push_back(cores());
    for (int p = 0; p < shown; ++p) {
        const auto i = static_cast<std::size_t>(p);
        pic.lanes.push_back({QStringLiteral("P%1").arg(p),
                             QStringLiteral("Logical processor P%1: the goroutine it runs, its runnext slot and its "
                                            "local run queue (%2 slots)")
                                 .arg(p)
                                 .arg(m_scenario.fibers.localQueue),
                             {slot(QStringLiteral("runs"), running[i], ChipTone::Running),
                              slot(QStringLiteral("next"), next[i], ChipTone::Ready),
                              queue(QStringLiteral("local queue"), local[i], ChipTone::Ready)}});
    }
    if (ps > shown) {
        std::int64_t busy = 0;
        for (int p = shown; p < ps; ++p)
            busy += running[static_cast<std::size_t>(p)] ? 1 : 0;
        Bucket &rest = local[static_cast<std::size_t>(shown)];
        pic.lanes.push_back(
            {QStringLiteral("P%1–P%2").arg(shown).arg(ps - 1),
             QStringLiteral("%1 more processors, %2 of them running a goroutine").arg(ps - shown).arg(busy),
             {queue(QStringLiteral("local queues"), rest, ChipTone::Ready)}});
    }
    pic.lanes.push_back({QStringLiteral("Global queue"),
                         QStringLiteral("Runnable goroutines no P owns yet: preempted ones, overflow of full local "
                                        "queues; every P checks it each 61st schedule"),
                         {queue(QString(), global, ChipTone::Ready)}});
    pic.lanes.push_back({QStringLiteral("Netpoller"),
                         QStringLiteral("Goroutines parked on network I/O (epoll): no OS thread is blocked for them"),
                         {queue(QStringLiteral("waiting"), netpoll, ChipTone::Waiting),
                          queue(QStringLiteral("ready"), ready, ChipTone::Ready)}});
    pic.lanes.push_back({QStringLiteral("Syscalls"),
                         QStringLiteral("Goroutines in a blocking syscall: each blocks its M (OS thread), whose P "
                                        "is handed to another M"),
                         {queue(QString(), syscall, ChipTone::Waiting)}});
    poolAndJoinLanes(pic, waits);
    pic.liveTasks = static_cast<std::int64_t>(m_cursor.liveTaskCount());
    return pic;
}

SchedulerPicture Builder::eventLoop() const
{
    const int procs = std::max(1, m_scenario.eventLoop.processes);
    const int shown = std::min(procs, kMaxDetailedLanes);
    std::vector<std::optional<TaskEvent>> running(static_cast<std::size_t>(procs));
    std::vector<Bucket> micro(static_cast<std::size_t>(shown + 1)), callbacks(static_cast<std::size_t>(shown + 1));
    Bucket uvThreads, uvQueue, epoll;
    SharedWaits waits = sharedWaits();
    m_cursor.forEachLiveTask([&](const TaskEvent &e, std::size_t at) {
        const auto p = static_cast<std::size_t>(std::clamp(e.index, 0, procs - 1));
        const std::size_t row = std::min(p, static_cast<std::size_t>(shown));
        switch (e.state) {
        case TaskState::Running: running[p] = e; break;
        case TaskState::Runnable:
            add(e.place == Place::MicrotaskQueue && row < static_cast<std::size_t>(shown) ? micro[row] : callbacks[row],
                e, at);
            break;
        case TaskState::Blocked: add(e.place == Place::UvThread ? uvThreads : uvQueue, e, at); break;
        case TaskState::IoWait: add(epoll, e, at); break;
        default: addSharedWait(waits, e, at); break;
        }
    });
    SchedulerPicture pic;
    pic.lanes.push_back(cores());
    for (int p = 0; p < shown; ++p) {
        const auto i = static_cast<std::size_t>(p);
        pic.lanes.push_back({procs == 1 ? QStringLiteral("Loop") : QStringLiteral("Loop %1").arg(p),
                             QStringLiteral("The single JavaScript thread of process %1: the callback it runs, then "
                                            "microtasks (promise continuations, drained first), then ready callbacks")
                                 .arg(p),
                             {slot(QStringLiteral("runs"), running[i], ChipTone::Running),
                              queue(QStringLiteral("microtasks"), micro[i], ChipTone::Ready),
                              queue(QStringLiteral("callbacks"), callbacks[i], ChipTone::Ready)}});
    }
    if (procs > shown) {
        Bucket &rest = callbacks[static_cast<std::size_t>(shown)];
        pic.lanes.push_back({QStringLiteral("Loops %1–%2").arg(shown).arg(procs - 1),
                             QStringLiteral("%1 more processes").arg(procs - shown),
                             {queue(QStringLiteral("queued"), rest, ChipTone::Ready)}});
    }
    LaneSegment pool = queue(QStringLiteral("threads"), uvThreads, ChipTone::Running);
    pool.slots = m_scenario.eventLoop.threadpool * procs;
    while (static_cast<int>(pool.chips.size()) < std::min(pool.slots, static_cast<int>(m_max)))
        pool.chips.push_back({});
    pic.lanes.push_back({QStringLiteral("libuv pool"),
                         QStringLiteral("The libuv thread pool (%1 threads per process): blocking file, DNS and "
                                        "crypto work runs here; more wait in its FIFO queue")
                             .arg(m_scenario.eventLoop.threadpool),
                         {std::move(pool), queue(QStringLiteral("queue"), uvQueue, ChipTone::Waiting)}});
    pic.lanes.push_back({QStringLiteral("epoll"),
                         QStringLiteral("Requests waiting on network I/O: the loop is free meanwhile"),
                         {queue(QStringLiteral("waiting"), epoll, ChipTone::Waiting)}});
    poolAndJoinLanes(pic, waits);
    pic.liveTasks = static_cast<std::int64_t>(m_cursor.liveTaskCount());
    return pic;
}

SchedulerPicture Builder::threads() const
{
    const TraceIndex &index = m_cursor.index();
    std::unordered_set<std::uint64_t> onCore;
    for (int c = 0; c < index.cores(); ++c)
        if (const std::optional<Span> s = index.spanAt(c, m_cursor.time()))
            onCore.insert(s->task);
    Bucket kernel, work, network, syscall;
    SharedWaits waits = sharedWaits();
    m_cursor.forEachLiveTask([&](const TaskEvent &e, std::size_t at) {
        switch (e.state) {
        case TaskState::Runnable:
        case TaskState::Running:
            if (e.place == Place::WorkQueue)
                add(work, e, at);
            else if (!onCore.count(e.task))
                add(kernel, e, at);
            break;
        case TaskState::IoWait: add(network, e, at); break;
        case TaskState::Blocked: add(syscall, e, at); break;
        default: addSharedWait(waits, e, at); break;
        }
    });
    SchedulerPicture pic;
    pic.lanes.push_back(cores());
    if (m_scenario.threads.mode == ThreadMode::Pool) {
        pic.lanes.push_back({QStringLiteral("Run queue"),
                             QStringLiteral("The kernel's run queue: threads ready to run, waiting for a core"),
                             {queue(QString(), kernel, ChipTone::Ready)}});
        pic.lanes.push_back(
            {QStringLiteral("Work queue"),
             QStringLiteral("Requests waiting for one of the %1 pool threads").arg(m_scenario.threads.poolSize),
             {queue(QString(), work, ChipTone::Ready)}});
    } else {
        // One lane for both waits, as Blocked holds network and syscall: a lane more would not fit
        // a 1280×720 screen.
        pic.lanes.push_back(
            {QStringLiteral("Run queue"),
             QStringLiteral("The kernel's run queue: threads ready to run, waiting for a core; and the accept "
                            "backlog: connections waiting for the accept loop, which creates their threads one "
                            "after another (%1 each)")
                 .arg(formatDuration(static_cast<double>(m_scenario.threads.spawnCost.count()))),
             {queue(QStringLiteral("threads"), kernel, ChipTone::Ready),
              queue(QStringLiteral("accept backlog"), work, ChipTone::Ready)}});
    }
    pic.lanes.push_back({QStringLiteral("Blocked"),
                         QStringLiteral("Threads blocked in the kernel: each keeps its stack while it waits"),
                         {queue(QStringLiteral("network"), network, ChipTone::Waiting),
                          queue(QStringLiteral("syscall"), syscall, ChipTone::Waiting)}});
    poolAndJoinLanes(pic, waits);
    pic.liveTasks = static_cast<std::int64_t>(m_cursor.liveTaskCount());
    return pic;
}

} // namespace

QString taskLabel(ModelKind model, const TaskEvent &event)
{
    const QString &prefix = modelStyle(model).taskPrefix;
    if (model == ModelKind::EventLoop)
        return prefix + QString::number(event.request);
    return prefix + QString::number(event.task);
}

SchedulerPicture schedulerPicture(const TraceCursor &cursor, ModelKind model, const Scenario &scenario, int maxChips,
                                  std::uint32_t follow)
{
    const Builder b(cursor, model, scenario, maxChips, follow);
    switch (model) {
    case ModelKind::Fibers: return b.fibers();
    case ModelKind::EventLoop: return b.eventLoop();
    case ModelKind::Threads: return b.threads();
    }
    return {};
}

} // namespace conviz::gui
