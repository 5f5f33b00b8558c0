#include "gui/core/headline_note.h"

#include "gui/core/format.h"
#include "report/report.h"

#include <QStringList>

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
        case Unmeasured::AllRefused: note.text = note.why = QStringLiteral("every request was refused"); break;
        case Unmeasured::NothingFinished: note.text = note.why = QStringLiteral("nothing finished yet"); break;
        case Unmeasured::AllInWarmup:
            note.why = QStringLiteral("all arrived in the %1 warm-up")
                           .arg(formatDuration(static_cast<double>(m.windowStart.count())));
            note.text = QStringLiteral("nothing measured: ") + note.why;
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

QString unmeasuredSentences(std::span<const ModelMetrics *const> models)
{
    // Grouped as conviz-cli groups them, each group's reason in the headlines' words.
    QStringList sentences;
    for (const report::UnmeasuredGroup &g : report::unmeasuredGroups(models)) {
        const QString who = QString::fromStdString(g.models), why = headlineNote(*g.first).why;
        sentences << (why.isEmpty() ? QStringLiteral("%1 measured nothing.").arg(who)
                                    : QStringLiteral("%1 measured nothing: %2.").arg(who, why));
    }
    return sentences.join(QLatin1Char(' '));
}

} // namespace conviz::gui
