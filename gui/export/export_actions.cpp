#include "gui/export/export_actions.h"

#include "gui/core/export_file.h"
#include "gui/core/playback_state.h"
#include "gui/core/simulation_controller.h"
#include "gui/export/figure_export.h"
#include "report/data_export.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QSettings>
#include <QStandardPaths>
#include <QThreadPool>
#include <QTimer>

#include <atomic>

namespace conviz::gui {
namespace {

using exports::ExportError;
using exports::Overwrite;

QString filterFor(FigureFormat f)
{
    switch (f) {
    case FigureFormat::Png: return QStringLiteral("PNG image (*.png)");
    case FigureFormat::Svg: return QStringLiteral("SVG image (*.svg)");
    case FigureFormat::Pdf: return QStringLiteral("PDF document (*.pdf)");
    }
    return {};
}

ExportError invalid(const QString &path, const QString &why)
{
    return {ExportError::Kind::Invalid, QStringLiteral("cannot export %1: %2").arg(path, why).toStdString()};
}

ExportActions::Target withFormatExtension(ExportActions::Target t, FigureRequest &request)
{
    if (const auto f = formatFromPath(t.path)) {
        request.spec.format = *f;
        return t;
    }
    t.path += QLatin1Char('.') + formatExtension(request.spec.format);
    t.overwrite = Overwrite::Refuse; // a name the dialog did not ask about
    return t;
}

} // namespace

ExportActions::ExportActions(SimulationController &controller, PlaybackState &playback, QWidget *window)
    : QObject(window), m_controller(controller), m_playback(playback), m_window(window)
{
    m_prompts.savePath = [this](const QString &caption, const QString &suggested, const QString &filter) {
        return QFileDialog::getSaveFileName(m_window, caption, suggested, filter); // asks before overwriting
    };
    m_prompts.confirmReplace = [this](const QString &path) {
        return QMessageBox::question(m_window, QStringLiteral("Replace the file?"),
                                     QStringLiteral("%1 already exists. Replace it?").arg(path)) == QMessageBox::Yes;
    };
    m_prompts.showError = [this](const QString &title, const QString &message) {
        QMessageBox::warning(m_window, title, message);
    };
    m_prompts.figure = [this](const FigureRequest &initial) { return FigureDialog::ask(initial, m_window); };
    m_prompts.gif = [this](const GifSpec &initial, Nanos end) { return GifDialog::ask(initial, end, m_window); };
    m_lastGif.seconds = 4;
}

ExportActions::~ExportActions()
{
    if (m_dataCancel)
        *m_dataCancel = true;
}

void ExportActions::addMenu(QMenu *file)
{
    QMenu *menu = file->addMenu(QStringLiteral("&Export"));
    QAction *chart = menu->addAction(QStringLiteral("&Chart…"), this, [this] { exportChart(); });
    chart->setToolTip(QStringLiteral("A blog or slide figure: PNG at 1×, 2× or 3×, SVG or PDF"));
    QAction *side =
        menu->addAction(QStringLiteral("&Side-by-side view…"), this, [this] { exportChart(FigureKind::SideBySide); });
    chart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    side->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QAction *gif = menu->addAction(QStringLiteral("&Animation (GIF)…"), this, &ExportActions::exportGif);
    menu->addSeparator();
    QAction *csv = menu->addAction(QStringLiteral("Data as CS&V…"), this, [this] { exportData(DataKind::Csv); });
    QAction *json = menu->addAction(QStringLiteral("Result as &JSON…"), this, [this] { exportData(DataKind::Json); });
    QAction *trace =
        menu->addAction(QStringLiteral("&Timeline for Perfetto…"), this, [this] { exportData(DataKind::Trace); });
    csv->setToolTip(QStringLiteral("The tidy CSV of the scenario's sweep, as conviz-cli export --csv writes it"));
    trace->setToolTip(QStringLiteral("A Chrome trace of the run: open it at ui.perfetto.dev"));
    connect(menu, &QMenu::aboutToShow, this, [=, this] {
        const bool result = m_controller.latest() != nullptr;
        for (QAction *a : {chart, side, gif})
            a->setEnabled(result && !m_busy);
        for (QAction *a : {csv, json, trace})
            a->setEnabled(!m_busy);
    });
}

QString ExportActions::suggestedName(const QString &what, const QString &extension) const
{
    QString base = QFileInfo(m_controller.sourcePath()).completeBaseName();
    if (base.isEmpty())
        base = QStringLiteral("conviz");
    const QString dir =
        QSettings()
            .value(QStringLiteral("export/dir"), QStandardPaths::writableLocation(QStandardPaths::PicturesLocation))
            .toString();
    return QDir(dir).filePath(QStringLiteral("%1-%2.%3").arg(base, what, extension));
}

std::optional<ExportActions::Target> ExportActions::chooseTarget(const QString &caption, const QString &name,
                                                                 const QString &filter)
{
    const QString path = m_prompts.savePath(caption, name, filter);
    if (path.isEmpty())
        return std::nullopt;
    // The dialog asked before overwriting: an existing file is replaced, a new one never is.
    return Target{path, QFileInfo::exists(path) ? Overwrite::Replace : Overwrite::Refuse};
}

bool ExportActions::finish(Target &target, const std::optional<ExportError> &error)
{
    if (!error) {
        QSettings().setValue(QStringLiteral("export/dir"), QFileInfo(target.path).absolutePath());
        finishMessage(target.path, QString());
        return false;
    }
    const QString text = exportErrorText(*error);
    if (error->kind == ExportError::Kind::Exists && target.overwrite == Overwrite::Refuse) {
        // A file the save dialog did not ask about: ask now; "no" leaves it as it is.
        if (m_prompts.confirmReplace(target.path)) {
            target.overwrite = Overwrite::Replace;
            return true;
        }
    } else if (error->kind != ExportError::Kind::Cancelled) {
        m_prompts.showError(QStringLiteral("Export failed"), text);
    }
    finishMessage(target.path, text);
    return false;
}

void ExportActions::finishMessage(const QString &path, const QString &error) { Q_EMIT exportFinished(path, error); }

QString ExportActions::writeFigure(const FigureRequest &request, const QString &path, Overwrite overwrite)
{
    auto drawn = drawRequested(request, path);
    const auto error = std::holds_alternative<ExportError>(drawn)
                           ? std::get<ExportError>(drawn)
                           : writeExportFile(path, std::get<DrawnFigure>(drawn).encode(), overwrite);
    return error ? exportErrorText(*error) : QString();
}

std::variant<DrawnFigure, ExportError> ExportActions::drawRequested(const FigureRequest &request, const QString &path)
{
    const auto run = m_controller.latest();
    if (!run)
        return invalid(path, QStringLiteral("there is no result yet; wait for the simulation to finish"));
    // The run and sweep on screen, not exportFigure's fresh simulation: the figure is what the user
    // sees, at the playback instant, and of the sweep they ran.
    const auto sweep = m_controller.latestSweep();
    auto drawn =
        drawFigure(request.kind, {m_controller.scenario(), run, sweep.get(), Nanos{m_playback.time()}}, request.spec);
    if (!drawn)
        return invalid(path, m_controller.isSweeping()
                                 ? QStringLiteral("the sweep is still running; export when it has finished")
                                 : QStringLiteral("this chart plots a sweep: run one first (Charts › Sweep)"));
    return std::move(*drawn);
}

// The worker encodes once and keeps the bytes: "replace it?" after a file appeared writes them again.
struct ExportActions::FigureJob {
    DrawnFigure drawn;
    QByteArray bytes; // the worker's, until its result is posted back
    std::atomic<bool> cancel{false};
};

void ExportActions::exportChart(std::optional<FigureKind> kind)
{
    FigureRequest initial = m_lastFigure;
    if (kind)
        initial.kind = *kind;
    auto request = m_prompts.figure(initial);
    if (!request)
        return;
    m_lastFigure = *request;
    auto target = chooseTarget(
        QStringLiteral("Export chart"), suggestedName(figureName(request->kind), formatExtension(request->spec.format)),
        filterFor(request->spec.format) + QStringLiteral(";;") + QStringLiteral("PNG, SVG or PDF (*.png *.svg *.pdf)"));
    if (!target)
        return;
    Target t = withFormatExtension(*target, *request);
    auto drawn = drawRequested(*request, t.path);
    if (auto *error = std::get_if<ExportError>(&drawn)) {
        finish(t, *error);
        return;
    }
    auto job = std::make_shared<FigureJob>();
    job->drawn = std::move(std::get<DrawnFigure>(drawn));
    writeInBackground(job, t);
}

void ExportActions::writeInBackground(const std::shared_ptr<FigureJob> &job, const Target &target)
{
    // Most figures are written before the dialog would show; a PNG at 3× takes about a second.
    auto *dialog = new QProgressDialog(QStringLiteral("Writing %1…").arg(QFileInfo(target.path).fileName()),
                                       QStringLiteral("Cancel"), 0, 0, m_window);
    dialog->setWindowTitle(QStringLiteral("Export chart"));
    dialog->setMinimumWidth(dialog->fontMetrics().horizontalAdvance(QLatin1Char('x')) * 40); // the title shows
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    connect(dialog, &QProgressDialog::canceled, this, [job] { job->cancel = true; });
    dialog->setValue(0);

    QPointer<ExportActions> self(this);
    QPointer<QProgressDialog> progress(dialog);
    // A figure whose window closed meanwhile is still written: the user asked for it.
    m_workers.start([job, self, progress, target] {
        if (job->bytes.isEmpty() && !job->cancel)
            job->bytes = job->drawn.encode();
        const auto error =
            job->cancel
                ? std::optional<ExportError>(ExportError{ExportError::Kind::Cancelled, "the export was cancelled"})
                : writeExportFile(target.path, job->bytes, target.overwrite);
        QMetaObject::invokeMethod(
            qApp,
            [job, self, progress, target, error] {
                if (progress)
                    progress->deleteLater();
                ExportActions *me = self.data();
                if (!me)
                    return;
                Target t = target;
                if (me->finish(t, error))
                    me->writeInBackground(job, t);
            },
            Qt::QueuedConnection);
    });
}

void ExportActions::exportGif()
{
    const auto run = m_controller.latest();
    if (!run || m_busy)
        return;
    GifSpec initial = m_lastGif;
    if (initial.end <= initial.start || initial.end > run->end) {
        // What the timelines show now: the playback instant and the visible span after it.
        initial.start = Nanos{m_playback.time()};
        initial.end = std::min(run->end, initial.start + Nanos{static_cast<std::int64_t>(m_playback.axis().span)});
    }
    auto spec = m_prompts.gif(initial, run->end);
    if (!spec)
        return;
    m_lastGif = *spec;
    if (auto target = chooseTarget(QStringLiteral("Export animation"),
                                   suggestedName(QStringLiteral("animation"), QStringLiteral("gif")),
                                   QStringLiteral("GIF animation (*.gif)")))
        runGif(*spec, *target);
}

void ExportActions::runGif(const GifSpec &spec, const Target &target)
{
    auto cancel = std::make_shared<std::atomic<bool>>(false);
    auto job = std::make_shared<GifExport>(m_controller.latest(), target.path, spec, target.overwrite, cancel.get());
    // Not modal: a modal progress dialog processes events inside setValue, which would re-enter
    // the timer below. The export actions stay disabled meanwhile.
    auto *dialog = new QProgressDialog(QStringLiteral("Drawing %1 frames…").arg(job->frameCount()),
                                       QStringLiteral("Cancel"), 0, job->frameCount(), m_window);
    dialog->setWindowTitle(QStringLiteral("Export animation"));
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    connect(dialog, &QProgressDialog::canceled, this, [cancel] { *cancel = true; });
    auto *timer = new QTimer(dialog);
    m_busy = true;
    // A few frames per turn of the event loop, at most ~30 ms of drawing, so the app stays responsive.
    connect(timer, &QTimer::timeout, this, [this, job, cancel, dialog, timer, spec, target] {
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 30 && job->renderNext()) {
        }
        dialog->setValue(job->framesDone());
        if (!job->atEnd() && !cancel->load())
            return;
        timer->stop();
        const auto error = job->finish();
        dialog->deleteLater();
        m_busy = false;
        Target t = target;
        if (finish(t, error))
            runGif(spec, t);
    });
    timer->start(0);
}

void ExportActions::exportData(DataKind kind)
{
    if (m_busy)
        return;
    const auto [caption, what, ext, filter] = [kind]() -> std::array<QString, 4> {
        switch (kind) {
        case DataKind::Csv:
            return {QStringLiteral("Export data as CSV"), QStringLiteral("sweep"), QStringLiteral("csv"),
                    QStringLiteral("CSV (*.csv)")};
        case DataKind::Json:
            return {QStringLiteral("Export result as JSON"), QStringLiteral("result"), QStringLiteral("json"),
                    QStringLiteral("JSON (*.json)")};
        case DataKind::Trace: break;
        }
        return {QStringLiteral("Export timeline for Perfetto"), QStringLiteral("trace"), QStringLiteral("json"),
                QStringLiteral("Chrome trace JSON (*.json)")};
    }();
    if (auto target = chooseTarget(caption, suggestedName(what, ext), filter))
        startDataJob(kind, *target);
}

} // namespace conviz::gui
