#include "gui/app/window_layout.h"

#include "gui/core/narration_model.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/core/tour.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/cost_pane.h"
#include "gui/widgets/exercise_panel.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/narration_view.h"
#include "gui/widgets/note_pane.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/playback_bar.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/stack_scale_link.h"
#include "gui/widgets/text_layout.h"
#include "gui/widgets/tour_panel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFontInfo>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace conviz::gui {

WindowLayout::WindowLayout(QMainWindow &window, SimulationController &controller, PlaybackState &playback,
                           PresetModel &presets, NarrationModel &narration)
    : m_window(window)
{
    m_window.setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    buildCentre(playback);
    m_status = new QLabel(&m_window);
    m_window.statusBar()->addWidget(m_status, 1);
    buildDocks(controller, playback, presets, narration);
    // While a slider moves: the headlines, the throughput over time and the cost chart take each
    // untraced run at once; the views drawn from traces keep the last traced run, marked stale,
    // until the traced run lands.
    QObject::connect(&controller, &SimulationController::previewAvailable, m_charts,
                     [this](const std::shared_ptr<const RunSnapshot> &snapshot) {
                         for (ModelColumn *c : m_columns) {
                             c->setSnapshot(snapshot);
                             c->setStale(true);
                         }
                         m_charts->setPreview(snapshot);
                     });
}

WindowLayout::~WindowLayout() = default;

void WindowLayout::buildCentre(PlaybackState &playback)
{
    auto *central = new QWidget(&m_window);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(4);
    m_playbackBar = new PlaybackBar(playback, central);
    layout->addWidget(m_playbackBar);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    for (std::size_t i = 0; i < 3; ++i) {
        m_columns[i] = new ModelColumn(kAllModels[i], playback, central);
        row->addWidget(m_columns[i], 1);
    }
    m_columnsBox = row;
    m_stackScale = std::make_unique<StackScaleLink>(
        std::array{m_columns[0]->memoryView(), m_columns[1]->memoryView(), m_columns[2]->memoryView()});
    layout->addLayout(row, 1);
    m_window.setCentralWidget(central);
}

