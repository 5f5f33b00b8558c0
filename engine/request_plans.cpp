#include "engine/request_plans.h"

#include <algorithm>

namespace conviz {

std::unique_ptr<SharedDraws> SharedDraws::forScenario(const Scenario &scenario)
{
    const Workload workload(scenario);
    const RequestPlans plans(workload);
    const std::int64_t requests = scenario.load.kind == LoadKind::Batch ? scenario.load.count : scenario.load.requests;
    if (plans.drawnPerRequest() <= 1 || requests <= 0 ||
        static_cast<std::size_t>(requests) > kMost / plans.drawnPerRequest())
        return nullptr;
    return std::make_unique<SharedDraws>(static_cast<std::size_t>(requests), plans.drawnPerRequest());
}

SharedDraws::SharedDraws(std::size_t requests, std::size_t stride)
    : m_stride(stride), m_state(requests), m_values(requests * stride)
{
}

bool SharedDraws::fetch(std::uint64_t index, std::int64_t *out) const
{
    // Acquire: the values published before the state became ready are visible.
    if (index >= m_state.size() || m_state[index].load(std::memory_order_acquire) != kReady)
        return false;
    std::copy_n(m_values.begin() + static_cast<std::ptrdiff_t>(index * m_stride), m_stride, out);
    return true;
}

bool SharedDraws::claim(std::uint64_t index)
{
    if (index >= m_state.size())
        return false;
    std::uint8_t empty = kEmpty;
    return m_state[index].compare_exchange_strong(empty, kDrawing, std::memory_order_relaxed);
}

void SharedDraws::publish(std::uint64_t index, const std::int64_t *values)
{
    std::copy_n(values, m_stride, m_values.begin() + static_cast<std::ptrdiff_t>(index * m_stride));
    m_state[index].store(kReady, std::memory_order_release);
}

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
            m_random.emplace_back(*d);
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
        m_values[base] = m_random[0].quantile(m_workload.planFirstUniform01(index)).count();
        return;
    }
    std::int64_t *out = m_values.data() + base;
    if (m_shared && m_shared->fetch(index, out))
        return;
    const bool publish = m_shared && m_shared->claim(index);
    Rng rng = m_workload.planRng(index);
    for (std::size_t k = 0; k < m_stride; ++k)
        out[k] = m_random[k].draw(rng).count();
    if (publish)
        m_shared->publish(index, out);
}

} // namespace conviz
