#include "gui/core/format.h"

#include <QLocale>

#include <array>
#include <cmath>

namespace conviz::gui {
namespace {

// "2.50" → "2.5", "3.00" → "3".
QString withoutTrailingZeros(QString s)
{
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

// Three significant digits without trailing noise: 2, 2.5, 12.3, 512.
QString threeDigits(double v)
{
    const double a = std::fabs(v);
    const int decimals = a >= 100 || a == std::floor(a) ? 0 : (a >= 10 ? 1 : 2);
    QString s = QString::number(v, 'f', decimals);
    return withoutTrailingZeros(std::move(s));
}

} // namespace

QString formatBytes(double bytes)
{
    static const std::array<QString, 5> units{QStringLiteral("B"), QStringLiteral("KiB"), QStringLiteral("MiB"),
                                              QStringLiteral("GiB"), QStringLiteral("TiB")};
    double v = bytes;
    std::size_t unit = 0;
    while (std::fabs(v) >= 1024.0 && unit + 1 < units.size()) {
        v /= 1024.0;
        ++unit;
    }
    return threeDigits(v) + QLatin1Char(' ') + units[unit];
}

QString formatDuration(double ns)
{
    const double a = std::fabs(ns);
    if (a < 1e3)
        return threeDigits(ns) + QStringLiteral(" ns");
    if (a < 1e6)
        return threeDigits(ns / 1e3) + QStringLiteral(" µs");
    if (a < 1e9)
        return threeDigits(ns / 1e6) + QStringLiteral(" ms");
    return threeDigits(ns / 1e9) + QStringLiteral(" s");
}

QString formatRate(double perSecond) { return formatNumber(perSecond, 4) + QStringLiteral(" req/s"); }

QString formatPercent(double fraction) { return QString::number(fraction * 100.0, 'f', 1) + QStringLiteral(" %"); }

QString formatCount(std::int64_t value) { return QLocale(QLocale::English).toString(static_cast<qlonglong>(value)); }

QString formatNumber(double value, int significant)
{
    if (!std::isfinite(value))
        return QStringLiteral("–");
    const double a = std::fabs(value);
    if (a >= 1000.0)
        return QLocale(QLocale::English).toString(std::llround(value));
    const int magnitude = a > 0 ? static_cast<int>(std::floor(std::log10(a))) + 1 : 1;
    const int decimals = std::max(0, significant - magnitude);
    QString s = QString::number(value, 'f', decimals);
    return withoutTrailingZeros(std::move(s));
}

} // namespace conviz::gui
