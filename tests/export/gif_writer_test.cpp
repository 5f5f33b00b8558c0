// Animated GIFs, read back with giflib: frame count, size, loop, delays, pixels; cancel leaves nothing.
#include "temp_dir.h"

#include "engine/export/gif_palette.h"
#include "engine/export/gif_writer.h"

#include <gif_lib.h>

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>

using conviz::exports::ExportError;
using conviz::exports::GifOptions;
using conviz::exports::GifWriter;
using conviz::exports::kOkabeIto;
using conviz::exports::Overwrite;
using conviz::exports::PaletteMapper;
using conviz::exports::Rgb;
using conviz::test::readFile;
using conviz::test::TempDir;

namespace {

constexpr int kWidth = 64;
constexpr int kHeight = 40;

// White, with a 10 × 10 square of Okabe–Ito colour `frame` at (4 × frame, 2 × frame).
std::vector<std::uint8_t> frameRgba(int frame)
{
    std::vector<std::uint8_t> rgba(kWidth * kHeight * 4, 255);
    const std::uint32_t hex = kOkabeIto[static_cast<std::size_t>(frame) % kOkabeIto.size()];
    for (int y = 2 * frame; y < 2 * frame + 10; ++y)
        for (int x = 4 * frame; x < 4 * frame + 10; ++x) {
            std::uint8_t *p = &rgba[static_cast<std::size_t>((y * kWidth + x) * 4)];
            p[0] = static_cast<std::uint8_t>(hex >> 16);
            p[1] = static_cast<std::uint8_t>(hex >> 8);
            p[2] = static_cast<std::uint8_t>(hex);
        }
    return rgba;
}

std::optional<ExportError> writeGif(const std::filesystem::path &path, int frames, GifOptions options = {})
{
    GifWriter gif(path, kWidth, kHeight, 4, std::move(options));
    for (int i = 0; i < frames; ++i)
        if (!gif.addFrame(frameRgba(i)))
            return gif.error();
    return gif.finish();
}

struct GifFile {
    explicit GifFile(const std::filesystem::path &path)
    {
        int error = 0;
        gif = DGifOpenFileName(path.c_str(), &error);
        if (gif != nullptr && DGifSlurp(gif) != GIF_OK) {
            DGifCloseFile(gif, &error);
            gif = nullptr;
        }
    }
    ~GifFile()
    {
        int error = 0;
        if (gif != nullptr)
            DGifCloseFile(gif, &error);
    }
    GifFileType *gif = nullptr;
};

bool loopsForever(const SavedImage &first)
{
    for (int i = 0; i + 1 < first.ExtensionBlockCount; ++i) {
        const ExtensionBlock &app = first.ExtensionBlocks[i];
        const ExtensionBlock &data = first.ExtensionBlocks[i + 1];
        if (app.Function == APPLICATION_EXT_FUNC_CODE && app.ByteCount == 11 &&
            std::memcmp(app.Bytes, "NETSCAPE2.0", 11) == 0 && data.ByteCount == 3 && data.Bytes[0] == 1)
            return data.Bytes[1] == 0 && data.Bytes[2] == 0;
    }
    return false;
}

} // namespace

TEST(GifWriter, WritesEveryFrameAtItsSizeLoopingForever)
{
    TempDir dir;
    ASSERT_EQ(writeGif(dir / "a.gif", 6), std::nullopt);
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"a.gif"});
    EXPECT_EQ(readFile(dir / "a.gif").substr(0, 6), "GIF89a");

    GifFile file(dir / "a.gif");
    ASSERT_NE(file.gif, nullptr);
    EXPECT_EQ(file.gif->ImageCount, 6);
    EXPECT_EQ(file.gif->SWidth, kWidth);
    EXPECT_EQ(file.gif->SHeight, kHeight);
    ASSERT_NE(file.gif->SColorMap, nullptr);
    EXPECT_EQ(file.gif->SColorMap->ColorCount, 256);
    EXPECT_TRUE(loopsForever(file.gif->SavedImages[0]));
    for (int i = 0; i < file.gif->ImageCount; ++i) {
        GraphicsControlBlock gcb{};
        ASSERT_EQ(DGifSavedExtensionToGCB(file.gif, i, &gcb), GIF_OK);
        EXPECT_EQ(gcb.DelayTime, 4);
        EXPECT_EQ(gcb.DisposalMode, DISPOSE_DO_NOT);
    }
}

