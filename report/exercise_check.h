// The exercises of a tour file (engine/scenario/exercise.h) checked against a run's ModelMetrics:
// what the app ticks and what the preset tests assert. Qt-free.
#pragma once

#include "engine/metrics.h"
#include "engine/scenario/exercise.h"

#include <span>

namespace conviz::report {

// The metric's value in `metrics`: ns for durations, bytes for sizes, req/s, a count or 0..1.
double exerciseMetricValue(scenario::ExerciseMetric metric, const ModelMetrics &metrics);

// scenario::checkExercise on a run of `current`: `metrics` in kAllModels order.
scenario::ExerciseCheck checkExercise(const scenario::Exercise &exercise, std::span<const ModelMetrics, 3> metrics,
                                      const Scenario &current, const Scenario &preset);

} // namespace conviz::report
