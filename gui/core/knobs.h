// The scenario's parameters as the parameter panel shows them. What a parameter is — its label,
// tooltip, kind, whether it applies to the scenario, and its value — comes from the registry
// (engine/scenario/parameters.h); a knob adds only presentation: the panel group, the slider's
// range and scale, and the display unit. Knob ids are the registry's dotted keys. Plain data; any
// thread.
#pragma once

#include "engine/core/scenario.h"
#include "engine/scenario/parameters.h"

#include <QString>

#include <vector>

namespace conviz::gui {

struct Knob {
    QString id;      // the registry's key: "load.rate", "request.cpu", "pools.db"
    QString group;   // "Load", "Request", "Machine", "Pools", "Go (fibers)", "Node.js (event loop)", "OS threads"
    QString label;   // the registry's label: "Arrival rate"
    QString tooltip; // the registry's description
    scenario::ParameterKind kind = scenario::ParameterKind::Count;
    double min = 0; // the slider's range, in base units: ns, bytes, count, req/s
    double max = 1;
    bool logScale = false;     // the slider moves in ratios: rates, counts and durations span decades
    double displayDivisor = 1; // shown value = base / divisor
    QString suffix;            // " µs", " KiB", " req/s"
    int decimals = 0;

    // The parameter's value in `s` (base units); 0 if `s` has no such parameter.
    double get(const Scenario &s) const;
    // Sets the parameter in `s` (base units), rounded as the registry rounds; not validated.
    void set(Scenario &s, double value) const;
    // get(s) in display units.
    double displayValue(const Scenario &s) const { return get(s) / displayDivisor; }

    // The slider: positions 0..sliderSteps(), each a distinct round value (three significant digits;
    // whole numbers for counts), increasing. A log knob's positions are about kSliderRatio apart, so
    // a drag moves by equal ratios (2 → 20 as far as 2,000 → 20,000) and an arrow key by ~1 %.
    int sliderSteps() const { return static_cast<int>(stops.size()) - 1; }
    // The position whose value is nearest `value` (in ratio for log knobs); a value set by typing
    // or from a file sits there, and sliderValue of it differs from `value` by under one step.
    int sliderPosition(double value) const;
    // The value at `position` (clamped to the slider).
    double sliderValue(int position) const;

    std::vector<double> stops; // the slider's values, in base units; built by knobsFor
};

// Neighbouring positions of a log slider differ by about this ratio (1 %).
inline constexpr double kSliderRatio = 1.01;

// The knobs that apply to `scenario`, in panel order.
std::vector<Knob> knobsFor(const Scenario &scenario);
// The ids of knobsFor(scenario), in order, without building the sliders' stops (a knob edit
// checks the set of knobs with it: the stops take milliseconds).
std::vector<QString> knobIdsFor(const Scenario &scenario);

// The knob with this id among knobsFor(scenario), or nullptr.
const Knob *findKnob(const std::vector<Knob> &knobs, const QString &id);

} // namespace conviz::gui
