// How each model looks in every view: one Okabe–Ito colour, a dash pattern and a marker shape, so
// the three stay apart in colour, in greyscale and for colour-blind readers. Plain data (no QtGui),
// so that the charts and the widgets share it.
#pragma once

#include "engine/model_kind.h"
#include "gui/charts/chart_spec.h" // LineStyle, MarkerShape

#include <QString>

#include <cstdint>

namespace conviz::gui {

// Where two models' curves coincide, both must stay visible. Series are drawn in model order, so
// fibers go first: their line is the widest (extraWidth), a border around any line drawn over it;
// their marker is an open ring, larger than the others and drawn above them, around whatever
// marker sits at the same point. Values are untouched: every mark stays centred on its point.
struct ModelStyle {
    std::uint32_t rgb; // 0xRRGGBB
    LineStyle line;
    MarkerShape marker;
    QString title;             // "Fibers (Go)"
    QString shortTitle;        // "Fibers"
    QString taskPrefix;        // how a task is named: "G", "#", "T"
    bool hollowMarker = false; // an open ring, drawn last and larger
    double extraWidth = 0;     // px added to the model's chart lines
};

const ModelStyle &modelStyle(ModelKind model);

// Index of a model in kAllModels order (0..2).
int modelIndex(ModelKind model);

inline constexpr std::uint32_t kOverheadRgb = 0x5a5a5a; // switches, spawns, stack copies
inline constexpr std::uint32_t kWaitingRgb = 0xb8b8b8;  // parked / blocked tasks
inline constexpr std::uint32_t kAlertRgb = 0xD55E00;    // Okabe–Ito vermillion: refusals, saturation

} // namespace conviz::gui
