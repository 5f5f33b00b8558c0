// StackMemoryView and the followed request: its stack's tile framed, clicks on a tile follow the
// request that holds it (gui/core/request_stack.h says which tile is whose).
#include "gui/core/playback_state.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/stack_memory_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace conviz::gui {
namespace {

bool sameSize(const StackGroup &a, const StackGroup &b)
{
    return a.kind == b.kind && a.reserved == b.reserved && a.committed == b.committed;
}

} // namespace

std::optional<StackTile> StackMemoryView::followedTile()
{
    TraceCursor *cursor = cursorNow();
    if (!cursor || !m_state.life || followedRequest() == PlaybackState::kNoFollow)
        return std::nullopt;
    return requestStackTile(*cursor, m_state.model, *m_state.life);
}

void StackMemoryView::paintMark(QPainter &p, const TilePacking &packing, QPointF o, double lineWidth,
                                const StackTile &mark)
{
    const PackingStyle style;
    for (const TileBlock &b : packing.blocks) {
        if (!sameSize(b.group, mark.group) || mark.position >= b.group.count)
            continue;
        const QRectF t = (b.solid ? b.bounds : b.tile(mark.position, style.gap)).translated(o);
        p.save();
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(modelColor(m_state.model));
        if (!b.solid) // its committed part, in full colour among the faded
            p.drawRect(QRectF(t.left(), t.bottom() - b.fillSide, b.fillSide, b.fillSide));
        // A frame in ink, never smaller than 9 px, so a 2 KiB stack a pixel wide is still found.
        const double w = std::max(2.0, lineWidth * 1.5);
        const double side = std::max(9.0, std::max(t.width(), t.height()) + w);
        QRectF frame(0, 0, b.solid ? t.width() + w : side, b.solid ? t.height() + w : side);
        frame.moveCenter(t.center());
        p.setPen(QPen(inkColor(), w));
        p.setBrush(Qt::NoBrush);
        p.drawRect(frame);
        p.restore();
        return;
    }
}

QRectF StackMemoryView::tileRect(const StackGroup &group, std::int64_t position)
{
    const StackPicture pic = picture();
    const PackingStyle style;
    for (const TileBlock &b : pic.trueScale.blocks)
        if (sameSize(b.group, group) && !b.solid && position < b.group.count)
            return b.tile(position, style.gap).translated(pic.origin);
    if (pic.lensed) // specks at true scale: their tiles in the lens
        for (const TileBlock &b : pic.magnified.blocks)
            if (sameSize(b.group, group) && !b.solid && position < b.group.count)
                return b.tile(position, style.gap).translated(pic.lensOrigin);
    return {};
}

void StackMemoryView::mousePressEvent(QMouseEvent *e)
{
    TraceCursor *cursor = cursorNow();
    const StackPicture pic = picture();
    const PackingStyle style;
    const QPointF at = e->position();
    // The lens first: it lies over the true-scale tiles it magnifies.
    const std::pair<const TilePacking *, QPointF> packings[] = {{&pic.magnified, pic.lensOrigin},
                                                                {&pic.trueScale, pic.origin}};
    for (const auto &[packing, origin] : packings) {
        if (!cursor || (packing == &pic.magnified && !pic.lensed))
            continue;
        for (const TileBlock &b : packing->blocks) {
            if (b.solid || !b.bounds.translated(origin).adjusted(-2, -2, 2, 2).contains(at))
                continue;
            for (std::int64_t i = 0; i < b.group.count; ++i)
                if (b.tile(i, style.gap).translated(origin).adjusted(-1, -1, 1, 1).contains(at)) {
                    const std::uint32_t request = stackTileRequest(*cursor, m_state.model, b.group, i);
                    if (request != kNoRequest) {
                        m_playback.setFollowedRequest(request);
                        return;
                    }
                }
        }
    }
    m_playback.clearFollowedRequest();
}

} // namespace conviz::gui
