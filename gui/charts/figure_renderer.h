// Charts as blog figures, drawn without a window: a light background, the title and a subtitle
// that says how to read the chart, one legend entry per model (its colour, dash and marker), the
// plot with axis titles and units, and a small source line (scenario · seed · conviz version).
// Lines and bars; OpenGL is never used, so PNG, SVG and PDF all see every series.
// GUI thread (a QApplication must exist; it may be on the offscreen platform).
#pragma once

#include "gui/charts/chart_spec.h"
#include "gui/charts/figure_file.h"

#include <QByteArray>
#include <QRectF>
#include <QSizeF>

class QPainter;

namespace conviz::gui {

// The size chart figures are laid out at; figureCanvas() scales it to the requested size.
inline constexpr QSizeF kChartDesign{800, 450};

// Paints `chart` as a figure filling `canvas` (logical units; the background is the caller's).
void paintChartFigure(QPainter &painter, const QRectF &canvas, const ChartData &chart);

// The figure drawn for spec.format, and as its bytes (figure_file.h).
DrawnFigure drawChartFigure(const ChartData &chart, const FigureSpec &spec);
QByteArray renderChartFigure(const ChartData &chart, const FigureSpec &spec);

} // namespace conviz::gui
