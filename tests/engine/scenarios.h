// Scenario builders for the engine tests: steps, loads and the "overheads zeroed" preset, written as
// C++ values so the tests do not depend on the TOML loader.
#pragma once

#include "engine/core/scenario.h"
#include "engine/metrics.h"
#include "engine/simulate.h"

#include <cstdint>
#include <map>
#include <vector>

namespace conviz::test {

DurationDist constant(Nanos mean);
DurationDist exponential(Nanos mean);
DurationDist lognormal(Nanos mean, Nanos p99);

Step cpu(DurationDist d, bool offload = false);
Step io(DurationDist d, int pool = -1);
Step blocking(DurationDist d);
Step fanout(std::int64_t count, std::vector<Step> children);
Step stack(std::int64_t bytes);

// Poisson arrivals at `rate` per second, `requests` of them.
Scenario openLoad(int cores, double rate, std::int64_t requests, std::vector<Step> steps);
// `clients` closed-loop clients with think time `think`, `requests` in all.
Scenario closedLoad(int cores, std::int64_t clients, DurationDist think, std::int64_t requests,
                    std::vector<Step> steps);
// `count` requests released at t = 0.
Scenario batchLoad(int cores, std::int64_t count, std::vector<Step> steps);

// Every model cost set to zero and the CPU factor to 1: the models become the queues of textbooks.
Scenario withoutOverheads(Scenario s);

ModelMetrics run(const Scenario &s, ModelKind m);
ModelResult runTraced(const Scenario &s, ModelKind m, std::size_t traceLimit = 4'000'000);

// Each request's latency (root task Created → Done), by request index, from a trace.
std::map<std::uint32_t, Nanos> requestLatencies(const Trace &trace);

// The first seed for which request 0's first op lasts at least `longAtLeast` and request 1's at most
// `shortAtMost`: lets a test pick a long request followed by a short one from a random distribution.
std::uint64_t seedWithLongThenShort(Scenario s, Nanos longAtLeast, Nanos shortAtMost);

// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load a = λ/μ.
double erlangC(int servers, double offeredLoad);
// Mean waiting time in queue of M/M/c, in units of the mean service time.
double mmcWaitInServiceUnits(int servers, double offeredLoad);

} // namespace conviz::test
