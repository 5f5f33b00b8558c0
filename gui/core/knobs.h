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
    bool logScale = false;     // the slider moves in ratios
    double displayDivisor = 1; // shown value = base / divisor
    QString suffix;            // " µs", " KiB", " req/s"
    int decimals = 0;

    // The parameter's value in `s` (base units); 0 if `s` has no such parameter.
    double get(const Scenario &s) const;
    // Sets the parameter in `s` (base units), rounded as the registry rounds; not validated.
    void set(Scenario &s, double value) const;
    // get(s) in display units.
    double displayValue(const Scenario &s) const { return get(s) / displayDivisor; }
};

// The knobs that apply to `scenario`, in panel order.
std::vector<Knob> knobsFor(const Scenario &scenario);

// The knob with this id among knobsFor(scenario), or nullptr.
const Knob *findKnob(const std::vector<Knob> &knobs, const QString &id);

} // namespace conviz::gui
