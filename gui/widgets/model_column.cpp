#include "gui/widgets/model_column.h"

#include "gui/core/playback_state.h"
#include "gui/widgets/headline_view.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/request_strip.h"
#include "gui/widgets/scheduler_view.h"
#include "gui/widgets/stack_log_bars_view.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/timeline_view.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <cmath>

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
    m_title = new QLabel(modelStyle(model).title, this);
    m_title->setStyleSheet(
        QStringLiteral("color: %1; padding: 2px 6px 2px 8px;").arg(modelColor(model).darker(115).name()));
    m_headline = new HeadlineView(m_state, playback, this);
    m_scheduler = new SchedulerView(m_state, playback, this);
    m_timeline = new TimelineView(m_state, playback, this);
    m_memory = new StackMemoryView(m_state, playback, this);
    m_logBars = new StackLogBarsView(m_state, playback, this);
    m_logBars->hide();
    m_strip = new RequestStrip(m_state, playback, this);
    m_strip->hide();
    m_labels.push_back({m_title, kTitleDelta});
    for (const char *section : {"Scheduler", "Cores over time", "Stack memory"}) {
        QLabel *label = sectionLabel(QString::fromUtf8(section), this);
        m_labels.push_back({label, kSectionDelta});
        m_sectionLabels.push_back(label);
    }
    arrange();
    sizeLabels();
    connect(&playback, &PlaybackState::timeChanged, this, &ModelColumn::refresh);
}

void ModelColumn::setFollowed(std::optional<RequestLife> life, Nanos scale)
{
    m_state.life = std::move(life);
    m_state.lifeScale = m_state.life ? std::max(scale, m_state.life->latency()) : scale;
    const bool show = m_playback.followedRequest() != PlaybackState::kNoFollow && m_state.snapshot;
    if (show != m_strip->isVisible()) {
        m_strip->setVisible(show);
        shareRow();
    }
    m_strip->updateGeometry();
    refresh();
}

void ModelColumn::arrange()
{
    delete layout(); // the widgets stay, children of the column
    QWidget *memory = m_useLogBars ? static_cast<QWidget *>(m_logBars) : m_memory;
    const std::array<QWidget *, 3> sections{m_scheduler, m_timeline, memory};
    if (!m_row) {
        auto *column = new QVBoxLayout(this);
        column->setContentsMargins(1, 6, 1, 1);
        column->setSpacing(0);
        column->addWidget(m_title);
        column->addWidget(m_headline);
        column->addWidget(m_strip);
        const int stretch[] = {5, 3, 4};
        for (std::size_t i = 0; i < sections.size(); ++i) {
            column->addWidget(m_sectionLabels[i]);
            column->addWidget(sections[i], stretch[i]);
        }
        return;
    }
    // A row: the numbers a room reads first on the left, the pictures to their right.
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(1, 6, 1, 1);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(0);
    grid->addWidget(m_title, 0, 0);
    auto *numbers = new QVBoxLayout; // the headline, and under it the followed request's strip
    numbers->setSpacing(4);
    numbers->addWidget(m_headline);
    numbers->addWidget(m_strip);
    numbers->addStretch(1);
    grid->addLayout(numbers, 1, 0);
    for (std::size_t i = 0; i < sections.size(); ++i) {
        const int c = static_cast<int>(i) + 1;
        grid->addWidget(m_sectionLabels[i], 0, c);
        grid->addWidget(sections[i], 1, c);
    }
    grid->setRowStretch(1, 1);
    shareRow();
}

void ModelColumn::shareRow()
{
    auto *grid = qobject_cast<QGridLayout *>(layout());
    if (!m_row || !grid)
        return;
    // The numbers take what they need in one row, as far as the pictures' least widths leave; the
    // pictures share the rest 4 : 3 : 3. The stretches are in pixels (a grid whose columns all
    // stretch sizes them in proportion), so the same snapshot gives the three rows one alignment.
    const std::array<const QWidget *, 3> sections{m_scheduler, m_timeline,
                                                  m_useLogBars ? static_cast<QWidget *>(m_logBars) : m_memory};
    const int spacing = grid->horizontalSpacing() * 3 + 2;
    int least = spacing;
    for (const QWidget *w : sections)
        least += w->minimumSizeHint().width();
    const int room = std::max(0, width() - least);
    const int numbers =
        std::clamp(static_cast<int>(std::ceil(m_headline->oneRowWidth() * 1.05)), 240, std::max(240, room));
    const int pictures = std::max(1, width() - spacing - numbers);
    grid->setColumnStretch(0, numbers);
    const int shares[] = {4, 3, 3};
    for (int c = 1; c <= 3; ++c)
        grid->setColumnStretch(c, std::max(1, pictures * shares[c - 1] / 10));
}

void ModelColumn::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    shareRow();
}

void ModelColumn::setStackLogBars(bool on)
{
    if (on == m_useLogBars)
        return;
    m_useLogBars = on;
    (on ? static_cast<QWidget *>(m_memory) : m_logBars)->hide();
    arrange();
    (on ? static_cast<QWidget *>(m_logBars) : m_memory)->show();
}

void ModelColumn::setRowArrangement(bool row)
{
    if (row == m_row)
        return;
    m_row = row;
    arrange();
}

int ModelColumn::rowHeightForNumbers() const
{
    const QMargins m = layout() ? layout()->contentsMargins() : QMargins();
    const int strip = m_strip->isVisible() ? m_strip->heightForWidth(m_headline->width()) + 4 : 0;
    return m.top() + m.bottom() + m_title->sizeHint().height() + m_headline->sizeHint().height() + strip;
}

ModelColumn::~ModelColumn() = default;

void ModelColumn::sizeLabels()
{
    for (const SizedLabel &l : m_labels)
        l.label->setFont(sizedFont(font(), l.delta, true));
}

void ModelColumn::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        sizeLabels();
        shareRow();
    }
    QFrame::changeEvent(event);
}

void ModelColumn::setSnapshot(std::shared_ptr<const RunSnapshot> snapshot)
{
    m_state.snapshot = std::move(snapshot);
    const ModelRun *run = m_state.run();
    m_state.cursor = run && run->index ? std::make_unique<TraceCursor>(run->index) : nullptr;
    m_stale = false;
    // A life indexes the old trace's spans; the window hands over the new one (setFollowed).
    m_state.life.reset();
    m_headline->updateGeometryIfResized(); // its height may follow its numbers' widths (presentation mode)
    shareRow();
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

void ModelColumn::setStopped(bool stopped)
{
    if (stopped == m_state.stopped)
        return;
    m_state.stopped = stopped;
    refresh();
}

std::vector<ModelView *> ModelColumn::views() const
{
    return {m_headline, m_scheduler, m_timeline, m_useLogBars ? static_cast<ModelView *>(m_logBars) : m_memory};
}

void ModelColumn::refresh()
{
    for (ModelView *v : views())
        v->update();
    if (m_strip->isVisible())
        m_strip->update();
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
