// Collects diagnostics while a document is read and maps toml++ source regions back to where the
// text came from: the scenario file, or one of the --set overrides. Internal to conviz_scenario.
#pragma once

#include "engine/scenario/scenario_file.h"

#include <toml++/toml.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace conviz::scenario::detail {

// The file name every --set diagnostic carries.
inline constexpr std::string_view kOverrideFile = "<--set>";
// Past this many errors the rest are dropped (and readers stop looking): a hostile file with a
// hundred thousand bad steps gets a short report, quickly.
inline constexpr std::size_t kMaxDiagnostics = 100;

class Diagnostics {
public:
    explicit Diagnostics(std::string fileName);

    // Registers the next --set (index = number registered so far). `equalsIndex` is where its '='
    // is, so that positions inside the parsed value map back to columns of the original text.
    std::size_t addOverride(std::string text, std::size_t equalsIndex);

    // Source paths for nodes parsed from, or keys created for, --set number `index`.
    static std::string overrideValuePath(std::size_t index);
    static std::string overrideKeyPath(std::size_t index);

    // An error at a node's or key's source region (line 0 when it has none: a missing key).
    void error(const toml::source_region &where, std::string message);
    // An error at a column of --set number `index` (1-based column).
    void overrideError(std::size_t index, std::size_t column, std::string message);
    // An error about the whole document.
    void error(std::string message);

    // Errors reported so far, including dropped ones.
    std::size_t count() const { return m_reported; }
    // True once kMaxDiagnostics errors were reported: loops over user data should stop, and the
    // report will say that it stopped.
    bool full()
    {
        m_stopped = m_stopped || m_reported >= kMaxDiagnostics;
        return m_stopped;
    }

    // Where a region sorts among others: file positions in order, then --set overrides in order.
    std::tuple<int, std::uint32_t, std::uint32_t> orderOf(const toml::source_region &where) const;

    // Every diagnostic, in file order: positioned ones by line and column, then the ones without a
    // position, then the overrides in the order given.
    std::vector<Diagnostic> take();

private:
    struct Override {
        std::string text;
        std::size_t equalsIndex;
    };
    struct Entry {
        std::tuple<int, std::uint32_t, std::uint32_t> order;
        Diagnostic diagnostic;
    };
    void overrideDiagnostic(std::size_t index, std::uint32_t column, std::string message);
    void add(std::tuple<int, std::uint32_t, std::uint32_t> order, Diagnostic diagnostic);

    std::string m_fileName;
    std::vector<Override> m_overrides;
    std::vector<Entry> m_entries;
    std::size_t m_reported = 0;
    bool m_stopped = false;
};

} // namespace conviz::scenario::detail
