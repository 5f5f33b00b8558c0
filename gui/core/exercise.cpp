#include "gui/core/exercise.h"

#include "engine/scenario/parameters.h"
#include "engine/scenario/tour_file.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/tour.h"
#include "report/exercise_check.h"

#include <QStringList>

#include <array>

namespace conviz::gui {

ExerciseLoad loadExercises(const QString &scenarioPath)
{
    ExerciseLoad out;
    const QString path = tourPathFor(scenarioPath);
    if (path.isEmpty())
        return out;
    scenario::TourLoadResult loaded = scenario::loadTourFile(path.toStdString());
    if (!loaded.ok()) {
        QStringList lines;
        for (const scenario::Diagnostic &d : loaded.errors)
            lines << QString::fromStdString(d.format());
        out.error = lines.join(QLatin1Char('\n'));
        return out;
    }
    out.exercises = std::move(loaded.tour->exercises);
    return out;
}

namespace {

// The kept key's value in the preset, as a person reads it: "4", "8MiB", "per-request".
QString presetValue(const std::string &key, const Scenario &preset)
{
    if (const std::optional<std::string> choice = scenario::choiceValue(key, preset))
        return QString::fromStdString(*choice);
    scenario::Exercise one;
    one.solution.push_back({key, scenario::parameterValue(key, preset), {}});
    const std::string text = scenario::describeSolution(one); // "key = value"
    return QString::fromStdString(text.substr(text.find(" = ") + 3));
}

} // namespace

ExerciseStatus exerciseStatus(const scenario::Exercise &exercise, const RunSnapshot &snapshot, const Scenario &preset)
{
    const std::array<ModelMetrics, 3> metrics{snapshot.models[0].metrics, snapshot.models[1].metrics,
                                              snapshot.models[2].metrics};
    const scenario::ExerciseCheck check = report::checkExercise(exercise, metrics, snapshot.scenario, preset);
    ExerciseStatus status;
    status.met = check.met;
    QStringList goals;
    QStringList unmet;
    for (std::size_t i = 0; i < exercise.goals.size(); ++i) {
        const scenario::ExerciseGoal &g = exercise.goals[i];
        const QString now = QString::fromStdString(
            scenario::formatMetricValue(scenario::exerciseMetricInfo(g.metric).unit, check.values[i]));
        const QString goal = QString::fromStdString(g.describe());
        goals << QStringLiteral("%1 (now %2)").arg(goal, now);
        if (!check.goalsMet[i])
            unmet << goals.back();
    }
    status.goals = goals.join(QStringLiteral("; "));
    if (!check.changed.empty()) {
        QStringList back;
        for (const std::string &key : check.changed)
            back << QStringLiteral("%1 to %2").arg(QString::fromStdString(key), presetValue(key, preset));
        status.text = QStringLiteral("Not counted: the task keeps the preset's values; put %1 back")
                          .arg(back.join(QStringLiteral(" and ")));
    } else if (check.met) {
        status.text = QStringLiteral("Done: the goal is met");
    } else {
        // One goal: the line above already says it and its value; of several, the ones still short.
        status.text = exercise.goals.size() == 1 ? QStringLiteral("Not yet")
                                                 : QStringLiteral("Not yet: %1").arg(unmet.join(QStringLiteral("; ")));
    }
    return status;
}

QString solutionText(const scenario::Exercise &exercise)
{
    return QString::fromStdString(scenario::describeSolution(exercise));
}

} // namespace conviz::gui
