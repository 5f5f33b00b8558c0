// The parameters that are not keys of the file but are read from the request's steps: request.cpu,
// request.offload, request.io, request.blocking (the sum of those steps' means), request.fanout (the
// first fan-out's width) and request.stack (the deepest stack step). Setting one rescales the steps
// it sums, keeping their proportions. Internal to conviz_scenario; parameters.h is the public face.
#pragma once

#include "engine/core/scenario.h"
#include "engine/scenario/schema.h"

#include <span>
#include <string_view>

namespace conviz::scenario::detail {

struct DerivedKey {
    std::string_view key; // "request.cpu"
    NumberKind kind;
    double min; // inclusive; ns for durations, bytes for sizes
    double max;
    std::string_view help;  // one line
    std::string_view label; // "CPU per request"
    std::string_view description;
    bool (*applies)(const Scenario &); // whether the request has such steps
    double (*get)(const Scenario &);   // precondition: applies
    void (*set)(Scenario &, double);   // precondition: applies
};

// Every derived key, in the order the app shows them.
std::span<const DerivedKey> derivedKeys();

// The derived key named `key`, or nullptr.
const DerivedKey *findDerivedKey(std::string_view key);

} // namespace conviz::scenario::detail
