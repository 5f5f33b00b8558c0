#include "gui/core/scenario_edit.h"

#include "engine/scenario/scenario_file.h"

namespace conviz::gui {

Validated revalidate(const Scenario &scenario)
{
    try {
        const std::string text = conviz::scenario::toToml(scenario);
        conviz::scenario::LoadResult r = conviz::scenario::loadString(text, "parameters");
        if (r.ok())
            return {std::move(r.scenario), {}};
        QString message = r.errors.empty() ? QStringLiteral("the scenario is not valid")
                                           : QString::fromStdString(r.errors.front().message);
        return {std::nullopt, message};
    } catch (const std::exception &e) {
        return {std::nullopt, QString::fromLocal8Bit(e.what())};
    }
}

Validated withKnob(const Scenario &scenario, const Knob &knob, double value)
{
    Scenario s = scenario;
    knob.set(s, value);
    return revalidate(s);
}

} // namespace conviz::gui
