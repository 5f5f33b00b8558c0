// One model's column: its name in its colour, the headline numbers, the scheduler, the per-core
// timeline and the stack memory, all at the shared playback instant.
#pragma once

#include "gui/widgets/model_view.h"

#include <QFrame>

#include <vector>

class QLabel;

namespace conviz::gui {

class HeadlineView;
class RequestStrip;
class SchedulerView;
class StackLogBarsView;
class StackMemoryView;
class TimelineView;

class ModelColumn : public QFrame {
    Q_OBJECT
public:
    ModelColumn(ModelKind model, PlaybackState &playback, QWidget *parent = nullptr);
    ~ModelColumn() override;

    ModelKind model() const { return m_state.model; }
    void setSnapshot(std::shared_ptr<const RunSnapshot> snapshot);
    // The followed request's life in this model (none: not followed, or not in this trace) and the
    // time scale the three columns' strips share; shows or hides the strip.
    void setFollowed(std::optional<RequestLife> life, Nanos scale);
    // Marks the column as recomputing (dims it) until the next snapshot.
    void setStale(bool stale);
    // The run the column waits for was stopped (its views say so, not "Simulating…"), or not.
    void setStopped(bool stopped);

    // Every view of the column, for tests that check they agree on the time: headline, scheduler,
    // timeline and the stack-memory picture on screen (tiles or log bars).
    std::vector<ModelView *> views() const;
    StackMemoryView *memoryView() const { return m_memory; }
    SchedulerView *schedulerView() const { return m_scheduler; }
    TimelineView *timelineView() const { return m_timeline; }
    // The followed request's life in this model, under the headline; hidden while none is followed.
    RequestStrip *requestStrip() const { return m_strip; }

    // Stack memory as one bar on a log byte axis (true) or as tiles at the shared scale (false).
    void setStackLogBars(bool on);

    // The column as a row (presentation mode: one row per model, read across a room): the title
    // over the headline on the left, then the scheduler, the timeline and the stack memory side
    // by side. False: the usual column, top to bottom.
    void setRowArrangement(bool row);
    // As a row, the height that shows the headline numbers at their full projector size.
    int rowHeightForNumbers() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    // The title and section labels keep their size relative to the column's font (presentation mode).
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();
    void sizeLabels();
    void arrange();
    void shareRow(); // as a row: the headline's width and the pictures' shares

    ColumnState m_state;
    PlaybackState &m_playback;
    HeadlineView *m_headline;
    SchedulerView *m_scheduler;
    TimelineView *m_timeline;
    StackMemoryView *m_memory;
    StackLogBarsView *m_logBars;
    RequestStrip *m_strip;
    QLabel *m_title;
    std::vector<QLabel *> m_sectionLabels; // scheduler, timeline, stack memory
    bool m_useLogBars = false;
    bool m_row = false;
    struct SizedLabel {
        QLabel *label;
        double delta; // points over the column's font (sizedFont)
    };
    std::vector<SizedLabel> m_labels;
    bool m_stale = false;
};

} // namespace conviz::gui
