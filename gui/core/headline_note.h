// Why a model's headline numbers are empty or extreme, in words a student reads next to them:
// "nothing finished yet", "overloaded: arrivals exceed capacity by 3.1×". Pure; any thread.
#pragma once

#include "engine/metrics.h"

#include <QString>

#include <span>

namespace conviz::gui {

struct HeadlineNote {
    QString text;              // empty: the numbers speak for themselves
    bool numbersEmpty = false; // no measured request: throughput and latency have nothing to show
    QString why;               // numbersEmpty: why, without the overload ("all arrived in the 500 ms warm-up")
};

// The note for a run's metrics. The overload comes from the run itself (ModelMetrics::overload:
// arrivals ÷ departures while arrivals outran the model), not from the scenario's nominal rate:
// long requests make throughput low without any overload (c10k's connections last seconds).
HeadlineNote headlineNote(const ModelMetrics &m);

// One sentence for each reason the models that measured no request have, naming them in the order
// given: "Fibers (Go), Event loop (Node.js) and OS threads measured nothing: all arrived in the 60 s
// warm-up." Empty if every model measured some.
QString unmeasuredSentences(std::span<const ModelMetrics *const> models);

} // namespace conviz::gui
