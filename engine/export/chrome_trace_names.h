// What the Chrome trace calls things: processes, tracks, slices, waits and counters. Pure functions,
// shared by the trace writer and its tests; docs/exports.md lists the names with examples.
#pragma once

#include "engine/model_kind.h"
#include "engine/trace.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace conviz::exports {

// Process and thread ids. Each model is one process (pid 1 fibers, 2 event loop, 3 threads,
// whatever else is exported), and tids are unique across the whole file: pid × 10,000,000 plus
// 0 for the process itself, 1 + core for a core lane, 10,000 + serial for an OS thread.
int tracePid(ModelKind model);
std::int64_t processTid(ModelKind model);
std::int64_t coreTid(ModelKind model, int core);
std::int64_t threadTid(ModelKind model, std::uint32_t serial);

// "core 0".
std::string coreName(int core);
// An OS thread by its role: "M3", "loop (process 0)", "libuv 2 (process 0)", "worker 45".
// `poolIndex` is the thread's place among its process's libuv threads (PoolThread only).
std::string threadName(const ThreadInfo &thread, int poolIndex);

// What a span ran, as its slice name: "G17 · req 12", "callback · req 12", "T45 · req 12",
// "switch · G17 · req 12", "libuv work · req 3", "dispatch · req 9". `role` is the span's thread's.
std::string spanName(ModelKind model, const Span &span, ThreadRole role);
// "work", "switch", "spawn", "stack_copy", "dispatch": the slice's category and its `kind` arg.
std::string_view spanKindKey(SpanKind kind);

// A task as the GUI labels it: "G17" (goroutine), "#12" (the event loop's request), "T45".
std::string taskLabel(ModelKind model, std::uint64_t task, std::uint32_t request);

// Whether a task in `state` is waiting (runnable, on I/O, a pool, a blocking call or its children).
bool isWait(TaskState state);
// A wait's slice name: "runnable", "io wait", "pool wait", "blocked", "joining".
std::string_view waitName(TaskState state);
// "local_queue", "netpoller", "uv_thread"...: where a task waits, as an arg.
std::string_view placeKey(Place place);

// A counter's track: its name and the one arg key that carries the value. Perfetto shows the two
// joined: "run queue P0 length", "stack committed bytes".
struct CounterName {
    std::string name;
    std::string_view key;
};
CounterName counterName(ModelKind model, Counter counter, std::int32_t index, std::span<const std::string> poolNames);

// "steal", "preempt", "loop_lag"...
std::string_view narrationKindKey(NarrationKind kind);

} // namespace conviz::exports
