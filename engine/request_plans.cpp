#include "engine/request_plans.h"

#include "engine/core/contract.h"

namespace conviz {

RequestPlans::RequestPlans(const Workload &workload) : m_workload(workload)
{
    // The layout (kinds, pools, fan-out ranges, programs) is Workload::plan's own; request 0's values
    // stand for every request's where they are fixed (constant durations, stack depths).
    m_workload.plan(0, m_layout);
    findRandomOps(m_workload.scenario().steps);
    CONVIZ_ASSERT(m_drawnAt.size() == m_layout.ops.size(), "the steps walk and Workload::plan disagree");
}

void RequestPlans::findRandomOps(const std::vector<Step> &steps)
{
    // The order in which Workload::plan lays out ops (and draws their durations): a program's own
    // steps, then each fan-out's children one after the other, each with its own fan-outs.
    for (const Step &s : steps) {
        const bool timed = s.kind == StepKind::Cpu || s.kind == StepKind::Io || s.kind == StepKind::Blocking;
        // A constant duration draws nothing from the generator, so skipping it keeps the others' draws.
        if (timed && s.duration.kind != Distribution::Constant) {
            m_drawnAt.push_back(static_cast<std::uint32_t>(m_stride++));
            m_random.push_back(&s.duration);
        } else {
            m_drawnAt.push_back(kFixed);
        }
    }
    for (const Step &s : steps)
        if (s.kind == StepKind::Fanout)
            for (std::int64_t c = 0; c < s.count; ++c)
                findRandomOps(s.children);
}

void RequestPlans::drawRandom(std::uint32_t slot, std::uint64_t index)
{
    const std::size_t base = std::size_t{slot} * m_stride;
    if (m_values.size() < base + m_stride)
        m_values.resize(base + m_stride);
    Rng rng = m_workload.planRng(index);
    for (std::size_t k = 0; k < m_stride; ++k)
        m_values[base + k] = m_random[k]->draw(rng).count();
}

} // namespace conviz
