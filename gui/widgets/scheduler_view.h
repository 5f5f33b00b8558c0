// The scheduler at the playback instant: cores, Ps or event loops with their run queues, the
// waiting sets and pools, as rows of task chips (SchedulerPicture). Hover a chip for its task.
#pragma once

#include "gui/core/scheduler_picture.h"
#include "gui/widgets/model_view.h"

#include <QRectF>

#include <vector>

namespace conviz::gui {

class SchedulerView : public ModelView {
    Q_OBJECT
public:
    SchedulerView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, 210}; }
    QSize minimumSizeHint() const override { return {240, 120}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    // `base`: the font the lane's text derives from (the widget's, shrunk when rows are short).
    void paintLane(QPainter &p, const Lane &lane, QRectF row, const QFont &base);
    void paintChip(QPainter &p, const Chip &chip, QRectF r, bool labelled);

    struct HitArea {
        QRectF rect;
        QString tip;
    };
    std::vector<HitArea> m_hits;
};

} // namespace conviz::gui
