#include "gui/core/time_axis.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {

void TimeAxis::zoomAbout(double px, double factor)
{
    if (!(factor > 0) || width <= 0)
        return;
    const double anchor = toTime(px);
    span *= factor;
    clamp();
    start = anchor - px / width * span;
    clamp();
}

void TimeAxis::panBy(double dpx)
{
    if (width <= 0)
        return;
    start += dpx * nsPerPixel();
    clamp();
}

void TimeAxis::centreOn(double ns, double anchor)
{
    start = ns - anchor * span;
    clamp();
}

void TimeAxis::clamp()
{
    const double run = std::max(boundEnd - boundStart, minSpan);
    const double maxSpan = run * 1.1; // a little room around a whole run
    span = std::clamp(span, std::min(minSpan, maxSpan), maxSpan);
    // When the span exceeds the run, centre the run; otherwise keep the view inside it.
    if (span >= run) {
        start = boundStart - (span - run) / 2;
        return;
    }
    start = std::clamp(start, boundStart, boundEnd - span);
}

double tickStep(const TimeAxis &axis, double targetPx)
{
    const double raw = axis.nsPerPixel() * targetPx;
    if (!(raw > 0))
        return 1;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= raw)
            return m * decade;
    return 10 * decade;
}

} // namespace conviz::gui
