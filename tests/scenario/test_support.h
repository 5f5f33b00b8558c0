// Helpers shared by the scenario tests.
#pragma once

#include "engine/scenario/scenario_file.h"
#include "engine/scenario/tour_file.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace conviz::scenario::test {

// The smallest valid scenario body: a request with one CPU step.
inline constexpr std::string_view kMinimalRequest = "[request]\nsteps = [ { cpu = \"1ms\" } ]\n";

inline LoadResult load(std::string_view text, const std::vector<std::string> &overrides = {})
{
    return loadString(text, "test.toml", overrides);
}

// Every diagnostic of a scenario's or a tour's load, formatted, one per line: what a failing
// expectation prints.
template <class Result>
std::string formatted(const Result &r)
{
    std::string out;
    for (const Diagnostic &d : r.errors)
        out += d.format() + "\n";
    return out;
}

// Loads `text` and expects it to be valid.
inline Scenario loadValid(std::string_view text, const std::vector<std::string> &overrides = {})
{
    LoadResult r = load(text, overrides);
    EXPECT_TRUE(r.ok()) << formatted(r);
    return r.scenario.value_or(Scenario{});
}

// One row of a table-driven error test.
struct ErrorCase {
    const char *name; // the test's name: what is wrong
    const char *text; // the file; a minimal [request] is appended when it has none
    int line;
    int column;
    const char *expected; // a part of the message
};

inline std::ostream &operator<<(std::ostream &os, const ErrorCase &c) { return os << c.name; }

class ScenarioError : public ::testing::TestWithParam<ErrorCase> {};

// Loads the case and checks its single diagnostic.
inline void expectSingleError(const ErrorCase &c)
{
    std::string text = c.text;
    if (text.find("[request]") == std::string::npos && text.find("request =") == std::string::npos)
        text += kMinimalRequest;
    const LoadResult r = load(text);
    ASSERT_FALSE(r.ok()) << "accepted:\n" << text;
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    const Diagnostic &d = r.errors.front();
    EXPECT_EQ(d.file, "test.toml");
    EXPECT_EQ(d.line, c.line) << d.format();
    EXPECT_EQ(d.column, c.column) << d.format();
    EXPECT_NE(d.message.find(c.expected), std::string::npos) << d.format() << "\nexpected to contain: " << c.expected;
}

inline std::string caseName(const ::testing::TestParamInfo<ErrorCase> &info) { return info.param.name; }

// A tour file's text that must fail with one diagnostic, in "t.toml", at `line`:`column`, whose
// message contains `expected`.
inline void expectSingleTourError(const std::string &text, int line, int column, const std::string &expected)
{
    const TourLoadResult r = loadTourString(text, "t.toml");
    ASSERT_FALSE(r.ok()) << "accepted:\n" << text;
    ASSERT_EQ(r.errors.size(), 1u) << formatted(r);
    const Diagnostic &d = r.errors.front();
    EXPECT_EQ(d.file, "t.toml");
    EXPECT_EQ(d.line, line) << d.format();
    EXPECT_EQ(d.column, column) << d.format();
    EXPECT_NE(d.message.find(expected), std::string::npos) << d.format();
}

} // namespace conviz::scenario::test
