#include "gui/core/knobs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <mutex>
#include <string_view>
#include <tuple>

namespace conviz::gui {
namespace {

constexpr double kUs = 1e3, kMs = 1e6, kS = 1e9;
constexpr double kKiB = 1024, kMiB = 1024 * 1024;

// How one parameter sits in the panel. The slider ranges are narrower than what a file may say
// (parameters.h): they span what is worth exploring by hand. A divisor of 0 picks µs, ms or s from
// the scenario's own value, for request times that range from microseconds to seconds.
struct KnobStyle {
    std::string_view key; // "pools" stands for every pool of the scenario
    std::string_view group;
    double min;
    double max;
    bool log;
    double divisor;
    std::string_view suffix;
    int decimals;
};

constexpr std::array kStyles{
    KnobStyle{"load.rate", "Load", 1, 1e6, true, 1, " req/s", 0},
    KnobStyle{"load.clients", "Load", 1, 100000, true, 1, "", 0},
    KnobStyle{"load.think", "Load", 0, 10 * kS, true, kMs, " ms", 2},
    KnobStyle{"load.count", "Load", 1, 1000000, true, 1, "", 0},
    KnobStyle{"load.requests", "Load", 10, 1000000, true, 1, "", 0},
    KnobStyle{"request.cpu", "Request", 0, 10 * kS, true, 0, "", 0},
    KnobStyle{"request.offload", "Request", 0, 10 * kS, true, 0, "", 0},
    KnobStyle{"request.io", "Request", 0, 100 * kS, true, 0, "", 0},
    KnobStyle{"request.blocking", "Request", 0, 100 * kS, true, 0, "", 0},
    KnobStyle{"request.fanout", "Request", 1, 10000, true, 1, "", 0},
    KnobStyle{"request.stack", "Request", 1024, 64 * kMiB, true, kKiB, " KiB", 0},
    KnobStyle{"request.alloc", "Request", 0, 16 * kMiB, true, kKiB, " KiB", 0},
    KnobStyle{"machine.cores", "Machine", 1, 64, false, 1, "", 0},
    KnobStyle{"pools", "Pools", 1, 10000, true, 1, "", 0},
    KnobStyle{"fibers.gomaxprocs", "Go (fibers)", 0, 64, false, 1, "", 0},
    KnobStyle{"fibers.stack_initial", "Go (fibers)", 512, 1 * kMiB, true, kKiB, " KiB", 1},
    KnobStyle{"fibers.time_slice", "Go (fibers)", 1e4, 1e9, true, kMs, " ms", 2},
    KnobStyle{"fibers.switch_cost", "Go (fibers)", 0, 1e5, true, 1, " ns", 0},
    KnobStyle{"fibers.spawn_cost", "Go (fibers)", 0, 1e6, true, kUs, " µs", 2},
    KnobStyle{"fibers.handoff_delay", "Go (fibers)", 0, 1e8, true, kUs, " µs", 2},
    KnobStyle{"fibers.connection_memory", "Go (fibers)", 256, 1 * kMiB, true, kKiB, " KiB", 1},
    KnobStyle{"fibers.gogc", "Go (fibers)", 10, 1000, true, 1, " %", 0},
    KnobStyle{"event_loop.processes", "Node.js (event loop)", 1, 64, false, 1, "", 0},
    KnobStyle{"event_loop.threadpool", "Node.js (event loop)", 1, 128, true, 1, "", 0},
    KnobStyle{"event_loop.cpu_factor", "Node.js (event loop)", 0.1, 10, true, 1, " ×", 2},
    KnobStyle{"event_loop.task_memory", "Node.js (event loop)", 16, 1 * kMiB, true, 1, " B", 0},
    KnobStyle{"event_loop.connection_memory", "Node.js (event loop)", 256, 1 * kMiB, true, kKiB, " KiB", 1},
    KnobStyle{"event_loop.gc_scavenge_pause", "Node.js (event loop)", 0, 10 * kMs, true, kUs, " µs", 0},
    KnobStyle{"threads.pool_size", "OS threads", 1, 100000, true, 1, "", 0},
    KnobStyle{"threads.max_threads", "OS threads", 1, 1000000, true, 1, "", 0},
    KnobStyle{"threads.stack_reserved", "OS threads", 64 * kKiB, 64 * kMiB, true, kMiB, " MiB", 1},
    KnobStyle{"threads.stack_touched", "OS threads", 4 * kKiB, 8 * kMiB, true, kKiB, " KiB", 1},
    KnobStyle{"threads.connection_memory", "OS threads", 256, 1 * kMiB, true, kKiB, " KiB", 1},
    KnobStyle{"threads.switch_cost", "OS threads", 0, 1e6, true, kUs, " µs", 2},
    KnobStyle{"threads.spawn_cost", "OS threads", 0, 1e7, true, kUs, " µs", 2},
    KnobStyle{"threads.time_slice", "OS threads", 0, 1e9, true, kMs, " ms", 2},
};

// Three significant digits: a slider picks round values.
double roundValue(double v, scenario::ParameterKind kind)
{
    if (v > 0) {
        const double magnitude = std::pow(10.0, std::floor(std::log10(v)) - 2);
        v = std::round(v / magnitude) * magnitude;
    }
    // Counts, durations (ns) and sizes (bytes) are whole in the scenario: a stop must be too, or
    // setting it would round it onto its neighbour.
    return kind == scenario::ParameterKind::Real ? v : std::round(v);
}

// The slider's values: equal ratios (log) or equal differences, rounded, distinct and increasing.
std::vector<double> computeStops(const Knob &k)
{
    std::vector<double> out;
    const auto add = [&](double v) {
        v = std::clamp(v, k.min, k.max);
        if (out.empty() || v > out.back())
            out.push_back(v);
    };
    add(k.min);
    if (k.logScale) {
        // A range that starts at zero: zero, then five decades below the top (at least 1).
        const double lo = k.min > 0 ? k.min : std::max(k.max * 1e-5, 1.0);
        const int n = std::max(1, static_cast<int>(std::ceil(std::log(k.max / lo) / std::log(kSliderRatio))));
        for (int i = 0; i <= n; ++i)
            add(roundValue(lo * std::pow(k.max / lo, static_cast<double>(i) / n), k.kind));
    } else {
        // A count over a short range gets every whole number; anything else a thousand positions.
        const bool whole = k.kind == scenario::ParameterKind::Count && k.max - k.min <= 1000;
        const int n = whole ? static_cast<int>(k.max - k.min) : 1000;
        for (int i = 0; i <= n; ++i)
            add(roundValue(k.min + (k.max - k.min) * i / std::max(n, 1), k.kind));
    }
    add(k.max);
    return out;
}

// computeStops, once per range: knobsFor runs on every edit (the controller checks whether the
// set of knobs changed), and a thousand pow and log10 calls per knob held up the GUI thread.
std::vector<double> sliderStops(const Knob &k)
{
    using Range = std::tuple<double, double, bool, scenario::ParameterKind>;
    static std::mutex mutex; // knobsFor runs on sweep workers too
    static std::map<Range, std::vector<double>> cache;
    const Range range{k.min, k.max, k.logScale, k.kind};
    const std::lock_guard lock(mutex);
    auto it = cache.find(range);
    if (it == cache.end())
        it = cache.emplace(range, computeStops(k)).first;
    return it->second;
}

QString qstring(std::string_view text) { return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())); }

