#include "gui/core/headline_note.h"

#include "gui/core/format.h"

namespace conviz::gui {

HeadlineNote headlineNote(const ModelMetrics &m)
{
    HeadlineNote note;
    const QString overload =
        m.overload > 0 ? QStringLiteral("overloaded: arrivals exceed capacity by %1×").arg(formatNumber(m.overload, 2))
                       : QString();
    if (m.measured == 0) {
        // Throughput and latency are read from measured requests only; with none, "0 req/s, 0 ns"
        // would read as a model that is infinitely fast and does nothing.
        note.numbersEmpty = true;
        if (m.issued > 0 && m.refused == m.issued)
            note.text = QStringLiteral("every request was refused");
        else if (m.completed == 0)
            note.text = QStringLiteral("nothing finished yet");
        else if (m.windowStart > Nanos::zero())
            note.text = QStringLiteral("nothing measured: every request arrived in the %1 warm-up")
                            .arg(formatDuration(static_cast<double>(m.windowStart.count())));
        else
            note.text = QStringLiteral("nothing measured");
        if (!overload.isEmpty())
            note.text = overload + QStringLiteral("; ") + note.text;
        return note;
    }
    note.text = overload;
    return note;
}

} // namespace conviz::gui
