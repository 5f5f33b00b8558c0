#include "gui/core/preview_prefix.h"

#include "gui/core/format.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

// A prefix's arrivals span its warm-up plus this many request lifetimes (the p99 latency). When
// arrivals stop, the run drains for about one lifetime with fewer requests in flight than in the
// steady state; over ten lifetimes that drain is a tenth of what the prefix measures at most, as
// the whole run's own drain is a smaller share of a longer run.
constexpr double kLifetimesInPrefix = 10;
// Measured requests a prefix keeps at least: a p99 of fewer than 100 latencies is their maximum.
constexpr std::int64_t kMinMeasuredRequests = 100;
// A prefix must at least halve the work: one of most of the requests saves little time and costs
// the reader a label to read and a second look when the whole run lands.
constexpr double kMaxPrefixShare = 0.5;

} // namespace

void PreviewCost::noteResult(const RunSnapshot &result)
{
    lifetimeSeconds = 0;
    steady = true;
    for (const ModelRun &run : result.models) {
        const ModelMetrics &m = run.metrics;
        lifetimeSeconds = std::max(lifetimeSeconds, m.latency.p99 / 1e9);
        // Arrivals that outran a model build a queue that grows as long as they arrive: a prefix
        // would show a shorter queue than the whole run has.
        steady = steady && m.measured > 0 && m.overload <= 0;
    }
}

void PreviewCost::noteTiming(double computeMillis, std::int64_t requests)
{
    if (requests > 0)
        millisPerRequest = computeMillis / static_cast<double>(requests);
}

std::int64_t previewRequests(const Scenario &scenario, const PreviewCost &cost, double budgetMs)
{
    const Load &load = scenario.load;
    const std::int64_t all = load.requests;
    // A closed or batch load's peak memory and concurrency grow with its count, and a load that
    // stops at `duration` issues what arrives by then, of which `requests` says nothing: only an
    // open load of `requests` is cut.
    if (load.kind != LoadKind::Open || load.duration > Nanos::zero() || !cost.steady || cost.millisPerRequest <= 0)
        return all;
    if (cost.millisPerRequest * static_cast<double>(all) <= budgetMs)
        return all;
    const double warmup = load.warmup.toSeconds();
    const double fitsBudget = std::floor(budgetMs / cost.millisPerRequest);
    const double measurable = std::ceil(load.rate * warmup) + static_cast<double>(kMinMeasuredRequests);
    const double fair = std::ceil(load.rate * (warmup + kLifetimesInPrefix * cost.lifetimeSeconds));
    const double n = std::max({fitsBudget, measurable, fair});
    return n <= kMaxPrefixShare * static_cast<double>(all) ? static_cast<std::int64_t>(n) : all;
}

QStringList prefixNote(const RequestPrefix &prefix)
{
    if (!prefix.partial())
        return {};
    const QString n = formatCount(prefix.simulated), of = formatCount(prefix.total);
    return {QStringLiteral("Preview of the first %1 of %2 requests — the full run follows when you let go").arg(n, of),
            QStringLiteral("Preview of the first %1 of %2 requests").arg(n, of),
            QStringLiteral("Preview: first %1 of %2 requests").arg(n, of),
            QStringLiteral("First %1 of %2 requests").arg(n, of)};
}

} // namespace conviz::gui
