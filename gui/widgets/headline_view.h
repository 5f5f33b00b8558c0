// The run's headline numbers for one model: throughput, p50/p99 latency, peak memory, CPU — and,
// at the playback instant, requests in flight and live tasks and threads. In presentation mode the
// four numbers stand in one row if they fit at full size, else in two rows of two, sized for a projector (48 px
// numbers, 24 px captions at 1920×1080, scaled from the window height). The three models' headlines
// share their stats' widths and captions' forms, so that the columns read alike and line up.
#pragma once

#include <QFont>
#include <QSize>

#include <memory>
#include <utility>

#include "gui/widgets/model_view.h"

namespace conviz::gui {

struct HeadlineTexts; // headline_view.cpp

class HeadlineView : public ModelView {
    Q_OBJECT
public:
    HeadlineView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);
    ~HeadlineView() override;
    QSize sizeHint() const override { return {420, rows().height}; }
    // In presentation mode 65 % of its projector size: on a 1280×720 screen the three
    // rows and the chart must fit, and the numbers shrink to the height given (textLayout).
    QSize minimumSizeHint() const override { return {240, rows(projector().on ? projector().scale * 0.65 : 1).height}; }
    TextLayout textLayout() override;
    // Presentation mode: the width that holds the four numbers in one row at full size, with
    // their shortest captions, for the widest of the three models; 0 in normal mode.
    double oneRowWidth() const;
    // Tells the layout of a new size only if the size hints changed since it last heard of them:
    // each time it is told, the whole window is laid out again (a drag shows 50 previews a second).
    void updateGeometryIfResized();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The fonts and the rows' heights in px: a row of four stats (two rows of two in
    // presentation mode), then the live line.
    struct Rows {
        QFont big, small, live;
        int statRows = 1;
        double value = 0, caption = 0, liveTop = 0, live_ = 0;
        int height = 0;
    };
    // At the window's presentation scale, or at `scale` if given.
    Rows rows(double scale = 0) const;

    // updateGeometry() that records the hints the layout will read.
    void announceGeometry();

    // The three models' stats and their texts' widths, for the run shown (measured once a run).
    const HeadlineTexts &runTexts() const;
    mutable std::unique_ptr<HeadlineTexts> m_texts;

    Projector m_projector;               // as last laid out: a change of mode or window height changes the height
    std::pair<QSize, QSize> m_announced; // sizeHint() and minimumSizeHint() the layout was last told of
};

} // namespace conviz::gui
