#include "gui/charts/figure_renderer.h"

#include "gui/charts/chart_axes.h"
#include "gui/charts/figure_file.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGuiApplication>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

using charts::colorOf;

const QColor kInk(0x22, 0x22, 0x22);
const QColor kMuted(0x5c, 0x5c, 0x5c);
const QColor kFaint(0x80, 0x80, 0x80);
const QColor kGrid(0xe6, 0xe6, 0xe6);
const QColor kAxisLine(0xa0, 0xa0, 0xa0);

constexpr double kSide = 24; // left and right margins, canvas units
constexpr double kTop = 18;
constexpr double kBottom = 12;

// Sizes in canvas pixels: an 800 × 450 canvas shows as 1200 × 675, so 12 px read as 18 px.
struct Typography {
    QFont title, subtitle, legend, axisTitle, tick, barLabel, source;
};

QFont fontOf(int pixels, bool bold = false)
{
    QFont f = QGuiApplication::font();
    f.setPixelSize(pixels);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting); // the same shapes at 1×, 2× and in vectors
    return f;
}

Typography typography()
{
    return {fontOf(22, true), fontOf(14), fontOf(13), fontOf(13), fontOf(12), fontOf(11, true), fontOf(11)};
}

// One legend entry: a sample of the line (with its marker) or a swatch of the bar, then the name.
struct LegendEntry {
    const SeriesData *series;
    double width;
};

constexpr double kSampleGap = 7, kEntryGap = 22;
// A line sample is long enough to show its dash pattern; a bar's swatch is a square.
double sampleWidth(const ChartData &c) { return c.shape == ChartShape::Bars ? 14 : 30; }

// Lays the legend out in rows within `width`; returns the rows.
std::vector<std::vector<LegendEntry>> legendRows(const ChartData &c, const QFont &font, double width)
{
    const QFontMetricsF fm(font);
    const double kSample = sampleWidth(c);
    std::vector<std::vector<LegendEntry>> rows(1);
    double x = 0;
    for (const SeriesData &s : c.series) {
        if (!s.inLegend || s.name.isEmpty())
            continue;
        const double w = kSample + kSampleGap + fm.horizontalAdvance(s.name);
        if (x > 0 && x + w > width) {
            rows.emplace_back();
            x = 0;
        }
        rows.back().push_back({&s, w});
        x += w + kEntryGap;
    }
    if (rows.back().empty())
        rows.clear();
    return rows;
}

void paintLegend(QPainter &p, const std::vector<std::vector<LegendEntry>> &rows, QPointF at, const QFont &font,
                 const ChartData &c)
{
    const bool bars = c.shape == ChartShape::Bars;
    const double kSample = sampleWidth(c);
    const QFontMetricsF fm(font);
    const double rowH = fm.height() + 6;
    p.setFont(font);
    for (const auto &row : rows) {
        double x = at.x();
        const double mid = at.y() + rowH / 2;
        for (const LegendEntry &e : row) {
            const SeriesData &s = *e.series;
            const QColor color = colorOf(s.rgb);
            if (bars) {
                p.fillRect(QRectF(x, mid - 7, 14, 14), color);
            } else {
                p.setPen(charts::linePen(color, s.width, s.line));
                p.drawLine(QPointF(x, mid), QPointF(x + kSample, mid));
                if (s.markers) {
                    const double r = s.hollow ? 7 : 5;
                    charts::paintMarker(p, s.marker, QRectF(x + kSample / 2 - r, mid - r, 2 * r, 2 * r), color, 1.2,
                                        s.hollow);
                }
            }
            p.setPen(kInk);
            p.drawText(QRectF(x + kSample + kSampleGap, at.y(), e.width, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                       s.name);
            x += e.width + kEntryGap;
        }
        at.ry() += rowH;
    }
}

void styleAxis(QAbstractAxis *a, const Typography &t, const QString &title)
{
    a->setLabelsFont(t.tick);
    a->setLabelsColor(kMuted);
    a->setTitleFont(t.axisTitle);
    a->setTitleBrush(kInk);
    a->setTitleText(title);
    a->setGridLineColor(kGrid);
    a->setLinePenColor(kAxisLine);
}

void addLines(QChart *chart, const ChartData &data, const Typography &t)
{
    QAbstractAxis *x = charts::makeAxis(data.logX);
    QAbstractAxis *y = charts::makeAxis(data.logY);
    styleAxis(x, t, data.xTitle);
    styleAxis(y, t, data.yTitle);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    const charts::KeptPoints kept = charts::keptPoints(data);
    charts::setAxisRanges(x, y, data, kept, charts::kMostYTicks); // a figure's plot is tall enough
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        const SeriesData &s = data.series[i];
        auto *line = new QLineSeries;
        line->setPen(charts::linePen(colorOf(s.rgb), s.width, s.line));
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        line->replace(kept.series[i]);
    }
    for (std::size_t i : charts::markerOrder(data)) { // above every line, open rings last
        QScatterSeries *dots = charts::markerSeries(data.series[i], kept.series[i], 9);
        chart->addSeries(dots);
        dots->attachAxis(x);
        dots->attachAxis(y);
    }
}

constexpr double kBarWidth = 0.72;

