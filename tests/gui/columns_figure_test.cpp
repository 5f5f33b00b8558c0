// The side-by-side figure (the three model columns at one instant): PNG at exact sizes, SVG that
// parses and names the three models, every text at least 12 px; the same columns as an animated GIF. Written to
// figureDir() for a human to look at.
#include "gui/export/columns_figure.h"

#include "engine/scenario/scenario_file.h"
#include "gui/charts/figure_file.h"
#include "gui/core/figure_charts.h"
#include "gui/core/format.h"
#include "gui/core/headline_note.h"
#include "gui/core/model_palette.h"
#include "gui/core/preset_model.h"
#include "gui/core/stack_scale.h"
#include "gui/export/gif_export.h"
#include "gui/widgets/palette.h"

#include "figure_inputs.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

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

// Text drawn anywhere in the process (the window's, here a plain image's) between two exports of the
// same instant changes no byte of the PNG, at every scale: Qt fills text larger than 64 pixels on the
// image as outlines, which a glyph drawn before at a fraction of a pixel used to shift (the title at
// 2×, most of the text at 3×).
TEST(ColumnsFigure, APngHasTheSameBytesWhateverTextWasDrawnBeforeIt)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    for (const int scale : {1, 2, 3}) {
        const FigureSpec spec{FigureFormat::Png, {1920, 1080}, scale, false};
        const QByteArray before = renderSideBySide(in.run, in.run->busiest, spec);
        QImage other(900, 120, QImage::Format_ARGB32_Premultiplied);
        other.fill(Qt::white);
        {
            QPainter p(&other);
            p.setRenderHint(QPainter::TextAntialiasing);
            for (const bool bold : {false, true}) {
                QFont font;
                font.setPointSize(20);
                font.setBold(bold);
                p.setFont(font);
                p.drawText(QPointF(10.3, bold ? 100 : 50), QString::fromStdString(in.run->scenario.name));
            }
        }
        EXPECT_TRUE(renderSideBySide(in.run, in.run->busiest, spec) == before) << "at " << scale << "×";
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

TEST(ColumnsFigure, TheAnimationFigureHasTheGifsDefaultSize)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    ColumnsFigure figure(in.run, ColumnsFigure::Parts::Animation);
    figure.setTime(in.run->busiest);
    EXPECT_EQ(figure.time(), in.run->busiest);
    const QByteArray png =
        encodeFigure({FigureFormat::Png, {960, 540}, 1, false},
                     figureCanvas({960, 540}, ColumnsFigure::design(ColumnsFigure::Parts::Animation)), QString(),
                     [&](QPainter &p, const QRectF &c) { figure.paint(p, c); });
    save(png, QStringLiteral("default-gif-frame.png"));
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

namespace {

// The texts under 12 px, with their sizes, for a failure message.
std::string smallTexts(const std::vector<test::SvgText> &texts)
{
    std::string out;
    for (const test::SvgText &t : texts)
        if (t.px < 12)
            out += "\n  " + std::to_string(t.px) + " px: " + t.text.toStdString();
    return out;
}

// Whether any text holds `needle`.
bool anyText(const std::vector<test::SvgText> &texts, const QString &needle)
{
    return std::any_of(texts.begin(), texts.end(), [&](const test::SvgText &t) { return t.text.contains(needle); });
}

// Cores of `m` running something at t.
int busyCores(const ModelRun &m, Nanos t)
{
    int busy = 0;
    for (int c = 0; c < m.index->cores(); ++c)
        busy += m.index->spanAt(c, t).has_value() ? 1 : 0;
    return busy;
}

} // namespace

TEST(ColumnsFigure, NoTextUnder12PxAtTheDefaultSizeAndEveryFamilyEndsGeneric)
{
    // memory-at-scale and benchmark-trap: the most lanes (8 Ps) and the busiest stack pictures.
    // The blog size, and the square post (1080 × 1080), whose width used to scale the text to 11 px.
    for (const char *preset : {"default", "benchmark-trap", "memory-at-scale"})
        for (const QSize size : {QSize(1200, 675), QSize(1080, 1080)}) {
            SCOPED_TRACE(std::string(preset) + " at " + std::to_string(size.width()) + "x" +
                         std::to_string(size.height()));
            const auto &in = test::presetInputs(QString::fromUtf8(preset));
            const QByteArray svg =
                renderSideBySide(in.run, busiestInstant(*in.run), {FigureFormat::Svg, size, 1, false});
            save(svg, QStringLiteral("%1-side-by-side-%2x%3.svg")
                          .arg(QString::fromUtf8(preset))
                          .arg(size.width())
                          .arg(size.height()));
            const auto texts = test::svgTexts(svg);
            ASSERT_GT(texts.size(), 30u);
            EXPECT_EQ(smallTexts(texts), "");
            for (const test::SvgText &t : texts)
                ASSERT_TRUE(t.family.endsWith(QStringLiteral(", sans-serif"))) << t.family.toStdString();
        }
}

TEST(ColumnsFigure, AFigureMadeWhileTheWindowPresentsIsDrawnInThePagePalette)
{
    // Presentation mode turns on the projector palette (darker tints, 3 px lines) for the window;
    // a figure exported meanwhile is for a page and must not pick it up.
    const auto &in = test::presetInputs(QStringLiteral("benchmark-trap"));
    const FigureSpec spec{FigureFormat::Png, {1200, 675}, 1, false};
    const QByteArray page = renderSideBySide(in.run, in.run->busiest, spec);
    setProjectorPalette(true);
    const QByteArray presenting = renderSideBySide(in.run, in.run->busiest, spec);
    const bool stillPresenting = projectorPalette();
    setProjectorPalette(false);
    EXPECT_TRUE(stillPresenting) << "the window's palette is restored after the export";
    EXPECT_TRUE(page == presenting) << "the figure differs while the window presents";
}

TEST(ColumnsFigure, TheDefaultInstantHasEveryModelOnAsManyCoresAsItEverUses)
{
    // benchmark-trap: a closed loop of 256 requests; at t = 0 every one of them waits in a queue and
    // no core runs yet, which is what the figure used to show.
    const auto &in = test::presetInputs(QStringLiteral("benchmark-trap"));
    const RunSnapshot &run = *in.run;
    const Nanos t = busiestInstant(run);
    EXPECT_GT(t, Nanos::zero());
    for (const ModelRun &m : run.models) {
        SCOPED_TRACE(modelStyle(m.model).title.toStdString());
        ASSERT_TRUE(m.index);
        ASSERT_FALSE(m.index->trace().completions.empty());
        EXPECT_LT(t, m.index->trace().completions.back()) << "shown while the model still works";
        int most = 0;
        for (int i = 0; i <= 200; ++i)
            most = std::max(most, busyCores(m, Nanos{m.index->trace().completions.back().count() / 200 * i}));
        EXPECT_GT(most, 0);
        EXPECT_EQ(busyCores(m, t), most);
    }
}

TEST(ColumnsFigure, TheDefaultInstantHoldsTheMostRequestsInFlight)
{
    // memory-at-scale: 10,000 connections that each wait 30 s; the figure's story is all of them
    // held at once, whatever few cores happen to run at other instants.
    const RunSnapshot &run = *test::presetInputs(QStringLiteral("memory-at-scale")).run;
    const Nanos t = busiestInstant(run);
    for (const ModelRun &m : run.models) {
        SCOPED_TRACE(modelStyle(m.model).title.toStdString());
        std::int64_t most = 0;
        for (const CounterSample &c : m.index->counterSeries(Counter::InFlight, 0))
            most = std::max(most, c.value);
        EXPECT_EQ(most, 10'000);
        EXPECT_EQ(m.index->counterAt(Counter::InFlight, 0, t), most);
    }
}

TEST(GifExport, AFrameShowsHeadlineSchedulerAndStackMemoryOnOneScaleInReadableText)
{
    const auto &in = test::presetInputs(QStringLiteral("benchmark-trap"));
    GifSpec spec; // the default size, as a frame is drawn (GifExport::renderNext)
    ColumnsFigure figure(in.run, ColumnsFigure::Parts::Animation);
    figure.setTime(busiestInstant(*in.run));
    const QByteArray svg = encodeFigure({FigureFormat::Svg, spec.size, 1, false},
                                        figureCanvas(spec.size, ColumnsFigure::design(ColumnsFigure::Parts::Animation)),
                                        QString(), [&](QPainter &p, const QRectF &c) { figure.paint(p, c); });
    save(svg, QStringLiteral("benchmark-trap-gif-frame.svg"));
    const auto texts = test::svgTexts(svg);
    EXPECT_EQ(smallTexts(texts), "");
    for (const ModelRun &m : in.run->models) {
        EXPECT_TRUE(anyText(texts, modelStyle(m.model).title));
        // The headline: throughput, p99, resident memory.
        EXPECT_TRUE(anyText(texts, formatNumber(m.metrics.throughputRps, 4) + QStringLiteral(" req/s")));
        EXPECT_TRUE(anyText(texts, QStringLiteral("p99 ") + formatDuration(m.metrics.latency.p99)));
        EXPECT_TRUE(anyText(texts, formatBytes(static_cast<double>(m.metrics.memory.peakCommitted)) +
                                       QStringLiteral(" resident")));
    }
    for (const char *part : {"Scheduler", "Global", "Run queue", "Stack memory"}) // "Global queue" when there is room
        EXPECT_TRUE(anyText(texts, QString::fromUtf8(part))) << part;
    // The three stack pictures share one scale: the one fitted to all three columns' peaks.
    std::array<StackColumnInput, 3> inputs;
    const auto areas = figure.stackAreas();
    for (std::size_t i = 0; i < 3; ++i)
        inputs[i] = {in.run->models[i].peakStacks, areas[i]};
    const StackScale expected = sharedStackScale(inputs);
    EXPECT_GT(expected.pxPerByte, 0);
    EXPECT_DOUBLE_EQ(figure.stackScale().pxPerByte, expected.pxPerByte);
    EXPECT_EQ(figure.stackScale().lensed, expected.lensed);
}

TEST(GifExport, HoldsItsLastPictureForASecondWhenEveryModelIsDone)
{
    const auto &in = test::presetInputs(QStringLiteral("default"));
    const RunSnapshot &run = *in.run;
    Nanos lastDone{0};
    for (const ModelRun &m : run.models)
        lastDone = max(lastDone, m.index->trace().completions.back());
    EXPECT_EQ(allModelsDone(run), lastDone);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("whole.gif"));
    GifSpec spec; // the whole run
    spec.size = {320, 180};
    spec.fps = 5;
    spec.seconds = 1;
    EXPECT_EQ(resolvedGifSpec(spec, run).end, lastDone);
    GifExport gif(in.run, path, spec, exports::Overwrite::Refuse);
    EXPECT_EQ(gif.frameCount(), 6 + 5) << "fps × seconds + 1, then a second of the last picture";
    EXPECT_FALSE(gif.finish().has_value());
    int error = 0;
    GifFileType *file = DGifOpenFileName(QFile::encodeName(path).constData(), &error);
    ASSERT_NE(file, nullptr);
    ASSERT_EQ(DGifSlurp(file), GIF_OK);
    ASSERT_EQ(file->ImageCount, 11);
    // The writer stores what changed since the previous frame: nothing, in the hold (one pixel).
    for (int i = 6; i < 11; ++i)
        EXPECT_EQ(file->SavedImages[i].ImageDesc.Width * file->SavedImages[i].ImageDesc.Height, 1) << i;
    EXPECT_GT(file->SavedImages[5].ImageDesc.Width * file->SavedImages[5].ImageDesc.Height, 1);
    DGifCloseFile(file, &error);

    // A stretch that ends before every model is done loops without a hold.
    spec.start = Nanos{0};
    spec.end = lastDone / 2;
    EXPECT_EQ(gifHoldFrames(resolvedGifSpec(spec, run), run), 0);
    EXPECT_EQ(
        GifExport(in.run, dir.filePath(QStringLiteral("half.gif")), spec, exports::Overwrite::Refuse).frameCount(), 6);
}

TEST(GifExport, AGifMadeWhileTheWindowPresentsIsDrawnInThePagePalette)
{
    const auto &in = test::presetInputs(QStringLiteral("benchmark-trap"));
    QTemporaryDir dir;
    GifSpec spec;
    spec.size = {480, 270};
    spec.fps = 2;
    spec.seconds = 1;
    spec.start = in.run->busiest;
    spec.end = in.run->busiest + Nanos{10'000'000};
    const auto write = [&](const QString &name) {
        const QString path = dir.filePath(name);
        GifExport gif(in.run, path, spec, exports::Overwrite::Refuse);
        while (gif.renderNext()) {
        }
        EXPECT_FALSE(gif.finish().has_value());
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        return f.readAll();
    };
    const QByteArray page = write(QStringLiteral("page.gif"));
    setProjectorPalette(true); // the window presents while the GIF's frames are drawn, one by one
    const QByteArray presenting = write(QStringLiteral("presenting.gif"));
    setProjectorPalette(false);
    ASSERT_FALSE(page.isEmpty());
    EXPECT_TRUE(page == presenting) << "the GIF differs while the window presents";
}

// The figure's headline says what the app's says (headline_note.h): a dash, never "0 req/s · p99
// 0 ns", for a model that measured nothing, and the reason or the overload in words.
TEST(ColumnsFigure, TheHeadlinesSayWhatTheNumbersCannot)
{
    auto loaded = scenario::loadFile((presetDirectory() + QStringLiteral("/default.toml")).toStdString());
    ASSERT_TRUE(loaded.ok());
    Scenario warmupOnly = *loaded.scenario; // 600 requests at 2,000 req/s all arrive in the 0.5 s warm-up
    warmupOnly.load.requests = 600;
    Scenario overloaded = *loaded.scenario; // the event loop cannot keep up with 6,000 req/s
    overloaded.load.rate = 6000;
    overloaded.load.requests = 6000;
    for (const auto &[name, s] : {std::pair{"warm-up only", warmupOnly}, std::pair{"overloaded", overloaded}}) {
        SCOPED_TRACE(name);
        const auto run = buildRunSnapshot(s, 1);
        QStringList texts;
        for (const test::SvgText &t :
             test::svgTexts(renderSideBySide(run, busiestInstant(*run), {FigureFormat::Svg, {1200, 675}, 1, false})))
            texts << t.text;
        int notes = 0;
        for (const ModelRun &m : run->models) {
            const HeadlineNote note = headlineNote(m.metrics);
            if (!note.text.isEmpty()) {
                ++notes;
                // Whole, though it may wrap: one word after the other.
                EXPECT_TRUE(texts.join(QLatin1Char(' ')).contains(note.text)) << note.text.toStdString();
            }
            if (note.numbersEmpty) {
                EXPECT_FALSE(texts.contains(QStringLiteral("0 req/s")));
                EXPECT_TRUE(texts.contains(QStringLiteral("— req/s")));
            }
        }
        EXPECT_GT(notes, 0) << "the scenario no longer shows what the test is about";
    }
}
