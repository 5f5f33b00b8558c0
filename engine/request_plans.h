// The steps of the requests in flight, by request slot. Every request of a scenario has the same
// steps, fan-outs and stack depths; only the durations drawn from a distribution differ from one
// request to the next. So the ops are laid out once, and a slot keeps just its request's drawn
// durations in one flat array: no allocation per request, and nothing at all per request when no
// step has a random duration (a million waiting connections hold no plan).
#pragma once

#include "engine/workload.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace conviz {

// The drawn durations of a scenario's requests, shared by the models that run it side by side
// (simulateAll): the first model to reach a request draws it and the others copy it. A request's
// draw is a function of the seed and its index alone (common random numbers), so the copy is
// exactly what the model would have drawn. Drawing is worth sharing when a request draws many
// durations: fanout-500's 500 lognormal I/O times per request took a tenth of each model's run.
// Thread-safe: any number of models may fetch, claim and publish at once.
class SharedDraws {
public:
    // Room for the requests `scenario` issues, or null when sharing would not pay: a request draws
    // at most one duration (RequestPlans draws that one cheaply), or the values would not fit in kMost.
    static std::unique_ptr<SharedDraws> forScenario(const Scenario &scenario);
    SharedDraws(std::size_t requests, std::size_t stride);

    // Copies request `index`'s durations into `out` (stride values) if a model has published them.
    bool fetch(std::uint64_t index, std::int64_t *out) const;
    // True if the caller is the first to draw request `index` and must publish it; a model that
    // gets false draws on its own (it never waits for another).
    bool claim(std::uint64_t index);
    // The claimed request's durations, for the other models. Precondition: claim(index) was true.
    void publish(std::uint64_t index, const std::int64_t *values);

private:
    static constexpr std::size_t kMost = std::size_t{1} << 21; // values: 16 MiB
    enum State : std::uint8_t { kEmpty, kDrawing, kReady };

    std::size_t m_stride;
    std::vector<std::atomic<std::uint8_t>> m_state; // by request index
    std::vector<std::int64_t> m_values;             // request i: [i * m_stride, (i + 1) * m_stride)
};

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

    // Copies the requests another model has drawn from `shared`, and publishes those this one
    // draws first. Call before the first draw; `shared` (null: none) must outlive this.
    void share(SharedDraws *shared) { m_shared = shared; }

    // Op `i` of the request in `slot`, as Workload::plan lays it out.
    Op op(std::uint32_t slot, std::uint32_t i) const
    {
        Op o = m_layout.ops[i];
        if (const std::uint32_t k = m_drawnAt[i]; k != kFixed)
            o.value = m_values[std::size_t{slot} * m_stride + k];
        return o;
    }
    // How many durations a request draws (those that are not constant).
    std::size_t drawnPerRequest() const { return m_stride; }
    // Program `p` (0: the root task), the same for every request.
    const Program &program(std::uint32_t p) const { return m_layout.programs[p]; }

private:
    static constexpr std::uint32_t kFixed = 0xffffffffu;

    void drawRandom(std::uint32_t slot, std::uint64_t index);

    const Workload &m_workload;
    RequestPlan m_layout;                  // request 0's plan: the kinds, pools, fan-outs, fixed values
    std::vector<std::uint32_t> m_drawnAt;  // per op: its place among a request's drawn values, or kFixed
    std::vector<DurationSampler> m_random; // the distribution of each drawn value, in draw order
    std::size_t m_stride = 0;              // drawn values per request
    std::vector<std::int64_t> m_values;    // slot s: [s * m_stride, (s + 1) * m_stride)
    SharedDraws *m_shared = nullptr;
};

} // namespace conviz
