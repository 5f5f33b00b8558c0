#include "gui/charts/chart_axes.h"

#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace conviz::gui::charts {

// Longer dashes than Qt's defaults: fewer segments to stroke, and they read better at blog size.
QPen linePen(QColor color, double width, LineStyle style)
{
    QPen pen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    if (style == LineStyle::Dash)
        pen.setDashPattern({5, 2.5});
    else if (style == LineStyle::DashDot)
        pen.setDashPattern({6, 2.5, 1, 2.5});
    return pen;
}

void paintMarker(QPainter &p, MarkerShape shape, const QRectF &r, QColor fill, double outline, bool hollow)
{
    if (hollow) {
        const double w = std::max(1.6, r.width() / 6);
        p.setPen(QPen(fill, w));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(r.adjusted(w / 2, w / 2, -w / 2, -w / 2));
        return;
    }
    p.setPen(QPen(Qt::white, outline));
    p.setBrush(fill);
    switch (shape) {
    case MarkerShape::Circle: p.drawEllipse(r); break;
    case MarkerShape::Square: p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5)); break;
    case MarkerShape::Triangle: {
        const QPointF pts[3] = {{r.center().x(), r.top()}, {r.right(), r.bottom()}, {r.left(), r.bottom()}};
        p.drawPolygon(pts, 3);
        break;
    }
    case MarkerShape::Star: {
        QPointF pts[10];
        for (int i = 0; i < 10; ++i) {
            const double a = -M_PI / 2 + i * M_PI / 5, radius = (i % 2 ? 0.4 : 1.0) * r.width() / 2;
            pts[i] = r.center() + QPointF(radius * std::cos(a), radius * std::sin(a));
        }
        p.drawPolygon(pts, 10);
        break;
    }
    case MarkerShape::Diamond: {
        const QPointF c = r.center();
        const QPointF pts[4] = {{c.x(), r.top()}, {r.right(), c.y()}, {c.x(), r.bottom()}, {r.left(), c.y()}};
        p.drawPolygon(pts, 4);
        break;
    }
    }
}

double markerSizeOf(const SeriesData &s, double size)
{
    return s.hollow                            ? size * 1.4
           : s.marker == MarkerShape::Star     ? size * 1.5
           : s.marker == MarkerShape::Diamond  ? size * 1.3
           : s.marker == MarkerShape::Triangle ? size * 7 / 6
                                               : size;
}

QScatterSeries *markerSeries(const SeriesData &s, const QList<QPointF> &points, double size)
{
    auto *dots = new QScatterSeries;
    const QColor color = colorOf(s.rgb);
    if (s.hollow) {
        dots->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        dots->setColor(Qt::transparent);
        dots->setBorderColor(color);
        dots->setPen(QPen(color, std::max(1.6, size / 5)));
    } else {
        switch (s.marker) {
        case MarkerShape::Circle: dots->setMarkerShape(QScatterSeries::MarkerShapeCircle); break;
        case MarkerShape::Square: dots->setMarkerShape(QScatterSeries::MarkerShapeRectangle); break;
        case MarkerShape::Triangle: dots->setMarkerShape(QScatterSeries::MarkerShapeTriangle); break;
        case MarkerShape::Star: dots->setMarkerShape(QScatterSeries::MarkerShapeStar); break;
        case MarkerShape::Diamond: dots->setMarkerShape(QScatterSeries::MarkerShapeRotatedRectangle); break;
        }
        dots->setColor(color);
        dots->setBorderColor(Qt::white);
        dots->setPen(QPen(Qt::white, 1.2));
    }
    dots->setMarkerSize(markerSizeOf(s, size));
    dots->replace(points);
    return dots;
}

std::vector<std::size_t> markerOrder(const ChartData &data)
{
    std::vector<std::size_t> order;
    for (bool hollow : {false, true})
        for (std::size_t i = 0; i < data.series.size(); ++i)
            if (data.series[i].markers && data.series[i].hollow == hollow)
                order.push_back(i);
    return order;
}

QAbstractAxis *makeAxis(bool log)
{
    if (log) {
        auto *a = new QLogValueAxis;
        a->setBase(10);
        a->setLabelFormat(QStringLiteral("%g"));
        a->setMinorTickCount(0);
        return a;
    }
    auto *a = new QValueAxis;
    a->setLabelFormat(QStringLiteral("%.4g"));
    return a;
}

