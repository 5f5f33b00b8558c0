// File › Export's data files: the scenario is copied, simulated on a worker thread by the same code
// conviz-cli export runs (report/data_export.h), and streamed into an atomic file opened on the GUI
// thread first (so a bad path fails at once). The result comes back through a queued call; no
// widget is touched from the worker and no exception crosses the thread.
#include "gui/export/export_actions.h"

#include "engine/scenario/sweep.h"
#include "gui/core/export_file.h"
#include "gui/core/simulation_controller.h"
#include "report/data_export.h"

#include <QApplication>
#include <QFile>
#include <QPointer>
#include <QProgressDialog>
#include <QTimer>

#include <atomic>

namespace conviz::gui {
namespace {

using exports::ExportError;

struct DataJob {
    DataKind kind = DataKind::Csv;
    Scenario scenario;
    std::string source; // the scenario's file as the CLI names it in JSON and traces
    std::shared_ptr<exports::AtomicFile> file;
    std::shared_ptr<std::atomic<bool>> cancel = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<int>> percent = std::make_shared<std::atomic<int>>(0);
};

// Runs on the worker: simulates, writes, commits. Never throws.
std::optional<ExportError> run(const DataJob &job)
{
    try {
        const auto progress = [percent = job.percent](double f) { *percent = static_cast<int>(f * 100); };
        const std::vector<ModelKind> models(kAllModels.begin(), kAllModels.end());
        switch (job.kind) {
        case DataKind::Csv: {
            std::optional<scenario::SweepPlan> plan;
            if (!job.scenario.sweep.param.empty()) {
                auto planned = scenario::planSweep(job.scenario, job.scenario.sweep, job.source);
                if (auto *error = std::get_if<scenario::SweepError>(&planned)) {
                    std::string text = error->message;
                    for (const std::string &d : error->diagnostics)
                        text += (text.empty() ? "" : "\n") + d;
                    return ExportError{ExportError::Kind::Invalid, "cannot export the sweep: " + text};
                }
                plan = std::move(std::get<scenario::SweepPlan>(planned));
            }
            RunControl control;
            control.cancel = job.cancel.get();
            control.progress = progress;
            job.file->write(report::tidyCsv(job.scenario, plan ? &*plan : nullptr, models, control).bytes);
            break;
        }
        case DataKind::Json:
            job.file->write(report::runJson(job.scenario, job.source, models, 0, job.cancel.get()).bytes);
            break;
        case DataKind::Trace:
            report::writeTraceJson(*job.file, job.scenario, job.source, models, 0, progress, job.cancel.get());
            break;
        }
        if (job.cancel->load()) {
            job.file->abort();
            return ExportError{ExportError::Kind::Cancelled, "the export was cancelled"};
        }
        return job.file->commit();
    } catch (const std::exception &e) {
        job.file->abort();
        return ExportError{ExportError::Kind::Io, std::string("the export failed: ") + e.what()};
    }
}

QString progressLabel(DataKind kind)
{
    switch (kind) {
    case DataKind::Csv: return QStringLiteral("Running the sweep under the three models…");
    case DataKind::Json: return QStringLiteral("Running the three models…");
    case DataKind::Trace: return QStringLiteral("Running the three models and writing the trace…");
    }
    return {};
}

} // namespace

void ExportActions::startDataJob(DataKind kind, const Target &target)
{
    DataJob job;
    job.kind = kind;
    job.scenario = m_controller.scenario();
    job.source = QFile::encodeName(m_controller.sourcePath()).toStdString();
    job.file = std::make_shared<exports::AtomicFile>();
    if (auto error = job.file->open(filePath(target.path), target.overwrite)) {
        Target t = target;
        if (finish(t, error))
            startDataJob(kind, t);
        return;
    }
    m_busy = true;
    m_dataCancel = job.cancel;
    auto *dialog = new QProgressDialog(progressLabel(kind), QStringLiteral("Cancel"), 0,
                                       kind == DataKind::Json ? 0 : 100, m_window);
    dialog->setWindowTitle(QStringLiteral("Export"));
    dialog->setMinimumDuration(400);
    dialog->setAutoClose(false);
    connect(dialog, &QProgressDialog::canceled, this, [cancel = job.cancel] { *cancel = true; });
    auto *poll = new QTimer(dialog);
    connect(poll, &QTimer::timeout, dialog, [dialog, percent = job.percent] { dialog->setValue(*percent); });
    poll->start(100);

    QPointer<ExportActions> self(this);
    m_workers.start([job, self, dialog, target, kind] {
        const auto error = run(job);
        // Back on the GUI thread; qApp outlives any window, `self` says whether the exporter does.
        QMetaObject::invokeMethod(
            qApp,
            [self, error, dialog, target, kind] {
                ExportActions *me = self.data();
                if (!me)
                    return;
                dialog->deleteLater();
                me->m_busy = false;
                me->m_dataCancel.reset();
                Target t = target;
                if (me->finish(t, error))
                    me->startDataJob(kind, t);
            },
            Qt::QueuedConnection);
    });
}

} // namespace conviz::gui
