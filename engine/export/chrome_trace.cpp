#include "engine/export/chrome_trace.h"

#include "engine/core/contract.h"
#include "engine/export/chrome_trace_streams.h"

#include <fmt/format.h>

namespace conviz::exports {
namespace {

constexpr std::size_t kChunk = 1 << 16; // bytes handed to the sink at a time

} // namespace

bool writeChromeTrace(OutputSink &out, std::span<const ChromeTraceModel> models, const ChromeTraceOptions &options)
{
    // Contexts first, all of them: the streams keep references into this vector.
    std::vector<detail::ModelContext> contexts;
    contexts.reserve(models.size());
    for (const ChromeTraceModel &m : models) {
        CONVIZ_ASSERT(m.trace != nullptr, "a Chrome trace needs a Trace per model");
        for (const auto &c : contexts)
            CONVIZ_ASSERT(c.model != m.model, "each model appears once in a Chrome trace (it is one process)");
        contexts.push_back(detail::describe(m, options.poolNames));
    }
    std::vector<std::unique_ptr<detail::EventStream>> streams;
    for (const auto &ctx : contexts) {
        streams.push_back(detail::spanStream(ctx, options.threadTracks));
        if (options.waits)
            streams.push_back(detail::waitStream(ctx));
        if (options.counters)
            streams.push_back(detail::counterStream(ctx));
        if (options.narration)
            streams.push_back(detail::narrationStream(ctx));
    }
    std::size_t total = 0;
    for (const auto &s : streams)
        total += s->total();

    std::string text = "{\"traceEvents\":[";
    bool first = true;
    const auto next = [&] {
        text += first ? "\n" : ",\n";
        first = false;
        if (text.size() >= kChunk) {
            out.write(text);
            text.clear();
        }
    };

    std::vector<std::string> metadata;
    for (const auto &ctx : contexts)
        detail::appendMetadataEvents(metadata, ctx, options.threadTracks);
    for (const std::string &e : metadata) {
        next();
        text += e;
    }

    // Every event in time order, across models and streams, so that readers which sort (Perfetto
    // does, by time alone) never need to reorder: an end and the next begin at one instant stay in
    // the order written. Ties go to the earlier stream.
    std::size_t emitted = 0;
    int reported = -1;
    for (;;) {
        detail::EventStream *best = nullptr;
        for (const auto &s : streams)
            if (!s->done() && (best == nullptr || s->time() < best->time()))
                best = s.get();
        if (best == nullptr)
            break;
        next();
        best->emit(text);
        if ((++emitted & 1023) == 0) {
            if (options.cancel && options.cancel->load(std::memory_order_relaxed))
                return false;
            const int percent = static_cast<int>(emitted * 100 / std::max<std::size_t>(total, 1));
            if (options.progress && percent > reported && percent < 100) {
                reported = percent;
                options.progress(static_cast<double>(percent) / 100.0);
            }
        }
    }

    text += "\n],\n\"displayTimeUnit\":\"ns\",\n\"metadata\":{";
    bool firstField = true;
    const auto field = [&](std::string_view key, std::string_view value) {
        text += firstField ? "\n" : ",\n";
        firstField = false;
        detail::appendJsonString(text, key);
        text += ':';
        detail::appendJsonString(text, value);
    };
    for (const auto &[key, value] : options.metadata)
        field(key, value);
    for (const auto &ctx : contexts) {
        if (!ctx.trace->truncated())
            continue;
        std::string at;
        detail::appendMicros(at, ctx.trace->truncatedAt);
        field(fmt::format("truncated_{}_at_us", modelKey(ctx.model)), at);
    }
    text += firstField ? "}}\n" : "\n}}\n";
    out.write(text);
    if (options.progress)
        options.progress(1.0);
    return true;
}

std::optional<ExportError> exportChromeTrace(const std::filesystem::path &path, Overwrite overwrite,
                                             std::span<const ChromeTraceModel> models,
                                             const ChromeTraceOptions &options)
{
    AtomicFile file;
    if (auto error = file.open(path, overwrite))
        return error;
    if (!writeChromeTrace(file, models, options)) {
        file.abort();
        return ExportError{ExportError::Kind::Cancelled, fmt::format("the export of {} was cancelled", path.string())};
    }
    return file.commit();
}

} // namespace conviz::exports
