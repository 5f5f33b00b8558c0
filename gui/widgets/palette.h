// QColors for the core's plain model styles, and the tones the views share.
#pragma once

#include "engine/model_kind.h"
#include "gui/core/model_palette.h"

#include <QColor>
#include <QFont>

namespace conviz::gui {

inline QColor rgbColor(std::uint32_t rgb) { return QColor::fromRgb(static_cast<QRgb>(rgb)); }
inline QColor modelColor(ModelKind m) { return rgbColor(modelStyle(m).rgb); }
// The model colour mixed towards white: 0 = the colour, 1 = white.
QColor tint(QColor c, double towardsWhite);
// Text colours.
inline QColor inkColor() { return QColor(0x22, 0x22, 0x22); }
inline QColor mutedInk() { return QColor(0x6b, 0x6b, 0x6b); }
// A font `delta` points larger (or smaller) than the widget default.
QFont sizedFont(const QFont &base, double delta, bool bold = false);

} // namespace conviz::gui