Knob knobOf(const KnobStyle &style, const scenario::ParameterInfo &info, const Scenario &sc)
{
    Knob k{qstring(info.key),   qstring(style.group),
           qstring(info.label), qstring(info.description),
           info.kind,           style.min,
           style.max,           style.log,
           style.divisor,       qstring(style.suffix),
           style.decimals,      {}};
    if (style.divisor == 0) {
        // The unit that suits the scenario's value: µs for short bursts, ms for waits, s for long ones.
        const double now = k.get(sc);
        k.displayDivisor = now >= kS ? kS : now >= kMs ? kMs : kUs;
        k.suffix = now >= kS ? QStringLiteral(" s") : now >= kMs ? QStringLiteral(" ms") : QStringLiteral(" µs");
        k.decimals = k.displayDivisor == kUs ? 1 : 2;
    }
    k.stops = sliderStops(k);
    return k;
}

} // namespace

double Knob::get(const Scenario &s) const { return scenario::parameterValue(id.toStdString(), s).value_or(0); }

void Knob::set(Scenario &s, double value) const { scenario::setParameterValue(id.toStdString(), s, value); }

int Knob::sliderPosition(double value) const
{
    if (stops.empty())
        return 0;
    const auto above = std::lower_bound(stops.begin(), stops.end(), value);
    if (above == stops.begin())
        return 0;
    if (above == stops.end())
        return sliderSteps();
    const double upper = *above, lower = *(above - 1);
    // Nearest in ratio on a log slider (its steps are ratios), in difference otherwise.
    const bool upperNearer = logScale && lower > 0 ? upper / value < value / lower : upper - value < value - lower;
    return static_cast<int>(above - stops.begin()) - (upperNearer ? 0 : 1);
}

double Knob::sliderValue(int position) const
{
    if (stops.empty())
        return min;
    return stops[static_cast<std::size_t>(std::clamp(position, 0, sliderSteps()))];
}

namespace {

// Calls f(style, info) for each knob `sc` has, in the panel's order.
template <class F>
void forEachKnob(const Scenario &sc, F &&f)
{
    for (const KnobStyle &style : kStyles) {
        if (style.key == "pools") {
            for (const Pool &p : sc.pools)
                if (const auto info = scenario::findParameter("pools." + p.name))
                    f(style, *info);
            continue;
        }
        if (!scenario::parameterApplies(style.key, sc))
            continue;
        if (const auto info = scenario::findParameter(style.key))
            f(style, *info);
    }
}

} // namespace

std::vector<Knob> knobsFor(const Scenario &sc)
{
    std::vector<Knob> out;
    forEachKnob(sc, [&](const KnobStyle &style, const scenario::ParameterInfo &info) {
        out.push_back(knobOf(style, info, sc));
    });
    return out;
}

std::vector<QString> knobIdsFor(const Scenario &sc)
{
    std::vector<QString> out;
    forEachKnob(sc, [&](const KnobStyle &, const scenario::ParameterInfo &info) { out.push_back(qstring(info.key)); });
    return out;
}

const Knob *findKnob(const std::vector<Knob> &knobs, const QString &id)
{
    const auto it = std::find_if(knobs.begin(), knobs.end(), [&](const Knob &k) { return k.id == id; });
    return it == knobs.end() ? nullptr : &*it;
}

} // namespace conviz::gui
