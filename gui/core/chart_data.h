// What a chart shows, as plain data: title, axes, and series of points with each model's style.
// gui/charts draws it with Qt Charts; everything else only builds it. Any thread.
#pragma once

#include "gui/core/model_palette.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/sweep.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <vector>

namespace conviz::gui {

struct SeriesData {
    QString name;           // legend text; "" or inLegend = false: no legend entry
    std::uint32_t rgb = 0x000000;
    LineStyle line = LineStyle::Solid;
    MarkerShape marker = MarkerShape::Circle;
    bool markers = false;   // draw a marker at every point (sweeps: few points)
    bool hollow = false;    // markers: an open ring, larger and above the others (ModelStyle)
    double width = 2.2;     // pen width, px (ModelStyle::extraWidth included)
    bool inLegend = true;   // figures: one entry per model, the line style explained in the subtitle
    QList<QPointF> points;  // bars: x is the category's index, y the bar's height
    QStringList labels;     // bars: the text above each bar ("$1,161"); empty: none
};

enum class ChartShape : std::uint8_t { Lines, Bars };

struct ChartData {
    QString title;
    QString xTitle;
    QString yTitle;
    bool logX = false;
    bool logY = false;
    bool yFromZero = true;  // linear y axes start at 0
    QString placeholder;    // shown instead of an empty plot
    bool legend = true;     // false: the pane shows one legend for several charts (exports still get one)
    ChartShape shape = ChartShape::Lines;
    QStringList categories; // bars: the groups along x, one bar per series in each
    QString subtitle;       // figures: what to read, one line under the title
    QString source;         // figures: "scenario · seed N · conviz X.Y.Z" along the bottom
    double xExtent = 0;     // > 0: the linear x axis reaches at least this far, whatever the points do
    std::vector<SeriesData> series;
};

// Throughput (completions per second) over simulated time, one line per model.
ChartData throughputOverTimeChart(const RunSnapshot &snapshot);
// Runnable tasks waiting for a CPU over time.
ChartData runQueueOverTimeChart(const RunSnapshot &snapshot);
// Throughput against the swept knob.
ChartData throughputSweepChart(const SweepSnapshot &sweep);
// p50 (solid) and p99 (dashed) latency against the swept knob, log y.
ChartData latencySweepChart(const SweepSnapshot &sweep);
// Peak memory (committed: solid, reserved: dotted) against peak concurrent tasks, log–log.
ChartData memorySweepChart(const SweepSnapshot &sweep);

} // namespace conviz::gui
