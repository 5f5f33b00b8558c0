// QColors for the core's plain model styles, and the tones the views share.
#pragma once

#include "engine/model_kind.h"
#include "gui/core/model_palette.h"

#include <QColor>
#include <QFont>

namespace conviz::gui {

inline QColor rgbColor(std::uint32_t rgb) { return QColor::fromRgb(static_cast<QRgb>(rgb)); }
inline QColor modelColor(ModelKind m) { return rgbColor(modelStyle(m).rgb); }
// The projector palette (presentation mode): a projector washes out pale fills, grey text and
// hairlines, so while it is on, tints stay closer to their colour, text is darker and lines are
// at least kProjectorMinLine px. Set by the window when presentation mode starts and ends.
void setProjectorPalette(bool on);
bool projectorPalette();
// Turns the projector palette off for as long as it lives, then restores it: exports (a figure, a
// GIF's frames) are drawn with the app's own views, in the palette of a page, not of a projector,
// even while the window presents.
class PagePaletteScope {
public:
    PagePaletteScope() : m_was(projectorPalette()) { setProjectorPalette(false); }
    ~PagePaletteScope() { setProjectorPalette(m_was); }
    PagePaletteScope(const PagePaletteScope &) = delete;
    PagePaletteScope &operator=(const PagePaletteScope &) = delete;

private:
    bool m_was;
};
inline constexpr double kProjectorMinLine = 3.0;
// A line `width` px wide, or kProjectorMinLine if wider while the projector palette is on.
double lineWidth(double width);

// The model colour mixed towards white: 0 = the colour, 1 = white (half as far on a projector).
QColor tint(QColor c, double towardsWhite);
// Text colours.
QColor inkColor();
QColor mutedInk();
// A font `delta` points larger (or smaller) than the widget default.
QFont sizedFont(const QFont &base, double delta, bool bold = false);

} // namespace conviz::gui
