// The discrete-event kernel: a clock and a queue of pending events. No globals: each Simulation
// owns its state, so sweeps run many in parallel.
#pragma once

#include "engine/core/sim_time.h"

#include <cstdint>
#include <vector>

namespace conviz {

class Simulation;

struct Event {
    Nanos time;
    std::uint64_t seq = 0; // insertion order: the tie-break that makes runs reproducible
    class EventHandler *target = nullptr;
    std::uint32_t kind = 0; // meaning private to the target
    std::uint32_t a = 0;    // payload
    std::uint64_t b = 0;    // payload
};

class EventHandler {
public:
    virtual void onEvent(const Event &event) = 0;

protected:
    ~EventHandler() = default;
};

class Simulation {
public:
    Simulation() = default;
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    // Schedules `kind` for `target` at absolute time `at`. Precondition: at >= now().
    void schedule(Nanos at, EventHandler *target, std::uint32_t kind, std::uint32_t a = 0, std::uint64_t b = 0);
    // Same, `delay` after now().
    void after(Nanos delay, EventHandler *target, std::uint32_t kind, std::uint32_t a = 0, std::uint64_t b = 0)
    {
        schedule(m_now + delay, target, kind, a, b);
    }

    // Runs the earliest event. Returns false when there was none.
    bool step();
    // Runs every event with time <= t, then sets the clock to t.
    void runUntil(Nanos t);
    // Runs until no event is left.
    void run();

    Nanos now() const { return m_now; }
    bool empty() const { return m_heap.empty(); }
    std::size_t pending() const { return m_heap.size(); }
    std::uint64_t eventsProcessed() const { return m_processed; }

private:
    // Earlier time first; among equal times, the event scheduled first runs first. Ordering by time
    // alone would leave ties to the heap's internals, and runs would stop being reproducible.
    static bool before(const Event &x, const Event &y)
    {
        return x.time < y.time || (x.time == y.time && x.seq < y.seq);
    }
    Event popEarliest();

    std::vector<Event> m_heap; // 4-ary min-heap on before()
    Nanos m_now{};
    std::uint64_t m_nextSeq = 0;
    std::uint64_t m_processed = 0;
};

} // namespace conviz
