#include "gui/core/model_palette.h"

namespace conviz::gui {

const ModelStyle &modelStyle(ModelKind model)
{
    // Okabe & Ito (2008): blue, orange, bluish green.
    static const ModelStyle fibers{0x0072B2,
                                   LineStyle::Solid,
                                   MarkerShape::Circle,
                                   QStringLiteral("Fibers (Go)"),
                                   QStringLiteral("Fibers"),
                                   QStringLiteral("G"),
                                   true,
                                   1.4};
    static const ModelStyle loop{0xE69F00,
                                 LineStyle::Dash,
                                 MarkerShape::Square,
                                 QStringLiteral("Event loop (Node.js)"),
                                 QStringLiteral("Event loop"),
                                 QStringLiteral("#")};
    static const ModelStyle threads{0x009E73,
                                    LineStyle::DashDot,
                                    MarkerShape::Triangle,
                                    QStringLiteral("OS threads"),
                                    QStringLiteral("Threads"),
                                    QStringLiteral("T")};
    switch (model) {
    case ModelKind::Fibers: return fibers;
    case ModelKind::EventLoop: return loop;
    case ModelKind::Threads: return threads;
    }
    return fibers;
}

int modelIndex(ModelKind model) { return static_cast<int>(model); }

} // namespace conviz::gui
