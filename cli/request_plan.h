// The request plan: the requests conviz draws for a scenario and seed, written as JSON for a
// program outside conviz (resources/runners/) to execute. docs/live.md, "The request plan".
#pragma once

#include "engine/core/scenario.h"

#include <string>

namespace conviz::cli {

// The plan of `s` (call it with live::liveScenario's result, so it is the work a live run does):
// the model parameters a runner needs, the load's shape (open arrival times, closed think times, or
// a batch) and every request's steps with their drawn durations. Deterministic: the same scenario
// gives the same bytes. One request per line, so a large plan stays readable.
std::string planJson(const Scenario &s);

// One paragraph for a terminal: how many requests, what load, what steps.
std::string planSummary(const Scenario &s);

} // namespace conviz::cli
