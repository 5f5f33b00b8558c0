#include "gui/app/follow_actions.h"

#include "gui/core/playback_state.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

#include <limits>

namespace conviz::gui {

FollowActions::FollowActions(QMainWindow &window, PlaybackState &playback)
    : QObject(&window), m_window(window), m_playback(playback)
{
    m_follow = new QAction(QStringLiteral("&Follow a request…"), &window);
    m_follow->setObjectName(QStringLiteral("followRequest"));
    m_follow->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_follow->setShortcutContext(Qt::WindowShortcut);
    m_follow->setToolTip(QStringLiteral("Highlight one request in all three columns, with its life as a strip in "
                                        "each (or click a task, a span or a narration line naming it); Esc stops"));
    connect(m_follow, &QAction::triggered, this, &FollowActions::askForRequest);
    window.addAction(m_follow); // works while the menu bar is hidden (presentation mode)
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu() && menu->text().remove(QLatin1Char('&')) == QStringLiteral("View")) {
            menu->menu()->addSeparator();
            menu->menu()->addAction(m_follow);
        }
    // Esc is watched before any shortcut sees it: it stops following first.
    qApp->installEventFilter(this);
}

void FollowActions::askForRequest()
{
    const quint32 now = m_playback.followedRequest();
    bool ok = false;
    const int request = QInputDialog::getInt(
        &m_window, QStringLiteral("Follow a request"),
        QStringLiteral("Request number (the same request in every model: one workload, one clock):"),
        now == PlaybackState::kNoFollow ? 0 : static_cast<int>(now), 0, std::numeric_limits<int>::max(), 1, &ok);
    if (ok)
        m_playback.setFollowedRequest(static_cast<quint32>(request));
}

bool FollowActions::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::ShortcutOverride && type != QEvent::KeyPress)
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    if (key->key() != Qt::Key_Escape || key->modifiers() != Qt::NoModifier)
        return false;
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || widget->window() != &m_window)
        return false;
    if (type == QEvent::KeyPress && m_swallowEscape) {
        m_swallowEscape = false;
        return true;
    }
    if (type != QEvent::ShortcutOverride)
        return false;
    m_swallowEscape = false;
    if (!m_playback.isFollowingRequest())
        return false;
    m_playback.clearFollowedRequest();
    m_swallowEscape = true; // accepted: the key press comes next, to the same widget; it is spent
    event->accept();
    return true;
}

} // namespace conviz::gui
