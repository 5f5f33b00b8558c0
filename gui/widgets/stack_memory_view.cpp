#include "gui/widgets/stack_memory_view.h"

#include "gui/core/format.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/stack_scale_link.h"

#include <QPainter>

#include <algorithm>
#include <vector>

namespace conviz::gui {

StackMemoryView::StackMemoryView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setToolTip(
        QStringLiteral("Stack memory now. Each square is one live stack; its area is proportional to its bytes.\n"
                       "Outline: reserved (virtual address space). Fill: committed (resident pages).\n"
                       "The three columns share one scale. Stacks too small to see at it are also shown\n"
                       "in a lens, linked to them, with its magnification."));
}

double StackMemoryView::lineHeight() const
{
    // The legend and totals lines are as tall as their text (presentation mode enlarges it).
    return std::max(18.0, QFontMetricsF(sizedFont(font(), -1.5)).height() + 5);
}

QRectF StackMemoryView::tileBox() const
{
    const double line = lineHeight();
    return {6, line + 2, std::max(width() - 12.0, 1.0), std::max(height() - 2 * line - 6, 1.0)};
}

StackPicture StackMemoryView::picture()
{
    TraceCursor *cursor = cursorNow();
    const ModelRun *run = m_state.run();
    if (!cursor || !run)
        return {};
    StackScale scale;
    bool lensed = false;
    if (m_link) {
        scale = m_link->scale();
        lensed = m_link->lensed(this);
    } else {
        const QSize key = tileBox().size().toSize();
        if (m_ownScaleFor != m_state.snapshot.get() || m_ownScaleSize != key) {
            m_ownScaleFor = m_state.snapshot.get();
            m_ownScaleSize = key;
            const StackColumnInput own{run->peakStacks, tileBox().size()};
            m_ownScale = sharedStackScale(std::span(&own, 1));
        }
        scale = m_ownScale;
    }
    const std::vector<StackGroup> groups = cursor->stackGroups();
    const double caption = QFontMetricsF(sizedFont(font(), -1.5, true)).height() + 2;
    return stackPicture(groups, tileBox(), scale, lensed, caption);
}

void StackMemoryView::paintPacking(QPainter &p, const TilePacking &packing, QPointF o, const PackingStyle &style)
{
    // Reserved is an outline only and committed a solid fill at its true area, however small: a
    // pale fill for reserved read as "committed", and a minimum fill size would overstate it.
    const QColor base = modelColor(m_state.model);
    const QColor outline = base.darker(125);
    QVector<QRectF> fills, outlines;
    for (const TileBlock &b : packing.blocks) {
        if (b.solid) {
            outlines.push_back(b.bounds.translated(o));
            fills.push_back(b.committed.translated(o));
            continue;
        }
        const bool full = b.fillSide >= b.side - 0.01;
        for (std::int64_t i = 0; i < b.group.count; ++i) {
            const QRectF t = b.tile(i, style.gap).translated(o);
            if (!full)
                outlines.push_back(t);
            fills.push_back(full ? t : QRectF(t.left(), t.bottom() - b.fillSide, b.fillSide, b.fillSide));
        }
    }
    p.save();
    p.setPen(QPen(outline, 1));
    p.setBrush(Qt::NoBrush);
    if (!outlines.isEmpty())
        p.drawRects(outlines);
    // Antialiased, a fill under a pixel covers its true fraction of one.
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(base);
    if (!fills.isEmpty())
        p.drawRects(fills);
    p.restore();
}

void StackMemoryView::paintLabels(QPainter &p, const TilePacking &packing, QPointF o, const QRectF &within)
{
    // "5 × 8 MiB" on each block: inside it when it fits, else just after it; never over another
    // block's label (the next one down instead).
    const QFontMetricsF fm(p.font());
    std::vector<QRectF> placed;
    for (const TileBlock &b : packing.blocks) {
        QString text = QStringLiteral("%1 × %2").arg(formatCount(b.group.count),
                                                     formatBytes(static_cast<double>(b.group.reserved)));
        if (b.group.committed < b.group.reserved)
            text += QStringLiteral(" (%1 used)").arg(formatBytes(static_cast<double>(b.group.committed)));
        const QRectF r = b.bounds.translated(o);
        const double w = fm.horizontalAdvance(text) + 6;
        QRectF label(r.left() + 2, r.top() + 2, w, fm.height());
        if (r.width() < w + 4 || r.height() < fm.height() + 4) {
            label.moveTo(r.right() + 4, std::max(r.top(), r.center().y() - fm.height() / 2));
            if (label.right() > within.right() - 2) // no room beside it: under it, from the left edge
                label.moveTo(std::max(within.left() + 2, within.right() - 2 - w), r.bottom() + 2);
        }
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF &other : placed)
                if (label.intersects(other)) {
                    label.moveTop(other.bottom() + 2);
                    moved = true;
                }
        }
        if (label.bottom() > within.bottom()) // a label cut off or over the lens caption misleads: none
            continue;
        placed.push_back(label);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 210));
        p.drawRoundedRect(label, 2, 2);
        p.setPen(inkColor());
        p.drawText(label, Qt::AlignCenter, text);
    }
}

