#include "engine/export/gif_writer.h"

#include <algorithm>
#include <array>
#include <string_view>

#include <gif_lib.h>

#include <fmt/format.h>

namespace conviz::exports {
namespace {

constexpr int kMaxSide = 65535;

// giflib's output callback: every byte goes to the AtomicFile, which keeps its first failure.
int writeToFile(GifFileType *gif, const GifByteType *bytes, int length)
{
    auto *file = static_cast<AtomicFile *>(gif->UserData);
    file->write(std::string_view(reinterpret_cast<const char *>(bytes), static_cast<std::size_t>(length)));
    return length;
}

// The smallest rectangle holding every pixel that differs; nothing if the frames are equal.
struct Rect {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
};

std::optional<Rect> changedRect(const std::vector<std::uint8_t> &a, const std::vector<std::uint8_t> &b, int width,
                                int height)
{
    const auto w = static_cast<std::size_t>(width);
    int top = -1;
    int bottom = -1;
    int left = width;
    int right = -1;
    for (int y = 0; y < height; ++y) {
        const auto row = static_cast<std::size_t>(y) * w;
        if (std::equal(a.begin() + static_cast<std::ptrdiff_t>(row), a.begin() + static_cast<std::ptrdiff_t>(row + w),
                       b.begin() + static_cast<std::ptrdiff_t>(row)))
            continue;
        if (top < 0)
            top = y;
        bottom = y;
        for (int x = 0; x < left; ++x)
            if (a[row + static_cast<std::size_t>(x)] != b[row + static_cast<std::size_t>(x)]) {
                left = x;
                break;
            }
        for (int x = width - 1; x > right; --x)
            if (a[row + static_cast<std::size_t>(x)] != b[row + static_cast<std::size_t>(x)]) {
                right = x;
                break;
            }
    }
    if (top < 0)
        return std::nullopt;
    return Rect{left, top, right - left + 1, bottom - top + 1};
}

} // namespace

GifWriter::GifWriter(const std::filesystem::path &path, int width, int height, int delayCs, GifOptions options)
    : m_path(path),
      m_width(width),
      m_height(height),
      m_delayCs(delayCs),
      m_options(std::move(options)),
      m_file(std::make_unique<AtomicFile>())
{
    if (width < 1 || height < 1 || width > kMaxSide || height > kMaxSide) {
        fail({ExportError::Kind::Invalid,
              fmt::format("cannot write {}: a GIF is 1 to {} pixels wide and high, not {}×{}", path.string(), kMaxSide,
                          width, height)});
        return;
    }
    if (delayCs < 1 || delayCs > kMaxSide || m_options.loops < 0 || m_options.loops > kMaxSide) {
        fail({ExportError::Kind::Invalid,
              fmt::format("cannot write {}: a frame delay is 1 to {} hundredths of a second and loops 0 to {}",
                          path.string(), kMaxSide, kMaxSide)});
        return;
    }
    if (auto error = m_file->open(path, m_options.overwrite)) {
        fail(std::move(*error));
        return;
    }
    int code = 0;
    m_gif = EGifOpen(m_file.get(), &writeToFile, &code);
    if (m_gif == nullptr) {
        giflibFailed(code);
        return;
    }
    EGifSetGifVersion(m_gif, true);
    std::array<GifColorType, 256> colours{};
    const auto &palette = gifPalette();
    for (std::size_t i = 0; i < palette.size(); ++i)
        colours[i] = {palette[i].r, palette[i].g, palette[i].b};
    ColorMapObject *map = GifMakeMapObject(256, colours.data());
    const int ok = map ? EGifPutScreenDesc(m_gif, width, height, 8, 0, map) : GIF_ERROR;
    GifFreeMapObject(map);
    if (ok == GIF_ERROR) {
        giflibFailed(map ? m_gif->Error : E_GIF_ERR_NOT_ENOUGH_MEM);
        return;
    }
    // The NETSCAPE2.0 application extension: loop count, 0 = forever.
    const unsigned char loop[3] = {1, static_cast<unsigned char>(m_options.loops & 0xff),
                                   static_cast<unsigned char>((m_options.loops >> 8) & 0xff)};
    if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(m_gif) == GIF_ERROR) {
        giflibFailed(m_gif->Error);
        return;
    }
    const auto pixels = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    m_current.resize(pixels);
    m_previous.resize(pixels);
    m_row.resize(static_cast<std::size_t>(width));
}

