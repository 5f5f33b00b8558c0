#include "gui/charts/chart_widget.h"
#include "gui/charts/figure_renderer.h"
#include "gui/core/model_palette.h"

#include <QImage>

#include <gtest/gtest.h>

using namespace conviz::gui;

namespace {

ChartData sample(bool logY)
{
    ChartData c;
    c.title = QStringLiteral("Latency vs arrival rate");
    c.xTitle = QStringLiteral("Arrival rate (req/s)");
    c.yTitle = QStringLiteral("Latency (ms)");
    c.logY = logY;
    for (conviz::ModelKind m : conviz::kAllModels) {
        SeriesData s;
        s.name = modelStyle(m).title;
        s.rgb = modelStyle(m).rgb;
        s.line = modelStyle(m).line;
        s.markers = true;
        for (int i = 0; i <= 8; ++i)
            s.points.append({100.0 * (i + 1), (i == 0 && logY) ? 0.0 : 1.0 + i * (modelIndex(m) + 1)});
        c.series.push_back(s);
    }
    return c;
}

} // namespace

TEST(ChartWidget, KeepsTheDataItShowsAndDropsWhatALogAxisCannotShow)
{
    ChartWidget w;
    w.resize(500, 320);
    w.setData(sample(false));
    ASSERT_EQ(w.data().series.size(), 3u);
    EXPECT_EQ(w.data().series[0].points.size(), 9);
    w.setData(sample(true)); // a zero on a log axis must not crash or distort the axis
    EXPECT_TRUE(w.data().logY);
}

TEST(ChartWidget, ItsDataRendersAsAFigureAtTwiceTheSizeAndAsSvg)
{
    ChartWidget w;
    w.resize(500, 320);
    w.show();
    w.setData(sample(true));
    QImage img;
    ASSERT_TRUE(img.loadFromData(renderChartFigure(w.data(), {FigureFormat::Png, {800, 500}, 2, false}), "PNG"));
    EXPECT_EQ(img.size(), QSize(1600, 1000));
    EXPECT_GT(renderChartFigure(w.data(), {FigureFormat::Svg, {800, 500}, 1, false}).size(), 2000);
}