KeptPoints keptPoints(const ChartData &data)
{
    KeptPoints k;
    double xLo = std::numeric_limits<double>::max(), xHi = std::numeric_limits<double>::lowest();
    double yLo = xLo, yHi = xHi;
    k.series.resize(data.series.size());
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        QList<QPointF> &pts = k.series[i];
        pts.reserve(data.series[i].points.size());
        for (const QPointF &p : data.series[i].points) {
            if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || (data.logX && p.x() <= 0) ||
                (data.logY && p.y() <= 0))
                continue; // a log axis cannot show zero
            pts.append(p);
            xLo = std::min(xLo, p.x());
            xHi = std::max(xHi, p.x());
            yLo = std::min(yLo, p.y());
            yHi = std::max(yHi, p.y());
        }
    }
    if (xLo <= xHi) {
        k.xLo = xLo, k.xHi = xHi, k.yLo = yLo, k.yHi = yHi;
        if (!data.logX && data.xExtent > k.xHi)
            k.xHi = data.xExtent; // a series that stops early (a cut trace) does not shorten the axis
        if (data.xStart && *data.xStart < k.xLo && (!data.logX || *data.xStart > 0))
            k.xLo = *data.xStart; // nor one that starts late (a sweep's first points measured nothing)
    }
    return k;
}

namespace {

void setRange(QAbstractAxis *a, double rlo, double rhi, bool log, bool fromZero, int ticks = kMostYTicks)
{
    if (log) {
        // Ticks fall on whole decades whatever the range: end on the decade next to the data when
        // it is near (within 4×), else keep a margin, and take whole decades when that would leave
        // fewer than two ticks.
        const double floorDecade = std::pow(10.0, std::floor(std::log10(rlo)));
        const double ceilDecade = std::pow(10.0, std::ceil(std::log10(rhi * 1.0001)));
        // A point on a decade keeps a little room, so its marker shows whole.
        double lo = std::min(rlo / floorDecade < 4 ? floorDecade : rlo / 1.6, rlo / 1.12);
        double hi = std::max(ceilDecade / rhi < 4 ? ceilDecade : rhi * 1.6, rhi * 1.12);
        if (std::floor(std::log10(hi)) - std::ceil(std::log10(lo)) < 1) {
            lo = std::pow(10.0, std::floor(std::log10(rlo)));
            hi = std::max(std::pow(10.0, std::ceil(std::log10(rhi * 1.0001))), lo * 10);
        }
        a->setRange(lo, hi);
        return;
    }
    double lo = fromZero ? std::min(0.0, rlo) : rlo;
    double hi = rhi;
    if (hi <= lo)
        hi = lo + 1;
    else if (!fromZero)
        lo -= (hi - lo) * 0.02;
    hi += (hi - lo) * 0.08;
    auto *v = qobject_cast<QValueAxis *>(a);
    if (!v) {
        a->setRange(lo, hi);
        return;
    }
    // Nice numbers may take more ticks than asked (0–170,000 in 4 becomes 0–200,000 in steps of
    // 50,000): ask for fewer until they fit. Tried on an axis of no chart, since every change of a
    // chart's axis lays out its series again (a quarter of a drag's GUI time, measured).
    QValueAxis trial;
    for (int asked = ticks; asked >= 2; --asked) {
        trial.setRange(lo, hi);
        trial.setTickCount(asked);
        trial.applyNiceNumbers();
        if (trial.tickCount() <= ticks)
            break;
    }
    v->setRange(trial.min(), trial.max());
    v->setTickCount(trial.tickCount());
}

} // namespace

int yTicksFor(double height, double labelHeight)
{
    if (height <= 0 || labelHeight <= 0)
        return kMostYTicks; // not laid out yet
    // Labels at least 1.4 lines apart, centre to centre.
    return std::clamp(static_cast<int>(height / (labelHeight * 1.4)) + 1, 2, kMostYTicks);
}