TEST(GifWriter, FramesRebuildTheInputExactlyForPaletteColours)
{
    // Later frames hold only what changed; drawn over each other they must give every input frame.
    TempDir dir;
    ASSERT_EQ(writeGif(dir / "a.gif", 8), std::nullopt);
    GifFile file(dir / "a.gif");
    ASSERT_NE(file.gif, nullptr);
    ASSERT_EQ(file.gif->ImageCount, 8);
    std::vector<GifByteType> canvas(kWidth * kHeight, 0);
    const ColorMapObject *map = file.gif->SColorMap;
    for (int f = 0; f < 8; ++f) {
        const SavedImage &img = file.gif->SavedImages[f];
        const GifImageDesc &d = img.ImageDesc;
        if (f > 0) {
            EXPECT_LT(d.Width * d.Height, kWidth * kHeight) << "frame " << f << " stores only what changed";
        }
        for (int y = 0; y < d.Height; ++y)
            for (int x = 0; x < d.Width; ++x)
                canvas[static_cast<std::size_t>((d.Top + y) * kWidth + d.Left + x)] =
                    img.RasterBits[static_cast<std::size_t>(y * d.Width + x)];
        const auto expected = frameRgba(f);
        for (std::size_t p = 0; p < canvas.size(); ++p) {
            const GifColorType c = map->Colors[canvas[p]];
            ASSERT_EQ((std::array<int, 3>{c.Red, c.Green, c.Blue}),
                      (std::array<int, 3>{expected[4 * p], expected[4 * p + 1], expected[4 * p + 2]}))
                << "frame " << f << " pixel " << p;
        }
    }
}

TEST(GifWriter, AnUnchangedFrameIsStillAFrame)
{
    TempDir dir;
    {
        GifWriter gif(dir / "still.gif", kWidth, kHeight, 10);
        for (int i = 0; i < 3; ++i)
            ASSERT_TRUE(gif.addFrame(frameRgba(0)));
        ASSERT_EQ(gif.finish(), std::nullopt);
    }
    GifFile file(dir / "still.gif");
    ASSERT_NE(file.gif, nullptr);
    EXPECT_EQ(file.gif->ImageCount, 3);
}

TEST(GifWriter, TheSameFramesGiveTheSameBytes)
{
    TempDir dir;
    ASSERT_EQ(writeGif(dir / "a.gif", 5), std::nullopt);
    ASSERT_EQ(writeGif(dir / "b.gif", 5), std::nullopt);
    EXPECT_FALSE(readFile(dir / "a.gif").empty());
    EXPECT_EQ(readFile(dir / "a.gif"), readFile(dir / "b.gif"));
}

TEST(GifWriter, ACancelledExportLeavesNoFile)
{
    TempDir dir;
    std::atomic<bool> cancel{false};
    GifOptions options;
    options.cancel = &cancel;
    GifWriter gif(dir / "c.gif", kWidth, kHeight, 4, options);
    ASSERT_TRUE(gif.addFrame(frameRgba(0)));
    ASSERT_TRUE(gif.addFrame(frameRgba(1)));
    EXPECT_FALSE(dir.entries().empty()) << "the temporary file is being written";
    cancel = true;
    EXPECT_FALSE(gif.addFrame(frameRgba(2)));
    ASSERT_TRUE(gif.error().has_value());
    EXPECT_EQ(gif.error()->kind, ExportError::Kind::Cancelled);
    EXPECT_TRUE(gif.finish().has_value());
    EXPECT_TRUE(dir.entries().empty());
}