// `height`: the plot's, which sets how many ticks the value axis has room for.
QBarSeries *addBars(QChart *chart, const ChartData &data, const Typography &t, double height)
{
    auto *bars = new QBarSeries;
    bars->setBarWidth(kBarWidth);
    double top = 0;
    for (const SeriesData &s : data.series) {
        auto *set = new QBarSet(s.name);
        set->setColor(colorOf(s.rgb));
        set->setBorderColor(colorOf(s.rgb).darker(112));
        for (const QPointF &p : s.points) {
            set->append(p.y());
            top = std::max(top, p.y());
        }
        bars->append(set);
    }
    chart->addSeries(bars);
    auto *x = new QBarCategoryAxis;
    x->append(data.categories);
    styleAxis(x, t, data.xTitle);
    x->setGridLineVisible(false);
    auto *y = new QValueAxis;
    styleAxis(y, t, data.yTitle);
    y->setRange(0, top > 0 ? top * 1.18 : 1); // room for the labels above the bars
    // Five ticks on a figure; fewer in a short plot (a pane's), where five would be cut to "...".
    y->setTickCount(std::clamp(static_cast<int>(height / 40), 2, 5));
    y->applyNiceNumbers();
    y->setLabelFormat(QStringLiteral("%'.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);
    return bars;
}

// The value of each bar above it, as the series' labels say ("$1,161"). None if a label is wider
// than its bar's slot (a narrow chart): overlapping labels would be misread.
void paintBarLabels(QPainter &p, QChart *chart, QBarSeries *bars, const ChartData &data, QPointF origin,
                    const QFont &font)
{
    p.setFont(font);
    const QFontMetricsF fm(font);
    const double n = static_cast<double>(data.series.size());
    const double slot =
        (chart->mapToPosition(QPointF(1, 0), bars).x() - chart->mapToPosition(QPointF(0, 0), bars).x()) * kBarWidth / n;
    for (const SeriesData &s : data.series)
        for (const QString &label : s.labels)
            if (fm.horizontalAdvance(label) + 2 > slot)
                return;
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        const SeriesData &s = data.series[i];
        for (qsizetype j = 0; j < s.points.size() && j < s.labels.size(); ++j) {
            const double x = static_cast<double>(j) - kBarWidth / 2 + kBarWidth / n * (static_cast<double>(i) + 0.5);
            const QPointF at = chart->mapToPosition(QPointF(x, s.points[j].y()), bars) + origin;
            const double w = fm.horizontalAdvance(s.labels[j]) + 4;
            p.setPen(kInk);
            p.drawText(QRectF(at.x() - w / 2, at.y() - fm.height() - 3, w, fm.height()), Qt::AlignCenter, s.labels[j]);
        }
    }
}

void paintPlot(QPainter &p, const QRectF &rect, const ChartData &data, const Typography &t)
{
    QGraphicsScene scene;
    auto *chart = new QChart;
    scene.addItem(chart);
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundVisible(false);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setMargins(QMargins(0, 0, 0, 0));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->hide();
    QBarSeries *bars = data.shape == ChartShape::Bars ? addBars(chart, data, t, rect.height()) : nullptr;
    if (!bars)
        addLines(chart, data, t);
    chart->setGeometry(QRectF(QPointF(0, 0), rect.size()));
    chart->layout()->activate();
    scene.setSceneRect(QRectF(QPointF(0, 0), rect.size()));
    scene.render(&p, rect, QRectF(QPointF(0, 0), rect.size()));
    if (bars)
        paintBarLabels(p, chart, bars, data, rect.topLeft(), t.barLabel);
}

} // namespace

void paintChartFigure(QPainter &p, const QRectF &canvas, const ChartData &chart)
{
    const Typography t = typography();
    const double width = canvas.width() - 2 * kSide;
    double y = canvas.top() + kTop;
    const double left = canvas.left() + kSide;

    // A figure has a title; a chart inside a pane may leave it to the pane, and the plot has the room.
    if (!chart.title.isEmpty()) {
        const QFontMetricsF titleFm(t.title);
        p.setFont(t.title);
        p.setPen(kInk);
        p.drawText(QRectF(left, y, width, titleFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   titleFm.elidedText(chart.title, Qt::ElideRight, width));
        y += titleFm.height() + 2;
    }
    if (!chart.subtitle.isEmpty()) {
        // Up to two lines: a long subtitle wraps rather than losing its end.
        const QFontMetricsF fm(t.subtitle);
        const QRectF box(left, y, width, fm.lineSpacing() * 2);
        const QRectF used = fm.boundingRect(box, Qt::AlignLeft | Qt::TextWordWrap, chart.subtitle);
        p.setFont(t.subtitle);
        p.setPen(kMuted);
        p.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, chart.subtitle);
        y += std::min(used.height(), box.height());
    }
    y += 8;
    if (chart.legend) { // figures always; a pane that names the series itself may leave it out
        const auto rows = legendRows(chart, t.legend, width);
        paintLegend(p, rows, QPointF(left, y), t.legend, chart);
        y += static_cast<double>(rows.size()) * (QFontMetricsF(t.legend).height() + 6) + 10;
    }

    const QFontMetricsF sourceFm(t.source);
    const double sourceTop = canvas.bottom() - kBottom - sourceFm.height();
    if (!chart.source.isEmpty()) {
        p.setFont(t.source);
        p.setPen(kFaint);
        p.drawText(QRectF(left, sourceTop, width, sourceFm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   sourceFm.elidedText(chart.source, Qt::ElideRight, width));
    }
    const QRectF plot(left - 4, y, width + 4, std::max(40.0, sourceTop - 8 - y));
    p.save(); // the chart's items set their pens, not always their brushes: start from none
    p.setBrush(Qt::NoBrush);
    paintPlot(p, plot, chart, t);
    p.restore();
}

DrawnFigure drawChartFigure(const ChartData &chart, const FigureSpec &spec)
{
    return drawOnCanvas(spec, figureCanvas(spec.size, kChartDesign), chart.title,
                        [&chart](QPainter &p, const QRectF &canvas) { paintChartFigure(p, canvas, chart); });
}

QByteArray renderChartFigure(const ChartData &chart, const FigureSpec &spec)
{
    return drawChartFigure(chart, spec).encode();
}

} // namespace conviz::gui
