#include "gui/widgets/narration_view.h"

#include "gui/core/narration_model.h"
#include "gui/core/playback_state.h"
#include "gui/widgets/palette.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
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
    : QWidget(parent), m_model(model), m_playback(playback)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_table = new QTableView(this);
    m_table->setModel(&model);
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
    m_table->setToolTip(QStringLiteral("Click a line to move the clock to it"));
    layout->addWidget(m_table);
    m_empty = new QLabel(QStringLiteral("Nothing notable happened in this run: no steals, preemptions, hand-offs, "
                                        "saturated pools or refusals."),
                         this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(QStringLiteral("color: #777; padding: 16px;"));
    layout->addWidget(m_empty);
    auto syncEmpty = [this] {
        const bool empty = m_model.rowCount() == 0;
        m_empty->setVisible(empty);
        m_table->setVisible(!empty);
    };
    connect(&model, &QAbstractItemModel::modelReset, this, syncEmpty);
    syncEmpty();
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        m_playback.pause();
        m_playback.setTime(index.data(NarrationModel::TimeRole).toLongLong());
    });
    connect(&playback, &PlaybackState::timeChanged, this, &NarrationView::follow);
    connect(&model, &QAbstractItemModel::modelReset, this, [this] { m_lastRow = -2; });
}

void NarrationView::follow(qint64 ns)
{
    const int row = m_model.rowAtTime(ns);
    if (row == m_lastRow)
        return;
    m_lastRow = row;
    m_table->viewport()->update();
    if (row >= 0 && m_playback.isPlaying())
        m_table->scrollTo(m_model.index(row, 0), QAbstractItemView::PositionAtCenter);
}

} // namespace conviz::gui
