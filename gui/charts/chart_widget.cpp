#include "gui/charts/chart_widget.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsItem>
#include <QGraphicsLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QSvgGenerator>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace conviz::gui {
namespace {

QColor colorOf(std::uint32_t rgb) { return QColor::fromRgb(static_cast<QRgb>(rgb)); }

// A marker image in the model's shape, so lines stay apart in greyscale.
QImage markerImage(MarkerShape shape, QColor color)
{
    const int size = 18;
    QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(Qt::white, 1.5));
    p.setBrush(color);
    const QRectF r(3, 3, size - 6, size - 6);
    switch (shape) {
    case MarkerShape::Circle: p.drawEllipse(r); break;
    case MarkerShape::Square: p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5)); break;
    case MarkerShape::Triangle: {
        const QPointF pts[3] = {{r.center().x(), r.top()}, {r.right(), r.bottom()}, {r.left(), r.bottom()}};
        p.drawPolygon(pts, 3);
        break;
    }
    }
    return img;
}

// Dashed, antialiased lines over spiky data take tens of ms to stroke: cache every item as a
// pixmap, so that moving the playback marker repaints one thin line, not the plot. Exports turn it
// off, so that SVG and PDF get vectors.
void setItemCache(QChart *chart, bool on)
{
    const QList<QGraphicsItem *> top = chart->childItems();
    std::vector<QGraphicsItem *> items(top.begin(), top.end());
    while (!items.empty()) {
        QGraphicsItem *item = items.back();
        items.pop_back();
        item->setCacheMode(on ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
        for (QGraphicsItem *child : item->childItems())
            items.push_back(child);
    }
}

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

struct Range {
    double lo = std::numeric_limits<double>::max();
    double hi = std::numeric_limits<double>::lowest();
    void add(double v)
    {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool valid() const { return lo <= hi; }
};

QFont chartFont(int points, bool bold = false)
{
    QFont f;
    f.setPointSize(points);
    f.setBold(bold);
    return f;
}

} // namespace

struct ChartWidget::Impl {
    QChart *chart = nullptr;
    QChartView *view = nullptr;
    std::vector<QLineSeries *> series;
    QLineSeries *marker = nullptr;
    QAbstractAxis *x = nullptr;
    QAbstractAxis *y = nullptr;
    bool logX = false, logY = false;
    std::optional<double> markerX;
    double yLo = 0, yHi = 1;
};

ChartWidget::ChartWidget(QWidget *parent) : QWidget(parent), m_impl(std::make_unique<Impl>())
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_impl->chart = new QChart;
    m_impl->chart->setTheme(QChart::ChartThemeLight);
    m_impl->chart->setBackgroundRoundness(0);
    m_impl->chart->setMargins(QMargins(4, 4, 8, 4));
    m_impl->chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_impl->chart->setTitleFont(chartFont(11, true));
    m_impl->chart->legend()->setAlignment(Qt::AlignBottom);
    m_impl->chart->legend()->setFont(chartFont(9));
    m_impl->chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    m_impl->chart->setAnimationOptions(QChart::NoAnimation);
    m_impl->view = new QChartView(m_impl->chart, this);
    m_impl->view->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_impl->view);
}

ChartWidget::~ChartWidget() = default;

