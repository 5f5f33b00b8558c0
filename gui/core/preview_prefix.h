// A slider drag's preview of a slow scenario simulates only its first requests, so that the
// headlines and charts keep up with the hand (issue 13: 20 updates a second), and only where those
// requests are a fair sample of the whole run's steady state: the tool must not show a number the
// whole run would not. docs/performance.md, "Dragging a slider". Pure; any thread.
#pragma once

#include "engine/core/scenario.h"
#include "gui/core/run_snapshot.h"

#include <QStringList>

#include <cstdint>

namespace conviz::gui {

// The time a drag's preview aims to take on its worker (RunSnapshot::computeMillis), in ms. An
// update may take 50 ms (20 a second); the rest is the GUI thread's, which draws the preview
// (headlines, and the throughput and cost charts at about 10 ms a chart, charts_pane.cpp) on one of
// the two cores the next preview's simulation runs on.
inline constexpr double kPreviewBudgetMs = 35;

// What the latest results say a preview of the current scenario costs and how its requests live.
struct PreviewCost {
    double millisPerRequest = 0; // the last untraced run's compute time per request; 0: none yet
    double lifetimeSeconds = 0;  // the longest p99 latency of the newest result's models
    bool steady = false;         // every model measured requests and none fell behind its arrivals

    // Takes the lifetimes and the steadiness of a result, traced or not, whole or a prefix.
    void noteResult(const RunSnapshot &result);
    // Takes the time an untraced run of `requests` requests took (RunSnapshot::computeMillis: the
    // simulation, and the costs and series, which take little beside it); a traced run's time goes to
    // its traces as much as to its requests.
    void noteTiming(double computeMillis, std::int64_t requests);
};

// How many of `scenario`'s first requests a drag's preview simulates: all (load.requests) unless the
// whole preview would take longer than `budgetMs` and a prefix is a fair sample (an open load in a
// steady state, whose prefix spans the warm-up and many request lifetimes). Deterministic: the same
// inputs give the same count.
std::int64_t previewRequests(const Scenario &scenario, const PreviewCost &cost, double budgetMs = kPreviewBudgetMs);

// What a partial preview says of itself, longest form first ("Preview of the first 120 of 400
// requests — the full run follows when you let go", …, "First 120 of 400 requests"); empty for a
// whole run.
QStringList prefixNote(const RequestPrefix &prefix);

} // namespace conviz::gui
