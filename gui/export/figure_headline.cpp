#include "gui/export/figure_headline.h"

#include "gui/core/format.h"
#include "gui/core/headline_note.h"
#include "gui/widgets/palette.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr double kMargin = 6;

// The largest value a counter takes over the run.
std::int64_t peakOf(const TraceIndex &index, Counter counter)
{
    std::int64_t peak = 0;
    for (const CounterSample &s : index.counterSeries(counter, 0))
        peak = std::max(peak, s.value);
    return peak;
}

} // namespace

FigureHeadline::FigureHeadline(ColumnState &state, PlaybackState &playback, bool compact, QWidget *parent)
    : ModelView(state, playback, parent), m_compact(compact)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

std::vector<FigureHeadline::Line> FigureHeadline::lines(Nanos t, bool widest) const
{
    const ModelRun *run = m_state.run();
    if (!run)
        return {};
    const ModelMetrics &m = run->metrics;
    // As in the app's headline: with no measured request, a dash rather than "0 req/s · p99 0 ns",
    // and what the numbers cannot say (nothing measured, an overload) in words, under them.
    const HeadlineNote note = headlineNote(m);
    const auto measured = [&note](const QString &value) { return note.numbersEmpty ? QStringLiteral("—") : value; };
    std::vector<Line> out;
    out.push_back({sizedFont(font(), m_compact ? 1.5 : 3, true),
                   inkColor(),
                   {measured(formatNumber(m.throughputRps, 4)) + QStringLiteral(" req/s"),
                    QStringLiteral("p99 ") + measured(formatDuration(m.latency.p99))}});
    if (!note.text.isEmpty()) // a sentence: it wraps between its words
        out.push_back(
            {sizedFont(font(), -0.5), rgbColor(kAlertRgb), note.text.split(QLatin1Char(' ')), QStringLiteral(" ")});
    out.push_back({sizedFont(font(), -0.5),
                   inkColor(),
                   {formatBytes(static_cast<double>(m.memory.peakCommitted)) + QStringLiteral(" resident"),
                    formatBytes(static_cast<double>(m.memory.peakReserved)) + QStringLiteral(" virtual"),
                    measured(formatPercent(m.cpuUtilization)) + QStringLiteral(" CPU busy")}});
    if (!m_compact)
        out.back().items.prepend(QStringLiteral("p50 ") + measured(formatDuration(m.latency.p50)));
    if (run->index) {
        const TraceIndex &index = *run->index;
        std::int64_t inFlight = 0, tasks = 0, threads = 0;
        if (widest) {
            inFlight = peakOf(index, Counter::InFlight);
            tasks = std::max(peakOf(index, Counter::Tasks), inFlight);
            threads = peakOf(index, Counter::Threads);
        } else {
            inFlight = index.counterAt(Counter::InFlight, 0, t);
            tasks = m_state.cursor ? static_cast<std::int64_t>(m_state.cursor->liveTaskCount()) : 0;
            threads = index.counterAt(Counter::Threads, 0, t);
        }
        const std::vector<Nanos> &done = index.trace().completions;
        if (!widest && inFlight == 0 && !done.empty() && done.back() <= t) {
            // A finished model says so, rather than showing empty lanes without a word.
            out.push_back(
                {sizedFont(font(), -0.5),
                 m.refused > 0 ? rgbColor(kAlertRgb) : inkColor(),
                 {QStringLiteral("All done by %1").arg(formatDuration(static_cast<double>(done.back().count())))}});
            if (m.refused > 0)
                out.back().items.append(QStringLiteral("%1 refused").arg(formatCount(m.refused)));
            return out;
        }
        Line live{sizedFont(font(), -0.5),
                  m.refused > 0 ? rgbColor(kAlertRgb) : inkColor(),
                  {QStringLiteral("Now: %1 in flight").arg(formatCount(inFlight)),
                   QStringLiteral("%1 OS threads").arg(formatCount(threads))}};
        if (!m_compact)
            live.items.insert(1, QStringLiteral("%1 tasks").arg(formatCount(tasks)));
        if (m.refused > 0)
            live.items.append(QStringLiteral("%1 refused").arg(formatCount(m.refused)));
        out.push_back(std::move(live));
    }
    return out;
}

double FigureHeadline::flow(const std::vector<Line> &lines, double width, TextLayout *out) const
{
    const double room = std::max(width - 2 * kMargin, 1.0);
    double y = 4;
    const auto place = [out](const Line &line, const QString &text, double x, double top, double w) {
        if (out)
            out->items.push_back({text, line.font, QRectF(kMargin + x, top, w, QFontMetricsF(line.font).height()),
                                  Qt::AlignLeft | Qt::AlignVCenter, line.color});
    };
    for (const Line &line : lines) {
        const QFontMetricsF fm(line.font);
        const QString &dot = line.separator;
        double x = 0;
        for (int i = 0; i < line.items.size(); ++i) {
            const QString item = fm.elidedText(line.items[i], Qt::ElideRight, room);
            const double w = fm.horizontalAdvance(item);
            const double withDot = fm.horizontalAdvance(dot);
            if (x > 0 && x + withDot + w > room) {
                x = 0;
                y += fm.height();
            } else if (x > 0) {
                place(line, dot, x, y, withDot);
                x += withDot;
            }
            place(line, item, x, y, w);
            x += w;
        }
        y += fm.height() + 2;
    }
    return y + 4;
}

TextLayout FigureHeadline::textLayout()
{
    TextLayout out;
    cursorNow(); // the column's cursor at the instant shown (the live line's task count)
    flow(lines(Nanos{paintedTime()}, false), width(), &out);
    return out;
}

int FigureHeadline::heightForWidth(int width) const
{
    return static_cast<int>(std::ceil(flow(lines(Nanos{0}, true), width, nullptr)));
}

void FigureHeadline::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::TextAntialiasing);
    paintTexts(p, textLayout());
    p.setPen(QColor(0xe0, 0xe0, 0xe0));
    p.drawLine(QPointF(0, height() - 1), QPointF(width(), height() - 1));
}

} // namespace conviz::gui
