// An animated GIF, frame by frame, over giflib: fixed-size RGBA frames in, a looping GIF89a out,
// written atomically (atomic_file.h). Colours map to the fixed palette of gif_palette.h; each frame
// after the first stores only the rectangle that changed. Same frames in, same bytes out.
//
// Threading: one thread calls addFrame/finish/abort; `cancel` may be set from any thread.
#pragma once

#include "engine/core/atomic_file.h"
#include "engine/export/gif_palette.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

struct GifFileType;

namespace conviz::exports {

struct GifOptions {
    Overwrite overwrite = Overwrite::Refuse;
    int loops = 0;          // 0: loop forever
    int expectedFrames = 0; // for progress; 0: no progress reports
    const std::atomic<bool> *cancel = nullptr;
    std::function<void(double fraction)> progress; // after each frame, when expectedFrames > 0
};

class GifWriter {
public:
    // Starts the GIF at `path`: `width` × `height` pixels (1…65535), each frame shown for `delayCs`
    // hundredths of a second (1…65535; browsers show anything under 2 as 10). A failure here (file
    // exists, folder missing, bad size) is kept: addFrame returns false and finish() returns it.
    GifWriter(const std::filesystem::path &path, int width, int height, int delayCs, GifOptions options = {});
    ~GifWriter(); // aborts unless finished
    GifWriter(const GifWriter &) = delete;
    GifWriter &operator=(const GifWriter &) = delete;

    // Appends a frame: width × height × 4 bytes of RGBA8888 (QImage::Format_RGBA8888), rows top
    // down, not premultiplied; translucent pixels are composited over white. Returns false, and
    // removes the file, if the frame is the wrong size, the export was cancelled or writing failed.
    bool addFrame(std::span<const std::uint8_t> rgba);

    // Ends the GIF and renames it into place. At least one frame is needed.
    std::optional<ExportError> finish();

    // Stops and removes the temporary file; nothing is left at `path`.
    void abort();

    const std::optional<ExportError> &error() const { return m_error; }
    int frames() const { return m_frames; }

private:
    bool fail(ExportError error);
    bool giflibFailed(int code);
    void writeFrame();

    std::filesystem::path m_path;
    int m_width = 0;
    int m_height = 0;
    int m_delayCs = 0;
    GifOptions m_options;
    std::unique_ptr<AtomicFile> m_file; // giflib's callback holds its address
    PaletteMapper m_mapper;
    GifFileType *m_gif = nullptr;
    std::vector<std::uint8_t> m_current; // palette indices
    std::vector<std::uint8_t> m_previous;
    std::vector<std::uint8_t> m_row;
    int m_frames = 0;
    bool m_finished = false;
    std::optional<ExportError> m_error;
};

} // namespace conviz::exports
