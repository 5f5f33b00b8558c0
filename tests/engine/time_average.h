// Time averages of what a model reports while it runs, integrated from the samples an Observer hears:
// the number of requests Little's law calls L, read from instruments other than the latency samples
// that give W. On one run L = λW is an identity only if every instrument accounts for every request
// at the same instants; these observers read the task states the GUI draws, so a wait the trace
// does not show, a request that leaves the trace at another time than its latency says, or busy
// time that is not service time breaks the equality.
#pragma once

#include "engine/trace.h"

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace conviz::test {

// A level that changes in steps over simulated time (a queue length, a count of live requests).
class StepFunction {
public:
    void set(Nanos at, std::int64_t level);
    std::int64_t level() const { return m_level; }
    // The time-average of the level over [from, to]; 0 if the interval is empty.
    double mean(Nanos from, Nanos to) const;

private:
    std::int64_t m_level = 0;
    std::vector<std::pair<Nanos, std::int64_t>> m_steps; // the level from this time on
};

// What a run's tasks are doing over time, from the trace's task states (what the GUI draws): how
// many wait (Runnable anywhere, waiting for a connection of a pool, or a job in libuv's queue) and
// how many are served by a blocking call off the cores (a blocked thread or M, a libuv thread's job).
class TaskStates : public Observer {
public:
    void onTask(const TaskEvent &e) override;
    double meanWaiting(Nanos from, Nanos to) const { return m_waiting.mean(from, to); }
    double meanBlocked(Nanos from, Nanos to) const { return m_blocked.mean(from, to); }

private:
    enum class Doing : std::uint8_t { Other, Waiting, Blocked };
    std::map<std::uint64_t, Doing> m_doing; // live task → what it does
    StepFunction m_waiting;
    StepFunction m_blocked;
};

// L from the trace's task states: a request is in the system from its root task's Created to its
// Done or Refused. Only requests created at or after `from` count (warm-up arrivals are not measured).
class RequestsInTrace : public Observer {
public:
    explicit RequestsInTrace(Nanos from) : m_from(from) {}
    void onTask(const TaskEvent &e) override;
    double mean(Nanos from, Nanos to) const { return m_alive.mean(from, to); }

private:
    Nanos m_from;
    std::map<std::uint32_t, Nanos> m_created; // request → root Created, for measured requests alive
    StepFunction m_alive;
};

} // namespace conviz::test
