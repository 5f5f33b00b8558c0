#include "report/cost_report.h"

#include "engine/model_kind.h"
#include "report/report.h"

#include <functional>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace conviz::report {
namespace {

std::string dollars(double usd)
{
    if (usd >= 100)
        return fmt::format("${:.0f}", usd);
    return fmt::format("${:.2f}", usd);
}

struct Row {
    std::string label;
    std::function<std::string(const CostEstimate &)> cell; // empty function: a heading
};

} // namespace

std::string renderCostTable(const Scenario &s, std::span<const CostEstimate> costs)
{
    if (costs.empty())
        return {};
    const CostParams &c = s.cost;
    const double offered = costs.front().offeredRate;
    std::vector<Row> rows = {
        {"Lambda: one request per instance", {}},
        {"  memory needed", [](auto &e) { return humanBytes(e.lambdaNeeds); }},
        {"  memory setting", [](auto &e) { return fmt::format("{} MB", e.lambdaMemory / MiB); }},
        {"  billed duration", [](auto &e) { return fmt::format("{:.0f} ms", e.lambdaDurationMs); }},
        {"  per month", [](auto &e) { return dollars(e.lambdaMonthly); }},
    };
    for (double bill : kReferenceBills)
        rows.push_back({fmt::format("  if Node's bill were ${:.0f}", bill), [costs, bill](auto &e) {
                            const auto v = scaledLambdaBill(costs, e, bill);
                            return v ? dollars(*v) : std::string("-");
                        }});
    const std::vector<Row> containerRows = {
        {fmt::format("Containers: {:g} vCPU, {}, CPU at most {:.0f} %", c.containerVcpu, humanBytes(c.containerMemory),
                     c.targetUtilization * 100),
         {}},
        {"  CPU per request", [](auto &e) { return fmt::format("{:.3f} ms", e.cpuMsPerRequest); }},
        {"  memory at rest", [](auto &e) { return humanBytes(e.fixedMemory); }},
        {"  memory per 100 req/s", [](auto &e) { return humanBytes(static_cast<std::int64_t>(e.bytesPerRps * 100)); }},
        {"  capacity per container",
         [](auto &e) {
             if (!e.fits)
                 return std::string("does not fit");
             return fmt::format("{:.0f} req/s ({})", e.capacityRps, e.memoryBound ? "memory" : "CPU");
         }},
        {"  containers needed", [](auto &e) { return e.fits ? fmt::format("{}", e.containers) : std::string("-"); }},
        {"  per month", [](auto &e) { return e.fits ? dollars(e.containersMonthly) : std::string("-"); }},
        {fmt::format("Density: copies of this {}-core server on a {}-core, {} host", s.machine.cores, c.hostCores,
                     humanBytes(c.hostMemory)),
         {}},
        {"  per host",
         [](auto &e) { return fmt::format("{:.0f} ({})", e.perHost, e.hostMemoryBound ? "memory" : "CPU"); }},
    };
    rows.insert(rows.end(), containerRows.begin(), containerRows.end());

    std::size_t labelWidth = 0;
    for (const Row &r : rows)
        if (r.cell)
            labelWidth = std::max(labelWidth, r.label.size());
    std::vector<std::size_t> widths;
    for (const CostEstimate &e : costs) {
        std::size_t w = modelTitle(e.model).size();
        for (const Row &r : rows)
            if (r.cell)
                w = std::max(w, r.cell(e).size());
        widths.push_back(w);
    }

    std::string out =
        fmt::format("{}\nCost of {:g} req/s ({:.2f} billion requests a month); prices: AWS us-east-1 list "
                    "prices read {}\n\n",
                    s.name, offered, offered * kHoursPerMonth * 3600 / 1e9, c.pricesDate);
    out += fmt::format("{:<{}}", "", labelWidth);
    for (std::size_t j = 0; j < costs.size(); ++j)
        out += fmt::format("   {:>{}}", modelTitle(costs[j].model), widths[j]);
    out += '\n';
    for (const Row &r : rows) {
        if (!r.cell) {
            out += r.label + '\n';
            continue;
        }
        out += fmt::format("{:<{}}", r.label, labelWidth);
        for (std::size_t j = 0; j < costs.size(); ++j)
            out += fmt::format("   {:>{}}", r.cell(costs[j]), widths[j]);
        out += '\n';
    }
    return out;
}

void writeCostJson(JsonWriter &json, const Scenario &s, std::span<const CostEstimate> costs)
{
    json.beginObject();
    json.field("offered_rps", costs.empty() ? s.load.rate : costs.front().offeredRate);
    json.field("prices_date", std::string_view(s.cost.pricesDate));
    json.key("models").beginObject();
    for (const CostEstimate &e : costs) {
        json.key(modelKey(e.model)).beginObject();
        json.key("lambda").beginObject();
        json.field("memory_needed_bytes", e.lambdaNeeds);
        json.field("memory_setting_bytes", e.lambdaMemory);
        json.field("billed_duration_ms", e.lambdaDurationMs);
        json.field("monthly_usd", e.lambdaMonthly);
        json.key("if_event_loop_bill_were").beginObject();
        for (double bill : kReferenceBills) {
            const auto v = scaledLambdaBill(costs, e, bill);
            json.key(fmt::format("{:.0f}", bill));
            if (v)
                json.value(*v);
            else
                json.null();
        }
        json.endObject();
        json.endObject();
        json.key("containers").beginObject();
        json.field("cpu_ms_per_request", e.cpuMsPerRequest);
        json.field("memory_at_rest_bytes", e.fixedMemory);
        json.field("bytes_per_rps", e.bytesPerRps);
        json.field("fits", e.fits);
        json.field("capacity_rps", e.capacityRps);
        json.field("memory_bound", e.memoryBound);
        json.field("count", e.containers);
        json.field("monthly_usd", e.containersMonthly);
        json.endObject();
        json.key("density").beginObject();
        json.field("per_host", e.perHost);
        json.field("memory_bound", e.hostMemoryBound);
        json.endObject();
        json.endObject();
    }
    json.endObject();
    json.endObject();
}

} // namespace conviz::report
