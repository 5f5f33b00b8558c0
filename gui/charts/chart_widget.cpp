#include "gui/charts/chart_widget.h"

#include "gui/charts/chart_axes.h"

#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QGraphicsItem>
#include <QGraphicsLayout>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace conviz::gui {
namespace {

using charts::colorOf;
using charts::linePen;

// Dashed, antialiased lines over spiky data take tens of ms to stroke: cache every item as a
// pixmap, so that moving the playback marker repaints one thin line, not the plot.
void setItemCache(QChart *chart, bool on)
{
    const QList<QGraphicsItem *> top = chart->childItems();
    std::vector<QGraphicsItem *> items(top.begin(), top.end());
    while (!items.empty()) {
        QGraphicsItem *item = items.back();
        items.pop_back();
        // Text stays uncached: Qt Charts re-lays out titles and legend labels on every update (eliding
        // them to the new plot size), and a cached text item then paints as nothing.
        const bool text = dynamic_cast<QGraphicsTextItem *>(item) || dynamic_cast<QGraphicsSimpleTextItem *>(item);
        item->setCacheMode(on && !text ? QGraphicsItem::DeviceCoordinateCache : QGraphicsItem::NoCache);
        for (QGraphicsItem *child : item->childItems())
            items.push_back(child);
    }
}

QFont chartFont(double points, bool bold = false)
{
    QFont f;
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

constexpr double kMarkerSize = 8; // px: sweeps' point markers (the model's shape, so lines stay apart in greyscale)
constexpr double kProjectorLineWidth = 3; // px: the thinnest line a projector keeps visible

} // namespace

struct ChartWidget::Impl {
    QChart *chart = nullptr;
    QChartView *view = nullptr;
    std::vector<QLineSeries *> series;
    std::vector<std::pair<std::size_t, QScatterSeries *>> dots; // (series index, its markers), in drawing order
    QLineSeries *marker = nullptr;
    double textScale = 1;
    bool projectorStyle = false;
    QAbstractAxis *x = nullptr;
    QAbstractAxis *y = nullptr;
    bool logX = false, logY = false;
    std::optional<double> markerX;
    QString title; // the title shown (applyTitles), before fittedTitle breaks it onto two lines
    double yLo = 0, yHi = 1;
    int yTicks = charts::kMostYTicks; // as many as the plot's height shows whole (charts::yTicksFor)
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
    m_impl->chart->legend()->setAlignment(Qt::AlignBottom);
    m_impl->chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    applyTextScale();
    m_impl->chart->setAnimationOptions(QChart::NoAnimation);
    connect(m_impl->chart, &QChart::plotAreaChanged, this, &ChartWidget::applyTitles);
    connect(m_impl->chart, &QChart::plotAreaChanged, this, &ChartWidget::fitYTicks);
    m_impl->view = new QChartView(m_impl->chart, this);
    m_impl->view->setRenderHint(QPainter::Antialiasing);
    layout->addWidget(m_impl->view);
}

ChartWidget::~ChartWidget() = default;

void ChartWidget::setData(const ChartData &data)
{
    Impl &d = *m_impl;
    QChart *chart = d.chart;
    const bool reshape =
        data.series.size() != m_data.series.size() || data.logX != d.logX || data.logY != d.logY || !d.x || [&] {
            for (std::size_t i = 0; i < data.series.size(); ++i)
                if (data.series[i].name != m_data.series[i].name)
                    return true;
            return false;
        }();
    m_data = data;
    chart->legend()->setVisible(data.legend);
    if (reshape) {
        chart->removeAllSeries();
        d.series.clear();
        d.dots.clear();
        d.marker = nullptr;
        for (QAbstractAxis *a : chart->axes())
            chart->removeAxis(a), delete a;
        d.logX = data.logX;
        d.logY = data.logY;
        d.x = charts::makeAxis(data.logX);
        d.y = charts::makeAxis(data.logY);
        for (QAbstractAxis *a : {d.x, d.y})
            a->setGridLineColor(QColor(0xe4, 0xe4, 0xe4));
        chart->addAxis(d.x, Qt::AlignBottom);
        chart->addAxis(d.y, Qt::AlignLeft);
        for (const SeriesData &s : data.series) {
            auto *line = new QLineSeries;
            line->setName(s.name);
            line->setPen(linePen(colorOf(s.rgb), s.width, s.line));
            chart->addSeries(line);
            line->attachAxis(d.x);
            line->attachAxis(d.y);
            if (!s.inLegend || s.name.isEmpty())
                for (QLegendMarker *m : chart->legend()->markers(line))
                    m->setVisible(false);
            d.series.push_back(line);
        }
        // Markers above every line, open rings last (model_palette.h: coinciding curves).
        for (std::size_t i : charts::markerOrder(data)) {
            QScatterSeries *dots = charts::markerSeries(data.series[i], {}, kMarkerSize * d.textScale);
            chart->addSeries(dots);
            dots->attachAxis(d.x);
            dots->attachAxis(d.y);
            for (QLegendMarker *m : chart->legend()->markers(dots))
                m->setVisible(false);
            d.dots.emplace_back(i, dots);
        }
        applyTextScale();
        d.marker = new QLineSeries;
        d.marker->setPen(QPen(QColor(0x22, 0x22, 0x22, 160), 1.2, Qt::SolidLine));
        chart->addSeries(d.marker);
        d.marker->attachAxis(d.x);
        d.marker->attachAxis(d.y);
        for (QLegendMarker *m : chart->legend()->markers(d.marker))
            m->setVisible(false);
        setItemCache(chart, true);
    }
    applyTitles();
    applyRanges();
}

void ChartWidget::applyRanges()
{
    Impl &d = *m_impl;
    const charts::KeptPoints kept = charts::keptPoints(m_data);
    charts::setAxisRanges(d.x, d.y, m_data, kept, d.yTicks);
    std::tie(d.yLo, d.yHi) = charts::axisRange(d.y);
    // Points last: the axes are final, so the series lay out once.
    for (std::size_t i = 0; i < kept.series.size(); ++i)
        d.series[i]->replace(kept.series[i]);
    for (const auto &[i, dots] : d.dots)
        dots->replace(kept.series[i]);
    setMarkerX(d.markerX);
}

void ChartWidget::setTextScale(double scale)
{
    if (scale == m_impl->textScale)
        return;
    m_impl->textScale = scale;
    applyTextScale();
    applyTitles(); // a larger title may need two lines
}

double ChartWidget::textScale() const { return m_impl->textScale; }

void ChartWidget::setProjectorStyle(bool on)
{
    if (on == m_impl->projectorStyle)
        return;
    m_impl->projectorStyle = on;
    m_impl->chart->legend()->setAlignment(on ? Qt::AlignRight : Qt::AlignBottom);
    applyTitles();
    applyTextScale();
}

void ChartWidget::setStale(bool stale) { m_impl->chart->setOpacity(stale ? 0.4 : 1.0); }

bool ChartWidget::stale() const { return m_impl->chart->opacity() < 1.0; }

ChartWidget::Titles ChartWidget::shownTitles() const
{
    const Impl &d = *m_impl;
    const auto shown = [](const QAbstractAxis *a) { return a && a->isTitleVisible() ? a->titleText() : QString(); };
    return {d.title, shown(d.x), shown(d.y)};
}

std::optional<double> ChartWidget::markerX() const { return m_impl->markerX; }

std::vector<double> ChartWidget::lineWidths() const
{
    std::vector<double> widths;
    for (const QLineSeries *s : m_impl->series)
        widths.push_back(s->pen().widthF());
    return widths;
}

void ChartWidget::fitYTicks()
{
    Impl &d = *m_impl;
    if (!d.y || m_data.logY)
        return;
    const int ticks = charts::yTicksFor(d.chart->plotArea().height(), QFontMetricsF(d.y->labelsFont()).height());
    if (ticks == d.yTicks)
        return; // the count depends on the height alone, so this settles
    d.yTicks = ticks;
    applyRanges();
}

void ChartWidget::applyTitles()
{
    Impl &d = *m_impl;
    // A vertical axis title longer than the plot is tall gets cut to "Compl…": the chart's title
    // says what the vertical axis counts instead (always with the projector style). The plot's
    // height does not depend on where that text goes, so this settles at once.
    const double plotHeight = d.chart->plotArea().height();
    const bool tooLong =
        d.y && plotHeight > 0 && QFontMetricsF(d.y->titleFont()).horizontalAdvance(m_data.yTitle) + 4 > plotHeight;
    const bool yInTitle = !m_data.yTitle.isEmpty() && (d.projectorStyle || tooLong);
    const QString title = yInTitle ? charts::titleNamingY(m_data.title, m_data.yTitle) : m_data.title;
    const QMargins margins = d.chart->margins();
    const QString fitted = charts::fittedTitle(title, d.chart->size().width() - margins.left() - margins.right() - 8,
                                               QFontMetricsF(d.chart->titleFont()));
    d.title = title;
    if (d.chart->title() != fitted)
        d.chart->setTitle(fitted);
    const int titleLines = fitted == title ? 1 : 2;
    if (d.x && d.x->titleText() != m_data.xTitle)
        d.x->setTitleText(m_data.xTitle);
    // A short chart (a sweep's at 1280×720) keeps its tick labels rather than the axis title: the
    // chart's title already says what runs along it ("vs arrival rate", "over time").
    if (d.x) {
        const QLegend *legend = d.chart->legend();
        const double room =
            d.chart->size().height() - margins.top() - margins.bottom() -
            (title.isEmpty() ? 0 : titleLines * QFontMetricsF(d.chart->titleFont()).height() + 4) -
            (legend->isVisible() && legend->alignment() == Qt::AlignBottom ? legend->size().height() : 0);
        const bool fits = charts::xTitleFits(room, QFontMetricsF(d.x->labelsFont()).height(),
                                             QFontMetricsF(d.x->titleFont()).height());
        if (d.x->isTitleVisible() != fits)
            d.x->setTitleVisible(fits);
    }
    if (d.y && d.y->isTitleVisible() == yInTitle) {
        d.y->setTitleText(yInTitle ? QString() : m_data.yTitle);
        d.y->setTitleVisible(!yInTitle);
    } else if (d.y && !yInTitle && d.y->titleText() != m_data.yTitle) {
        d.y->setTitleText(m_data.yTitle);
    }
}

QList<double> ChartWidget::yTicks() const
{
    QList<double> ticks;
    const auto *v = qobject_cast<const QValueAxis *>(m_impl->y);
    if (!v || v->tickCount() < 2)
        return ticks;
    for (int i = 0; i < v->tickCount(); ++i)
        ticks.append(v->min() + (v->max() - v->min()) * i / (v->tickCount() - 1));
    return ticks;
}

QStringList ChartWidget::shownTexts() const
{
    QStringList texts;
    const QList<QGraphicsItem *> top = m_impl->chart->childItems();
    std::vector<QGraphicsItem *> items(top.begin(), top.end());
    while (!items.empty()) {
        QGraphicsItem *item = items.back();
        items.pop_back();
        if (!item->isVisible())
            continue;
        if (const auto *t = dynamic_cast<const QGraphicsTextItem *>(item))
            texts.push_back(t->toPlainText());
        else if (const auto *s = dynamic_cast<const QGraphicsSimpleTextItem *>(item))
            texts.push_back(s->text());
        for (QGraphicsItem *child : item->childItems())
            items.push_back(child);
    }
    texts.removeAll(QString());
    return texts;
}

void ChartWidget::applyTextScale()
{
    Impl &d = *m_impl;
    const double k = d.textScale;
    d.chart->setTitleFont(chartFont(11 * k, true));
    d.chart->legend()->setFont(chartFont(9 * k));
    for (QAbstractAxis *a : {d.x, d.y})
        if (a) {
            a->setLabelsFont(chartFont(9 * k));
            a->setTitleFont(chartFont(9 * k));
        }
    for (const auto &[i, dots] : d.dots)
        dots->setMarkerSize(charts::markerSizeOf(m_data.series[i], kMarkerSize * k));
    // A projector washes out hairlines: lines grow with the text, and to 3 px at least with projectorStyle.
    for (std::size_t i = 0; i < d.series.size() && i < m_data.series.size(); ++i) {
        const SeriesData &s = m_data.series[i];
        const double width = d.projectorStyle ? std::max(kProjectorLineWidth, s.width * k) : s.width * k;
        d.series[i]->setPen(linePen(colorOf(s.rgb), width, s.line));
    }
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

} // namespace conviz::gui
