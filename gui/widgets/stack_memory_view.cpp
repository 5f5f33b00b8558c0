#include "gui/widgets/stack_memory_view.h"

#include "gui/core/format.h"
#include "gui/widgets/palette.h"

#include <QPainter>

#include <algorithm>
#include <vector>

namespace conviz::gui {
namespace {

constexpr double kThumbW = 64, kThumbH = 44;

} // namespace

StackMemoryView::StackMemoryView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setToolTip(
        QStringLiteral("Stack memory now. Each square is one live stack; its area is proportional to its bytes.\n"
                       "Outline: reserved (virtual address space). Fill: committed (resident pages).\n"
                       "The three columns share one scale; an enlarged column says by how much."));
}

void StackMemoryView::paintPacking(QPainter &p, const TilePacking &packing, QPointF o, const PackingStyle &style)
{
    const QColor base = modelColor(m_state.model);
    const QColor outline = base.darker(125);
    QVector<QRectF> fills, outlines;
    for (const TileBlock &b : packing.blocks) {
        if (b.solid) {
            p.setPen(QPen(outline, 1));
            p.setBrush(tint(base, 0.85));
            p.drawRect(b.bounds.translated(o));
            p.fillRect(b.committed.translated(o), base);
            continue;
        }
        const bool full = b.fillSide >= b.side - 0.01;
        const double f = std::max(b.fillSide, 1.0);
        for (std::int64_t i = 0; i < b.group.count; ++i) {
            const QRectF t = b.tile(i, style.gap).translated(o);
            if (!full)
                outlines.push_back(t);
            fills.push_back(full ? t : QRectF(t.left(), t.bottom() - f, f, f));
        }
    }
    p.setPen(QPen(outline, 1));
    p.setBrush(tint(base, 0.88));
    if (!outlines.isEmpty())
        p.drawRects(outlines);
    p.setPen(Qt::NoPen);
    p.setBrush(base);
    if (!fills.isEmpty())
        p.drawRects(fills);
    if (m_labels)
        paintLabels(p, packing, o);
}

void StackMemoryView::paintLabels(QPainter &p, const TilePacking &packing, QPointF o)
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
            if (label.right() > width() - 4) // no room beside it: under it, from the left edge
                label.moveTo(std::max(o.x(), width() - 4 - w), r.bottom() + 2);
        }
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF &other : placed)
                if (label.intersects(other)) {
                    label.moveTop(other.bottom() + 2);
                    moved = true;
                }
        }
        placed.push_back(label);
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(255, 255, 255, 210));
        p.drawRoundedRect(label, 2, 2);
        p.setPen(inkColor());
        p.drawText(label, Qt::AlignCenter, text);
    }
}

