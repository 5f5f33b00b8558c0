// Test parameters shared by the parameterised engine suites: a model and a core count.
#pragma once

#include "engine/model_kind.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <string>
#include <tuple>

namespace conviz {

// Lets GoogleTest print a model by its key in test names and messages instead of as a byte.
inline void PrintTo(ModelKind m, std::ostream *os) { *os << modelKey(m); }

} // namespace conviz

namespace conviz::test {

inline constexpr int kCoreCounts[] = {1, 2, 4, 8, 64};

using ModelAndCores = std::tuple<ModelKind, int>;

// "Fibers_8Cores", "EventLoop_1Cores": readable names for the generated tests.
inline std::string modelName(ModelKind m)
{
    switch (m) {
    case ModelKind::Fibers: return "Fibers";
    case ModelKind::EventLoop: return "EventLoop";
    case ModelKind::Threads: return "Threads";
    }
    return "Unknown";
}

inline std::string modelAndCoresName(const ::testing::TestParamInfo<ModelAndCores> &info)
{
    return modelName(std::get<0>(info.param)) + "_" + std::to_string(std::get<1>(info.param)) + "Cores";
}

inline auto everyModelOnEveryCoreCount()
{
    return ::testing::Combine(::testing::ValuesIn(kAllModels), ::testing::ValuesIn(kCoreCounts));
}

} // namespace conviz::test
