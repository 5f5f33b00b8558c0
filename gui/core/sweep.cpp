#include "gui/core/sweep.h"

#include "engine/simulate.h"
#include "gui/core/knobs.h"

namespace conviz::gui {
namespace {

// "Arrival rate (req/s)" for the axis, "arrival rate" for titles; a key that is no knob of the
// scenario (conviz-cli can sweep any numeric key) is shown as the key.
SweepSnapshot labelled(const Scenario &base, const std::string &param, std::span<const double> values,
                       const SweepResults &results)
{
    SweepSnapshot snap;
    snap.spec.param = param;
    const std::vector<Knob> knobs = knobsFor(base);
    const Knob *knob = findKnob(knobs, QString::fromStdString(param));
    double divisor = 1;
    if (knob) {
        snap.knobLabel = knob->label;
        if (snap.knobLabel.size() > 1 && snap.knobLabel.at(1).isLower())
            snap.knobLabel[0] = snap.knobLabel.at(0).toLower();
        const QString unit = knob->suffix.trimmed();
        snap.label = knob->label + (unit.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(unit));
        divisor = knob->displayDivisor;
    } else {
        snap.label = snap.knobLabel = QString::fromStdString(param);
    }
    for (std::size_t i = 0; i < values.size() && i < results.size(); ++i) {
        snap.xs.push_back(values[i] / divisor);
        std::array<ModelMetrics, 3> row;
        for (std::size_t m = 0; m < 3 && m < results[i].size(); ++m)
            row[m] = results[i][m];
        snap.points.push_back(row);
    }
    if (!snap.xs.empty()) {
        snap.spec.from = values.front();
        snap.spec.to = values.back();
        snap.spec.steps = static_cast<int>(snap.xs.size());
    }
    return snap;
}

QString errorText(const scenario::SweepError &error)
{
    QString text = QString::fromStdString(error.message);
    for (const std::string &d : error.diagnostics)
        text += (text.isEmpty() ? QString() : QStringLiteral("\n")) + QString::fromStdString(d);
    return text;
}

} // namespace

SweepSnapshot sweepSnapshot(const scenario::SweepPlan &plan, const SweepResults &results)
{
    return labelled(plan.base, plan.param, plan.values, results);
}

SweepRun runSweep(const Scenario &base, const SweepSpec &spec, const std::atomic<bool> *cancel,
                  std::function<void(double)> progress)
{
    try {
        auto planned = scenario::planSweep(base, spec);
        if (const auto *error = std::get_if<scenario::SweepError>(&planned))
            return {nullptr, errorText(*error)};
        const scenario::SweepPlan &plan = std::get<scenario::SweepPlan>(planned);
        RunControl control;
        control.cancel = cancel;
        control.progress = std::move(progress);
        const SweepResults results = simulateSweep(plan.points, kAllModels, control);
        auto snap = std::make_shared<SweepSnapshot>(sweepSnapshot(plan, results));
        snap->spec = spec;
        snap->cancelled = cancel && cancel->load();
        return {snap, {}};
    } catch (const std::exception &e) {
        return {nullptr, QStringLiteral("the sweep failed: %1").arg(QString::fromLocal8Bit(e.what()))};
    }
}

} // namespace conviz::gui
