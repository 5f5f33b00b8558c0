#include "gui/app/app_actions.h"

#include "gui/app/session.h"
#include "gui/app/window_layout.h"
#include "gui/core/playback_state.h"
#include "gui/export/export_actions.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/shortcuts_dialog.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QWhatsThis>

#include <vector>

namespace conviz::gui {

AppActions::AppActions(QMainWindow &window, Session &session, PlaybackState &playback, ExportActions &exports,
                       const WindowLayout &layout)
    : QObject(&window), m_window(window), m_session(session)
{
    buildFileMenu(exports);
    buildPlaybackMenu(playback);
    buildViewMenu(layout);
    buildHelpMenu();
    // Every shortcut belongs to the window, not only to its menu: presentation mode hides the menu
    // bar, and a shortcut whose only widget is hidden stops working.
    std::vector<QMenu *> menus;
    for (QAction *top : m_window.menuBar()->actions())
        if (top->menu())
            menus.push_back(top->menu());
    while (!menus.empty()) {
        QMenu *menu = menus.back();
        menus.pop_back();
        for (QAction *a : menu->actions()) {
            if (a->menu())
                menus.push_back(a->menu());
            else if (!a->shortcuts().isEmpty())
                windowWide(a);
        }
    }
}

QAction *AppActions::windowWide(QAction *action)
{
    m_window.addAction(action);
    return action;
}

void AppActions::buildFileMenu(ExportActions &exports)
{
    QMenu *file = m_window.menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(QStringLiteral("&Open…"), QKeySequence::Open, this, [this] { m_session.chooseAndOpen(); });
    m_recentMenu = file->addMenu(QStringLiteral("Open &recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &AppActions::fillRecentMenu);
    file->addAction(QStringLiteral("&Save"), QKeySequence::Save, this, [this] { m_session.save(); });
    file->addAction(QStringLiteral("Save &as…"), QKeySequence::SaveAs, this, [this] { m_session.saveAs(); });
    file->addSeparator();
    exports.addMenu(file);
    file->addSeparator();
    file->addAction(QStringLiteral("&Quit"), QKeySequence::Quit, &m_window, &QWidget::close);
}

void AppActions::buildPlaybackMenu(PlaybackState &playback)
{
    QMenu *play = m_window.menuBar()->addMenu(QStringLiteral("&Playback"));
    auto add = [&](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        QAction *a = play->addAction(text);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, &playback, slot);
    };
    add(QStringLiteral("Play / pause"), {QKeySequence(Qt::Key_Space)}, &PlaybackState::togglePlaying);
    add(QStringLiteral("Step forward"), {QKeySequence(Qt::Key_Right)}, &PlaybackState::stepForward);
    add(QStringLiteral("Step back"), {QKeySequence(Qt::Key_Left)}, &PlaybackState::stepBack);
    add(QStringLiteral("Faster"), {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)}, &PlaybackState::faster);
    add(QStringLiteral("Slower"), {QKeySequence(Qt::Key_Minus)}, &PlaybackState::slower);
    QAction *start = play->addAction(QStringLiteral("Go to start"));
    start->setShortcut(QKeySequence(Qt::Key_Home));
    connect(start, &QAction::triggered, &playback, [&playback] { playback.setTime(0); });
    QAction *end = play->addAction(QStringLiteral("Go to end"));
    end->setShortcut(QKeySequence(Qt::Key_End));
    connect(end, &QAction::triggered, &playback, [&playback] { playback.setTime(playback.duration()); });
}

void AppActions::buildViewMenu(const WindowLayout &layout)
{
    QMenu *view = m_window.menuBar()->addMenu(QStringLiteral("&View"));
    const WindowLayout::Docks &docks = layout.docks();
    for (QDockWidget *d : {docks.scenario, docks.note, docks.charts, docks.narration})
        view->addAction(d->toggleViewAction()); // the tour's dock comes and goes with the tour
    view->addSeparator();
    QAction *logBars = view->addAction(QStringLiteral("Stack memory on a &log scale"));
    logBars->setCheckable(true);
    logBars->setObjectName(QStringLiteral("stackLogScale")); // a bookmark reads and sets it
    logBars->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    logBars->setToolTip(QStringLiteral("One bar per model on a shared logarithmic byte axis instead of tiles at "
                                       "one area scale: for contrasts of a million to one"));
    connect(logBars, &QAction::toggled, this, [columns = layout.columns()](bool on) {
        for (ModelColumn *c : columns)
            c->setStackLogBars(on);
    });
    m_present = view->addAction(QStringLiteral("&Presentation mode"));
    m_present->setCheckable(true);
    m_present->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
    m_present->setToolTip(QStringLiteral("Full screen, large text, only the models and the charts (Esc leaves)"));
    connect(m_present, &QAction::toggled, this, &AppActions::presentationRequested);
    m_leavePresentation = windowWide(new QAction(QStringLiteral("Leave presentation mode"), &m_window));
    m_leavePresentation->setShortcut(QKeySequence(Qt::Key_Escape));
    m_leavePresentation->setEnabled(false);
    connect(m_leavePresentation, &QAction::triggered, this, [this] { Q_EMIT presentationRequested(false); });
}

void AppActions::buildHelpMenu()
{
    QMenu *help = m_window.menuBar()->addMenu(QStringLiteral("&Help"));
    m_tour = help->addAction(QStringLiteral("&Guided tour of this preset"));
    m_tour->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    connect(m_tour, &QAction::triggered, this, &AppActions::tourRequested);
    // The keys a presenter's clicker sends (Page Down / Page Up, Space, the arrows) go to the tour
    // while it runs, wherever the focus is: TourPanel takes them, before any shortcut here.
    // Shift+F1 itself is WhatsThisGuide's (on the focused widget, before any shortcut); the menu
    // item enters What's This mode for a click, and shows the key in its shortcut column.
    QAction *whatsThis = help->addAction(QStringLiteral("What's This?\tShift+F1"));
    connect(whatsThis, &QAction::triggered, this, [] { QWhatsThis::enterWhatsThisMode(); });
    QAction *windowTour = help->addAction(QStringLiteral("Tour of the &window")); // window_tour_stops.h
    windowTour->setShortcut(QKeySequence(Qt::Key_F1));
    connect(windowTour, &QAction::triggered, this, &AppActions::windowTourRequested);
    help->addSeparator();
    QAction *keys = help->addAction(QStringLiteral("Keyboard shortcuts"));
    keys->setShortcut(QKeySequence(Qt::Key_Question));
    connect(keys, &QAction::triggered, this, [this] { ShortcutsDialog(&m_window).exec(); });
    help->addAction(QStringLiteral("About conviz"), this, [this] {
        QMessageBox::about(&m_window, QStringLiteral("About conviz"),
                           QStringLiteral("<b>conviz</b><p>One workload under goroutine-like fibers, a Node.js-style "
                                          "event loop and OS threads, on one simulated clock.</p>"));
    });
}

void AppActions::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_session.recentFiles();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { m_session.switchTo(path); })
            ->setToolTip(path);
    if (recent.isEmpty())
        m_recentMenu->addAction(QStringLiteral("(none yet)"))->setEnabled(false);
}

void AppActions::setPresenting(bool on)
{
    {
        const QSignalBlocker block(m_present);
        m_present->setChecked(on);
    }
    m_leavePresentation->setEnabled(on);
}

void AppActions::setTourAvailable(bool available) { m_tour->setEnabled(available); }

bool AppActions::tourAvailable() const { return m_tour->isEnabled(); }

} // namespace conviz::gui
