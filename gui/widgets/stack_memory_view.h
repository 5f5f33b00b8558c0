// Stack memory at the playback instant: one square per live stack, its area proportional to the
// bytes — the outline is what the stack reserves (address space), the fill what it commits
// (resident pages). The three columns share one scale (StackScaleLink), so 2 KiB beside 8 MiB looks
// as small as it is; a column whose stacks are specks at that scale also shows them magnified in a
// lens, linked to them by a leader line and labelled with its factor.
#pragma once

#include "gui/core/request_stack.h"
#include "gui/core/stack_scale.h"
#include "gui/widgets/model_view.h"

namespace conviz::gui {

class StackScaleLink;

class StackMemoryView : public ModelView {
    Q_OBJECT
public:
    StackMemoryView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, 170}; }
    QSize minimumSizeHint() const override { return {projector().on ? 180 : 220, projector().on ? 70 : 72}; }

    // Draws at the link's shared scale from now on (StackScaleLink calls it); without a link the
    // view fits its own stacks.
    void setScaleLink(StackScaleLink *link) { m_link = link; }
    // The area the stacks are drawn in, view coordinates (between the legend and the totals).
    QRectF tileBox() const;
    const ColumnState &columnState() const { return m_state; }
    // What the view paints at the playback instant: the true-scale tiles and the lens, if any.
    StackPicture picture();
    TextLayout textLayout() override { return layout().text; }
    // Where the `position`-th tile of `group` is drawn now (view coordinates): at true scale, or in
    // the lens where its block is a solid speck at true scale; empty if no tile of it is drawn.
    QRectF tileRect(const StackGroup &group, std::int64_t position);

protected:
    void paintEvent(QPaintEvent *event) override;
    // A click on a tile follows the request whose stack it is; elsewhere, stops following.
    void mousePressEvent(QMouseEvent *event) override;

private:
    // The picture and every text at the present size: the legend, each block's "n × size" beside
    // it (never on its tiles; in the footer when there is no room), the lens's factor, the totals.
    struct Layout {
        StackPicture pic;
        TextLayout text;
        bool ready = false;
    };
    Layout layout();
    // The labels of `packing`'s blocks placed in the free room of `within`, avoiding `obstacles`;
    // those with no room are returned.
    QStringList placeLabels(TextLayout &text, const TilePacking &packing, QPointF origin, const QRectF &within,
                            std::vector<QRectF> obstacles);
    double lineHeight() const;
    // Whether `g` is one of the measured stacks drawn beside the simulated ones (live mode, Both).
    bool isMeasured(const StackGroup &g) const;
    // `mark`: the followed request's tile, framed; every other tile fades while a request is followed.
    void paintPacking(QPainter &p, const TilePacking &packing, QPointF origin, double lineWidth,
                      const std::optional<StackTile> &mark = std::nullopt);
    std::optional<StackTile> followedTile();
    // Frames `mark`'s tile in `packing` (at least a few pixels across, however small the tile).
    void paintMark(QPainter &p, const TilePacking &packing, QPointF origin, double lineWidth, const StackTile &mark);
    void paintLens(QPainter &p, const StackPicture &pic, double lineWidth, const std::optional<StackTile> &mark);

    StackScaleLink *m_link = nullptr;
    const RunSnapshot *m_ownScaleFor = nullptr; // without a link: the scale fitted to this column
    QSize m_ownScaleSize;
    StackScale m_ownScale;
};

} // namespace conviz::gui
