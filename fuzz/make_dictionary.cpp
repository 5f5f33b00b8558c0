// Writes the libFuzzer dictionary of scenario and tour words to stdout, from the schema rather than
// by hand: every key, table and word toToml writes for scenarios that between them use every load
// kind, thread mode, distribution and step kind; every dotted parameter key (what --set and a tour's
// `set` take); the units durations and sizes are written in; and the keys and words of the tour
// files named on the command line. Run at build time (fuzz/CMakeLists.txt).
#include "engine/scenario/parameters.h"
#include "engine/scenario/scenario_file.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <string>

using namespace conviz;

namespace {

Scenario everyStepKind()
{
    Scenario s;
    s.pools = {{"db", 4}};
    const DurationDist ms{Nanos{1'000'000}, Distribution::Exponential, {}};
    const DurationDist skewed{Nanos{1'000'000}, Distribution::LogNormal, Nanos{4'000'000}};
    s.steps.push_back({.kind = StepKind::Cpu, .duration = ms, .offload = true});
    s.steps.push_back({.kind = StepKind::Io, .duration = skewed, .pool = 0});
    s.steps.push_back({.kind = StepKind::Blocking, .duration = {Nanos{1000}, Distribution::Constant, {}}});
    s.steps.push_back({.kind = StepKind::Fanout, .count = 2, .children = {{.kind = StepKind::Cpu, .duration = ms}}});
    s.steps.push_back({.kind = StepKind::Stack, .bytes = 16 * KiB});
    return s;
}

// Keys (`key =`), table headers (`[table]`) and short quoted words of TOML text.
void addWords(const std::string &text, std::set<std::string> &words)
{
    static const std::regex pattern(R"re(([A-Za-z_][A-Za-z0-9_]*)\s*=|\[+\s*([A-Za-z_.]+)\s*\]+|"([^"\\\n]{1,24})")re");
    for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it)
        for (int group = 1; group <= 3; ++group)
            if ((*it)[group].matched)
                words.insert((*it)[group].str());
}

void print(const std::set<std::string> &words)
{
    for (const std::string &w : words) {
        std::string escaped;
        for (const char c : w) {
            const auto byte = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\')
                escaped += std::string{'\\', c};
            else if (byte < 0x20 || byte >= 0x7F)
                escaped += fmt::format("\\x{:02X}", byte);
            else
                escaped += c;
        }
        std::printf("\"%s\"\n", escaped.c_str());
    }
}

} // namespace

int main(int argc, char **argv)
{
    std::set<std::string> words{"ns", "us", "ms", "s", "B", "KiB", "MiB", "GiB", "=", "[", "]", "{", "}", "\"\"\""};
    Scenario s = everyStepKind();
    for (LoadKind load : {LoadKind::Open, LoadKind::Closed, LoadKind::Batch})
        for (ThreadMode mode : {ThreadMode::PerRequest, ThreadMode::Pool}) {
            s.load.kind = load;
            s.threads.mode = mode;
            addWords(scenario::toToml(s), words);
        }
    for (const scenario::ParameterInfo &p : scenario::parametersOf(s))
        words.insert(p.key);
    for (const scenario::ParameterInfo &p : scenario::numericParameters())
        words.insert(p.key);
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i]);
        if (!in) {
            std::fprintf(stderr, "make_dictionary: cannot read %s\n", argv[i]);
            return 1;
        }
        addWords(std::string(std::istreambuf_iterator<char>(in), {}), words);
    }
    print(words);
    return 0;
}
