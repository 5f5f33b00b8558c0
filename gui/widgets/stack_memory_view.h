// Stack memory at the playback instant: one square per live stack, its area proportional to the
// bytes — the outline is what the stack reserves (address space), the fill what it commits
// (resident pages). All three columns share one scale, so 2 KiB beside 8 MiB looks as small as it
// is; a column whose stacks would be specks shows them enlarged by a stated factor, with a true-
// scale thumbnail beside.
#pragma once

#include "gui/core/tile_packing.h"
#include "gui/widgets/model_view.h"

namespace conviz::gui {

class StackMemoryView : public ModelView {
    Q_OBJECT
public:
    StackMemoryView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, 170}; }
    QSize minimumSizeHint() const override { return {220, 100}; }

    // The magnification the view used in its last paint (1 = true scale), for tests.
    double magnification() const { return m_magnification; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintPacking(QPainter &p, const TilePacking &packing, QPointF origin, const PackingStyle &style);
    void paintLabels(QPainter &p, const TilePacking &packing, QPointF origin);

    double m_magnification = 1;
    double m_shared = 0;
    const RunSnapshot *m_scaleFor = nullptr;
    QSize m_scaleSize;
    bool m_labels = false;
};

} // namespace conviz::gui
