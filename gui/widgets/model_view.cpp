#include "gui/widgets/model_view.h"

#include "gui/core/playback_state.h"

namespace conviz::gui {

ModelView::ModelView(ColumnState &state, PlaybackState &playback, QWidget *parent)
    : QWidget(parent), m_state(state), m_playback(playback)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

quint32 ModelView::followedRequest() const { return m_playback.followedRequest(); }

TraceCursor *ModelView::cursorNow()
{
    m_paintedTime = m_playback.time();
    if (!m_state.cursor)
        return nullptr;
    m_state.cursor->seek(Nanos{m_paintedTime});
    return m_state.cursor.get();
}

} // namespace conviz::gui
