// "Follow one request" from the keyboard: View › Follow a request… (Ctrl+F) asks for its number,
// and Esc stops following (before it does anything else, such as leaving presentation mode, so a
// presenter's first Esc clears the highlight and the second leaves). Clicks select a request in
// the views themselves (scheduler chips, timeline spans, narration lines). GUI thread only.
#pragma once

#include <QObject>

class QAction;
class QMainWindow;

namespace conviz::gui {

class PlaybackState;

class FollowActions : public QObject {
    Q_OBJECT
public:
    FollowActions(QMainWindow &window, PlaybackState &playback);

    QAction *followAction() const { return m_follow; }
    // Asks for a request number and follows it (the dialog starts at the followed one, else 0).
    void askForRequest();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QMainWindow &m_window;
    PlaybackState &m_playback;
    QAction *m_follow;
    bool m_swallowEscape = false; // the key press after the Esc that stopped following
};

} // namespace conviz::gui
