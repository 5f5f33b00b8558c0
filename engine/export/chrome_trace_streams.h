// Internal to the Chrome trace writer: one model's trace as streams of JSON events, each in time
// order, which chrome_trace.cpp merges into one file. Nothing here holds more than an index per span.
#pragma once

#include "engine/export/chrome_trace.h"
#include "engine/export/json_text.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace conviz::exports::detail {

// 1234567 ns → "1234.567": microseconds with every nanosecond, always three decimals.
void appendMicros(std::string &out, Nanos t);
using exports::appendJsonString;

// What the streams of one model share.
struct ModelContext {
    ModelKind model = ModelKind::Fibers;
    const Trace *trace = nullptr;
    int cores = 0;
    std::int64_t pid = 0;
    std::vector<ThreadRole> roles;        // by thread serial
    std::vector<std::string> threadNames; // by thread serial; empty: never seen created
    Nanos end{};                          // the last instant anything happened
    std::span<const std::string> poolNames;
};

ModelContext describe(const ChromeTraceModel &model, std::span<const std::string> poolNames);

// The "M" events naming the model's process and tracks.
void appendMetadataEvents(std::vector<std::string> &events, const ModelContext &ctx, bool threadTracks);

class EventStream {
public:
    virtual ~EventStream() = default;
    virtual bool done() const = 0;
    // The next event's time. Precondition: !done().
    virtual Nanos time() const = 0;
    // Appends the next event's JSON object to `out` and moves on. Precondition: !done().
    virtual void emit(std::string &out) = 0;
    // How many events the stream emits in all (for progress).
    virtual std::size_t total() const = 0;
};

// "X" events, by start time: each span on its core's track and, with threadTracks, its thread's.
std::unique_ptr<EventStream> spanStream(const ModelContext &ctx, bool threadTracks);
// "b"/"e" async events for every wait interval of every task (zero-length intervals are left out);
// waits still open at the end close at ctx.end.
std::unique_ptr<EventStream> waitStream(const ModelContext &ctx);
// "C" events for queue lengths, counts and memory.
std::unique_ptr<EventStream> counterStream(const ModelContext &ctx);
// "i" process-scoped instant events for the narration lines.
std::unique_ptr<EventStream> narrationStream(const ModelContext &ctx);

} // namespace conviz::exports::detail
