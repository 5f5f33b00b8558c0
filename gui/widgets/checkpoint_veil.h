// What a tour checkpoint draws over the window (docs/tours.md, "Checkpoints"): an opaque veil over
// each view that would give the answer away until the reveal, and after it a badge over the
// answer's view with the room's prediction beside the result. Both follow their view through
// layout changes and cover nothing while it is off screen.
#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>

namespace conviz::gui {

// A widget of the window that keeps itself over (part of) another widget, which may sit deep in a
// dock: it is a child of the window, raised above the views, and moves with the target.
class TargetOverlay : public QWidget {
    Q_OBJECT
public:
    explicit TargetOverlay(QWidget *target);
    ~TargetOverlay() override;
    QWidget *target() const { return m_target; }
    // The target's rectangle in the window's coordinates; empty while it is not on screen.
    QRect targetRect() const;

protected:
    // Where the overlay sits, given the target's rectangle in the window's coordinates.
    virtual QRect placed(const QRect &target) const { return target; }
    void follow();
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void watch(bool on);
    QPointer<QWidget> m_target;
};

// "Hidden until the reveal": opaque, so nothing of the view shows through, and it takes the
// clicks (a hover tooltip would tell the answer).
class CheckpointVeil : public TargetOverlay {
    Q_OBJECT
public:
    explicit CheckpointVeil(QWidget *target);

protected:
    void paintEvent(QPaintEvent *event) override;
};

// The prediction against the result, in a strip along the bottom of the answer's view.
class PredictionBadge : public TargetOverlay {
    Q_OBJECT
public:
    PredictionBadge(QWidget *target, const QString &text);
    QString text() const { return m_text; }

protected:
    QRect placed(const QRect &target) const override;
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_text;
};

} // namespace conviz::gui
