// How conviz-cli prints results: a table for people, JSON and CSV for programs.
#pragma once

#include "engine/core/scenario.h"
#include "engine/metrics.h"
#include "report/json_writer.h"

#include <span>
#include <string>
#include <vector>

namespace conviz::report {

// "1.5 KiB", "8.0 MiB", "80.0 GiB".
std::string humanBytes(std::int64_t bytes);

// Whether any model stopped with requests unfinished (a cancelled or cut-short run): the exit code
// and the "incomplete" mark of every export follow it.
bool anyUnfinished(std::span<const ModelMetrics> models);

// What the collector cost, in a few words: "12 cycles, 24 pauses, 1.3 % of CPU", or why there is
// nothing to say ("not modelled (request alloc = 0)", "none (no collector)").
std::string gcCell(const GcSummary &gc);

// One line describing the machine and the load.
std::string scenarioSummary(const Scenario &s);

// The models side by side, one column each.
std::string renderTable(const Scenario &s, std::span<const ModelMetrics> models);
// Why a model measured no request ("every request arrived in the warm-up (its first 500 ms)"), or ""
// if it measured some.
std::string unmeasuredNote(const ModelMetrics &m);
// The models that measured no request, grouped by why, in the order the models come:
// {"Fibers (Go) and OS threads", "every request arrived in the warm-up (its first 500 ms)"}.
struct UnmeasuredGroup {
    std::string models;                 // their titles, "A, B and C"
    std::string why;                    // unmeasuredNote
    const ModelMetrics *first{nullptr}; // one of them, for a caller that words why itself (the app)
};
std::vector<UnmeasuredGroup> unmeasuredGroups(std::span<const ModelMetrics *const> models);
std::vector<UnmeasuredGroup> unmeasuredGroups(std::span<const ModelMetrics> models);

// A sweep: one line per point, throughput, p99 and peak committed memory for each model.
std::string renderSweepTable(const Scenario &s, std::string_view param, std::span<const double> values,
                             const std::vector<std::vector<ModelMetrics>> &results);

// {"name", "description", "seed", "cores", "load": {...}} — the scenario's identity, not every knob.
void writeScenarioJson(JsonWriter &json, const Scenario &s, std::string_view file);
// Every metric of one model, in the public shape (see README: `conviz-cli run --json`).
void writeMetricsJson(JsonWriter &json, const ModelMetrics &m);

// The column names of the tidy CSV: one row per (point, model, metric).
inline constexpr std::string_view kCsvHeader = "parameter,value,model,metric,unit,result";
// Appends the rows of one model at one sweep point. `value` is the point's value as text (empty for
// a single run, whose parameter is "none"); fields that need it are quoted.
void appendCsvRows(std::string &out, std::string_view parameter, std::string_view value, const ModelMetrics &m);
void appendCsvRows(std::string &out, std::string_view parameter, double value, const ModelMetrics &m);
// The whole tidy CSV of a sweep, header included: results[i][j] is point i under model j.
std::string renderSweepCsv(std::string_view parameter, std::span<const double> values,
                           const std::vector<std::vector<ModelMetrics>> &results);

} // namespace conviz::report
