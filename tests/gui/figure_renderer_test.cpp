// Blog figures of charts: every kind renders, PNG at exact sizes and scales, transparent PNG, SVG
// that parses and holds the series, PDF. Figures land in figureDir() for a human to look at.
#include "gui/charts/figure_renderer.h"
#include "gui/core/chart_data.h"
#include "gui/core/figure_charts.h"

#include "figure_inputs.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>

using namespace conviz;
using namespace conviz::gui;

namespace {

ChartData chartOf(FigureKind kind, const QString &preset = QStringLiteral("default"))
{
    const test::FigureInputs &in = test::presetInputs(preset);
    auto c = figureChart(kind, in.run.get(), in.sweep.get(), in.run->scenario);
    EXPECT_TRUE(c.has_value());
    return c.value_or(ChartData{});
}

QImage pngImage(const QByteArray &bytes)
{
    QImage img;
    EXPECT_TRUE(img.loadFromData(bytes, "PNG"));
    return img;
}

void save(const QByteArray &bytes, const QString &name)
{
    QFile f(test::figureDir() + QLatin1Char('/') + name);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

// Every text node of an SVG, and how many path/polyline elements it has.
std::pair<QString, int> svgTextAndPaths(const QByteArray &svg)
{
    QXmlStreamReader xml(svg);
    QString text;
    int paths = 0;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && (xml.name() == QStringLiteral("path") || xml.name() == QStringLiteral("polyline")))
            ++paths;
        if (xml.isCharacters())
            text += xml.text().toString() + QLatin1Char('\n');
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    return {text, paths};
}

} // namespace

TEST(FigureRenderer, EveryChartKindRendersAsABlogFigure)
{
    for (FigureKind kind : kAllFigures) {
        if (kind == FigureKind::SideBySide)
            continue;
        SCOPED_TRACE(figureName(kind).toStdString());
        const ChartData chart = chartOf(kind);
        EXPECT_FALSE(chart.title.isEmpty());
        EXPECT_FALSE(chart.subtitle.isEmpty());
        EXPECT_TRUE(chart.source.contains(QStringLiteral("seed 42 · conviz ")));
        const QByteArray png = renderChartFigure(chart, {FigureFormat::Png, {1200, 675}, 1, false});
        save(png, QStringLiteral("default-%1-blog.png").arg(figureName(kind)));
        const QImage img = pngImage(png);
        EXPECT_EQ(img.size(), QSize(1200, 675));
        EXPECT_FALSE(img.hasAlphaChannel());
    }
}

TEST(FigureRenderer, PngHasTheExactPixelSizeOfEachPresetAndScale)
{
    const ChartData chart = chartOf(FigureKind::Latency);
    for (const SizePreset &preset : sizePresets())
        for (int scale : {1, 2, 3}) {
            const QByteArray png = renderChartFigure(chart, {FigureFormat::Png, preset.size, scale, false});
            ASSERT_TRUE(png.startsWith("\x89PNG\r\n\x1a\n"));
            EXPECT_EQ(pngImage(png).size(), preset.size * scale) << preset.name.toStdString() << " ×" << scale;
            if (scale == 1)
                save(png, QStringLiteral("default-latency-%1.png").arg(preset.name));
        }
    // A custom size keeps its exact pixels too.
    EXPECT_EQ(pngImage(renderChartFigure(chart, {FigureFormat::Png, {1000, 700}, 2, false})).size(), QSize(2000, 1400));
}

TEST(FigureRenderer, TransparentPngHasNoBackground)
{
    const QByteArray png =
        renderChartFigure(chartOf(FigureKind::Throughput), {FigureFormat::Png, {1200, 675}, 2, true});
    save(png, QStringLiteral("default-throughput-transparent.png"));
    const QImage img = pngImage(png);
    ASSERT_TRUE(img.hasAlphaChannel());
    EXPECT_EQ(qAlpha(img.pixel(0, 0)), 0);
    EXPECT_EQ(qAlpha(img.pixel(img.width() - 1, img.height() - 1)), 0);
}

TEST(FigureRenderer, SvgParsesAndHoldsEveryModelAndItsLines)
{
    const QByteArray svg =
        renderChartFigure(chartOf(FigureKind::Throughput), {FigureFormat::Svg, {1200, 675}, 1, false});
    save(svg, QStringLiteral("default-throughput.svg"));
    EXPECT_TRUE(QSvgRenderer(svg).isValid());
    const auto [text, paths] = svgTextAndPaths(svg);
    for (const char *name :
         {"Fibers (Go)", "Event loop (Node.js)", "OS threads", "Throughput vs arrival rate", "Arrival rate (req/s)"})
        EXPECT_TRUE(text.contains(QString::fromUtf8(name))) << name;
    EXPECT_GE(paths, 3);
    EXPECT_TRUE(svg.contains("viewBox=\"0 0 800 450\""));
}

TEST(FigureRenderer, PdfIsAVectorDocument)
{
    const QByteArray pdf = renderChartFigure(chartOf(FigureKind::Cost), {FigureFormat::Pdf, {1920, 1080}, 1, false});
    save(pdf, QStringLiteral("default-cost-slide.pdf"));
    EXPECT_TRUE(pdf.startsWith("%PDF-"));
    EXPECT_GT(pdf.size(), 2000);
}