void StackMemoryView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    TraceCursor *cursor = cursorNow();
    const ModelRun *run = m_state.run();
    const QFont small = sizedFont(font(), -1.5);
    p.setFont(small);
    // The header and footer lines are as tall as their text (presentation mode enlarges it).
    const double header = std::max(18.0, QFontMetricsF(small).height() + 5);
    const double footer = header;
    if (!cursor || !run) {
        p.setPen(mutedInk());
        p.drawText(rect(), Qt::AlignCenter, QStringLiteral("Simulating…"));
        return;
    }
    const QRectF box(6, header + 2, width() - 12, height() - header - footer - 6);
    const PackingStyle style;
    // One scale for all three columns (the one at which every model's peak fits), and the common
    // enlargement; computed once per run and size, not per frame.
    const QSize key = box.size().toSize();
    if (m_scaleFor != m_state.snapshot.get() || m_scaleSize != key) {
        m_scaleFor = m_state.snapshot.get();
        m_scaleSize = key;
        m_shared = 0;
        for (const ModelRun &m : m_state.snapshot->models) {
            const double s = fitScale(m.peakStacks, box.width(), box.height(), style);
            if (s > 0)
                m_shared = m_shared == 0 ? s : std::min(m_shared, s);
        }
        // Enlarge a column only when its stacks would be specks (under ~2 % of the area) at the
        // shared scale; every enlarged column uses the same factor, so they compare with each other.
        const auto needsEnlarging = [&](const ModelRun &m) {
            const double own = fitScale(m.peakStacks, box.width(), box.height(), style);
            return m_shared > 0 && own / m_shared >= 50 ? own / m_shared : 0.0;
        };
        double common = 0;
        for (const ModelRun &m : m_state.snapshot->models)
            if (const double f = needsEnlarging(m); f > 0)
                common = common == 0 ? f : std::min(common, f);
        m_magnification = needsEnlarging(*run) > 0 ? niceFloor(common) : 1;
    }
    const double shared = m_shared;
    const double scale = shared * m_magnification;

    const std::vector<StackGroup> groups = cursor->stackGroups();
    std::int64_t reserved = 0, committed = 0, count = 0, goroutines = 0;
    for (const StackGroup &g : groups) {
        reserved += g.reserved * g.count;
        committed += g.committed * g.count;
        count += g.count;
        goroutines += g.kind == StackOwner::Goroutine ? g.count : 0;
    }

    // Header: what the picture means, and the enlargement if any (which the legend gives way to).
    double legendWidth = width() - 12;
    if (m_magnification > 1) {
        const QFont alert = sizedFont(font(), -1.5, true);
        const QString text =
            QStringLiteral("enlarged ×%1").arg(formatCount(static_cast<std::int64_t>(m_magnification)));
        legendWidth -= QFontMetricsF(alert).horizontalAdvance(text) + 10;
        p.setFont(alert);
        p.setPen(rgbColor(kAlertRgb));
        p.drawText(QRectF(6, 0, width() - 12, header), Qt::AlignVCenter | Qt::AlignRight, text);
        p.setFont(small);
    }
    p.setPen(mutedInk());
    p.drawText(
        QRectF(6, 0, legendWidth, header), Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetricsF(small).elidedText(QStringLiteral("Stacks · area ∝ bytes · fill = committed · outline = reserved"),
                                        Qt::ElideRight, legendWidth));

    p.save();
    p.setClipRect(box.adjusted(-1, -1, 1, 1));
    const TilePacking packing = packTiles(groups, box.width(), box.height(), scale, style);
    m_labels = true;
    paintPacking(p, packing, box.topLeft(), style);
    m_labels = false;
    p.restore();
    if (m_magnification > 1) {
        // The same stacks at the shared scale: a framed thumbnail in the corner.
        // As wide as its caption at any font size (presentation mode enlarges it).
        const QFontMetricsF fm(small);
        const double thumbW = std::max(kThumbW, fm.horizontalAdvance(QStringLiteral("true scale")) + 8);
        const double thumbH = std::max(kThumbH, fm.height() + 30);
        const QRectF thumb(box.right() - thumbW, box.bottom() - thumbH, thumbW, thumbH);
        p.fillRect(thumb, QColor(255, 255, 255, 235));
        p.setPen(QPen(mutedInk(), 1, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(thumb);
        const TilePacking trueScale = packTiles(groups, thumbW - 8, thumbH - fm.height() - 4, shared, style);
        p.save();
        p.setClipRect(thumb);
        paintPacking(p, trueScale, thumb.topLeft() + QPointF(4, 4), style);
        p.restore();
        p.setPen(mutedInk());
        p.drawText(thumb.adjusted(2, 0, -2, -1), Qt::AlignBottom | Qt::AlignHCenter, QStringLiteral("true scale"));
    }

    // Footer: totals with units.
    const auto stacks = [](std::int64_t n, const QString &what) {
        return QStringLiteral("%1 %2%3").arg(formatCount(n), what, n == 1 ? QString() : QStringLiteral("s"));
    };
    const QString kinds = goroutines > 0 ? stacks(goroutines, QStringLiteral("goroutine")) + QStringLiteral(" + ") +
                                               stacks(count - goroutines, QStringLiteral("thread"))
                                         : stacks(count, QStringLiteral("thread stack"));
    p.setPen(inkColor());
    p.drawText(
        QRectF(6, height() - footer, width() - 12, footer), Qt::AlignVCenter | Qt::AlignLeft,
        QStringLiteral("%1 committed · %2 reserved · %3")
            .arg(formatBytes(static_cast<double>(committed)), formatBytes(static_cast<double>(reserved)), kinds));
}

} // namespace conviz::gui
