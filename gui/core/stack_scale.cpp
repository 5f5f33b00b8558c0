#include "gui/core/stack_scale.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr double kLensPad = 4;
// Below this the lens would hardly magnify: the true-scale picture is readable as it is.
constexpr double kMinLensFactor = 2;

double largestMark(std::span<const StackGroup> groups, double pxPerByte, const PackingStyle &style)
{
    double largest = 0;
    for (const StackGroup &g : groups) {
        if (g.count <= 0 || g.reserved <= 0)
            continue;
        const double tile = static_cast<double>(g.reserved) * pxPerByte;
        // Tiles under minSide are drawn as one block (packTiles): the block is the mark.
        const double mark = tile >= style.minSide * style.minSide ? tile : tile * static_cast<double>(g.count);
        largest = std::max(largest, mark);
    }
    return largest;
}

} // namespace

QRectF lensArea(QSizeF box)
{
    // The top-right part of the box: the true-scale stacks start at the top-left, so a column that
    // needs a lens leaves this part empty.
    const double w = std::min(box.width() * 0.55, std::max(box.width() - 40, 0.0));
    const double h = box.height() * 0.8;
    return {box.width() - w, 0, w, h};
}

bool isSpeck(std::span<const StackGroup> groups, double pxPerByte, const PackingStyle &style)
{
    const double mark = largestMark(groups, pxPerByte, style);
    return mark > 0 && mark < kSpeckArea;
}

StackScale sharedStackScale(std::span<const StackColumnInput> columns, const PackingStyle &style)
{
    StackScale out;
    // The scale is the smallest of the columns' own fitting scales: the largest column fills its
    // area and every other column is drawn at the same px² per byte, however small that makes it.
    for (const StackColumnInput &c : columns) {
        const double own = fitScale(c.groups, c.area.width(), c.area.height(), style);
        if (own > 0)
            out.pxPerByte = out.pxPerByte == 0 ? own : std::min(out.pxPerByte, own);
    }
    if (out.pxPerByte == 0)
        return out;
    // One factor for every lens, so that two magnified columns still compare with each other.
    double common = 0;
    for (std::size_t i = 0; i < columns.size() && i < out.lensed.size(); ++i) {
        const StackColumnInput &c = columns[i];
        if (!isSpeck(c.groups, out.pxPerByte, style))
            continue;
        const QRectF lens = lensArea(c.area);
        const double fit = fitScale(c.groups, lens.width() - 2 * kLensPad, lens.height() - 2 * kLensPad, style);
        const double factor = fit / out.pxPerByte;
        if (factor < kMinLensFactor)
            continue;
        out.lensed[i] = true;
        common = common == 0 ? factor : std::min(common, factor);
    }
    if (common > 0)
        out.lensFactor = niceFloor(common);
    return out;
}

StackPicture stackPicture(std::span<const StackGroup> groups, const QRectF &box, const StackScale &scale, bool lensed,
                          double captionHeight, const PackingStyle &style)
{
    StackPicture pic;
    pic.origin = box.topLeft();
    pic.trueScale = packTiles(groups, box.width(), box.height(), scale.pxPerByte, style);
    if (!lensed || scale.lensFactor <= 1 || pic.trueScale.blocks.empty())
        return pic;
    pic.lensed = true;
    pic.factor = scale.lensFactor;
    pic.lens = lensArea(box.size()).translated(box.topLeft());
    pic.lensOrigin = pic.lens.topLeft() + QPointF(kLensPad, kLensPad);
    pic.magnified = packTiles(groups, pic.lens.width() - 2 * kLensPad,
                              std::max(pic.lens.height() - 2 * kLensPad - captionHeight, 1.0),
                              scale.pxPerByte * scale.lensFactor, style);
    QRectF used;
    for (const TileBlock &b : pic.trueScale.blocks)
        used |= b.bounds;
    // A ring a few pixels round the specks, so the eye finds them; the leader runs from its right
    // edge to the lens's left edge.
    pic.marker = used.translated(pic.origin).adjusted(-3, -3, 3, 3);
    pic.leader = QLineF(pic.marker.right(), pic.marker.center().y(), pic.lens.left(),
                        std::clamp(pic.marker.center().y(), pic.lens.top() + 6, pic.lens.bottom() - 6));
    return pic;
}

} // namespace conviz::gui
