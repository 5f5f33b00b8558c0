#include "gui/widgets/timeline_view.h"

#include "gui/core/format.h"
#include "gui/core/playback_state.h"
#include "gui/widgets/palette.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <cmath>

namespace conviz::gui {

TimelineView::TimelineView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setCursor(Qt::OpenHandCursor);
    setToolTip(QStringLiteral("What each core ran. Wheel: zoom · drag: pan · click: move the clock · "
                              "double-click: follow the clock"));
    connect(&m_playback, &PlaybackState::axisChanged, this, qOverload<>(&QWidget::update));
}

void TimelineView::resizeEvent(QResizeEvent *) { m_playback.setAxisWidth(width() - plotLeft() - 4); }

void TimelineView::changeEvent(QEvent *e)
{
    ModelView::changeEvent(e);
    if (e->type() == QEvent::FontChange)
        m_playback.setAxisWidth(width() - plotLeft() - 4);
}

double TimelineView::plotLeft() const
{
    return std::max(46.0, QFontMetricsF(sizedFont(font(), -1.5)).horizontalAdvance(QStringLiteral("core 15")) + 8);
}

double TimelineView::axisHeight() const { return std::max(18.0, QFontMetricsF(sizedFont(font(), -1.5)).height() + 5); }

void TimelineView::paintCore(QPainter &p, int core, QRectF lane)
{
    const TraceIndex &index = m_state.cursor->index();
    const TimeAxis &axis = m_playback.axis();
    const auto &spans = index.trace().spans;
    const auto list = index.coreSpans(core);
    const QColor base = modelColor(m_state.model);
    const QColor work[2] = {base, base.darker(118)};
    const QColor overhead = rgbColor(kOverheadRgb);
    const QColor idleWork = tint(base, 0.55);
    const double x0 = lane.left();
    std::size_t i = index.firstSpanEndingAfter(core, Nanos{static_cast<std::int64_t>(axis.start)});
    double lastPixel = -1;
    while (i < list.size()) {
        const Span &s = spans[list[i]];
        const double a = axis.toPixel(static_cast<double>(s.start.count()));
        if (a > axis.width)
            break;
        const double b = axis.toPixel(static_cast<double>(s.end.count()));
        const QColor c = s.kind != SpanKind::Work ? overhead : s.task == 0 ? idleWork : work[s.task % 2];
        if (b - a >= 1) {
            p.fillRect(
                QRectF(x0 + std::max(a, 0.0), lane.top(), std::min(b, axis.width) - std::max(a, 0.0), lane.height()),
                c);
            ++i;
            continue;
        }
        // Sub-pixel spans: weigh the work and the overhead inside this pixel column (the first few
        // spans stand for the rest), draw the column in the larger one's colour, jump past it.
        const double px = std::floor(a);
        const double pxEnd = axis.toTime(px + 1);
        double workNs = 0, overheadNs = 0;
        QColor workColor = c;
        std::size_t k = i;
        for (int n = 0; n < 12 && k < list.size(); ++n, ++k) {
            const Span &q = spans[list[k]];
            if (static_cast<double>(q.start.count()) >= pxEnd)
                break;
            const double len = static_cast<double>((q.end - q.start).count());
            if (q.kind == SpanKind::Work) {
                workNs += len;
                workColor = q.task == 0 ? idleWork : work[q.task % 2];
            } else {
                overheadNs += len;
            }
        }
        if (px != lastPixel) {
            p.fillRect(QRectF(x0 + px, lane.top(), 1, lane.height()), workNs >= overheadNs ? workColor : overhead);
            lastPixel = px;
        }
        const std::size_t next = index.firstSpanEndingAfter(core, Nanos{static_cast<std::int64_t>(pxEnd)});
        i = std::max(i + 1, next);
    }
}

