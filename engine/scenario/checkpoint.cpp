#include "engine/scenario/checkpoint.h"

#include <fmt/format.h>

#include <cmath>

namespace conviz::scenario {
namespace {

} // namespace

CheckpointOutcome evaluateCheckpoint(const Checkpoint &checkpoint, const ExerciseMetricValues &values)
{
    CheckpointOutcome out;
    if (checkpoint.kind == Checkpoint::Kind::Guess) {
        const double value = values(checkpoint.model, checkpoint.metric);
        out.values.push_back(value);
        out.actual = value / checkpoint.scale;
        out.answerHolds = out.actual >= checkpoint.min && out.actual <= checkpoint.max;
        return out;
    }
    for (const ModelKind m : checkpoint.choices)
        out.values.push_back(values(m, checkpoint.metric));
    for (std::size_t i = 0; i < out.values.size(); ++i) {
        bool beatsAll = true;
        for (std::size_t j = 0; j < out.values.size(); ++j)
            if (j != i && !(checkpoint.lowest ? out.values[i] < out.values[j] : out.values[i] > out.values[j]))
                beatsAll = false;
        if (beatsAll)
            out.best = i;
    }
    out.answerHolds = out.best == checkpoint.answer;
    return out;
}

std::string formatCheckpointValue(const Checkpoint &checkpoint, double value)
{
    if (checkpoint.kind == Checkpoint::Kind::Guess)
        return formatGuess(checkpoint, value / checkpoint.scale);
    return formatMetricValue(exerciseMetricInfo(checkpoint.metric).unit, value);
}

std::string formatGuess(const Checkpoint &checkpoint, double guess)
{
    const MetricUnit unit = exerciseMetricInfo(checkpoint.metric).unit;
    if (unit == MetricUnit::Count || unit == MetricUnit::Rate || checkpoint.unit.empty())
        return formatMetricValue(unit, guess * checkpoint.scale);
    return threeDigits(guess) + (checkpoint.unit == "%" ? "" : " ") + checkpoint.unit;
}

} // namespace conviz::scenario
