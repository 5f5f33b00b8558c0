#include "cli/export_options.h"

#include "engine/scenario/duration_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

constexpr std::array<std::string_view, 14> kExportOptions{
    "--out",   "--force",       "--trace", "--gif", "--chart", "--format",  "--size",
    "--scale", "--transparent", "--start", "--end", "--fps",   "--seconds", "--at"};
constexpr std::array<std::string_view, 7> kCharts{"throughput", "latency", "memory",      "timeline",
                                                  "queue",      "cost",    "side-by-side"};
constexpr std::array<std::string_view, 3> kFormats{"png", "svg", "pdf"};
constexpr int kMaxPixels = 10000;

template <std::size_t N>
bool contains(const std::array<std::string_view, N> &list, std::string_view s)
{
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::optional<int> wholeNumber(std::string_view text, int min, int max)
{
    int n = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || ptr != text.data() + text.size() || n < min || n > max)
        return std::nullopt;
    return n;
}

std::string durationError(std::string_view option, std::string_view text)
{
    const auto q = scenario::parseDurationText(text);
    if (!q.value)
        return fmt::format("{} {}: {}", option, text, q.error);
    if (q.value->count() < 0)
        return fmt::format("{} {}: a time in the run cannot be negative", option, text);
    return {};
}

// What --csv, --json, --trace, --gif and --chart each ask for.
std::optional<ExportKind> kindOf(std::string_view option)
{
    if (option == "--csv")
        return ExportKind::Csv;
    if (option == "--json")
        return ExportKind::Json;
    if (option == "--trace")
        return ExportKind::Trace;
    if (option == "--gif")
        return ExportKind::Gif;
    if (option == "--chart")
        return ExportKind::Chart;
    return std::nullopt;
}

std::string formatFromExtension(const std::string &path)
{
    const auto dot = path.rfind('.');
    if (dot == std::string::npos || path.find('/', dot) != std::string::npos)
        return {};
    std::string ext = path.substr(dot + 1);
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return contains(kFormats, ext) ? ext : std::string();
}

} // namespace

bool isExportOption(std::string_view arg) { return contains(kExportOptions, arg); }

bool exportOptionTakesValue(std::string_view arg)
{
    return arg != "--force" && arg != "--trace" && arg != "--gif" && arg != "--transparent";
}

std::string readExportOption(Options &o, std::string_view arg, std::string_view value)
{
    if (arg == "--out") {
        if (value.empty())
            return "--out needs a path";
        o.out = std::string(value);
    } else if (arg == "--force") {
        o.force = true;
    } else if (arg == "--chart") {
        if (!contains(kCharts, value))
            return fmt::format(
                "unknown chart `{}`; expected throughput, latency, memory, timeline, queue, cost or side-by-side",
                value);
        o.chart = std::string(value);
    } else if (arg == "--format") {
        if (!contains(kFormats, value))
            return fmt::format("unknown format `{}`; expected png, svg or pdf", value);
        o.format = std::string(value);
    } else if (arg == "--size") {
        const auto x = value.find('x');
        const auto w = x == std::string_view::npos ? std::nullopt : wholeNumber(value.substr(0, x), 16, kMaxPixels);
        const auto h = x == std::string_view::npos ? std::nullopt : wholeNumber(value.substr(x + 1), 16, kMaxPixels);
        if (!w || !h)
            return fmt::format("--size needs WIDTHxHEIGHT in pixels, each from 16 to {}, got `{}`", kMaxPixels, value);
        o.size = Size{*w, *h};
    } else if (arg == "--scale") {
        const auto s = wholeNumber(value, 1, 3);
        if (!s)
            return fmt::format("--scale needs 1, 2 or 3, got `{}`", value);
        o.scale = *s;
    } else if (arg == "--transparent") {
        o.transparent = true;
    } else if (arg == "--start" || arg == "--end" || arg == "--at") {
        if (auto error = durationError(arg, value); !error.empty())
            return error;
        (arg == "--start" ? o.start : arg == "--end" ? o.end : o.at) = std::string(value);
    } else if (arg == "--fps") {
        const auto f = wholeNumber(value, 1, 50);
        if (!f)
            return fmt::format("--fps needs a whole number from 1 to 50, got `{}`", value);
        o.fps = *f;
    } else if (arg == "--seconds") {
        const auto n = wholeNumber(value, 1, 60);
        if (!n)
            return fmt::format("--seconds needs a whole number from 1 to 60, got `{}`", value);
        o.seconds = *n;
    }
    return {};
}

std::string checkExportOptions(Options &o, std::span<const std::string_view> seen)
{
    std::vector<std::string_view> kinds;
    for (std::string_view s : seen)
        if (kindOf(s) && std::find(kinds.begin(), kinds.end(), s) == kinds.end())
            kinds.push_back(s);
    if (kinds.empty())
        return "`export` needs one of --csv, --json, --trace, --gif or --chart NAME";
    if (kinds.size() > 1)
        return fmt::format("`export` writes one thing at a time, but got {} and {}", kinds[0], kinds[1]);
    o.exportKind = *kindOf(kinds.front());
    const ExportKind k = o.exportKind;

    for (std::string_view s : seen) {
        if ((s == "--format" || s == "--scale" || s == "--transparent") && k != ExportKind::Chart)
            return fmt::format("{} goes with --chart", s);
        if ((s == "--start" || s == "--end" || s == "--fps" || s == "--seconds") && k != ExportKind::Gif)
            return fmt::format("{} goes with --gif", s);
        if (s == "--at" && (k != ExportKind::Chart || o.chart != "side-by-side"))
            return "--at goes with --chart side-by-side";
        if (s == "--model" && (k == ExportKind::Chart || k == ExportKind::Gif))
            return "charts and GIFs always show the three models; --model goes with --csv, --json or --trace";
        if ((s == "--param" || s == "--from" || s == "--to" || s == "--steps" || s == "--log" || s == "--linear") &&
            k == ExportKind::Chart && o.chart != "throughput" && o.chart != "latency" && o.chart != "memory")
            return fmt::format("{} goes with the sweep charts (throughput, latency, memory)", s);
        if (s == "--size" && k != ExportKind::Chart && k != ExportKind::Gif)
            return "--size goes with --chart or --gif";
        if ((s == "--param" || s == "--from" || s == "--to" || s == "--steps" || s == "--log" || s == "--linear") &&
            k != ExportKind::Csv && k != ExportKind::Chart)
            return fmt::format("{} goes with --csv or --chart: it sets up a sweep", s);
    }
    if (o.out.empty())
        return "`export` needs --out PATH";
    if (k == ExportKind::Chart) {
        if (o.format.empty())
            o.format = formatFromExtension(o.out);
        if (o.format.empty())
            return "--chart needs --format png, svg or pdf (or an --out ending in .png, .svg or .pdf)";
        if (o.transparent && o.format == "pdf")
            return "--transparent needs --format png or svg";
    }
    if (k == ExportKind::Gif && o.start && o.end &&
        *scenario::parseDurationText(*o.end).value <= *scenario::parseDurationText(*o.start).value)
        return fmt::format("--end {} must come after --start {}", *o.end, *o.start);
    return {};
}

} // namespace conviz::cli
