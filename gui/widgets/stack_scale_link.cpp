#include "gui/widgets/stack_scale_link.h"

#include "gui/widgets/stack_memory_view.h"

namespace conviz::gui {

StackScaleLink::StackScaleLink(const std::array<StackMemoryView *, 3> &views) : m_views(views)
{
    for (StackMemoryView *v : m_views)
        v->setScaleLink(this);
}

const StackScale &StackScaleLink::scale()
{
    bool changed = false;
    for (std::size_t i = 0; i < m_views.size(); ++i) {
        const RunSnapshot *snapshot = m_views[i]->columnState().snapshot.get();
        const QSize size = m_views[i]->tileBox().size().toSize();
        changed = changed || snapshot != m_keySnapshots[i] || size != m_keySizes[i];
        m_keySnapshots[i] = snapshot;
        m_keySizes[i] = size;
    }
    if (!changed)
        return m_scale;
    // Each column at its peak: one scale for the whole run, so a column that grows on screen grew
    // in bytes, and every instant fits.
    std::array<StackColumnInput, 3> inputs;
    for (std::size_t i = 0; i < m_views.size(); ++i) {
        const ModelRun *run = m_views[i]->columnState().run();
        inputs[i] = {run ? std::span<const StackGroup>(run->peakStacks) : std::span<const StackGroup>(),
                     m_views[i]->tileBox().size()};
    }
    m_scale = sharedStackScale(inputs);
    return m_scale;
}

bool StackScaleLink::lensed(const StackMemoryView *view)
{
    const StackScale &s = scale();
    for (std::size_t i = 0; i < m_views.size(); ++i)
        if (m_views[i] == view)
            return s.lensed[i];
    return false;
}

} // namespace conviz::gui
