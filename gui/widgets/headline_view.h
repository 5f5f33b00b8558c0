// The run's headline numbers for one model: throughput, p50/p99 latency, peak memory, CPU — and,
// at the playback instant, requests in flight and live tasks and threads.
#pragma once

#include <QFont>

#include <array>

#include "gui/widgets/model_view.h"

namespace conviz::gui {

class HeadlineView : public ModelView {
    Q_OBJECT
public:
    HeadlineView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {420, layout().height}; }
    QSize minimumSizeHint() const override { return {240, layout().height}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    // Rows in px, from the fonts (presentation mode enlarges them): the big value, its caption,
    // the live line, and the whole height.
    struct Rows {
        double value, caption, liveTop, live;
        int height;
    };
    Rows layout() const;

    // The columns' widths and fonts depend only on the numbers, the width and the font: measured
    // once per result, not on every frame of playback.
    struct Columns {
        QString key;
        std::array<double, 4> widths{};
        QFont big, small;
    };
    Columns m_columns;
};

} // namespace conviz::gui
