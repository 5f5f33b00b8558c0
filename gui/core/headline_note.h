// Why a model's headline numbers are empty or extreme, in words a student reads next to them:
// "nothing finished yet", "overloaded: arrivals exceed capacity by 3.1×". Pure; any thread.
#pragma once

#include "engine/metrics.h"

#include <QString>

namespace conviz::gui {

struct HeadlineNote {
    QString text;              // empty: the numbers speak for themselves
    bool numbersEmpty = false; // no measured request: throughput and latency have nothing to show
};

// The note for a run's metrics. The overload comes from the run itself (ModelMetrics::overload:
// arrivals ÷ departures while arrivals outran the model), not from the scenario's nominal rate:
// long requests make throughput low without any overload (c10k's connections last seconds).
HeadlineNote headlineNote(const ModelMetrics &m);

} // namespace conviz::gui
