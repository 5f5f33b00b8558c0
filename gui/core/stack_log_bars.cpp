#include "gui/core/stack_log_bars.h"

#include "gui/core/format.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {

double LogByteAxis::x(double bytes, double left, double right) const
{
    if (bytes <= lo)
        return left;
    const double f = std::log2(std::min(bytes, hi) / lo) / std::log2(hi / lo);
    return left + f * (right - left);
}

std::vector<double> LogByteAxis::ticks() const
{
    const auto powersOf = [this](double step) {
        std::vector<double> t;
        for (double v = 1024; v <= hi * 1.0001; v *= step)
            if (v >= lo * 0.9999)
                t.push_back(v);
        return t;
    };
    std::vector<double> major = powersOf(1024);
    return major.size() >= 3 ? major : powersOf(32);
}

LogByteAxis commonLogAxis(std::span<const std::int64_t> largest)
{
    double top = 1024.0 * 1024;
    for (std::int64_t b : largest)
        top = std::max(top, static_cast<double>(b));
    return {1024, std::exp2(std::ceil(std::log2(top)))};
}

StackTotals stackTotals(std::span<const StackGroup> groups)
{
    StackTotals t;
    for (const StackGroup &g : groups) {
        t.reserved += g.reserved * g.count;
        t.committed += g.committed * g.count;
    }
    return t;
}

LogBars logBars(StackTotals now, const LogByteAxis &axis, const QRectF &bar)
{
    const auto span = [&](std::int64_t bytes, double inset) {
        const double right = axis.x(static_cast<double>(bytes), bar.left(), bar.right());
        return right <= bar.left()
                   ? QRectF()
                   : QRectF(bar.left(), bar.top() + inset, right - bar.left(), std::max(bar.height() - 2 * inset, 1.0));
    };
    // The committed bar sits inside the reserved outline, a sixth of its height in from the top and
    // the bottom, so the outline stays visible around it.
    return {span(now.reserved, 0), span(now.committed, bar.height() / 6)};
}

QString tickLabel(double bytes) { return formatBytes(bytes); } // powers of two: "1 KiB", "32 KiB"

} // namespace conviz::gui
