#include "gui/widgets/scheduler_layout.h"

#include "gui/core/format.h"
#include "gui/widgets/palette.h"

#include <QFontMetricsF>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <span>

namespace conviz::gui {
namespace {

constexpr double kGap = 2;

void addText(SchedulerLayout &out, QString text, const QFont &font, const QRectF &cell, int align, QColor color,
             int onMark = -1)
{
    out.text.items.push_back({std::move(text), font, cell, align, color, TextRole::Label, onMark});
}

void addChip(SchedulerLayout &out, const Chip &chip, const QRectF &r, const QFont &font, bool labelled)
{
    out.chips.push_back({chip, r});
    out.text.marks.push_back(r);
    // A label only where it fits whole: a clipped "G12" reads as the wrong task.
    const QFontMetricsF fm(font);
    if (labelled && !chip.label.isEmpty() && fm.horizontalAdvance(chip.label) + 4 <= r.width() &&
        fm.height() <= r.height()) {
        const QColor ink = chip.tone == ChipTone::Running || chip.tone == ChipTone::Overhead ? QColor(Qt::white)
                           : chip.tone == ChipTone::Ready                                    ? inkColor()
                                                                                             : mutedInk();
        addText(out, chip.label, font, r, Qt::AlignCenter, ink, static_cast<int>(out.chips.size()) - 1);
    }
    if (!chip.tooltip.isEmpty())
        out.hits.push_back({r, chip.tooltip});
}

// One lane of chips in `row`, its title in the first `titleWidth` px.
void layoutLane(SchedulerLayout &out, const Lane &lane, const QRectF &row, const QFont &base, double titleWidth)
{
    const QFont small = sizedFont(base, -1.5);
    const QFontMetricsF fm(small);
    const QFont titleFont = sizedFont(base, -0.5, true);
    const QRectF title(row.left(), row.top(), titleWidth - 6, row.height());
    const QStringList titles = shorterForms(lane.title);
    const int form = fitForm(titles, titleFont, title.width());
    if (form >= 0)
        addText(out, titles[form], titleFont, title, Qt::AlignVCenter | Qt::AlignLeft, inkColor());
    out.hits.push_back({title, lane.tooltip});

    const double chipH = std::min(fm.height() + 5, row.height() - 2);
    const double top = row.center().y() - chipH / 2;
    const double labelled = std::max(fm.horizontalAdvance(QStringLiteral("G0000")) + 6, 30.0);
    const double x0 = row.left() + titleWidth;
    const double room = std::max(0.0, row.right() - x0);
    // What each segment needs: fixed slots their chips (and caption, if there is room); a queue at
    // least its count, so a number is never cut or pushed into its neighbour.
    struct Need {
        QStringList captions;
        QString count;
        double min = 0, want = 0;
    };
    std::vector<Need> needs;
    double fixed = 0, queueMin = 0;
    int queues = 0, slots = 0;
    for (const LaneSegment &s : lane.segments) {
        Need n;
        n.captions = s.caption.isEmpty() ? QStringList{QString()} : shorterForms(s.caption) << QString();
        if (s.slots == 0) {
            n.count = formatCount(s.total);
            n.min = textWidth(small, QStringLiteral("… ") + n.count) + 8;
            queueMin += n.min;
            ++queues;
        }
        slots += s.slots;
        needs.push_back(std::move(n));
    }
    // Slot chips as wide as a label if there is room, narrower (down to 3 px) so that every queue
    // keeps room for its count.
    const double per = std::clamp(
        (room - queueMin - 8.0 * (static_cast<double>(lane.segments.size()) - queues)) / std::max(slots, 1) - kGap,
        std::max(1.0, std::min(3.0, room / std::max(slots, 1) - kGap)), labelled);
    for (std::size_t i = 0; i < needs.size(); ++i) {
        const LaneSegment &s = lane.segments[i];
        if (s.slots == 0)
            continue;
        needs[i].min = static_cast<double>(s.slots) * (per + kGap) + 8;
        needs[i].want = needs[i].min + textWidth(small, needs[i].captions.front()) + 6;
        fixed += needs[i].want;
    }
    // Slots give up their captions' room before a queue gives up its count.
    const bool slotCaptions = fixed + queueMin <= room;
    double slotWidth = 0;
    for (std::size_t i = 0; i < needs.size(); ++i)
        if (lane.segments[i].slots > 0)
            slotWidth += slotCaptions ? needs[i].want : needs[i].min;
    // Queues: an equal share each, or their count's width where that is more.
    double spare = room - slotWidth;
    std::vector<double> widths(needs.size(), 0);
    {
        int open = queues;
        std::vector<bool> done(needs.size(), false);
        for (bool changed = true; changed && open > 0;) {
            changed = false;
            const double share = spare / open;
            for (std::size_t i = 0; i < needs.size(); ++i)
                if (lane.segments[i].slots == 0 && !done[i] && needs[i].min > share) {
                    widths[i] = needs[i].min;
                    spare -= needs[i].min;
                    done[i] = true;
                    --open;
                    changed = true;
                }
        }
        for (std::size_t i = 0; i < needs.size(); ++i)
            if (lane.segments[i].slots == 0 && !done[i])
                widths[i] = std::max(0.0, spare / std::max(open, 1));
    }
    double x = x0;
    for (std::size_t i = 0; i < lane.segments.size(); ++i) {
        const LaneSegment &s = lane.segments[i];
        const Need &n = needs[i];
        if (s.slots > 0) {
            const double w = slotCaptions ? n.want : n.min;
            double cx = x;
            const QString &caption = n.captions.front();
            if (slotCaptions && !caption.isEmpty()) {
                const double cw = textWidth(small, caption);
                addText(out, caption, small, QRectF(cx, row.top(), cw + 1, row.height()),
                        Qt::AlignVCenter | Qt::AlignLeft, mutedInk());
                cx += cw + 6;
            }
            for (std::size_t c = 0; c < s.chips.size() && c < static_cast<std::size_t>(s.slots); ++c)
                addChip(out, s.chips[c], QRectF(cx + static_cast<double>(c) * (per + kGap), top, per, chipH), small,
                        true);
            x += w;
            continue;
        }
        const double w = widths[i];
        const double right = std::min(x + w, row.right());
        // The longest caption that leaves room for the count; then chips in what is left.
        const double countW = textWidth(small, QStringLiteral("… ") + n.count) + 8;
        qsizetype pick = n.captions.size() - 1;
        for (qsizetype f = 0; f < n.captions.size(); ++f)
            if (textWidth(small, n.captions[f]) + (n.captions[f].isEmpty() ? 0 : 6) + countW <= right - x) {
                pick = f;
                break;
            }
        double cx = x;
        const QString &caption = n.captions[pick];
        if (!caption.isEmpty()) {
            const double cw = textWidth(small, caption);
            addText(out, caption, small, QRectF(cx, row.top(), cw + 1, row.height()), Qt::AlignVCenter | Qt::AlignLeft,
                    mutedInk());
            cx += cw + 6;
        }
        const double avail = right - cx - countW;
        const std::size_t chips = s.chips.size();
        const bool withLabels = chips > 0 && avail / static_cast<double>(chips) >= labelled + kGap;
        const double queuePer =
            withLabels ? labelled : std::clamp(avail / std::max(static_cast<double>(chips), 1.0) - kGap, 4.0, 9.0);
        const std::size_t fit =
            std::min<std::size_t>(chips, static_cast<std::size_t>(std::max(0.0, avail / (queuePer + kGap))));
        for (std::size_t c = 0; c < fit; ++c)
            addChip(out, s.chips[c], QRectF(cx + static_cast<double>(c) * (queuePer + kGap), top, queuePer, chipH),
                    small, withLabels);
        const double afterChips = cx + static_cast<double>(fit) * (queuePer + kGap);
        const QString shown =
            static_cast<std::int64_t>(fit) < s.total && fit > 0 ? QStringLiteral("… ") + n.count : n.count;
        addText(out, shown, small,
                QRectF(afterChips + 2, row.top(), std::max(0.0, right - afterChips - 2), row.height()),
                Qt::AlignVCenter | Qt::AlignLeft, s.total > 0 ? inkColor() : mutedInk());
        x += w;
    }
}

// The row that stands for the lanes a short view leaves out: their names, with the tasks that wait
// in them, so that "Global 199" is never hidden without a word; the whole list in its tooltip.
void layoutLeftOut(SchedulerLayout &out, std::span<const Lane> left, const QRectF &row, const QFont &base)
{
    QStringList names;
    QStringList tips;
    for (const Lane &lane : left) {
        std::int64_t waiting = 0;
        for (const LaneSegment &segment : lane.segments)
            waiting += segment.slots == 0 ? segment.total : 0;
        names << (waiting > 0 ? QStringLiteral("%1 (%2)").arg(lane.title, formatCount(waiting)) : lane.title);
        tips << QStringLiteral("%1: %2").arg(lane.title, lane.tooltip);
    }
    const QString more = left.size() == 1 ? QStringLiteral("+ 1 row") : QStringLiteral("+ %1 rows").arg(left.size());
    const QStringList forms{more + QStringLiteral(": ") + names.join(QStringLiteral(", ")) +
                                QStringLiteral(" (a taller view shows them)"),
                            more + QStringLiteral(": ") + names.join(QStringLiteral(", ")),
                            more + QStringLiteral(": ") + names.front() + QStringLiteral(" … ") + names.back(), more,
                            QStringLiteral("+%1").arg(left.size())};
    const QFont font = sizedFont(base, -1.5);
    const int form = fitForm(forms, font, row.width() - 4);
    if (form >= 0)
        addText(out, forms[form], font, row.adjusted(2, 0, -2, 0), Qt::AlignVCenter | Qt::AlignLeft, mutedInk());
    out.hits.push_back({row, QStringLiteral("Not shown, for want of height:\n") + tips.join(QLatin1Char('\n'))});
}

void layoutLanes(SchedulerLayout &out, const SchedulerPicture &pic, const QRectF &area, const QFont &font)
{
    const double lanes = std::max<double>(static_cast<double>(pic.lanes.size()), 1);
    // Rows at most a chip and a margin tall; chips as tall as their label.
    const double tallest = QFontMetricsF(sizedFont(font, -1.5)).height() + 11;
    const double rowH = std::clamp(area.height() / lanes, 12.0, std::max(24.0, tallest));
    // Many lanes in a short view: text shrinks to its row rather than overlapping the next one.
    QFont base = font;
    for (int i = 0; i < 40 && QFontMetricsF(sizedFont(base, -0.5, true)).height() > rowH && base.pointSizeF() > 6.5;
         ++i)
        base.setPointSizeF(std::max(6.0, base.pointSizeF() - 0.5));
    // Room for the longest lane title, up to a third of the width; shorter forms beyond that.
    const QFont titleFont = sizedFont(base, -0.5, true);
    double titleWidth = 0;
    for (const Lane &l : pic.lanes)
        titleWidth = std::max(titleWidth, textWidth(titleFont, l.title) + 10);
    if (titleWidth > area.width() / 3) {
        titleWidth = 0;
        for (const Lane &l : pic.lanes)
            titleWidth = std::max(titleWidth, textWidth(titleFont, shorterForms(l.title).back()) + 10);
        titleWidth = std::max(titleWidth, area.width() / 3);
    }
    // A lane that would be cut is left out whole, and the last row that fits says which are left out.
    const auto rows = static_cast<std::size_t>(std::max(0.0, std::floor((area.height() + 0.5) / rowH)));
    const std::size_t shown = rows >= pic.lanes.size() ? pic.lanes.size() : rows > 0 ? rows - 1 : 0;
    double y = area.top();
    for (std::size_t i = 0; i < shown; ++i) {
        if (i % 2 == 1)
            out.stripes.push_back(QRectF(0, y, area.right() + 4, rowH));
        layoutLane(out, pic.lanes[i], QRectF(area.left(), y, area.width(), rowH), base, titleWidth);
        y += rowH;
    }
    if (shown < pic.lanes.size() && rows > 0)
        layoutLeftOut(out, std::span(pic.lanes).subspan(shown), QRectF(area.left(), y, area.width(), rowH), base);
}

} // namespace

QStringList shorterForms(const QString &text)
{
    static const std::pair<const char *, const char *> kShort[] = {
        {"microtasks", "µtasks"}, {"callbacks", "cb"},        {"local queues", "local"}, {"local queue", "local"},
        {"waiting", "wait"},      {"network", "net"},         {"syscall", "sys"},        {"threads", "thr."},
        {"queued", "queue"},      {"Global queue", "Global"}, {"Netpoller", "Netpoll"},  {"Syscalls", "Sys"},
        {"libuv pool", "libuv"},  {"Run queue", "Run q"},     {"Work queue", "Work q"},  {"Joining", "Join"},
        {"Blocked", "Block"},     {"Cores", "Cores"},         {"runs", "runs"},          {"next", "next"},
    };
    QStringList forms{text};
    for (const auto &[full, brief] : kShort)
        if (text == QString::fromUtf8(full) && text != QString::fromUtf8(brief))
            forms << QString::fromUtf8(brief);
    // "Pool “postgres”" → "“postgres”"; "Loops 8–15" → "8–15".
    const qsizetype space = text.indexOf(QLatin1Char(' '));
    if (forms.size() == 1 && space > 0)
        forms << text.mid(space + 1);
    return forms;
}

SchedulerLayout layoutScheduler(const SchedulerPicture &pic, const QRectF &area, const QFont &base,
                                const Projector &projector)
{
    SchedulerLayout out;
    if (projector.on)
        layoutSchedulerSummary(out, pic, area, base, projector);
    else
        layoutLanes(out, pic, area, base);
    return out;
}

} // namespace conviz::gui
