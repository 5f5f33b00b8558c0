// Presentation mode's scheduler: what a room can read from the back. Each set of places (cores,
// Ps, loops, pool threads) and each queue or waiting set becomes one line — a name, a bar and a
// count in projector type — instead of rows of task chips too small to see. Per-processor lanes
// are summed ("local queues 37" over all Ps).
#include "gui/core/format.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/scheduler_layout.h"

#include <QFontMetricsF>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace conviz::gui {
namespace {

struct Entry {
    QStringList label; // longest first
    std::int64_t count = 0;
    std::int64_t capacity = 0;       // > 0: places, shown "busy/places"; 0: a queue
    std::vector<std::int64_t> parts; // summed over processors: each one's share (its P's local queue)
    ChipTone tone = ChipTone::Ready;
    bool keep = false; // shown even when it is zero and room is short
};

std::vector<Entry> entriesOf(const SchedulerPicture &pic)
{
    std::vector<Entry> out;
    const auto entry = [&out](const QStringList &label) -> Entry & {
        for (Entry &e : out)
            if (e.label == label)
                return e;
        Entry fresh;
        fresh.label = label;
        out.push_back(std::move(fresh));
        return out.back();
    };
    static const QRegularExpression processor(QStringLiteral("^(P\\d+|Loop|Loop \\d+)$"));
    static const QRegularExpression rest(QStringLiteral("^(P\\d+–P\\d+|Loops \\d+–\\d+)$"));
    for (const Lane &lane : pic.lanes) {
        const bool perProcessor = processor.match(lane.title).hasMatch();
        const bool others = rest.match(lane.title).hasMatch();
        const bool go = lane.title.startsWith(QLatin1Char('P'));
        for (const LaneSegment &s : lane.segments) {
            QStringList label;
            bool keep = false;
            if (lane.title == QStringLiteral("Cores")) {
                label = {QStringLiteral("Cores busy"), QStringLiteral("Cores")};
                keep = true;
            } else if (perProcessor || others) {
                keep = true;
                const QString c = s.caption;
                if (c == QStringLiteral("runs"))
                    label = go ? QStringList{QStringLiteral("Ps running"), QStringLiteral("Ps")}
                               : QStringList{QStringLiteral("Loops running"), QStringLiteral("Loops")};
                else if (c == QStringLiteral("next"))
                    label = {QStringLiteral("runnext slots"), QStringLiteral("runnext")};
                else if (c.startsWith(QStringLiteral("local queue")))
                    label = {QStringLiteral("local queues"), QStringLiteral("local")};
                else if (c == QStringLiteral("queued") || c == QStringLiteral("callbacks"))
                    label = {QStringLiteral("callbacks"), QStringLiteral("cb")};
                else
                    label = shorterForms(c);
            } else {
                const QStringList title = shorterForms(lane.title);
                if (s.caption.isEmpty()) {
                    label = title;
                } else {
                    const QStringList caption = shorterForms(s.caption);
                    label = {lane.title + QLatin1Char(' ') + s.caption,
                             title.back() + QLatin1Char(' ') + caption.back()};
                }
            }
            Entry &e = entry(label);
            e.keep = e.keep || keep;
            e.count += s.total;
            if (perProcessor && s.slots == 0)
                e.parts.push_back(s.total);
            e.capacity += s.slots;
            e.tone = s.slots > 0 ? ChipTone::Running : s.chips.empty() ? ChipTone::Ready : s.chips.front().tone;
            if (s.slots > 0)
                e.tone = ChipTone::Running;
        }
    }
    return out;
}

QString countText(const Entry &e)
{
    return e.capacity > 0 ? QStringLiteral("%1/%2").arg(formatCount(e.count), formatCount(e.capacity))
                          : formatCount(e.count);
}

} // namespace

