// An animated GIF of the three models' columns — headline numbers, scheduler, stack memory on one
// scale (ColumnsFigure::Parts::Animation) — over a stretch of a run:
// frames rendered one at a time, so that a caller can show progress and stay responsive (the app
// renders a few per timer tick; conviz-cli loops), fed to the Qt-free GifWriter, which writes the
// file atomically. GUI thread: frames are drawn by widgets.
#pragma once

#include "engine/core/sim_time.h"
#include "engine/export/gif_writer.h"
#include "gui/core/run_snapshot.h"

#include <QSize>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace conviz::gui {

class ColumnsFigure;

struct GifSpec {
    QSize size{960, 540};
    int fps = 20;    // frames per second of the GIF (1..50; delays are whole hundredths)
    int seconds = 4; // how long the GIF plays, start to end
    Nanos start{0};  // the stretch of simulated time shown
    Nanos end{0};    // ≤ start: the end of the run
};

// fps × seconds + 1: the first frame shows `start`, the last shows `end`, and fps × seconds
// intervals of equal simulated length lie between them.
int gifFrameCount(const GifSpec &spec);
// The frames a GIF adds after gifFrameCount to hold its last picture for a second before it loops
// (fps of them), when that picture has every model done (end at allModelsDone); else 0.
int gifHoldFrames(const GifSpec &spec, const RunSnapshot &run);
// The instant frame `i` shows (end already resolved: see resolvedGifSpec).
Nanos gifFrameTime(const GifSpec &spec, int i);
// The spec with `end` resolved against the run (≤ start: the run's end) and clamped to it.
GifSpec resolvedGifSpec(GifSpec spec, const RunSnapshot &run);

class GifExport {
public:
    // Opens the GIF at `path` (atomically: nothing appears there until finish()). A problem with
    // the path or the spec is kept and reported by finish(). `cancel` may be set from any thread.
    GifExport(std::shared_ptr<const RunSnapshot> snapshot, const QString &path, const GifSpec &spec,
              exports::Overwrite overwrite, const std::atomic<bool> *cancel = nullptr);
    ~GifExport(); // removes the unfinished file
    GifExport(const GifExport &) = delete;
    GifExport &operator=(const GifExport &) = delete;

    // gifFrameCount plus gifHoldFrames.
    int frameCount() const { return m_frames; }
    int framesDone() const { return m_done; }
    // Whether every frame is written or the export failed; then call finish().
    bool atEnd() const;

    // Renders and writes the next frame. Returns false once there is nothing more to do.
    bool renderNext();

    // Writes the remaining frames (if any) and renames the GIF into place, or says why not.
    std::optional<exports::ExportError> finish();

private:
    std::shared_ptr<const RunSnapshot> m_snapshot;
    GifSpec m_spec;
    std::unique_ptr<ColumnsFigure> m_figure;
    std::unique_ptr<exports::GifWriter> m_writer;
    std::optional<exports::ExportError> m_error;
    int m_frames = 0;
    int m_done = 0;
};

} // namespace conviz::gui
