#include "engine/export/chrome_trace_streams.h"

#include "engine/export/chrome_trace_names.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace conviz::exports::detail {
namespace {

template <typename... Args>
void append(std::string &out, fmt::format_string<Args...> format, Args &&...args)
{
    fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

// The fields every event starts with: phase, process, track, time.
void appendHead(std::string &out, char phase, std::int64_t pid, std::int64_t tid, Nanos ts)
{
    append(out, R"({{"ph":"{}","pid":{},"tid":{},"ts":)", phase, pid, tid);
    appendMicros(out, ts);
}

void appendRequest(std::string &out, std::uint32_t request)
{
    if (request == kNoRequest)
        out += "null";
    else
        append(out, "{}", request);
}

class SpanStream final : public EventStream {
public:
    SpanStream(const ModelContext &ctx, bool threadTracks) : m_ctx(ctx), m_threadTracks(threadTracks)
    {
        // Recorded in order of their end; Perfetto wants slices by start.
        m_order.assign(ctx.trace->spans.begin(), ctx.trace->spans.end());
        std::stable_sort(m_order.begin(), m_order.end(), [&](const Span &a, const Span &b) {
            return a.start < b.start || (a.start == b.start && a.core < b.core);
        });
    }

    bool done() const override { return m_next >= m_order.size(); }
    Nanos time() const override { return span().start; }
    std::size_t total() const override { return m_order.size() * (m_threadTracks ? 2 : 1); }

    void emit(std::string &out) override
    {
        const Span &s = span();
        if (!m_onThread)
            m_name =
                spanName(m_ctx.model, s, s.thread < m_ctx.roles.size() ? m_ctx.roles[s.thread] : ThreadRole::Worker);
        const std::int64_t tid =
            m_onThread ? threadTid(m_ctx.model, s.thread) : coreTid(m_ctx.model, static_cast<int>(s.core));
        appendHead(out, 'X', m_ctx.pid, tid, s.start);
        out += ",\"dur\":";
        appendMicros(out, s.end - s.start);
        out += ",\"name\":";
        appendJsonString(out, m_name);
        append(out, R"(,"cat":"{}","args":{{"task":{},"request":)", spanKindKey(s.kind), s.task);
        appendRequest(out, s.request);
        append(out, R"(,"thread":{},"core":{},"kind":"{}"}}}})", s.thread, s.core, spanKindKey(s.kind));
        if (m_threadTracks && !m_onThread) {
            m_onThread = true;
        } else {
            m_onThread = false;
            ++m_next;
        }
    }

private:
    const Span &span() const { return m_order[m_next]; }

    const ModelContext &m_ctx;
    bool m_threadTracks;
    std::vector<Span> m_order;
    std::size_t m_next = 0;
    bool m_onThread = false; // the current span's core event is out; its thread event is next
    std::string m_name;
};

class WaitStream final : public EventStream {
public:
    explicit WaitStream(const ModelContext &ctx) : m_ctx(ctx), m_nextTask(ctx.trace->tasks.begin()) { refill(); }

    bool done() const override { return m_readyNext >= m_ready.size(); }
    Nanos time() const override { return m_ready[m_readyNext].time; }
    std::size_t total() const override { return m_ctx.trace->tasks.size(); }

    void emit(std::string &out) override
    {
        const Ready &r = m_ready[m_readyNext];
        const Wait &w = r.wait;
        appendHead(out, r.begin ? 'b' : 'e', m_ctx.pid, processTid(m_ctx.model), r.time);
        append(out, R"(,"cat":"wait","name":"{}","id2":{{"local":"0x{:x}"}})", waitName(w.state), r.task);
        if (r.begin) {
            append(out, R"(,"args":{{"task":{},"request":)", r.task);
            appendRequest(out, w.request);
            out += ",\"label\":";
            appendJsonString(out, taskLabel(m_ctx.model, r.task, w.request));
            append(out, R"(,"place":"{}","index":{}}})", placeKey(w.place), w.index);
        }
        out += '}';
        ++m_readyNext;
        refill();
    }

private:
    struct Wait {
        std::uint32_t request = kNoRequest;
        TaskState state = TaskState::Runnable;
        Place place = Place::None;
        std::int32_t index = 0;
    };
    struct Ready {
        Nanos time;
        bool begin = false;
        std::uint64_t task = 0;
        Wait wait;
    };

    void refill()
    {
        while (m_readyNext >= m_ready.size()) {
            m_ready.clear();
            m_readyNext = 0;
            if (m_nextTask != m_ctx.trace->tasks.end()) {
                nextInstant();
            } else if (!m_closed) {
                closeOpenWaits();
                m_closed = true;
            } else {
                return;
            }
        }
    }

    // Takes every task event of the next instant. A task whose state changes several times within
    // one instant waited for none of the intermediate states: only its last state there can open a
    // wait, and every end comes before every begin.
    void nextInstant()
    {
        const Nanos t = m_nextTask->time;
        m_instant.clear();
        for (; m_nextTask != m_ctx.trace->tasks.end() && m_nextTask->time == t; ++m_nextTask)
            m_instant.push_back(*m_nextTask);
        m_lastAt.clear();
        for (std::size_t i = 0; i < m_instant.size(); ++i)
            m_lastAt[m_instant[i].task] = i;
        for (const TaskEvent &e : m_instant) {
            const auto open = m_open.find(e.task);
            if (open != m_open.end()) {
                m_ready.push_back({t, false, e.task, open->second});
                m_open.erase(open);
            }
        }
        for (std::size_t i = 0; i < m_instant.size(); ++i) {
            const TaskEvent &e = m_instant[i];
            if (m_lastAt[e.task] != i || !isWait(e.state))
                continue;
            const Wait w{e.request, e.state, e.place, e.index};
            m_ready.push_back({t, true, e.task, w});
            m_open.emplace(e.task, w);
        }
    }

    void closeOpenWaits()
    {
        std::vector<std::pair<std::uint64_t, Wait>> open(m_open.begin(), m_open.end());
        std::sort(open.begin(), open.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[task, w] : open)
            m_ready.push_back({m_ctx.end, false, task, w});
        m_open.clear();
    }

    const ModelContext &m_ctx;
    PackedLog<TaskEvent>::const_iterator m_nextTask;
    std::vector<TaskEvent> m_instant;               // the task events of the instant being taken
    std::unordered_map<std::uint64_t, Wait> m_open; // by task serial
    std::unordered_map<std::uint64_t, std::size_t> m_lastAt;
    std::vector<Ready> m_ready;
    std::size_t m_readyNext = 0;
    bool m_closed = false;
};

class CounterStream final : public EventStream {
public:
    explicit CounterStream(const ModelContext &ctx) : m_ctx(ctx), m_next(ctx.trace->counters.begin()) {}

    bool done() const override { return m_next == m_ctx.trace->counters.end(); }
    Nanos time() const override { return m_next->time; }
    std::size_t total() const override { return m_ctx.trace->counters.size(); }

    void emit(std::string &out) override
    {
        const CounterSample c = *m_next++;
        const auto key = (static_cast<std::uint64_t>(c.counter) << 32) | static_cast<std::uint32_t>(c.index);
        auto name = m_names.find(key);
        if (name == m_names.end())
            name = m_names.emplace(key, counterName(m_ctx.model, c.counter, c.index, m_ctx.poolNames)).first;
        appendHead(out, 'C', m_ctx.pid, processTid(m_ctx.model), c.time);
        out += ",\"name\":";
        appendJsonString(out, name->second.name);
        append(out, R"(,"args":{{"{}":{}}}}})", name->second.key, c.value);
    }

private:
    const ModelContext &m_ctx;
    PackedLog<CounterSample>::const_iterator m_next;
    std::unordered_map<std::uint64_t, CounterName> m_names;
};

class NarrationStream final : public EventStream {
public:
    explicit NarrationStream(const ModelContext &ctx) : m_ctx(ctx) {}

    bool done() const override { return m_next >= m_ctx.trace->narration.size(); }
    Nanos time() const override { return m_ctx.trace->narration[m_next].time; }
    std::size_t total() const override { return m_ctx.trace->narration.size(); }

    void emit(std::string &out) override
    {
        const Narration &n = m_ctx.trace->narration[m_next++];
        appendHead(out, 'i', m_ctx.pid, processTid(m_ctx.model), n.time);
        out += R"(,"s":"p","cat":"narration","name":)";
        appendJsonString(out, n.text);
        append(out, R"(,"args":{{"kind":"{}"}}}})", narrationKindKey(n.kind));
    }

private:
    const ModelContext &m_ctx;
    std::size_t m_next = 0;
};

void appendMetadata(std::vector<std::string> &events, std::int64_t pid, std::int64_t tid, std::string_view what,
                    std::string_view name, std::int64_t sortIndex)
{
    std::string e;
    append(e, R"({{"ph":"M","pid":{},"tid":{},"name":"{}_name","args":{{"name":)", pid, tid, what);
    appendJsonString(e, name);
    e += "}}";
    events.push_back(std::move(e));
    events.push_back(fmt::format(R"({{"ph":"M","pid":{},"tid":{},"name":"{}_sort_index","args":{{"sort_index":{}}}}})",
                                 pid, tid, what, sortIndex));
}

} // namespace

void appendMicros(std::string &out, Nanos t)
{
    std::int64_t ns = t.count();
    if (ns < 0) {
        out += '-';
        ns = -ns;
    }
    append(out, "{}.{:03}", ns / 1000, ns % 1000);
}

ModelContext describe(const ChromeTraceModel &model, std::span<const std::string> poolNames)
{
    ModelContext ctx;
    ctx.model = model.model;
    ctx.trace = model.trace;
    ctx.pid = tracePid(model.model);
    ctx.poolNames = poolNames;
    const Trace &t = *model.trace;

    std::uint32_t maxCore = 0;
    bool anySpan = false;
    for (const Span &s : t.spans) {
        maxCore = std::max(maxCore, s.core);
        ctx.end = max(ctx.end, s.end);
        anySpan = true;
    }
    ctx.cores = std::max(model.cores, anySpan ? static_cast<int>(maxCore) + 1 : 0);
    if (!t.tasks.empty())
        ctx.end = max(ctx.end, t.tasks.back().time);
    if (!t.counters.empty())
        ctx.end = max(ctx.end, t.counters.back().time);
    if (!t.narration.empty())
        ctx.end = max(ctx.end, t.narration.back().time);
    if (!t.threads.empty())
        ctx.end = max(ctx.end, t.threads.back().time);

    std::uint32_t maxSerial = 0;
    for (const ThreadInfo &th : t.threads)
        maxSerial = std::max(maxSerial, th.thread);
    for (const Span &s : t.spans)
        maxSerial = std::max(maxSerial, s.thread);
    ctx.roles.assign(static_cast<std::size_t>(maxSerial) + 1, ThreadRole::Worker);
    ctx.threadNames.assign(static_cast<std::size_t>(maxSerial) + 1, std::string());
    std::unordered_map<std::int32_t, int> poolThreads; // per process
    for (const ThreadInfo &th : t.threads) {
        if (th.exited)
            continue; // an exit carries no role
        ctx.roles[th.thread] = th.role;
        const int poolIndex = th.role == ThreadRole::PoolThread ? poolThreads[th.group]++ : 0;
        ctx.threadNames[th.thread] = threadName(th, poolIndex);
    }
    // A span of a thread created before the trace began (none today) still gets a named track.
    for (const Span &s : t.spans)
        if (ctx.threadNames[s.thread].empty())
            ctx.threadNames[s.thread] = fmt::format("thread {}", s.thread);
    return ctx;
}

void appendMetadataEvents(std::vector<std::string> &events, const ModelContext &ctx, bool threadTracks)
{
    const std::int64_t base = processTid(ctx.model);
    appendMetadata(events, ctx.pid, base, "process", modelTitle(ctx.model), static_cast<std::int64_t>(ctx.model));
    for (int c = 0; c < ctx.cores; ++c)
        appendMetadata(events, ctx.pid, coreTid(ctx.model, c), "thread", coreName(c), coreTid(ctx.model, c) - base);
    if (!threadTracks)
        return;
    for (std::size_t serial = 0; serial < ctx.threadNames.size(); ++serial) {
        if (ctx.threadNames[serial].empty())
            continue;
        const std::int64_t tid = threadTid(ctx.model, static_cast<std::uint32_t>(serial));
        appendMetadata(events, ctx.pid, tid, "thread", ctx.threadNames[serial], tid - base);
    }
}

std::unique_ptr<EventStream> spanStream(const ModelContext &ctx, bool threadTracks)
{
    return std::make_unique<SpanStream>(ctx, threadTracks);
}
std::unique_ptr<EventStream> waitStream(const ModelContext &ctx) { return std::make_unique<WaitStream>(ctx); }
std::unique_ptr<EventStream> counterStream(const ModelContext &ctx) { return std::make_unique<CounterStream>(ctx); }
std::unique_ptr<EventStream> narrationStream(const ModelContext &ctx) { return std::make_unique<NarrationStream>(ctx); }

} // namespace conviz::exports::detail
