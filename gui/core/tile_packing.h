// Lays out stack tiles so that area is proportional to bytes: each live stack is a square whose area
// is its reserved size (outline) holding a square whose area is its committed size (fill). Tiles of
// one size class form a block; a class whose tiles would be too small to see is drawn as one
// area-true block instead. Blocks are packed in shelves. Pure geometry, table-tested.
#pragma once

#include "gui/core/trace_index.h"

#include <QRectF>

#include <span>
#include <vector>

namespace conviz::gui {

struct TileBlock {
    StackGroup group;
    QRectF bounds;       // the whole block
    bool solid = false;  // one area-true rectangle instead of individual tiles
    double side = 0;     // tiles: side of the reserved square, px
    double fillSide = 0; // tiles: side of the committed square, px
    int columns = 0;     // tiles: per row
    QRectF committed;    // solid: the committed part (top of the block, full block width)

    // Tile i's reserved square (tiles only).
    QRectF tile(std::int64_t i, double gap) const;
};

struct TilePacking {
    std::vector<TileBlock> blocks;
    double height = 0; // used height
    bool overflow = false;
};

struct PackingStyle {
    double gap = 2;      // between tiles
    double blockGap = 6; // between blocks
    double minSide = 3;  // tiles smaller than this make a solid block
};

// Packs `groups` (in order) into `width` at `pxPerByte` square pixels per byte.
TilePacking packTiles(std::span<const StackGroup> groups, double width, double height, double pxPerByte,
                      const PackingStyle &style = {});

// The largest scale (px² per byte) at which `groups` fit in width × height; 0 if there is nothing.
double fitScale(std::span<const StackGroup> groups, double width, double height, const PackingStyle &style = {});

// The largest 1-2-5 × 10^k value not above `x` (x ≥ 1), for magnification factors.
double niceFloor(double x);

} // namespace conviz::gui
