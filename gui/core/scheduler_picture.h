// What a scheduler view draws at one instant, as plain data: rows ("lanes") of task chips grouped
// in segments — the cores, each P / event loop with its queues, the waiting sets, the pools.
// Built from a TraceCursor; painted by SchedulerView. Knows each model's vocabulary.
#pragma once

#include "engine/core/scenario.h"
#include "engine/model_kind.h"
#include "gui/core/trace_index.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace conviz::gui {

enum class ChipTone : std::uint8_t {
    Running,  // on a core / P / the loop thread
    Overhead, // a core busy with a switch, spawn, stack copy or dispatch
    Ready,    // runnable, waiting in a queue
    Waiting,  // parked on the network, blocked, waiting for a pool or children
    Empty,    // an idle slot (core, P, pool thread)
};

struct Chip {
    ChipTone tone = ChipTone::Empty;
    QString label; // "G17", "#17", "T17"; empty for an idle slot
    QString tooltip;
    std::uint32_t request = kNoRequest; // the request whose task the chip shows (clicking it follows it)
};

struct LaneSegment {
    QString caption;         // "runs", "next", "local queue", ...
    std::vector<Chip> chips; // at most the picture's chip limit
    std::int64_t total = 0;  // chips that exist (may exceed chips.size())
    int slots = 0;           // > 0: a fixed number of places (cores, pool threads); 0: a queue
};

struct Lane {
    QString title;   // "Cores", "P0", "Global queue", "Netpoller"
    QString tooltip; // what the lane means, for a workshop attendee
    std::vector<LaneSegment> segments;
};

struct SchedulerPicture {
    std::vector<Lane> lanes;
    std::int64_t liveTasks = 0;
};

// The picture of `model` at the cursor's time. `maxChips` bounds the chips per segment; the tasks of
// request `follow` keep their chips even where that bound drops others.
SchedulerPicture schedulerPicture(const TraceCursor &cursor, ModelKind model, const Scenario &scenario,
                                  int maxChips = 48, std::uint32_t follow = kNoRequest);

// A task's display name in a model's vocabulary ("G17", "#17", "T17").
QString taskLabel(ModelKind model, const TaskEvent &event);

} // namespace conviz::gui
