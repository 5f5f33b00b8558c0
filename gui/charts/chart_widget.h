// One chart of the app, drawn with Qt Charts: the only place that knows Qt Charts (swap it for Qt
// Graphs here). Fed whole ChartData values; series are replaced in bulk, never point by point.
// OpenGL is off. Exported figures are drawn afresh by figure_renderer.h from the same ChartData.
#pragma once

#include "gui/charts/chart_spec.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

namespace conviz::gui {

class ChartWidget : public QWidget {
    Q_OBJECT
public:
    explicit ChartWidget(QWidget *parent = nullptr);
    ~ChartWidget() override;

    // Shows `data`: rebuilds axes and series if their shape changed, else replaces the points.
    void setData(const ChartData &data);
    const ChartData &data() const { return m_data; }
    // A thin vertical line at x (over-time charts: the playback instant); nullopt hides it.
    void setMarkerX(std::optional<double> x);
    // Title, legend, axis text and point markers ×scale (presentation mode).
    void setTextScale(double scale);
    double textScale() const;
    // Presentation mode: lines of 3 px at least (a projector washes out thinner ones), and the
    // legend beside the plot rather than under it, so that a short chart keeps its height for the
    // plot and its axis labels.
    void setProjectorStyle(bool on);
    // Drawn faded while its data is of an older run than the views beside it (a moving slider).
    void setStale(bool stale);
    bool stale() const;
    // The titles as the chart itself holds them now (tests: they must survive every setData); the
    // chart's title whole, though it may show it on two lines (charts::fittedTitle).
    struct Titles {
        QString title, xTitle, yTitle;
    };
    Titles shownTitles() const;
    // Where the playback line is, or nullopt.
    std::optional<double> markerX() const;
    // The drawn width of each series' line, in px (series order).
    std::vector<double> lineWidths() const;
    // Every text the chart draws now, as drawn: titles, tick labels and legend entries. Qt Charts
    // elides a text it has no room for, so a text ending in "…" was cut.
    QStringList shownTexts() const;
    // The linear vertical axis's tick values, bottom to top (none for a log axis).
    QList<double> yTicks() const;

    QSize sizeHint() const override { return {420, 260}; }

private:
    void applyTextScale();
    void applyTitles();
    void applyRanges(); // the axes' ranges and the series' points, from m_data
    void fitYTicks();   // the y axis's ticks, as many as the plot's height shows whole

    struct Impl;
    std::unique_ptr<Impl> m_impl;
    ChartData m_data;
};

} // namespace conviz::gui
