// `--set key=value`, as conviz-cli reads it: each input line is one command-line argument after
// `run base.toml`, parsed by the CLI's parser; the overrides it collects are applied to a scenario
// that has every table. Each override's value is also read on its own as a parameter value. Nothing
// crashes; a failed load says why at "<--set>" or in the base file; what loads round-trips.
#include "fuzz_support.h"

#include "cli/options.h"
#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"

#include <string>
#include <vector>

using namespace conviz;

namespace {

constexpr std::string_view kBase = R"(name = "Base"
seed = 1
[machine]
cores = 2
[load]
kind = "open"
rate = 500.0
requests = 100
[request]
steps = [
  { cpu = "100us", dist = "exp" },
  { io = "1ms", dist = "lognormal", p99 = "4ms", pool = "db" },
  { blocking = "200us" },
  { fanout = 2, steps = [ { cpu = "10us" } ] },
  { stack = "16KiB" },
]
[pools]
db = 4
[fibers]
gomaxprocs = 2
[event_loop]
threadpool = 4
[threads]
mode = "pool"
pool_size = 8
[sweep]
param = "load.rate"
from = 100.0
to = 900.0
steps = 3
[cost]
target_utilization = 0.7
)";

} // namespace

// The base must load, or every input would only exercise the error path.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const scenario::LoadResult base = scenario::loadString(kBase, "base.toml");
    if (!base.ok())
        fuzz::fail("the base scenario does not load: " + base.errors.front().format());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::text(data, size);
    std::vector<std::string> args{"conviz-cli", "run", "base.toml"};
    for (std::size_t from = 0; from <= text.size() && args.size() < 40;) {
        const std::size_t end = std::min(text.find('\n', from), text.size());
        args.emplace_back(text.substr(from, end - from));
        from = end + 1;
    }
    std::vector<const char *> argv;
    for (const std::string &a : args)
        argv.push_back(a.c_str()); // an argument stops at its first NUL, as on a real command line
    const cli::ParseResult parsed = cli::parseCommandLine(static_cast<int>(argv.size()), argv.data());
    if (!parsed.error.empty())
        return 0;

    const std::vector<std::string> &overrides = parsed.options.overrides;
    for (const std::string &o : overrides) {
        const std::size_t eq = o.find('=');
        fuzz::check(eq != std::string::npos, "the parser keeps only key=value overrides");
        const std::string_view key = std::string_view(o).substr(0, eq);
        const scenario::ParsedValue v = scenario::parseParameterValue(key, std::string_view(o).substr(eq + 1));
        fuzz::check(v.value.has_value() != !v.error.empty(), "a parameter value is a number or an error");
        if (v.value)
            if (auto swept = scenario::sweepOverride(key, *v.value)) {
                const std::string one[] = {*swept};
                (void)scenario::loadString(kBase, "base.toml", one);
            }
    }

    const scenario::LoadResult r = scenario::loadString(kBase, "base.toml", overrides);
    if (!r.ok()) {
        fuzz::check(!r.errors.empty() && r.errors.size() <= 100, "a failed load lists 1 to 100 errors");
        for (const scenario::Diagnostic &d : r.errors) {
            fuzz::check(d.file == "<--set>" || d.file == "base.toml", "errors name the override or the file");
            fuzz::check(!d.message.empty(), "every diagnostic has a message");
        }
        return 0;
    }
    const scenario::LoadResult back = scenario::loadString(scenario::toToml(*r.scenario), "written.toml");
    if (!back.ok())
        fuzz::fail("toToml wrote text that does not load: " + back.errors.front().format());
    fuzz::check(*back.scenario == *r.scenario, "toToml + loadString gives back the same scenario");
    return 0;
}
