#include "cli/options.h"

#include "cli/export_options.h"

#include <algorithm>
#include <charconv>
#include <string_view>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

const std::vector<std::string_view> kCommands = {"run",     "live", "plan",   "sweep", "validate",
                                                 "explain", "cost", "export", "help",  "version"};

bool parseInt(std::string_view text, long long &out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

// --runtime's comma-separated list: cpp, go, node or all, each kept once in the order given.
std::string readRuntimes(Options &o, std::string_view list)
{
    for (std::size_t at = 0; at <= list.size();) {
        const std::size_t comma = std::min(list.find(',', at), list.size());
        const std::string_view name = list.substr(at, comma - at);
        at = comma + 1;
        if (name != "cpp" && name != "go" && name != "node" && name != "all")
            return fmt::format("unknown runtime `{}`; expected cpp, go, node or all (comma-separated)", name);
        if (std::find(o.runtimes.begin(), o.runtimes.end(), name) == o.runtimes.end())
            o.runtimes.emplace_back(name);
    }
    return {};
}

// Whether `text` reads as a runtime list ("go", "cpp,node", "all") rather than a file or an option.
bool isRuntimeList(std::string_view text)
{
    if (text.empty())
        return false;
    for (std::size_t at = 0; at <= text.size();) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const std::string_view name = text.substr(at, comma - at);
        if (name != "cpp" && name != "go" && name != "node" && name != "all")
            return false;
        at = comma + 1;
    }
    return true;
}

} // namespace

std::string usage()
{
    return R"(conviz-cli — one workload under Go-style fibers, a Node.js-style event loop and OS threads

usage:
  conviz-cli run FILE [--model fibers|event_loop|threads|all] [--set key=value]... [--json]
  conviz-cli live FILE [--model go|node|threads|all] [--runtime cpp,go,node|all] [--set key=value]... [--json]
                   (also: run FILE --live [cpp,go,node]) the same requests run for real on this machine, measured
                   beside the simulation; caps in [live] (docs/live.md); Ctrl-C cancels.
                   --runtime: cpp (the default) runs every model with conviz's C++ executors; go runs
                   the fibers model with real goroutines and node the event-loop model on Node.js
                   (resources/runners/; needs `go` or `node` on PATH)
  conviz-cli plan FILE [--set key=value]... [--json]
                   the requests a live run issues (load, every step's drawn duration, the model
                   parameters) as JSON, for resources/runners/ (docs/live.md, "The request plan")
  conviz-cli sweep FILE [--param KEY --from A --to B --steps N [--log]] [--model M] [--set key=value]...
                   [--csv | --json] [--threads N]
  conviz-cli validate FILE...              (scenario or tour files)
  conviz-cli explain FILE
  conviz-cli cost FILE [--set key=value]... [--json]
  conviz-cli export FILE --csv|--json|--trace --out PATH [--force] [--model M] [--set key=value]...
  conviz-cli export FILE --chart throughput|latency|memory|timeline|queue|cost|side-by-side --out PATH
                   [--format png|svg|pdf] [--size 1200x675] [--scale 1|2|3] [--transparent] [--force]
                   [--param KEY --from A --to B --steps N [--log]] [--at T]
  conviz-cli export FILE --gif --out PATH [--start T] [--end T] [--fps N] [--seconds N] [--size WxH] [--force]
  conviz-cli help | version

  --model also takes go (= fibers) and node (= event_loop).
  --set overrides any scenario key by its dotted path: --set load.rate=900 --set fibers.gomaxprocs=8
  sweep with no --param runs the sweep the scenario names in its [sweep] table. Values of duration and
  size keys take units: --from 10us --to 10ms, --from 2KiB --to 8MiB.

export writes one file, atomically (never a partial file), and never replaces an existing file
unless given --force:
  --csv    the tidy CSV of the scenario's sweep (or of --param/--from/--to/--steps, as for sweep):
           parameter,value,model,metric,unit,result; a scenario without a sweep gives one point,
           parameter "none" with an empty value
  --json   the full result of a run: the scenario, every model's metrics, its narration, the cost
  --trace  a Chrome trace of the run (opens in ui.perfetto.dev): a process per model, a track per
           core and per OS thread, every CPU span, every wait, queue and memory counters
  --chart  a blog figure (title, subtitle, legend, axis titles with units, a source line), drawn as
           the app draws it, with no display: throughput, latency and memory against the sweep (as
           for --csv; without one, the load); timeline (cores busy) and queue over one run; cost
           per model per month; side-by-side, the three model columns at --at T (default: the
           busiest instant).
           --size presets: blog 1200x675 (default), slide 1920x1080, square 1080x1080; --scale
           multiplies a PNG's pixels; --format defaults to --out's extension
  --gif    the three model columns (headline, scheduler, stack memory) from --start to --end
           (default: the whole run), --fps frames a second (default 20) for --seconds (default 4):
           fps x seconds + 1 frames, the first at --start and the last at --end, then a second
           holding the last when every model is done; --size default 960x540
  Same scenario, same seed: byte-identical CSV, JSON, trace, PNG, SVG and GIF files.

exit codes: 0 ok; 1 the run failed or the output could not be written (the message names the path
and the reason); 2 bad input (the message says which file, line and column), including an --out
that exists without --force
)";
}