TEST(FigureRenderer, NoTextUnder12PxAndAGenericFontFamilyInEveryChartAtTheBlogSize)
{
    for (const char *preset : {"default", "benchmark-trap"})
        for (FigureKind kind : kAllFigures) {
            if (kind == FigureKind::SideBySide) // columns_figure_test
                continue;
            SCOPED_TRACE(std::string(preset) + " " + figureName(kind).toStdString());
            const QByteArray svg =
                renderChartFigure(chartOf(kind, QString::fromUtf8(preset)), {FigureFormat::Svg, {1200, 675}, 1, false});
            const auto texts = test::svgTexts(svg);
            ASSERT_GT(texts.size(), 5u);
            for (const test::SvgText &t : texts) {
                EXPECT_GE(t.px, 12.0) << t.text.toStdString();
                EXPECT_TRUE(t.family.endsWith(QStringLiteral(", sans-serif"))) << t.family.toStdString();
            }
        }
}

TEST(FigureRenderer, MemoryIsPlottedAgainstWhatTheSweepVaries)
{
    // benchmark-trap sweeps the CPU cores at 256 concurrent requests: peak tasks are 256 at every
    // point, so a chart against tasks stacks the five points in one place.
    const test::FigureInputs &in = test::presetInputs(QStringLiteral("benchmark-trap"));
    const SweepSnapshot &sw = *in.sweep;
    ASSERT_EQ(sw.spec.param, "machine.cores");
    const ChartData c = memoryFigure(sw, in.run->scenario);
    EXPECT_EQ(c.title, QStringLiteral("Memory vs %1").arg(sw.knobLabel));
    EXPECT_TRUE(c.xTitle.startsWith(sw.label)) << c.xTitle.toStdString();
    EXPECT_TRUE(c.logX) << "1, 2, 4, 8, 16 cores step by equal ratios";
    ASSERT_EQ(c.series.size(), 6u);
    for (const SeriesData &s : c.series) {
        ASSERT_EQ(s.points.size(), static_cast<qsizetype>(sw.xs.size()));
        for (std::size_t i = 0; i < sw.xs.size(); ++i)
            EXPECT_DOUBLE_EQ(s.points[static_cast<qsizetype>(i)].x(), sw.xs[i]);
    }
    EXPECT_EQ(sw.xs.front(), 1);
    EXPECT_EQ(sw.xs.back(), 16);
    // A load sweep stepping evenly keeps a linear axis.
    const SweepSnapshot &load = *test::presetInputs(QStringLiteral("default")).sweep;
    EXPECT_FALSE(memorySweepChart(load).logX);
}

TEST(FigureRenderer, CoresBusyAverageEachBinsCoreTime)
{
    Trace trace;
    // Core 0 busy for the first half, core 1 for the whole run: 2 cores busy, then 1.
    trace.spans.push_back({Nanos{0}, Nanos{50}, 0});
    trace.spans.push_back({Nanos{0}, Nanos{100}, 1});
    const QList<QPointF> busy = coresBusySeries(trace, Nanos{100}, 2);
    ASSERT_EQ(busy.size(), 2);
    EXPECT_DOUBLE_EQ(busy[0].y(), 2.0);
    EXPECT_DOUBLE_EQ(busy[1].y(), 1.0);
    EXPECT_DOUBLE_EQ(busy[0].x(), 25e-9);
    // A span across a bin boundary counts in both, in proportion.
    trace.spans = {{Nanos{40}, Nanos{60}, 0}};
    const QList<QPointF> split = coresBusySeries(trace, Nanos{100}, 2);
    EXPECT_DOUBLE_EQ(split[0].y(), 0.2);
    EXPECT_DOUBLE_EQ(split[1].y(), 0.2);
}

TEST(FigureRenderer, TimelineDrawsCoresBusyOverTimeForTheThreeModels)
{
    const RunSnapshot &run = *test::presetInputs(QStringLiteral("benchmark-trap")).run;
    const ChartData c = *figureChart(FigureKind::Timeline, &run, nullptr, run.scenario);
    EXPECT_EQ(c.title, QStringLiteral("Cores busy over time"));
    EXPECT_TRUE(c.yTitle.startsWith(QStringLiteral("Cores busy"))) << c.yTitle.toStdString();
    ASSERT_EQ(c.series.size(), 3u);
    const double cores = run.scenario.machine.cores;
    std::array<double, 3> peak{};
    for (std::size_t m = 0; m < 3; ++m) {
        ASSERT_FALSE(c.series[m].points.isEmpty());
        for (const QPointF &p : c.series[m].points) {
            EXPECT_GE(p.y(), 0);
            EXPECT_LE(p.y(), cores + 1e-9);
            peak[m] = std::max(peak[m], p.y());
        }
    }
    // Go fills the 8 cores while it works; one Node.js process runs one core at most; a thread per
    // request runs on several cores at once, but never all eight: one accept loop creates the
    // threads one after another (threads.spawn_cost each), and a request's work is only a few
    // creations long.
    EXPECT_GT(peak[0], cores - 0.5);
    EXPECT_LE(peak[1], run.scenario.eventLoop.processes + 1e-9);
    EXPECT_GT(peak[1], 0.5);
    EXPECT_GT(peak[2], 1.5);
    EXPECT_LT(peak[2], cores - 0.5);
}
