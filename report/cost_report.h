// `conviz-cli cost`: the cost model's table and JSON.
#pragma once

#include "report/json_writer.h"
#include "engine/cost.h"

#include <span>
#include <string>

namespace conviz::cli {

std::string renderCostTable(const Scenario &s, std::span<const CostEstimate> costs);
void writeCostJson(JsonWriter &json, const Scenario &s, std::span<const CostEstimate> costs);

// The article's two reference bills: the event loop's Lambda bill scaled to each of them.
inline constexpr double kReferenceBills[] = {340.0, 15000.0};

} // namespace conviz::cli
