// The narration log of a run as a table: time, model, kind of event, text. One row per line of
// RunSnapshot::narration, all models merged by time.
#pragma once

#include "gui/core/run_snapshot.h"

#include <QAbstractTableModel>

#include <memory>

namespace conviz::gui {

class NarrationModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, ModelColumn, EventColumn, TextColumn, ColumnCount };
    enum Role {
        TimeRole = Qt::UserRole + 1, // qint64 ns
        ModelRole,                   // int: ModelKind
        KindRole,                    // int: NarrationKind
    };

    explicit NarrationModel(QObject *parent = nullptr);

    void setSnapshot(std::shared_ptr<const RunSnapshot> snapshot);
    // The last row at or before `ns`, or -1.
    int rowAtTime(qint64 ns) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "steal", "preemption", "hand-off", ... as shown to users.
    static QString kindText(NarrationKind kind);

private:
    std::shared_ptr<const RunSnapshot> m_snapshot;
};

} // namespace conviz::gui
