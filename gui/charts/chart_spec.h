// What gui/charts draws, as plain values: a chart (title, axes, series of points with each line's
// style) and the file a figure is written as (format, size, scale, background). Header only and Qt
// Core only, so that the builders in gui/core and the callers in gui/widgets and gui/export can fill
// it without knowing Qt Charts, and gui/charts needs nothing from them. Any thread.
#pragma once

#include <QList>
#include <QPointF>
#include <QSize>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace conviz::gui {

enum class LineStyle : std::uint8_t { Solid, Dash, DashDot };
// Star, Diamond: a measured point in live mode (conviz's C++ executors; a real Go or Node.js runtime).
enum class MarkerShape : std::uint8_t { Circle, Square, Triangle, Star, Diamond };

struct SeriesData {
    QString name; // legend text; "" or inLegend = false: no legend entry
    std::uint32_t rgb = 0x000000;
    LineStyle line = LineStyle::Solid;
    MarkerShape marker = MarkerShape::Circle;
    bool markers = false;  // draw a marker at every point (sweeps: few points)
    bool hollow = false;   // markers: an open ring, larger and drawn above the others
    double width = 2.2;    // pen width, px
    bool inLegend = true;  // figures: one entry per model, the line style explained in the subtitle
    QList<QPointF> points; // bars: x is the category's index, y the bar's height
    QStringList labels;    // bars: the text above each bar ("$1,161"); empty: none
};

enum class ChartShape : std::uint8_t { Lines, Bars };

struct ChartData {
    QString title;
    QString xTitle;
    QString yTitle;
    bool logX = false;
    bool logY = false;
    bool yFromZero = true; // linear y axes start at 0
    QString placeholder;   // shown instead of an empty plot
    bool legend = true;    // false: the pane shows one legend for several charts (exports still get one)
    ChartShape shape = ChartShape::Lines;
    QStringList categories;       // bars: the groups along x, one bar per series in each
    QString subtitle;             // figures: what to read, one line under the title
    QString source;               // figures: "scenario · seed N · conviz X.Y.Z" along the bottom
    double xExtent = 0;           // > 0: the linear x axis reaches at least this far, whatever the points do
    std::optional<double> xStart; // the x axis starts at least this low (a sweep's first point, plotted or not)
    std::vector<SeriesData> series;
};

enum class FigureFormat : std::uint8_t { Png, Svg, Pdf };

struct FigureSpec {
    FigureFormat format = FigureFormat::Png;
    QSize size{1200, 675};    // logical pixels: the SVG's and PDF's size, the PNG's at scale 1
    int scale = 1;            // PNG: pixels per logical pixel (1, 2 or 3)
    bool transparent = false; // PNG and SVG: no background
};

// The PNG's size in pixels: size × scale. SVG and PDF: size.
inline QSize pixelSize(const FigureSpec &spec)
{
    return spec.format == FigureFormat::Png ? spec.size * spec.scale : spec.size;
}

} // namespace conviz::gui
