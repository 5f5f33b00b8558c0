// A sentence a view says instead of a picture (live mode: what a measured run cannot show), laid
// out as whole lines inside a box: wrapped at spaces, in a smaller font until it fits.
#pragma once

#include "gui/widgets/text_layout.h"

namespace conviz::gui {

// Adds `text` to `layout` as lines centred in `box`, each inside the box; the font shrinks (not
// under 7 pt) until every line fits, and lines that still find no room are left out.
void addNotice(TextLayout &layout, const QString &text, QFont font, const QRectF &box, const QColor &color);

} // namespace conviz::gui
