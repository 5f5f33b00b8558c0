// What a live run recorded of its tasks: which task (request) ran on which OS thread and which CPU
// (sched_getcpu) and when, and each task's state changes. The executors record it in per-thread
// buffers (trace_recorder.h) that are merged after the run. Plain structs, Qt-free and Boost-free;
// toTrace() turns one into the engine's own Trace so that the views can draw it. docs/live.md.
#pragma once

#include "engine/model_kind.h"
#include "engine/recorder.h"

#include <cstdint>
#include <vector>

namespace conviz::live {

// What a thread that ran tasks was: a fiber worker, an event loop, a pool thread (the loop's
// thread_pool or a thread pool of threads.mode = "pool"), a thread of its own for one request or
// one fan-out child.
enum class LiveThreadRole : std::uint8_t { Worker, Loop, Pool, Request };

// A task's state from that instant on. Running: a span of it starts; Io: a timer or sleep for a
// network wait; Pool: waiting for a connection of a pool; Blocked: a blocking call (or, on the
// event loop, offloaded to the pool); Joining: waiting for its fan-out children.
enum class LiveTaskState : std::uint8_t { Running, Io, Pool, Blocked, Joining, Done, Refused };

struct LiveThread {
    std::uint32_t serial = 0; // 0, 1, … in the order the threads first ran a task
    LiveThreadRole role = LiveThreadRole::Worker;
};

// A stretch of time a task ran on a thread without waiting, in ns since the run started. `cpu` is
// sched_getcpu() at its start (the kernel may move the thread during it).
struct LiveSpan {
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    std::int32_t cpu = 0;
    std::uint32_t thread = 0; // LiveThread::serial
    std::uint64_t request = 0;
    std::uint64_t task = 0; // serial of the task within the run, from 1
};

struct LiveTaskEvent {
    std::int64_t timeNs = 0;
    std::uint64_t request = 0;
    std::uint64_t task = 0;   // 0 for a request refused before any task of it existed
    std::uint64_t parent = 0; // the parent task of a fan-out child; 0 for a request's root
    LiveTaskState state = LiveTaskState::Running;
};

struct LiveTrace {
    std::vector<LiveThread> threads;
    std::vector<LiveSpan> spans;      // sorted by start
    std::vector<LiveTaskEvent> tasks; // sorted by time
    bool truncated = false;           // live.trace_events was reached: everything from
    std::int64_t truncatedAtNs = -1;  // this instant on was dropped (-1: nothing was)
};

const char *roleKey(LiveThreadRole role);  // "worker", "loop", "pool", "request"
const char *stateKey(LiveTaskState state); // "running", "io", "pool", "blocked", "joining", "done", "refused"

// The same trace as the engine's own types: a Work span per LiveSpan (core = cpu, thread = its
// serial), a ThreadInfo per thread at its first span (fiber workers as Machine, loops as Loop, an
// event loop's pool threads as PoolThread, request threads and a thread pool's workers as Worker),
// and a TaskEvent per state change with a Created before each task's first; `model` is the
// executor that recorded it. The views can draw it as they draw a model's.
Trace toTrace(const LiveTrace &trace, ModelKind model);

} // namespace conviz::live
