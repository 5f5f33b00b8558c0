// Any figure — a function that paints a logical canvas — as PNG, SVG or PDF bytes. The canvas is
// the figure's design size scaled as a whole to the requested size, so that text and lines keep
// their proportion to the image: a slide is the blog figure, larger. Drawing needs the GUI thread
// (QApplication); encoding a drawn PNG does not.
#pragma once

#include "gui/charts/chart_spec.h"

#include <QByteArray>
#include <QImage>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <functional>

class QPainter;

namespace conviz::gui {

// Paints the figure on `canvas` (logical units, origin 0,0). The background is already painted
// (white, or nothing when transparent).
using FigurePainter = std::function<void(QPainter &painter, const QRectF &canvas)>;

// The logical canvas of a `size` figure designed at `design`: size / zoom, where zoom is the
// largest factor that keeps the design inside size (1200×675 and 1920×1080 at 800×450: 800×450).
QSizeF figureCanvas(QSize size, QSizeF design);

// A figure drawn but not yet a file. A PNG is its pixels: compressing them is most of a PNG's time
// (the side-by-side view at 1920×1080 and 3×: 0.73 s, against 0.21 s of drawing; gui_bench
// SlideFigurePng), and may run on any thread, so the app does it on a worker. An SVG or PDF is its bytes already.
struct DrawnFigure {
    QImage pixels; // PNG: pixelSize(spec) pixels, premultiplied ARGB
    bool transparent = false;
    QByteArray bytes; // SVG, PDF

    // The file's bytes. Reentrant: any thread, one call per figure at a time.
    QByteArray encode() const;
};

// Draws a figure. PNG: pixelSize(spec) pixels, RGB (or RGBA when transparent); SVG: size pixels
// at 96 dpi, vector, the canvas as its viewBox; PDF: a page of size pixels at 96 dpi, vector.
// `title` goes into the file's metadata.
DrawnFigure drawOnCanvas(const FigureSpec &spec, QSizeF canvas, const QString &title, const FigurePainter &paint);

// drawOnCanvas(…).encode(): the figure's bytes.
QByteArray encodeFigure(const FigureSpec &spec, QSizeF canvas, const QString &title, const FigurePainter &paint);

} // namespace conviz::gui
