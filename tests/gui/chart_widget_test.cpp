#include "gui/charts/chart_axes.h"
#include "gui/charts/chart_widget.h"
#include "gui/charts/figure_renderer.h"
#include "gui/core/model_palette.h"
#include "gui/core/playback_state.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "test_scenarios.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QImage>
#include <QLocale>

#include <algorithm>
#include <vector>

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

namespace {

// The widget as it is painted now, after the layout and repaints an event-loop turn brings.
QImage painted(ChartWidget &w)
{
    QApplication::processEvents();
    return w.grab().toImage();
}

// Pixels whose grey level differs by more than half the range: a stroke of text drawn in one image and
// not the other, not the antialiasing of a line drawn from a cached pixmap.
int strongDifferences(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return a.width() * a.height();
    int n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            n += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y))) > 128;
    return n;
}

// Dark pixels (text, axes, lines) inside `r`.
int inkIn(const QImage &image, const QRect &r)
{
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            n += qGray(image.pixel(x, y)) < 128;
    return n;
}

} // namespace

TEST(ChartWidget, AChartGivenNewDataPaintsLikeOneBuiltFromThatData)
{
    // A recompute (slider, tour step, preset, sweep) calls setData again with the same series but
    // other values; the axes relabel. Titles, axis titles and legend must still be painted.
    ChartData first = sample(false);
    ChartData second = sample(false);
    second.title += QStringLiteral(" · recorded to 5.33 s");
    for (SeriesData &s : second.series)
        for (QPointF &p : s.points)
            p.ry() *= 40;

    ChartWidget updated;
    updated.resize(500, 320);
    updated.show();
    updated.setData(first);
    painted(updated);
    updated.setData(second);

    ChartWidget fresh;
    fresh.resize(500, 320);
    fresh.show();
    fresh.setData(second);

    EXPECT_EQ(updated.shownTitles().title, second.title);
    EXPECT_EQ(updated.shownTitles().xTitle, second.xTitle);
    EXPECT_EQ(updated.shownTitles().yTitle, second.yTitle);
    EXPECT_LT(strongDifferences(painted(updated), painted(fresh)), 20) << "the updated chart lost text";
}

TEST(ChartsPane, AfterARecomputeTheOverTimeChartsKeepTheirTitlesAndTheCutTraceWarning)
{
    SimulationController controller;
    controller.setAutoSweep(false);
    PlaybackState playback;
    ChartsPane pane(controller, playback);
    pane.resize(1000, 360);
    pane.show();
    SnapshotOptions options;
    options.traceLimit = 20'000; // the trace is cut: the queue chart's title says where
    const auto before = buildRunSnapshot(test::smallWebScenario(2000), 1, options);
    const auto after = buildRunSnapshot(test::smallWebScenario(1500), 2, options);
    ASSERT_TRUE(before && after && after->truncated);
    pane.setSnapshot(before);
    painted(*pane.queueOverTime());
    pane.setSnapshot(after); // the recompute

    for (ChartWidget *chart : {pane.throughputOverTime(), pane.queueOverTime()}) {
        const QImage shown = painted(*chart);
        const ChartWidget::Titles t = chart->shownTitles();
        EXPECT_FALSE(t.title.isEmpty());
        EXPECT_FALSE(t.xTitle.isEmpty());
        EXPECT_FALSE(t.yTitle.isEmpty());
        // And painted: the same chart built afresh from the same data draws the same pixels.
        ChartWidget fresh;
        fresh.resize(chart->size());
        fresh.show();
        fresh.setData(chart->data());
        fresh.setMarkerX(chart->markerX());
        // Qt Charts may keep the plot a pixel or two off where a fresh layout puts it, so compare the
        // ink of the text bands around the plot: the title above, the y title left, the x title
        // and legend below.
        const QImage rebuilt = painted(fresh);
        const int w = shown.width(), h = shown.height();
        for (const QRect band : {QRect(0, 0, w, 28), QRect(0, 28, 22, h - 78), QRect(0, h - 50, w, 50)}) {
            const int expected = inkIn(rebuilt, band);
            EXPECT_GT(expected, 100);
            EXPECT_NEAR(inkIn(shown, band), expected, expected / 10)
                << t.title.toStdString() << " band at y " << band.y();
        }
    }
    EXPECT_TRUE(pane.queueOverTime()->shownTitles().title.contains(QStringLiteral("recorded to")));
}

