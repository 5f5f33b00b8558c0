#include "gui/core/checkpoint.h"

#include "engine/scenario/checkpoint.h"
#include "gui/core/model_palette.h"
#include "gui/core/run_snapshot.h"
#include "report/exercise_check.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString metricLabel(const scenario::Checkpoint &c)
{
    return fromUtf8(std::string(scenario::exerciseMetricInfo(c.metric).label));
}

double position(const scenario::Checkpoint &c, double value)
{
    return std::clamp((value - c.min) / (c.max - c.min), 0.0, 1.0);
}

} // namespace

QString checkpointChoiceLabel(ModelKind model) { return modelStyle(model).title; }

QString guessCaption(const scenario::Checkpoint &c)
{
    QString caption = QStringLiteral("%1 of %2").arg(metricLabel(c), modelStyle(c.model).title);
    if (!c.unit.empty())
        caption += QStringLiteral(", in %1").arg(fromUtf8(c.unit));
    return caption;
}

CheckpointReveal revealCheckpoint(const scenario::Checkpoint &c, const RunSnapshot &snapshot,
                                  std::optional<double> prediction)
{
    const auto values = [&](ModelKind m, scenario::ExerciseMetric metric) {
        return report::exerciseMetricValue(metric, snapshot.run(m).metrics);
    };
    const scenario::CheckpointOutcome outcome = scenario::evaluateCheckpoint(c, values);
    CheckpointReveal r;
    if (c.kind == scenario::Checkpoint::Kind::Guess) {
        r.answerModel = c.model;
        r.actual = outcome.actual;
        r.actualAt = position(c, outcome.actual);
        const QString real = fromUtf8(scenario::formatGuess(c, outcome.actual));
        const QString what = QStringLiteral("the %1 of %2 is %3").arg(metricLabel(c), modelStyle(c.model).title, real);
        if (prediction) {
            r.guessAt = position(c, *prediction);
            r.right = std::abs(*prediction - outcome.actual) <= (c.max - c.min) / 5;
            const QString guess = fromUtf8(scenario::formatGuess(c, *prediction));
            r.verdict = QStringLiteral("You guessed %1 — %2.").arg(guess, what);
            r.badge = QStringLiteral("You guessed %1 · it is %2").arg(guess, real);
        } else {
            r.verdict = QStringLiteral("No guess — %1.").arg(what);
            r.badge = QStringLiteral("It is %1").arg(real);
        }
        return r;
    }
    QStringList parts;
    for (std::size_t i = 0; i < c.choices.size(); ++i)
        parts << QStringLiteral("%1 %2").arg(checkpointChoiceLabel(c.choices[i]),
                                             fromUtf8(scenario::formatCheckpointValue(c, outcome.values[i])));
    r.values = QStringLiteral("%1 (%2 wins): %3")
                   .arg(metricLabel(c), c.lowest ? QStringLiteral("lowest") : QStringLiteral("highest"),
                        parts.join(QStringLiteral(" · ")));
    // The run decides, not the file: a model change that makes the file wrong shows here too.
    const QString truth = outcome.best
                              ? QStringLiteral("it was %1").arg(checkpointChoiceLabel(c.choices[*outcome.best]))
                              : QStringLiteral("it was a tie");
    r.answerModel = outcome.best ? c.choices[*outcome.best] : c.choices[c.answer];
    const std::optional<std::size_t> picked =
        prediction && *prediction >= 0 && *prediction < static_cast<double>(c.choices.size())
            ? std::optional<std::size_t>(static_cast<std::size_t>(*prediction))
            : std::nullopt;
    const QString best = outcome.best ? modelStyle(c.choices[*outcome.best]).shortTitle : QStringLiteral("a tie");
    if (!picked) {
        r.verdict = QStringLiteral("No answer given — %1.").arg(truth);
        r.badge = QStringLiteral("It was %1").arg(best);
    } else {
        r.badge = QStringLiteral("You said %1 · it was %2").arg(modelStyle(c.choices[*picked]).shortTitle, best);
        r.right = outcome.best == picked;
        r.verdict = r.right
                        ? QStringLiteral("You said: %1 — right.").arg(checkpointChoiceLabel(c.choices[*picked]))
                        : QStringLiteral("You said: %1 — %2.").arg(checkpointChoiceLabel(c.choices[*picked]), truth);
    }
    return r;
}

} // namespace conviz::gui
