// The steps of the requests in flight, by request slot. Every request of a scenario has the same
// steps, fan-outs and stack depths; only the durations drawn from a distribution differ from one
// request to the next. So the ops are laid out once, and a slot keeps just its request's drawn
// durations in one flat array: no allocation per request, and nothing at all per request when no
// step has a random duration (a million waiting connections hold no plan).
#pragma once

#include "engine/workload.h"

#include <cstdint>
#include <vector>

namespace conviz {

class RequestPlans {
public:
    // `workload` must outlive this.
    explicit RequestPlans(const Workload &workload);

    // Draws request `index` into `slot`: the durations Workload::plan(index) draws, from the same
    // generator in the same order. Slots are the request table's, which grows one slot at a time.
    void draw(std::uint32_t slot, std::uint64_t index)
    {
        if (m_stride != 0)
            drawRandom(slot, index);
    }

    // Op `i` of the request in `slot`, as Workload::plan lays it out.
    Op op(std::uint32_t slot, std::uint32_t i) const
    {
        Op o = m_layout.ops[i];
        if (const std::uint32_t k = m_drawnAt[i]; k != kFixed)
            o.value = m_values[std::size_t{slot} * m_stride + k];
        return o;
    }
    // Program `p` (0: the root task), the same for every request.
    const Program &program(std::uint32_t p) const { return m_layout.programs[p]; }

private:
    static constexpr std::uint32_t kFixed = 0xffffffffu;

    void drawRandom(std::uint32_t slot, std::uint64_t index);

    const Workload &m_workload;
    RequestPlan m_layout;                       // request 0's plan: the kinds, pools, fan-outs, fixed values
    std::vector<std::uint32_t> m_drawnAt;       // per op: its place among a request's drawn values, or kFixed
    std::vector<const DurationDist *> m_random; // the distribution of each drawn value, in draw order
    std::size_t m_stride = 0;                   // drawn values per request
    std::vector<std::int64_t> m_values;         // slot s: [s * m_stride, (s + 1) * m_stride)
};

} // namespace conviz
