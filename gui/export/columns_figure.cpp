#include "gui/export/columns_figure.h"

#include "gui/charts/figure_file.h"
#include "gui/core/format.h"
#include "gui/core/playback_state.h"
#include "gui/core/scheduler_picture.h"
#include "gui/export/figure_headline.h"
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
#include <cmath>
#include <vector>

namespace conviz::gui {
namespace {

// The figure's base font, in points (96 dpi: 4/3 px each). The views' smallest text is 1.5 points
// under it (sizedFont(font, -1.5)): 9.4 pt, 12.5 px at the design size.
constexpr double kBasePoints = 10.875;
constexpr int kSideMargin = 14; // px left and right of the columns
constexpr int kGap = 8;         // px between two columns
// The least width of a design, as a share of its 16:9 width: three columns still hold their labels.
constexpr double kLeastWidthShare = 5.0 / 6;

QLabel *label(QWidget *parent, const QFont &font, QColor color)
{
    auto *l = new QLabel(parent);
    l->setFont(font);
    QPalette pal = l->palette();
    pal.setColor(QPalette::WindowText, color);
    l->setPalette(pal);
    return l;
}

// A model's column: a light panel with a bar of the model's colour across its top.
class ColumnPanel : public QWidget {
public:
    ColumnPanel(ModelKind model, QWidget *parent) : QWidget(parent), m_model(model) {}

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.fillRect(rect(), QColor(0xfb, 0xfb, 0xfb));
        p.fillRect(QRect(0, 0, width(), 5), modelColor(m_model));
        p.setPen(QColor(0xd8, 0xd8, 0xd8));
        p.drawRect(rect().adjusted(0, 0, -1, -1));
    }

private:
    ModelKind m_model;
};

// The most lanes the model's scheduler shows at any of a few instants of the run: its view is
// given that many rows at the height of their text, so it never shrinks the text to fit.
int mostLanes(const ColumnState &state)
{
    const ModelRun *run = state.run();
    if (!run || !run->index)
        return 1;
    TraceCursor probe(run->index);
    std::size_t most = 1;
    const Nanos end = state.snapshot->end;
    for (int i = 0; i <= 16; ++i) {
        probe.seek(Nanos{end.count() / 16 * i});
        most = std::max(most, schedulerPicture(probe, state.model, state.snapshot->scenario).lanes.size());
    }
    return static_cast<int>(most);
}

} // namespace

struct ColumnsFigure::Impl {
    std::shared_ptr<const RunSnapshot> snapshot;
    Parts parts = Parts::Columns;
    PlaybackState playback;
    std::array<ColumnState, 3> states;
    std::unique_ptr<QWidget> root;
    QLabel *subtitle = nullptr;
    std::unique_ptr<StackScaleLink> stackScale; // the three stack views' one scale
    std::array<StackMemoryView *, 3> memory{};
    std::vector<FigureHeadline *> headlines;

    void build();
    QWidget *column(ColumnState &state, const QFont &base, StackMemoryView *&memoryView);
    void updateText();
};

QSizeF ColumnsFigure::design(Parts parts, QSize output)
{
    const QSizeF wide = parts == Parts::Columns ? QSizeF(1200, 675) : QSizeF(960, 540);
    if (output.isEmpty())
        return wide;
    // Squarer than 16:9 (a square post): the columns narrow, down to their least width, so that the
    // figure's width does not shrink its text.
    const double width = wide.height() * output.width() / output.height();
    return {std::clamp(width, wide.width() * kLeastWidthShare, wide.width()), wide.height()};
}

ColumnsFigure::ColumnsFigure(std::shared_ptr<const RunSnapshot> snapshot, Parts parts)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->snapshot = std::move(snapshot);
    m_impl->parts = parts;
    m_impl->playback.setDuration(m_impl->snapshot->end.count());
    const PagePaletteScope page; // a figure is for a page, even when made while the window presents
    m_impl->build();
}

ColumnsFigure::~ColumnsFigure() = default;

QWidget *ColumnsFigure::Impl::column(ColumnState &state, const QFont &base, StackMemoryView *&memoryView)
{
    auto *panel = new ColumnPanel(state.model, root.get());
    panel->setFont(base);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(1, 7, 1, 1);
    layout->setSpacing(0);
    QLabel *name =
        label(panel, sizedFont(base, parts == Parts::Animation ? 1.5 : 3, true), modelColor(state.model).darker(115));
    name->setText(modelStyle(state.model).title);
    name->setContentsMargins(7, 0, 6, 0);
    layout->addWidget(name);
    auto *headline = new FigureHeadline(state, playback, parts == Parts::Animation, panel);
    // A column is at least a third of the design's least width, less the margins and gaps.
    const double least = design(parts).width() * kLeastWidthShare;
    const int narrowest = static_cast<int>(least - 2 * kSideMargin - 2 * kGap) / 3 - 2;
    headline->setFixedHeight(headline->heightForWidth(narrowest));
    headlines.push_back(headline);
    layout->addWidget(headline);
    const auto section = [&](const QString &text) {
        QLabel *l = label(panel, sizedFont(base, -1, true), mutedInk());
        l->setText(text);
        l->setContentsMargins(7, 4, 6, 1);
        layout->addWidget(l);
    };
    section(QStringLiteral("Scheduler"));
    auto *scheduler = new SchedulerView(state, playback, panel);
    // Rows as tall as a lane's title (SchedulerView shrinks its text when they are not), plus its margins.
    const double row = QFontMetricsF(sizedFont(base, -0.5, true)).height() + 1;
    scheduler->setMinimumHeight(static_cast<int>(std::ceil(mostLanes(state) * row + 8)));
    layout->addWidget(scheduler);
    section(QStringLiteral("Stack memory"));
    memoryView = new StackMemoryView(state, playback, panel);
    layout->addWidget(memoryView, 1);
    return panel;
}

