// Help › Tour of the window: a walk over the window's parts with the keyboard alone. Each stop
// frames its part (or parts: the same view in the three columns), dims the rest and shows a
// callout beside it with a title, a few sentences, "3 of 14" and the keys. → / Space / Enter: the
// next stop; ←: back; Home / End: the first and the last; Esc, or → past the last: leave. The
// keyboard focus moves to the framed part where it takes focus, so Tab goes on from there. A part
// in a hidden dock or a tab behind another, or a hidden menu bar, is brought forward for its stop;
// leaving puts back the focus and every dock, tab and bar the tour changed. While it runs it takes
// those keys before any shortcut or focused widget of its window (an app-wide event filter), and
// only those. GUI thread only.
#pragma once

#include <QPointer>
#include <QRect>
#include <QString>
#include <QWidget>

#include <functional>
#include <vector>

class QLabel;

namespace conviz::gui {

// One part a stop frames: a widget, or a rectangle of it (a menu bar's entry).
struct WindowTourPart {
    QPointer<QWidget> widget;
    QRect area; // in the widget's coordinates; empty: the whole widget
};

struct WindowTourStop {
    QString title;
    std::function<QString()> text;                      // rich text, 1–3 sentences; asked when shown
    std::function<std::vector<WindowTourPart>()> parts; // asked when shown (the widgets may be rebuilt)
};

class WindowTour : public QWidget {
    Q_OBJECT
public:
    // An overlay over `window`, hidden until start().
    explicit WindowTour(QWidget *window);
    ~WindowTour() override;

    void setStops(std::vector<WindowTourStop> stops);
    // The text's enlargement (presentation mode), asked at each stop; 1 when not set.
    void setTextScale(std::function<double()> scale);
    // Asked by start(): a reason not to start now (a guided tour runs), or empty.
    void setStartGuard(std::function<QString()> guard);

    // Shows the first stop; does nothing while running. Emits refused() if the guard says no.
    void start();
    // Leaves: the focus, docks, tabs and bars as they were before start().
    void stop();
    void next(); // past the last stop: leaves
    void back();
    void first();
    void last();

    bool isActive() const { return m_current >= 0; }
    int current() const { return m_current; }
    int count() const { return static_cast<int>(m_stops.size()); }
    // The current stop's framed parts, in the window's coordinates: the visible ones only.
    std::vector<QRect> frames() const;
    // The callout, in the window's coordinates.
    QRect calloutFrame() const;
    QWidget *callout() const { return m_callout; }
    QString calloutText() const; // its title, text and counter as plain text (for tests)

Q_SIGNALS:
    void started();
    void finished();
    void refused(const QString &reason);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Key { None, Next, Back, First, Last, Leave };
    static Key keyOf(const QKeyEvent &key);
    void show(int index);
    void place();
    void reveal(QWidget *part);
    void putBack(); // the docks, tabs and bars the stops changed, as at start()
    void moveFocusTo(const std::vector<WindowTourPart> &parts);

    std::vector<WindowTourStop> m_stops;
    std::vector<WindowTourPart> m_parts;        // the current stop's
    std::vector<QPointer<QWidget>> m_revealed;  // hidden widgets a stop showed, to hide again
    std::vector<QPointer<QWidget>> m_frontTabs; // the docks in front of their tab group at start()
    QPointer<QWidget> m_focusBefore;
    std::function<double()> m_scale;
    std::function<QString()> m_guard;
    int m_current = -1;
    bool m_placePending = false;
    QWidget *m_callout;
    QLabel *m_title;
    QLabel *m_text;
    QLabel *m_counter;
    QLabel *m_keys;
};

} // namespace conviz::gui
