#include "gui/widgets/legend_strip.h"

#include "gui/widgets/palette.h"

#include <QPainter>

namespace conviz::gui {

LegendStrip::LegendStrip(QString lineKey, QWidget *parent) : QWidget(parent), m_lineKey(std::move(lineKey)) {}

void LegendStrip::setLineKey(const QString &lineKey)
{
    m_lineKey = lineKey;
    update();
}

void LegendStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetricsF fm(font());
    double x = 8;
    const double cy = height() / 2.0;
    for (ModelKind m : kAllModels) {
        const ModelStyle &st = modelStyle(m);
        const QColor c = modelColor(m);
        QPen pen(c, 2.2 + st.extraWidth);
        if (st.line == LineStyle::Dash)
            pen.setDashPattern({5, 2.5});
        else if (st.line == LineStyle::DashDot)
            pen.setDashPattern({6, 2.5, 1, 2.5});
        p.setPen(pen);
        p.drawLine(QPointF(x, cy), QPointF(x + 26, cy));
        p.setPen(QPen(Qt::white, 1.2));
        p.setBrush(c);
        const QRectF r(x + 8, cy - 5, 10, 10);
        if (st.hollowMarker) { // an open ring, as the charts draw it (model_palette.h)
            p.setPen(QPen(c, 1.8));
            p.setBrush(Qt::NoBrush);
            p.drawEllipse(r.adjusted(-1.2, -1.2, 1.2, 1.2));
        } else
            switch (st.marker) {
            case MarkerShape::Circle: p.drawEllipse(r); break;
            case MarkerShape::Square: p.drawRect(r); break;
            case MarkerShape::Triangle: {
                const QPointF pts[3] = {{r.center().x(), r.top()}, {r.right(), r.bottom()}, {r.left(), r.bottom()}};
                p.drawPolygon(pts, 3);
                break;
            }
            case MarkerShape::Star: // measured points only, never a model's own marker
            case MarkerShape::Diamond: break;
            }
        p.setPen(inkColor());
        p.drawText(QPointF(x + 32, cy + fm.ascent() / 2 - 1), st.title);
        x += 32 + fm.horizontalAdvance(st.title) + 22;
    }
    p.setPen(mutedInk());
    p.drawText(QPointF(x + 8, cy + fm.ascent() / 2 - 1), m_lineKey);
}

} // namespace conviz::gui
