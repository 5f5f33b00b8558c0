#include "gui/widgets/narration_view.h"

#include "gui/core/format.h"
#include "gui/core/narration_filter.h"
#include "gui/core/narration_model.h"
#include "gui/core/playback_state.h"
#include "gui/widgets/palette.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace conviz::gui {
namespace {

// Draws the model column as a colour swatch with its name, and greys lines still in the future.
class NarrationDelegate : public QStyledItemDelegate {
public:
    NarrationDelegate(PlaybackState &playback, QObject *parent) : QStyledItemDelegate(parent), m_playback(playback) {}

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem o = option;
        initStyleOption(&o, index);
        const bool future = index.data(NarrationModel::TimeRole).toLongLong() > m_playback.time();
        if (future)
            o.palette.setColor(QPalette::Text, QColor(0xa0, 0xa0, 0xa0));
        if (index.column() == NarrationModel::ModelColumn) {
            const auto model = static_cast<ModelKind>(index.data(NarrationModel::ModelRole).toInt());
            const QString text = o.text;
            o.text.clear();
            const QWidget *w = o.widget;
            (w ? w->style() : QApplication::style())->drawControl(QStyle::CE_ItemViewItem, &o, p, w);
            const QRectF r = o.rect;
            QColor c = modelColor(model);
            if (future)
                c = tint(c, 0.55);
            p->save();
            p->setRenderHint(QPainter::Antialiasing);
            p->setBrush(c);
            p->setPen(Qt::NoPen);
            p->drawRoundedRect(QRectF(r.left() + 4, r.center().y() - 5, 10, 10), 2, 2);
            p->setPen(o.palette.color(QPalette::Text));
            p->drawText(r.adjusted(19, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
            p->restore();
            return;
        }
        QStyledItemDelegate::paint(p, o, index);
    }

private:
    PlaybackState &m_playback;
};

} // namespace

NarrationView::NarrationView(NarrationModel &model, PlaybackState &playback, QWidget *parent)
    : QWidget(parent), m_model(model), m_filter(new NarrationFilter(this)), m_playback(playback)
{
    m_filter->setSourceModel(&model);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(buildFilterBar());
    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setItemDelegate(new NarrationDelegate(playback, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(font()).height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setColumnWidth(NarrationModel::TimeColumn, 66);
    m_table->setColumnWidth(NarrationModel::ModelColumn, 92);
    m_table->setColumnWidth(NarrationModel::EventColumn, 96);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setToolTip(
        QStringLiteral("Click a line to move the clock to it; a line that names a request follows that request"));
    layout->addWidget(m_table);
    m_empty = new QLabel(QStringLiteral("Nothing notable happened in this run: no steals, preemptions, hand-offs, "
                                        "saturated pools, overloads, loop lag or refusals."),
                         this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: #777; padding: 16px;"));
    layout->addWidget(m_empty);
    connect(&model, &QAbstractItemModel::modelReset, this, &NarrationView::syncFilterBar);
    syncFilterBar();
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        m_playback.pause();
        m_playback.setTime(index.data(NarrationModel::TimeRole).toLongLong());
        // A line that names a request ("… request 17 waits") follows it in every column.
        static const QRegularExpression named(QStringLiteral("\\brequest (\\d+)\\b"));
        const QString text = index.siblingAtColumn(NarrationModel::TextColumn).data().toString();
        if (const QRegularExpressionMatch m = named.match(text); m.hasMatch())
            m_playback.setFollowedRequest(m.captured(1).toUInt());
    });
    connect(&playback, &PlaybackState::timeChanged, this, &NarrationView::follow);
}

QWidget *NarrationView::buildFilterBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(2, 2, 2, 0);
    row->setSpacing(4);
    m_modelChoice = new QComboBox(bar);
    m_modelChoice->setToolTip(QStringLiteral("Show the lines of one model"));
    m_modelChoice->addItem(QStringLiteral("All models"));
    for (ModelKind m : kAllModels) {
        QPixmap swatch(10, 10);
        swatch.fill(modelColor(m));
        m_modelChoice->addItem(QIcon(swatch), modelStyle(m).shortTitle, static_cast<int>(m));
    }
    m_kindChoice = new QComboBox(bar);
    m_kindChoice->setToolTip(QStringLiteral("Show one kind of event; the numbers count this run's lines"));
    m_kindChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_shown = new QLabel(bar);
    m_shown->setStyleSheet(QStringLiteral("color: #666;"));
    row->addWidget(m_modelChoice);
    row->addWidget(m_kindChoice);
    row->addWidget(m_shown, 1);
    connect(m_modelChoice, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant m = m_modelChoice->currentData();
        m_filter->setModelKind(m.isValid() ? std::optional(static_cast<ModelKind>(m.toInt())) : std::nullopt);
        syncFilterBar();
    });
    connect(m_kindChoice, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant k = m_kindChoice->currentData();
        m_filter->setEventKind(k.isValid() ? std::optional(static_cast<NarrationKind>(k.toInt())) : std::nullopt);
        syncFilterBar();
    });
    return bar;
}

void NarrationView::syncFilterBar()
{
    // The kind list with this run's counts (for the chosen model); the choice stays.
    const auto counts = m_filter->kindCounts();
    int all = 0;
    for (int n : counts)
        all += n;
    {
        const QSignalBlocker block(m_kindChoice);
        const QVariant chosen = m_kindChoice->currentData();
        m_kindChoice->clear();
        m_kindChoice->addItem(QStringLiteral("All events (%1)").arg(formatCount(all)));
        for (std::size_t k = 0; k < kNarrationKinds.size(); ++k)
            m_kindChoice->addItem(
                QStringLiteral("%1 (%2)").arg(narrationKindFilterText(kNarrationKinds[k]), formatCount(counts[k])),
                static_cast<int>(kNarrationKinds[k]));
        m_kindChoice->setCurrentIndex(chosen.isValid() ? std::max(0, m_kindChoice->findData(chosen)) : 0);
    }
    const int shown = m_filter->rowCount();
    const bool filtered = m_filter->modelKind() || m_filter->eventKind();
    m_shown->setText(filtered
                         ? QStringLiteral("%1 of %2 lines").arg(formatCount(shown), formatCount(m_model.rowCount()))
                         : QStringLiteral("%1 lines").arg(formatCount(shown)));
    m_empty->setText(m_model.rowCount() == 0
                         ? QStringLiteral("Nothing notable happened in this run: no steals, preemptions, hand-offs, "
                                          "saturated pools, overloads, loop lag or refusals.")
                         : QStringLiteral("No line of this run matches the filter."));
    m_empty->setVisible(shown == 0);
    m_table->setVisible(shown > 0);
    m_lastRow = -2;
    follow(m_playback.time());
}

void NarrationView::follow(qint64 ns)
{
    const int row = m_filter->rowAtTime(ns);
    if (row == m_lastRow)
        return;
    m_lastRow = row;
    m_table->viewport()->update();
    if (row >= 0 && m_playback.isPlaying())
        m_table->scrollTo(m_filter->index(row, 0), QAbstractItemView::PositionAtCenter);
}

} // namespace conviz::gui
