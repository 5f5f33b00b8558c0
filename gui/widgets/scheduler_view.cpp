#include "gui/widgets/scheduler_view.h"

#include "gui/core/playback_state.h"

#include "gui/widgets/notice_text.h"
#include "gui/widgets/palette.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace conviz::gui {

SchedulerView::SchedulerView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setMouseTracking(true);
}

SchedulerLayout SchedulerView::layout()
{
    TraceCursor *cursor = cursorNow();
    const ModelRun *run = m_state.run();
    if (!cursor || !run) {
        SchedulerLayout out;
        out.text.items.push_back({waitingText(m_state), font(), QRectF(rect()), Qt::AlignCenter, mutedInk()});
        return out;
    }
    if (!run->live.scheduler.isEmpty()) { // a measured run: what it cannot show, in words
        SchedulerLayout out;
        addNotice(out.text, run->live.scheduler, font(), QRectF(rect()), mutedInk());
        return out;
    }
    const SchedulerPicture pic =
        schedulerPicture(*cursor, m_state.model, m_state.snapshot->scenario, 40, followedRequest());
    return layoutScheduler(pic, QRectF(6, 3, width() - 10, height() - 6), font(), projector());
}

void SchedulerView::paintChip(QPainter &p, const PlacedChip &placed, double lineWidth)
{
    const QColor base = modelColor(m_state.model);
    QColor fill, border;
    switch (placed.chip.tone) {
    case ChipTone::Running:
        fill = base;
        border = base.darker(130);
        break;
    case ChipTone::Overhead:
        fill = rgbColor(kOverheadRgb);
        border = fill.darker(130);
        break;
    case ChipTone::Ready:
        fill = tint(base, 0.62);
        border = base;
        break;
    case ChipTone::Waiting:
        fill = QColor(0xe6, 0xe6, 0xe6);
        border = QColor(0xa8, 0xa8, 0xa8);
        break;
    case ChipTone::Empty:
        fill = Qt::white;
        border = QColor(0xc8, 0xc8, 0xc8);
        break;
    }
    QPen pen(border, lineWidth);
    if (placed.chip.tone == ChipTone::Empty)
        pen.setStyle(Qt::DotLine);
    p.setPen(pen);
    p.setBrush(fill);
    const QRectF &r = placed.rect;
    const double radius = std::min(3.0, r.height() / 4);
    // A followed request: its chips keep their colour inside a heavy dark outline, every other
    // chip fades (shape and contrast, not hue, so it reads in any colour vision).
    const quint32 followed = followedRequest();
    const bool following = followed != PlaybackState::kNoFollow;
    const bool mine = following && placed.chip.request == followed;
    p.setOpacity(following && !mine ? 0.3 : 1.0);
    p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    p.setOpacity(1.0);
    if (mine) {
        const double w = std::max(2.5, lineWidth * 2);
        p.setPen(QPen(inkColor(), w));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r.adjusted(-w / 2 + 0.5, -w / 2 + 0.5, w / 2 - 0.5, w / 2 - 0.5), radius + 1, radius + 1);
    }
}

void SchedulerView::mousePressEvent(QMouseEvent *e)
{
    const QPointF at = e->position();
    for (const PlacedChip &c : layout().chips)
        if (c.rect.contains(at) && c.chip.request != kNoRequest) {
            m_playback.setFollowedRequest(c.chip.request);
            return;
        }
    m_playback.clearFollowedRequest(); // empty space, an idle slot, the loop's own work
}

void SchedulerView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    const SchedulerLayout l = layout();
    for (const QRectF &s : l.stripes)
        p.fillRect(s, QColor(0xf6, 0xf6, 0xf6));
    for (const PlacedChip &c : l.chips)
        paintChip(p, c, l.text.lineWidth);
    const QColor base = modelColor(m_state.model);
    for (const CountBar &b : l.bars) {
        p.fillRect(b.track, QColor(0xe8, 0xe8, 0xe8));
        const QColor fill = b.tone == ChipTone::Running   ? base
                            : b.tone == ChipTone::Waiting ? QColor(0x8a, 0x8a, 0x8a)
                                                          : base.darker(105);
        if (b.parts.empty()) {
            p.fillRect(QRectF(b.track.left(), b.track.top(), b.track.width() * b.fraction, b.track.height()), fill);
            continue;
        }
        // One upright bar per processor, side by side, as tall as its share of the longest.
        const double slot = b.track.width() / static_cast<double>(b.parts.size());
        const double gap = std::min(3.0, slot / 4);
        const QRectF &area = b.track;
        for (std::size_t i = 0; i < b.parts.size(); ++i) {
            const double h = area.height() * b.parts[i];
            p.fillRect(QRectF(area.left() + static_cast<double>(i) * slot, area.bottom() - h, slot - gap, h), fill);
        }
    }
    paintTexts(p, l.text);
    m_hits = l.hits;
}

bool SchedulerView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        for (const SchedulerLayout::Hit &h : m_hits)
            if (h.rect.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), h.tip, this, h.rect.toAlignedRect());
                return true;
            }
        QToolTip::hideText();
        e->ignore();
        return true;
    }
    return ModelView::event(e);
}

} // namespace conviz::gui