bool xTitleFits(double room, double labelHeight, double titleHeight)
{
    // Qt's paddings: 4 px between the plot and the labels, 2 px on each side of the title (Qt 6.4),
    // and a pixel of rounding each.
    constexpr double kPaddings = 11;
    constexpr double kMostOfTheHeight = 0.4;
    return room <= 0 || labelHeight + titleHeight + kPaddings <= kMostOfTheHeight * room;
}

QString titleNamingY(const QString &title, const QString &yTitle)
{
    const qsizetype unit = yTitle.indexOf(QStringLiteral(" ("));
    if (unit > 0 && title.startsWith(yTitle.left(unit), Qt::CaseInsensitive)) {
        // The unit follows the quantity, before a note the title ends with ("· 2 points measured nothing").
        const qsizetype note = title.indexOf(QStringLiteral(" · "));
        return note < 0 ? title + yTitle.mid(unit) : title.left(note) + yTitle.mid(unit) + title.mid(note);
    }
    return QStringLiteral("%1 · %2").arg(title, yTitle);
}

QString fittedTitle(const QString &title, double width, const QFontMetricsF &font)
{
    const QString sep = QStringLiteral(" · ");
    if (font.horizontalAdvance(title) <= width || !title.contains(sep))
        return title;
    const QStringList parts = title.split(sep);
    qsizetype first = 1; // parts on the first line: at least one
    while (first + 1 < parts.size() && font.horizontalAdvance(parts.mid(0, first + 1).join(sep)) <= width)
        ++first;
    return parts.mid(0, first).join(sep).toHtmlEscaped() + QStringLiteral("<br>") +
           parts.mid(first).join(sep).toHtmlEscaped();
}

void setAxisRanges(QAbstractAxis *x, QAbstractAxis *y, const ChartData &data, const KeptPoints &k, int yTicks)
{
    // The last data's tick interval must not meet the new range: a step of 0.001 over a range of
    // millions is a billion ticks, which Qt Charts lays out one by one (the monkey test held the GUI
    // thread for seconds so). Fixed ticks until the new interval is set below.
    if (auto *v = qobject_cast<QValueAxis *>(x))
        v->setTickType(QValueAxis::TicksFixed);
    setRange(x, k.xLo, k.xHi, data.logX, false);
    setRange(y, k.yLo, k.yHi, data.logY, data.yFromZero, yTicks);
    // Plain numbers on the axes, never "1e+04", with thousands separators (Qt's ' flag): 250,000.
    for (QAbstractAxis *a : {x, y}) {
        if (auto *l = qobject_cast<QLogValueAxis *>(a))
            l->setLabelFormat(l->min() >= 1 ? QStringLiteral("%'.0f") : QStringLiteral("%g"));
        else if (auto *v = qobject_cast<QValueAxis *>(a))
            v->setLabelFormat(v->max() - v->min() >= 10 ? QStringLiteral("%'.0f") : QStringLiteral("%.3g"));
    }
    if (auto *v = qobject_cast<QValueAxis *>(x); v && !data.logX) {
        // Time: exactly the data. Sweeps (with markers): a little room so end markers show whole.
        const bool markers =
            std::any_of(data.series.begin(), data.series.end(), [](const SeriesData &s) { return s.markers; });
        const double pad = markers ? (k.xHi - k.xLo) * 0.03 : 0;
        v->setRange(k.xLo - pad, k.xHi > k.xLo ? k.xHi + pad : k.xLo + 1);
        v->setTickAnchor(0);
        const double span = v->max() - v->min();
        const double raw = span / 6;
        const double decade = std::pow(10.0, std::floor(std::log10(raw)));
        double step = decade;
        for (double m : {1.0, 2.0, 5.0, 10.0})
            if (m * decade >= raw) {
                step = m * decade;
                break;
            }
        v->setTickInterval(step);
        v->setTickType(QValueAxis::TicksDynamic); // last: range and interval now belong together
    }
}

std::pair<double, double> axisRange(const QAbstractAxis *axis)
{
    if (auto *v = qobject_cast<const QValueAxis *>(axis))
        return {v->min(), v->max()};
    if (auto *l = qobject_cast<const QLogValueAxis *>(axis))
        return {l->min(), l->max()};
    return {0, 1};
}

} // namespace conviz::gui::charts
