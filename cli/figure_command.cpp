// `conviz-cli export --chart NAME` and `--gif`: a thin adapter from the command line's options to
// gui/export's one entry point (figure_export.h), which draws with the app's own code on Qt's
// offscreen platform, so no display is needed. Qt starts here and only here: the other commands
// never construct Qt. What the entry point reports back is printed here, in the CLI's words.
#include "cli/commands.h"

#include "cli/scenario_input.h"
#include "engine/scenario/duration_text.h"
#include "gui/export/figure_export.h"

#include <QApplication>

#include <atomic>
#include <cstdio>
#include <memory>

#include <unistd.h>

#include <fmt/format.h>

namespace conviz::cli {
namespace {

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

// Options already checked the text (export_options.cpp), so it reads.
Nanos durationOf(const std::string &text) { return *scenario::parseDurationText(text).value; }

void warnTraceCut(const gui::ExportOutcome &outcome)
{
    if (outcome.traceCut)
        fmt::print(stderr, "conviz-cli: warning: a model's trace was cut at the recorder's limit; "
                           "fewer requests (--set load.requests=...) keep all of it\n");
}

// The exit code of a problem, said on stderr as the commands say it.
int reportProblem(const gui::ExportProblem &problem, const Options &o)
{
    switch (problem.kind) {
    case gui::ExportProblem::Kind::Sweep:
        for (const std::string &d : problem.diagnostics)
            fmt::print(stderr, "{}\n", d);
        if (!problem.message.empty())
            fmt::print(stderr, "conviz-cli: {}\n", problem.message);
        return kExitBadInput;
    case gui::ExportProblem::Kind::StartAfterEnd:
        fmt::print(stderr, "conviz-cli: --start {} is after the run's end ({:.3f} ms)\n", o.start.value_or(""),
                   problem.runEnd.toMillis());
        return kExitBadInput;
    case gui::ExportProblem::Kind::File: break;
    }
    return reportExportError(problem.file);
}

int exportChart(const Options &o)
{
    const auto kind = gui::figureFromName(QString::fromStdString(o.chart));
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s || !kind)
        return kExitBadInput;
    gui::FigureExportRequest request;
    request.scenario = *s;
    request.kind = *kind;
    request.spec.format = o.format == "svg"   ? gui::FigureFormat::Svg
                          : o.format == "pdf" ? gui::FigureFormat::Pdf
                                              : gui::FigureFormat::Png;
    if (o.size)
        request.spec.size = QSize(o.size->width, o.size->height);
    request.spec.scale = o.scale;
    request.spec.transparent = o.transparent;
    if (o.at)
        request.at = durationOf(*o.at);
    // The same points as `export --csv`: each loaded from the file with its override, so that a bad
    // one is reported at its line.
    request.sweep = {sweepArgs(o), scenario::fileLoader(o.files.front(), o.overrides), o.files.front()};
    request.threads = o.threads;
    std::atomic<bool> sweeping = false; // progress comes from the sweep's worker threads
    if (auto line = progressLine("sweeping"))
        request.progress = [line, &sweeping](double f) {
            sweeping = true;
            line(f);
        };
    request.out = o.out;
    request.overwrite = o.force ? exports::Overwrite::Replace : exports::Overwrite::Refuse;

    const auto app = startQt();
    const gui::ExportOutcome outcome = gui::exportFigure(request);
    if (sweeping)
        endProgressLine();
    warnTraceCut(outcome);
    if (outcome.problem)
        return reportProblem(*outcome.problem, o);
    fmt::print("wrote {}\n", o.out);
    return kExitOk;
}

int exportGif(const Options &o)
{
    const auto s = loadScenario(o.files.front(), o.overrides);
    if (!s)
        return kExitBadInput;
    gui::GifExportRequest request;
    request.scenario = *s;
    if (o.size)
        request.spec.size = QSize(o.size->width, o.size->height);
    request.spec.fps = o.fps.value_or(request.spec.fps);
    request.spec.seconds = o.seconds.value_or(request.spec.seconds);
    if (o.start)
        request.spec.start = durationOf(*o.start);
    if (o.end)
        request.spec.end = durationOf(*o.end);
    request.startChosen = o.start.has_value();
    if (isatty(fileno(stderr)))
        request.frameDone = [](int done, int total) { fmt::print(stderr, "\rframe {} of {} ", done, total); };
    request.out = o.out;
    request.overwrite = o.force ? exports::Overwrite::Replace : exports::Overwrite::Refuse;

    const auto app = startQt();
    const gui::ExportOutcome outcome = gui::exportGif(request);
    warnTraceCut(outcome);
    if (outcome.frames > 0) // the frames were being drawn
        endProgressLine();
    if (outcome.problem)
        return reportProblem(*outcome.problem, o);
    fmt::print("wrote {} ({} frames)\n", o.out, outcome.frames);
    return kExitOk;
}

} // namespace

int cmdExportFigure(const Options &o) { return o.exportKind == ExportKind::Gif ? exportGif(o) : exportChart(o); }

} // namespace conviz::cli
