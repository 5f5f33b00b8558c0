// The text a view paints, laid out before it paints: each string with its font and the cell it
// must stay inside, plus the marks (tiles, chips) no other text may cover. Views compute a
// TextLayout from their size and data, paint from it, and hand it to tests, which check with
// QFontMetricsF that nothing is cut or overlaps. Text that does not fit takes a shorter form chosen
// here (fitForm), never an elided number.
#pragma once

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;
class QWidget;

namespace conviz::gui {

// What a text is, for the size rules presentation mode has (headline numbers and captions).
enum class TextRole : std::uint8_t { Value, Caption, Label };

struct TextItem {
    QString text;
    QFont font;
    QRectF cell; // the text must lie inside it
    int align = Qt::AlignLeft | Qt::AlignVCenter;
    QColor color;
    TextRole role = TextRole::Label;
    int onMark = -1;       // index of the mark this text labels from inside (a chip's name), or -1
    bool backdrop = false; // painted on a white plate
};

struct TextLayout {
    std::vector<TextItem> items;
    std::vector<QRectF> marks; // drawn shapes text must not cover (except its own, onMark)
    double lineWidth = 1;      // the thinnest line the view draws, px
};

// The box QFontMetricsF gives `item`'s text aligned in its cell.
QRectF textBox(const TextItem &item);
// Width of `text` in `font`, px.
double textWidth(const QFont &font, const QString &text);
// The index of the first form that fits `width` in `font`, or -1 if none does.
int fitForm(const QStringList &forms, const QFont &font, double width);
// `forms` (longest first) in `cell`: the first that fits in `font`; if none, the last in a font
// shrunk until it fits (not under `minPoints`, or 6 px for a pixel-sized font).
TextItem fittedLine(const QStringList &forms, QFont font, const QRectF &cell, int align, QColor color,
                    double minPoints = 6);
// Paints every item (and its plate, if any).
void paintTexts(QPainter &p, const TextLayout &layout);

// Presentation mode as the views see it: on or off, and the window height the projector sizes
// scale from (a 1920×1080 screen is scale 1).
struct Projector {
    bool on = false;
    double scale = 1; // window height / 1080
    // A font of `px` pixels at 1920×1080, scaled to the window (rounded up: never under the rule).
    QFont font(const QFont &base, double px, bool bold = false) const;
    double px(double atFullHd) const { return atFullHd * scale; }
};
// The window property that says presentation mode is on (WindowLayout sets it).
inline constexpr char kPresentationProperty[] = "conviz.presentation";
// Presentation mode of the window `w` is in: its kPresentationProperty, sized by its height.
Projector projectorFor(const QWidget *w);

} // namespace conviz::gui
