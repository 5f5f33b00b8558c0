// Where a callout (a box of text that points at a part of the window) goes: inside the window,
// beside the part it explains, never over it. Plain geometry, tested on its own
// (tests/gui/window_tour_test.cpp).
#pragma once

#include <QRect>

#include <functional>
#include <vector>

namespace conviz::gui {

struct CalloutRequest {
    QRect area;                 // where the callout may go (the window)
    std::vector<QRect> targets; // what it must not cover (empty: it goes in the middle)
    int preferredWidth = 420;
    int minWidth = 240;
    int margin = 12;                        // kept free around the targets and inside the area
    std::function<int(int)> heightForWidth; // the callout's height at a width
};

// The callout's rectangle. It goes in the first of the bands below, right of, above and left of
// the targets' bounding box that holds it at a width between minWidth and preferredWidth, as
// close to the targets as the band allows; where none does, in the largest band, clamped into the
// area (and so over a target: the caller's layout is too tight).
QRect placeCallout(const CalloutRequest &request);

} // namespace conviz::gui
