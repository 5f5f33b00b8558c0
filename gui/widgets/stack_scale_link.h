// Ties the stack-memory views of the three model columns to one scale (sharedStackScale): whoever
// owns the three columns (the window, the side-by-side figure) makes one and the views ask it for
// the scale when they paint. GUI thread.
#pragma once

#include "gui/core/stack_scale.h"

#include <QSize>

#include <array>

namespace conviz::gui {

class StackMemoryView;
struct RunSnapshot;

class StackScaleLink {
public:
    // Links the three views (kAllModels order) and tells each of them; the link must outlive them
    // or be destroyed after they stop painting.
    explicit StackScaleLink(const std::array<StackMemoryView *, 3> &views);

    // The scale every view draws with now: recomputed when a view's run or drawing area changed.
    const StackScale &scale();
    // Whether `view`'s column shows a lens at the current scale.
    bool lensed(const StackMemoryView *view);

private:
    std::array<StackMemoryView *, 3> m_views;
    std::array<const RunSnapshot *, 3> m_keySnapshots{};
    std::array<QSize, 3> m_keySizes{};
    StackScale m_scale;
};

} // namespace conviz::gui