TEST(GifWriter, AbortAndAnUnfinishedWriterLeaveNoFile)
{
    TempDir dir;
    {
        GifWriter gif(dir / "a.gif", kWidth, kHeight, 4);
        ASSERT_TRUE(gif.addFrame(frameRgba(0)));
        gif.abort();
    }
    {
        GifWriter gif(dir / "b.gif", kWidth, kHeight, 4);
        ASSERT_TRUE(gif.addFrame(frameRgba(0)));
    }
    EXPECT_TRUE(dir.entries().empty());
}

TEST(GifWriter, AFrameOfTheWrongSizeFailsAndLeavesNoFile)
{
    TempDir dir;
    GifWriter gif(dir / "a.gif", kWidth, kHeight, 4);
    ASSERT_TRUE(gif.addFrame(frameRgba(0)));
    EXPECT_FALSE(gif.addFrame(std::vector<std::uint8_t>(16, 0)));
    ASSERT_TRUE(gif.error().has_value());
    EXPECT_EQ(gif.error()->kind, ExportError::Kind::Invalid);
    EXPECT_NE(gif.error()->message.find("10240 bytes of RGBA, not 16"), std::string::npos) << gif.error()->message;
    EXPECT_TRUE(dir.entries().empty());
}

TEST(GifWriter, NoFramesIsAnError)
{
    TempDir dir;
    GifWriter gif(dir / "a.gif", kWidth, kHeight, 4);
    const auto error = gif.finish();
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->kind, ExportError::Kind::Invalid);
    EXPECT_TRUE(dir.entries().empty());
}

TEST(GifWriter, RefusesToOverwriteAndNamesAMissingFolder)
{
    TempDir dir;
    std::ofstream(dir / "old.gif") << "old";
    const auto exists = writeGif(dir / "old.gif", 2);
    ASSERT_TRUE(exists.has_value());
    EXPECT_EQ(exists->kind, ExportError::Kind::Exists);
    EXPECT_EQ(readFile(dir / "old.gif"), "old");

    GifOptions replace;
    replace.overwrite = Overwrite::Replace;
    EXPECT_EQ(writeGif(dir / "old.gif", 2, replace), std::nullopt);
    EXPECT_EQ(readFile(dir / "old.gif").substr(0, 6), "GIF89a");

    const auto missing = writeGif(dir / "nope" / "a.gif", 2);
    ASSERT_TRUE(missing.has_value());
    EXPECT_EQ(missing->message, "cannot write " + (dir / "nope" / "a.gif").string() + ": the folder " +
                                    (dir / "nope").string() + " does not exist");
}

TEST(GifWriter, ReportsProgressPerFrame)
{
    TempDir dir;
    std::vector<double> heard;
    GifOptions options;
    options.expectedFrames = 4;
    options.progress = [&](double f) { heard.push_back(f); };
    ASSERT_EQ(writeGif(dir / "p.gif", 4, options), std::nullopt);
    EXPECT_EQ(heard, (std::vector<double>{0.25, 0.5, 0.75, 1.0}));
}

TEST(GifPalette, HoldsTheOkabeItoColoursAndMapsThemToThemselves)
{
    PaletteMapper mapper;
    const auto &palette = conviz::exports::gifPalette();
    for (std::uint32_t hex : kOkabeIto) {
        const Rgb c{static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8),
                    static_cast<std::uint8_t>(hex)};
        EXPECT_EQ(palette[mapper.index(c)], c) << std::hex << hex;
    }
    EXPECT_EQ(palette[mapper.index({255, 255, 255})], (Rgb{255, 255, 255}));
    for (int v = 0; v < 256; ++v) {
        const auto g = static_cast<std::uint8_t>(v);
        const Rgb mapped = palette[mapper.index({g, g, g})];
        EXPECT_EQ(mapped.r, mapped.g);
        EXPECT_LE(std::abs(mapped.r - v), 2) << "grey " << v;
    }
    // Translucent pixels are composited over white.
    EXPECT_EQ(palette[mapper.indexRgba(0, 0, 0, 0)], (Rgb{255, 255, 255}));
}