void ChartWidget::setData(const ChartData &data)
{
    Impl &d = *m_impl;
    QChart *chart = d.chart;
    const bool reshape = data.series.size() != m_data.series.size() || data.logX != d.logX || data.logY != d.logY ||
                         !d.x || [&] {
                             for (std::size_t i = 0; i < data.series.size(); ++i)
                                 if (data.series[i].name != m_data.series[i].name)
                                     return true;
                             return false;
                         }();
    m_data = data;
    chart->setTitle(data.title);
    chart->legend()->setVisible(data.legend);
    if (reshape) {
        chart->removeAllSeries();
        d.series.clear();
        d.marker = nullptr;
        for (QAbstractAxis *a : chart->axes())
            chart->removeAxis(a), delete a;
        d.logX = data.logX;
        d.logY = data.logY;
        auto makeAxis = [](bool log) -> QAbstractAxis * {
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
        };
        d.x = makeAxis(data.logX);
        d.y = makeAxis(data.logY);
        for (QAbstractAxis *a : {d.x, d.y}) {
            a->setLabelsFont(chartFont(9));
            a->setTitleFont(chartFont(9));
            a->setGridLineColor(QColor(0xe4, 0xe4, 0xe4));
        }
        chart->addAxis(d.x, Qt::AlignBottom);
        chart->addAxis(d.y, Qt::AlignLeft);
        for (const SeriesData &s : data.series) {
            auto *line = new QLineSeries;
            line->setName(s.name);
            line->setPen(linePen(colorOf(s.rgb), s.width, s.line));
            if (s.markers) {
                line->setLightMarker(markerImage(s.marker, colorOf(s.rgb)));
                line->setMarkerSize(11);
            }
            chart->addSeries(line);
            line->attachAxis(d.x);
            line->attachAxis(d.y);
            d.series.push_back(line);
        }
        d.marker = new QLineSeries;
        d.marker->setPen(QPen(QColor(0x22, 0x22, 0x22, 160), 1.2, Qt::SolidLine));
        chart->addSeries(d.marker);
        d.marker->attachAxis(d.x);
        d.marker->attachAxis(d.y);
        for (QLegendMarker *m : chart->legend()->markers(d.marker))
            m->setVisible(false);
        setItemCache(chart, true);
    }
    d.x->setTitleText(data.xTitle);
    d.y->setTitleText(data.yTitle);

    Range xr, yr;
    std::vector<QList<QPointF>> kept(data.series.size());
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        QList<QPointF> &pts = kept[i];
        pts.reserve(data.series[i].points.size());
        for (const QPointF &p : data.series[i].points) {
            if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || (data.logX && p.x() <= 0) || (data.logY && p.y() <= 0))
                continue; // a log axis cannot show zero
            pts.append(p);
            xr.add(p.x());
            yr.add(p.y());
        }
    }
    if (!xr.valid()) {
        xr = {0, 1};
        yr = {0, 1};
    }
    auto setRange = [](QAbstractAxis *a, Range r, bool log, bool fromZero) {
        if (log) {
            const double lo = std::pow(10.0, std::floor(std::log10(r.lo)));
            const double hi = std::pow(10.0, std::ceil(std::log10(r.hi * 1.0001)));
            a->setRange(lo, std::max(hi, lo * 10));
            return;
        }
        double lo = fromZero ? std::min(0.0, r.lo) : r.lo;
        double hi = r.hi;
        if (hi <= lo)
            hi = lo + 1;
        else if (!fromZero)
            lo -= (hi - lo) * 0.02;
        hi += (hi - lo) * 0.08;
        a->setRange(lo, hi);
        if (auto *v = qobject_cast<QValueAxis *>(a))
            v->applyNiceNumbers();
    };
    setRange(d.x, xr, data.logX, false);
    setRange(d.y, yr, data.logY, data.yFromZero);
    // Plain numbers on the axes, never "1e+04".
    for (QAbstractAxis *a : {d.x, d.y}) {
        if (auto *l = qobject_cast<QLogValueAxis *>(a))
            l->setLabelFormat(l->min() >= 1 ? QStringLiteral("%.0f") : QStringLiteral("%g"));
        else if (auto *v = qobject_cast<QValueAxis *>(a))
            v->setLabelFormat(v->max() - v->min() >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.3g"));
    }
    if (auto *v = qobject_cast<QValueAxis *>(d.x); v && !data.logX) {
        // Time: exactly the data. Sweeps (with markers): a little room so end markers show whole.
        const bool markers = std::any_of(data.series.begin(), data.series.end(), [](const SeriesData &s) { return s.markers; });
        const double pad = markers ? (xr.hi - xr.lo) * 0.03 : 0;
        v->setRange(xr.lo - pad, xr.hi > xr.lo ? xr.hi + pad : xr.lo + 1);
        v->setTickType(QValueAxis::TicksDynamic);
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
    }
    if (auto *v = qobject_cast<QValueAxis *>(d.y))
        d.yLo = v->min(), d.yHi = v->max();
    else if (auto *l = qobject_cast<QLogValueAxis *>(d.y))
        d.yLo = l->min(), d.yHi = l->max();
    // Points last: the axes are final, so the series lay out once.
    for (std::size_t i = 0; i < kept.size(); ++i)
        d.series[i]->replace(kept[i]);
    setMarkerX(d.markerX);
}

void ChartWidget::setMarkerX(std::optional<double> x)
{
    Impl &d = *m_impl;
    d.markerX = x;
    if (!d.marker)
        return;
    if (!x) {
        d.marker->clear();
        return;
    }
    d.marker->replace(QList<QPointF>{{*x, d.yLo}, {*x, d.yHi}});
}

bool ChartWidget::exportTo(const QString &path, QSize size, double scale, bool transparent) const
{
    QChart *chart = m_impl->chart;
    const QBrush background = chart->backgroundBrush();
    const QSizeF oldSize = chart->size();
    QChartView &view = *m_impl->view;
    view.resize(size);
    chart->resize(size);
    if (transparent)
        chart->setBackgroundBrush(Qt::transparent);
    chart->legend()->setVisible(true); // an exported chart stands alone
    setItemCache(chart, false);
    chart->layout()->invalidate();
    chart->layout()->activate(); // lay out the legend now, not on the next event-loop turn
    bool ok = false;
    if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(m_data.title);
        QPainter p(&svg);
        view.render(&p);
        ok = p.end();
    } else {
        QImage img(size * scale, QImage::Format_ARGB32_Premultiplied);
        img.setDevicePixelRatio(scale);
        img.fill(transparent ? Qt::transparent : Qt::white);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        view.render(&p, QRectF(QPointF(0, 0), QSizeF(size)));
        p.end();
        ok = img.save(path);
    }
    chart->setBackgroundBrush(background);
    chart->legend()->setVisible(m_data.legend);
    setItemCache(chart, true);
    chart->resize(oldSize);
    chart->layout()->invalidate();
    const_cast<ChartWidget *>(this)->layout()->invalidate();
    return ok;
}

} // namespace conviz::gui
