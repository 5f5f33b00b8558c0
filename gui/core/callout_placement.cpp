#include "gui/core/callout_placement.h"

#include <algorithm>
#include <array>

namespace conviz::gui {
namespace {

enum class Side { Below, Right, Above, Left };

QRect band(const QRect &area, const QRect &avoid, Side side)
{
    switch (side) {
    case Side::Below: return QRect(QPoint(area.left(), avoid.bottom() + 1), area.bottomRight());
    case Side::Above: return QRect(area.topLeft(), QPoint(area.right(), avoid.top() - 1));
    case Side::Right: return QRect(QPoint(avoid.right() + 1, area.top()), area.bottomRight());
    case Side::Left: return QRect(area.topLeft(), QPoint(avoid.left() - 1, area.bottom()));
    }
    return {};
}

// `size` in `room` (already inset by the margin), next to `avoid` on `side` and centred on it
// along that side as far as the room allows.
QRect beside(const QRect &room, const QRect &avoid, Side side, QSize size)
{
    const auto clampTo = [](int wanted, int low, int high) { return std::max(low, std::min(wanted, high)); };
    QRect r(QPoint(0, 0), size);
    switch (side) {
    case Side::Below:
    case Side::Above:
        r.moveLeft(clampTo(avoid.center().x() - size.width() / 2, room.left(), room.right() + 1 - size.width()));
        r.moveTop(side == Side::Below ? room.top() : room.bottom() + 1 - size.height());
        break;
    case Side::Right:
    case Side::Left:
        r.moveTop(clampTo(avoid.center().y() - size.height() / 2, room.top(), room.bottom() + 1 - size.height()));
        r.moveLeft(side == Side::Right ? room.left() : room.right() + 1 - size.width());
        break;
    }
    return r;
}

} // namespace

QRect placeCallout(const CalloutRequest &request)
{
    const QRect area = request.area;
    const int m = request.margin;
    const auto heightAt = [&](int width) { return request.heightForWidth ? request.heightForWidth(width) : 0; };
    QRect avoid;
    for (const QRect &t : request.targets)
        avoid |= t;
    if (!avoid.isEmpty())
        avoid = avoid.adjusted(-m, -m, m, m) & area;
    if (avoid.isEmpty()) {
        const int width = std::min(request.preferredWidth, area.width() - 2 * m);
        QRect r(0, 0, width, heightAt(width));
        r.moveCenter(area.center());
        return r;
    }
    QRect largest;
    for (const Side side : {Side::Below, Side::Right, Side::Above, Side::Left}) {
        const QRect room = band(area, avoid, side).adjusted(m, m, -m, -m);
        if (room.width() <= 0 || room.height() <= 0)
            continue;
        const int width = std::min(request.preferredWidth, room.width());
        if (width >= request.minWidth && heightAt(width) <= room.height())
            return beside(room, avoid, side, QSize(width, heightAt(width)));
        if (qint64(room.width()) * room.height() > qint64(largest.width()) * largest.height())
            largest = room;
    }
    // Nowhere clear: the largest band, the callout at its least width there, kept inside the area.
    const QRect room = largest.isEmpty() ? area.adjusted(m, m, -m, -m) : largest;
    const int width = std::clamp(room.width(), std::min(request.minWidth, area.width()), request.preferredWidth);
    QRect r(room.topLeft(), QSize(width, std::min(heightAt(width), area.height())));
    r.moveLeft(std::clamp(r.left(), area.left(), area.right() + 1 - r.width()));
    r.moveTop(std::clamp(r.top(), area.top(), area.bottom() + 1 - r.height()));
    return r;
}

} // namespace conviz::gui
