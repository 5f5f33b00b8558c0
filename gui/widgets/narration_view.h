// The narration log: notable events of all three models (steals, pool saturation, preemptions,
// refusals, hand-offs) by time, narrowed to one model and/or one kind of event by two combo boxes
// over a NarrationFilter. Lines after the playback instant are greyed; clicking a line moves the
// clock to it.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace conviz::gui {

class NarrationFilter;
class NarrationModel;
class PlaybackState;

class NarrationView : public QWidget {
    Q_OBJECT
public:
    NarrationView(NarrationModel &model, PlaybackState &playback, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    NarrationFilter *filter() const { return m_filter; }
    QComboBox *modelChoice() const { return m_modelChoice; }
    QComboBox *kindChoice() const { return m_kindChoice; }

private:
    QWidget *buildFilterBar();
    void syncFilterBar();
    void follow(qint64 ns);

    NarrationModel &m_model;
    NarrationFilter *m_filter;
    QComboBox *m_modelChoice = nullptr;
    QComboBox *m_kindChoice = nullptr;
    QLabel *m_shown = nullptr;
    PlaybackState &m_playback;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    int m_lastRow = -2;
};

} // namespace conviz::gui
