#include "gui/widgets/stack_memory_view.h"

#include "gui/core/format.h"
#include "gui/core/playback_state.h"
#include "gui/widgets/notice_text.h"
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

bool StackMemoryView::isMeasured(const StackGroup &g) const
{
    const ModelRun *run = m_state.run();
    return run && std::find(run->live.measuredStacks.begin(), run->live.measuredStacks.end(), g) !=
                      run->live.measuredStacks.end();
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
    std::vector<StackGroup> groups = cursor->stackGroups();
    groups.insert(groups.end(), run->live.measuredStacks.begin(), run->live.measuredStacks.end()); // Both
    const double caption = QFontMetricsF(sizedFont(font(), -1.5, true)).height() + 2;
    return stackPicture(groups, tileBox(), scale, lensed, caption);
}

void StackMemoryView::paintPacking(QPainter &p, const TilePacking &packing, QPointF o, double lineWidth,
                                   const std::optional<StackTile> &mark)
{
    const bool following = followedRequest() != PlaybackState::kNoFollow;
    // Reserved is an outline only and committed a solid fill at its true area, however small: a
    // pale fill for reserved read as "committed", and a minimum fill size would overstate it.
    const QColor base = modelColor(m_state.model);
    const QColor outline = base.darker(125);
    const PackingStyle style;
    QVector<QRectF> fills, outlines, measured; // measured: Both's measured stacks, outlined dashed
    for (const TileBlock &b : packing.blocks) {
        QVector<QRectF> &lines = isMeasured(b.group) ? measured : outlines;
        if (b.solid) {
            lines.push_back(b.bounds.translated(o));
            fills.push_back(b.committed.translated(o));
            continue;
        }
        const bool full = b.fillSide >= b.side - 0.01;
        for (std::int64_t i = 0; i < b.group.count; ++i) {
            const QRectF t = b.tile(i, style.gap).translated(o);
            if (!full || &lines == &measured)
                lines.push_back(t);
            fills.push_back(full ? t : QRectF(t.left(), t.bottom() - b.fillSide, b.fillSide, b.fillSide));
        }
    }
    p.save();
    if (following)
        p.setOpacity(0.3);
    // A projector's lines at least lineWidth, but never wider than a third of a tile.
    double side = 1e9;
    for (const TileBlock &b : packing.blocks)
        side = std::min(side, b.solid ? b.bounds.width() : b.side);
    p.setPen(QPen(outline, std::clamp(side / 3, 1.0, lineWidth)));
    p.setBrush(Qt::NoBrush);
    if (!outlines.isEmpty())
        p.drawRects(outlines);
    if (!measured.isEmpty()) {
        QPen dashed = p.pen();
        dashed.setStyle(Qt::DashLine);
        p.setPen(dashed);
        p.drawRects(measured);
    }
    // Antialiased, a fill under a pixel covers its true fraction of one.
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(base);
    if (!fills.isEmpty())
        p.drawRects(fills);
    p.restore();
    if (mark)
        paintMark(p, packing, o, lineWidth, *mark);
}

QStringList StackMemoryView::placeLabels(TextLayout &text, const TilePacking &packing, QPointF o, const QRectF &within,
                                         std::vector<QRectF> obstacles)
{
    const QFont font = sizedFont(this->font(), -1.5);
    const QFontMetricsF fm(font);
    for (const TileBlock &b : packing.blocks) {
        obstacles.push_back(b.bounds.translated(o));
        text.marks.push_back(b.bounds.translated(o));
    }
    QStringList unplaced;
    for (const TileBlock &b : packing.blocks) {
        const QString size = formatBytes(static_cast<double>(b.group.reserved));
        QStringList forms{
            QStringLiteral("%1%2 × %3")
                .arg(isMeasured(b.group) ? QStringLiteral("measured ") : QString(), formatCount(b.group.count), size)};
        if (b.group.committed < b.group.reserved)
            forms.prepend(forms.front() +
                          QStringLiteral(" (%1 used)").arg(formatBytes(static_cast<double>(b.group.committed))));
        const QRectF r = b.bounds.translated(o);
        bool placed = false;
        for (const QString &form : forms) {
            const double w = fm.horizontalAdvance(form) + 4, h = fm.height();
            // Beside the block, then under it, then over it: next to its tiles, never on them.
            const QPointF candidates[] = {{r.right() + 4, r.top()},
                                          {r.right() + 4, r.center().y() - h / 2},
                                          {r.left(), r.bottom() + 2},
                                          {r.left(), r.top() - h - 2},
                                          {within.right() - w, r.bottom() + 2}};
            for (const QPointF &at : candidates) {
                const QRectF cell(at, QSizeF(w, h));
                if (!within.contains(cell))
                    continue;
                if (std::any_of(obstacles.begin(), obstacles.end(),
                                [&](const QRectF &ob) { return ob.intersects(cell); }))
                    continue;
                text.items.push_back({form, font, cell, Qt::AlignLeft | Qt::AlignVCenter, inkColor()});
                text.items.back().backdrop = true;
                obstacles.push_back(cell);
                placed = true;
                break;
            }
            if (placed)
                break;
        }
        if (!placed)
            unplaced.push_back(forms.back());
    }
    return unplaced;
}