void layoutSchedulerSummary(SchedulerLayout &out, const SchedulerPicture &pic, const QRectF &area, const QFont &base,
                            const Projector &projector)
{
    out.text.lineWidth = 3;
    const std::vector<Entry> all = entriesOf(pic);
    // Short of room, the empty lines go (the cores and processors last), then the lines that do not
    // fit at all: what holds tasks now is what a room needs.
    std::vector<Entry> kept, busy;
    for (const Entry &e : all) {
        if (e.keep || e.count > 0)
            kept.push_back(e);
        if (e.count > 0 || e.label.front() == QStringLiteral("Cores busy"))
            busy.push_back(e);
    }
    // The largest type, the fewest columns and the most lines that fit; zero lines go first.
    struct Choice {
        QFont font;
        int columns = 1;
        int level = 0;
        const std::vector<Entry> *entries = nullptr;
        double rowH = 0;
    };
    std::optional<Choice> chosen;
    const double minBar = projector.px(40);
    for (double px = 24; px >= 16 && !chosen; px -= 2) {
        const QFont font = projector.font(base, px);
        const QFontMetricsF fm(font);
        const double rowH = fm.height() + projector.px(8);
        const int rows = static_cast<int>(area.height() / rowH);
        for (int columns = 1; columns <= 2 && !chosen; ++columns)
            for (const std::vector<Entry> *entries : std::array<const std::vector<Entry> *, 3>{&all, &kept, &busy}) {
                if (static_cast<int>(entries->size()) > rows * columns)
                    continue;
                const double cellW = area.width() / columns - (columns > 1 ? projector.px(16) : 0);
                double countW = 0;
                for (const Entry &e : *entries)
                    countW = std::max(countW, fm.horizontalAdvance(countText(e)));
                for (int level = 0; level < 2; ++level) {
                    double labelW = 0;
                    for (const Entry &e : *entries)
                        labelW = std::max(
                            labelW,
                            fm.horizontalAdvance(e.label[std::min<int>(level, static_cast<int>(e.label.size()) - 1)]));
                    if (labelW + countW + minBar + projector.px(24) <= cellW) {
                        chosen = Choice{font, columns, level, entries, rowH};
                        break;
                    }
                }
                if (chosen)
                    break;
            }
    }
    if (!chosen) {
        // Nothing fits whole: two columns of the lines that must stay, in the largest type from
        // 16 px down whose short names and counts fit side by side (no bar).
        const double cellW = area.width() / 2 - projector.px(16);
        double px = 16;
        for (; px > 8; px -= 1) {
            const QFontMetricsF fm(projector.font(base, px));
            double labelW = 0, countW = 0;
            for (const Entry &e : busy) {
                labelW = std::max(labelW, fm.horizontalAdvance(e.label.back()));
                countW = std::max(countW, fm.horizontalAdvance(countText(e)));
            }
            if (labelW + countW + projector.px(12) <= cellW)
                break;
        }
        const QFont font = projector.font(base, px);
        const double rowH = QFontMetricsF(font).height() + projector.px(8);
        chosen = Choice{font, 2, 1, &busy, rowH};
    }
    const Choice &c = *chosen;
    const QFontMetricsF fm(c.font);
    const int rows = std::max(1, static_cast<int>(area.height() / c.rowH));
    const double gutter = c.columns > 1 ? projector.px(16) : 0;
    const double cellW = area.width() / c.columns - gutter;
    // Each column as wide a name and count as its own lines need: the rest is bar.
    std::array<double, 2> labelWs{}, countWs{};
    std::int64_t longestQueue = 1;
    for (std::size_t i = 0; i < c.entries->size(); ++i) {
        const Entry &e = (*c.entries)[i];
        const auto col = std::min<std::size_t>(i / static_cast<std::size_t>(rows), 1);
        labelWs[col] = std::max(
            labelWs[col], fm.horizontalAdvance(e.label[std::min<int>(c.level, static_cast<int>(e.label.size()) - 1)]));
        countWs[col] = std::max(countWs[col], fm.horizontalAdvance(countText(e)));
        if (e.capacity == 0)
            longestQueue = std::max(longestQueue, e.count);
    }
    const double gap = projector.px(12);
    const double barH = std::max(6.0, projector.px(14));
    for (std::size_t i = 0; i < c.entries->size(); ++i) {
        const int col = static_cast<int>(i) / rows;
        const int row = static_cast<int>(i) % rows;
        if (col >= c.columns)
            break; // more lines than room even in the fallback: the kept ones come first
        const Entry &e = (*c.entries)[i];
        const double labelW = labelWs[static_cast<std::size_t>(col)], countW = countWs[static_cast<std::size_t>(col)];
        const QRectF cell(area.left() + col * (cellW + gutter), area.top() + row * c.rowH, cellW, c.rowH);
        if (row % 2 == 1 && col == 0)
            out.stripes.push_back(QRectF(0, cell.top(), area.right() + 4, c.rowH));
        const QString label = e.label[std::min<int>(c.level, static_cast<int>(e.label.size()) - 1)];
        const int labelForm = fitForm({label, e.label.back()}, c.font, std::min(labelW, cell.width()) + 0.5);
        out.text.items.push_back({labelForm == 1 ? e.label.back() : label, c.font,
                                  QRectF(cell.left(), cell.top(), labelW + 1, cell.height()),
                                  Qt::AlignLeft | Qt::AlignVCenter, inkColor(), TextRole::Label});
        out.text.items.push_back(
            {countText(e), c.font, QRectF(cell.right() - countW - 1, cell.top(), countW + 1, cell.height()),
             Qt::AlignRight | Qt::AlignVCenter, e.count > 0 ? inkColor() : mutedInk(), TextRole::Label});
        const double barLeft = cell.left() + labelW + gap;
        const double barRight = cell.right() - countW - gap;
        if (barRight - barLeft < 4)
            continue;
        // Per-processor bars stand taller: their heights are what is read.
        const double h = e.parts.size() > 1 ? std::min(cell.height() - 2, 2 * barH) : barH;
        const QRectF track(barLeft, cell.center().y() - h / 2, barRight - barLeft, h);
        const double fraction = e.capacity > 0 ? static_cast<double>(e.count) / static_cast<double>(e.capacity)
                                               : static_cast<double>(e.count) / static_cast<double>(longestQueue);
        CountBar bar{track, std::clamp(fraction, 0.0, 1.0), e.tone, {}};
        // A queue summed over processors shows each one's part, so a steal is still visible.
        if (e.parts.size() > 1 && e.count > 0) {
            std::int64_t longest = 1;
            for (const std::int64_t part : e.parts)
                longest = std::max(longest, part);
            for (const std::int64_t part : e.parts)
                bar.parts.push_back(static_cast<double>(part) / static_cast<double>(longest));
        }
        out.bars.push_back(std::move(bar));
        out.text.marks.push_back(track);
    }
}

} // namespace conviz::gui
