#include "engine/core/scenario.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace conviz {

Nanos Scenario::effectiveKernelSlice() const
{
    if (threads.timeSlice > Nanos::zero())
        return threads.timeSlice;
    // EEVDF/CFS scale the base slice with the CPU count, capped at 8 CPUs (sched_tunable_scaling = log).
    const int cpus = std::clamp(machine.cores, 1, 8);
    const auto factor = static_cast<int>(std::bit_width(static_cast<unsigned>(cpus))); // 1 + floor(log2(cpus))
    return Nanos{750'000} * factor;
}

std::int64_t tasksPerRequest(const std::vector<Step> &steps)
{
    std::int64_t total = 1;
    for (const Step &s : steps) {
        if (s.kind != StepKind::Fanout)
            continue;
        const std::int64_t child = tasksPerRequest(s.children);
        // Saturate instead of overflowing: the loader compares the result with a limit.
        if (s.count > 0 && child > (limits::maxTotalTasks * 1000) / s.count)
            return limits::maxTotalTasks * 1000;
        total += s.count * child;
        if (total > limits::maxTotalTasks * 1000)
            return limits::maxTotalTasks * 1000;
    }
    return total;
}

} // namespace conviz