void StackMemoryView::paintLens(QPainter &p, const StackPicture &pic, double lineWidth,
                                const std::optional<StackTile> &mark)
{
    // The specks ringed, a leader line to the lens, the lens framed in ink: which stacks it
    // magnifies must be unmistakable, and the true-scale specks stay where they are.
    const QColor ink = inkColor();
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(ink, std::max(1.5, lineWidth)));
    p.drawEllipse(pic.marker);
    p.drawLine(pic.leader);
    p.setBrush(QColor(255, 255, 255, 245));
    p.drawRect(pic.lens);
    p.restore();
    p.save();
    p.setClipRect(pic.lens.adjusted(1, 1, -1, -1));
    paintPacking(p, pic.magnified, pic.lensOrigin, lineWidth, mark);
    p.restore();
}

StackMemoryView::Layout StackMemoryView::layout()
{
    Layout out;
    out.pic = picture();
    TraceCursor *cursor = m_state.cursor.get();
    const QFont small = sizedFont(font(), -1.5);
    if (!cursor || !m_state.run()) {
        out.text.items.push_back({waitingText(m_state), small, QRectF(rect()), Qt::AlignCenter, mutedInk()});
        return out;
    }
    out.ready = true;
    const bool presenting = projector().on;
    out.text.lineWidth = presenting ? 3 : 1;
    const double line = lineHeight();
    const StackPicture &pic = out.pic;
    const QRectF box = tileBox();
    out.text.items.push_back(fittedLine(
        {QStringLiteral("Stacks · one scale, all columns · area ∝ bytes · fill = committed · outline = reserved"),
         QStringLiteral("One scale · area ∝ bytes · fill = committed · outline = reserved"),
         QStringLiteral("area ∝ bytes · fill = committed · outline = reserved"),
         QStringLiteral("fill = committed · outline = reserved"), QStringLiteral("fill committed · outline reserved"),
         QStringLiteral("fill used · outline reserved")},
        small, QRectF(6, 0, width() - 12, line), Qt::AlignVCenter | Qt::AlignLeft, mutedInk()));

    QStringList unplaced;
    QString lensCaption; // the lens's factor, when neither the lens nor its edge has room for it
    if (pic.lensed) {
        // The lens's factor in a corner of the lens its tiles leave free (else just outside it, else
        // in the footer); the labels in the lens, beside their magnified tiles.
        const QFont bold = sizedFont(font(), -1.5, true);
        const QFontMetricsF fm(bold);
        const QString caption = QStringLiteral("lens ×%1").arg(formatCount(static_cast<std::int64_t>(pic.factor)));
        const double cw = fm.horizontalAdvance(caption) + 6, ch = fm.height();
        std::vector<QRectF> taken;
        for (const TileBlock &b : pic.magnified.blocks)
            taken.push_back(b.bounds.translated(pic.lensOrigin).intersected(pic.lens));
        for (const TileBlock &b : pic.trueScale.blocks)
            taken.push_back(b.bounds.translated(pic.origin));
        taken.push_back(pic.marker);
        const QRectF in = pic.lens.adjusted(2, 2, -2, -2);
        const QRectF candidates[] = {{in.right() - cw, in.bottom() - ch, cw, ch},
                                     {in.right() - cw, in.top(), cw, ch},
                                     {in.left(), in.bottom() - ch, cw, ch},
                                     {in.left(), in.top(), cw, ch},
                                     {pic.lens.right() - cw, pic.lens.top() - ch - 2, cw, ch},
                                     {pic.lens.right() - cw, pic.lens.bottom() + 2, cw, ch}};
        std::vector<QRectF> obstacles;
        for (const QRectF &cell : candidates) {
            if (!box.contains(cell) ||
                std::any_of(taken.begin(), taken.end(), [&](const QRectF &t) { return t.intersects(cell); }))
                continue;
            out.text.items.push_back({caption, bold, cell, Qt::AlignCenter, inkColor()});
            out.text.items.back().backdrop = true;
            obstacles.push_back(cell);
            break;
        }
        unplaced = placeLabels(out.text, pic.magnified, pic.lensOrigin, in, obstacles);
        if (obstacles.empty())
            lensCaption = caption;
        // The true-scale specks take no label: the lens carries it.
        for (const TileBlock &b : pic.trueScale.blocks)
            out.text.marks.push_back(b.bounds.translated(pic.origin));
    } else {
        unplaced = placeLabels(out.text, pic.trueScale, pic.origin, box, {});
    }

    // Footer: the totals with units, and the labels that found no room beside their tiles.
    const std::vector<StackGroup> groups = cursor->stackGroups();
    std::int64_t reserved = 0, committed = 0, count = 0, goroutines = 0;
    for (const StackGroup &g : groups) {
        reserved += g.reserved * g.count;
        committed += g.committed * g.count;
        count += g.count;
        goroutines += g.kind == StackOwner::Goroutine ? g.count : 0;
    }
    const auto stacks = [](std::int64_t n, const QString &what) {
        return QStringLiteral("%1 %2%3").arg(formatCount(n), what, n == 1 ? QString() : QStringLiteral("s"));
    };
    const QString used = formatBytes(static_cast<double>(committed));
    const QString virt = formatBytes(static_cast<double>(reserved));
    const QString kinds = goroutines > 0 ? stacks(goroutines, QStringLiteral("goroutine")) + QStringLiteral(" + ") +
                                               stacks(count - goroutines, QStringLiteral("thread"))
                                         : stacks(count, QStringLiteral("thread stack"));
    QStringList totals{
        QStringLiteral("%1 committed · %2 reserved · %3").arg(used, virt, kinds),
        QStringLiteral("%1 committed · %2 reserved · %3").arg(used, virt, stacks(count, QStringLiteral("stack"))),
        QStringLiteral("%1 used · %2 reserved · %3").arg(used, virt, stacks(count, QStringLiteral("stack"))),
        QStringLiteral("%1 used · %2 reserved").arg(used, virt), QStringLiteral("%1 / %2").arg(used, virt)};
    // The footer's forms, longest first: the labels with no room elsewhere and the totals; then
    // the lens's factor and the totals, in smaller type if need be; the totals alone only without a
    // lens. A lens without its factor would let a magnified picture pass for a true-scale one.
    QStringList forms;
    const auto prefixed = [&](const QString &head) {
        for (const QString &t : totals)
            forms << head + QStringLiteral(" · ") + t;
    };
    // Live mode: a measured run with no stacks says why; Both puts the measured stack first.
    static const LiveAnnotation simulated;
    const LiveAnnotation &live = m_state.run() ? m_state.run()->live : simulated;
    if (live.measured && groups.empty() && !live.stack.isEmpty())
        addNotice(out.text, live.stack.front(), font(), box, mutedInk());
    if (!live.measured)
        for (const QString &head : live.stack)
            prefixed(head);
    if (!lensCaption.isEmpty())
        unplaced.prepend(lensCaption);
    if (!unplaced.isEmpty())
        prefixed(unplaced.join(QStringLiteral(" · ")));
    if (!lensCaption.isEmpty()) {
        if (unplaced.size() > 1)
            prefixed(lensCaption);
        prefixed(lensCaption.mid(lensCaption.indexOf(QLatin1Char(' ')) + 1)); // "×200"
    } else {
        forms << totals;
    }
    out.text.items.push_back(fittedLine(forms, small, QRectF(6, height() - line, width() - 12, line),
                                        Qt::AlignVCenter | Qt::AlignLeft, inkColor()));
    return out;
}

void StackMemoryView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    const Layout l = layout();
    if (l.ready) {
        p.save();
        p.setClipRect(tileBox().adjusted(-1, -1, 1, 1));
        const std::optional<StackTile> mark = followedTile();
        paintPacking(p, l.pic.trueScale, l.pic.origin, l.text.lineWidth, mark);
        p.restore();
        if (l.pic.lensed)
            paintLens(p, l.pic, l.text.lineWidth, mark);
    }
    paintTexts(p, l.text);
}

} // namespace conviz::gui