void ColumnsFigure::Impl::build()
{
    root = std::make_unique<QWidget>();
    root->setAttribute(Qt::WA_DontShowOnScreen); // laid out and painted like a shown window, never on a screen
    QFont base = QApplication::font();
    base.setPointSizeF(kBasePoints);
    root->setFont(base);
    auto *layout = new QVBoxLayout(root.get());
    layout->setContentsMargins(kSideMargin, 8, kSideMargin, 6);
    layout->setSpacing(2);
    QLabel *title = label(root.get(), sizedFont(base, parts == Parts::Columns ? 5 : 2, true), inkColor());
    title->setText(QString::fromStdString(snapshot->scenario.name));
    subtitle = label(root.get(), sizedFont(base, 0.5), mutedInk());
    if (parts == Parts::Columns) {
        layout->addWidget(title);
        layout->addWidget(subtitle);
    } else { // a GIF's every pixel row counts: the name and the clock on one line
        auto *header = new QHBoxLayout;
        header->setSpacing(12);
        header->addWidget(title);
        header->addWidget(subtitle, 1, Qt::AlignBottom);
        layout->addLayout(header);
    }
    layout->addSpacing(4);

    auto *row = new QHBoxLayout;
    row->setSpacing(kGap);
    for (std::size_t i = 0; i < 3; ++i) {
        ColumnState &state = states[i];
        state.model = kAllModels[i];
        state.snapshot = snapshot;
        const ModelRun *run = state.run();
        state.cursor = run && run->index ? std::make_unique<TraceCursor>(run->index) : nullptr;
        row->addWidget(column(state, base, memory[i]), 1);
    }
    // The three headlines as tall as the tallest, so that the schedulers and stacks line up.
    int tallest = 0;
    for (const FigureHeadline *h : headlines)
        tallest = std::max(tallest, h->minimumHeight());
    for (FigureHeadline *h : headlines)
        h->setFixedHeight(tallest);
    stackScale = std::make_unique<StackScaleLink>(memory);
    layout->addLayout(row, 1);
    QLabel *source = label(root.get(), sizedFont(base, -1.5), mutedInk());
    source->setText(figureSourceLine(snapshot->scenario));
    layout->addSpacing(2);
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
    subtitle->setText(QStringLiteral("%1 requests · t = %2 ms of a %3 run")
                          .arg(requests, QString::number(static_cast<double>(playback.time()) / 1e6, 'f', 3), of));
}

void ColumnsFigure::setTime(Nanos t)
{
    const PagePaletteScope page;
    m_impl->playback.setTime(t.count());
    m_impl->updateText();
}

Nanos ColumnsFigure::time() const { return Nanos{m_impl->playback.time()}; }

StackScale ColumnsFigure::stackScale() const { return m_impl->stackScale->scale(); }

std::array<QSizeF, 3> ColumnsFigure::stackAreas() const
{
    std::array<QSizeF, 3> areas;
    for (std::size_t i = 0; i < 3; ++i)
        areas[i] = m_impl->memory[i]->tileBox().size();
    return areas;
}

void ColumnsFigure::paint(QPainter &p, const QRectF &canvas)
{
    const PagePaletteScope page;
    QWidget &root = *m_impl->root;
    const QSize size = canvas.size().toSize();
    if (root.size() != size)
        root.resize(size);
    QApplication::sendPostedEvents(&root, QEvent::LayoutRequest);
    root.layout()->activate();
    root.render(&p, canvas.topLeft().toPoint(), QRegion(), QWidget::DrawChildren);
}

DrawnFigure drawSideBySide(const std::shared_ptr<const RunSnapshot> &snapshot, Nanos at, const FigureSpec &spec)
{
    ColumnsFigure figure(snapshot, ColumnsFigure::Parts::Columns);
    figure.setTime(at);
    return drawOnCanvas(spec, figureCanvas(spec.size, ColumnsFigure::design(ColumnsFigure::Parts::Columns, spec.size)),
                        QString::fromStdString(snapshot->scenario.name),
                        [&figure](QPainter &p, const QRectF &canvas) { figure.paint(p, canvas); });
}

QByteArray renderSideBySide(const std::shared_ptr<const RunSnapshot> &snapshot, Nanos at, const FigureSpec &spec)
{
    return drawSideBySide(snapshot, at, spec).encode();
}

} // namespace conviz::gui
