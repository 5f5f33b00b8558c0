#include "engine/request_plans.h"

namespace conviz {

RequestPlans::RequestPlans(const Workload &workload) : m_workload(workload)
{
    // The layout (kinds, pools, fan-out ranges, programs) is Workload's own; request 0's values
    // stand for every request's where they are fixed (constant durations, stack depths). Ops are
    // laid out in the order their durations are drawn.
    std::vector<const DurationDist *> drawnFrom;
    m_workload.layout(m_layout, drawnFrom);
    for (const DurationDist *d : drawnFrom) {
        // A constant duration draws nothing from the generator, so skipping it keeps the others' draws.
        if (d && d->kind != Distribution::Constant) {
            m_drawnAt.push_back(static_cast<std::uint32_t>(m_stride++));
            m_random.push_back(d);
        } else {
            m_drawnAt.push_back(kFixed);
        }
    }
}

void RequestPlans::drawRandom(std::uint32_t slot, std::uint64_t index)
{
    const std::size_t base = std::size_t{slot} * m_stride;
    if (m_values.size() < base + m_stride)
        m_values.resize(base + m_stride);
    if (m_stride == 1) {
        // One random duration (an M/M/1's service time): it reads only the first of the request's
        // numbers, which needs a quarter of its generator's seeding.
        m_values[base] = m_random[0]->quantile(m_workload.planFirstUniform01(index)).count();
        return;
    }
    Rng rng = m_workload.planRng(index);
    for (std::size_t k = 0; k < m_stride; ++k)
        m_values[base + k] = m_random[k]->draw(rng).count();
}

} // namespace conviz
