#include "gui/widgets/text_layout.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QWidget>

#include <cmath>

namespace conviz::gui {

QRectF textBox(const TextItem &item) { return QFontMetricsF(item.font).boundingRect(item.cell, item.align, item.text); }

double textWidth(const QFont &font, const QString &text) { return QFontMetricsF(font).horizontalAdvance(text); }

int fitForm(const QStringList &forms, const QFont &font, double width)
{
    const QFontMetricsF fm(font);
    for (int i = 0; i < forms.size(); ++i)
        if (fm.horizontalAdvance(forms[i]) <= width)
            return i;
    return -1;
}

TextItem fittedLine(const QStringList &forms, QFont font, const QRectF &cell, int align, QColor color, double minPoints)
{
    int form = fitForm(forms, font, cell.width());
    for (int i = 0; form < 0 && i < 40; ++i) {
        if (font.pixelSize() > 0) {
            if (font.pixelSize() <= 6)
                break;
            font.setPixelSize(font.pixelSize() - 1);
        } else {
            if (font.pointSizeF() - 0.5 < minPoints)
                break;
            font.setPointSizeF(font.pointSizeF() - 0.5);
        }
        form = fitForm(forms, font, cell.width());
    }
    return {form < 0 ? forms.back() : forms[form], font, cell, align, color};
}

void paintTexts(QPainter &p, const TextLayout &layout)
{
    p.save();
    for (const TextItem &t : layout.items) {
        p.setFont(t.font);
        if (t.backdrop) {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(255, 255, 255, 225));
            p.drawRoundedRect(textBox(t).adjusted(-2, 0, 2, 0), 2, 2);
        }
        p.setPen(t.color.isValid() ? t.color : QColor(0x22, 0x22, 0x22));
        p.drawText(t.cell, t.align, t.text);
    }
    p.restore();
}

QFont Projector::font(const QFont &base, double atFullHd, bool bold) const
{
    QFont f = base;
    f.setPixelSize(std::max(1, static_cast<int>(std::ceil(atFullHd * scale))));
    f.setBold(bold);
    return f;
}

Projector projectorFor(const QWidget *w)
{
    const QWidget *top = w->window();
    Projector pr;
    pr.on = top->property(kPresentationProperty).toBool(); // set by the window for presentation mode
    pr.scale = std::max(1, top->height()) / 1080.0;
    return pr;
}

} // namespace conviz::gui
