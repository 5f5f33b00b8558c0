#include "gui/widgets/stack_log_bars_view.h"

#include "gui/core/format.h"
#include "gui/widgets/palette.h"

#include <QPainter>

#include <algorithm>
#include <array>

namespace conviz::gui {

StackLogBarsView::StackLogBarsView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setToolTip(QStringLiteral("Stack memory now, on a logarithmic byte axis shared by the three columns.\n"
                              "Outline: reserved (virtual address space). Solid: committed (resident pages).\n"
                              "Each step of the axis is 1,024 times the one before."));
}

QFont StackLogBarsView::textFont(bool bold) const { return sizedFont(font(), -1, bold); }

QSize StackLogBarsView::minimumSizeHint() const
{
    const int line = QFontMetrics(textFont()).height();
    return {220, 4 * line + 16};
}

StackLogBarsView::Layout StackLogBarsView::layout()
{
    Layout out;
    const QFontMetricsF fm(textFont());
    const QFontMetricsF bold(textFont(true));
    const double line = fm.height();
    const double left = 6, right = width() - 8.0;
    const double usable = right - left;

    std::array<std::int64_t, 3> largest{};
    if (m_state.snapshot)
        for (std::size_t i = 0; i < m_state.snapshot->models.size() && i < largest.size(); ++i)
            largest[i] = stackTotals(m_state.snapshot->models[i].peakStacks).reserved;
    out.axis = commonLogAxis(largest);
    if (TraceCursor *cursor = cursorNow())
        out.totals = stackTotals(cursor->stackGroups());

    // Line 1, the legend: the longest form that fits.
    double y = 2;
    for (const QString &legend :
         {QStringLiteral("log scale · outline = reserved · solid = committed"),
          QStringLiteral("log · outline reserved · solid committed"), QStringLiteral("log scale")})
        if (fm.horizontalAdvance(legend) <= usable || legend == QStringLiteral("log scale")) {
            out.texts.push_back({legend, QRectF(left, y, fm.horizontalAdvance(legend), line)});
            break;
        }
    y += line + 2;

    // The two totals: on one line when they fit, else one per line.
    const QString reserved = QStringLiteral("reserved %1").arg(formatBytes(static_cast<double>(out.totals.reserved)));
    const QString committed =
        QStringLiteral("committed %1").arg(formatBytes(static_cast<double>(out.totals.committed)));
    const double rw = bold.horizontalAdvance(reserved), cw = bold.horizontalAdvance(committed);
    if (rw + cw + 16 <= usable) {
        out.texts.push_back({reserved, QRectF(left, y, rw, line), true});
        out.texts.push_back({committed, QRectF(right - cw, y, cw, line), true});
        y += line + 2;
    } else {
        out.texts.push_back({reserved, QRectF(left, y, rw, line), true});
        out.texts.push_back({committed, QRectF(left, y + line, cw, line), true});
        y += 2 * line + 2;
    }

    // The bar, then the axis under it; the bar takes what height is left, up to two lines.
    const double axisHeight = line + 6;
    const double barHeight = std::clamp(height() - y - axisHeight - 4, 6.0, 2 * line);
    out.bar = QRectF(left, y + 2, usable, barHeight);
    out.bars = logBars(out.totals, out.axis, out.bar);
    const double labelTop = out.bar.bottom() + 5;
    double lastRight = -1e9;
    for (double tick : out.axis.ticks()) {
        const double x = out.axis.x(tick, out.bar.left(), out.bar.right());
        out.tickX.push_back(x);
        const QString label = tickLabel(tick);
        const double w = fm.horizontalAdvance(label);
        const double l = std::clamp(x - w / 2, left, right - w);
        if (l < lastRight + 6) // a label that would touch its neighbour is left out, its tick stays
            continue;
        out.texts.push_back({label, QRectF(l, labelTop, w, line)});
        lastRight = l + w;
    }
    return out;
}

TextLayout StackLogBarsView::textLayout()
{
    const Layout l = layout();
    TextLayout out;
    for (const Text &t : l.texts) {
        TextItem item;
        item.text = t.text;
        item.font = textFont(t.bold);
        item.cell = t.rect;
        item.color = t.bold ? inkColor() : mutedInk();
        out.items.push_back(item);
    }
    for (const QRectF &bar : {l.bars.reserved, l.bars.committed})
        if (!bar.isEmpty())
            out.marks.push_back(bar);
    out.lineWidth = lineWidth(1.5);
    return out;
}

void StackLogBarsView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const Layout l = layout();
    const QColor base = modelColor(m_state.model);
    p.setRenderHint(QPainter::Antialiasing);
    // The axis' extent, faint, so an empty column still shows where its bar would be.
    p.setPen(QPen(tint(mutedInk(), 0.6), lineWidth(1)));
    p.setBrush(Qt::NoBrush);
    p.drawLine(QPointF(l.bar.left(), l.bar.bottom() + 1), QPointF(l.bar.right(), l.bar.bottom() + 1));
    for (double x : l.tickX)
        p.drawLine(QPointF(x, l.bar.bottom() + 1), QPointF(x, l.bar.bottom() + 4));
    if (!l.bars.reserved.isEmpty()) {
        p.setPen(QPen(base.darker(125), lineWidth(1.5)));
        p.drawRect(l.bars.reserved);
    }
    if (!l.bars.committed.isEmpty())
        p.fillRect(l.bars.committed, base);
    for (const Text &t : l.texts) {
        p.setFont(textFont(t.bold));
        p.setPen(t.bold ? inkColor() : mutedInk());
        p.drawText(t.rect, Qt::AlignLeft | Qt::AlignVCenter, t.text);
    }
}

} // namespace conviz::gui
