#include "gui/widgets/notice_text.h"

#include <QFontMetricsF>

#include <algorithm>

namespace conviz::gui {
namespace {

QStringList wrapped(const QString &text, const QFontMetricsF &fm, double width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && fm.horizontalAdvance(longer) > width) {
            lines.push_back(line);
            line = word;
        } else {
            line = longer;
        }
    }
    if (!line.isEmpty())
        lines.push_back(line);
    return lines;
}

} // namespace

void addNotice(TextLayout &layout, const QString &text, QFont font, const QRectF &box, const QColor &color)
{
    const QRectF inner = box.adjusted(6, 4, -6, -4);
    if (inner.width() <= 0 || inner.height() <= 0)
        return;
    QStringList lines;
    double lineHeight = 0;
    for (;;) {
        const QFontMetricsF fm(font);
        lines = wrapped(text, fm, inner.width());
        lineHeight = fm.height();
        const bool fits = static_cast<double>(lines.size()) * lineHeight <= inner.height() &&
                          std::all_of(lines.begin(), lines.end(),
                                      [&](const QString &l) { return fm.horizontalAdvance(l) <= inner.width(); });
        const double size = font.pixelSize() > 0 ? font.pixelSize() : font.pointSizeF();
        if (fits || size <= 7)
            break;
        font.pixelSize() > 0 ? font.setPixelSize(font.pixelSize() - 1) : font.setPointSizeF(size - 0.5);
    }
    const QFontMetricsF fm(font);
    const qsizetype shown = std::min<qsizetype>(lines.size(), static_cast<qsizetype>(inner.height() / lineHeight));
    double top = inner.top() + (inner.height() - static_cast<double>(shown) * lineHeight) / 2;
    for (qsizetype i = 0; i < shown; ++i, top += lineHeight) {
        if (fm.horizontalAdvance(lines[i]) > inner.width())
            continue; // one word wider than the box: leave it out rather than cut it
        layout.items.push_back({lines[i], font, QRectF(inner.left(), top, inner.width(), lineHeight),
                                Qt::AlignHCenter | Qt::AlignVCenter, color});
    }
}

} // namespace conviz::gui
