#include "fuzz_support.h"

#include "engine/simulate.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace conviz::fuzz {

void fail(std::string_view what)
{
    std::fprintf(stderr, "fuzz check failed: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

namespace {

constexpr std::int64_t kMaxRequests = 30;
constexpr std::int64_t kMaxTasksPerRequest = 40;
constexpr std::size_t kMaxRecords = 20'000;
constexpr Nanos kShortestInterval{100'000};

template <typename T>
void capAt(T &value, T most)
{
    value = std::min(value, most);
}

void floorInterval(Nanos &value)
{
    if (value > Nanos{0})
        value = std::max(value, kShortestInterval);
}

// Forwards to a Recorder and raises `cancel` once it has heard kMaxRecords records, so a scenario
// whose run is long (an hour of 1 ns slices) still ends: deterministically, at the same record.
class BoundedRecorder final : public Observer {
public:
    explicit BoundedRecorder(std::atomic<bool> &cancel) : m_cancel(cancel) {}
    void onSpan(const Span &s) override { count(), m_recorder.onSpan(s); }
    void onThread(const ThreadInfo &t) override { count(), m_recorder.onThread(t); }
    void onTask(const TaskEvent &e) override { count(), m_recorder.onTask(e); }
    void onStack(const StackEvent &e) override { count(), m_recorder.onStack(e); }
    void onCounter(const CounterSample &c) override { count(), m_recorder.onCounter(c); }
    void onNarration(const Narration &n) override { count(), m_recorder.onNarration(n); }
    Trace take() { return m_recorder.take(); }

private:
    void count()
    {
        if (++m_records == kMaxRecords)
            m_cancel.store(true, std::memory_order_relaxed);
    }
    std::atomic<bool> &m_cancel;
    Recorder m_recorder{kMaxRecords};
    std::size_t m_records = 0;
};

} // namespace

bool shrinkForRun(Scenario &s)
{
    if (tasksPerRequest(s.steps) > kMaxTasksPerRequest)
        return false;
    capAt(s.load.requests, kMaxRequests);
    capAt(s.load.count, kMaxRequests);
    capAt(s.load.clients, std::int64_t{8});
    capAt(s.machine.cores, 8);
    capAt(s.fibers.gomaxprocs, 8);
    capAt(s.eventLoop.processes, 4);
    capAt(s.eventLoop.threadpool, 8);
    capAt(s.threads.poolSize, std::int64_t{32});
    floorInterval(s.fibers.timeSlice);
    floorInterval(s.fibers.netpollInterval);
    floorInterval(s.threads.timeSlice);
    return true;
}

Trace boundedTrace(const Scenario &scenario, ModelKind model)
{
    std::atomic<bool> cancel{false};
    BoundedRecorder recorder(cancel);
    RunOptions options;
    options.observer = &recorder;
    options.control.cancel = &cancel;
    simulate(scenario, model, options);
    return recorder.take();
}

namespace {

class JsonChecker {
public:
    explicit JsonChecker(std::string_view s) : m_s(s) {}

    bool document() { return value(0) && (skipSpace(), m_i == m_s.size()); }

private:
    void skipSpace()
    {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\n' || m_s[m_i] == '\r' || m_s[m_i] == '\t'))
            ++m_i;
    }
    bool eat(char c)
    {
        skipSpace();
        if (m_i < m_s.size() && m_s[m_i] == c) {
            ++m_i;
            return true;
        }
        return false;
    }
    bool literal(std::string_view word)
    {
        if (m_s.substr(m_i, word.size()) != word)
            return false;
        m_i += word.size();
        return true;
    }
    bool digits()
    {
        const std::size_t from = m_i;
        while (m_i < m_s.size() && m_s[m_i] >= '0' && m_s[m_i] <= '9')
            ++m_i;
        return m_i > from;
    }
    bool number()
    {
        if (m_i < m_s.size() && m_s[m_i] == '-')
            ++m_i;
        if (m_i < m_s.size() && m_s[m_i] == '0')
            ++m_i;
        else if (!digits())
            return false;
        if (m_i < m_s.size() && m_s[m_i] == '.') {
            ++m_i;
            if (!digits())
                return false;
        }
        if (m_i < m_s.size() && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            ++m_i;
            if (m_i < m_s.size() && (m_s[m_i] == '+' || m_s[m_i] == '-'))
                ++m_i;
            if (!digits())
                return false;
        }
        return true;
    }
    // One UTF-8 sequence at m_i (not ASCII): well-formed, shortest form, no surrogates.
    bool utf8()
    {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(m_s[m_i + k]); };
        const unsigned char b0 = byte(0);
        int n = 0;
        std::uint32_t cp = 0;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 1, cp = b0 & 0x1Fu;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 2, cp = b0 & 0x0Fu;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 3, cp = b0 & 0x07u;
        } else {
            return false;
        }
        if (m_i + static_cast<std::size_t>(n) >= m_s.size())
            return false;
        for (int k = 1; k <= n; ++k) {
            if ((byte(static_cast<std::size_t>(k)) & 0xC0u) != 0x80u)
                return false;
            cp = (cp << 6) | (byte(static_cast<std::size_t>(k)) & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        m_i += static_cast<std::size_t>(n) + 1;
        return true;
    }
    bool string()
    {
        if (!eat('"'))
            return false;
        while (m_i < m_s.size()) {
            const char c = m_s[m_i];
            if (c == '"') {
                ++m_i;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return false;
            if (c == '\\') {
                if (++m_i >= m_s.size())
                    return false;
                const char e = m_s[m_i++];
                if (e == 'u') {
                    for (int k = 0; k < 4; ++k, ++m_i)
                        if (m_i >= m_s.size() || !std::isxdigit(static_cast<unsigned char>(m_s[m_i])))
                            return false;
                } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
                    return false;
                }
            } else if (static_cast<unsigned char>(c) >= 0x80) {
                if (!utf8())
                    return false;
            } else {
                ++m_i;
            }
        }
        return false;
    }
    bool value(int depth)
    {
        if (depth > 64)
            return false;
        skipSpace();
        if (m_i >= m_s.size())
            return false;
        switch (m_s[m_i]) {
        case '{':
            ++m_i;
            if (eat('}'))
                return true;
            do {
                if (!string() || !eat(':') || !value(depth + 1))
                    return false;
            } while (eat(','));
            return eat('}');
        case '[':
            ++m_i;
            if (eat(']'))
                return true;
            do {
                if (!value(depth + 1))
                    return false;
            } while (eat(','));
            return eat(']');
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }

    std::string_view m_s;
    std::size_t m_i = 0;
};

} // namespace

bool isValidJson(std::string_view json) { return JsonChecker(json).document(); }

} // namespace conviz::fuzz
