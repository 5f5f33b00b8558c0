// The parameter registry (parameters.h): every key reads back what it writes, pools go by name,
// derived request keys rescale their steps, and an unknown key gets a suggestion.
#include "engine/scenario/parameters.h"

#include "test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace conviz;
using namespace conviz::scenario;
using namespace conviz::scenario::test;

namespace {

// Every step kind, a lognormal wait, two pools: each derived key applies.
constexpr std::string_view kEveryStep = R"([request]
steps = [
  { cpu = "200us" },
  { io = "2ms", dist = "lognormal", p99 = "8ms", pool = "db" },
  { cpu = "600us" },
  { cpu = "1ms", offload = true },
  { blocking = "500us" },
  { stack = "64KiB" },
  { fanout = 4, steps = [ { cpu = "50us" } ] },
]
[pools]
db = 10
"my cache" = 3
)";

std::vector<Scenario> presets()
{
    std::vector<Scenario> out;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(CONVIZ_PRESETS_DIR, ec))
        if (entry.path().extension() == ".toml")
            if (LoadResult r = loadFile(entry.path().string()); r.ok())
                out.push_back(std::move(*r.scenario));
    return out;
}

// A value inside the key's range and not its current one, exactly representable after rounding.
double probeFor(const ParameterInfo &p, double now)
{
    double v = p.min + (p.max - p.min) * 0.25;
    if (p.kind != ParameterKind::Real)
        v = std::round(v);
    return v == now ? p.min + (p.kind == ParameterKind::Real ? (p.max - p.min) / 8 : 1) : v;
}

} // namespace

TEST(Parameters, EveryParameterOfEveryPresetReadsBackWhatItWrites)
{
    const std::vector<Scenario> all = presets();
    ASSERT_FALSE(all.empty());
    for (const Scenario &preset : all) {
        for (const ParameterInfo &p : parametersOf(preset)) {
            const auto now = parameterValue(p.key, preset);
            ASSERT_TRUE(now.has_value()) << preset.name << ": " << p.key;
            Scenario s = preset;
            const double v = probeFor(p, *now);
            ASSERT_TRUE(setParameterValue(p.key, s, v)) << p.key;
            // A derived total is spread over several steps, each rounded to the nanosecond.
            const double tolerance = p.inFile ? 0.0 : static_cast<double>(s.steps.size());
            EXPECT_NEAR(*parameterValue(p.key, s), v, tolerance) << preset.name << ": " << p.key;
        }
    }
}

TEST(Parameters, EveryKeyOfTheFileReadsBackWhatItWrites)
{
    const Scenario base = loadValid(kEveryStep);
    for (const ParameterInfo &p : numericParameters()) {
        if (!p.inFile)
            continue;
        Scenario s = base;
        const double v = probeFor(p, *parameterValue(p.key, base));
        ASSERT_TRUE(setParameterValue(p.key, s, v)) << p.key;
        EXPECT_EQ(parameterValue(p.key, s), v) << p.key;
        EXPECT_NE(s, base) << p.key << " sets no field";
    }
}

TEST(Parameters, EveryDerivedKeyReadsBackWhatItWrites)
{
    const Scenario base = loadValid(kEveryStep);
    for (const ParameterInfo &p : numericParameters()) {
        if (p.inFile)
            continue;
        ASSERT_TRUE(parameterApplies(p.key, base)) << p.key;
        Scenario s = base;
        ASSERT_TRUE(setParameterValue(p.key, s, 3000)) << p.key;
        EXPECT_NEAR(*parameterValue(p.key, s), 3000, 3) << p.key;
    }
}

TEST(Parameters, EveryParameterHasALabelAUnitKindAndAnExplanation)
{
    for (const ParameterInfo &p : numericParameters()) {
        EXPECT_FALSE(p.label.empty()) << p.key;
        EXPECT_FALSE(p.help.empty()) << p.key;
        EXPECT_FALSE(p.description.empty()) << p.key;
        EXPECT_LT(p.min, p.max) << p.key;
        if (p.kind == ParameterKind::Duration) {
            EXPECT_EQ(p.unit, "ns") << p.key;
        }
    }
    EXPECT_EQ(findParameter("load.rate")->label, "Arrival rate");
    EXPECT_EQ(findParameter("load.rate")->unit, "req/s");
}

