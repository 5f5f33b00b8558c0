// From a parsed document to a Scenario: every key checked against the schema, every value against
// its range, the request's steps and the limits on the whole run. Internal to conviz_scenario.
#pragma once

#include "engine/scenario/diagnostics.h"

#include <toml++/toml.h>

namespace conviz::scenario::detail {

// Builds the Scenario `root` describes. Every problem goes to `diags`; the result is meaningful
// only if none was reported.
Scenario readScenario(const toml::table &root, Diagnostics &diags);

} // namespace conviz::scenario::detail