void StackMemoryView::paintLens(QPainter &p, const StackPicture &pic, const PackingStyle &style)
{
    // The specks ringed, a leader line to the lens, the lens framed in ink: which stacks it
    // magnifies must be unmistakable, and the true-scale specks stay where they are.
    const QColor ink = inkColor();
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(ink, 1.5));
    p.drawEllipse(pic.marker);
    p.drawLine(pic.leader);
    p.setBrush(QColor(255, 255, 255, 245));
    p.drawRect(pic.lens);
    p.restore();
    p.save();
    p.setClipRect(pic.lens.adjusted(1, 1, -1, -1));
    paintPacking(p, pic.magnified, pic.lensOrigin, style);
    const QFont bold = sizedFont(font(), -1.5, true);
    paintLabels(p, pic.magnified, pic.lensOrigin, pic.lens.adjusted(0, 0, 0, -QFontMetricsF(bold).height() - 2));
    p.restore();
    p.setFont(bold);
    p.setPen(ink);
    const QString caption = QStringLiteral("lens ×%1").arg(formatCount(static_cast<std::int64_t>(pic.factor)));
    const QFontMetricsF fm(bold);
    // On white: a cramped lens may run its tiles under the caption, which must stay readable.
    const QRectF text(pic.lens.right() - fm.horizontalAdvance(caption) - 8, pic.lens.bottom() - fm.height() - 3,
                      fm.horizontalAdvance(caption) + 6, fm.height() + 2);
    p.fillRect(text, Qt::white);
    p.drawText(text, Qt::AlignCenter, caption);
}

void StackMemoryView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const QFont small = sizedFont(font(), -1.5);
    p.setFont(small);
    const double line = lineHeight();
    const StackPicture pic = picture();
    TraceCursor *cursor = m_state.cursor.get();
    if (!cursor || !m_state.run()) {
        p.setPen(mutedInk());
        p.drawText(rect(), Qt::AlignCenter, QStringLiteral("Simulating…"));
        return;
    }
    const std::vector<StackGroup> groups = cursor->stackGroups();
    std::int64_t reserved = 0, committed = 0, count = 0, goroutines = 0;
    for (const StackGroup &g : groups) {
        reserved += g.reserved * g.count;
        committed += g.committed * g.count;
        count += g.count;
        goroutines += g.kind == StackOwner::Goroutine ? g.count : 0;
    }

    const double legendWidth = width() - 12;
    p.setPen(mutedInk());
    p.drawText(
        QRectF(6, 0, legendWidth, line), Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(small).elidedText(
            QStringLiteral("Stacks · one scale, all columns · area ∝ bytes · fill = committed · outline = reserved"),
            Qt::ElideRight, legendWidth));

    const PackingStyle style;
    const QRectF box = tileBox();
    p.save();
    p.setClipRect(box.adjusted(-1, -1, 1, 1));
    paintPacking(p, pic.trueScale, pic.origin, style);
    if (!pic.lensed) // a lensed column's labels go in the lens, where they can sit beside their tiles
        paintLabels(p, pic.trueScale, pic.origin, box);
    p.restore();
    if (pic.lensed)
        paintLens(p, pic, style);

    // Footer: totals with units.
    const auto stacks = [](std::int64_t n, const QString &what) {
        return QStringLiteral("%1 %2%3").arg(formatCount(n), what, n == 1 ? QString() : QStringLiteral("s"));
    };
    const QString kinds = goroutines > 0 ? stacks(goroutines, QStringLiteral("goroutine")) + QStringLiteral(" + ") +
                                               stacks(count - goroutines, QStringLiteral("thread"))
                                         : stacks(count, QStringLiteral("thread stack"));
    p.setFont(small);
    p.setPen(inkColor());
    p.drawText(
        QRectF(6, height() - line, width() - 12, line), Qt::AlignVCenter | Qt::AlignLeft,
        QStringLiteral("%1 committed · %2 reserved · %3")
            .arg(formatBytes(static_cast<double>(committed)), formatBytes(static_cast<double>(reserved)), kinds));
}

} // namespace conviz::gui
