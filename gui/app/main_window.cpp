#include "gui/app/main_window.h"

#include "gui/app/app_actions.h"
#include "gui/app/autosave.h"
#include "gui/app/bookmark_actions.h"
#include "gui/app/follow_actions.h"
#include "gui/app/live_mode.h"
#include "gui/app/presenter_tools.h"
#include "gui/app/run_progress.h"
#include "gui/app/session.h"
#include "gui/app/window_tour_stops.h"
#include "gui/core/default_scenario.h"
#include "gui/core/format.h"
#include "gui/core/narration_model.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/preview_prefix.h"
#include "gui/core/request_life.h"
#include "gui/core/simulation_controller.h"
#include "gui/core/tour.h"
#include "gui/export/export_actions.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/playback_bar.h"
#include "gui/widgets/tour_panel.h"
#include "gui/widgets/whats_this.h"

#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSignalBlocker>

#include <algorithm>
#include <limits>

// The resources live in a static library: register them before the first use.
static void initResources() { Q_INIT_RESOURCE(conviz); }

namespace conviz::gui {
namespace {

constexpr int kDefaultSpeedIndex = 12; // 10 ms of simulated time per second

// The nearest instant after (direction > 0) or before `from` at which any model's picture changes;
// `from` itself when there is none.
qint64 nextChange(const RunSnapshot *snap, qint64 from, int direction)
{
    if (!snap)
        return from;
    qint64 best = direction > 0 ? std::numeric_limits<qint64>::max() : -1;
    for (const ModelRun &m : snap->models) {
        if (!m.index)
            continue;
        const Nanos t = direction > 0 ? m.index->nextChange(Nanos{from}) : m.index->previousChange(Nanos{from});
        if (direction > 0 && t.count() > from)
            best = std::min<qint64>(best, t.count());
        if (direction < 0 && t.count() < from)
            best = std::max<qint64>(best, t.count());
    }
    return best == std::numeric_limits<qint64>::max() || best < 0 ? from : best;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_controller(std::make_unique<SimulationController>()),
      m_playback(std::make_unique<PlaybackState>()),
      m_presets(std::make_unique<PresetModel>()),
      m_narration(std::make_unique<NarrationModel>()),
      m_session(std::make_unique<Session>(*m_controller, *m_presets)),
      m_autosave(std::make_unique<Autosave>(*m_controller, *m_session))
{
    initResources();
    setWindowIcon(QIcon(QStringLiteral(":/conviz/icons/conviz.svg")));
    m_session->setPrompts(dialogPrompts(this));
    m_autosave->setPrompt(recoveryDialog(this));
    m_layout = std::make_unique<WindowLayout>(*this, *m_controller, *m_playback, *m_presets, *m_narration);
    m_exports = new ExportActions(*m_controller, *m_playback, this);
    m_actions = new AppActions(*this, *m_session, *m_playback, *m_exports, *m_layout);
    qApp->installEventFilter(new WhatsThisGuide(this)); // Shift+F1 and Help › What's This? on every view
    connect(m_actions, &AppActions::presentationRequested, this, &MainWindow::setPresentationMode);
    connect(m_actions, &AppActions::tourRequested, this, [this] { startTour(); });
    connect(m_layout->presetBox(), &QComboBox::activated, this, &MainWindow::choosePreset);
    connect(m_layout->charts(), &ChartsPane::exportRequested, m_exports,
            [this](FigureKind kind) { m_exports->exportChart(kind); });
    connect(m_exports, &ExportActions::exportFinished, this, [this](const QString &path, const QString &error) {
        m_layout->status()->setText(error.isEmpty() ? QStringLiteral("Exported %1").arg(path) : error);
    });

    m_playback->setSpeedIndex(kDefaultSpeedIndex);
    connect(m_playback.get(), &PlaybackState::followedRequestChanged, this, &MainWindow::showFollowedRequest);
    m_playback->setStepFinder(
        [this](qint64 from, int direction) { return nextChange(m_controller->latest().get(), from, direction); });

    m_presets->scan(presetDirectory());
    connect(m_controller.get(), &SimulationController::resultAvailable, this, &MainWindow::onResult);
    // While a run is under way: "Simulating…", or what a drag's preview of the first requests is. A
    // drag of a slow scenario starts a run for every value: the note stays, not blinking with each.
    const auto showRunning = [this] {
        m_layout->status()->setText(m_prefixNote.isEmpty() ? QStringLiteral("Simulating the three models…")
                                                           : m_prefixNote);
    };
    connect(m_controller.get(), &SimulationController::runStarted, this, [this, showRunning] {
        showRunning();
        for (ModelColumn *c : m_layout->columns())
            c->setStale(true);
    });
    // A long run shows its progress and can be stopped; the views then keep the last result.
    m_runProgress = new RunProgress(*statusBar(), *m_controller);
    connect(m_controller.get(), &SimulationController::runStopped, this, [this] {
        m_prefixNote.clear();
        // An edit's untraced run may have finished first: its numbers are shown, the traces are not.
        m_layout->status()->setText(
            !m_shown ? QStringLiteral("Stopped before the first result. Run simulates these values.")
            : m_controller->shownCurrentValues()
                ? QStringLiteral("Stopped: the headlines, throughput and cost show these values; the other views "
                                 "the values before. Run completes them.")
                : QStringLiteral("Stopped: the views show the last run, of the values before your last change. "
                                 "Run simulates these values."));
        for (ModelColumn *c : m_layout->columns())
            c->setStopped(true);
    });
    connect(m_controller.get(), &SimulationController::runResumed, this, [this] {
        for (ModelColumn *c : m_layout->columns())
            c->setStopped(false);
    });
    connect(m_controller.get(), &SimulationController::previewAvailable, this,
            [this, showRunning](const std::shared_ptr<const RunSnapshot> &preview) {
                m_prefixNote = prefixNote(preview->prefix).value(0);
                showRunning();
            });
    connect(m_controller.get(), &SimulationController::runFailed, this, [this](const QString &message) {
        m_prefixNote.clear();
        m_layout->status()->setText(message);
        QMessageBox::warning(this, QStringLiteral("Simulation failed"), message);
    });
    connect(m_session.get(), &Session::opened, this, &MainWindow::onOpened);
    connect(m_session.get(), &Session::pathChanged, this, &MainWindow::updateTitle);
    connect(m_session.get(), &Session::dirtyChanged, this, &MainWindow::updateTitle);
    connect(m_layout->tour(), &TourPanel::slidersMoved, m_session.get(), &Session::acceptTourEdits);
    connect(m_autosave.get(), &Autosave::failed, m_layout->status(), &QLabel::setText);
    // After the controller's connections above: live mode presents each result after the window.
    m_live = new LiveMode(*this, *m_controller, *m_playback, *m_layout);
    m_presenter = new PresenterTools(*this);
    m_presenter->setTourRunning([this] { return m_layout->tour()->isActive(); });
    new FollowActions(*this, *m_playback);    // Ctrl+F follows a request by number, Esc stops following
    m_bookmarks = new BookmarkActions(*this); // after live mode: a bookmark's instant is the last word
    m_windowTour = createWindowTour(*this);
    connect(m_actions, &AppActions::windowTourRequested, m_windowTour, &WindowTour::start);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::setUnsavedPrompt(std::function<int()> prompt)
{
    if (prompt)
        m_session->setUnsavedPrompt([prompt = std::move(prompt)](const QString &) { return prompt(); });
    else
        m_session->setUnsavedPrompt(dialogPrompts(this).unsaved);
}

bool MainWindow::offerRecovery()
{
    const auto restored = m_autosave->offerRecovery();
    if (restored)
        m_layout->status()->setText(
            QStringLiteral("Restored your unsaved changes to “%1” from %2: not saved yet (File › Save)")
                .arg(restored->scenarioName, QLocale().toString(restored->savedAt, QLocale::ShortFormat)));
    return restored.has_value();
}

bool MainWindow::startTour()
{
    const QString path = tourPathFor(m_controller->sourcePath());
    if (path.isEmpty()) {
        m_layout->status()->setText(
            QStringLiteral("This scenario has no guided tour (tours/NAME.toml beside its file)"));
        return false;
    }
    TourLoad loaded = loadTour(path);
    if (!loaded.tour) {
        QMessageBox::warning(this, QStringLiteral("Cannot start the tour"), loaded.error);
        return false;
    }
    // The tour starts from the preset's own values: edits of the user's would be lost unasked.
    if (m_session->isDirty() && !m_session->maybeSave())
        return false;
    m_layout->tour()->start(std::move(*loaded.tour)); // a restart ends the running tour first
    m_layout->showTourDock();
    return true;
}

double MainWindow::textScale() const { return m_layout->textScale(); }

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_layout) // not yet while the window builds itself
        m_layout->windowResized();
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_layout->presentationMode())
        return;
    m_windowTour->stop(); // the docks it brought forward go back before the layout changes
    m_actions->setPresenting(on);
    m_presenter->setPresenting(on);
    m_layout->setPresentationMode(on);
    m_runProgress->placeIn(on ? m_layout->playbackBar()->row() : nullptr); // the status bar is hidden
    m_layout->tour()->layoutChanged(); // a step may frame a dock the new layout hides
}

void MainWindow::openInitial(const QString &path)
{
    if (!path.isEmpty() && QFileInfo::exists(path) && openScenario(path))
        return;
    QString fallback;
    for (const Preset &p : m_presets->presets())
        if (p.error.isEmpty() &&
            (fallback.isEmpty() || QFileInfo(p.path).completeBaseName() == QStringLiteral("default")))
            fallback = p.path;
    if (!fallback.isEmpty() && openScenario(fallback)) {
        if (!path.isEmpty())
            m_layout->status()->setText(
                QStringLiteral("%1 was not found; opened %2 instead").arg(path, QFileInfo(fallback).fileName()));
        return;
    }
    m_session->openBuiltIn();
}

bool MainWindow::openScenario(const QString &path) { return m_session->open(path); }

void MainWindow::onOpened(const QString &path)
{
    m_freshScenario = true;
    // Another scenario: the tour of the last one leaves the screen (its values went with it).
    m_layout->tour()->abandon();
    m_layout->docks().tour->hide();
    QComboBox *box = m_layout->presetBox();
    {
        const QSignalBlocker block(box);
        box->setPlaceholderText(QFileInfo(path).fileName()); // shown for a file that is not a preset
        box->setCurrentIndex(path.isEmpty() ? -1 : m_presets->rowOfPath(path));
    }
    box->setToolTip(QString::fromStdString(m_controller->scenario().description));
    showNote();
    updateTitle();
    // The built-in scenario leaves Help › Guided tour as it was: Ctrl+T then says there is none.
    if (m_session->isBuiltIn())
        return;
    m_actions->setTourAvailable(!tourPathFor(path).isEmpty());
    QString status;
    if (m_session->isReadOnly())
        status = QStringLiteral("Presets are read-only: Save puts your copy in %1")
                     .arg(QDir::toNativeSeparators(Session::userScenarioDirectory()));
    if (m_actions->tourAvailable())
        status += (status.isEmpty() ? QString() : QStringLiteral(" · ")) +
                  QStringLiteral("This preset has a guided tour: Help › Guided tour (Ctrl+T), then Page Down");
    if (!status.isEmpty())
        m_layout->status()->setText(status);
}

void MainWindow::choosePreset(int row)
{
    const QString path = m_presets->data(m_presets->index(row, 0), PresetModel::PathRole).toString();
    if (path == m_controller->sourcePath())
        return;
    if (!m_session->switchTo(path)) {
        const QSignalBlocker block(m_layout->presetBox());
        m_layout->presetBox()->setCurrentIndex(m_presets->rowOfPath(m_controller->sourcePath()));
    }
}

void MainWindow::showNote()
{
    const Scenario &s = m_controller->scenario();
    const bool builtIn = m_session->isBuiltIn();
    const QString fallback = builtIn ? builtInNote()
                                     : QStringLiteral("## %1\n\n%2\n\n*This scenario has no teaching note.*")
                                           .arg(QString::fromStdString(s.name), QString::fromStdString(s.description));
    m_layout->note()->showNote(builtIn ? QString() : notePathFor(m_controller->sourcePath()), fallback);
}

void MainWindow::showFollowedRequest()
{
    // Each model's life of the request (a pass over its trace), and the longest of them: one time
    // scale for the three strips, so 2 ms beside 196 ms shows as length.
    const quint32 request = m_playback->followedRequest();
    std::array<std::optional<RequestLife>, 3> lives;
    Nanos longest{};
    const auto &columns = m_layout->columns();
    for (std::size_t i = 0; i < columns.size() && i < lives.size(); ++i) {
        const ModelRun *run = m_shown ? &m_shown->run(columns[i]->model()) : nullptr;
        if (request != PlaybackState::kNoFollow && run && run->index)
            lives[i] = requestLife(run->index->trace(), request);
        if (lives[i])
            longest = std::max(longest, lives[i]->latency());
    }
    for (std::size_t i = 0; i < columns.size() && i < lives.size(); ++i)
        columns[i]->setFollowed(std::move(lives[i]), longest);
}

void MainWindow::onResult(const std::shared_ptr<const RunSnapshot> &snapshot)
{
    std::shared_ptr<const RunSnapshot> previous = std::move(m_shown);
    m_shown = snapshot;
    m_prefixNote.clear();
    for (ModelColumn *c : m_layout->columns())
        c->setSnapshot(snapshot);
    showFollowedRequest();
    m_narration->setSnapshot(snapshot);
    m_layout->charts()->setSnapshot(snapshot);
    m_playback->setDuration(snapshot->end.count());
    // Freeing a big trace takes tens of milliseconds: let a worker thread do it.
    retireInBackground(std::move(previous));
    if (m_freshScenario) {
        // A new scenario opens where the models are busy, not at an empty t = 0.
        m_freshScenario = false;
        m_playback->setTime(snapshot->busiest > Nanos::zero() ? snapshot->busiest.count() : snapshot->end.count() / 10);
    }
    QString text =
        QStringLiteral("Simulated %1 requests under 3 models in %2")
            .arg(formatCount(snapshot->models[0].metrics.issued), formatDuration(snapshot->computeMillis * 1e6));
    if (snapshot->truncated)
        text += QStringLiteral(" · the trace of a model was cut short to save memory (metrics cover the whole run)");
    if (m_actions->tourAvailable() && !m_layout->tour()->isActive())
        text += QStringLiteral(" · this preset has a guided tour: Ctrl+T");
    m_layout->status()->setText(text);
    // Last: the tour's step moves the clock once the views and its range have the new run.
    m_layout->tour()->resultShown();
}

void MainWindow::updateTitle()
{
    // A shipped preset says so where the user looks before saving: Save will ask for a new file.
    const QString readOnly =
        m_session->isReadOnly() ? QStringLiteral(" (preset, read-only: Save makes a copy)") : QString();
    setWindowTitle(
        QStringLiteral("%1%2[*] — conviz").arg(QString::fromStdString(m_controller->scenario().name), readOnly));
    setWindowModified(m_session->isDirty());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First launch: as large as the design wants, but inside the screen (a 1280×720 laptop or
        // projector gets the compact arrangement of the docks, WindowLayout::arrangeForScreen).
        m_layout->arrangeForScreen(available.size());
        resize(fittedSize(QSize(1600, 1000), available.size()));
        move(available.center() - rect().center());
    } else if (!available.contains(frameGeometry())) {
        // Saved on a larger screen: shrink and move it back onto this one.
        resize(fittedSize(size(), available.size()));
        move(available.topLeft());
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_layout->docks().tour->hide(); // saved during a tour: no tour runs yet
    m_playback->setSpeedIndex(settings.value(QStringLiteral("playback/speed"), kDefaultSpeedIndex).toInt());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), m_layout->normalGeometry());
    settings.setValue(QStringLiteral("window/state"), m_layout->normalState());
    settings.setValue(QStringLiteral("playback/speed"), m_playback->speedIndex());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_session->maybeSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    m_autosave->finish(); // a clean exit: nothing to offer back
    event->accept();
}

} // namespace conviz::gui
