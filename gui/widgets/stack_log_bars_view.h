// Stack memory at the playback instant as one bar on a logarithmic byte axis (stack_log_bars.h):
// the reserved bytes as an outline, the committed bytes as a solid bar inside it, both labelled.
// The axis is common to the three columns (it spans the largest column's peak), so the bars of a
// 2 KiB goroutine and of 78 GiB of thread stacks can be read side by side. The alternative to the
// tiles, for when area cannot carry a contrast of a million to one.
#pragma once

#include "gui/core/stack_log_bars.h"
#include "gui/widgets/model_view.h"

namespace conviz::gui {

class StackLogBarsView : public ModelView {
    Q_OBJECT
public:
    StackLogBarsView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, 170}; }
    QSize minimumSizeHint() const override;

    // What the view paints now, view coordinates: the axis, the bar's box and the two bars, and
    // every text with the rectangle it is drawn in.
    struct Text {
        QString text;
        QRectF rect;
        bool bold = false;
    };
    struct Layout {
        LogByteAxis axis;
        StackTotals totals;
        QRectF bar; // where the reserved bar may reach: the axis' extent
        LogBars bars;
        std::vector<Text> texts;
        std::vector<double> tickX;
    };
    Layout layout();
    // The same texts for the layout checks every view passes, with the bars as marks.
    TextLayout textLayout() override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QFont textFont(bool bold = false) const;
};

} // namespace conviz::gui
