#include "gui/core/narration_filter.h"

#include "gui/core/narration_model.h"

namespace conviz::gui {

QString narrationKindFilterText(NarrationKind kind)
{
    switch (kind) {
    case NarrationKind::Steal: return QStringLiteral("Work steals");
    case NarrationKind::Preempt: return QStringLiteral("Preemptions");
    case NarrationKind::Handoff: return QStringLiteral("P hand-offs");
    case NarrationKind::ThreadCreated: return QStringLiteral("Thread count");
    case NarrationKind::PoolSaturated: return QStringLiteral("Pool saturation");
    case NarrationKind::QueueOverflow: return QStringLiteral("Queue overflows");
    case NarrationKind::Refused: return QStringLiteral("Refusals");
    case NarrationKind::StackGrowth: return QStringLiteral("Stack growth");
    case NarrationKind::LoopLag: return QStringLiteral("Long callbacks");
    case NarrationKind::LoopDelay: return QStringLiteral("Loop lag");
    case NarrationKind::Saturation: return QStringLiteral("Overload");
    case NarrationKind::QueueGrowth: return QStringLiteral("Backlog growth");
    case NarrationKind::Info: return QStringLiteral("Notes");
    }
    return {};
}

NarrationFilter::NarrationFilter(QObject *parent) : QSortFilterProxyModel(parent) {}

void NarrationFilter::setModelKind(std::optional<ModelKind> model)
{
    if (model == m_model)
        return;
    m_model = model;
    invalidateRowsFilter();
}

void NarrationFilter::setEventKind(std::optional<NarrationKind> kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateRowsFilter();
}

bool NarrationFilter::accepts(int sourceRow, std::optional<NarrationKind> kind) const
{
    const QAbstractItemModel *source = sourceModel();
    if (!source)
        return false;
    const QModelIndex i = source->index(sourceRow, 0);
    if (m_model && source->data(i, NarrationModel::ModelRole).toInt() != static_cast<int>(*m_model))
        return false;
    return !kind || source->data(i, NarrationModel::KindRole).toInt() == static_cast<int>(*kind);
}

bool NarrationFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && accepts(sourceRow, m_kind);
}

std::array<int, kNarrationKinds.size()> NarrationFilter::kindCounts() const
{
    std::array<int, kNarrationKinds.size()> counts{};
    const QAbstractItemModel *source = sourceModel();
    for (int r = 0, rows = source ? source->rowCount() : 0; r < rows; ++r) {
        if (!accepts(r, std::nullopt))
            continue;
        const int kind = source->data(source->index(r, 0), NarrationModel::KindRole).toInt();
        for (std::size_t k = 0; k < kNarrationKinds.size(); ++k)
            counts[k] += static_cast<int>(kNarrationKinds[k]) == kind ? 1 : 0;
    }
    return counts;
}

int NarrationFilter::rowAtTime(qint64 ns) const
{
    // Rows are in time order (the proxy does not sort): the last row at or before `ns`.
    int lo = 0, hi = rowCount();
    while (lo < hi) {
        const int mid = lo + (hi - lo) / 2;
        if (data(index(mid, 0), NarrationModel::TimeRole).toLongLong() <= ns)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

} // namespace conviz::gui
