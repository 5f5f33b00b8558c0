#include "gui/widgets/timeline_view.h"

#include "gui/core/format.h"
#include "gui/core/playback_state.h"
#include "gui/widgets/notice_text.h"
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
    const quint32 followed = followedRequest();
    const bool following = followed != PlaybackState::kNoFollow;
    // While a request is followed, everything else fades: its spans stand out by contrast and outline.
    const auto shade = [&](const Span &q, QColor c) { return following && q.request != followed ? tint(c, 0.7) : c; };
    const double x0 = lane.left();
    std::size_t i = index.firstSpanEndingAfter(core, Nanos{static_cast<std::int64_t>(axis.start)});
    double lastPixel = -1;
    while (i < list.size()) {
        const Span s = spans[list[i]]; // decoded once: the sub-pixel path below starts from it
        const double a = axis.toPixel(static_cast<double>(s.start.count()));
        if (a > axis.width)
            break;
        const double b = axis.toPixel(static_cast<double>(s.end.count()));
        const QColor c = shade(s, s.kind != SpanKind::Work ? overhead : s.task == 0 ? idleWork : work[s.task % 2]);
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
            const Span q = k == i ? s : spans[list[k]];
            if (static_cast<double>(q.start.count()) >= pxEnd)
                break;
            const double len = static_cast<double>((q.end - q.start).count());
            if (q.kind == SpanKind::Work) {
                workNs += len;
                workColor = shade(q, q.task == 0 ? idleWork : work[q.task % 2]);
            } else {
                overheadNs += len;
            }
        }
        if (px != lastPixel) {
            p.fillRect(QRectF(x0 + px, lane.top(), 1, lane.height()),
                       workNs >= overheadNs ? workColor : shade(s, overhead));
            lastPixel = px;
        }
        const std::size_t next = index.firstSpanEndingAfter(core, Nanos{static_cast<std::int64_t>(pxEnd)});
        i = std::max(i + 1, next);
    }
}

void TimelineView::paintFollowed(QPainter &p, const QRectF &plot, double laneH, double gap)
{
    if (!m_state.life || followedRequest() == PlaybackState::kNoFollow)
        return;
    const TimeAxis &axis = m_playback.axis();
    const auto &spans = m_state.cursor->index().trace().spans;
    const double w = std::max(2.0, lineWidth(2));
    p.setPen(QPen(inkColor(), w));
    p.setBrush(Qt::NoBrush);
    const QColor base = modelColor(m_state.model);
    for (std::uint32_t i : m_state.life->spans) {
        const Span &s = spans[i];
        double a = axis.toPixel(static_cast<double>(s.start.count()));
        double b = axis.toPixel(static_cast<double>(s.end.count()));
        if (b < 0 || a > axis.width)
            continue;
        a = std::max(a, 0.0);
        b = std::min(b, axis.width);
        if (b - a < 3) { // a sub-pixel burst still shows: 3 px wide around its middle
            const double m = (a + b) / 2;
            a = m - 1.5;
            b = m + 1.5;
        }
        const QRectF r(plot.left() + a, plot.top() + s.core * laneH + gap / 2, b - a, laneH - gap);
        p.fillRect(r, s.kind == SpanKind::Work ? base : rgbColor(kOverheadRgb));
        p.drawRect(r.adjusted(w / 2, w / 2, -w / 2, -w / 2));
    }
}

QRectF TimelineView::laneRect(int core) const
{
    const QRectF plot = plotRect();
    const int cores = m_state.cursor ? std::max(1, m_state.cursor->index().cores()) : 1;
    const double laneH = plot.height() / cores;
    return {plot.left(), plot.top() + core * laneH, plot.width(), laneH};
}

std::uint32_t TimelineView::requestAt(QPointF pos) const
{
    if (!m_state.cursor)
        return kNoRequest;
    const int cores = m_state.cursor->index().cores();
    const QRectF plot = plotRect();
    const int core = static_cast<int>(std::floor((pos.y() - plot.top()) / (plot.height() / std::max(cores, 1))));
    if (core < 0 || core >= cores || pos.x() < plot.left())
        return kNoRequest;
    const TimeAxis &axis = m_playback.axis();
    for (double dx : {0.0, -1.0, 1.0, -2.0, 2.0}) {
        const double t = axis.toTime(pos.x() - plot.left() + dx);
        if (const std::optional<Span> s =
                m_state.cursor->index().spanAt(core, Nanos{static_cast<std::int64_t>(std::llround(t))}))
            if (s->request != kNoRequest)
                return s->request;
    }
    return kNoRequest;
}

QRectF TimelineView::plotRect() const
{
    const double axisH = axisHeight();
    return {plotLeft(), 1, m_playback.axis().width, std::max(1.0, height() - axisH - 2)};
}

