#include "gui/app/main_window.h"

#include "gui/core/default_scenario.h"
#include "gui/core/format.h"
#include "gui/core/narration_model.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/export/export_actions.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/narration_view.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/playback_bar.h"
#include "gui/widgets/shortcuts_dialog.h"
#include "gui/widgets/tour_panel.h"
#include "gui/core/tour.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QVBoxLayout>

// The resources live in a static library: register them before the first use.
static void initResources() { Q_INIT_RESOURCE(conviz); }

namespace conviz::gui {
namespace {

constexpr int kMaxRecent = 8;
constexpr int kDefaultSpeedIndex = 12; // 10 ms of simulated time per second

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_controller(std::make_unique<SimulationController>()),
      m_playback(std::make_unique<PlaybackState>()), m_presets(std::make_unique<PresetModel>()),
      m_narration(std::make_unique<NarrationModel>())
{
    initResources();
    setWindowIcon(QIcon(QStringLiteral(":/conviz/icons/conviz.svg")));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(4);
    m_playbackBar = new PlaybackBar(*m_playback, central);
    layout->addWidget(m_playbackBar);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    for (std::size_t i = 0; i < 3; ++i) {
        m_columns[i] = new ModelColumn(kAllModels[i], *m_playback, central);
        row->addWidget(m_columns[i], 1);
    }
    layout->addLayout(row, 1);
    setCentralWidget(central);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    m_exports = new ExportActions(*m_controller, *m_playback, this);
    buildDocks();
    buildMenus();
    connect(m_charts, &ChartsPane::exportRequested, m_exports, [this](FigureKind kind) { m_exports->exportChart(kind); });
    connect(m_exports, &ExportActions::exportFinished, this, [this](const QString &path, const QString &error) {
        m_status->setText(error.isEmpty() ? QStringLiteral("Exported %1").arg(path) : error);
    });

    m_playback->setSpeedIndex(kDefaultSpeedIndex);
    m_playback->setStepFinder([this](qint64 from, int direction) {
        const auto snap = m_controller->latest();
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
    });

    m_presets->scan(presetDirectory());
    connect(m_controller.get(), &SimulationController::resultAvailable, this, &MainWindow::onResult);
    connect(m_controller.get(), &SimulationController::runStarted, this, [this] {
        m_status->setText(QStringLiteral("Simulating the three models…"));
        for (ModelColumn *c : m_columns)
            c->setStale(true);
    });
    connect(m_controller.get(), &SimulationController::runFailed, this, [this](const QString &message) {
        m_status->setText(message);
        QMessageBox::warning(this, QStringLiteral("Simulation failed"), message);
    });
    connect(m_controller.get(), &SimulationController::modifiedChanged, this, &MainWindow::updateTitle);
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks()
{
    // Left: scenario picker and parameters.
    m_docks.scenario = new QDockWidget(QStringLiteral("Scenario"), this);
    m_docks.scenario->setObjectName(QStringLiteral("ScenarioDock"));
    auto *side = new QWidget(m_docks.scenario);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 4, 4, 4);
    m_presetBox = new QComboBox(side);
    m_presetBox->setModel(m_presets.get());
    m_presetBox->setToolTip(QStringLiteral("The presets that come with conviz; File › Open for your own"));
    m_parameters = new ParameterPanel(*m_controller, side);
    sideLayout->addWidget(m_presetBox);
    sideLayout->addWidget(m_parameters, 1);
    m_docks.scenario->setWidget(side);
    m_docks.scenario->setMinimumWidth(260);
    addDockWidget(Qt::LeftDockWidgetArea, m_docks.scenario);
    connect(m_presetBox, &QComboBox::activated, this, &MainWindow::choosePreset);

    m_docks.note = new QDockWidget(QStringLiteral("Teaching note"), this);
    m_docks.note->setObjectName(QStringLiteral("NoteDock"));
    m_note = new NotePane(m_docks.note);
    m_docks.note->setWidget(m_note);
    addDockWidget(Qt::LeftDockWidgetArea, m_docks.note);
    splitDockWidget(m_docks.scenario, m_docks.note, Qt::Vertical);

    m_docks.charts = new QDockWidget(QStringLiteral("Charts"), this);
    m_docks.charts->setObjectName(QStringLiteral("ChartsDock"));
    m_charts = new ChartsPane(*m_controller, *m_playback, m_docks.charts);
    m_charts->setMinimumHeight(300); // below this the charts' axes stop being readable
    m_docks.charts->setWidget(m_charts);
    addDockWidget(Qt::BottomDockWidgetArea, m_docks.charts);

    m_docks.narration = new QDockWidget(QStringLiteral("Narration"), this);
    m_docks.narration->setObjectName(QStringLiteral("NarrationDock"));
    m_narrationView = new NarrationView(*m_narration, *m_playback, m_docks.narration);
    m_docks.narration->setWidget(m_narrationView);
    addDockWidget(Qt::BottomDockWidgetArea, m_docks.narration);
    splitDockWidget(m_docks.charts, m_docks.narration, Qt::Horizontal);
    // The guided tour: a dock on the left, over the teaching note, hidden until a tour starts
    // (presentation mode keeps it).
    m_docks.tour = new QDockWidget(QStringLiteral("Guided tour"), this);
    m_docks.tour->setObjectName(QStringLiteral("TourDock"));
    m_highlight = new TourHighlight(this);
    const auto resolve = [this](const TourFocus &f) -> QWidget * {
        switch (f.pane) {
        case TourFocus::Pane::Charts: return m_charts;
        case TourFocus::Pane::Narration: return m_narrationView;
        case TourFocus::Pane::Parameters: return m_parameters;
        case TourFocus::Pane::Note: return m_note;
        case TourFocus::Pane::Column: break;
        }
        ModelColumn *column = m_columns[static_cast<std::size_t>(f.model)];
        if (f.view == TourFocus::View::Whole)
            return column;
        return column->views()[static_cast<std::size_t>(f.view) - 1]; // headline, scheduler, timeline, memory
    };
    m_tour = new TourPanel(*m_controller, *m_playback, *m_charts, resolve, *m_highlight, m_docks.tour);
    m_docks.tour->setWidget(m_tour);
    addDockWidget(Qt::LeftDockWidgetArea, m_docks.tour);
    tabifyDockWidget(m_docks.note, m_docks.tour);
    m_docks.tour->hide();
    // No close button: "End tour" ends the tour and hides the dock, so the two never disagree.
    m_docks.tour->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    connect(m_tour, &TourPanel::finished, m_docks.tour, &QDockWidget::hide);
    resizeDocks({m_docks.charts, m_docks.narration}, {1000, 420}, Qt::Horizontal);
    resizeDocks({m_docks.charts}, {360}, Qt::Vertical);
    resizeDocks({m_docks.scenario}, {310}, Qt::Horizontal);
    resizeDocks({m_docks.scenario, m_docks.note}, {640, 300}, Qt::Vertical);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(QStringLiteral("&Open…"), QKeySequence::Open, this, [this] {
        if (!maybeSave())
            return;
        const QString dir = QFileInfo(m_controller->sourcePath()).absolutePath();
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open scenario"), dir,
                                                          QStringLiteral("Scenarios (*.toml)"));
        if (!path.isEmpty())
            openScenario(path);
    });
    m_recentMenu = file->addMenu(QStringLiteral("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addAction(QStringLiteral("&Save"), QKeySequence::Save, this, [this] { save(); });
    file->addAction(QStringLiteral("Save &as…"), QKeySequence::SaveAs, this, [this] { saveAs(); });
    file->addSeparator();
    m_exports->addMenu(file);
    file->addSeparator();
    file->addAction(QStringLiteral("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *play = menuBar()->addMenu(QStringLiteral("&Playback"));
    auto add = [&](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        QAction *a = play->addAction(text);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, m_playback.get(), slot);
        addAction(a);
    };
    add(QStringLiteral("Play / pause"), {QKeySequence(Qt::Key_Space)}, &PlaybackState::togglePlaying);
    add(QStringLiteral("Step forward"), {QKeySequence(Qt::Key_Right)}, &PlaybackState::stepForward);
    add(QStringLiteral("Step back"), {QKeySequence(Qt::Key_Left)}, &PlaybackState::stepBack);
    add(QStringLiteral("Faster"), {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}, &PlaybackState::faster);
    add(QStringLiteral("Slower"), {QKeySequence(Qt::Key_Minus)}, &PlaybackState::slower);
    QAction *start = play->addAction(QStringLiteral("Go to start"));
    start->setShortcut(QKeySequence(Qt::Key_Home));
    connect(start, &QAction::triggered, this, [this] { m_playback->setTime(0); });
    QAction *end = play->addAction(QStringLiteral("Go to end"));
    end->setShortcut(QKeySequence(Qt::Key_End));
    connect(end, &QAction::triggered, this, [this] { m_playback->setTime(m_playback->duration()); });

    QMenu *view = menuBar()->addMenu(QStringLiteral("&View"));
    for (QDockWidget *d : {m_docks.scenario, m_docks.note, m_docks.charts, m_docks.narration})
        view->addAction(d->toggleViewAction()); // the tour's dock comes and goes with the tour
    view->addSeparator();
    m_presentAction = view->addAction(QStringLiteral("&Presentation mode"));
    m_presentAction->setCheckable(true);
    m_presentAction->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    m_presentAction->setToolTip(QStringLiteral("Full screen, large text, only the models and the charts (Esc leaves)"));
    addAction(m_presentAction); // its shortcut works with the menu bar out of sight
    connect(m_presentAction, &QAction::toggled, this, &MainWindow::setPresentationMode);
    m_leavePresentation = new QAction(QStringLiteral("Leave presentation mode"), this);
    m_leavePresentation->setShortcut(QKeySequence(Qt::Key_Escape));
    m_leavePresentation->setEnabled(false);
    addAction(m_leavePresentation);
    connect(m_leavePresentation, &QAction::triggered, this, [this] { setPresentationMode(false); });

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    m_tourAction = help->addAction(QStringLiteral("&Guided tour of this preset"));
    m_tourAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    addAction(m_tourAction);
    connect(m_tourAction, &QAction::triggered, this, [this] { startTour(); });
    // Presenter clickers send Page Down / Page Up. Only during a tour: otherwise the keys page
    // through the narration and the notes as usual.
    auto *nextStep = new QAction(QStringLiteral("Next tour step"), this);
    nextStep->setShortcut(QKeySequence(Qt::Key_PageDown));
    connect(nextStep, &QAction::triggered, m_tour, &TourPanel::next);
    addAction(nextStep);
    auto *previousStep = new QAction(QStringLiteral("Previous tour step"), this);
    previousStep->setShortcut(QKeySequence(Qt::Key_PageUp));
    connect(previousStep, &QAction::triggered, m_tour, &TourPanel::back);
    addAction(previousStep);
    for (QAction *a : {nextStep, previousStep}) {
        a->setEnabled(false);
        connect(m_tour, &TourPanel::started, a, [a] { a->setEnabled(true); });
        connect(m_tour, &TourPanel::finished, a, [a] { a->setEnabled(false); });
    }
    help->addSeparator();
    QAction *keys = help->addAction(QStringLiteral("Keyboard shortcuts"));
    keys->setShortcut(QKeySequence(Qt::Key_Question));
    addAction(keys);
    connect(keys, &QAction::triggered, this, [this] { ShortcutsDialog(this).exec(); });
    help->addAction(QStringLiteral("About conviz"), this, [this] {
        QMessageBox::about(this, QStringLiteral("About conviz"),
                           QStringLiteral("<b>conviz</b><p>One workload under goroutine-like fibers, a Node.js-style "
                                          "event loop and OS threads, on one simulated clock.</p>"));
    });
}

bool MainWindow::startTour()
{
    const QString path = tourPathFor(m_controller->sourcePath());
    if (path.isEmpty()) {
        m_status->setText(QStringLiteral("This scenario has no guided tour (tours/NAME.toml beside its file)"));
        return false;
    }
    TourLoad loaded = loadTour(path);
    if (!loaded.tour) {
        QMessageBox::warning(this, QStringLiteral("Cannot start the tour"), loaded.error);
        return false;
    }
    m_docks.tour->show();
    m_docks.tour->raise(); // over the teaching note it shares a tab with
    resizeDocks({m_docks.tour}, {std::max(440, height() / 2)}, Qt::Vertical); // room for a step's text
    m_tour->start(std::move(*loaded.tour));
    return true;
}

void MainWindow::setPresentationMode(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    {
        const QSignalBlocker block(m_presentAction);
        m_presentAction->setChecked(on);
    }
    m_leavePresentation->setEnabled(on);
    // What stays on screen takes the large text; the scenario, note and narration docks go.
    const std::array<QWidget *, 3> shown{centralWidget(), m_docks.charts, m_docks.tour};
    if (on) {
        m_normalState = saveState();
        m_normalGeometry = saveGeometry();
        for (QDockWidget *d : {m_docks.scenario, m_docks.note, m_docks.narration})
            d->hide();
        m_docks.charts->show();
        QFont big = font();
        if (big.pointSizeF() > 0)
            big.setPointSizeF(big.pointSizeF() * kPresentationScale);
        else
            big.setPixelSize(qRound(big.pixelSize() * kPresentationScale));
        for (QWidget *w : shown)
            w->setFont(big);
        m_charts->setTextScale(kPresentationScale);
        statusBar()->hide();
        showFullScreen();
    } else {
        // A font with nothing set: the widgets inherit the window's again.
        for (QWidget *w : shown)
            w->setFont(QFont());
        m_charts->setTextScale(1);
        statusBar()->show();
        showNormal();
        restoreGeometry(m_normalGeometry);
        restoreState(m_normalState);
        m_status->clear();
    }
}

void MainWindow::openInitial(const QString &path)
{
    if (!path.isEmpty() && QFileInfo::exists(path) && openScenario(path))
        return;
    QString fallback;
    for (const Preset &p : m_presets->presets())
        if (p.error.isEmpty() && (fallback.isEmpty() || QFileInfo(p.path).completeBaseName() == QStringLiteral("default")))
            fallback = p.path;
    if (!fallback.isEmpty() && openScenario(fallback)) {
        if (!path.isEmpty())
            m_status->setText(QStringLiteral("%1 was not found; opened %2 instead").arg(path, QFileInfo(fallback).fileName()));
        return;
    }
    m_builtIn = true;
    m_freshScenario = true;
    m_controller->setScenario(builtInScenario(), QString());
    m_presetBox->setCurrentIndex(-1);
    m_presetBox->setToolTip(QString::fromStdString(m_controller->scenario().description));
    showNote();
    updateTitle();
}

bool MainWindow::openScenario(const QString &path)
{
    const QString error = m_controller->loadFile(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, QStringLiteral("Cannot open the scenario"), error);
        return false;
    }
    m_builtIn = false;
    m_freshScenario = true;
    m_tour->stop();
    const int row = m_presets->rowOfPath(path);
    {
        const QSignalBlocker block(m_presetBox);
        m_presetBox->setPlaceholderText(QFileInfo(path).fileName()); // shown for a file that is not a preset
        m_presetBox->setCurrentIndex(row);
    }
    m_presetBox->setToolTip(QString::fromStdString(m_controller->scenario().description));
    if (row < 0)
        addRecent(QFileInfo(path).absoluteFilePath());
    showNote();
    updateTitle();
    m_tourAction->setEnabled(!tourPathFor(path).isEmpty());
    if (m_tourAction->isEnabled())
        m_status->setText(QStringLiteral("This preset has a guided tour: Help › Guided tour (Ctrl+T), then Page Down"));
    return true;
}

void MainWindow::choosePreset(int row)
{
    const QString path = m_presets->data(m_presets->index(row, 0), PresetModel::PathRole).toString();
    if (path == m_controller->sourcePath())
        return;
    if (!maybeSave() || !openScenario(path)) {
        const QSignalBlocker block(m_presetBox);
        m_presetBox->setCurrentIndex(m_presets->rowOfPath(m_controller->sourcePath()));
    }
}

void MainWindow::showNote()
{
    const Scenario &s = m_controller->scenario();
    const QString fallback = m_builtIn ? builtInNote()
                                       : QStringLiteral("## %1\n\n%2\n\n*This scenario has no teaching note.*")
                                             .arg(QString::fromStdString(s.name), QString::fromStdString(s.description));
    m_note->showNote(m_builtIn ? QString() : notePathFor(m_controller->sourcePath()), fallback);
}

void MainWindow::onResult(const std::shared_ptr<const RunSnapshot> &snapshot)
{
    std::shared_ptr<const RunSnapshot> previous = std::move(m_shown);
    m_shown = snapshot;
    for (ModelColumn *c : m_columns)
        c->setSnapshot(snapshot);
    m_narration->setSnapshot(snapshot);
    m_charts->setSnapshot(snapshot);
    m_playback->setDuration(snapshot->end.count());
    // Freeing a big trace takes tens of milliseconds: let a worker thread do it.
    retireInBackground(std::move(previous));
    if (m_freshScenario) {
        // A new scenario opens where the models are busy, not at an empty t = 0.
        m_freshScenario = false;
        m_playback->setTime(snapshot->busiest > Nanos::zero() ? snapshot->busiest.count() : snapshot->end.count() / 10);
    }
    QString text = QStringLiteral("Simulated %1 requests under 3 models in %2")
                       .arg(formatCount(snapshot->models[0].metrics.issued), formatDuration(snapshot->computeMillis * 1e6));
    if (snapshot->truncated)
        text += QStringLiteral(" · the trace of a model was cut short to save memory (metrics cover the whole run)");
    if (m_tourAction->isEnabled() && !m_tour->isActive())
        text += QStringLiteral(" · this preset has a guided tour: Ctrl+T");
    m_status->setText(text);
}

bool MainWindow::maybeSave()
{
    if (!m_controller->isModified())
        return true;
    const int answer = m_prompt ? m_prompt()
                                : QMessageBox::question(this, QStringLiteral("Unsaved changes"),
                                                        QStringLiteral("You changed parameters of “%1”. Save them?")
                                                            .arg(QString::fromStdString(m_controller->scenario().name)),
                                                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool MainWindow::save()
{
    const QString path = m_controller->sourcePath();
    // Presets are shared: saving goes to a new file.
    if (path.isEmpty() || m_presets->rowOfPath(path) >= 0)
        return saveAs();
    const QString error = m_controller->saveAs(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, QStringLiteral("Cannot save"), error);
    return error.isEmpty();
}

bool MainWindow::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save scenario as"), QString(),
                                                      QStringLiteral("Scenarios (*.toml)"));
    if (path.isEmpty())
        return false;
    const QString error = m_controller->saveAs(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, QStringLiteral("Cannot save"), error);
        return false;
    }
    m_builtIn = false;
    addRecent(path);
    updateTitle();
    return true;
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave())
                openScenario(path);
        })->setToolTip(path);
    if (recent.isEmpty())
        m_recentMenu->addAction(QStringLiteral("(none yet)"))->setEnabled(false);
}

void MainWindow::updateTitle()
{
    setWindowTitle(QStringLiteral("%1[*] — conviz").arg(QString::fromStdString(m_controller->scenario().name)));
    setWindowModified(m_controller->isModified());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1600, 1000);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_playback->setSpeedIndex(settings.value(QStringLiteral("playback/speed"), kDefaultSpeedIndex).toInt());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    // Presentation mode is a moment, not a layout: the window as it was before it is what persists.
    settings.setValue(QStringLiteral("window/geometry"), m_presenting ? m_normalGeometry : saveGeometry());
    settings.setValue(QStringLiteral("window/state"), m_presenting ? m_normalState : saveState());
    settings.setValue(QStringLiteral("playback/speed"), m_playback->speedIndex());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

} // namespace conviz::gui
