#include "gui/widgets/model_column.h"

#include "gui/core/playback_state.h"
#include "gui/widgets/headline_view.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/scheduler_view.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/timeline_view.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace conviz::gui {
namespace {

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setFont(sizedFont(l->font(), -1, true));
    l->setStyleSheet(QStringLiteral("color: #555; padding: 4px 6px 1px 6px;"));
    return l;
}

} // namespace

ModelColumn::ModelColumn(ModelKind model, PlaybackState &playback, QWidget *parent)
    : QFrame(parent), m_playback(playback)
{
    m_state.model = model;
    setObjectName(QStringLiteral("ModelColumn"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(1, 6, 1, 1);
    layout->setSpacing(0);
    auto *title = new QLabel(modelStyle(model).title, this);
    title->setFont(sizedFont(title->font(), 3, true));
    title->setStyleSheet(QStringLiteral("color: %1; padding: 2px 6px 2px 8px;").arg(modelColor(model).darker(115).name()));
    layout->addWidget(title);
    m_headline = new HeadlineView(m_state, playback, this);
    m_scheduler = new SchedulerView(m_state, playback, this);
    m_timeline = new TimelineView(m_state, playback, this);
    m_memory = new StackMemoryView(m_state, playback, this);
    layout->addWidget(m_headline);
    layout->addWidget(sectionLabel(QStringLiteral("Scheduler"), this));
    layout->addWidget(m_scheduler, 5);
    layout->addWidget(sectionLabel(QStringLiteral("Cores over time"), this));
    layout->addWidget(m_timeline, 3);
    layout->addWidget(sectionLabel(QStringLiteral("Stack memory"), this));
    layout->addWidget(m_memory, 4);
    connect(&playback, &PlaybackState::timeChanged, this, &ModelColumn::refresh);
}

ModelColumn::~ModelColumn() = default;

void ModelColumn::setSnapshot(std::shared_ptr<const RunSnapshot> snapshot)
{
    m_state.snapshot = std::move(snapshot);
    const ModelRun *run = m_state.run();
    m_state.cursor = run && run->index ? std::make_unique<TraceCursor>(run->index) : nullptr;
    m_stale = false;
    refresh();
    update();
}

void ModelColumn::setStale(bool stale)
{
    if (stale == m_stale)
        return;
    m_stale = stale;
    update();
}

std::vector<ModelView *> ModelColumn::views() const { return {m_headline, m_scheduler, m_timeline, m_memory}; }

void ModelColumn::refresh()
{
    for (ModelView *v : views())
        v->update();
}

void ModelColumn::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0xfb, 0xfb, 0xfb));
    // A bar in the model's colour across the top: the column's identity at a glance.
    p.fillRect(QRect(0, 0, width(), 5), m_stale ? tint(modelColor(m_state.model), 0.6) : modelColor(m_state.model));
    p.setPen(QColor(0xd8, 0xd8, 0xd8));
    p.drawRect(rect().adjusted(0, 0, -1, -1));
}

} // namespace conviz::gui
