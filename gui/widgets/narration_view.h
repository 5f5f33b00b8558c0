// The narration log: notable events of all three models (steals, pool saturation, preemptions,
// refusals, hand-offs) by time. Lines after the playback instant are greyed; clicking a line moves
// the clock to it.
#pragma once

#include <QWidget>

class QLabel;
class QTableView;
class QSortFilterProxyModel;

namespace conviz::gui {

class NarrationModel;
class PlaybackState;

class NarrationView : public QWidget {
    Q_OBJECT
public:
    NarrationView(NarrationModel &model, PlaybackState &playback, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }

private:
    void follow(qint64 ns);

    NarrationModel &m_model;
    PlaybackState &m_playback;
    QTableView *m_table;
    QLabel *m_empty;
    int m_lastRow = -2;
};

} // namespace conviz::gui