ParseResult parseCommandLine(int argc, const char *const *argv)
{
    ParseResult r;
    Options &o = r.options;
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (args.empty()) {
        r.error = "no command given; try `conviz-cli help`";
        return r;
    }
    std::string_view command = args.front();
    if (command == "--help" || command == "-h")
        command = "help";
    if (command == "--version")
        command = "version";
    if (std::find(kCommands.begin(), kCommands.end(), command) == kCommands.end()) {
        r.error = fmt::format(
            "unknown command `{}`; expected one of run, live, plan, sweep, validate, explain, cost, export, help",
            command);
        return r;
    }
    o.command = std::string(command);

    std::vector<std::string_view> seen; // every option given, for the checks that need context
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a.size() > 1 && a.front() == '-')
            seen.push_back(a);
        const auto needValue = [&](std::string_view name) -> std::optional<std::string_view> {
            if (i + 1 >= args.size()) {
                r.error = fmt::format("{} needs a value", name);
                return std::nullopt;
            }
            return args[++i];
        };
        if (a == "--json") {
            o.json = true;
        } else if (a == "--csv") {
            o.csv = true;
        } else if (a == "--live") {
            o.live = true;
            // `run FILE --live go,node,cpp`: the runtimes may follow, as with --runtime.
            if (i + 1 < args.size() && isRuntimeList(args[i + 1])) {
                r.error = readRuntimes(o, args[++i]);
                if (!r.error.empty())
                    return r;
            }
        } else if (a == "--log") {
            o.log = true;
        } else if (a == "--linear") {
            o.log = false;
        } else if (a == "--model") {
            auto v = needValue(a);
            if (!v)
                return r;
            if (*v == "all") {
                o.models.assign(kAllModels.begin(), kAllModels.end());
            } else if (auto m = modelFromKey(*v == "go" ? "fibers" : *v == "node" ? "event_loop" : *v)) {
                o.models.push_back(*m);
            } else {
                r.error =
                    fmt::format("unknown model `{}`; expected fibers (go), event_loop (node), threads or all", *v);
                return r;
            }
        } else if (a == "--runtime") {
            auto v = needValue(a);
            if (!v)
                return r;
            r.error = readRuntimes(o, *v);
            if (!r.error.empty())
                return r;
        } else if (a == "--set") {
            auto v = needValue(a);
            if (!v)
                return r;
            if (v->find('=') == std::string_view::npos) {
                r.error = fmt::format("--set needs key=value, got `{}`", *v);
                return r;
            }
            o.overrides.emplace_back(*v);
        } else if (a == "--param") {
            auto v = needValue(a);
            if (!v)
                return r;
            o.param = std::string(*v);
        } else if (a == "--from" || a == "--to") {
            auto v = needValue(a);
            if (!v)
                return r;
            (a == "--from" ? o.from : o.to) = std::string(*v);
        } else if (a == "--steps" || a == "--threads") {
            auto v = needValue(a);
            if (!v)
                return r;
            long long n = 0;
            if (!parseInt(*v, n) || n < (a == "--steps" ? 2 : 0) || n > 1000) {
                r.error = a == "--steps" ? fmt::format("--steps needs a whole number from 2 to 1000, got `{}`", *v)
                                         : fmt::format("--threads needs a whole number from 0 to 1000, got `{}`", *v);
                return r;
            }
            if (a == "--steps")
                o.steps = static_cast<int>(n);
            else
                o.threads = static_cast<unsigned>(n);
        } else if (isExportOption(a)) {
            std::optional<std::string_view> value;
            if (exportOptionTakesValue(a)) {
                value = needValue(a);
                if (!value)
                    return r;
            }
            r.error = readExportOption(o, a, value.value_or(std::string_view()));
            if (!r.error.empty())
                return r;
        } else if (a.size() > 1 && a.front() == '-') {
            r.error = fmt::format("unknown option `{}`; try `conviz-cli help`", a);
            return r;
        } else {
            o.files.emplace_back(a);
        }
    }
    if (o.command == "export") {
        r.error = checkExportOptions(o, seen);
        if (!r.error.empty())
            return r;
    } else if (const auto misplaced = std::find_if(seen.begin(), seen.end(), isExportOption); misplaced != seen.end()) {
        r.error = fmt::format("{} goes with `export`", *misplaced);
        return r;
    } else if (o.json && o.csv) {
        r.error = "--json and --csv exclude each other";
        return r;
    } else if (o.live && o.command != "run") {
        r.error = "--live goes with `run` (or use `live`)";
        return r;
    } else if (!o.runtimes.empty() && !o.live && o.command != "live") {
        r.error = "--runtime goes with `live` (or `run --live`)";
        return r;
    } else if ((o.live || o.command == "live") && o.csv) {
        r.error = "a live run prints a table or --json, not --csv";
        return r;
    }
    const bool needsFile = o.command != "help" && o.command != "version";
    if (needsFile && o.files.empty())
        r.error = fmt::format("`{}` needs a scenario file", o.command);
    else if (needsFile && o.command != "validate" && o.files.size() > 1)
        r.error = fmt::format("`{}` takes one scenario file, got {}", o.command, o.files.size());
    return r;
}

} // namespace conviz::cli
