// The cost model: what a month of the scenario's traffic costs under each model, on AWS Lambda
// (one request per instance, billed by GB-second) and on containers (Fargate-style vCPU-hours and
// GB-hours), and how many instances fit on one host. docs/models.md explains every step.
#pragma once

#include "engine/core/scenario.h"
#include "engine/metrics.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace conviz {

struct CostEstimate {
    ModelKind model = ModelKind::Fibers;
    double offeredRate = 0; // req/s priced

    // Lambda: one request at a time per instance.
    std::int64_t lambdaMemory = 0; // memory setting, bytes (whole MiB, at least 128 MiB)
    std::int64_t lambdaNeeds = 0;  // what one instance needs: baseline + one request
    double lambdaDurationMs = 0;   // billed duration of a mean request
    double lambdaMonthly = 0;      // USD

    // Containers of cost.container_vcpu / cost.container_memory.
    double cpuMsPerRequest = 0;   // core time per request, overheads included
    std::int64_t fixedMemory = 0; // committed with no load: runtime, processes, idle threads
    double bytesPerRps = 0;       // committed memory each req/s of load adds
    double capacityRps = 0;       // what one container carries at the target utilisation
    bool memoryBound = false;     // memory, not CPU, limits a container
    bool fits = true;             // false: the fixed memory alone exceeds a container
    std::int64_t containers = 0;
    double containersMonthly = 0; // USD

    // Density: copies of the simulated server (machine.cores, load.rate) per host.
    double perHost = 0;
    bool hostMemoryBound = false;
};

inline constexpr double kHoursPerMonth = 730;               // AWS's monthly convention
inline constexpr std::int64_t kLambdaMinMemory = 128 * MiB; // Lambda's minimum (its "MB" are MiB)

class CriticalPathMemo;

// One estimate per model, from the scenario and that model's metrics (same order as `metrics`).
// With a memo, the critical paths come from it when it holds them. None at all when a model measured
// no request (whyUnmeasured): its CPU per request and what it carried, which size the containers
// and the traffic priced, are unknown, and a price from zeros would be a false one.
std::vector<CostEstimate> estimateCosts(const Scenario &scenario, std::span<const ModelMetrics> metrics,
                                        CriticalPathMemo *memo = nullptr);

// A request's critical path with nothing else running (what a Lambda instance bills): sequential
// steps add up, a fan-out takes its slowest child. CPU is multiplied by `cpuScale`. Mean over the
// first `samples` requests of the workload, in ns.
double meanCriticalPath(const Scenario &scenario, double cpuScale, int samples = 2000);
// The same for several scales at once, each request drawn once: result[i] is the mean at
// cpuScales[i]. Drawing is the cost (fanout-500: 500 children a request), not the walk.
std::vector<double> meanCriticalPaths(const Scenario &scenario, std::span<const double> cpuScales, int samples = 2000);

// The last meanCriticalPaths asked of it, returned again while the requests (the scenario's steps
// and seed), the scales and the sample count stay as they were. A slider over the load, the machine
// or a model's parameters leaves them so, and fanout-500's paths take 64 ms to draw. Thread-safe;
// the result is the function's, bit for bit.
class CriticalPathMemo {
public:
    std::vector<double> meanCriticalPaths(const Scenario &scenario, std::span<const double> cpuScales,
                                          int samples = 2000);

private:
    std::mutex m_mutex;
    bool m_valid = false;
    std::vector<Step> m_steps;
    std::uint64_t m_seed = 0;
    std::vector<double> m_scales;
    int m_samples = 0;
    std::vector<double> m_paths;
};

// The article's two reference bills (USD per month): each model's Lambda bill is shown scaled to
// the event loop's being each of these, as `conviz-cli cost` and the app's Cost tab print it.
inline constexpr double kReferenceBills[] = {340.0, 15000.0};

// What `e`'s Lambda bill is when the event loop's (found in `costs`) is `bill`; nothing when
// `costs` has no event loop with a bill.
std::optional<double> scaledLambdaBill(std::span<const CostEstimate> costs, const CostEstimate &e, double bill);

} // namespace conviz
