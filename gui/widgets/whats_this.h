// Help in place: Shift+F1 (Help › What's This?) then a click, or Shift+F1 on the focused control,
// shows what a view or control shows and how to read it. The texts live here, in one place, and
// are found by the widget's type or object name, walking up from the widget clicked to the first
// that has one — so a knob rebuilt for a new scenario, or a chip inside the scheduler view, has
// its help without each widget setting it.
#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace conviz::gui {

// The What's This text for `w`: its own if it has one (QWidget::whatsThis), else the first found
// for it or an ancestor; empty if none has any. Rich text.
QString whatsThisText(const QWidget *w);

// The What's This text of a window action by its object name ("bookmarkThisMoment"); empty if none.
QString whatsThisForAction(const QString &objectName);

// Installed on the application: answers What's This queries and requests (QEvent::QueryWhatsThis,
// QEvent::WhatsThis) for every widget whatsThisText knows, and Shift+F1 outside What's This mode:
// the focused widget's text below it, or What's This mode when it has none.
class WhatsThisGuide : public QObject {
public:
    explicit WhatsThisGuide(QObject *parent = nullptr) : QObject(parent) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
};

} // namespace conviz::gui