TEST(ChartWidget, AShortChartShowsEveryTickLabelOfItsVerticalAxis)
{
    // Throughput over time in a short pane: Qt Charts hides a label that would touch the next one,
    // so five ticks in 60 px read "200,000 · 150,000 · 50,000 · 0" — the gap looks like a scale break.
    ChartData c;
    c.title = QStringLiteral("Throughput over time");
    c.xTitle = QStringLiteral("Simulated time (s)");
    c.yFromZero = true;
    SeriesData s;
    s.name = QStringLiteral("Fibers (Go)");
    for (int i = 0; i <= 30; ++i)
        s.points.append({i / 10.0, i < 4 ? 157'000.0 : 0.0});
    c.series.push_back(s);
    for (int height = 120; height <= 440; height += 4) {
        SCOPED_TRACE(height);
        ChartWidget w;
        w.resize(620, height);
        w.show();
        w.setData(c);
        QApplication::processEvents();
        QApplication::processEvents();
        const QStringList shown = w.shownTexts();
        const QList<double> ticks = w.yTicks();
        ASSERT_GE(ticks.size(), 2) << "at least the ends of the axis";
        EXPECT_GE(ticks.back(), 157'000);
        for (const double t : ticks)
            EXPECT_TRUE(shown.contains(QLocale(QLocale::English).toString(t, 'f', 0)))
                << "the label " << t << " is hidden, of " << ticks.size() << " ticks";
    }
}

TEST(ChartTitles, ATitleTooWideForItsChartBreaksAtADotOntoASecondLineRatherThanBeingCut)
{
    const QFontMetricsF font(QApplication::font());
    const QString title = QStringLiteral("Throughput vs requests in the run · 2 points measured nothing");
    const double whole = font.horizontalAdvance(title);
    EXPECT_EQ(charts::fittedTitle(title, whole + 1, font), title) << "a title that fits stays on one line";
    EXPECT_EQ(charts::fittedTitle(title, whole - 1, font),
              QStringLiteral("Throughput vs requests in the run<br>2 points measured nothing"));
    // The first line takes as many parts as fit; the text is escaped once it is rich text.
    const QString three = QStringLiteral("Latency vs R&D load · 2 points measured nothing · ms");
    const double twoParts = font.horizontalAdvance(QStringLiteral("Latency vs R&D load · 2 points measured nothing"));
    EXPECT_EQ(charts::fittedTitle(three, twoParts + 1, font),
              QStringLiteral("Latency vs R&amp;D load · 2 points measured nothing<br>ms"));
    const QString oneWord = QStringLiteral("Throughput");
    EXPECT_EQ(charts::fittedTitle(oneWord, 10, font), oneWord) << "nothing to break at: Qt cuts it";
}

TEST(ChartTitles, TheVerticalUnitFollowsTheQuantityNotANoteAfterIt)
{
    EXPECT_EQ(charts::titleNamingY(QStringLiteral("Throughput vs load"), QStringLiteral("Throughput (req/s)")),
              QStringLiteral("Throughput vs load (req/s)"));
    EXPECT_EQ(charts::titleNamingY(QStringLiteral("Throughput vs load · 2 points measured nothing"),
                                   QStringLiteral("Throughput (req/s)")),
              QStringLiteral("Throughput vs load (req/s) · 2 points measured nothing"));
}

TEST(ChartWidget, ANarrowChartShowsItsWholeTitleOnTwoLines)
{
    // A sweep chart at 1280×720 is about 420 px wide; its title with the note of the points that
    // measured nothing is wider, and Qt Charts used to cut it to "Throughput vs … · 2 points ...".
    ChartWidget w;
    w.resize(420, 200);
    w.show();
    ChartData data = sample(false);
    data.title = QStringLiteral("Latency vs arrival rate · 2 points measured nothing");
    w.setData(data);
    painted(w);
    // Short, so the title also names the vertical axis: "Latency vs arrival rate (ms) · 2 points …".
    const QString title = w.shownTitles().title;
    EXPECT_EQ(title, charts::titleNamingY(data.title, data.yTitle));
    const QStringList texts = w.shownTexts();
    const QString first = title.section(QStringLiteral(" · "), 0, 0), second = title.section(QStringLiteral(" · "), 1);
    EXPECT_TRUE(texts.contains(first + QLatin1Char('\n') + second) || texts.contains(first + QChar(0x2028) + second))
        << "the title on two lines, whole: " << texts.join(QStringLiteral(" | ")).toStdString();
    for (const QString &t : texts)
        EXPECT_FALSE(t.contains(QChar(0x2026)) || t.contains(QStringLiteral("..."))) << "cut: " << t.toStdString();
}