TextLayout TimelineView::textLayout()
{
    TextLayout out;
    out.lineWidth = projector().on ? 3 : 1;
    TraceCursor *cursor = cursorNow();
    if (!cursor) {
        out.items.push_back({waitingText(m_state), font(), QRectF(rect()), Qt::AlignCenter, mutedInk()});
        return out;
    }
    if (const ModelRun *run = m_state.run(); run && !run->live.timeline.isEmpty()) { // measured, no trace
        addNotice(out, run->live.timeline, font(), QRectF(rect()), mutedInk());
        return out;
    }
    const QFont small = sizedFont(font(), -1.5);
    const QFontMetricsF fm(small);
    const TimeAxis &axis = m_playback.axis();
    const QRectF plot = plotRect();
    // Ticks far enough apart for their widest label: never two labels touching. Each label has the
    // digits that tell it from its neighbours (fully zoomed in, not eight ticks reading "568 ms").
    const double guess = axis.span / 8; // about a tick step, for the labels' width
    const double widest = std::max(fm.horizontalAdvance(formatInstant(axis.end(), guess)),
                                   fm.horizontalAdvance(formatInstant(axis.start + axis.span / 3, guess)));
    const double step = tickStep(axis, std::max(90.0, widest * 1.4 + 12));
    const QRectF axisArea(plot.left(), plot.bottom(), plot.width(), height() - plot.bottom());
    for (double t = std::ceil(axis.start / step) * step; t <= axis.end(); t += step) {
        const double x = axisArea.left() + axis.toPixel(t);
        const QString label = formatInstant(t, step);
        const double w = fm.horizontalAdvance(label) + 2;
        if (x - w / 2 < 0 || x + w / 2 > width())
            continue; // a label cut at the edge would read as another time
        out.items.push_back({label, small, QRectF(x - w / 2, axisArea.top(), w, axisArea.height()),
                             Qt::AlignHCenter | Qt::AlignVCenter, mutedInk()});
    }
    // Core names, every n-th when lanes are thinner than a line of text.
    const int cores = cursor->index().cores();
    const double laneH = plot.height() / std::max(cores, 1);
    const int every = std::max(1, static_cast<int>(std::ceil((fm.height() + 1) / laneH)));
    double free = 0; // the top of the room the next name may take
    for (int c = 0; c < cores; c += every) {
        const double centre = plot.top() + (c + 0.5) * laneH;
        QRectF cell(0, centre - fm.height() / 2, plotLeft() - 6, fm.height());
        if (cell.top() < free)
            cell.moveTop(free);
        if (cell.bottom() > plot.bottom() || cell.top() > centre)
            continue; // pushed off its lane: the name would point at the next core
        free = cell.bottom() + 1;
        out.items.push_back(
            {QStringLiteral("core %1").arg(c), small, cell, Qt::AlignRight | Qt::AlignVCenter, mutedInk()});
    }
    return out;
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const TextLayout text = textLayout();
    TraceCursor *cursor = m_state.cursor.get();
    if (!cursor || (m_state.run() && !m_state.run()->live.timeline.isEmpty())) {
        paintTexts(p, text);
        return;
    }
    const TimeAxis &axis = m_playback.axis();
    const QRectF plot = plotRect();
    const LanesKey key{axis.start,
                       axis.span,
                       axis.width,
                       plot,
                       text.lineWidth,
                       devicePixelRatioF(),
                       followedRequest(),
                       m_state.life ? m_state.life->spans.size() : 0,
                       modelColor(m_state.model).rgb()};
    paintLanes(m_state.run()->index, key, text);
    p.drawPixmap(0, 0, m_lanes);
    const double now = plot.left() + axis.toPixel(static_cast<double>(paintedTime()));
    if (now >= plot.left() && now <= plot.right()) {
        p.setPen(QPen(QColor(0x11, 0x11, 0x11), std::max(1.5, text.lineWidth)));
        p.drawLine(QPointF(now, 0), QPointF(now, plot.bottom() + 3));
    }
    paintTexts(p, text);
}

void TimelineView::paintLanes(const std::shared_ptr<const TraceIndex> &index, const LanesKey &key,
                              const TextLayout &text)
{
    if (key == m_lanesKey && m_lanesIndex.lock() == index && m_lanes.deviceIndependentSize() == QSizeF(size()))
        return;
    m_lanesKey = key;
    m_lanesIndex = index;
    const QSize pixels = (QSizeF(size()) * key.pixelRatio).toSize();
    if (m_lanes.size() != pixels) // while playing the view moves on every frame: one picture serves
        m_lanes = QPixmap(pixels);
    m_lanes.setDevicePixelRatio(key.pixelRatio);
    m_lanes.fill(Qt::white);
    QPainter p(&m_lanes);
    const TimeAxis &axis = m_playback.axis();
    const int cores = index->cores();
    const QRectF plot = key.plot;
    const double laneH = plot.height() / cores;
    const double gap = laneH >= 8 ? 2 : 0;
    const double lw = text.lineWidth;
    for (const TextItem &t : text.items) {
        if (t.cell.top() < plot.bottom())
            continue; // a core's name, not a tick
        const double x = t.cell.center().x();
        p.fillRect(QRectF(x - lw / 2, 0, lw, plot.bottom()), QColor(0xd0, 0xd0, 0xd0));
    }
    for (int c = 0; c < cores; ++c) {
        const QRectF lane(plot.left(), plot.top() + c * laneH + gap / 2, plot.width(), laneH - gap);
        p.fillRect(lane, QColor(0xf3, 0xf3, 0xf3));
        paintCore(p, c, lane);
    }
    paintFollowed(p, plot, laneH, gap);
    // The part after the recorded trace, if it was cut short.
    const Trace &trace = index->trace();
    if (trace.truncated()) {
        const double x = axis.toPixel(static_cast<double>(trace.truncatedAt.count()));
        if (x < axis.width)
            p.fillRect(QRectF(plot.left() + std::max(0.0, x), plot.top(), axis.width - std::max(0.0, x), plot.height()),
                       QBrush(QColor(0, 0, 0, 40), Qt::BDiagPattern));
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
        const std::uint32_t request = requestAt(e->position());
        if (request != kNoRequest)
            m_playback.setFollowedRequest(request);
        else
            m_playback.clearFollowedRequest();
        const double t = m_playback.axis().toTime(e->position().x() - plotLeft());
        m_playback.setTime(static_cast<qint64>(std::llround(t)));
    }
    m_pressX = -1;
}

void TimelineView::mouseDoubleClickEvent(QMouseEvent *) { m_playback.setFollowing(true); }

} // namespace conviz::gui
