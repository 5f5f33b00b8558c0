// The scheduler at the playback instant: cores, Ps or event loops with their run queues, the
// waiting sets and pools, as rows of task chips (SchedulerPicture) — or, in presentation mode, as
// counts and bars a room can read. Laid out by layoutScheduler before painting. Hover a chip for
// its task.
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

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    // Everything the view paints now, at its present size and mode.
    SchedulerLayout layout();
    void paintChip(QPainter &p, const PlacedChip &chip, double lineWidth);

    std::vector<SchedulerLayout::Hit> m_hits;
};

} // namespace conviz::gui
