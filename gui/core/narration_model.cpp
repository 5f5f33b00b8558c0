#include "gui/core/narration_model.h"

#include "gui/core/format.h"
#include "gui/core/model_palette.h"

#include <algorithm>

namespace conviz::gui {

NarrationModel::NarrationModel(QObject *parent) : QAbstractTableModel(parent) {}

void NarrationModel::setSnapshot(std::shared_ptr<const RunSnapshot> snapshot)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    endResetModel();
}

int NarrationModel::rowAtTime(qint64 ns) const
{
    if (!m_snapshot)
        return -1;
    const auto &lines = m_snapshot->narration;
    const auto it = std::upper_bound(lines.begin(), lines.end(), Nanos{ns},
                                     [](Nanos t, const NarrationLine &l) { return t < l.time; });
    return static_cast<int>(it - lines.begin()) - 1;
}

int NarrationModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_snapshot)
        return 0;
    return static_cast<int>(m_snapshot->narration.size());
}

int NarrationModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString NarrationModel::kindText(NarrationKind kind)
{
    switch (kind) {
    case NarrationKind::Steal: return QStringLiteral("work steal");
    case NarrationKind::Preempt: return QStringLiteral("preemption");
    case NarrationKind::Handoff: return QStringLiteral("P hand-off");
    case NarrationKind::ThreadCreated: return QStringLiteral("thread count");
    case NarrationKind::PoolSaturated: return QStringLiteral("pool full");
    case NarrationKind::QueueOverflow: return QStringLiteral("queue overflow");
    case NarrationKind::Refused: return QStringLiteral("refused");
    case NarrationKind::StackGrowth: return QStringLiteral("stack growth");
    case NarrationKind::LoopLag: return QStringLiteral("loop blocked");
    case NarrationKind::LoopDelay: return QStringLiteral("loop lag");
    case NarrationKind::Saturation: return QStringLiteral("overloaded");
    case NarrationKind::QueueGrowth: return QStringLiteral("backlog grows");
    case NarrationKind::Info: return QStringLiteral("note");
    }
    return {};
}

QVariant NarrationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_snapshot)
        return {};
    const NarrationLine &line = m_snapshot->narration[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return formatDuration(static_cast<double>(line.time.count()));
        case ModelColumn: return modelStyle(line.model).shortTitle;
        case EventColumn: return kindText(line.kind);
        case TextColumn: return line.text;
        default: return {};
        }
    case Qt::ToolTipRole: return line.text;
    case TimeRole: return QVariant::fromValue<qint64>(line.time.count());
    case ModelRole: return static_cast<int>(line.model);
    case KindRole: return static_cast<int>(line.kind);
    default: return {};
    }
}

QVariant NarrationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return QStringLiteral("Time");
    case ModelColumn: return QStringLiteral("Model");
    case EventColumn: return QStringLiteral("Event");
    case TextColumn: return QStringLiteral("What happened");
    default: return {};
    }
}

QHash<int, QByteArray> NarrationModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(TimeRole, "time");
    names.insert(ModelRole, "model");
    names.insert(KindRole, "kind");
    return names;
}

} // namespace conviz::gui
