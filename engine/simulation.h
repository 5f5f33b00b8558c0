// The discrete-event kernel: a clock and a queue of pending events. No globals: each Simulation
// owns its state, so sweeps run many in parallel.
#pragma once

#include "engine/core/contract.h"
#include "engine/core/sim_time.h"
#include "engine/event_queue.h"

#include <cstdint>
#include <vector>

namespace conviz {

class Simulation;

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
    // Inline (as step() is): every model event passes through both.
    void schedule(Nanos at, EventHandler *target, std::uint32_t kind, std::uint32_t a = 0, std::uint64_t b = 0)
    {
        // The queue relies on this too: it only accepts times at or after its last pop.
        CONVIZ_ASSERT(at >= m_now, "an event cannot be scheduled in the past");
        CONVIZ_ASSERT(target != nullptr, "an event needs a target");
        m_queue.push(Event{at, target, kind, a, b});
    }
    // Same, `delay` after now().
    void after(Nanos delay, EventHandler *target, std::uint32_t kind, std::uint32_t a = 0, std::uint64_t b = 0)
    {
        schedule(m_now + delay, target, kind, a, b);
    }

    // Runs the earliest event. Returns false when there was none.
    bool step()
    {
        if (!m_queue.prepareFront())
            return false;
        // A copy: the handler may schedule, which can move the queue's storage.
        const Event ev = m_queue.popFront();
        m_now = ev.time;
        ++m_processed;
        ev.target->onEvent(ev);
        return true;
    }
    // Runs every event with time <= t, then sets the clock to t.
    void runUntil(Nanos t);
    // Runs until no event is left.
    void run();

    Nanos now() const { return m_now; }
    bool empty() const { return m_queue.empty(); }
    std::size_t pending() const { return m_queue.size(); }
    std::uint64_t eventsProcessed() const { return m_processed; }

private:
    // Earlier time first; among equal times, the event scheduled first runs first. Ordering by time
    // alone would leave ties to the queue's internals, and runs would stop being reproducible. The
    // queue keeps that order without a sequence number (event_queue.h says how).
    EventQueue m_queue;
    Nanos m_now{};
    std::uint64_t m_processed = 0;
};

} // namespace conviz