void WindowLayout::buildDocks(SimulationController &controller, PlaybackState &playback, PresetModel &presets,
                              NarrationModel &narration)
{
    // Left: scenario picker and parameters.
    m_docks.scenario = new QDockWidget(QStringLiteral("Scenario"), &m_window);
    m_docks.scenario->setObjectName(QStringLiteral("ScenarioDock"));
    auto *side = new QWidget(m_docks.scenario);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(4, 4, 4, 4);
    m_presetBox = new QComboBox(side);
    m_presetBox->setObjectName(QStringLiteral("presetBox")); // its What's This text (whats_this.cpp)
    m_presetBox->setModel(&presets);
    m_presetBox->setToolTip(QStringLiteral("The presets that come with conviz; File › Open for your own"));
    m_parameters = new ParameterPanel(controller, side);
    sideLayout->addWidget(m_presetBox);
    sideLayout->addWidget(m_parameters, 1);
    m_docks.scenario->setWidget(side);
    m_docks.scenario->setMinimumWidth(260);
    m_window.addDockWidget(Qt::LeftDockWidgetArea, m_docks.scenario);

    m_docks.note = new QDockWidget(QStringLiteral("Teaching note"), &m_window);
    m_docks.note->setObjectName(QStringLiteral("NoteDock"));
    m_note = new NotePane(m_docks.note);
    m_docks.note->setWidget(m_note);
    m_window.addDockWidget(Qt::LeftDockWidgetArea, m_docks.note);
    m_window.splitDockWidget(m_docks.scenario, m_docks.note, Qt::Vertical);
    // The preset's "try this" tasks: a tab beside the note they end.
    m_docks.exercises = new QDockWidget(QStringLiteral("Exercises"), &m_window);
    m_docks.exercises->setObjectName(QStringLiteral("ExercisesDock"));
    m_exercises = new ExercisePanel(controller, m_docks.exercises);
    m_docks.exercises->setWidget(m_exercises);
    m_window.addDockWidget(Qt::LeftDockWidgetArea, m_docks.exercises);
    m_window.tabifyDockWidget(m_docks.note, m_docks.exercises);

    m_docks.charts = new QDockWidget(QStringLiteral("Charts"), &m_window);
    m_docks.charts->setObjectName(QStringLiteral("ChartsDock"));
    m_charts = new ChartsPane(controller, playback, m_docks.charts);
    m_charts->setMinimumHeight(kChartsMinHeight);
    m_docks.charts->setWidget(m_charts);
    m_window.addDockWidget(Qt::BottomDockWidgetArea, m_docks.charts);

    m_docks.narration = new QDockWidget(QStringLiteral("Narration"), &m_window);
    m_docks.narration->setObjectName(QStringLiteral("NarrationDock"));
    m_narrationView = new NarrationView(narration, playback, m_docks.narration);
    m_docks.narration->setWidget(m_narrationView);
    m_window.addDockWidget(Qt::BottomDockWidgetArea, m_docks.narration);
    m_window.splitDockWidget(m_docks.charts, m_docks.narration, Qt::Horizontal);

    buildTourDock(controller, playback);
    m_docks.note->raise(); // in front of the exercises and the hidden tour it shares a tab group with
    m_window.resizeDocks({m_docks.charts, m_docks.narration}, {1000, 420}, Qt::Horizontal);
    m_window.resizeDocks({m_docks.charts}, {360}, Qt::Vertical);
    m_window.resizeDocks({m_docks.scenario}, {310}, Qt::Horizontal);
    m_window.resizeDocks({m_docks.scenario, m_docks.note}, {640, 300}, Qt::Vertical);
}

void WindowLayout::buildTourDock(SimulationController &controller, PlaybackState &playback)
{
    // On the left, over the teaching note, hidden until a tour starts (presentation mode keeps it).
    m_docks.tour = new QDockWidget(QStringLiteral("Guided tour"), &m_window);
    m_docks.tour->setObjectName(QStringLiteral("TourDock"));
    m_highlight = new TourHighlight(&m_window);
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
    m_tour = new TourPanel(controller, playback, *m_charts, resolve, *m_highlight, m_docks.tour);
    m_docks.tour->setWidget(m_tour);
    m_window.addDockWidget(Qt::LeftDockWidgetArea, m_docks.tour);
    m_window.tabifyDockWidget(m_docks.note, m_docks.tour);
    m_docks.tour->hide();
    // No close button: "End tour" ends the tour and hides the dock, so the two never disagree.
    m_docks.tour->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    QObject::connect(m_tour, &TourPanel::finished, m_docks.tour, &QDockWidget::hide);
}

void WindowLayout::showTourDock()
{
    m_docks.tour->show();
    m_docks.tour->raise(); // over the teaching note it shares a tab with
    if (m_presenting)
        placeTourBesideChart();
    else
        m_window.resizeDocks({m_docks.tour}, {std::max(440, m_window.height() / 2)}, Qt::Vertical);
}

void WindowLayout::placeTourBesideChart()
{
    // Beside the one chart, under the models: the room reads it across. Once the docks are laid out
    // (a dock shown or moved in this event-loop turn has no width to resize yet).
    // The dock's least width holds it there through the switch to full screen; leaving presentation
    // mode gives the dock its normal minimum back.
    const int wanted = std::min(screenWidth() * 2 / 5, screenWidth() - m_charts->minimumSizeHint().width() - 24);
    m_docks.tour->setMinimumWidth(std::max(wanted, m_docks.tour->minimumSizeHint().width()));
    QTimer::singleShot(0, &m_window, [this] {
        if (m_presenting && m_docks.tour->isVisible())
            m_window.resizeDocks({m_docks.tour, m_docks.charts}, {screenWidth() * 2 / 5, screenWidth() * 3 / 5},
                                 Qt::Horizontal);
    });
}

