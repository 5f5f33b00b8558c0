// A chart drawn the way figures are (figure_renderer.h), in a widget: for the charts the app shows
// as they are exported, such as the cost bars, which ChartWidget does not draw. Its text is the
// figure's, times textScale (presentation mode); the drawing is cached per size and data.
// GUI thread.
#pragma once

#include "gui/charts/chart_spec.h"

#include <QPixmap>
#include <QWidget>

namespace conviz::gui {

class FigureView : public QWidget {
    Q_OBJECT
public:
    explicit FigureView(QWidget *parent = nullptr);

    void setData(const ChartData &data);
    const ChartData &data() const { return m_data; }
    // Text and marks ×scale (1: the figure's own sizes).
    void setTextScale(double scale);
    double textScale() const { return m_scale; }

    QSize sizeHint() const override { return {360, 260}; }
    QSize minimumSizeHint() const override { return {200, 160}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    ChartData m_data;
    double m_scale = 1;
    QPixmap m_cache;
};

} // namespace conviz::gui
