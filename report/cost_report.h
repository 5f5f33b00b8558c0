// `conviz-cli cost`: the cost model's table and JSON.
#pragma once

#include "engine/cost.h"
#include "report/json_writer.h"

#include <span>
#include <string>

namespace conviz::report {

std::string renderCostTable(const Scenario &s, std::span<const CostEstimate> costs);
void writeCostJson(JsonWriter &json, const Scenario &s, std::span<const CostEstimate> costs);

} // namespace conviz::report