int WindowLayout::screenWidth() const
{
    const QScreen *screen = m_window.screen() ? m_window.screen() : QGuiApplication::primaryScreen();
    return screen ? screen->geometry().width() : m_window.width();
}

bool WindowLayout::isCompact(QSize available) { return available.height() < 900 || available.width() < 1500; }

void WindowLayout::arrangeForScreen(QSize available)
{
    m_compact = isCompact(available);
    if (!m_compact)
        return;
    // A laptop or projector screen (1366×768, 1280×720): the side docks, the narration among them,
    // share one tab group on the left; the charts have the bottom to themselves, so the three
    // columns keep their height.
    m_window.removeDockWidget(m_docks.narration);
    m_window.tabifyDockWidget(m_docks.scenario, m_docks.note);
    m_window.tabifyDockWidget(m_docks.note, m_docks.narration);
    // The exercises join them. Beside the charts their tab bar took 17 px of height the window does
    // not have at 720; with four tabs the note's title is shortened so every title fits.
    m_window.removeDockWidget(m_docks.exercises);
    m_window.tabifyDockWidget(m_docks.narration, m_docks.exercises);
    m_docks.note->setWindowTitle(QStringLiteral("Note"));
    m_docks.exercises->show();
    m_docks.narration->show();
    m_docks.scenario->raise();
    m_window.resizeDocks({m_docks.scenario}, {280}, Qt::Horizontal);
    m_window.resizeDocks({m_docks.charts}, {kCompactChartsHeight}, Qt::Vertical);
}

QSize fittedSize(QSize wanted, QSize available)
{
    // Room for the window manager's title bar and borders, which resize() does not count.
    const QSize inside = available - QSize(8, 40);
    return wanted.boundedTo(inside.expandedTo(QSize(640, 480)));
}

double WindowLayout::presentationScale(int screenHeight, double normalPixels)
{
    // Designed for 1920×1080, where the body text is kPresentationBodyPx; a smaller screen scales
    // it with its height (a projector enlarges whatever it gets), never below the normal size.
    const double wanted = kPresentationBodyPx * screenHeight / 1080.0;
    return normalPixels > 0 ? std::max(1.0, wanted / normalPixels) : 1.0;
}

int WindowLayout::tourPixels(int screenHeight)
{
    return std::max(14, qRound(kPresentationTourPx * screenHeight / 1080.0));
}

int WindowLayout::presentationChartsHeight() const
{
    // The rows first, at the height that shows their numbers at full size (or their least, if
    // larger); the chart and the tour take the rest, between a quarter and two fifths of the window.
    int missing = 0;
    for (const ModelColumn *c : m_columns)
        missing += std::max(c->minimumSizeHint().height(), c->rowHeightForNumbers()) + 2 - c->height(); // +2: rounding
    const int height = m_window.height();
    return std::clamp(m_docks.charts->height() - missing, std::max(kChartsMinHeight, height / 4), height * 2 / 5);
}

void WindowLayout::windowResized()
{
    // Measured once the rows have their projector fonts and the window its new size.
    if (m_presenting)
        QTimer::singleShot(0, &m_window, [this] {
            if (m_presenting)
                m_window.resizeDocks({m_docks.charts}, {presentationChartsHeight()}, Qt::Vertical);
        });
}

