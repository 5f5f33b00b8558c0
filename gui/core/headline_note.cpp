#include "gui/core/headline_note.h"

#include "gui/core/format.h"

namespace conviz::gui {

HeadlineNote headlineNote(const ModelMetrics &m)
{
    HeadlineNote note;
    const QString factor = formatNumber(m.overload, 2);
    if (m.measured == 0) {
        // Throughput and latency are read from measured requests only; with none, "0 req/s, 0 ns"
        // would read as a model that is infinitely fast and does nothing.
        note.numbersEmpty = true;
        if (m.issued > 0 && m.refused == m.issued)
            note.text = QStringLiteral("every request was refused");
        else if (m.completed == 0)
            note.text = QStringLiteral("nothing finished yet");
        else if (m.windowStart > Nanos::zero())
            note.text = QStringLiteral("nothing measured: all arrived in the %1 warm-up")
                            .arg(formatDuration(static_cast<double>(m.windowStart.count())));
        else
            note.text = QStringLiteral("nothing measured");
        // The empty numbers first (they are what looks wrong), the overload after, short: a
        // headline line has room for about sixty characters.
        if (m.overload > 0)
            note.text += QStringLiteral("; overloaded %1×").arg(factor);
        return note;
    }
    if (m.overload > 0)
        note.text = QStringLiteral("overloaded: arrivals exceed capacity by %1×").arg(factor);
    return note;
}

} // namespace conviz::gui
