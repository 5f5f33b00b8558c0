#include "engine/workload.h"

#include "engine/core/contract.h"

#include <cmath>

namespace conviz {
namespace {
// Stream identifiers for Rng::forStream: one independent sequence per purpose.
constexpr std::uint64_t kPlanStream = 1;
constexpr std::uint64_t kArrivalStream = 2;
constexpr std::uint64_t kThinkStream = 3;

OpKind opKind(const Step &s)
{
    switch (s.kind) {
    case StepKind::Cpu: return s.offload ? OpKind::CpuOffload : OpKind::Cpu;
    case StepKind::Io: return OpKind::Io;
    case StepKind::Blocking: return OpKind::Blocking;
    case StepKind::Fanout: return OpKind::Fanout;
    case StepKind::Stack: return OpKind::Stack;
    }
    return OpKind::Cpu;
}
} // namespace

Workload::Workload(const Scenario &scenario)
    : m_scenario(scenario), m_planStream(scenario.seed, kPlanStream), m_thinkStream(scenario.seed, kThinkStream)
{
}

void Workload::plan(std::uint64_t index, RequestPlan &out) const
{
    out.clear();
    Rng rng = m_planStream.at(index);
    out.programs.push_back({});
    fill(0, m_scenario.steps, rng, out);
}

Rng Workload::planRng(std::uint64_t index) const { return m_planStream.at(index); }

void Workload::layout(RequestPlan &out, std::vector<const DurationDist *> &drawnFrom) const
{
    out.clear();
    drawnFrom.clear();
    Rng rng = m_planStream.at(0);
    out.programs.push_back({});
    fill(0, m_scenario.steps, rng, out, &drawnFrom);
}

void Workload::fill(std::uint32_t program, const std::vector<Step> &steps, Rng &rng, RequestPlan &out,
                    std::vector<const DurationDist *> *drawnFrom) const
{
    // This program's ops are contiguous; its children's programs are laid out after them, so a
    // fan-out's children are allocated once all of the parent's ops are in place.
    const auto begin = static_cast<std::uint32_t>(out.ops.size());
    for (const Step &s : steps) {
        Op op;
        op.kind = opKind(s);
        switch (s.kind) {
        case StepKind::Cpu:
        case StepKind::Io:
        case StepKind::Blocking:
            op.value = s.duration.draw(rng).count();
            op.pool = s.pool;
            break;
        case StepKind::Stack: op.value = s.bytes; break;
        case StepKind::Fanout: op.childCount = static_cast<std::uint32_t>(s.count); break;
        }
        out.ops.push_back(op);
        if (drawnFrom)
            drawnFrom->push_back(s.kind == StepKind::Cpu || s.kind == StepKind::Io || s.kind == StepKind::Blocking
                                     ? &s.duration
                                     : nullptr);
    }
    const auto end = static_cast<std::uint32_t>(out.ops.size());
    out.programs[program] = {begin, end};

    std::size_t stepIndex = 0;
    for (std::uint32_t i = begin; i < end; ++i, ++stepIndex) {
        if (out.ops[i].kind != OpKind::Fanout)
            continue;
        const Step &s = steps[stepIndex];
        const auto first = static_cast<std::uint32_t>(out.programs.size());
        out.ops[i].childBegin = first;
        out.programs.resize(out.programs.size() + out.ops[i].childCount);
        for (std::uint32_t c = 0; c < out.ops[i].childCount; ++c)
            fill(first + c, s.children, rng, out, drawnFrom);
    }
}

Nanos Workload::thinkTime(std::uint64_t index) const
{
    Rng rng = m_thinkStream.at(index);
    return m_scenario.load.think.draw(rng);
}

Workload::Arrivals::Arrivals(std::uint64_t seed, double ratePerSecond)
    : m_rng(Rng::forStream(seed, kArrivalStream)), m_meanGapNs(1e9 / ratePerSecond)
{
    CONVIZ_ASSERT(ratePerSecond > 0, "an open load needs a positive rate");
}

} // namespace conviz
