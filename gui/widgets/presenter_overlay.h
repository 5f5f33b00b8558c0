// A presenter's tools, drawn over the whole window: a spotlight that dims everything but one region,
// a pointer dot that follows the mouse, a pen whose strokes can be undone, a frozen frame (the
// window as it was, while the run goes on underneath), a countdown for exercises, and a caption
// naming the shortcut just used, since an audience cannot see the keys. Clicks pass through to the
// window unless a tool that needs the mouse is on. Sizes follow the window's height, so the marks
// stay readable from the back of a room. GUI thread only.
#pragma once

#include <QElapsedTimer>
#include <QPainterPath>
#include <QPixmap>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <vector>

namespace conviz::gui {

class PresenterOverlay : public QWidget {
    Q_OBJECT
public:
    enum class Tool { None, Spotlight, Pointer, Pen };

    // Covers `window` (resized with it) and stays above its other children.
    explicit PresenterOverlay(QWidget *window);

    Tool tool() const { return m_tool; }
    // Turns a tool on (another one off); None turns the mouse back over to the window.
    void setTool(Tool tool);

    // The region the spotlight leaves lit, in window coordinates. By default the middle of the window.
    QRect spotlight() const { return m_spotlight; }
    void setSpotlight(const QRect &region);

    // Pen strokes drawn so far; undo removes the last one, clear all of them.
    int strokeCount() const { return static_cast<int>(m_strokes.size()); }
    void undoStroke();
    void clearStrokes();

    // Freezes the picture as the window shows it now, or lets it move again.
    void setFrozen(bool frozen);
    bool frozen() const { return !m_frozen.isNull(); }

    // A countdown of `seconds` from now; 0 stops it. After it ends "Time's up" stays until stopped.
    void startCountdown(int seconds);
    bool countdownRunning() const { return m_countdownSeconds > 0; }
    // What the countdown shows: "2:59", "0:05", "Time's up"; empty when there is none.
    QString countdownText() const;
    // The clock the countdown reads, in ms; tests set one they can move.
    void setClock(std::function<qint64()> msSinceStart);

    // Shows `text` (e.g. "Ctrl+T  Guided tour of this preset") at the bottom for `ms`.
    void showCaption(const QString &text, int ms = 1800);
    QString caption() const { return m_captionTimer.isActive() ? m_caption : QString(); }

    // Whether anything is drawn at all (a tool, a frozen frame, a countdown or a caption).
    bool active() const;

Q_SIGNALS:
    // The state changed in a way the menu shows (the tool, frozen, the countdown, the strokes).
    void changed();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Pixels for a mark of `px` on a 1080-pixel-high window.
    double scaled(double px) const;
    void refresh(); // shows or hides, passes the mouse through or not, repaints
    // The spotlight's dimming and the pen's strokes, drawn once into m_layer when they change: the
    // overlay covers the window, so every repaint under it (the animation's) repaints it too.
    void paintLayer();
    void invalidateLayer();
    bool coveredBySibling() const;
    void paintCountdown(QPainter &p);
    void paintCaption(QPainter &p);

    Tool m_tool = Tool::None;
    QRect m_spotlight;
    QPoint m_dragFrom;
    bool m_dragging = false;
    QPoint m_pointer{-1, -1};
    std::vector<QPainterPath> m_strokes;
    QPixmap m_frozen;
    QPixmap m_layer;
    bool m_layerValid = false;
    std::function<qint64()> m_clock;
    QElapsedTimer m_elapsed;
    qint64 m_countdownEnd = 0;
    int m_countdownSeconds = 0;
    QTimer m_countdownTick;
    QString m_caption;
    QTimer m_captionTimer;
};

} // namespace conviz::gui
