#include "cli/options.h"

#include <charconv>
#include <string_view>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

const std::vector<std::string_view> kCommands = {"run", "sweep", "validate", "explain", "cost", "help", "version"};

bool parseInt(std::string_view text, long long &out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

} // namespace

std::string usage()
{
    return R"(conviz-cli — one workload under Go-style fibers, a Node.js-style event loop and OS threads

usage:
  conviz-cli run FILE [--model fibers|event_loop|threads|all] [--set key=value]... [--json]
  conviz-cli sweep FILE [--param KEY --from A --to B --steps N [--log]] [--model M] [--set key=value]...
                   [--csv | --json] [--threads N]
  conviz-cli validate FILE...
  conviz-cli explain FILE
  conviz-cli cost FILE [--set key=value]... [--json]
  conviz-cli help | version

  --set overrides any scenario key by its dotted path: --set load.rate=900 --set fibers.gomaxprocs=8
  sweep with no --param runs the sweep the scenario names in its [sweep] table. Values of duration and
  size keys take units: --from 10us --to 10ms, --from 2KiB --to 8MiB.

exit codes: 0 ok, 1 the run failed, 2 bad input (the message says which file, line and column)
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
    bool known = false;
    for (auto c : kCommands)
        known = known || c == command;
    if (!known) {
        r.error = fmt::format("unknown command `{}`; expected one of run, sweep, validate, explain, cost, help", command);
        return r;
    }
    o.command = std::string(command);

    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string_view a = args[i];
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
            } else if (auto m = modelFromKey(*v)) {
                o.models.push_back(*m);
            } else {
                r.error = fmt::format("unknown model `{}`; expected fibers, event_loop, threads or all", *v);
                return r;
            }
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
        } else if (a.size() > 1 && a.front() == '-') {
            r.error = fmt::format("unknown option `{}`; try `conviz-cli help`", a);
            return r;
        } else {
            o.files.emplace_back(a);
        }
    }
    if (o.json && o.csv) {
        r.error = "--json and --csv exclude each other";
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
