// What each core ran over time, around the playback instant: one lane per core, work in the
// model's colour, overheads (switches, spawns, stack copies) in grey. The three columns share
// one viewport (PlaybackState::axis): wheel zooms, drag pans, click moves the clock (and follows the
// request of the span clicked, or stops following on idle time), double-click follows the clock
// again. A followed request's spans are outlined, every other span fades.
#pragma once

#include "gui/widgets/model_view.h"

#include <QPixmap>

namespace conviz::gui {

class TimelineView : public ModelView {
    Q_OBJECT
public:
    TimelineView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, 130}; }
    QSize minimumSizeHint() const override { return {projector().on ? 150 : 200, projector().on ? 50 : 56}; }
    TextLayout textLayout() override;
    // Where core `core`'s lane is drawn now, view coordinates (tests click in it).
    QRectF laneRect(int core) const;
    // The request of the span drawn at `pos`, within 2 px (kNoRequest: idle there, or no span).
    std::uint32_t requestAt(QPointF pos) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Room for "core 15" before the plot; the time axis's height. Both follow the font.
    double plotLeft() const;
    double axisHeight() const;
    void paintCore(QPainter &p, int core, QRectF lane);
    void paintFollowed(QPainter &p, const QRectF &plot, double laneH, double gap);
    // The plot (lanes) area at the present size.
    QRectF plotRect() const;

    // What the lanes' picture depends on: while it stays the same (a preview keeps the traces, the
    // clock moves with the view still), a repaint copies the picture instead of decoding every span.
    struct LanesKey {
        double start = 0, span = 0, width = 0;
        QRectF plot;
        double lineWidth = 0;
        qreal pixelRatio = 0;
        quint32 followed = 0;
        std::size_t followedSpans = 0;
        QRgb colour = 0; // the model's
        friend bool operator==(const LanesKey &, const LanesKey &) = default;
    };
    // The grid, the lanes, the followed request and the cut, drawn into m_lanes if `key` is new.
    void paintLanes(const std::shared_ptr<const TraceIndex> &index, const LanesKey &key, const TextLayout &text);

    QPixmap m_lanes;
    std::weak_ptr<const TraceIndex> m_lanesIndex; // weak: the picture keeps no trace alive
    LanesKey m_lanesKey;
    double m_pressX = -1;
    double m_lastX = 0;
    bool m_dragged = false;
};

} // namespace conviz::gui
