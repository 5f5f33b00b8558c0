// The scenario loader on arbitrary text: loading never crashes, a failure always says why (at most
// 100 diagnostics, each with a message and a position that exists), and what loads writes back
// (toToml) to text that loads to the same scenario, whose every parameter reads back.
#include "fuzz_support.h"

#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"
#include "engine/scenario/tour_file.h"

#include <algorithm>
#include <string>

using namespace conviz;

namespace {

void checkDiagnostics(const scenario::LoadResult &r, std::string_view text)
{
    fuzz::check(!r.errors.empty() && r.errors.size() <= 100, "a failed load lists 1 to 100 errors");
    const auto lines = 1 + std::count(text.begin(), text.end(), '\n');
    for (const scenario::Diagnostic &d : r.errors) {
        fuzz::check(!d.message.empty(), "every diagnostic has a message");
        fuzz::check(d.line >= 0 && d.column >= 0, "positions are not negative");
        fuzz::check(d.line <= lines + 1, "a diagnostic's line exists in the text");
        fuzz::check(!d.format().empty(), "every diagnostic formats");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::text(data, size);
    const scenario::LoadResult r = scenario::loadString(text, "fuzz.toml");
    (void)scenario::looksLikeTour(text);
    if (!r.ok()) {
        checkDiagnostics(r, text);
        return 0;
    }
    fuzz::check(r.errors.empty(), "a scenario that loads has no errors");
    const Scenario &s = *r.scenario;
    const std::string written = scenario::toToml(s);
    const scenario::LoadResult back = scenario::loadString(written, "written.toml");
    if (!back.ok())
        fuzz::fail("toToml wrote text that does not load: " + back.errors.front().format() + "\n" + written);
    fuzz::check(*back.scenario == s, "toToml + loadString gives back the same scenario");
    for (const scenario::ParameterInfo &p : scenario::parametersOf(s)) {
        fuzz::check(scenario::parameterApplies(p.key, s), "every parameter of a scenario applies to it");
        fuzz::check(scenario::parameterValue(p.key, s).has_value(), "every parameter of a scenario has a value");
    }
    return 0;
}
