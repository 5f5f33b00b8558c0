#include "gui/core/sweep.h"

#include "engine/simulate.h"
#include "gui/core/scenario_edit.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

// "Arrival rate (req/s)" for the axis, "arrival rate" for titles.
void labelWith(SweepSnapshot &snap, const Knob &knob)
{
    snap.knobLabel = knob.label;
    if (snap.knobLabel.size() > 1 && snap.knobLabel.at(1).isLower())
        snap.knobLabel[0] = snap.knobLabel.at(0).toLower();
    snap.label = knob.label + (knob.suffix.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(knob.suffix.trimmed()));
}

// The knob id of a scenario key: the same, except pools, which knobs number ("pools.db" → "pools.0").
QString knobIdOf(const Scenario &s, QString id)
{
    if (id.startsWith(QStringLiteral("pools."))) {
        const QString name = id.mid(6);
        for (std::size_t i = 0; i < s.pools.size(); ++i)
            if (QString::fromStdString(s.pools[i].name) == name)
                return QStringLiteral("pools.%1").arg(i);
    }
    return id;
}

} // namespace

std::vector<double> sweepValues(const SweepRequest &r, const Knob &knob)
{
    std::vector<double> out;
    const int n = std::max(2, r.steps);
    const bool log = r.log && r.from > 0 && r.to > 0;
    for (int i = 0; i < n; ++i) {
        const double f = static_cast<double>(i) / (n - 1);
        double v = log ? r.from * std::pow(r.to / r.from, f) : r.from + (r.to - r.from) * f;
        if (knob.unit == KnobUnit::Count || knob.unit == KnobUnit::Size || knob.unit == KnobUnit::Duration)
            v = std::round(v);
        v = std::clamp(v, knob.min, knob.max);
        if (out.empty() || v != out.back())
            out.push_back(v);
    }
    return out;
}

SweepRequest defaultSweep(const Scenario &s)
{
    const std::vector<Knob> knobs = knobsFor(s);
    if (!s.sweep.param.empty()) {
        const QString id = knobIdOf(s, QString::fromStdString(s.sweep.param));
        if (findKnob(knobs, id))
            return {id, s.sweep.from, s.sweep.to, s.sweep.steps, s.sweep.log};
    }
    const QString id = defaultSweepKnob(s);
    const Knob *k = findKnob(knobs, id);
    const double now = k ? k->get(s) : 100;
    return {id, std::max(now / 4, 1.0), now * 2, 8, false};
}

SweepSnapshot labelledSweep(const Scenario &base, const QString &param, std::span<const double> values,
                            const std::vector<std::vector<ModelMetrics>> &results)
{
    SweepSnapshot snap;
    const std::vector<Knob> knobs = knobsFor(base);
    const Knob *knob = findKnob(knobs, knobIdOf(base, param));
    double divisor = 1;
    if (knob) {
        labelWith(snap, *knob);
        snap.request.knob = knob->id;
        divisor = knob->displayDivisor;
    } else {
        snap.label = snap.knobLabel = param;
    }
    for (std::size_t i = 0; i < values.size() && i < results.size(); ++i) {
        snap.xs.push_back(values[i] / divisor);
        std::array<ModelMetrics, 3> row;
        for (std::size_t m = 0; m < 3 && m < results[i].size(); ++m)
            row[m] = results[i][m];
        snap.points.push_back(row);
    }
    if (!snap.xs.empty()) {
        snap.request.from = values.front();
        snap.request.to = values.back();
        snap.request.steps = static_cast<int>(snap.xs.size());
    }
    return snap;
}

SweepRun runSweep(const Scenario &base, const SweepRequest &request, const std::atomic<bool> *cancel,
                  std::function<void(double)> progress)
{
    try {
        const std::vector<Knob> knobs = knobsFor(base);
        const Knob *knob = findKnob(knobs, request.knob);
        if (!knob)
            return {nullptr, QStringLiteral("this scenario has no parameter “%1” to sweep").arg(request.knob)};
        auto snap = std::make_shared<SweepSnapshot>();
        snap->request = request;
        labelWith(*snap, *knob);
        std::vector<Scenario> points;
        for (double v : sweepValues(request, *knob)) {
            Validated checked = withKnob(base, *knob, v);
            if (!checked.scenario)
                return {nullptr, QStringLiteral("%1 = %2: %3").arg(knob->label).arg(v / knob->displayDivisor).arg(checked.error)};
            points.push_back(std::move(*checked.scenario));
            snap->xs.push_back(v / knob->displayDivisor);
        }
        RunControl control;
        control.cancel = cancel;
        control.progress = std::move(progress);
        const auto results = simulateSweep(points, kAllModels, control);
        for (const auto &row : results) {
            std::array<ModelMetrics, 3> r;
            for (std::size_t m = 0; m < 3 && m < row.size(); ++m)
                r[m] = row[m];
            snap->points.push_back(r);
        }
        snap->cancelled = cancel && cancel->load();
        return {snap, {}};
    } catch (const std::exception &e) {
        return {nullptr, QStringLiteral("the sweep failed: %1").arg(QString::fromLocal8Bit(e.what()))};
    }
}

} // namespace conviz::gui
