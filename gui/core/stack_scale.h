// One scale for the stack pictures of the three model columns, and the lens that shows a column
// whose stacks are specks at that scale. Whoever owns the three columns computes the scale once
// (sharedStackScale) and gives it to every column; each column draws with stackPicture. Pure
// geometry, table-tested.
#pragma once

#include "gui/core/tile_packing.h"

#include <QLineF>
#include <QRectF>
#include <QSizeF>

#include <array>
#include <span>

namespace conviz::gui {

// One column's say in the shared scale: its stacks at their largest (the run's peak) and the area
// it draws them in.
struct StackColumnInput {
    std::span<const StackGroup> groups;
    QSizeF area;
};

// What every column draws with.
struct StackScale {
    double pxPerByte = 0;         // the one scale, px² per byte (0: nothing to draw)
    double lensFactor = 1;        // the one magnification of every lens (1: no column needs one)
    std::array<bool, 3> lensed{}; // column i's stacks are specks at pxPerByte: it shows a lens
};

// The area of a column's lens inside `box`, relative to the box's top-left corner.
QRectF lensArea(QSizeF box);

// Whether `groups` drawn at `pxPerByte` are specks: their largest mark (one tile, or one block of
// tiles too small to draw) covers less than kSpeckArea px².
bool isSpeck(std::span<const StackGroup> groups, double pxPerByte, const PackingStyle &style = {});
inline constexpr double kSpeckArea = 64; // an 8 × 8 px square

// The largest scale at which every column's stacks fit its area (so the largest column fills its
// own), which columns need a lens at it, and one 1-2-5 lens factor at which each of them fits its
// lens. Up to three columns.
StackScale sharedStackScale(std::span<const StackColumnInput> columns, const PackingStyle &style = {});

// A column's picture at one instant: its stacks at the shared scale in `box`, and, if `lensed`, the
// same stacks magnified by `scale.lensFactor` in an inset linked to them by a leader line.
struct StackPicture {
    TilePacking trueScale; // relative to origin
    QPointF origin;        // box's top-left
    bool lensed = false;
    QRectF lens;           // the inset, view coordinates
    TilePacking magnified; // relative to lensOrigin
    QPointF lensOrigin;
    QRectF marker; // view coordinates: around the true-scale stacks
    QLineF leader; // from the marker to the lens
    double factor = 1;
};
StackPicture stackPicture(std::span<const StackGroup> groups, const QRectF &box, const StackScale &scale, bool lensed,
                          double captionHeight, const PackingStyle &style = {});

} // namespace conviz::gui
