// The narration log narrowed to one model and/or one kind of event (steals, preemptions,
// hand-offs, pool saturation, refusals, stack growth, loop lag, ...), over a NarrationModel. Rows
// keep the source's order (by time). Qt Core only; the owner's thread.
#pragma once

#include "engine/model_kind.h"
#include "engine/trace.h"

#include <QSortFilterProxyModel>

#include <array>
#include <optional>

namespace conviz::gui {

// The kinds of narration a user can pick, in the order the filter lists them.
inline constexpr std::array<NarrationKind, 13> kNarrationKinds{
    NarrationKind::Saturation, NarrationKind::QueueGrowth,   NarrationKind::Steal,         NarrationKind::Preempt,
    NarrationKind::Handoff,    NarrationKind::ThreadCreated, NarrationKind::PoolSaturated, NarrationKind::QueueOverflow,
    NarrationKind::Refused,    NarrationKind::StackGrowth,   NarrationKind::LoopLag,       NarrationKind::LoopDelay,
    NarrationKind::Info};

// What the kind filter calls a kind: "Work steals", "Pool saturation", "Loop lag", ...
QString narrationKindFilterText(NarrationKind kind);

class NarrationFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit NarrationFilter(QObject *parent = nullptr);

    // nullopt: every model / every kind.
    void setModelKind(std::optional<ModelKind> model);
    void setEventKind(std::optional<NarrationKind> kind);
    std::optional<ModelKind> modelKind() const { return m_model; }
    std::optional<NarrationKind> eventKind() const { return m_kind; }

    // The last shown row at or before `ns` (NarrationModel::TimeRole), or -1.
    int rowAtTime(qint64 ns) const;
    // For each of kNarrationKinds, the source rows of that kind (and of the chosen model, if any):
    // what choosing the kind would show. One pass over the source.
    std::array<int, kNarrationKinds.size()> kindCounts() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool accepts(int sourceRow, std::optional<NarrationKind> kind) const;

    std::optional<ModelKind> m_model;
    std::optional<NarrationKind> m_kind;
};

} // namespace conviz::gui
