// What the app's charts and the figures draw alike with Qt Charts: pens in each model's dash
// pattern, axes with plain numbers, and axis ranges (log axes to whole decades, linear y from zero,
// time exactly as long as the run). Internal to gui/charts.
#pragma once

#include "gui/charts/chart_spec.h"

#include <QColor>
#include <QFontMetricsF>
#include <QList>
#include <QPen>
#include <QPointF>

#include <vector>

class QAbstractAxis;
class QPainter;
class QScatterSeries;
class QRectF;

namespace conviz::gui::charts {

inline QColor colorOf(std::uint32_t rgb) { return QColor::fromRgb(static_cast<QRgb>(rgb)); }

// A round-capped pen in the style's dash pattern (in pen widths, like Qt's own patterns).
QPen linePen(QColor color, double width, LineStyle style);

// The model's marker shape filling `r`, outlined in white (`outline` px) so it stands off its line;
// or (hollow) an open ring of `color` in `r`, which lets a marker under it show.
void paintMarker(QPainter &p, MarkerShape shape, const QRectF &r, QColor color, double outline, bool hollow = false);

// A marker's diameter for a nominal `size`: a triangle covers less of its box than a square, so it
// is a little larger; an open ring is 40 % larger, to go around a marker under it.
double markerSizeOf(const SeriesData &s, double size);
// The series' markers as a scatter series of nominal `size` px.
QScatterSeries *markerSeries(const SeriesData &s, const QList<QPointF> &points, double size);
// The order in which to add the marker series, above every line: filled ones, then hollow rings.
std::vector<std::size_t> markerOrder(const ChartData &data);

// A linear or base-10 log axis.
QAbstractAxis *makeAxis(bool log);

// The points of each series an axis can show (finite; positive on a log axis), in series order.
struct KeptPoints {
    std::vector<QList<QPointF>> series;
    double xLo = 0, xHi = 1, yLo = 0, yHi = 1; // their extent; 0..1 if there are none
};
KeptPoints keptPoints(const ChartData &data);

// Ranges and ticks: log axes to whole decades, linear y from zero (if data.yFromZero) with nice
// numbers and about `yTicks` ticks, x exactly the data (a little room for end markers), about six ticks.
void setAxisRanges(QAbstractAxis *x, QAbstractAxis *y, const ChartData &data, const KeptPoints &kept, int yTicks);

// The most ticks a linear y axis gets, and as many as a plot `height` px tall shows with every
// label (of `labelHeight` px) whole and apart: Qt Charts hides a label that would touch the next,
// so a short chart used to read "200,000 · 150,000 · 50,000 · 0".
inline constexpr int kMostYTicks = 5;
int yTicksFor(double height, double labelHeight);
// Whether the horizontal axis can show its title and keep its tick labels whole. Qt Charts gives
// that axis at most 40% of the height left under the chart's title and above its legend
// (`room`), and past it squeezes the axis, cutting every label to "...".
bool xTitleFits(double room, double labelHeight, double titleHeight);
// The chart's title when it also names the vertical axis: "Latency vs load (ms)" where the axis
// title repeats the title's first word ("Latency (ms)"; the unit goes before a " · " note the
// title ends with), else "title · axis title".
QString titleNamingY(const QString &title, const QString &yTitle);
// The title as the chart shows it in `width` px: whole on one line if it fits, else (Qt Charts would
// cut it to "…") on two lines broken at a " · " between its parts ("Latency vs load · 2 points
// measured nothing"), as rich text; the first line takes as many parts as fit. One line without a
// " · " to break at is left for Qt to cut.
QString fittedTitle(const QString &title, double width, const QFontMetricsF &font);

// The y axis's range after setAxisRanges.
std::pair<double, double> axisRange(const QAbstractAxis *axis);

} // namespace conviz::gui::charts
