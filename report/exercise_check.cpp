#include "report/exercise_check.h"

namespace conviz::report {

using scenario::ExerciseMetric;

double exerciseMetricValue(ExerciseMetric metric, const ModelMetrics &m)
{
    switch (metric) {
    case ExerciseMetric::Throughput: return m.throughputRps;
    case ExerciseMetric::LatencyMean: return m.latency.mean;
    case ExerciseMetric::LatencyP50: return m.latency.p50;
    case ExerciseMetric::LatencyP90: return m.latency.p90;
    case ExerciseMetric::LatencyP99: return m.latency.p99;
    case ExerciseMetric::LatencyMax: return m.latency.max;
    case ExerciseMetric::DelayP99: return m.schedulingDelay.p99;
    case ExerciseMetric::MemoryCommitted: return static_cast<double>(m.memory.peakCommitted);
    case ExerciseMetric::MemoryReserved: return static_cast<double>(m.memory.peakReserved);
    case ExerciseMetric::Threads: return static_cast<double>(m.peakThreads);
    case ExerciseMetric::InFlight: return static_cast<double>(m.peakInFlight);
    case ExerciseMetric::Cpu: return m.cpuUtilization;
    case ExerciseMetric::Refused: return static_cast<double>(m.refused);
    }
    return 0;
}

scenario::ExerciseCheck checkExercise(const scenario::Exercise &exercise, std::span<const ModelMetrics, 3> metrics,
                                      const Scenario &current, const Scenario &preset)
{
    return scenario::checkExercise(
        exercise,
        [&](ModelKind model, ExerciseMetric metric) {
            return exerciseMetricValue(metric, metrics[static_cast<std::size_t>(model)]);
        },
        current, preset);
}

} // namespace conviz::report
