#include "gui/charts/figure_file.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRawFont>
#include <QSvgGenerator>
#include <QTransform>

#include <algorithm>

namespace conviz::gui {
namespace {

constexpr int kDpi = 96; // CSS pixels: an SVG or PDF of 1200 × 675 "px" shows at that size

// The version the file's metadata names; defined for this library as for gui/core's convizVersion(),
// which gui/charts may not include.
QString version() { return QStringLiteral(CONVIZ_VERSION); }

void prepare(QPainter &p, const FigureSpec &spec, QSizeF canvas)
{
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    if (!spec.transparent)
        p.fillRect(QRectF(QPointF(0, 0), canvas), Qt::white);
}

// QSvgGenerator names the painter's family alone ("Sans Serif", fontconfig's alias), which browsers
// do not know: each family list ends with the generic family it stands for, so a browser picks a
// sans-serif (or monospace, or serif) font rather than its default serif.
QByteArray withGenericFontFamily(const QByteArray &svg)
{
    static const QByteArray key = "font-family=\"";
    QByteArray out;
    out.reserve(svg.size() + svg.size() / 40);
    qsizetype from = 0;
    for (qsizetype at = svg.indexOf(key); at >= 0; at = svg.indexOf(key, from)) {
        const qsizetype start = at + key.size();
        const qsizetype end = svg.indexOf('"', start);
        if (end < 0)
            break;
        const QByteArray family = svg.mid(start, end - start);
        const QByteArray lower = family.toLower();
        const QByteArray generic = lower.contains("mono") || lower.contains("courier") ? "monospace"
                                   : !lower.contains("sans") && (lower.contains("serif") || lower.contains("times"))
                                       ? "serif"
                                       : "sans-serif";
        out += svg.mid(from, start - from);
        out += family;
        if (!lower.endsWith(generic))
            out += ", " + generic;
        from = end;
    }
    out += svg.mid(from);
    return out;
}

// Text drawn larger than 64 pixels on the image (a figure's title from 3.2× up, most of its text at
// 4.8×) is filled as outlines, and Qt 6.4's FreeType engine loads those outlines without resetting
// the sub-pixel offset that the face's last rasterised glyph left on it, whatever its size and
// whoever drew it: text the window drew between two exports moved the next figure's title by a
// fraction of a pixel, a few hundred anti-aliased pixels apart. A glyph rasterised under a
// perspective transform, which Qt never caches, clears that offset; every glyph a zoomed figure
// rasterises while it draws then leaves the face in a state that the next outline clears too. So
// a figure starts as in a process that has drawn nothing yet, and has the same bytes every time.
void clearGlyphOffsets()
{
    const QTransform perspective(1, 0, 1e-4, 0, 1, 0, 0, 0, 1);
    for (const bool bold : {false, true})
        for (const bool italic : {false, true}) {
            QFont font = QGuiApplication::font();
            font.setBold(bold);
            font.setItalic(italic);
            const QRawFont raw = QRawFont::fromFont(font);
            const QList<quint32> glyphs = raw.glyphIndexesForString(QStringLiteral("x"));
            if (!glyphs.isEmpty())
                (void)raw.alphaMapForGlyph(glyphs.first(), QRawFont::PixelAntialiasing, perspective);
        }
}

DrawnFigure png(const FigureSpec &spec, QSizeF canvas, const FigurePainter &paint)
{
    // The scale is the image's device pixel ratio; the zoom from canvas to size is the painter's
    // (QWidget::render ignores a device pixel ratio below 1).
    DrawnFigure drawn;
    drawn.transparent = spec.transparent;
    QImage &img = drawn.pixels;
    img = QImage(spec.size * spec.scale, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(spec.scale);
    img.fill(Qt::transparent);
    clearGlyphOffsets();
    {
        QPainter p(&img);
        p.scale(spec.size.width() / canvas.width(), spec.size.height() / canvas.height());
        prepare(p, spec, canvas);
        paint(p, QRectF(QPointF(0, 0), canvas));
    }
    img.setDevicePixelRatio(1);
    return drawn;
}

QByteArray svg(const FigureSpec &spec, QSizeF canvas, const QString &title, const FigurePainter &paint)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setResolution(kDpi);
    gen.setSize(spec.size);
    gen.setViewBox(QRectF(QPointF(0, 0), canvas));
    gen.setTitle(title);
    gen.setDescription(QStringLiteral("Made with conviz %1").arg(version()));
    QPainter p(&gen);
    prepare(p, spec, canvas);
    paint(p, QRectF(QPointF(0, 0), canvas));
    p.end();
    return withGenericFontFamily(bytes);
}

QByteArray pdf(const FigureSpec &spec, QSizeF canvas, const QString &title, const FigurePainter &paint)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kDpi);
    const QSizeF points = QSizeF(spec.size) * 72.0 / kDpi;
    writer.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("conviz %1").arg(version()));
    QPainter p(&writer);
    p.scale(writer.width() / canvas.width(), writer.height() / canvas.height());
    prepare(p, spec, canvas);
    paint(p, QRectF(QPointF(0, 0), canvas));
    p.end();
    return bytes;
}

} // namespace

QSizeF figureCanvas(QSize size, QSizeF design)
{
    const double zoom = std::min(size.width() / design.width(), size.height() / design.height());
    return QSizeF(size) / std::max(zoom, 1e-3);
}

QByteArray DrawnFigure::encode() const
{
    if (pixels.isNull())
        return bytes;
    // No alpha channel when the background is opaque: a smaller file.
    const QImage img = transparent ? pixels : pixels.convertToFormat(QImage::Format_RGB32);
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return out;
}

DrawnFigure drawOnCanvas(const FigureSpec &spec, QSizeF canvas, const QString &title, const FigurePainter &paint)
{
    switch (spec.format) {
    case FigureFormat::Png: return png(spec, canvas, paint);
    case FigureFormat::Svg: return {{}, false, svg(spec, canvas, title, paint)};
    case FigureFormat::Pdf: return {{}, false, pdf(spec, canvas, title, paint)};
    }
    return {};
}

QByteArray encodeFigure(const FigureSpec &spec, QSizeF canvas, const QString &title, const FigurePainter &paint)
{
    return drawOnCanvas(spec, canvas, title, paint).encode();
}

} // namespace conviz::gui
