#include "gui/widgets/model_column.h"

#include "gui/core/playback_state.h"
#include "gui/widgets/headline_view.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/scheduler_view.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/timeline_view.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace conviz::gui {
namespace {

constexpr double kTitleDelta = 3;
constexpr double kSectionDelta = -1;

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
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
    title->setStyleSheet(
        QStringLiteral("color: %1; padding: 2px 6px 2px 8px;").arg(modelColor(model).darker(115).name()));
    layout->addWidget(title);
    m_headline = new HeadlineView(m_state, playback, this);
    m_scheduler = new SchedulerView(m_state, playback, this);
    m_timeline = new TimelineView(m_state, playback, this);
    m_memory = new StackMemoryView(m_state, playback, this);
    m_labels.push_back({title, kTitleDelta});
    layout->addWidget(m_headline);
    const std::pair<const char *, QWidget *> sections[] = {
        {"Scheduler", m_scheduler}, {"Cores over time", m_timeline}, {"Stack memory", m_memory}};
    const int stretch[] = {5, 3, 4};
    for (std::size_t i = 0; i < std::size(sections); ++i) {
        QLabel *label = sectionLabel(QString::fromUtf8(sections[i].first), this);
        m_labels.push_back({label, kSectionDelta});
        layout->addWidget(label);
        layout->addWidget(sections[i].second, stretch[i]);
    }
    sizeLabels();
    connect(&playback, &PlaybackState::timeChanged, this, &ModelColumn::refresh);
}

ModelColumn::~ModelColumn() = default;

void ModelColumn::sizeLabels()
{
    for (const SizedLabel &l : m_labels)
        l.label->setFont(sizedFont(font(), l.delta, true));
}

void ModelColumn::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        sizeLabels();
    QFrame::changeEvent(event);
}

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
