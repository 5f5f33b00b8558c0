#include "gui/widgets/palette.h"

namespace conviz::gui {

QColor tint(QColor c, double w)
{
    const auto mix = [w](int v) { return static_cast<int>(v + (255 - v) * w); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

QFont sizedFont(const QFont &base, double delta, bool bold)
{
    QFont f = base;
    f.setPointSizeF(std::max(6.0, base.pointSizeF() + delta));
    f.setBold(bold);
    return f;
}

} // namespace conviz::gui
