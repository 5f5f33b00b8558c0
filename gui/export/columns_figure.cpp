#include "gui/export/columns_figure.h"

#include "gui/charts/figure_file.h"
#include "gui/core/format.h"
#include "gui/core/playback_state.h"
#include "gui/core/scheduler_picture.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/palette.h"
#include "gui/widgets/scheduler_view.h"
#include "gui/widgets/stack_memory_view.h"
#include "gui/widgets/stack_scale_link.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace conviz::gui {
namespace {

QLabel *label(QWidget *parent, const QFont &font, QColor color)
{
    auto *l = new QLabel(parent);
    l->setFont(font);
    QPalette pal = l->palette();
    pal.setColor(QPalette::WindowText, color);
    l->setPalette(pal);
    return l;
}

} // namespace

struct ColumnsFigure::Impl {
    std::shared_ptr<const RunSnapshot> snapshot;
    Parts parts = Parts::Columns;
    PlaybackState playback;
    std::array<ColumnState, 3> states; // Schedulers: what each scheduler view shows
    std::unique_ptr<QWidget> root;
    QLabel *subtitle = nullptr;
    std::unique_ptr<StackScaleLink> stackScale; // Columns: the three stack views' one scale

    void build();
    void updateText();
};

QSizeF ColumnsFigure::design(Parts parts)
{
    // Columns: the app's centre at the width it is designed for; schedulers: three stacked rows.
    return parts == Parts::Columns ? QSizeF(1360, 765) : QSizeF(800, 560);
}

ColumnsFigure::ColumnsFigure(std::shared_ptr<const RunSnapshot> snapshot, Parts parts)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->snapshot = std::move(snapshot);
    m_impl->parts = parts;
    m_impl->playback.setDuration(m_impl->snapshot->end.count());
    m_impl->build();
}

ColumnsFigure::~ColumnsFigure() = default;

void ColumnsFigure::Impl::build()
{
    root = std::make_unique<QWidget>();
    root->setAttribute(Qt::WA_DontShowOnScreen); // laid out and painted like a shown window, never on a screen
    QFont base = QApplication::font();
    base.setPointSizeF(9);
    root->setFont(base);
    auto *layout = new QVBoxLayout(root.get());
    layout->setContentsMargins(18, 12, 18, 8);
    layout->setSpacing(2);
    QLabel *title = label(root.get(), sizedFont(base, parts == Parts::Columns ? 6 : 4, true), inkColor());
    title->setText(QString::fromStdString(snapshot->scenario.name));
    subtitle = label(root.get(), sizedFont(base, 1.5), mutedInk());
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addSpacing(6);

    if (parts == Parts::Columns) {
        auto *row = new QHBoxLayout;
        row->setSpacing(8);
        std::array<StackMemoryView *, 3> memory{};
        for (std::size_t i = 0; i < 3; ++i) {
            auto *column = new ModelColumn(kAllModels[i], playback, root.get());
            column->setSnapshot(snapshot);
            memory[i] = column->memoryView();
            row->addWidget(column, 1);
        }
        stackScale = std::make_unique<StackScaleLink>(memory);
        layout->addLayout(row, 1);
    } else {
        for (std::size_t i = 0; i < 3; ++i) {
            ColumnState &state = states[i];
            state.model = kAllModels[i];
            state.snapshot = snapshot;
            const ModelRun *run = state.run();
            state.cursor = run && run->index ? std::make_unique<TraceCursor>(run->index) : nullptr;
            QLabel *name = label(root.get(), sizedFont(base, 1.5, true), modelColor(state.model).darker(115));
            name->setText(modelStyle(state.model).title);
            layout->addWidget(name);
            // Each scheduler as tall as its lanes need (Go's Ps take more rows than the loop).
            const int lanes = state.cursor ? [&] {
                TraceCursor probe(run->index);
                probe.seek(snapshot->busiest);
                return static_cast<int>(schedulerPicture(probe, state.model, snapshot->scenario).lanes.size());
            }() : 1;
            layout->addWidget(new SchedulerView(state, playback, root.get()), std::max(lanes, 1));
        }
    }
    QLabel *source = label(root.get(), sizedFont(base, -1), mutedInk());
    source->setText(figureSourceLine(snapshot->scenario));
    layout->addSpacing(4);
    layout->addWidget(source);
    updateText();
    root->show();
}

void ColumnsFigure::Impl::updateText()
{
    const QString of = formatDuration(static_cast<double>(playback.duration()));
    const QString requests = formatCount(snapshot->models[0].metrics.issued);
    if (parts == Parts::Columns) {
        subtitle->setText(
            QStringLiteral("The same %1 requests under three models, on one simulated clock · t = %2 of a %3 run")
                .arg(requests, formatDuration(static_cast<double>(playback.time())), of));
        return;
    }
    // Frames of an animation are a few µs or ms apart: a clock to the microsecond that ticks
    // visibly, in a fixed format so that it does not jump about.
    subtitle->setText(QStringLiteral("The schedulers at t = %1 ms of a %2 run · %3 requests")
                          .arg(QString::number(static_cast<double>(playback.time()) / 1e6, 'f', 3), of, requests));
}

void ColumnsFigure::setTime(Nanos t)
{
    m_impl->playback.setTime(t.count());
    m_impl->updateText();
}

Nanos ColumnsFigure::time() const { return Nanos{m_impl->playback.time()}; }

void ColumnsFigure::paint(QPainter &p, const QRectF &canvas)
{
    QWidget &root = *m_impl->root;
    const QSize size = canvas.size().toSize();
    if (root.size() != size)
        root.resize(size);
    QApplication::sendPostedEvents(&root, QEvent::LayoutRequest);
    root.layout()->activate();
    root.render(&p, canvas.topLeft().toPoint(), QRegion(), QWidget::DrawChildren);
}

QByteArray renderSideBySide(const std::shared_ptr<const RunSnapshot> &snapshot, Nanos at, const FigureSpec &spec)
{
    ColumnsFigure figure(snapshot, ColumnsFigure::Parts::Columns);
    figure.setTime(at);
    return encodeFigure(spec, figureCanvas(spec.size, ColumnsFigure::design(ColumnsFigure::Parts::Columns)),
                        QString::fromStdString(snapshot->scenario.name),
                        [&figure](QPainter &p, const QRectF &canvas) { figure.paint(p, canvas); });
}

} // namespace conviz::gui
