// One model's column: its name in its colour, the headline numbers, the scheduler, the per-core
// timeline and the stack memory, all at the shared playback instant.
#pragma once

#include "gui/widgets/model_view.h"

#include <QFrame>

#include <vector>

class QLabel;

namespace conviz::gui {

class HeadlineView;
class SchedulerView;
class StackMemoryView;
class TimelineView;

class ModelColumn : public QFrame {
    Q_OBJECT
public:
    ModelColumn(ModelKind model, PlaybackState &playback, QWidget *parent = nullptr);
    ~ModelColumn() override;

    ModelKind model() const { return m_state.model; }
    void setSnapshot(std::shared_ptr<const RunSnapshot> snapshot);
    // Marks the column as recomputing (dims it) until the next snapshot.
    void setStale(bool stale);

    // Every view of the column, for tests that check they agree on the time.
    std::vector<ModelView *> views() const;
    StackMemoryView *memoryView() const { return m_memory; }

protected:
    void paintEvent(QPaintEvent *event) override;
    // The title and section labels keep their size relative to the column's font (presentation mode).
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void sizeLabels();

    ColumnState m_state;
    PlaybackState &m_playback;
    HeadlineView *m_headline;
    SchedulerView *m_scheduler;
    TimelineView *m_timeline;
    StackMemoryView *m_memory;
    struct SizedLabel {
        QLabel *label;
        double delta; // points over the column's font (sizedFont)
    };
    std::vector<SizedLabel> m_labels;
    bool m_stale = false;
};

} // namespace conviz::gui