void TimelineView::paintAxis(QPainter &p, QRectF area)
{
    const TimeAxis &axis = m_playback.axis();
    const double step = tickStep(axis, 90);
    p.setFont(sizedFont(font(), -1.5));
    const QFontMetricsF fm(p.font());
    for (double t = std::ceil(axis.start / step) * step; t <= axis.end(); t += step) {
        const double x = area.left() + axis.toPixel(t);
        p.setPen(QColor(0xd0, 0xd0, 0xd0));
        p.drawLine(QPointF(x, 0), QPointF(x, area.top()));
        p.setPen(mutedInk());
        const QString label = formatDuration(t);
        const double w = fm.horizontalAdvance(label);
        if (x - w / 2 > area.left() - 20 && x + w / 2 < area.right() + 4)
            p.drawText(QPointF(x - w / 2, area.bottom() - 4), label);
    }
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    TraceCursor *cursor = cursorNow();
    if (!cursor) {
        p.setPen(mutedInk());
        p.drawText(rect(), Qt::AlignCenter, QStringLiteral("Simulating…"));
        return;
    }
    const TimeAxis &axis = m_playback.axis();
    const int cores = cursor->index().cores();
    const double axisH = axisHeight();
    const double plotH = height() - axisH - 2;
    const double laneH = plotH / cores;
    const double gap = laneH >= 8 ? 2 : 0;
    const QRectF plot(plotLeft(), 1, axis.width, plotH);
    paintAxis(p, QRectF(plot.left(), plot.bottom(), plot.width(), axisH + 1));
    p.setFont(sizedFont(font(), -1.5));
    const int labelEvery = laneH >= 11 ? 1 : static_cast<int>(std::ceil(11 / laneH));
    for (int c = 0; c < cores; ++c) {
        const QRectF lane(plot.left(), plot.top() + c * laneH + gap / 2, plot.width(), laneH - gap);
        p.fillRect(lane, QColor(0xf3, 0xf3, 0xf3));
        paintCore(p, c, lane);
        if (c % labelEvery == 0) {
            p.setPen(mutedInk());
            p.drawText(QRectF(0, lane.top() - 2, plotLeft() - 6, std::max(lane.height(), 12.0) + 4),
                       Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("core %1").arg(c));
        }
    }
    // The part after the recorded trace, if it was cut short.
    const Trace &trace = cursor->index().trace();
    if (trace.truncated()) {
        const double x = axis.toPixel(static_cast<double>(trace.truncatedAt.count()));
        if (x < axis.width)
            p.fillRect(QRectF(plot.left() + std::max(0.0, x), plot.top(), axis.width - std::max(0.0, x), plot.height()),
                       QBrush(QColor(0, 0, 0, 40), Qt::BDiagPattern));
    }
    const double now = plot.left() + axis.toPixel(static_cast<double>(paintedTime()));
    if (now >= plot.left() && now <= plot.right()) {
        p.setPen(QPen(QColor(0x11, 0x11, 0x11), 1.5));
        p.drawLine(QPointF(now, 0), QPointF(now, plot.bottom() + 3));
    }
}

void TimelineView::wheelEvent(QWheelEvent *e)
{
    const double steps = e->angleDelta().y() / 120.0;
    m_playback.zoomAbout(e->position().x() - plotLeft(), std::pow(0.8, steps));
    e->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *e)
{
    m_pressX = m_lastX = e->position().x();
    m_dragged = false;
    setCursor(Qt::ClosedHandCursor);
}

void TimelineView::mouseMoveEvent(QMouseEvent *e)
{
    if (m_pressX < 0)
        return;
    const double x = e->position().x();
    if (std::abs(x - m_pressX) > 3)
        m_dragged = true;
    if (m_dragged)
        m_playback.panBy(m_lastX - x);
    m_lastX = x;
}

void TimelineView::mouseReleaseEvent(QMouseEvent *e)
{
    setCursor(Qt::OpenHandCursor);
    if (!m_dragged && m_pressX >= 0) {
        const double t = m_playback.axis().toTime(e->position().x() - plotLeft());
        m_playback.setTime(static_cast<qint64>(std::llround(t)));
    }
    m_pressX = -1;
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *) { m_playback.setFollowing(true); }

} // namespace conviz::gui
