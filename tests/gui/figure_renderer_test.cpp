// Blog figures of charts: every kind renders, PNG at exact sizes and scales, transparent PNG, SVG
// that parses and holds the series, PDF. Figures land in figureDir() for a human to look at.
#include "gui/charts/figure_renderer.h"
#include "gui/core/figure_charts.h"

#include "figure_inputs.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

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
