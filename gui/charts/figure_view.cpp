#include "gui/charts/figure_view.h"

#include "gui/charts/figure_renderer.h"

#include <QPainter>

namespace conviz::gui {

FigureView::FigureView(QWidget *parent) : QWidget(parent) { setAttribute(Qt::WA_OpaquePaintEvent); }

void FigureView::setData(const ChartData &data)
{
    m_data = data;
    m_cache = {};
    update();
}

void FigureView::setTextScale(double scale)
{
    if (scale == m_scale)
        return;
    m_scale = scale;
    m_cache = {};
    update();
}

void FigureView::paintEvent(QPaintEvent *)
{
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    if (m_cache.size() != pixels) {
        // Qt Charts lays the plot out afresh on every draw (~10 ms): draw once per size and data.
        m_cache = QPixmap(pixels);
        m_cache.setDevicePixelRatio(dpr);
        m_cache.fill(Qt::white);
        QPainter p(&m_cache);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        if (m_data.series.empty()) {
            p.setPen(QColor(0x77, 0x77, 0x77));
            p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_data.placeholder);
        } else {
            p.scale(m_scale, m_scale);
            paintChartFigure(p, QRectF(0, 0, width() / m_scale, height() / m_scale), m_data);
        }
    }
    QPainter p(this);
    p.drawPixmap(0, 0, m_cache);
}

} // namespace conviz::gui
