// The exports fed from fuzzed scenarios: text that loads as a scenario is shrunk to a few requests
// (fuzz_support.h), run under every model with a trace, and written as a Chrome trace (checked to
// be valid JSON in UTF-8, the same bytes twice) and as a small GIF whose frames are drawn from the
// trace's CPU spans (checked to start as a GIF89a and end with the trailer).
#include "fuzz_support.h"

#include "engine/export/chrome_trace.h"
#include "engine/export/gif_writer.h"
#include "engine/scenario/scenario_file.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

using namespace conviz;
namespace fs = std::filesystem;

namespace {

std::string chromeTrace(const Scenario &s, std::span<const exports::ChromeTraceModel> models)
{
    exports::ChromeTraceOptions options;
    options.threadTracks = (s.seed & 1u) == 0;
    options.waits = (s.seed & 2u) == 0;
    options.counters = (s.seed & 4u) == 0;
    options.narration = (s.seed & 8u) == 0;
    options.metadata = {{"scenario", s.name}, {"description", s.description}};
    for (const Pool &p : s.pools)
        options.poolNames.push_back(p.name);
    exports::StringSink sink;
    fuzz::check(exports::writeChromeTrace(sink, models, options), "an uncancelled trace export completes");
    return sink.text();
}

// Frames of width × height: a column per instant of the run, a band of rows per core, coloured by
// what the core was doing (span kind) and translucent by model, so the palette mapping, the
// compositing over white and the changed-rectangle encoding all see varied input.
std::vector<std::vector<std::uint8_t>> framesOf(std::span<const Trace> traces, int width, int height, int frames)
{
    Nanos end{1};
    for (const Trace &t : traces)
        for (const Span &s : t.spans)
            end = std::max(end, s.end);
    std::vector<std::vector<std::uint8_t>> out;
    const auto w = static_cast<std::size_t>(width);
    for (int f = 0; f < frames; ++f) {
        std::vector<std::uint8_t> rgba(w * static_cast<std::size_t>(height) * 4, 255);
        const Nanos upTo = end * (f + 1) / frames;
        for (std::size_t m = 0; m < traces.size(); ++m)
            for (const Span &s : traces[m].spans) {
                if (s.start > upTo)
                    continue;
                const auto x =
                    static_cast<std::size_t>(s.start.count() * (width - 1) / std::max<std::int64_t>(end.count(), 1));
                const auto y = static_cast<std::size_t>((s.core * 3 + m) % static_cast<std::size_t>(height));
                const std::uint32_t c = exports::kOkabeIto[(static_cast<std::size_t>(s.kind) + m) % 8];
                std::uint8_t *px = &rgba[(y * w + std::min(x, w - 1)) * 4];
                px[0] = static_cast<std::uint8_t>(c >> 16);
                px[1] = static_cast<std::uint8_t>(c >> 8);
                px[2] = static_cast<std::uint8_t>(c);
                px[3] = static_cast<std::uint8_t>(255 - 60 * m);
            }
        out.push_back(std::move(rgba));
    }
    return out;
}

const fs::path &gifPath()
{
    static const fs::path path = [] {
        const fs::path dir = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        return dir / ("conviz-fuzz-" + std::to_string(getpid()) + ".gif");
    }();
    return path;
}

void checkGif(const Scenario &s, std::span<const Trace> traces)
{
    const int width = 1 + static_cast<int>(s.seed % 48);
    const int height = 1 + static_cast<int>((s.seed / 48) % 24);
    const int frames = 1 + static_cast<int>((s.seed / 1152) % 4);
    const auto pictures = framesOf(traces, width, height, frames);
    {
        exports::GifWriter gif(gifPath(), width, height, 1 + static_cast<int>(s.seed % 100),
                               {.overwrite = exports::Overwrite::Replace, .loops = static_cast<int>(s.seed % 3)});
        for (const auto &p : pictures)
            fuzz::check(gif.addFrame(p), "a frame of the right size is added");
        if (auto error = gif.finish())
            fuzz::fail("the GIF could not be written: " + error->message);
    }
    std::ifstream in(gifPath(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    fuzz::check(bytes.starts_with("GIF89a"), "a GIF starts with its signature");
    fuzz::check(bytes.ends_with(";"), "a GIF ends with its trailer");
    fs::remove(gifPath());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    scenario::LoadResult r = scenario::loadString(fuzz::text(data, size), "fuzz.toml");
    if (!r.ok() || !fuzz::shrinkForRun(*r.scenario))
        return 0;
    const Scenario &s = *r.scenario;
    std::vector<Trace> traces;
    std::vector<exports::ChromeTraceModel> models;
    for (ModelKind m : kAllModels)
        traces.push_back(fuzz::boundedTrace(s, m));
    for (std::size_t i = 0; i < traces.size(); ++i)
        models.push_back({kAllModels[i], &traces[i], s.machine.cores});

    const std::string json = chromeTrace(s, models);
    fuzz::check(fuzz::isValidJson(json), "the Chrome trace is valid JSON");
    fuzz::check(chromeTrace(s, models) == json, "the same traces give the same bytes");
    checkGif(s, traces);
    return 0;
}
