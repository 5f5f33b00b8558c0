// The files that a save or an export into a full disk or a read-only folder must leave as they were
// (nothing_lost_test.cpp, which makes them in the read-only folder before it is read-only, and
// nothing_lost_inside.cpp, which makes them on the full disk and tries to replace them).
#pragma once

#include "engine/core/atomic_file.h"
#include "engine/scenario/scenario_file.h"
#include "test_scenarios.h"

#include <string>
#include <vector>

namespace conviz::gui::test {

// The scenario file the session saves over.
inline const char *oldScenarioName() { return "mine.toml"; }
// The earlier exports, one per kind, that the app and conviz-cli export over.
inline std::vector<std::string> oldExportNames() { return {"chart.png", "data.csv", "result.json", "trace.json"}; }
// What an earlier export holds (the test compares bytes; what they are does not matter).
inline std::string oldExportBytes(const std::string &name) { return "an earlier export, kept: " + name + "\n"; }

// A small scenario of two cores, a few requests: quick to run and sweep.
inline Scenario oldScenario()
{
    Scenario s = smallWebScenario(60);
    s.machine.cores = 2;
    return s;
}

// Writes one old file into `dir`; an error message, or "".
inline std::string writeOldFile(const std::string &dir, const std::string &name)
{
    const std::string path = dir + "/" + name;
    if (name == oldScenarioName())
        return scenario::saveFile(oldScenario(), path).value_or("");
    const auto error = exports::writeFileAtomically(path, oldExportBytes(name), exports::Overwrite::Replace);
    return error ? error->message : "";
}

} // namespace conviz::gui::test
