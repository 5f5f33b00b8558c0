// Shared by the fuzz targets: a failed check stops the run with a message (libFuzzer then keeps the
// input as a crash), a bounded run of a validated scenario, and a JSON syntax check for the trace.
#pragma once

#include "engine/core/scenario.h"
#include "engine/model_kind.h"
#include "engine/recorder.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace conviz::fuzz {

// Prints `what` and aborts: libFuzzer reports the input as a crash.
[[noreturn]] void fail(std::string_view what);

inline void check(bool ok, std::string_view what)
{
    if (!ok)
        fail(what);
}

inline std::string_view text(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// Shrinks a validated scenario so that one run takes milliseconds: a few requests, cores, threads
// and tasks, slices and poll intervals no shorter than 100 µs. False if it is still too large to
// run quickly (a fan-out of thousands), in which case the caller skips it.
bool shrinkForRun(Scenario &scenario);

// Runs `scenario` under `model` with a trace, stopping after a few thousand trace records.
Trace boundedTrace(const Scenario &scenario, ModelKind model);

// Whether `json` is one syntactically valid JSON value in valid UTF-8 (RFC 8259), nesting ≤ 64.
bool isValidJson(std::string_view json);

} // namespace conviz::fuzz
