// What a model reports as it runs: CPU spans per core, task state changes, stack holders, counters
// and narration. An Observer hears them one by one; the Recorder (recorder.h) keeps them as a Trace
// from which the GUI rebuilds the state at any instant.
#pragma once

#include "engine/core/sim_time.h"

#include <cstdint>
#include <string>
#include <vector>

namespace conviz {

inline constexpr std::uint32_t kNoRequest = 0xffffffffu;

enum class SpanKind : std::uint8_t {
    Work,      // the task's own CPU step
    Switch,    // a context switch (kernel) or goroutine switch (Go runtime)
    Spawn,     // creating a goroutine, thread or promise chain
    StackCopy, // a goroutine stack doubling by copying
    Dispatch,  // event-loop overhead around a callback
    Gc,        // the garbage collector: a stop-the-world pause or mark work (Go), a scavenge (V8)
};

// A stretch of time one core spent on one thing.
struct Span {
    Nanos start;
    Nanos end;
    std::uint32_t core = 0;
    std::uint32_t thread = 0; // the OS thread's serial (see ThreadInfo)
    std::uint64_t task = 0;   // the task's serial (G17, request 17's callback, thread T17); 0: none
    std::uint32_t request = kNoRequest;
    SpanKind kind = SpanKind::Work;
};

enum class ThreadRole : std::uint8_t { Worker, Machine, Loop, PoolThread };

// An OS thread coming into being (or, with `exited`, going away).
struct ThreadInfo {
    Nanos time;
    std::uint32_t thread = 0; // serial, unique within a run
    ThreadRole role = ThreadRole::Worker;
    std::int32_t group = 0; // event loop: the process; others: 0
    bool exited = false;
};

enum class TaskState : std::uint8_t {
    Created,
    Runnable, // waiting for a core / P / the loop, in `place`
    Running,  // on core `index`
    IoWait,   // parked on the netpoller / epoll / a blocked thread
    PoolWait, // waiting for a connection of a pool
    Blocked,  // in a blocking syscall (thread or M blocked; on Node: running on the libuv pool)
    Joining,  // waiting for its fan-out children
    Done,
    Refused,
};

// Where a runnable or waiting task sits; `index` says which one (P, process, pool, core).
enum class Place : std::uint8_t {
    None,
    Core,
    RunNext,        // Go: the P's runnext slot
    LocalQueue,     // Go: the P's local run queue
    GlobalQueue,    // Go: the global run queue
    Netpoller,      // Go: parked on the netpoller
    Syscall,        // Go: in a syscall with its M
    KernelQueue,    // the kernel's run queue (threads)
    CallbackQueue,  // Node: the process's ready callbacks
    MicrotaskQueue, // Node: promise continuations, drained before the next callback
    Epoll,          // Node: waiting in epoll
    UvQueue,        // Node: waiting for a libuv pool thread
    UvThread,       // Node: on a libuv pool thread
    WorkQueue,      // threads (pool mode): the executor's queue of requests
    ConnectionPool, // waiting for a connection of pool `index`
    Join,           // waiting for children
};

struct TaskEvent {
    Nanos time;
    std::uint64_t task = 0;
    std::uint32_t request = kNoRequest;
    std::uint64_t parent = 0; // 0: a request's root
    TaskState state = TaskState::Created;
    Place place = Place::None;
    std::int32_t index = 0;
    std::int32_t slot = -1; // UvThread: which of process `index`'s libuv threads; else -1
};

enum class StackOwner : std::uint8_t { Goroutine, Thread };

// A stack coming into being, growing, or (reserved == 0) going away.
struct StackEvent {
    Nanos time;
    std::uint64_t owner = 0; // task serial for goroutines, thread serial for threads
    StackOwner kind = StackOwner::Thread;
    std::int64_t reserved = 0;
    std::int64_t committed = 0;
};

enum class Counter : std::uint8_t {
    InFlight,       // requests admitted and not finished
    Tasks,          // live tasks (goroutines, pending promise chains, request threads)
    Threads,        // live OS threads
    RunQueue,       // index: P (Go) / process (Node); threads: 1 = the pool's queue, or the accept backlog
    KernelQueue,    // threads waiting for a core in the kernel's run queue (every model)
    GlobalQueue,    // Go
    Waiting,        // parked on network I/O
    Blocked,        // in blocking calls
    PoolQueue,      // index: connection pool; waiting for a connection
    UvQueue,        // index: process; waiting for a libuv thread
    StackCommitted, // bytes
    StackReserved,
    OtherCommitted,
};

struct CounterSample {
    Nanos time;
    Counter counter = Counter::InFlight;
    std::int32_t index = 0;
    std::int64_t value = 0;
};

enum class NarrationKind : std::uint8_t {
    Steal,
    Preempt,
    Handoff,
    ThreadCreated,
    PoolSaturated,
    QueueOverflow,
    Refused,
    StackGrowth,
    LoopLag,     // one callback holds the loop for long (the cause)
    LoopDelay,   // ready callbacks wait longer than narration.loop_lag_alert (the effect)
    Saturation,  // an open load's arrivals outrun the model's departures (StrainWatch)
    QueueGrowth, // while saturated, the backlog doubled again
    Info,
};

struct Narration {
    Nanos time;
    NarrationKind kind = NarrationKind::Info;
    std::string text;
};

// Hears a model run. Every method has an empty default; a run with no observer pays nothing.
class Observer {
public:
    virtual ~Observer() = default;
    virtual void onSpan(const Span &) {}
    virtual void onThread(const ThreadInfo &) {}
    virtual void onTask(const TaskEvent &) {}
    virtual void onStack(const StackEvent &) {}
    virtual void onCounter(const CounterSample &) {}
    virtual void onNarration(const Narration &) {}
};

} // namespace conviz
