#include "gui/export/figure_export.h"

#include "engine/cost.h"
#include "engine/simulate.h"
#include "gui/charts/figure_renderer.h"
#include "gui/core/export_file.h"
#include "gui/core/figure_charts.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/sweep.h"
#include "gui/export/columns_figure.h"

#include <QString>

#include <algorithm>
#include <string_view>
#include <variant>

namespace conviz::gui {
namespace {

ExportProblem fileProblem(exports::ExportError error)
{
    ExportProblem p;
    p.file = std::move(error);
    return p;
}

ExportProblem sweepProblem(std::vector<std::string> diagnostics, std::string message)
{
    ExportProblem p;
    p.kind = ExportProblem::Kind::Sweep;
    p.diagnostics = std::move(diagnostics);
    p.message = std::move(message);
    return p;
}

// How a figure's sweep is planned and run.
std::variant<SweepSnapshot, ExportProblem> sweepFor(const FigureExportRequest &r)
{
    const Scenario &base = r.scenario;
    const scenario::ScenarioLoader load = r.sweep.load ? r.sweep.load : scenario::memoryLoader(base, r.sweep.source);
    // --param/--from/--to or the scenario's [sweep] (the points `export --csv` writes), else the
    // app's default sweep of the load: one plan either way, one key scheme.
    auto planned = !base.sweep.param.empty() || r.sweep.args.any()
                       ? report::planSweep(load, base, r.sweep.args, r.sweep.source)
                       : scenario::planSweep(base, scenario::defaultSweep(base), load);
    if (auto *error = std::get_if<scenario::SweepError>(&planned))
        return sweepProblem(std::move(error->diagnostics), std::move(error->message));
    const scenario::SweepPlan &plan = std::get<scenario::SweepPlan>(planned);
    RunControl control;
    control.progress = r.progress;
    return sweepSnapshot(plan, simulateSweep(plan.points, kAllModels, control, r.threads));
}

// Side-by-side and GIFs draw the traces; a run too long for the recorder is drawn as far as it went.
std::shared_ptr<const RunSnapshot> runWithTraces(const Scenario &s, ExportOutcome &outcome)
{
    auto snapshot = buildRunSnapshot(s, 1);
    outcome.traceCut = outcome.traceCut || snapshot->truncated;
    return snapshot;
}

// The figure's bytes, or why there are none.
std::variant<QByteArray, ExportProblem> draw(const FigureExportRequest &r, ExportOutcome &outcome)
{
    const Scenario &s = r.scenario;
    if (r.kind == FigureKind::SideBySide) {
        const auto snapshot = runWithTraces(s, outcome);
        const Nanos at = r.at ? std::min(*r.at, snapshot->end) : busiestInstant(*snapshot);
        return *renderFigure(r.kind, {s, snapshot, nullptr, at}, r.spec);
    }
    if (figureNeedsSweep(r.kind)) {
        auto sweep = sweepFor(r);
        if (auto *problem = std::get_if<ExportProblem>(&sweep))
            return std::move(*problem);
        return *renderFigure(r.kind, {s, nullptr, &std::get<SweepSnapshot>(sweep)}, r.spec);
    }
    if (r.kind == FigureKind::Cost) {
        // Metrics only: the bill needs no traces, so the runs are cheaper than the app's.
        std::vector<ModelMetrics> metrics;
        for (const ModelResult &m : simulateAll(s, kAllModels, {}, r.threads))
            metrics.push_back(m.metrics);
        return renderChartFigure(costFigure(s, estimateCosts(s, metrics)), r.spec);
    }
    return *renderFigure(r.kind, {s, runWithTraces(s, outcome)}, r.spec);
}

} // namespace

std::optional<DrawnFigure> drawFigure(FigureKind kind, const FigureInputs &in, const FigureSpec &spec)
{
    if (kind == FigureKind::SideBySide) {
        if (!in.run)
            return std::nullopt;
        return drawSideBySide(in.run, in.at, spec);
    }
    const auto chart = figureChart(kind, in.run.get(), in.sweep, in.scenario);
    if (!chart)
        return std::nullopt;
    return drawChartFigure(*chart, spec);
}

std::optional<QByteArray> renderFigure(FigureKind kind, const FigureInputs &in, const FigureSpec &spec)
{
    if (auto drawn = drawFigure(kind, in, spec))
        return drawn->encode();
    return std::nullopt;
}

ExportOutcome exportFigure(const FigureExportRequest &request)
{
    ExportOutcome outcome;
    exports::AtomicFile file;
    if (auto error = file.open(request.out, request.overwrite)) {
        outcome.problem = fileProblem(std::move(*error));
        return outcome;
    }
    auto bytes = draw(request, outcome);
    if (auto *problem = std::get_if<ExportProblem>(&bytes)) {
        outcome.problem = std::move(*problem);
        return outcome; // the file aborts as it goes out of scope
    }
    const QByteArray &b = std::get<QByteArray>(bytes);
    file.write(std::string_view(b.constData(), static_cast<std::size_t>(b.size())));
    if (auto error = file.commit())
        outcome.problem = fileProblem(std::move(*error));
    return outcome;
}

ExportOutcome exportGif(const GifExportRequest &request)
{
    ExportOutcome outcome;
    {
        // Fail on a bad path before simulating; the GIF writer opens it again.
        exports::AtomicFile probe;
        if (auto error = probe.open(request.out, request.overwrite)) {
            outcome.problem = fileProblem(std::move(*error));
            return outcome;
        }
        probe.abort();
    }
    const auto snapshot = runWithTraces(request.scenario, outcome);
    if (request.startChosen && request.spec.start >= snapshot->end) {
        ExportProblem p;
        p.kind = ExportProblem::Kind::StartAfterEnd;
        p.runEnd = snapshot->end;
        outcome.problem = std::move(p);
        return outcome;
    }
    GifExport gif(snapshot, QString::fromStdString(request.out.string()), request.spec, request.overwrite);
    outcome.frames = gif.frameCount();
    while (gif.renderNext())
        if (request.frameDone)
            request.frameDone(gif.framesDone(), gif.frameCount());
    if (auto error = gif.finish())
        outcome.problem = fileProblem(std::move(*error));
    return outcome;
}

} // namespace conviz::gui
