// `conviz-cli plan FILE [--json]`: the requests a live run of FILE issues, for the Go and Node.js
// runners (resources/runners/) or anyone else who wants to execute them. docs/live.md.
#include "cli/commands.h"
#include "cli/request_plan.h"
#include "cli/scenario_input.h"
#include "engine/live/live_run.h"

#include <fmt/format.h>

namespace conviz::cli {

int cmdPlan(const Options &o)
{
    const auto loaded = loadScenario(o.files.front(), o.overrides);
    if (!loaded)
        return kExitBadInput;
    // The live run's scenario (live.requests applied, cores at most this machine's), so a runner
    // executes exactly what `conviz-cli live` would.
    const Scenario s = live::liveScenario(*loaded);
    fmt::print("{}", o.json ? planJson(s) : planSummary(s));
    return kExitOk;
}

} // namespace conviz::cli
