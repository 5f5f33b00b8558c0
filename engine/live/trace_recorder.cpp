#include "engine/live/trace_recorder.h"

#include <algorithm>
#include <limits>

#include <sched.h>

namespace conviz::live {
namespace {

constexpr std::int64_t kNoCut = std::numeric_limits<std::int64_t>::max();

std::atomic<std::uint64_t> g_generation{1};

// This thread's buffer in the run with that generation; another run's is never reused.
struct LocalBuffer {
    std::uint64_t generation = 0;
    void *buffer = nullptr;
};
thread_local LocalBuffer t_local;

std::int32_t currentCpu() noexcept
{
    const int cpu = ::sched_getcpu();
    return cpu < 0 ? 0 : cpu;
}

} // namespace

TraceRecorder::TraceRecorder(std::int64_t capacity)
    : m_capacity(std::max<std::int64_t>(capacity, 0)), m_generation(g_generation.fetch_add(1)), m_cutNs(kNoCut)
{
}

std::int64_t TraceRecorder::nowNs() noexcept
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void TraceRecorder::setOrigin(std::chrono::steady_clock::time_point t) noexcept
{
    m_origin.store(std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count(),
                   std::memory_order_relaxed);
}

TraceRecorder::Buffer *TraceRecorder::local()
{
    if (t_local.generation == m_generation)
        return static_cast<Buffer *>(t_local.buffer);
    std::lock_guard lock(m_mutex);
    m_buffers.push_back(std::make_unique<Buffer>());
    // No reserve: a thread per request records a few events, and its buffer counts in the run's RSS.
    Buffer *b = m_buffers.back().get();
    t_local = {m_generation, b};
    return b;
}

bool TraceRecorder::room(std::int64_t timeNs) noexcept
{
    if (m_count.fetch_add(1, std::memory_order_relaxed) < m_capacity)
        return true;
    // Full: everything reported from the earliest refused instant on is dropped at the merge.
    std::int64_t cut = m_cutNs.load(std::memory_order_relaxed);
    while (timeNs < cut && !m_cutNs.compare_exchange_weak(cut, timeNs, std::memory_order_relaxed)) {
    }
    return false;
}

void TraceRecorder::span(LiveThreadRole role, std::int64_t startNs, std::int64_t endNs, std::int32_t cpu,
                         std::uint64_t request, std::uint64_t task)
{
    if (!enabled() || !room(endNs))
        return;
    Buffer *b = local();
    b->role = role;
    b->spans.push_back({startNs, endNs, cpu, 0, request, task});
}

void TraceRecorder::event(std::int64_t timeNs, std::uint64_t request, std::uint64_t task, std::uint64_t parent,
                          LiveTaskState state)
{
    if (!enabled() || !room(timeNs))
        return;
    local()->events.push_back({timeNs, request, task, parent, state});
}

LiveTrace TraceRecorder::merge()
{
    LiveTrace out;
    const std::int64_t origin = m_origin.load(std::memory_order_relaxed);
    const std::int64_t cut = m_cutNs.load(std::memory_order_relaxed);
    const auto since = [origin](std::int64_t t) { return std::max<std::int64_t>(t - origin, 0); };
    out.truncated = cut != kNoCut;
    out.truncatedAtNs = out.truncated ? since(cut) : -1;

    std::lock_guard lock(m_mutex);
    // Threads that ran something before the cut, numbered in the order they first did.
    std::vector<std::pair<std::int64_t, Buffer *>> running;
    for (const auto &b : m_buffers) {
        std::erase_if(b->spans, [cut](const LiveSpan &s) { return s.endNs >= cut; });
        std::erase_if(b->events, [cut](const LiveTaskEvent &e) { return e.timeNs >= cut; });
        if (!b->spans.empty()) {
            const auto first = std::min_element(b->spans.begin(), b->spans.end(),
                                                [](auto &x, auto &y) { return x.startNs < y.startNs; });
            running.emplace_back(first->startNs, b.get());
        }
        for (LiveTaskEvent e : b->events) {
            e.timeNs = since(e.timeNs);
            out.tasks.push_back(e);
        }
    }
    std::sort(running.begin(), running.end(), [](auto &x, auto &y) { return x.first < y.first; });
    for (std::uint32_t serial = 0; serial < running.size(); ++serial) {
        Buffer *b = running[serial].second;
        out.threads.push_back({serial, b->role});
        for (LiveSpan s : b->spans) {
            s.startNs = since(s.startNs);
            s.endNs = since(s.endNs);
            s.thread = serial;
            out.spans.push_back(s);
        }
    }
    std::stable_sort(out.spans.begin(), out.spans.end(), [](auto &x, auto &y) { return x.startNs < y.startNs; });
    std::stable_sort(out.tasks.begin(), out.tasks.end(), [](auto &x, auto &y) { return x.timeNs < y.timeNs; });
    return out;
}

TaskSpan::TaskSpan(TraceRecorder *recorder, std::uint64_t request, std::uint64_t parent)
    : m_recorder(recorder && recorder->enabled() ? recorder : nullptr), m_request(request), m_parent(parent)
{
    if (m_recorder)
        m_task = m_recorder->newTask();
}

void TaskSpan::open(LiveThreadRole role)
{
    if (!m_recorder)
        return;
    m_role = role;
    m_start = TraceRecorder::nowNs();
    m_cpu = currentCpu();
}

void TaskSpan::close()
{
    if (!m_recorder || m_start < 0)
        return;
    m_recorder->span(m_role, m_start, TraceRecorder::nowNs(), m_cpu, m_request, m_task);
    m_start = -1;
}

void TaskSpan::mark(LiveTaskState state)
{
    if (!m_recorder)
        return;
    // A Running event carries its span's start, so that the two can be matched.
    const std::int64_t at = state == LiveTaskState::Running && m_start >= 0 ? m_start : TraceRecorder::nowNs();
    m_recorder->event(at, m_request, m_task, m_parent, state);
}

} // namespace conviz::live
