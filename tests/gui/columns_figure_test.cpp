// The side-by-side figure (the three model columns at one instant): PNG at exact sizes, SVG that
// parses and names the three models; the stacked schedulers as an animated GIF. Written to
// figureDir() for a human to look at.
#include "gui/export/columns_figure.h"

#include "gui/charts/figure_file.h"
#include "gui/export/gif_export.h"

#include "figure_inputs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <gif_lib.h>
#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

void save(const QByteArray &bytes, const QString &name)
{
    QFile f(test::figureDir() + QLatin1Char('/') + name);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

TEST(ColumnsFigure, SideBySidePngHasThePresetsSizeAndIsNotBlank)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    for (const SizePreset &preset : sizePresets()) {
        const QByteArray png = renderSideBySide(in.run, in.run->busiest, {FigureFormat::Png, preset.size, 1, false});
        save(png, QStringLiteral("default-side-by-side-%1.png").arg(preset.name));
        QImage img;
        ASSERT_TRUE(img.loadFromData(png, "PNG"));
        EXPECT_EQ(img.size(), preset.size);
        int inked = 0;
        for (int y = 0; y < img.height(); y += 7)
            for (int x = 0; x < img.width(); x += 7)
                inked += qGray(img.pixel(x, y)) < 200;
        EXPECT_GT(inked, 300) << preset.name.toStdString();
    }
}

TEST(ColumnsFigure, SideBySideSvgNamesTheThreeModels)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    const QByteArray svg = renderSideBySide(in.run, in.run->busiest, {FigureFormat::Svg, {1200, 675}, 1, false});
    save(svg, QStringLiteral("default-side-by-side.svg"));
    EXPECT_TRUE(QSvgRenderer(svg).isValid());
    for (const char *name : {"Fibers (Go)", "Event loop (Node.js)", "OS threads"})
        EXPECT_TRUE(svg.contains(name)) << name;
    EXPECT_TRUE(svg.contains("<path"));
}

TEST(ColumnsFigure, SchedulersStackedForAnimation)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    ColumnsFigure figure(in.run, ColumnsFigure::Parts::Schedulers);
    figure.setTime(in.run->busiest);
    EXPECT_EQ(figure.time(), in.run->busiest);
    const QByteArray png =
        encodeFigure({FigureFormat::Png, {960, 540}, 1, false},
                     figureCanvas({960, 540}, ColumnsFigure::design(ColumnsFigure::Parts::Schedulers)), QString(),
                     [&](QPainter &p, const QRectF &c) { figure.paint(p, c); });
    save(png, QStringLiteral("default-schedulers.png"));
    QImage img;
    ASSERT_TRUE(img.loadFromData(png, "PNG"));
    EXPECT_EQ(img.size(), QSize(960, 540));
}

TEST(GifExport, HasFpsTimesSecondsPlusOneFramesFromStartToEnd)
{
    GifSpec spec;
    spec.fps = 10;
    spec.seconds = 2;
    spec.start = Nanos{1'000'000};
    spec.end = Nanos{3'000'000};
    EXPECT_EQ(gifFrameCount(spec), 21);
    EXPECT_EQ(gifFrameTime(spec, 0), spec.start);
    EXPECT_EQ(gifFrameTime(spec, 10), Nanos{2'000'000});
    EXPECT_EQ(gifFrameTime(spec, 20), spec.end);
}

TEST(GifExport, WritesEveryFrameAtomicallyAndRefusesAnExistingFile)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("anim.gif"));
    GifSpec spec;
    spec.size = {480, 270};
    spec.fps = 5;
    spec.seconds = 1;
    spec.start = in.run->busiest;
    spec.end = in.run->busiest + Nanos{50'000'000};
    GifExport gif(in.run, path, spec, exports::Overwrite::Refuse);
    EXPECT_EQ(gif.frameCount(), 6);
    ASSERT_TRUE(gif.renderNext());
    EXPECT_FALSE(QFileInfo::exists(path)) << "nothing appears before finish()";
    EXPECT_FALSE(gif.finish().has_value());
    EXPECT_EQ(gif.framesDone(), 6);
    int error = 0;
    GifFileType *file = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
    ASSERT_NE(file, nullptr);
    ASSERT_EQ(DGifSlurp(file), GIF_OK);
    EXPECT_EQ(file->ImageCount, 6);
    EXPECT_EQ(file->SWidth, 480);
    EXPECT_EQ(file->SHeight, 270);
    DGifCloseFile(file, &error);
    QFile::copy(path, test::figureDir() + QStringLiteral("/default-schedulers.gif"));

    GifExport again(in.run, path, spec, exports::Overwrite::Refuse);
    const auto refused = again.finish();
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->kind, exports::ExportError::Kind::Exists);
}

TEST(GifExport, ACancelledGifLeavesNoFile)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cancelled.gif"));
    std::atomic<bool> cancel{false};
    GifSpec spec;
    spec.size = {320, 180};
    spec.fps = 10;
    spec.seconds = 1;
    GifExport gif(in.run, path, spec, exports::Overwrite::Refuse, &cancel);
    ASSERT_TRUE(gif.renderNext());
    cancel = true;
    const auto error = gif.finish();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, exports::ExportError::Kind::Cancelled);
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
}
