#include "gui/widgets/palette.h"

#include <algorithm>

namespace conviz::gui {
namespace {
bool g_projector = false; // GUI thread only, like every widget that reads it
} // namespace

void setProjectorPalette(bool on) { g_projector = on; }
bool projectorPalette() { return g_projector; }
double lineWidth(double width) { return g_projector ? std::max(width, kProjectorMinLine) : width; }

QColor inkColor() { return g_projector ? QColor(0x00, 0x00, 0x00) : QColor(0x22, 0x22, 0x22); }
QColor mutedInk() { return g_projector ? QColor(0x3a, 0x3a, 0x3a) : QColor(0x6b, 0x6b, 0x6b); }

QColor tint(QColor c, double towardsWhite)
{
    const double w = g_projector ? towardsWhite / 2 : towardsWhite;
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
