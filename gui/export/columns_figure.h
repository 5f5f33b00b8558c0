// The three models at one instant, as a figure: the app's own views, built offscreen (never shown
// on a screen) and painted into any QPainter — a PNG, SVG or PDF, or the frames of a GIF. Either
// the whole columns (headline, scheduler, cores over time, stack memory) or only the schedulers,
// one above the other, which is what reads in a small animation. GUI thread.
#pragma once

#include "engine/core/sim_time.h"
#include "gui/core/figure.h"
#include "gui/core/run_snapshot.h"

#include <QByteArray>
#include <QRectF>
#include <QSizeF>

#include <memory>

class QPainter;

namespace conviz::gui {

class ColumnsFigure {
public:
    enum class Parts : std::uint8_t {
        Columns,    // side by side: every view of each model (the app's centre)
        Schedulers, // stacked: each model's scheduler under its name
    };
    // The canvas size each is designed for (figureCanvas scales it to the output).
    static QSizeF design(Parts parts);

    // Precondition: `snapshot` holds traces (buildRunSnapshot).
    explicit ColumnsFigure(std::shared_ptr<const RunSnapshot> snapshot, Parts parts = Parts::Columns);
    ~ColumnsFigure();
    ColumnsFigure(const ColumnsFigure &) = delete;
    ColumnsFigure &operator=(const ColumnsFigure &) = delete;

    // The instant shown (clamped to the run).
    void setTime(Nanos t);
    Nanos time() const;

    // Lays the views out on `canvas` and paints them (the background is the caller's).
    void paint(QPainter &painter, const QRectF &canvas);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The side-by-side figure of `snapshot` at `at`, as the bytes of spec.format.
QByteArray renderSideBySide(const std::shared_ptr<const RunSnapshot> &snapshot, Nanos at, const FigureSpec &spec);

} // namespace conviz::gui
