// conviz-cli's command line: a command word, a file list and options. Parsing never exits; errors
// come back as a sentence for stderr (exit code 2).
#pragma once

#include "engine/model_kind.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conviz::cli {

// What `export` writes (exactly one per call).
enum class ExportKind : std::uint8_t { None, Csv, Json, Trace, Gif, Chart };

struct Size {
    int width = 0;
    int height = 0;
};

struct Options {
    std::string command; // run | live | sweep | validate | explain | cost | export | help | version
    std::vector<std::string> files;
    std::vector<ModelKind> models;      // empty: all three
    std::vector<std::string> overrides; // --set key=value, in order
    bool json = false;
    bool csv = false;
    bool live = false; // run --live: the same as `live`
    // live: --runtime cpp,go,node,all (each once; empty: cpp): who runs the requests for real
    std::vector<std::string> runtimes;
    // sweep
    std::string param;
    std::optional<std::string> from; // text: may carry a unit ("10us", "16KiB")
    std::optional<std::string> to;
    std::optional<int> steps;
    std::optional<bool> log;
    unsigned threads = 0;
    // export
    ExportKind exportKind = ExportKind::None; // from --csv, --json, --trace, --gif or --chart
    std::string out;                          // --out PATH
    bool force = false;                       // --force: replace an existing --out
    std::string chart;                        // throughput | latency | memory | timeline | queue | cost | side-by-side
    std::string format;                       // png | svg | pdf (--format, or --out's extension)
    std::optional<Size> size;                 // --size WxH (charts, GIF)
    int scale = 1;                            // --scale 1|2|3 (PNG charts)
    bool transparent = false;                 // --transparent (PNG and SVG charts)
    std::optional<std::string> start;         // --start T: the GIF's first instant ("0ms"); text with a unit
    std::optional<std::string> end;           // --end T
    std::optional<int> fps;                   // --fps N (GIF)
    std::optional<int> seconds;               // --seconds N: how long the GIF plays
    std::optional<std::string> at;            // --at T: the instant of --chart side-by-side
};

struct ParseResult {
    Options options;
    std::string error; // empty when the command line is fine
};

ParseResult parseCommandLine(int argc, const char *const *argv);

// The usage text for `conviz-cli help`.
std::string usage();

} // namespace conviz::cli
