// `conviz-cli export --chart NAME` and `--gif`: figures drawn by the app's own code (gui/charts,
// gui/widgets) on Qt's offscreen platform, so no display is needed. Qt starts here and only here:
// this file is the conviz_cli_figures library, and the other commands never construct Qt.
#include "cli/commands.h"

#include "cli/scenario_input.h"
#include "engine/scenario/units.h"
#include "engine/simulate.h"
#include "gui/charts/figure_renderer.h"
#include "gui/core/figure_charts.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/sweep.h"
#include "gui/export/columns_figure.h"
#include "gui/export/gif_export.h"

#include <QApplication>

#include <cstdio>
#include <memory>

#include <unistd.h>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

using gui::FigureKind;

// The offscreen platform's notes about what it cannot do, and Qt's about a missing runtime
// directory, say nothing about the figure: keep stderr for what matters.
void filterQtMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg || message.contains(QStringLiteral("propagateSizeHints")) ||
        message.contains(QStringLiteral("XDG_RUNTIME_DIR")))
        return;
    fmt::print(stderr, "conviz-cli: Qt: {}\n", message.toStdString());
}

// Qt with no display: the offscreen platform, whatever the environment says, so that a figure
// is the same on a desktop, over ssh and in CI.
std::unique_ptr<QApplication> startQt()
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(filterQtMessages);
    static int argc = 1;
    static char name[] = "conviz-cli";
    static char *argv[] = {name, nullptr};
    return std::make_unique<QApplication>(argc, argv);
}

std::function<void(double)> progressLine(const char *what)
{
    if (!isatty(fileno(stderr)))
        return {};
    return [what](double f) { fmt::print(stderr, "\r{} {:3.0f}% ", what, f * 100); };
}

void endProgressLine()
{
    if (isatty(fileno(stderr)))
        fmt::print(stderr, "\r{:30}\r", "");
}

Nanos durationOf(const std::string &text) { return Nanos{static_cast<std::int64_t>(*scenario::detail::parseDuration(text).value)}; }

// The sweep the sweep charts plot: --param/--from/--to or the scenario's [sweep] (the same points
// as `export --csv`), else the app's default sweep of the load.
std::optional<gui::SweepSnapshot> sweepFor(const Options &o, const Scenario &base)
{
    const auto progress = progressLine("sweeping");
    if (!base.sweep.param.empty() || sweepArgs(o).any()) {
        const auto plan = planSweep(o);
        if (!plan)
            return std::nullopt;
        RunControl control;
        control.progress = progress;
        const auto results = simulateSweep(plan->points, kAllModels, control, o.threads);
        endProgressLine();
        return gui::labelledSweep(base, QString::fromStdString(plan->param), plan->values, results);
    }
    const gui::SweepRun run = gui::runSweep(base, gui::defaultSweep(base), nullptr, progress);
    endProgressLine();
    if (!run.snapshot) {
        fmt::print(stderr, "conviz-cli: {}\n", run.error.toStdString());
        return std::nullopt;
    }
    return *run.snapshot;
}

std::shared_ptr<const gui::RunSnapshot> runWithTraces(const Scenario &s)
{
    auto snapshot = gui::buildRunSnapshot(s, 1);
    if (snapshot->truncated)
        fmt::print(stderr, "conviz-cli: warning: a model's trace was cut at the recorder's limit; "
                           "fewer requests (--set load.requests=...) keep all of it\n");
    return snapshot;
}

gui::FigureSpec figureSpec(const Options &o)
{
    gui::FigureSpec spec;
    spec.format = o.format == "svg" ? gui::FigureFormat::Svg : o.format == "pdf" ? gui::FigureFormat::Pdf : gui::FigureFormat::Png;
    if (o.size)
        spec.size = QSize(o.size->width, o.size->height);
    spec.scale = o.scale;
    spec.transparent = o.transparent;
    return spec;
}

// The figure's bytes, or nothing (the reason already on stderr).
std::optional<QByteArray> renderFigure(const Options &o, const Scenario &s, FigureKind kind)
{
    const gui::FigureSpec spec = figureSpec(o);
    if (kind == FigureKind::SideBySide) {
        const auto snapshot = runWithTraces(s);
        const Nanos at = o.at ? std::min(durationOf(*o.at), snapshot->end) : snapshot->busiest;
        return gui::renderSideBySide(snapshot, at, spec);
    }
    std::optional<gui::ChartData> chart;
    if (gui::figureNeedsSweep(kind)) {
        const auto sweep = sweepFor(o, s);
        if (!sweep)
            return std::nullopt;
        chart = gui::figureChart(kind, nullptr, &*sweep, s);
    } else if (kind == FigureKind::Cost) {
        std::vector<ModelMetrics> metrics;
        for (const ModelResult &r : simulateAll(s, kAllModels, {}, o.threads))
            metrics.push_back(r.metrics);
        chart = gui::costFigure(s, estimateCosts(s, metrics));
    } else {
        chart = gui::figureChart(kind, runWithTraces(s).get(), nullptr, s);
    }
    return gui::renderChartFigure(*chart, spec);
}

int exportChart(const Options &o)
{
    const auto kind = gui::figureFromName(QString::fromStdString(o.chart));
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s || !kind)
        return kExitBadInput;
    exports::AtomicFile file;
    if (auto code = openExportOutput(file, o))
        return *code;
    const auto app = startQt();
    const auto bytes = renderFigure(o, *s, *kind);
    if (!bytes)
        return kExitBadInput;
    file.write(std::string_view(bytes->constData(), static_cast<std::size_t>(bytes->size())));
    return commitExportOutput(file, o, false);
}

int exportGif(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    {
        // Fail on a bad --out before simulating; the GIF writer opens it again.
        exports::AtomicFile probe;
        if (auto code = openExportOutput(probe, o))
            return *code;
        probe.abort();
    }
    const auto app = startQt();
    const auto snapshot = runWithTraces(*s);
    gui::GifSpec spec;
    if (o.size)
        spec.size = QSize(o.size->width, o.size->height);
    spec.fps = o.fps.value_or(spec.fps);
    spec.seconds = o.seconds.value_or(spec.seconds);
    if (o.start)
        spec.start = durationOf(*o.start);
    if (o.end)
        spec.end = durationOf(*o.end);
    if (o.start && spec.start >= snapshot->end) {
        fmt::print(stderr, "conviz-cli: --start {} is after the run's end ({:.3f} ms)\n", *o.start, snapshot->end.toMillis());
        return kExitBadInput;
    }
    gui::GifExport gif(snapshot, QString::fromStdString(o.out), spec,
                       o.force ? exports::Overwrite::Replace : exports::Overwrite::Refuse);
    const bool tty = isatty(fileno(stderr));
    while (gif.renderNext())
        if (tty)
            fmt::print(stderr, "\rframe {} of {} ", gif.framesDone(), gif.frameCount());
    endProgressLine();
    if (auto error = gif.finish())
        return reportExportError(*error);
    fmt::print("wrote {} ({} frames)\n", o.out, gif.frameCount());
    return kExitOk;
}

} // namespace

int cmdExportFigure(const Options &o)
{
    return o.exportKind == ExportKind::Gif ? exportGif(o) : exportChart(o);
}

} // namespace conviz::cli
