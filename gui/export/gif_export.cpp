#include "gui/export/gif_export.h"

#include "gui/charts/figure_file.h"
#include "gui/core/export_file.h"
#include "gui/core/figure_charts.h"
#include "gui/export/columns_figure.h"

#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <span>

namespace conviz::gui {

int gifFrameCount(const GifSpec &spec) { return spec.fps * spec.seconds + 1; }

Nanos gifFrameTime(const GifSpec &spec, int i)
{
    const std::int64_t intervals = std::max(gifFrameCount(spec) - 1, 1);
    return spec.start + Nanos{(spec.end - spec.start).count() * i / intervals}; // exact: integer nanoseconds
}

int gifHoldFrames(const GifSpec &spec, const RunSnapshot &run)
{
    return spec.end >= allModelsDone(run) && spec.end > spec.start ? std::max(spec.fps, 0) : 0;
}

GifSpec resolvedGifSpec(GifSpec spec, const RunSnapshot &run)
{
    spec.start = std::clamp(spec.start, Nanos::zero(), run.end);
    if (spec.end <= spec.start || spec.end > run.end)
        spec.end = run.end; // the run ends when its last model is done
    return spec;
}

GifExport::GifExport(std::shared_ptr<const RunSnapshot> snapshot, const QString &path, const GifSpec &spec,
                     exports::Overwrite overwrite, const std::atomic<bool> *cancel)
    : m_snapshot(std::move(snapshot)), m_spec(resolvedGifSpec(spec, *m_snapshot))
{
    m_frames = gifFrameCount(m_spec) + gifHoldFrames(m_spec, *m_snapshot);
    exports::GifOptions options;
    options.overwrite = overwrite;
    options.cancel = cancel;
    const int delay = static_cast<int>(std::lround(100.0 / std::max(m_spec.fps, 1)));
    m_writer = std::make_unique<exports::GifWriter>(filePath(path), m_spec.size.width(), m_spec.size.height(),
                                                    std::max(delay, 1), options);
    m_error = m_writer->error();
    if (m_spec.fps < 1 || m_spec.fps > 50 || m_spec.seconds < 1)
        m_error = exports::ExportError{exports::ExportError::Kind::Invalid,
                                       "cannot write " + path.toStdString() +
                                           ": a GIF needs 1 to 50 frames per second and lasts at least a second"};
    if (!m_error)
        m_figure = std::make_unique<ColumnsFigure>(m_snapshot, ColumnsFigure::Parts::Animation);
}

GifExport::~GifExport() = default;

bool GifExport::atEnd() const { return m_error.has_value() || m_done >= m_frames; }

bool GifExport::renderNext()
{
    if (atEnd())
        return false;
    m_figure->setTime(gifFrameTime(m_spec, std::min(m_done, gifFrameCount(m_spec) - 1))); // the hold: the last instant
    const QSizeF canvas =
        figureCanvas(m_spec.size, ColumnsFigure::design(ColumnsFigure::Parts::Animation, m_spec.size));
    QImage frame(m_spec.size, QImage::Format_ARGB32_Premultiplied);
    frame.fill(Qt::white);
    {
        QPainter p(&frame);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        p.scale(m_spec.size.width() / canvas.width(), m_spec.size.height() / canvas.height());
        m_figure->paint(p, QRectF(QPointF(0, 0), canvas));
    }
    const QImage rgba = frame.convertToFormat(QImage::Format_RGBA8888);
    const std::span<const std::uint8_t> bytes(rgba.constBits(), static_cast<std::size_t>(rgba.sizeInBytes()));
    if (!m_writer->addFrame(bytes)) {
        m_error = m_writer->error();
        if (!m_error)
            m_error = exports::ExportError{exports::ExportError::Kind::Io, "the GIF could not be written"};
        return false;
    }
    ++m_done;
    return !atEnd();
}

std::optional<exports::ExportError> GifExport::finish()
{
    while (renderNext()) {
    }
    if (m_error) {
        m_writer->abort();
        return m_error;
    }
    return m_writer->finish();
}

} // namespace conviz::gui
