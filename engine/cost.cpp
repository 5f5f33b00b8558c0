#include "engine/cost.h"

#include "engine/core/vector_state.h"
#include "engine/workload.h"

#include <algorithm>
#include <cmath>

namespace conviz {
namespace {

constexpr double kMB = 1024.0 * 1024.0; // Lambda's "MB" settings are MiB (1769 MB = 1 vCPU)
constexpr double kGB = 1024.0 * 1024.0 * 1024.0;

double criticalPath(const RequestPlan &plan, const Program &program, double cpuScale)
{
    double total = 0;
    for (std::uint32_t i = program.begin; i < program.end; ++i) {
        const Op &op = plan.ops[i];
        switch (op.kind) {
        case OpKind::Cpu:
        case OpKind::CpuOffload: total += static_cast<double>(op.value) * cpuScale; break;
        case OpKind::Io:
        case OpKind::Blocking: total += static_cast<double>(op.value); break;
        case OpKind::Fanout: {
            double slowest = 0;
            for (std::uint32_t c = 0; c < op.childCount; ++c)
                slowest = std::max(slowest, criticalPath(plan, plan.programs[op.childBegin + c], cpuScale));
            total += slowest;
            break;
        }
        case OpKind::Stack: break;
        }
    }
    return total;
}

// Memory one in-flight request holds, from the run: what the peak added over the baseline, shared
// by the requests in flight at the peak (an upper bound: the peak and peakInFlight may not coincide).
double bytesPerRequest(const ModelMetrics &m)
{
    const double variable = static_cast<double>(m.memory.peakCommitted - m.memory.baselineCommitted);
    return m.peakInFlight > 0 ? std::max(0.0, variable) / static_cast<double>(m.peakInFlight) : 0.0;
}

} // namespace

double meanCriticalPath(const Scenario &scenario, double cpuScale, int samples)
{
    return meanCriticalPaths(scenario, std::span(&cpuScale, 1), samples).front();
}

std::vector<double> meanCriticalPaths(const Scenario &scenario, std::span<const double> cpuScales, int samples)
{
    clearUpperVectorState(); // drawing is all exp and log: see vector_state.h
    const Workload workload(scenario);
    RequestPlan plan;
    std::vector<double> sums(cpuScales.size(), 0.0);
    for (int i = 0; i < samples; ++i) {
        workload.plan(static_cast<std::uint64_t>(i), plan);
        for (std::size_t k = 0; k < cpuScales.size(); ++k)
            sums[k] += criticalPath(plan, plan.programs[0], cpuScales[k]);
    }
    for (double &sum : sums)
        sum = samples > 0 ? sum / samples : 0.0;
    return sums;
}

std::vector<double> CriticalPathMemo::meanCriticalPaths(const Scenario &scenario, std::span<const double> cpuScales,
                                                        int samples)
{
    {
        const std::scoped_lock lock(m_mutex);
        if (m_valid && m_seed == scenario.seed && m_samples == samples && m_steps == scenario.steps &&
            std::equal(cpuScales.begin(), cpuScales.end(), m_scales.begin(), m_scales.end()))
            return m_paths;
    }
    std::vector<double> paths = conviz::meanCriticalPaths(scenario, cpuScales, samples); // unlocked: it is slow
    const std::scoped_lock lock(m_mutex);
    m_valid = true;
    m_steps = scenario.steps;
    m_seed = scenario.seed;
    m_scales.assign(cpuScales.begin(), cpuScales.end());
    m_samples = samples;
    m_paths = paths;
    return paths;
}

std::vector<CostEstimate> estimateCosts(const Scenario &s, std::span<const ModelMetrics> metrics,
                                        CriticalPathMemo *memo)
{
    if (std::any_of(metrics.begin(), metrics.end(),
                    [](const ModelMetrics &m) { return whyUnmeasured(m) != Unmeasured::No; }))
        return {};
    const CostParams &c = s.cost;
    // Without an explicit rate: an open load's rate; for closed and batch loads, what every model
    // carried (the lowest throughput), so that all are priced for the same traffic.
    double offered = c.offeredRate;
    if (offered <= 0 && s.load.kind == LoadKind::Open)
        offered = s.load.rate;
    if (offered <= 0) {
        offered = metrics.empty() ? 0.0 : metrics.front().throughputRps;
        for (const ModelMetrics &m : metrics)
            offered = std::min(offered, m.throughputRps);
    }
    const double requestsPerMonth = offered * kHoursPerMonth * 3600;
    std::vector<CostEstimate> out;
    std::vector<double> cpuScales; // each model's Lambda CPU scale, for one pass over the requests
    for (const ModelMetrics &m : metrics) {
        CostEstimate e;
        e.model = m.model;
        e.offeredRate = offered;
        const double jsFactor = m.model == ModelKind::EventLoop ? s.eventLoop.cpuFactor : 1.0;

        // Lambda: one request per instance; CPU share proportional to the memory setting.
        // An instance is one process: a Node.js cluster's baseline counts once.
        const int processes = m.model == ModelKind::EventLoop ? s.eventLoop.processes : 1;
        e.lambdaNeeds = m.memory.baselineCommitted / processes + static_cast<std::int64_t>(bytesPerRequest(m));
        const double needMb = std::ceil(static_cast<double>(e.lambdaNeeds) / kMB);
        const double settingMb = c.lambdaMemory > 0 ? std::ceil(static_cast<double>(c.lambdaMemory) / kMB)
                                                    : std::max(needMb, static_cast<double>(kLambdaMinMemory) / kMB);
        e.lambdaMemory = static_cast<std::int64_t>(settingMb * kMB);
        const double cpuShare = std::min(1.0, settingMb / c.lambdaMbPerVcpu);
        cpuScales.push_back(jsFactor / cpuShare);

        // Containers: CPU per request and memory per req/s come from the run.
        const double window = (m.windowEnd - m.windowStart).toSeconds();
        const double busyCoreSeconds = m.cpuUtilization * s.machine.cores * window;
        e.cpuMsPerRequest = m.measured > 0 ? busyCoreSeconds / static_cast<double>(m.measured) * 1e3 : 0;
        // A Node.js container runs one process per vCPU (cluster); each brings its own baseline.
        const double processesPerContainer =
            m.model == ModelKind::EventLoop ? std::max(1.0, std::ceil(c.containerVcpu)) / s.eventLoop.processes : 1.0;
        e.fixedMemory =
            static_cast<std::int64_t>(static_cast<double>(m.memory.baselineCommitted) * processesPerContainer);
        const double simulatedRate = m.throughputRps;
        e.bytesPerRps = simulatedRate > 0
                            ? std::max(0.0, static_cast<double>(m.memory.peakCommitted - m.memory.baselineCommitted)) /
                                  simulatedRate
                            : 0.0;
        const double usableCpu = c.containerVcpu * c.targetUtilization;
        const double cpuCapacity = e.cpuMsPerRequest > 0 ? usableCpu / (e.cpuMsPerRequest / 1e3) : 1e18;
        const double room = static_cast<double>(c.containerMemory - e.fixedMemory);
        e.fits = room > 0;
        const double memoryCapacity = !e.fits ? 0.0 : e.bytesPerRps > 0 ? room / e.bytesPerRps : 1e18;
        e.capacityRps = std::min(cpuCapacity, memoryCapacity);
        e.memoryBound = memoryCapacity < cpuCapacity;
        if (e.fits && e.capacityRps > 0) {
            e.containers = static_cast<std::int64_t>(std::ceil(offered / e.capacityRps));
            const double perContainerHour =
                c.containerVcpu * c.vcpuHour + static_cast<double>(c.containerMemory) / kGB * c.gbHour;
            e.containersMonthly = static_cast<double>(e.containers) * perContainerHour * kHoursPerMonth;
        }

        // Density: copies of the simulated server that fit on one host.
        const double busyCores = m.cpuUtilization * s.machine.cores;
        const double byCpu = busyCores > 0 ? c.hostCores * c.targetUtilization / busyCores : 1e18;
        const double byMemory = m.memory.peakCommitted > 0
                                    ? static_cast<double>(c.hostMemory) / static_cast<double>(m.memory.peakCommitted)
                                    : 1e18;
        e.perHost = std::floor(std::min(byCpu, byMemory));
        e.hostMemoryBound = byMemory < byCpu;
        out.push_back(e);
    }
    // Lambda bills each request's critical path: one pass over the requests for every model's scale.
    const std::vector<double> paths = memo ? memo->meanCriticalPaths(s, cpuScales) : meanCriticalPaths(s, cpuScales);
    for (std::size_t i = 0; i < out.size(); ++i) {
        CostEstimate &e = out[i];
        e.lambdaDurationMs = std::ceil(paths[i] / 1e6);                            // billed per whole ms
        const double settingMb = static_cast<double>(e.lambdaMemory) / kMB;        // a whole number of MB
        const double gbSeconds = settingMb / 1024.0 * e.lambdaDurationMs / 1000.0; // Lambda counts 1024 MB per GB
        e.lambdaMonthly = requestsPerMonth * (gbSeconds * c.lambdaGbSecond + c.lambdaPerMillion / 1e6);
    }
    return out;
}

std::optional<double> scaledLambdaBill(std::span<const CostEstimate> costs, const CostEstimate &e, double bill)
{
    for (const CostEstimate &ref : costs)
        if (ref.model == ModelKind::EventLoop && ref.lambdaMonthly > 0)
            return bill * e.lambdaMonthly / ref.lambdaMonthly;
    return std::nullopt;
}

} // namespace conviz
