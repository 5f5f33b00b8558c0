#include "engine/scenario/scenario_file.h"

#include "engine/core/atomic_file.h"
#include "engine/scenario/diagnostics.h"
#include "engine/scenario/document.h"
#include "engine/scenario/schema.h"
#include "engine/scenario/units.h"
#include "engine/scenario/validator.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <fstream>
#include <system_error>

namespace conviz::scenario {
namespace {

LoadResult failure(std::string_view file, std::string message)
{
    LoadResult r;
    r.errors.push_back(Diagnostic{std::string(file), 0, 0, std::move(message)});
    return r;
}

std::string errnoText(int error) { return std::error_code(error, std::generic_category()).message(); }

} // namespace

std::string Diagnostic::format() const
{
    if (line <= 0)
        return fmt::format("{}: error: {}", file, message);
    if (column <= 0)
        return fmt::format("{}:{}: error: {}", file, line, message);
    return fmt::format("{}:{}:{}: error: {}", file, line, column, message);
}

LoadResult loadString(std::string_view text, std::string_view sourceName, std::span<const std::string> overrides)
{
    try {
        detail::Diagnostics diags{std::string(sourceName)};
        std::optional<toml::table> root = detail::parseDocument(text, sourceName, diags);
        if (!root)
            return LoadResult{std::nullopt, diags.take()};
        detail::applyOverrides(*root, overrides, diags);
        Scenario scenario = detail::readScenario(*root, diags);
        if (diags.count() > 0)
            return LoadResult{std::nullopt, diags.take()};
        return LoadResult{std::move(scenario), {}};
    } catch (const std::exception &e) {
        return failure(sourceName, fmt::format("internal error while reading the scenario: {}", e.what()));
    } catch (...) {
        return failure(sourceName, "internal error while reading the scenario");
    }
}

LoadResult loadFile(const std::filesystem::path &path, std::span<const std::string> overrides)
{
    std::string name;
    try {
        name = path.string();
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
            return failure(name, "cannot read the scenario: this is a directory, not a file");
        std::ifstream in(path, std::ios::binary);
        if (!in)
            return failure(name, fmt::format("cannot open the scenario file: {}", errnoText(errno)));
        // Read one byte past the limit so that parseDocument can say the file is too large
        // without this reading a huge file into memory.
        std::string text(detail::kMaxDocumentBytes + 1, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        if (in.bad())
            return failure(name, fmt::format("cannot read the scenario file: {}", errnoText(errno)));
        text.resize(static_cast<std::size_t>(in.gcount()));
        return loadString(text, name, overrides);
    } catch (const std::exception &e) {
        return failure(name, fmt::format("cannot read the scenario file: {}", e.what()));
    } catch (...) {
        return failure(name, "cannot read the scenario file");
    }
}

std::optional<std::string> saveFile(const Scenario &scenario, const std::filesystem::path &path)
{
    const auto fail = [](std::string_view reason) { return fmt::format("cannot save the scenario: {}", reason); };
    try {
        exports::AtomicFile file;
        if (auto error = file.open(path, exports::Overwrite::Replace))
            return fail(error->message);
        file.write(toToml(scenario));
        if (auto error = file.commit())
            return fail(error->message);
        return std::nullopt;
    } catch (const std::exception &e) {
        return fail(e.what());
    }
}

std::optional<std::string> sweepOverride(std::string_view param, double value)
{
    try {
        const std::size_t dot = param.find('.');
        if (dot == std::string_view::npos)
            return std::nullopt;
        const std::string_view table = param.substr(0, dot);
        const std::string_view key = param.substr(dot + 1);
        const detail::NumericKey *spec = detail::findNumericKey(table, key);
        const bool pool = table == "pools" && !key.empty();
        if (!spec && !pool)
            return std::nullopt;
        const detail::NumberKind kind = spec ? spec->kind : detail::NumberKind::Count;
        // A pool name that is not a bare key is quoted: pools."my db"=5.
        const std::string setKey = pool ? "pools." + detail::tomlKey(key) : std::string(param);
        // Rounding is only defined within range; anything else is written as the float it is, so
        // that loading reports it.
        const bool integral = std::isfinite(value) && std::fabs(value) < 9e18;
        if (kind == detail::NumberKind::Real || !integral)
            return fmt::format("{}={}", setKey, detail::formatReal(value));
        const long long rounded = std::llround(value);
        if (kind == detail::NumberKind::Duration)
            return fmt::format("{}={}ns", setKey, rounded);
        return fmt::format("{}={}", setKey, rounded);
    } catch (...) {
        return std::nullopt;
    }
}

} // namespace conviz::scenario
