// The Present menu: the presenter's tools over the whole window (gui/widgets/presenter_overlay.h)
// with keys a presenter can reach without looking: Ctrl+1 spotlight, Ctrl+2 pointer, Ctrl+3 pen,
// Ctrl+Z undoes the last stroke, Ctrl+Backspace erases them all, Ctrl+4 freezes the picture,
// Ctrl+5 starts or stops a countdown, Ctrl+6 shows each shortcut used as a caption, Ctrl+0 turns
// every tool off. Captions appear while presenting or while a tool is on. GUI thread only.
#pragma once

#include <QObject>

#include <functional>
#include <optional>

class QAction;
class QMainWindow;

namespace conviz::gui {

class PresenterOverlay;

class PresenterTools : public QObject {
    Q_OBJECT
public:
    // Adds the Present menu to `window`'s menu bar, before Help.
    explicit PresenterTools(QMainWindow &window);
    ~PresenterTools() override;

    PresenterOverlay &overlay() const { return *m_overlay; }

    // Presentation mode on or off: captions follow it.
    void setPresenting(bool on);
    // Asks for the countdown's minutes (a dialog by default); nullopt: cancelled. Tests set their own.
    void setMinutesPrompt(std::function<std::optional<int>(int lastMinutes)> prompt);
    // Whether a tour is running, to name Page Up / Page Down in captions.
    void setTourRunning(std::function<bool()> running);

    // Everything off: no tool, not frozen, no countdown, no strokes.
    void allOff();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QAction *add(const QString &text, const QKeySequence &key, const QString &whatsThis);
    void toggleCountdown();
    void syncActions();
    void captionFor(const QKeySequence &key, const QString &what);

    QMainWindow &m_window;
    PresenterOverlay *m_overlay = nullptr;
    QAction *m_spotlight = nullptr, *m_pointer = nullptr, *m_pen = nullptr;
    QAction *m_undo = nullptr, *m_erase = nullptr, *m_freeze = nullptr, *m_countdown = nullptr;
    QAction *m_captions = nullptr;
    bool m_presenting = false;
    int m_lastMinutes = 5;
    std::function<std::optional<int>(int)> m_promptMinutes;
    std::function<bool()> m_tourRunning;
};

} // namespace conviz::gui
