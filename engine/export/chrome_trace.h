// The timeline of model runs as a Chrome trace: the Trace Event Format's JSON object form
// ({"traceEvents": [...], "displayTimeUnit": "ns", "metadata": {...}}), which Perfetto
// (ui.perfetto.dev) and chrome://tracing open. One process per model; one track per core and,
// optionally, per OS thread, with a complete ("X") event for every CPU span; async ("b"/"e")
// events for every wait of every task; counters ("C") for queue lengths and memory; narration as
// instant events. Times are microseconds with nanosecond decimals. Events are written in time order
// and streamed, so a trace of millions of records needs no document in memory. The output is a
// function of the input only: byte-identical for the same traces. chrome_trace_names.h names things.
#pragma once

#include "engine/core/atomic_file.h"
#include "engine/model_kind.h"
#include "engine/recorder.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace conviz::exports {

struct ChromeTraceModel {
    ModelKind model = ModelKind::Fibers;
    const Trace *trace = nullptr; // not null
    int cores = 0;                // core lanes to name; 0: as many as the spans use
};

struct ChromeTraceOptions {
    bool threadTracks = true; // every span also on its OS thread's track (M3, loop, libuv 2, worker 45)
    bool waits = true;
    bool counters = true;
    bool narration = true;
    // Written into the "metadata" object, in order, as strings (scenario name, seed, generator...).
    std::vector<std::pair<std::string, std::string>> metadata;
    std::vector<std::string> poolNames; // connection pool names by index, for counter names
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(double fraction)> progress; // ≤ 100 calls, on the writing thread
};

// Writes the trace of `models` (each model at most once) to `out`. Returns false if cancelled, in
// which case what reached `out` is incomplete.
bool writeChromeTrace(OutputSink &out, std::span<const ChromeTraceModel> models,
                      const ChromeTraceOptions &options = {});

// Writes it atomically to `path` (atomic_file.h); a cancelled export leaves no file.
std::optional<ExportError> exportChromeTrace(const std::filesystem::path &path, Overwrite overwrite,
                                             std::span<const ChromeTraceModel> models,
                                             const ChromeTraceOptions &options = {});

} // namespace conviz::exports