TEST(Parameters, PoolsAreNamedByTheirName)
{
    Scenario s = loadValid(kEveryStep);
    EXPECT_EQ(parameterValue("pools.db", s), 10.0);
    EXPECT_EQ(parameterValue("pools.my cache", s), 3.0);
    EXPECT_EQ(parameterValue("pools.0", s), std::nullopt);
    EXPECT_EQ(findParameter("pools.db")->label, "“db” connections");
    EXPECT_TRUE(parameterApplies("pools.db", s));
    EXPECT_FALSE(parameterApplies("pools.dbx", s));
    EXPECT_FALSE(setParameterValue("pools.dbx", s, 5));
    ASSERT_TRUE(setParameterValue("pools.db", s, 0));
    EXPECT_EQ(s.pools.front().size, 1) << "a pool keeps at least one connection";
    const auto params = parametersOf(s);
    const auto isPool = [](const ParameterInfo &p) { return p.key.starts_with("pools."); };
    EXPECT_EQ(std::count_if(params.begin(), params.end(), isPool), 2);
}

TEST(Parameters, CpuPerRequestScalesEveryCpuStepKeepingProportions)
{
    Scenario s = loadValid(kEveryStep);
    EXPECT_EQ(parameterValue("request.cpu", s), 800'000.0) << "offloaded CPU is request.offload";
    ASSERT_TRUE(setParameterValue("request.cpu", s, 400'000));
    EXPECT_EQ(s.steps[0].duration.mean.count(), 100'000);
    EXPECT_EQ(s.steps[2].duration.mean.count(), 300'000);
    EXPECT_EQ(s.steps[3].duration.mean.count(), 1'000'000);
    ASSERT_TRUE(setParameterValue("request.io", s, 4'000'000));
    EXPECT_EQ(s.steps[1].duration.mean.count(), 4'000'000);
    EXPECT_EQ(s.steps[1].duration.p99.count(), 16'000'000) << "a lognormal wait keeps its p99/mean ratio";
}

TEST(Parameters, WhatAppliesFollowsTheLoadTheThreadModeAndTheSteps)
{
    Scenario s = loadValid(kMinimalRequest);
    EXPECT_TRUE(parameterApplies("load.rate", s));
    EXPECT_FALSE(parameterApplies("load.clients", s));
    EXPECT_TRUE(parameterApplies("request.cpu", s));
    EXPECT_FALSE(parameterApplies("request.io", s));
    EXPECT_EQ(parameterValue("request.io", s), std::nullopt);
    EXPECT_FALSE(setParameterValue("request.fanout", s, 3));
    s.load.kind = LoadKind::Closed;
    EXPECT_FALSE(parameterApplies("load.rate", s));
    EXPECT_TRUE(parameterApplies("load.think", s));
    s.threads.mode = ThreadMode::Pool;
    EXPECT_TRUE(parameterApplies("threads.pool_size", s));
    s.threads.mode = ThreadMode::PerRequest;
    EXPECT_FALSE(parameterApplies("threads.pool_size", s));
}

TEST(Parameters, AnUnknownKeyIsRefusedWithASuggestion)
{
    EXPECT_EQ(findParameter("load.rat"), std::nullopt);
    EXPECT_NE(unknownParameterMessage("load.rat").find("did you mean `load.rate`?"), std::string::npos);
    EXPECT_NE(unknownParameterMessage("request.cpus").find("did you mean `request.cpu`?"), std::string::npos);
    Scenario s = loadValid(kMinimalRequest);
    EXPECT_FALSE(setParameterValue("load.rat", s, 1));
    ASSERT_TRUE(findParameter("request.io").has_value()) << "tours set request.io";
    EXPECT_FALSE(findParameter("request.io")->inFile);
}

// Tours (scenarios/tours/*.toml) move sliders by registry key: `set = { "load.rate" = 2500 }`.
TEST(Parameters, EveryKeyATourSetsIsAParameter)
{
    const std::filesystem::path dir = std::filesystem::path(CONVIZ_PRESETS_DIR) / "tours";
    const std::regex setLine(R"(^set\s*=\s*\{(.*)\})");
    const std::regex quotedKey(R"re("([^"]+)"\s*=)re");
    int keys = 0;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec)) {
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);) {
            std::smatch set;
            if (!std::regex_search(line, set, setLine))
                continue;
            const std::string body = set[1];
            const auto first = std::sregex_iterator(body.begin(), body.end(), quotedKey);
            for (auto it = first; it != std::sregex_iterator(); ++it) {
                ++keys;
                EXPECT_TRUE(findParameter((*it)[1].str())) << entry.path().filename() << ": " << (*it)[1];
            }
        }
    }
    EXPECT_GT(keys, 0) << "no tour sets anything in " << dir;
}
