// The mapping between simulated time and pixels of a timeline: zoom about a point, pan, clamping to
// the run. Plain value; the views keep one in PlaybackState so that all three timelines agree.
#pragma once

#include <cstdint>

namespace conviz::gui {

struct TimeAxis {
    double start = 0;      // ns at pixel 0
    double span = 1e6;     // ns across the width
    double width = 100;    // pixels
    double minSpan = 1e3;  // the deepest zoom: 1 µs across the view
    double boundStart = 0; // the run: [boundStart, boundEnd]
    double boundEnd = 1e9;

    double toPixel(double ns) const { return (ns - start) / span * width; }
    double toTime(double px) const { return start + px / width * span; }
    double end() const { return start + span; }
    double nsPerPixel() const { return span / width; }

    // Multiplies the span by `factor` (< 1 zooms in) keeping the time under `px` where it is.
    void zoomAbout(double px, double factor);
    // Moves the view by `dpx` pixels (positive: later times come into view).
    void panBy(double dpx);
    // Puts time `ns` at the fraction `anchor` of the width (0 = left edge).
    void centreOn(double ns, double anchor = 0.5);
    // Keeps the span within [minSpan, a little more than the run] and the view over the run.
    void clamp();
};

// "Nice" tick spacing (1, 2, 5 × 10^k ns) giving about `targetPx` pixels between ticks. Label a
// tick at t with formatInstant(t, step) (format.h): fully zoomed in, ticks 100 ns apart at 568 ms
// then read "568.000 1 ms", "568.000 2 ms", … instead of "568 ms" each.
double tickStep(const TimeAxis &axis, double targetPx);

} // namespace conviz::gui
