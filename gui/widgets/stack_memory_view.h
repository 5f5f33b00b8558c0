// Stack memory at the playback instant: one square per live stack, its area proportional to the
// bytes — the outline is what the stack reserves (address space), the fill what it commits
// (resident pages). The three columns share one scale (StackScaleLink), so 2 KiB beside 8 MiB looks
// as small as it is; a column whose stacks are specks at that scale also shows them magnified in a
// lens, linked to them by a leader line and labelled with its factor.
#pragma once

#include "gui/core/stack_scale.h"
#include "gui/widgets/model_view.h"

namespace conviz::gui {

class StackScaleLink;

class StackMemoryView : public ModelView {
    Q_OBJECT
public:
    StackMemoryView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, 170}; }
    QSize minimumSizeHint() const override { return {220, 100}; }

    // Draws at the link's shared scale from now on (StackScaleLink calls it); without a link the
    // view fits its own stacks.
    void setScaleLink(StackScaleLink *link) { m_link = link; }
    // The area the stacks are drawn in, view coordinates (between the legend and the totals).
    QRectF tileBox() const;
    const ColumnState &columnState() const { return m_state; }
    // What the view paints at the playback instant: the true-scale tiles and the lens, if any.
    StackPicture picture();

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double lineHeight() const;
    void paintPacking(QPainter &p, const TilePacking &packing, QPointF origin, const PackingStyle &style);
    void paintLabels(QPainter &p, const TilePacking &packing, QPointF origin, const QRectF &within);
    void paintLens(QPainter &p, const StackPicture &pic, const PackingStyle &style);

    StackScaleLink *m_link = nullptr;
    const RunSnapshot *m_ownScaleFor = nullptr; // without a link: the scale fitted to this column
    QSize m_ownScaleSize;
    StackScale m_ownScale;
};

} // namespace conviz::gui
