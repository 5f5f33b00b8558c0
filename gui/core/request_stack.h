// Which stack tile is a request's, and whose request a tile is. The stack view groups live stacks
// by size (kind, reserved, committed) and draws `count` equal tiles per group; a tile's position
// is its stack's place among that group's live stacks, in the live set's order. A goroutine's
// stack belongs to its task; a thread's to the request that ran on that thread last, at or before
// the cursor's time (a pool thread serves many requests in turn). The event loop's stacks are its
// loop and pool threads', no request's. Plain C++ over a TraceCursor (no Qt).
#pragma once

#include "engine/model_kind.h"
#include "gui/core/request_life.h"
#include "gui/core/trace_index.h"

#include <cstdint>
#include <optional>

namespace conviz::gui {

// One tile of a group: the group's size and the tile's position among its live stacks.
struct StackTile {
    StackGroup group; // count unused (0)
    std::int64_t position = 0;
    friend bool operator==(const StackTile &, const StackTile &) = default;
};

// The tile of the stack that `life`'s request holds at the cursor's time in `model`, if any.
std::optional<StackTile> requestStackTile(const TraceCursor &cursor, ModelKind model, const RequestLife &life);

// The request holding the `position`-th live stack of size `group` at the cursor's time, or
// kNoRequest (no such stack, or a stack no request holds).
std::uint32_t stackTileRequest(const TraceCursor &cursor, ModelKind model, const StackGroup &group,
                               std::int64_t position);

} // namespace conviz::gui
