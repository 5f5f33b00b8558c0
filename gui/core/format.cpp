#include "gui/core/format.h"

#include <QLocale>

#include <algorithm>
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

namespace {

struct TimeUnit {
    double ns;
    const char16_t *name;
};

TimeUnit unitOf(double ns)
{
    const double a = std::fabs(ns);
    if (a < 1e3)
        return {1, u"ns"};
    if (a < 1e6)
        return {1e3, u"µs"};
    if (a < 1e9)
        return {1e6, u"ms"};
    return {1e9, u"s"};
}

// Decimals of `unit` needed to show a step of `resolution` ns (none below a nanosecond).
int decimalsFor(double unit, double resolution)
{
    const double r = std::max(resolution, 1.0);
    return std::clamp(static_cast<int>(std::ceil(std::log10(unit / r) - 1e-9)), 0, 9);
}

QString instant(double ns, int decimals, const TimeUnit &unit)
{
    QString digits = QString::number(ns / unit.ns, 'f', decimals);
    // 1.562347 → 1.562 347: a thin space every three decimals, as a clock or a ruler groups them.
    const qsizetype point = digits.indexOf(QLatin1Char('.'));
    if (point >= 0)
        for (qsizetype at = point + 4; at < digits.size(); at += 4)
            digits.insert(at, QChar(0x2009));
    return digits + QLatin1Char(' ') + QString::fromUtf16(unit.name);
}

} // namespace

QString formatInstant(double ns, double resolution)
{
    const TimeUnit unit = unitOf(ns);
    return instant(ns, decimalsFor(unit.ns, resolution), unit);
}

QString formatClock(double ns, double resolution)
{
    const TimeUnit unit = unitOf(ns);
    // Three significant digits at least: 1.56 s, 12.3 ms, 150 ns.
    const double shown = std::fabs(ns) / unit.ns;
    const int least = shown >= 100 || ns == 0 ? 0 : (shown >= 10 ? 1 : 2);
    return instant(ns, std::max(least, decimalsFor(unit.ns, resolution)), unit);
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
