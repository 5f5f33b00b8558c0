#include "engine/scenario/request_parameters.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace conviz::scenario::detail {
namespace {

constexpr double kMaxDuration = static_cast<double>(limits::maxDuration.count());

// Offloaded CPU is its own parameter: Node runs it on the libuv pool, so it is not the loop's CPU.
bool counts(const Step &s, StepKind kind, bool offload)
{
    return s.kind == kind && (kind != StepKind::Cpu || s.offload == offload);
}

// Only top-level steps: a fan-out's children run in parallel, so their time does not add up.
double stepTotal(const Scenario &sc, StepKind kind, bool offload)
{
    double total = 0;
    for (const Step &s : sc.steps)
        if (counts(s, kind, offload))
            total += static_cast<double>(s.duration.mean.count());
    return total;
}

// Scaling keeps the steps' proportions and, for lognormal steps, the p99/mean ratio, so the shape
// of the request stays what the scenario describes; from zero, the total is shared evenly.
void setStepTotal(Scenario &sc, StepKind kind, bool offload, double value)
{
    const double total = stepTotal(sc, kind, offload);
    const auto n = static_cast<double>(
        std::count_if(sc.steps.begin(), sc.steps.end(), [&](const Step &s) { return counts(s, kind, offload); }));
    for (Step &s : sc.steps) {
        if (!counts(s, kind, offload))
            continue;
        const double old = static_cast<double>(s.duration.mean.count());
        const double next = total > 0 ? old * value / total : value / n;
        const double ratio = old > 0 ? static_cast<double>(s.duration.p99.count()) / old : 0;
        s.duration.mean = Nanos{std::llround(next)};
        if (s.duration.kind == Distribution::LogNormal)
            s.duration.p99 = Nanos{std::llround(next * ratio)};
    }
}

bool hasStep(const Scenario &sc, StepKind kind, bool offload)
{
    return std::any_of(sc.steps.begin(), sc.steps.end(), [&](const Step &s) { return counts(s, kind, offload); });
}

template <StepKind Kind, bool Offload>
constexpr DerivedKey stepSum(std::string_view key, double max, std::string_view help, std::string_view label,
                             std::string_view description)
{
    return {key,
            NumberKind::Duration,
            0,
            max,
            help,
            label,
            description,
            [](const Scenario &s) { return hasStep(s, Kind, Offload); },
            [](const Scenario &s) { return stepTotal(s, Kind, Offload); },
            [](Scenario &s, double v) { setStepTotal(s, Kind, Offload, v); }};
}

// Scenario or const Scenario: the first top-level fan-out step, or nullptr.
template <typename S>
auto *firstFanout(S &sc)
{
    const auto isFanout = [](const Step &s) { return s.kind == StepKind::Fanout; };
    const auto it = std::find_if(sc.steps.begin(), sc.steps.end(), isFanout);
    return it == sc.steps.end() ? nullptr : &*it;
}

std::int64_t deepestStack(const Scenario &sc)
{
    std::int64_t deepest = 0;
    for (const Step &s : sc.steps)
        if (s.kind == StepKind::Stack)
            deepest = std::max(deepest, s.bytes);
    return deepest;
}

const std::array kDerivedKeys{
    stepSum<StepKind::Cpu, false>(
        "request.cpu", kMaxDuration, "CPU time of one request: the sum of its CPU steps", "CPU per request",
        "CPU time one request needs (the sum of its CPU steps). CPU-bound work is where the models differ most: "
        "one event loop uses one core."),
    stepSum<StepKind::Cpu, true>("request.offload", kMaxDuration,
                                 "offloaded CPU of one request (crypto, zlib): the sum of its offloaded CPU steps",
                                 "Offloaded CPU (crypto, zlib)",
                                 "CPU work Node runs on its libuv pool (crypto, zlib); Go and threads run it inline."),
    stepSum<StepKind::Io, false>(
        "request.io", kMaxDuration, "network wait of one request: the sum of its io steps", "Network wait per request",
        "Time a request waits on the network (database, HTTP call, cache). A goroutine parks on the netpoller, Node "
        "waits in epoll, a thread blocks."),
    stepSum<StepKind::Blocking, false>(
        "request.blocking", kMaxDuration, "blocking calls of one request: the sum of its blocking steps",
        "Blocking call per request",
        "A blocking syscall or file read: Node sends it to the libuv pool, Go blocks the M and hands its P to another "
        "thread, a thread just blocks."),
    DerivedKey{"request.fanout", NumberKind::Count, 1, static_cast<double>(limits::maxTasksPerRequest),
               "children the request's first fan-out spawns and joins", "Fan-out width",
               "Children each request spawns and joins (goroutines / Promise.all / threads).",
               [](const Scenario &s) { return firstFanout(s) != nullptr; },
               [](const Scenario &s) { return static_cast<double>(firstFanout(s)->count); },
               [](Scenario &s, double v) {
                   // A fan-out of none is no fan-out: the loader would refuse it.
                   if (Step *fanout = firstFanout(s))
                       fanout->count = std::max<std::int64_t>(1, std::llround(v));
               }},
    DerivedKey{"request.stack", NumberKind::Size, 1, static_cast<double>(limits::maxStackBytes),
               "the deepest stack a request's steps reach", "Stack depth",
               "How deep a request's stack goes. Goroutine stacks grow by doubling and copying; a thread's pages are "
               "committed as they are touched.",
               [](const Scenario &s) { return deepestStack(s) > 0; },
               [](const Scenario &s) { return static_cast<double>(deepestStack(s)); },
               [](Scenario &s, double v) {
                   // Every step at the deepest point moves, so the maximum is what was asked for.
                   const std::int64_t old = deepestStack(s);
                   for (Step &st : s.steps)
                       if (st.kind == StepKind::Stack && st.bytes == old)
                           st.bytes = std::max<std::int64_t>(1, std::llround(v));
               }},
};

} // namespace

std::span<const DerivedKey> derivedKeys() { return kDerivedKeys; }

const DerivedKey *findDerivedKey(std::string_view key)
{
    for (const DerivedKey &k : kDerivedKeys)
        if (k.key == key)
            return &k;
    return nullptr;
}

} // namespace conviz::scenario::detail
