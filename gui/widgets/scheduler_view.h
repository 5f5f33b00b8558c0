// The scheduler at the playback instant: cores, Ps or event loops with their run queues, the
// waiting sets and pools, as rows of task chips (SchedulerPicture) — or, in presentation mode, as
// counts and bars a room can read. Laid out by layoutScheduler before painting. Hover a chip for
// its task; click it to follow its request in every column (click elsewhere: stop following).
#pragma once

#include "gui/widgets/model_view.h"
#include "gui/widgets/scheduler_layout.h"

namespace conviz::gui {

class SchedulerView : public ModelView {
    Q_OBJECT
public:
    SchedulerView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, 210}; }
    // Presentation mode: as small as a few summary lines, so the headline keeps its projector size.
    QSize minimumSizeHint() const override { return {projector().on ? 200 : 240, projector().on ? 60 : 90}; }
    TextLayout textLayout() override { return layout().text; }
    // The chips at the playback instant, where they are drawn (tests click them).
    std::vector<PlacedChip> chips() { return layout().chips; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    // Everything the view paints now, at its present size and mode.
    SchedulerLayout layout();
    void paintChip(QPainter &p, const PlacedChip &chip, double lineWidth);

    std::vector<SchedulerLayout::Hit> m_hits;
};

} // namespace conviz::gui
