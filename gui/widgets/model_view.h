// The base of the per-model views: the model it shows, the current snapshot and cursor (shared by
// the column's views), and the instant it last painted, so tests can check every view agrees.
#pragma once

#include "engine/model_kind.h"
#include "gui/core/request_life.h"
#include "gui/core/run_snapshot.h"
#include "gui/core/trace_index.h"
#include "gui/widgets/text_layout.h"

#include <QWidget>

#include <memory>

namespace conviz::gui {

class PlaybackState;

// What a column's views share: the run, this model's part of it, a cursor at the playback time.
struct ColumnState {
    ModelKind model = ModelKind::Fibers;
    std::shared_ptr<const RunSnapshot> snapshot;
    std::unique_ptr<TraceCursor> cursor; // null when the model has no trace
    std::optional<RequestLife> life;     // the followed request's life in this model, if it has one
    Nanos lifeScale{};                   // the longest of the followed request's lives in the three models
    bool stopped = false;                // the user stopped the run the views wait for (SimulationController::stopRun)
    const ModelRun *run() const { return snapshot ? &snapshot->run(model) : nullptr; }
};

// What a view says while its column has no run to show.
inline QString waitingText(const ColumnState &state)
{
    return state.stopped ? QStringLiteral("Stopped: not simulated") : QStringLiteral("Simulating…");
}

class ModelView : public QWidget {
    Q_OBJECT
public:
    ModelView(ColumnState &state, PlaybackState &playback, QWidget *parent = nullptr);

    // The playback instant of the last paint (-1 before the first).
    qint64 paintedTime() const { return m_paintedTime; }
    // The text the view paints at the playback instant and its present size, laid out (tests
    // check it: inside its cells, no overlaps, presentation sizes).
    virtual TextLayout textLayout() = 0;
    // Presentation mode and the window height it sizes from.
    Projector projector() const { return projectorFor(this); }
    // The request every column follows (PlaybackState::kNoFollow: none).
    quint32 followedRequest() const;

protected:
    // Seeks the shared cursor to the playback time and records it as painted. Call from paintEvent.
    TraceCursor *cursorNow();
    ColumnState &m_state;
    PlaybackState &m_playback;

private:
    qint64 m_paintedTime = -1;
};

} // namespace conviz::gui
