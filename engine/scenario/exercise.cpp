#include "engine/scenario/exercise.h"

#include "engine/scenario/parameters.h"
#include "engine/scenario/units.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace conviz::scenario {
namespace {

constexpr ExerciseMetricInfo kMetrics[] = {
    {ExerciseMetric::Throughput, "throughput", "throughput", MetricUnit::Rate},
    {ExerciseMetric::LatencyMean, "latency_mean", "mean latency", MetricUnit::Duration},
    {ExerciseMetric::LatencyP50, "latency_p50", "median latency", MetricUnit::Duration},
    {ExerciseMetric::LatencyP90, "latency_p90", "p90 latency", MetricUnit::Duration},
    {ExerciseMetric::LatencyP99, "latency_p99", "p99 latency", MetricUnit::Duration},
    {ExerciseMetric::LatencyMax, "latency_max", "slowest request", MetricUnit::Duration},
    {ExerciseMetric::DelayP99, "delay_p99", "p99 scheduling delay", MetricUnit::Duration},
    {ExerciseMetric::MemoryCommitted, "memory_committed", "peak committed memory", MetricUnit::Size},
    {ExerciseMetric::MemoryReserved, "memory_reserved", "peak reserved memory", MetricUnit::Size},
    {ExerciseMetric::Threads, "threads", "peak OS threads", MetricUnit::Count},
    {ExerciseMetric::InFlight, "in_flight", "peak requests in flight", MetricUnit::Count},
    {ExerciseMetric::Cpu, "cpu", "CPU busy", MetricUnit::Fraction},
    {ExerciseMetric::Refused, "refused", "refused requests", MetricUnit::Count},
};

std::string_view modelLabel(ModelKind model)
{
    switch (model) {
    case ModelKind::Fibers: return "Go's";
    case ModelKind::EventLoop: return "the event loop's";
    case ModelKind::Threads: return "the threads'";
    }
    return "";
}

} // namespace

std::string threeDigits(double v)
{
    const double a = std::abs(v);
    const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    std::string s = fmt::format("{:.{}f}", v, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    return s;
}

std::span<const ExerciseMetricInfo> exerciseMetrics() { return kMetrics; }

const ExerciseMetricInfo &exerciseMetricInfo(ExerciseMetric metric)
{
    return kMetrics[static_cast<std::size_t>(metric)];
}

std::string formatMetricValue(MetricUnit unit, double v)
{
    switch (unit) {
    case MetricUnit::Duration:
        if (std::abs(v) >= 1e9)
            return threeDigits(v / 1e9) + " s";
        if (std::abs(v) >= 1e6)
            return threeDigits(v / 1e6) + " ms";
        if (std::abs(v) >= 1e3)
            return threeDigits(v / 1e3) + " µs";
        return threeDigits(v) + " ns";
    case MetricUnit::Size:
        if (std::abs(v) >= 1024.0 * 1024 * 1024)
            return threeDigits(v / (1024.0 * 1024 * 1024)) + " GiB";
        if (std::abs(v) >= 1024.0 * 1024)
            return threeDigits(v / (1024.0 * 1024)) + " MiB";
        if (std::abs(v) >= 1024.0)
            return threeDigits(v / 1024.0) + " KiB";
        return threeDigits(v) + " B";
    case MetricUnit::Count: return detail::withCommas(std::llround(v));
    case MetricUnit::Rate: return detail::withCommas(std::llround(v)) + " req/s";
    case MetricUnit::Fraction: return threeDigits(v * 100) + " %";
    }
    return {};
}

std::string ExerciseGoal::describe() const
{
    const ExerciseMetricInfo &info = exerciseMetricInfo(metric);
    return fmt::format("{} {} {} {}", modelLabel(model), info.label, below ? "below" : "above",
                       formatMetricValue(info.unit, limit));
}

ExerciseCheck checkExercise(const Exercise &exercise, const ExerciseMetricValues &values, const Scenario &current,
                            const Scenario &preset)
{
    ExerciseCheck check;
    bool all = true;
    for (const ExerciseGoal &goal : exercise.goals) {
        const double value = values(goal.model, goal.metric);
        const bool met = goal.metBy(value);
        check.values.push_back(value);
        check.goalsMet.push_back(met);
        all = all && met;
    }
    for (const std::string &key : exercise.keep) {
        const bool same = findChoice(key) ? choiceValue(key, current) == choiceValue(key, preset)
                                          : parameterValue(key, current) == parameterValue(key, preset);
        if (!same)
            check.changed.push_back(key);
    }
    check.met = all && check.changed.empty() && !exercise.goals.empty();
    return check;
}

bool applySolution(const Exercise &exercise, Scenario &scenario)
{
    bool ok = true;
    for (const ExerciseSetting &s : exercise.solution)
        ok = (s.value ? setParameterValue(s.key, scenario, *s.value) : setChoiceValue(s.key, scenario, s.choice)) && ok;
    return ok;
}

std::string describeSolution(const Exercise &exercise)
{
    std::string out;
    for (const ExerciseSetting &s : exercise.solution) {
        if (!out.empty())
            out += ", ";
        std::string value = s.choice;
        if (s.value) {
            const std::optional<ParameterInfo> info = findParameter(s.key);
            const ParameterKind kind = info ? info->kind : ParameterKind::Real;
            const auto whole = static_cast<std::int64_t>(std::llround(*s.value));
            value = kind == ParameterKind::Duration ? detail::formatDuration(whole)
                    : kind == ParameterKind::Size   ? detail::formatSize(whole)
                    : kind == ParameterKind::Count  ? std::to_string(whole)
                                                    : threeDigits(*s.value);
        }
        out += fmt::format("{} = {}", s.key, value);
    }
    return out;
}

} // namespace conviz::scenario
