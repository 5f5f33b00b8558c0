// The scenario's knobs as the parameter panel shows them: a label, a group, a unit, a range, a
// tooltip that explains the knob, and how to read and write it on a Scenario. Which knobs exist
// depends on the scenario (a closed load has clients, not a rate; CPU per request only if a request
// has CPU steps). Plain data; any thread.
#pragma once

#include "engine/core/scenario.h"

#include <QString>

#include <functional>
#include <vector>

namespace conviz::gui {

enum class KnobUnit : std::uint8_t { Count, Rate, Duration, Size, Factor };

struct Knob {
    QString id;        // stable key: "load.rate", "request.cpu", "pools.0"
    QString group;     // "Load", "Request", "Machine", "Pools", "Go (fibers)", "Node.js (event loop)", "OS threads"
    QString label;     // "Arrival rate"
    QString tooltip;   // what it is, what it does to the models, its default and source
    KnobUnit unit = KnobUnit::Count;
    double min = 0;    // in base units: ns, bytes, count, req/s
    double max = 1;
    bool logScale = false;  // the slider moves in ratios
    double displayDivisor = 1; // shown value = base / divisor
    QString suffix;    // " µs", " KiB", " req/s"
    int decimals = 0;
    std::function<double(const Scenario &)> get;
    std::function<void(Scenario &, double)> set;

    double displayValue(const Scenario &s) const { return get(s) / displayDivisor; }
};

// The knobs that apply to `scenario`, in panel order.
std::vector<Knob> knobsFor(const Scenario &scenario);

// The knob with this id among knobsFor(scenario), or nullptr.
const Knob *findKnob(const std::vector<Knob> &knobs, const QString &id);

// The knob a sweep of this load kind varies by default ("load.rate", "load.clients", "load.count").
QString defaultSweepKnob(const Scenario &scenario);




} // namespace conviz::gui
