// The second picture of stack memory, for when tiles cannot carry the contrast (one 2 KiB goroutine
// stack beside 78 GiB of thread stacks): one horizontal bar per model column on a logarithmic byte
// axis common to the three columns, reserved bytes as an outline and committed bytes as a solid
// bar, labelled in bytes. Pure geometry, tested alone; StackLogBarsView paints it.
#pragma once

#include "gui/core/trace_index.h" // StackGroup

#include <QRectF>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace conviz::gui {

// A logarithmic byte axis from `lo` to `hi` bytes (powers of two, lo < hi).
struct LogByteAxis {
    double lo = 1024;
    double hi = 1024.0 * 1024;
    // Where `bytes` falls on an axis drawn from `left` to `right`; below lo it is `left`.
    double x(double bytes, double left, double right) const;
    // The tick values: every power of 1024 (1 KiB, 1 MiB, 1 GiB, …) in [lo, hi], and when there
    // are fewer than three of those, every power of 32 too.
    std::vector<double> ticks() const;
};

// The axis the three columns share: from 1 KiB (the smallest stack any model commits is 2 KiB, a
// goroutine's first) to the smallest power of two at or above the largest of `largest` (each
// column's reserved bytes at their peak); at least 1 MiB.
LogByteAxis commonLogAxis(std::span<const std::int64_t> largest);

// Reserved and committed bytes of all the stacks in `groups`.
struct StackTotals {
    std::int64_t reserved = 0;
    std::int64_t committed = 0;
};
StackTotals stackTotals(std::span<const StackGroup> groups);

// One column's bars in `bar` (view coordinates): the reserved outline and the committed fill,
// both starting at the axis' left end; a bar under the axis' `lo` is empty.
struct LogBars {
    QRectF reserved;
    QRectF committed;
};
LogBars logBars(StackTotals now, const LogByteAxis &axis, const QRectF &bar);

// "1 KiB", "32 KiB", "1 MiB" …: a tick's label.
QString tickLabel(double bytes);

} // namespace conviz::gui
