// The request stream. Every model gets the identical stream (common random numbers): request k's
// steps are drawn from a generator seeded by (seed, k), so the draw does not depend on when or in
// which order a model asks for it, and nothing is stored that a model has not asked for.
#pragma once

#include "engine/core/random.h"
#include "engine/core/scenario.h"

#include <cstdint>
#include <vector>

namespace conviz {

enum class OpKind : std::uint8_t { Cpu, CpuOffload, Io, Blocking, Fanout, Stack };

// One step of one task, with its duration already drawn.
struct Op {
    OpKind kind = OpKind::Cpu;
    std::int32_t pool = -1;       // Io: connection pool index or -1
    std::int64_t value = 0;       // ns for Cpu/Io/Blocking, bytes for Stack
    std::uint32_t childBegin = 0; // Fanout: first child program
    std::uint32_t childCount = 0; // Fanout: number of children
};

// A task's steps: ops[begin, end).
struct Program {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

// One request, fully drawn: programs[0] is the root task, fan-out children follow.
struct RequestPlan {
    std::vector<Op> ops;
    std::vector<Program> programs;

    void clear()
    {
        ops.clear();
        programs.clear();
    }
};

class Workload {
public:
    explicit Workload(const Scenario &scenario);

    // Draws request `index` into `out` (its buffers are reused).
    void plan(std::uint64_t index, RequestPlan &out) const;
    // The generator plan(index) draws request `index`'s durations from, in op order.
    Rng planRng(std::uint64_t index) const;
    // planRng(index).uniform01(): all that a request with one random duration draws.
    double planFirstUniform01(std::uint64_t index) const { return m_planStream.firstUniform01At(index); }
    // Every request's layout (request 0's plan) and, per op, the distribution its value is drawn
    // from (null for an op whose value is not a duration).
    void layout(RequestPlan &out, std::vector<const DurationDist *> &drawnFrom) const;
    // Closed load: the think time a client takes after request `index` completes.
    Nanos thinkTime(std::uint64_t index) const;

    // Open load: successive Poisson arrival times.
    class Arrivals {
    public:
        Arrivals(std::uint64_t seed, double ratePerSecond);
        // Inline: the load driver draws one for every request.
        Nanos next()
        {
            // Each gap is rounded to a whole nanosecond (unbiased) and summed as an integer.
            m_clock += roundedNanos(m_rng.exponential(m_meanGapNs));
            return m_clock;
        }

    private:
        Rng m_rng;
        double m_meanGapNs;
        Nanos m_clock{};
    };
    Arrivals arrivals() const { return Arrivals(m_scenario.seed, m_scenario.load.rate); }

    const Scenario &scenario() const { return m_scenario; }

private:
    void fill(std::uint32_t program, const std::vector<Step> &steps, Rng &rng, RequestPlan &out,
              std::vector<const DurationDist *> *drawnFrom = nullptr) const;

    const Scenario &m_scenario;
    RngStream m_planStream;
    RngStream m_thinkStream;
};

} // namespace conviz
