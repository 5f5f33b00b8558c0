// Every menu and keyboard shortcut of the main window: File (open, recent, save, export, quit),
// Playback (space, arrows, +/-, Home/End), View (the docks, presentation mode: F5, Ctrl+Shift+P,
// Esc leaves) and Help (guided tour: Ctrl+T; tour of the window: F1; shortcuts: ?; about). The
// tour's own keys (Page Down / Page Up, Space, the arrows while a tour runs) are the TourPanel's,
// not shortcuts. Each action calls the object it belongs to; what needs the whole window
// (presentation mode, starting a tour) is asked for with a signal. Shortcuts are the window's, so
// they work with the menu bar hidden. GUI thread only.
#pragma once

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace conviz::gui {

class ExportActions;
class PlaybackState;
class Session;
class WindowLayout;

class AppActions : public QObject {
    Q_OBJECT
public:
    // Fills `window`'s menu bar; the other arguments must outlive the actions.
    AppActions(QMainWindow &window, Session &session, PlaybackState &playback, ExportActions &exports,
               const WindowLayout &layout);

    // Shows presentation mode as on or off (the View menu's check, Esc enabled) without asking again.
    void setPresenting(bool on);
    // Whether Help › Guided tour is enabled: the open scenario has a tour.
    void setTourAvailable(bool available);
    bool tourAvailable() const;

Q_SIGNALS:
    void presentationRequested(bool on);
    void tourRequested();
    void windowTourRequested();

private:
    void buildFileMenu(ExportActions &exports);
    void buildPlaybackMenu(PlaybackState &playback);
    void buildViewMenu(const WindowLayout &layout);
    void buildHelpMenu();
    void fillRecentMenu();
    // Adds `action` to the window so its shortcut works wherever the focus is in it.
    QAction *windowWide(QAction *action);

    QMainWindow &m_window;
    Session &m_session;
    QMenu *m_recentMenu = nullptr;
    QAction *m_present = nullptr;
    QAction *m_leavePresentation = nullptr;
    QAction *m_tour = nullptr;
};

} // namespace conviz::gui
