#include "gui/widgets/scheduler_view.h"

#include "gui/core/format.h"
#include "gui/widgets/palette.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr double kGap = 2;

} // namespace

SchedulerView::SchedulerView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
    setMouseTracking(true);
}

void SchedulerView::paintChip(QPainter &p, const Chip &chip, QRectF r, bool labelled)
{
    const QColor base = modelColor(m_state.model);
    QColor fill, border, text;
    switch (chip.tone) {
    case ChipTone::Running:
        fill = base;
        border = base.darker(130);
        text = Qt::white;
        break;
    case ChipTone::Overhead:
        fill = rgbColor(kOverheadRgb);
        border = fill.darker(130);
        text = Qt::white;
        break;
    case ChipTone::Ready:
        fill = tint(base, 0.62);
        border = base;
        text = inkColor();
        break;
    case ChipTone::Waiting:
        fill = QColor(0xe6, 0xe6, 0xe6);
        border = QColor(0xa8, 0xa8, 0xa8);
        text = mutedInk();
        break;
    case ChipTone::Empty:
        fill = Qt::white;
        border = QColor(0xc8, 0xc8, 0xc8);
        text = mutedInk();
        break;
    }
    QPen pen(border, 1);
    if (chip.tone == ChipTone::Empty)
        pen.setStyle(Qt::DotLine);
    p.setPen(pen);
    p.setBrush(fill);
    const double radius = std::min(3.0, r.height() / 4);
    p.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius);
    // A label only where it fits whole: a clipped "G12" reads as the wrong task.
    if (labelled && !chip.label.isEmpty() && QFontMetricsF(p.font()).horizontalAdvance(chip.label) + 4 <= r.width()) {
        p.setPen(text);
        p.drawText(r, Qt::AlignCenter, chip.label);
    }
    if (!chip.tooltip.isEmpty())
        m_hits.push_back({r, chip.tooltip});
}

void SchedulerView::paintLane(QPainter &p, const Lane &lane, QRectF row, const QFont &base)
{
    const QFont small = sizedFont(base, -1.5);
    const QFontMetricsF fm(small);
    const QFont titleFont = sizedFont(base, -0.5, true);
    p.setFont(titleFont);
    p.setPen(inkColor());
    // Room for the longest lane title ("Global queue"), whatever the font (presentation mode).
    const double titleWidth =
        std::max(88.0, QFontMetricsF(titleFont).horizontalAdvance(QStringLiteral("Global queue")) + 10);
    const QRectF title(row.left(), row.top(), titleWidth - 6, row.height());
    p.drawText(title, Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(lane.title, Qt::ElideRight, title.width()));
    m_hits.push_back({title, lane.tooltip});
    p.setFont(small);

    // Fixed-slot segments take what they need; queues share the rest.
    const double chipH = std::min(fm.height() + 5, row.height() - 2);
    const double labelled = std::max(fm.horizontalAdvance(QStringLiteral("G0000")) + 6, 30.0);
    double x = row.left() + titleWidth;
    const double right = row.right();
    double fixed = 0;
    int queues = 0;
    std::vector<double> widths;
    for (const LaneSegment &s : lane.segments) {
        const double caption = s.caption.isEmpty() ? 0 : fm.horizontalAdvance(s.caption) + 6;
        if (s.slots > 0) {
            const double per = std::clamp((right - x) / std::max<double>(s.slots, 1) - kGap, 6.0, labelled);
            const double w = caption + static_cast<double>(s.slots) * (per + kGap) + 8;
            widths.push_back(w);
            fixed += w;
        } else {
            widths.push_back(-1);
            ++queues;
        }
    }
    const double queueW = queues > 0 ? std::max(40.0, (right - x - fixed) / queues) : 0;
    for (std::size_t i = 0; i < lane.segments.size(); ++i) {
        const LaneSegment &s = lane.segments[i];
        const double w = widths[i] < 0 ? queueW : widths[i];
        double cx = x;
        if (!s.caption.isEmpty()) {
            p.setPen(mutedInk());
            p.drawText(QRectF(cx, row.top(), w, row.height()), Qt::AlignVCenter | Qt::AlignLeft, s.caption);
            cx += fm.horizontalAdvance(s.caption) + 6;
        }
        const double top = row.center().y() - chipH / 2;
        if (s.slots > 0) {
            const double per = std::clamp((right - cx) / std::max<double>(s.slots, 1) - kGap, 6.0, labelled);
            for (std::size_t c = 0; c < s.chips.size() && c < static_cast<std::size_t>(s.slots); ++c)
                paintChip(p, s.chips[c], QRectF(cx + static_cast<double>(c) * (per + kGap), top, per, chipH), true);
        } else {
            // A count at the right; as many chips as fit before it.
            const QString count = formatCount(s.total);
            const double countW = fm.horizontalAdvance(QStringLiteral("… ") + count) + 10;
            const double avail = x + w - cx - countW;
            const std::size_t n = s.chips.size();
            const bool withLabels = n > 0 && avail / static_cast<double>(n) >= labelled + kGap;
            const double per =
                withLabels ? labelled : std::clamp(avail / std::max(static_cast<double>(n), 1.0) - kGap, 4.0, 9.0);
            const std::size_t fit =
                std::min<std::size_t>(n, static_cast<std::size_t>(std::max(0.0, avail / (per + kGap))));
            for (std::size_t c = 0; c < fit; ++c)
                paintChip(p, s.chips[c], QRectF(cx + static_cast<double>(c) * (per + kGap), top, per, chipH),
                          withLabels);
            const double afterChips = cx + static_cast<double>(fit) * (per + kGap);
            p.setPen(s.total > 0 ? inkColor() : mutedInk());
            const QString shown =
                static_cast<std::int64_t>(fit) < s.total && fit > 0 ? QStringLiteral("… ") + count : count;
            p.drawText(QRectF(afterChips + 2, row.top(), std::max(countW + 20, x + w - afterChips), row.height()),
                       Qt::AlignVCenter | Qt::AlignLeft, shown);
        }
        x += w;
    }
}

void SchedulerView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    m_hits.clear();
    TraceCursor *cursor = cursorNow();
    const ModelRun *run = m_state.run();
    if (!cursor || !run) {
        p.setPen(mutedInk());
        p.drawText(rect(), Qt::AlignCenter, QStringLiteral("Simulating…"));
        return;
    }
    const SchedulerPicture pic = schedulerPicture(*cursor, m_state.model, m_state.snapshot->scenario, 40);
    // Rows at most a chip and a margin tall; chips as tall as their label (presentation mode: taller).
    const double tallest = QFontMetricsF(sizedFont(font(), -1.5)).height() + 11;
    const double rowH = std::clamp((height() - 6.0) / std::max<double>(static_cast<double>(pic.lanes.size()), 1), 12.0,
                                   std::max(24.0, tallest));
    // Many lanes in a short view (8 Ps in presentation mode): text shrinks to its row rather than
    // overlapping the next one.
    QFont base = font();
    const double need = QFontMetricsF(sizedFont(base, -0.5, true)).height();
    if (need > rowH && base.pointSizeF() > 0)
        base.setPointSizeF(std::max(6.0, base.pointSizeF() * rowH / need));
    double y = 3;
    for (std::size_t i = 0; i < pic.lanes.size(); ++i) {
        if (i % 2 == 1)
            p.fillRect(QRectF(0, y, width(), rowH), QColor(0xf6, 0xf6, 0xf6));
        paintLane(p, pic.lanes[i], QRectF(6, y, width() - 10, rowH), base);
        y += rowH;
    }
}

bool SchedulerView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        for (const HitArea &h : m_hits)
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
