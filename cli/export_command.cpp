// `conviz-cli export`: one file per call, written atomically. CSV (a sweep, tidy), JSON (a run in
// full) and the Chrome trace are made by data_export.h; charts and GIFs by figure_command.h.
#include "cli/commands.h"

#include "cli/scenario_input.h"
#include "engine/core/atomic_file.h"
#include "report/data_export.h"

#include <cstdio>
#include <functional>
#include <string>

#include <unistd.h>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

using exports::AtomicFile;
using exports::ExportError;

} // namespace

int reportExportError(const ExportError &e)
{
    if (e.kind == ExportError::Kind::Exists) {
        fmt::print(stderr, "conviz-cli: {}; add --force to replace it\n", e.message);
        return kExitBadInput;
    }
    fmt::print(stderr, "conviz-cli: {}\n", e.message);
    return kExitFailed;
}

std::optional<int> openExportOutput(AtomicFile &file, const Options &o)
{
    if (auto error = file.open(o.out, o.force ? exports::Overwrite::Replace : exports::Overwrite::Refuse))
        return reportExportError(*error);
    return std::nullopt;
}

int commitExportOutput(AtomicFile &file, const Options &o, bool incomplete)
{
    if (auto error = file.commit())
        return reportExportError(*error);
    fmt::print("wrote {}\n", o.out);
    if (incomplete) {
        fmt::print(stderr, "conviz-cli: some requests did not finish; the export is of an incomplete run\n");
        return kExitFailed;
    }
    return kExitOk;
}

namespace {

// "NN% " on stderr while a long export runs, only when stderr is a terminal; the line is wiped
// when the export ends.
class TerminalProgress {
public:
    TerminalProgress(bool wanted, const char *label) : m_on(wanted && isatty(fileno(stderr))), m_label(label) {}
    ~TerminalProgress()
    {
        if (m_on)
            fmt::print(stderr, "\r{:{}}\r", "", m_label.size() + 5);
    }
    TerminalProgress(const TerminalProgress &) = delete;
    TerminalProgress &operator=(const TerminalProgress &) = delete;

    std::function<void(double)> callback() const
    {
        if (!m_on)
            return {};
        return [label = m_label](double f) { fmt::print(stderr, "\r{}{:3.0f}% ", label, f * 100); };
    }

private:
    bool m_on;
    std::string m_label;
};

// Opens the output, lets `write` fill it (returning whether the run was incomplete) and commits
// it: the steps every data export shares.
template <typename Write>
int writeExport(const Options &o, Write write)
{
    AtomicFile file;
    if (auto code = openExportOutput(file, o))
        return *code;
    const bool incomplete = write(file);
    return commitExportOutput(file, o, incomplete);
}

int exportCsv(const Options &o)
{
    const auto base = loadScenario(o.files.front(), o.overrides);
    if (!base)
        return kExitBadInput;
    std::optional<scenario::SweepPlan> plan;
    if (!base->sweep.param.empty() || sweepArgs(o).any()) {
        plan = planSweep(o);
        if (!plan)
            return kExitBadInput;
    }
    return writeExport(o, [&](AtomicFile &file) {
        const TerminalProgress progress(plan.has_value(), "");
        RunControl control;
        control.progress = progress.callback();
        const report::DataFile csv =
            report::tidyCsv(*base, plan ? &*plan : nullptr, selectedModels(o), control, o.threads);
        file.write(csv.bytes);
        return csv.incomplete;
    });
}

int exportJson(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    return writeExport(o, [&](AtomicFile &file) {
        const report::DataFile json = report::runJson(*s, o.files.front(), selectedModels(o), o.threads);
        file.write(json.bytes);
        return json.incomplete;
    });
}

int exportTrace(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    return writeExport(o, [&](AtomicFile &file) {
        const report::TraceFile trace = [&] {
            const TerminalProgress progress(true, "writing ");
            return report::writeTraceJson(file, *s, o.files.front(), selectedModels(o), o.threads, progress.callback());
        }();
        for (const std::string &w : trace.warnings)
            fmt::print(stderr, "conviz-cli: warning: {}\n", w);
        return trace.incomplete;
    });
}

} // namespace

int cmdExport(const Options &o)
{
    switch (o.exportKind) {
    case ExportKind::Csv: return exportCsv(o);
    case ExportKind::Json: return exportJson(o);
    case ExportKind::Trace: return exportTrace(o);
    case ExportKind::Chart:
    case ExportKind::Gif: return cmdExportFigure(o); // figure_command.cpp, where Qt starts
    case ExportKind::None: break;
    }
    fmt::print(stderr, "conviz-cli: `export` needs one of --csv, --json, --trace, --gif or --chart NAME\n");
    return kExitBadInput;
}

} // namespace conviz::cli
