#include "gui/widgets/headline_view.h"

#include "gui/core/format.h"
#include "gui/core/headline_note.h"
#include "gui/widgets/palette.h"

#include <QPainter>

#include <array>
#include <cmath>

namespace conviz::gui {

HeadlineView::HeadlineView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : ModelView(state, playback, parent)
{
}

HeadlineView::Rows HeadlineView::layout() const
{
    const double big = QFontMetricsF(sizedFont(font(), 3.5, true)).height();
    const double small = QFontMetricsF(sizedFont(font(), -1.5)).height();
    Rows r{};
    r.value = big + 3;
    r.caption = small + 3;
    r.liveTop = 2 + r.value + r.caption + 6;
    r.live = small + 6;
    r.height = static_cast<int>(std::ceil(r.liveTop + r.live + 3));
    return r;
}

void HeadlineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    TraceCursor *cursor = cursorNow();
    const ModelRun *run = m_state.run();
    if (!run)
        return;
    const ModelMetrics &m = run->metrics;
    const HeadlineNote note = headlineNote(m); // why a number is empty or extreme
    const QString none = QStringLiteral("—");
    struct Stat {
        QString value, caption, tip;
        bool alert = false;
    };
    const Stat stats[] = {
        {note.numbersEmpty ? none : formatNumber(m.throughputRps, 4), QStringLiteral("req/s"),
         QStringLiteral("Requests completed per second over the measured window")},
        {note.numbersEmpty ? none : formatDuration(m.latency.p50),
         QStringLiteral("p50 · p99 %1").arg(note.numbersEmpty ? none : formatDuration(m.latency.p99)),
         QStringLiteral("Median and 99th-percentile latency, arrival to answer")},
        {formatBytes(static_cast<double>(m.memory.peakCommitted)),
         QStringLiteral("resident · %1 virtual").arg(formatBytes(static_cast<double>(m.memory.peakReserved))),
         QStringLiteral("Peak committed (resident) memory; reserved adds address space that is never touched")},
        {formatPercent(m.cpuUtilization), QStringLiteral("CPU busy"),
         QStringLiteral("Busy core time over cores × measured time")},
    };
    const Rows rows = layout();
    QString key = QString::number(width()) + font().key();
    for (const Stat &st : stats)
        key += QLatin1Char('|') + st.value + QLatin1Char('|') + st.caption;
    if (key != m_columns.key) {
        m_columns.key = key;
        // Widths by need: value and caption whole if they fit; else the captions give way; else the
        // values shrink (never cut: "8.4…" would misreport a number).
        QFont big = sizedFont(font(), 3.5, true);
        QFont small = sizedFont(font(), -1.5);
        const double available = width();
        std::array<double, 4> whole{}, values{};
        double wholeSum = 0, valueSum = 0;
        const auto measure = [&] {
            wholeSum = valueSum = 0;
            for (std::size_t i = 0; i < 4; ++i) {
                values[i] = QFontMetricsF(big).horizontalAdvance(stats[i].value) + 12;
                whole[i] = std::max(values[i], QFontMetricsF(small).horizontalAdvance(stats[i].caption) + 12);
                wholeSum += whole[i];
                valueSum += values[i];
            }
        };
        measure();
        // Captions hold numbers too (the p99): a slightly smaller caption before a cut one.
        for (int step = 0; step < 4 && wholeSum > available && small.pointSizeF() > 7; ++step) {
            small.setPointSizeF(small.pointSizeF() - 0.5);
            measure();
        }
        std::array<double, 4> widths{};
        if (wholeSum <= available) {
            for (std::size_t i = 0; i < 4; ++i)
                widths[i] = available * whole[i] / wholeSum;
        } else if (valueSum <= available) {
            // Every value whole; the room left goes to the captions, the latency's (its p99) first.
            double extra = available - valueSum;
            widths = values;
            const double latency = std::min(extra, whole[1] - values[1]);
            widths[1] += latency;
            extra -= latency;
            double deficit = 0;
            for (std::size_t i = 0; i < 4; ++i)
                deficit += whole[i] - widths[i];
            for (std::size_t i = 0; i < 4 && deficit > 0; ++i)
                widths[i] += extra * (whole[i] - widths[i]) / deficit;
        } else {
            if (big.pointSizeF() > 0)
                big.setPointSizeF(std::max(6.0, big.pointSizeF() * available / valueSum));
            for (std::size_t i = 0; i < 4; ++i)
                widths[i] = available * values[i] / valueSum;
        }
        m_columns.widths = widths;
        m_columns.big = big;
        m_columns.small = small;
    }
    const std::array<double, 4> &widths = m_columns.widths;
    const QFont &big = m_columns.big;
    const QFont &small = m_columns.small;
    double left = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const double w = widths[i];
        const QRectF value(left + 4, 2, w - 8, rows.value);
        left += w;
        p.setFont(big);
        p.setPen(inkColor());
        const QFontMetricsF fm(big);
        p.drawText(value, Qt::AlignLeft | Qt::AlignBottom,
                   fm.elidedText(stats[i].value, Qt::ElideRight, value.width()));
        p.setFont(small);
        p.setPen(mutedInk());
        p.drawText(QRectF(value.left(), value.bottom(), value.width(), rows.caption), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(small).elidedText(stats[i].caption, Qt::ElideRight, value.width()));
    }
    // Live line: what the model holds at the playback instant.
    QString live;
    if (cursor) {
        const TraceIndex &index = cursor->index();
        const Nanos t{paintedTime()};
        live = QStringLiteral("Now: %1 requests in flight · %2 tasks · %3 OS threads")
                   .arg(formatCount(index.counterAt(Counter::InFlight, 0, t)),
                        formatCount(static_cast<std::int64_t>(cursor->liveTaskCount())),
                        formatCount(index.counterAt(Counter::Threads, 0, t)));
    }
    if (m.refused > 0)
        live += QStringLiteral(" · %1 refused").arg(formatCount(m.refused));
    if (!note.text.isEmpty()) // first: it is what the numbers above cannot say
        live = note.text + (live.isEmpty() ? QString() : QStringLiteral(" · ") + live);
    const QFont liveFont = sizedFont(font(), -1.5);
    p.setFont(liveFont);
    p.setPen(m.refused > 0 || !note.text.isEmpty() ? rgbColor(kAlertRgb) : inkColor());
    p.drawText(QRectF(6, rows.liveTop, width() - 12, rows.live), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(liveFont).elidedText(live, Qt::ElideRight, width() - 12));
    p.setPen(QColor(0xe0, 0xe0, 0xe0));
    p.drawLine(QPointF(0, height() - 1), QPointF(width(), height() - 1));
}

} // namespace conviz::gui
