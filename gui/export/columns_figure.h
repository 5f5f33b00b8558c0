// The three models at one instant, as a figure: a column per model with its headline numbers, its
// scheduler and its stack memory (the three on one scale, stack_scale.h), built offscreen from the
// app's own views (never shown on a screen) and painted into any QPainter — a PNG, SVG or PDF, or
// the frames of a GIF. Every text is at least 12 px at the size a figure is designed for (1200×675
// for a figure, 960×540 for a GIF, and a square of either's width): its font follows the canvas,
// and the views get the room they need not to shrink their text. Drawn in the page palette, also
// while the window presents (palette.h). GUI thread.
#pragma once

#include "engine/core/sim_time.h"
#include "gui/charts/figure_file.h"
#include "gui/core/figure.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/stack_scale.h"

#include <QByteArray>
#include <QRectF>
#include <QSize>
#include <QSizeF>

#include <array>
#include <memory>

class QPainter;

namespace conviz::gui {

class ColumnsFigure {
public:
    enum class Parts : std::uint8_t {
        Columns,   // the side-by-side figure, designed at 1200×675
        Animation, // the GIF's frames: the same columns, designed at 960×540
    };
    // The canvas size each is designed for (figureCanvas scales it to the output): 16:9, or for an
    // `output` squarer than that, narrower (down to 5/6 of the width) so that its text stays as large.
    static QSizeF design(Parts parts, QSize output = {});

    // Precondition: `snapshot` holds traces (buildRunSnapshot).
    explicit ColumnsFigure(std::shared_ptr<const RunSnapshot> snapshot, Parts parts = Parts::Columns);
    ~ColumnsFigure();
    ColumnsFigure(const ColumnsFigure &) = delete;
    ColumnsFigure &operator=(const ColumnsFigure &) = delete;

    // The instant shown (clamped to the run).
    void setTime(Nanos t);
    Nanos time() const;

    // The scale the three stack views draw with (after a paint: it follows their areas), and the
    // views' areas for it, kAllModels order.
    StackScale stackScale() const;
    std::array<QSizeF, 3> stackAreas() const;

    // Lays the views out on `canvas` and paints them (the background is the caller's).
    void paint(QPainter &painter, const QRectF &canvas);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The side-by-side figure of `snapshot` at `at`, drawn for spec.format, and as its bytes.
DrawnFigure drawSideBySide(const std::shared_ptr<const RunSnapshot> &snapshot, Nanos at, const FigureSpec &spec);
QByteArray renderSideBySide(const std::shared_ptr<const RunSnapshot> &snapshot, Nanos at, const FigureSpec &spec);

} // namespace conviz::gui
