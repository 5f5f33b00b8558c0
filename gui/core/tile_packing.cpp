#include "gui/core/tile_packing.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {

QRectF TileBlock::tile(std::int64_t i, double gap) const
{
    const std::int64_t cols = std::max(columns, 1);
    const double x = bounds.left() + static_cast<double>(i % cols) * (side + gap);
    const double y = bounds.top() + static_cast<double>(i / cols) * (side + gap);
    return {x, y, side, side};
}

TilePacking packTiles(std::span<const StackGroup> groups, double width, double height, double pxPerByte,
                      const PackingStyle &style)
{
    TilePacking out;
    double x = 0, y = 0, shelf = 0;
    for (const StackGroup &g : groups) {
        if (g.count <= 0 || g.reserved <= 0)
            continue;
        TileBlock b;
        b.group = g;
        b.side = std::sqrt(static_cast<double>(g.reserved) * pxPerByte);
        double w = 0, h = 0;
        if (b.side >= style.minSide) {
            b.fillSide = std::sqrt(static_cast<double>(std::min(g.committed, g.reserved)) * pxPerByte);
            b.columns = std::max(1, static_cast<int>(std::floor((width + style.gap) / (b.side + style.gap))));
            const std::int64_t cols = std::min<std::int64_t>(b.columns, g.count);
            b.columns = static_cast<int>(cols);
            const std::int64_t rows = (g.count + cols - 1) / cols;
            w = static_cast<double>(cols) * (b.side + style.gap) - style.gap;
            h = static_cast<double>(rows) * (b.side + style.gap) - style.gap;
        } else {
            b.solid = true;
            const double area = static_cast<double>(g.count) * static_cast<double>(g.reserved) * pxPerByte;
            // A near-square block, as wide as the view at most.
            w = std::clamp(std::sqrt(area) * 1.6, 1.0, std::max(width, 1.0));
            h = area / w;
        }
        if (x > 0 && x + w > width + 1e-9) {
            x = 0;
            y += shelf + style.blockGap;
            shelf = 0;
        }
        b.bounds = QRectF(x, y, w, h);
        if (b.solid) {
            const double committedArea =
                static_cast<double>(g.count) * static_cast<double>(std::min(g.committed, g.reserved)) * pxPerByte;
            b.committed = QRectF(x, y, w, committedArea / w);
        }
        out.blocks.push_back(b);
        x += w + style.blockGap;
        shelf = std::max(shelf, h);
    }
    out.height = out.blocks.empty() ? 0 : y + shelf;
    out.overflow =
        out.height > height + 1e-9 || std::any_of(out.blocks.begin(), out.blocks.end(),
                                                  [&](const TileBlock &b) { return b.bounds.width() > width + 1e-9; });
    return out;
}

double fitScale(std::span<const StackGroup> groups, double width, double height, const PackingStyle &style)
{
    double total = 0;
    for (const StackGroup &g : groups)
        total += static_cast<double>(std::max<std::int64_t>(g.count, 0)) *
                 static_cast<double>(std::max<std::int64_t>(g.reserved, 0));
    if (total <= 0 || width <= 0 || height <= 0)
        return 0;
    // Bisect on log(scale): the area bound is an upper limit, gaps only make it smaller.
    double hi = width * height / total;
    double lo = hi * 1e-6;
    if (!packTiles(groups, width, height, lo, style).overflow) {
        for (int i = 0; i < 40; ++i) {
            const double mid = std::sqrt(lo * hi);
            if (packTiles(groups, width, height, mid, style).overflow)
                hi = mid;
            else
                lo = mid;
        }
    }
    return lo;
}

double niceFloor(double x)
{
    if (!(x >= 1))
        return 1;
    const double decade = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * decade <= x * (1 + 1e-12))
            return m * decade;
    return decade;
}

} // namespace conviz::gui
