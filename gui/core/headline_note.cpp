#include "gui/core/headline_note.h"

#include "gui/core/format.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {

HeadlineNote headlineNote(const ModelMetrics &m)
{
    HeadlineNote note;
    // A factor near 1 rounds to "1×", which reads as "not overloaded": under 1.1 it is a percentage.
    const QString factor =
        m.overload >= 1.1 ? formatNumber(m.overload, 2) + QStringLiteral("×")
        : m.overload > 1
            ? QStringLiteral("%1 %").arg(std::max(1, static_cast<int>(std::lround((m.overload - 1) * 100))))
            : QString();
    if (const Unmeasured why = whyUnmeasured(m); why != Unmeasured::No) {
        // Throughput and latency are read from measured requests only; with none, "0 req/s, 0 ns"
        // would read as a model that is infinitely fast and does nothing.
        note.numbersEmpty = true;
        switch (why) {
        case Unmeasured::AllRefused: note.text = QStringLiteral("every request was refused"); break;
        case Unmeasured::NothingFinished: note.text = QStringLiteral("nothing finished yet"); break;
        case Unmeasured::AllInWarmup:
            note.text = QStringLiteral("nothing measured: all arrived in the %1 warm-up")
                            .arg(formatDuration(static_cast<double>(m.windowStart.count())));
            break;
        case Unmeasured::No:
        case Unmeasured::Other: note.text = QStringLiteral("nothing measured"); break;
        }
        // The empty numbers first (they are what looks wrong), the overload after, short: a
        // headline line has room for about sixty characters.
        if (m.overload > 0)
            note.text +=
                factor.isEmpty() ? QStringLiteral("; overloaded") : QStringLiteral("; overloaded %1").arg(factor);
        return note;
    }
    if (m.overload > 0)
        note.text = factor.isEmpty() ? QStringLiteral("overloaded: arrivals outran the model")
                                     : QStringLiteral("overloaded: arrivals exceed capacity by %1").arg(factor);
    return note;
}

} // namespace conviz::gui
