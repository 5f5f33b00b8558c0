#include "gui/app/presenter_tools.h"

#include "gui/widgets/presenter_overlay.h"

#include <QAction>
#include <QApplication>
#include <QInputDialog>
#include <QKeyEvent>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QShortcutEvent>
#include <QWindow>

namespace conviz::gui {
namespace {

const QString kCaptionsKey = QStringLiteral("present/captions");
const QString kMinutesKey = QStringLiteral("present/countdownMinutes");

// "Guided &tour of this preset\tCtrl+T" → "Guided tour of this preset".
QString plainText(const QAction *a)
{
    QString text = a->text().section(QLatin1Char('\t'), 0, 0);
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

} // namespace

PresenterTools::PresenterTools(QMainWindow &window) : QObject(&window), m_window(window)
{
    m_overlay = new PresenterOverlay(&window);
    m_promptMinutes = [this](int last) -> std::optional<int> {
        bool ok = false;
        const int minutes = QInputDialog::getInt(&m_window, QStringLiteral("Countdown"),
                                                 QStringLiteral("Minutes for the exercise:"), last, 1, 90, 1, &ok);
        return ok ? std::optional<int>(minutes) : std::nullopt;
    };
    m_lastMinutes = QSettings().value(kMinutesKey, 5).toInt();

    auto *menu = new QMenu(QStringLiteral("P&resent"), &window);
    const QList<QAction *> tops = window.menuBar()->actions();
    window.menuBar()->insertMenu(tops.isEmpty() ? nullptr : tops.back(), menu); // Help stays last

    m_spotlight = add(QStringLiteral("&Spotlight"), QKeySequence(Qt::CTRL | Qt::Key_1),
                      QStringLiteral("Dims everything but one region of the window. Drag to choose the region; a "
                                     "click moves it there. Ctrl+1 again turns it off."));
    m_pointer = add(QStringLiteral("&Pointer"), QKeySequence(Qt::CTRL | Qt::Key_2),
                    QStringLiteral("A large dot in place of the mouse pointer, visible from the back of a room."));
    m_pen = add(QStringLiteral("P&en"), QKeySequence(Qt::CTRL | Qt::Key_3),
                QStringLiteral("Draw over the window with the mouse. Ctrl+Z undoes the last stroke, Ctrl+Backspace "
                               "erases them all; the strokes stay when the pen is put away."));
    for (QAction *a : {m_spotlight, m_pointer, m_pen}) {
        a->setCheckable(true);
        menu->addAction(a);
    }
    const auto choose = [this](PresenterOverlay::Tool tool, bool on) {
        if (on)
            m_overlay->setTool(tool);
        else if (m_overlay->tool() == tool)
            m_overlay->setTool(PresenterOverlay::Tool::None);
    };
    connect(m_spotlight, &QAction::toggled, this, [=](bool on) { choose(PresenterOverlay::Tool::Spotlight, on); });
    connect(m_pointer, &QAction::toggled, this, [=](bool on) { choose(PresenterOverlay::Tool::Pointer, on); });
    connect(m_pen, &QAction::toggled, this, [=](bool on) { choose(PresenterOverlay::Tool::Pen, on); });

    m_undo = add(QStringLiteral("&Undo pen stroke"), QKeySequence(Qt::CTRL | Qt::Key_Z),
                 QStringLiteral("Removes the pen's last stroke."));
    m_erase = add(QStringLiteral("E&rase pen strokes"), QKeySequence(Qt::CTRL | Qt::Key_Backspace),
                  QStringLiteral("Removes every stroke of the pen."));
    connect(m_undo, &QAction::triggered, m_overlay, &PresenterOverlay::undoStroke);
    connect(m_erase, &QAction::triggered, m_overlay, &PresenterOverlay::clearStrokes);
    menu->addAction(m_undo);
    menu->addAction(m_erase);
    menu->addSeparator();

    m_freeze = add(QStringLiteral("&Freeze the picture"), QKeySequence(Qt::CTRL | Qt::Key_4),
                   QStringLiteral("Holds the window's picture still while you talk; the run goes on underneath. "
                                  "Ctrl+4 again shows it as it is now."));
    m_freeze->setCheckable(true);
    connect(m_freeze, &QAction::toggled, m_overlay, &PresenterOverlay::setFrozen);
    m_countdown = add(QStringLiteral("&Countdown…"), QKeySequence(Qt::CTRL | Qt::Key_5),
                      QStringLiteral("A countdown in the corner for an exercise: asks for the minutes, then counts "
                                     "down; Ctrl+5 again stops it."));
    connect(m_countdown, &QAction::triggered, this, &PresenterTools::toggleCountdown);
    m_captions = add(QStringLiteral("Show &keys as captions"), QKeySequence(Qt::CTRL | Qt::Key_6),
                     QStringLiteral("While presenting, each shortcut you use is named at the bottom of the screen, "
                                    "since the audience cannot see your keys."));
    m_captions->setCheckable(true);
    m_captions->setChecked(QSettings().value(kCaptionsKey, true).toBool());
    connect(m_captions, &QAction::toggled, this, [](bool on) { QSettings().setValue(kCaptionsKey, on); });
    for (QAction *a : {m_freeze, m_countdown, m_captions})
        menu->addAction(a);
    menu->addSeparator();
    QAction *off = add(QStringLiteral("&All presenter tools off"), QKeySequence(Qt::CTRL | Qt::Key_0),
                       QStringLiteral("Puts every tool away, erases the pen, unfreezes and stops the countdown."));
    connect(off, &QAction::triggered, this, &PresenterTools::allOff);
    menu->addAction(off);

    connect(m_overlay, &PresenterOverlay::changed, this, &PresenterTools::syncActions);
    syncActions();
    qApp->installEventFilter(this);
}

PresenterTools::~PresenterTools() { qApp->removeEventFilter(this); }

QAction *PresenterTools::add(const QString &text, const QKeySequence &key, const QString &whatsThis)
{
    auto *a = new QAction(text, &m_window);
    a->setShortcut(key);
    a->setWhatsThis(whatsThis);
    a->setToolTip(whatsThis);
    m_window.addAction(a); // the window's: its shortcut works with the menu bar hidden
    return a;
}

void PresenterTools::setPresenting(bool on) { m_presenting = on; }

void PresenterTools::setMinutesPrompt(std::function<std::optional<int>(int)> prompt)
{
    m_promptMinutes = std::move(prompt);
}

void PresenterTools::setTourRunning(std::function<bool()> running) { m_tourRunning = std::move(running); }

void PresenterTools::allOff()
{
    m_overlay->setTool(PresenterOverlay::Tool::None);
    m_overlay->clearStrokes();
    m_overlay->setFrozen(false);
    m_overlay->startCountdown(0);
    syncActions();
}

void PresenterTools::toggleCountdown()
{
    if (m_overlay->countdownRunning()) {
        m_overlay->startCountdown(0);
        return;
    }
    const std::optional<int> minutes = m_promptMinutes ? m_promptMinutes(m_lastMinutes) : std::nullopt;
    if (!minutes || *minutes <= 0)
        return;
    m_lastMinutes = *minutes;
    QSettings().setValue(kMinutesKey, m_lastMinutes);
    m_overlay->startCountdown(*minutes * 60);
}

void PresenterTools::syncActions()
{
    const PresenterOverlay::Tool tool = m_overlay->tool();
    const std::pair<QAction *, bool> checks[] = {{m_spotlight, tool == PresenterOverlay::Tool::Spotlight},
                                                 {m_pointer, tool == PresenterOverlay::Tool::Pointer},
                                                 {m_pen, tool == PresenterOverlay::Tool::Pen},
                                                 {m_freeze, m_overlay->frozen()}};
    for (const auto &[action, on] : checks) {
        const QSignalBlocker block(action);
        action->setChecked(on);
    }
    m_undo->setEnabled(m_overlay->strokeCount() > 0);
    m_erase->setEnabled(m_overlay->strokeCount() > 0);
    m_countdown->setText(m_overlay->countdownRunning() ? QStringLiteral("Stop the &countdown")
                                                       : QStringLiteral("&Countdown…"));
}

void PresenterTools::captionFor(const QKeySequence &key, const QString &what)
{
    if (!m_captions->isChecked())
        return;
    if (!m_presenting && m_overlay->tool() == PresenterOverlay::Tool::None)
        return;
    // Spelled out for an audience: "PgDown" is a keyboard's abbreviation.
    QString keys = key.toString(QKeySequence::NativeText);
    keys.replace(QStringLiteral("PgDown"), QStringLiteral("Page Down"))
        .replace(QStringLiteral("PgUp"), QStringLiteral("Page Up"));
    m_overlay->showCaption(what.isEmpty() ? keys : QStringLiteral("%1   %2").arg(keys, what));
}

bool PresenterTools::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Shortcut) {
        if (auto *action = qobject_cast<QAction *>(watched); action && m_window.actions().contains(action))
            captionFor(static_cast<QShortcutEvent *>(event)->key(), plainText(action));
    } else if (event->type() == QEvent::KeyPress && m_tourRunning && m_tourRunning()) {
        // A clicker's keys step a running tour: the tour takes them before any shortcut.
        const auto *key = static_cast<QKeyEvent *>(event);
        if (watched == static_cast<QObject *>(m_window.windowHandle()) && !key->isAutoRepeat()) {
            if (key->key() == Qt::Key_PageDown)
                captionFor(QKeySequence(Qt::Key_PageDown), QStringLiteral("Next tour step"));
            else if (key->key() == Qt::Key_PageUp)
                captionFor(QKeySequence(Qt::Key_PageUp), QStringLiteral("Previous tour step"));
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace conviz::gui
