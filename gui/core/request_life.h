// One request's life in one model, from its trace: when it arrived and finished, and what it was
// doing in between (waiting for a CPU, running, waiting on I/O, for a connection, on a blocking
// call, for its fan-out children), as time-ordered segments and totals per state. Plain C++ over
// the engine's Trace (no Qt): the "follow one request" strip draws it, and tests check it exactly.
#pragma once

#include "engine/recorder.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace conviz::gui {

// What a request's root task does over a stretch of time.
enum class LifeState : std::uint8_t {
    CpuWait,   // runnable (or created) but on no core: a run queue, the loop's callback queue
    Ran,       // one of its spans is on a core
    QueueWait, // in a queue before its worker: the thread pool's work queue, the accept backlog, libuv's queue
    PoolWait,  // waiting for a connection of a pool
    Io,        // waiting on the network (netpoller, epoll, a blocked thread)
    Blocking,  // in a blocking call (Node: on a libuv thread)
    Join,      // waiting for its fan-out children
};
inline constexpr std::size_t kLifeStates = 7;

struct LifeSegment {
    Nanos start;
    Nanos end;
    LifeState state = LifeState::CpuWait;
};

struct RequestLife {
    std::uint32_t request = kNoRequest;
    Nanos arrival{};       // its root task's creation: the instant the request arrived
    Nanos end{};           // its root task's end (done or refused), or the trace's cut
    bool finished = false; // false: the trace was cut (or ended) before the request did
    bool refused = false;
    std::vector<LifeSegment> segments;       // consecutive, from arrival to end, adjacent states merged
    std::array<Nanos, kLifeStates> totals{}; // time in each state (they sum to latency())
    std::vector<std::uint32_t> spans;        // indices into trace.spans of every span of the request
    std::vector<std::uint64_t> tasks;        // serials of its tasks, root first

    Nanos latency() const { return end - arrival; }
    Nanos total(LifeState s) const { return totals[static_cast<std::size_t>(s)]; }
    // The state at instant t (nullopt before its arrival or after its end).
    std::optional<LifeState> stateAt(Nanos t) const;
};

// The life of `request` in `trace`; nullopt if the trace holds no root task of it.
std::optional<RequestLife> requestLife(const Trace &trace, std::uint32_t request);

} // namespace conviz::gui
