// conviz-cli export --chart and --gif: with no display at all (DISPLAY and QT_QPA_PLATFORM unset),
// each format is produced and checked — PNG header and pixel size at each scale and preset,
// transparent corners, SVG that parses and holds the series, PDF, GIF frame count — files are
// byte-identical across runs and an existing file is refused without --force.
#include "cli_process.h"

#include <QByteArray>
#include <QImage>
#include <QXmlStreamReader>

#include <gif_lib.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using conviz::test::readFile;
using conviz::test::runCli;
using conviz::test::scenario;
using conviz::test::tempPath;

namespace {

// Every figure test runs the CLI as on a server: no X, no Wayland, no platform chosen.
class CliFigure : public ::testing::Test {
protected:
    void SetUp() override
    {
        for (const char *v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            ::unsetenv(v);
    }
};

// A quick CRUD sweep: 4 points of 600 requests.
std::vector<std::string> quickSweep()
{
    return {"--set", "load.requests=600", "--param", "load.rate", "--from", "100", "--to", "700", "--steps", "4"};
}

std::vector<std::string> chartArgs(const std::string &chart, const std::string &out, std::vector<std::string> more = {})
{
    std::vector<std::string> args{"export", scenario("crud-postgres"), "--chart", chart, "--out", out};
    if (chart == "throughput" || chart == "latency" || chart == "memory")
        for (const std::string &a : quickSweep())
            args.push_back(a);
    else
        args.insert(args.end(), {"--set", "load.requests=600"});
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// Width and height from a PNG's IHDR chunk, after checking the signature.
std::pair<int, int> pngSize(const std::string &bytes)
{
    EXPECT_EQ(bytes.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(bytes.substr(12, 4), "IHDR");
    auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
               (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
    };
    return bytes.size() > 24 ? std::pair<int, int>(be32(16), be32(20)) : std::pair<int, int>(0, 0);
}

int gifFrames(const std::string &path, int *width = nullptr)
{
    int error = 0;
    GifFileType *gif = DGifOpenFileName(path.c_str(), &error);
    if (!gif)
        return -1;
    const int frames = DGifSlurp(gif) == GIF_OK ? gif->ImageCount : -1;
    if (width)
        *width = gif->SWidth;
    DGifCloseFile(gif, &error);
    return frames;
}

} // namespace

TEST_F(CliFigure, PngChartsHaveTheExactSizeOfEachPresetAndScaleWithNoDisplay)
{
    const std::pair<std::string, std::pair<int, int>> presets[] = {
        {"1200x675", {1200, 675}}, {"1920x1080", {1920, 1080}}, {"1080x1080", {1080, 1080}}};
    for (const auto &[size, wh] : presets)
        for (int scale : {1, 2, 3}) {
            const auto out = tempPath("timeline-" + size + "-" + std::to_string(scale) + ".png");
            const auto r = runCli(chartArgs("timeline", out, {"--size", size, "--scale", std::to_string(scale)}));
            ASSERT_EQ(r.exitCode, 0) << r.err;
            EXPECT_EQ(r.out, "wrote " + out + "\n");
            EXPECT_TRUE(r.err.empty()) << r.err; // nothing from Qt about platforms or displays
            EXPECT_EQ(pngSize(readFile(out)), std::make_pair(wh.first * scale, wh.second * scale))
                << size << " ×" << scale;
        }
}

TEST_F(CliFigure, EveryChartKindIsDrawn)
{
    for (const std::string chart : {"throughput", "latency", "memory", "timeline", "queue", "cost", "side-by-side"}) {
        const auto out = tempPath(chart + ".png");
        const auto r = runCli(chartArgs(chart, out));
        ASSERT_EQ(r.exitCode, 0) << chart << ": " << r.err;
        EXPECT_EQ(pngSize(readFile(out)), std::make_pair(1200, 675)) << chart;
    }
}

TEST_F(CliFigure, TransparentPngHasNoBackgroundInItsCorners)
{
    const auto out = tempPath("transparent.png");
    ASSERT_EQ(runCli(chartArgs("throughput", out, {"--transparent", "--scale", "2"})).exitCode, 0);
    QImage img;
    ASSERT_TRUE(img.load(QString::fromStdString(out)));
    EXPECT_EQ(img.size(), QSize(2400, 1350));
    ASSERT_TRUE(img.hasAlphaChannel());
    EXPECT_EQ(qAlpha(img.pixel(0, 0)), 0);
    EXPECT_EQ(qAlpha(img.pixel(img.width() - 1, img.height() - 1)), 0);
}

TEST_F(CliFigure, SvgParsesAndHoldsTheSeriesAndIsByteIdenticalAcrossRuns)
{
    const auto a = tempPath("latency-a.svg");
    const auto b = tempPath("latency-b.svg");
    ASSERT_EQ(runCli(chartArgs("latency", a)).exitCode, 0);
    ASSERT_EQ(runCli(chartArgs("latency", b)).exitCode, 0);
    const std::string svg = readFile(a);
    EXPECT_EQ(svg, readFile(b));
    QXmlStreamReader xml(QByteArray::fromStdString(svg));
    int paths = 0;
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QStringLiteral("path"))
            ++paths;
        if (xml.isCharacters())
            text += xml.text().toString();
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_GE(paths, 6); // a p50 and a p99 line per model, at least
    for (const char *s : {"Fibers (Go)", "Event loop (Node.js)", "OS threads", "Latency vs arrival rate",
                          "Arrival rate (req/s)", "CRUD API on PostgreSQL · seed 42 · conviz"})
        EXPECT_TRUE(text.contains(QString::fromUtf8(s))) << s;
}

TEST_F(CliFigure, PdfAndTheSideBySideSvgAreWritten)
{
    const auto pdf = tempPath("cost.pdf");
    ASSERT_EQ(runCli(chartArgs("cost", pdf)).exitCode, 0);
    EXPECT_EQ(readFile(pdf).rfind("%PDF-", 0), 0u);

    const auto svg = tempPath("side.svg");
    const auto r = runCli(chartArgs("side-by-side", svg, {"--at", "50ms", "--size", "1920x1080"}));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string text = readFile(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos);
    for (const char *s : {"Fibers (Go)", "Event loop (Node.js)", "OS threads", "t = 50 ms of a"})
        EXPECT_NE(text.find(s), std::string::npos) << s;
}

TEST_F(CliFigure, GifHasFpsTimesSecondsPlusOneFramesAndIsByteIdentical)
{
    const auto a = tempPath("anim-a.gif");
    const auto b = tempPath("anim-b.gif");
    const std::vector<std::string> args{"export",
                                        scenario("default"),
                                        "--gif",
                                        "--set",
                                        "load.requests=800",
                                        "--start",
                                        "10ms",
                                        "--end",
                                        "60ms",
                                        "--fps",
                                        "10",
                                        "--seconds",
                                        "2",
                                        "--size",
                                        "480x270",
                                        "--out"};
    auto withOut = [&](const std::string &out) {
        auto v = args;
        v.push_back(out);
        return v;
    };
    const auto r = runCli(withOut(a));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "wrote " + a + " (21 frames)\n");
    ASSERT_EQ(runCli(withOut(b)).exitCode, 0);
    int width = 0;
    EXPECT_EQ(gifFrames(a, &width), 21);
    EXPECT_EQ(width, 480);
    EXPECT_EQ(readFile(a), readFile(b));
}

TEST_F(CliFigure, AnExistingFigureIsRefusedWithoutForce)
{
    for (const std::string name : {"keep.png", "keep.gif"}) {
        const auto out = tempPath(name);
        std::ofstream(out) << "keep me";
        auto args =
            name.ends_with(".gif")
                ? std::vector<std::string>{"export", scenario("default"), "--gif", "--fps", "2", "--seconds", "1",
                                           "--set",  "load.requests=300", "--out", out}
                : chartArgs("timeline", out);
        const auto refused = runCli(args);
        EXPECT_EQ(refused.exitCode, 2);
        EXPECT_NE(refused.err.find(out + " already exists; add --force to replace it"), std::string::npos)
            << refused.err;
        EXPECT_EQ(readFile(out), "keep me");
        args.push_back("--force");
        const auto forced = runCli(args);
        ASSERT_EQ(forced.exitCode, 0) << forced.err;
        EXPECT_NE(readFile(out), "keep me");
    }
}

TEST_F(CliFigure, AnUnwritablePathFailsBeforeAnyDrawing)
{
    const auto r = runCli(chartArgs("throughput", "/nonexistent-conviz-dir/t.png"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(
        r.err.find("cannot write /nonexistent-conviz-dir/t.png: the folder /nonexistent-conviz-dir does not exist"),
        std::string::npos)
        << r.err;
}

TEST_F(CliFigure, TimelineIsCoresBusyAndEverySvgFontHasAGenericFallback)
{
    const auto svg = tempPath("timeline.svg");
    const auto r = runCli(chartArgs("timeline", svg));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string text = readFile(svg);
    for (const char *s : {"Cores busy over time", "Cores busy (of 4)", "Fibers (Go)", "OS threads"})
        EXPECT_NE(text.find(s), std::string::npos) << s;
    EXPECT_EQ(text.find("Throughput over time"), std::string::npos);
    // Browsers do not know fontconfig's "Sans Serif": every family list ends with sans-serif.
    std::size_t families = 0;
    for (std::size_t at = text.find("font-family=\""); at != std::string::npos;
         at = text.find("font-family=\"", at + 1)) {
        const std::size_t end = text.find('"', at + 13);
        EXPECT_TRUE(text.substr(at + 13, end - at - 13).ends_with(", sans-serif")) << text.substr(at, end - at + 1);
        ++families;
    }
    EXPECT_GT(families, 10u);
}