void WindowLayout::setPresentationMode(bool on)
{
    if (on == m_presenting)
        return;
    m_presenting = on;
    // What stays on screen takes the large text; the scenario, note and narration docks go.
    const std::array<QWidget *, 2> shown{m_window.centralWidget(), m_docks.charts};
    setProjectorPalette(on);
    m_window.setProperty(kPresentationProperty, on);
    m_tour->setPresenting(on);
    if (on) {
        m_normalState = m_window.saveState();
        m_normalGeometry = m_window.saveGeometry();
        for (QDockWidget *d : {m_docks.scenario, m_docks.note, m_docks.narration, m_docks.exercises})
            d->hide();
        const QScreen *screen = m_window.screen() ? m_window.screen() : QGuiApplication::primaryScreen();
        const int height = screen ? screen->geometry().height() : 1080;
        m_scale = presentationScale(height, QFontInfo(m_window.font()).pixelSize());
        // In points: the views size their text relative to the font's point size (sizedFont).
        QFont big = m_window.font();
        big.setPointSizeF(QFontInfo(m_window.font()).pointSizeF() * m_scale);
        for (QWidget *w : shown)
            w->setFont(big);
        QFont tourFont = m_window.font();
        tourFont.setPointSizeF(tourPixels(height) * 72.0 / std::max(1, m_window.logicalDpiY()));
        m_docks.tour->setFont(tourFont);
        // The chart's text grows with the screen only where the chart has the height for it: on a
        // 720-line screen its axes would have no room left for their labels.
        m_charts->setTextScale(height >= 900 ? m_scale : 1.0);
        m_charts->setProjectorStyle(true);
        m_charts->setOneChartAtATime(true);
        // No dock title bars: their height goes to the chart and the tour (F5 again or Esc leaves).
        for (QDockWidget *d : {m_docks.charts, m_docks.tour})
            d->setTitleBarWidget(new QWidget(d));
        // One row per model, each the screen's width: room for numbers a room can read.
        m_columnsBox->setDirection(QBoxLayout::TopToBottom);
        for (ModelColumn *c : m_columns)
            c->setRowArrangement(true);
        // The tour's text beside the one chart, under the models: the room reads across, not down a
        // narrow side panel. The charts keep about two fifths of the height.
        m_window.addDockWidget(Qt::BottomDockWidgetArea, m_docks.tour);
        m_window.splitDockWidget(m_docks.tour, m_docks.charts, Qt::Horizontal);
        m_docks.charts->show();
        m_window.statusBar()->hide();
        m_window.menuBar()->hide(); // its height goes to the tour; every shortcut still works
        m_window.showFullScreen();
        if (m_docks.tour->isVisible())
            placeTourBesideChart();
        // The models first: the chart and the tour take what their rows leave (windowResized).
        m_window.resizeDocks({m_docks.charts}, {std::max(kChartsMinHeight, height / 4)}, Qt::Vertical);
        windowResized();
    } else {
        // A font with nothing set: the widgets inherit the window's again.
        for (QWidget *w : shown)
            w->setFont(QFont());
        m_docks.tour->setFont(QFont());
        m_docks.tour->setMinimumWidth(0); // its content's minimum again
        m_scale = 1;
        m_charts->setTextScale(1);
        m_charts->setProjectorStyle(false);
        m_charts->setOneChartAtATime(false);
        for (QDockWidget *d : {m_docks.charts, m_docks.tour}) {
            delete d->titleBarWidget();
            d->setTitleBarWidget(nullptr);
        }
        m_columnsBox->setDirection(QBoxLayout::LeftToRight);
        for (ModelColumn *c : m_columns)
            c->setRowArrangement(false);
        m_window.statusBar()->show();
        m_window.menuBar()->show();
        m_window.showNormal();
        m_window.restoreGeometry(m_normalGeometry);
        m_window.restoreState(m_normalState);
        m_docks.tour->setVisible(m_tour->isActive()); // the tour may have ended or begun since
        m_status->clear();
    }
}

QByteArray WindowLayout::normalGeometry() const
{
    // Presentation mode is a moment, not a layout: the window as it was before it is what persists.
    return m_presenting ? m_normalGeometry : m_window.saveGeometry();
}

QByteArray WindowLayout::normalState() const { return m_presenting ? m_normalState : m_window.saveState(); }

} // namespace conviz::gui