GifWriter::~GifWriter()
{
    if (!m_finished)
        abort();
}

bool GifWriter::fail(ExportError error)
{
    abort();
    if (!m_error)
        m_error = std::move(error);
    return false;
}

bool GifWriter::giflibFailed(int code)
{
    return fail({ExportError::Kind::Io,
                 fmt::format("cannot write {}: the GIF encoder failed ({})", m_path.string(), GifErrorString(code))});
}

bool GifWriter::addFrame(std::span<const std::uint8_t> rgba)
{
    if (m_error || m_finished)
        return false;
    if (m_options.cancel && m_options.cancel->load(std::memory_order_relaxed))
        return fail({ExportError::Kind::Cancelled, fmt::format("the export of {} was cancelled", m_path.string())});
    if (rgba.size() != m_current.size() * 4)
        return fail({ExportError::Kind::Invalid,
                     fmt::format("cannot write {}: a frame of {}×{} pixels has {} bytes of RGBA, not {}",
                                 m_path.string(), m_width, m_height, m_current.size() * 4, rgba.size())});
    PaletteMapper &mapper = m_mapper;
    for (std::size_t i = 0; i < m_current.size(); ++i)
        m_current[i] = mapper.indexRgba(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]);
    writeFrame();
    if (m_error)
        return false;
    std::swap(m_current, m_previous);
    ++m_frames;
    if (m_options.progress && m_options.expectedFrames > 0)
        m_options.progress(std::min(1.0, static_cast<double>(m_frames) / m_options.expectedFrames));
    return true;
}

void GifWriter::writeFrame()
{
    // Frames stay in place (disposal: do not dispose), so a frame needs only what changed; an
    // unchanged frame is one pixel, rewritten, to keep one GIF frame per frame given.
    Rect r{0, 0, m_width, m_height};
    if (m_frames > 0)
        r = changedRect(m_previous, m_current, m_width, m_height).value_or(Rect{0, 0, 1, 1});

    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.UserInputFlag = false;
    gcb.DelayTime = m_delayCs;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType extension[4];
    const size_t length = EGifGCBToExtension(&gcb, extension);
    if (EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension) == GIF_ERROR ||
        EGifPutImageDesc(m_gif, r.left, r.top, r.width, r.height, false, nullptr) == GIF_ERROR) {
        giflibFailed(m_gif->Error);
        return;
    }
    const auto w = static_cast<std::size_t>(m_width);
    for (int y = r.top; y < r.top + r.height; ++y) {
        const auto from = m_current.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(y) * w) + r.left;
        std::copy(from, from + r.width, m_row.begin());
        if (EGifPutLine(m_gif, m_row.data(), r.width) == GIF_ERROR) {
            giflibFailed(m_gif->Error);
            return;
        }
    }
}

std::optional<ExportError> GifWriter::finish()
{
    if (m_finished)
        return m_error;
    if (!m_error && m_frames == 0)
        fail({ExportError::Kind::Invalid,
              fmt::format("cannot write {}: a GIF needs at least one frame", m_path.string())});
    if (m_error)
        return m_error;
    int code = 0;
    const int closed = EGifCloseFile(m_gif, &code); // writes the trailer and frees, even on failure
    m_gif = nullptr;
    if (closed == GIF_ERROR) {
        giflibFailed(code);
        return m_error;
    }
    m_finished = true;
    m_error = m_file->commit();
    return m_error;
}

void GifWriter::abort()
{
    if (m_gif != nullptr) {
        int code = 0;
        EGifCloseFile(m_gif, &code);
        m_gif = nullptr;
    }
    m_file->abort();
}

} // namespace conviz::exports
