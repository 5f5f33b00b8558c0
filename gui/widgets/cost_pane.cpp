#include "gui/widgets/cost_pane.h"

#include "gui/charts/figure_view.h"
#include "gui/core/cost_table_model.h"
#include "gui/core/figure_charts.h"
#include "gui/core/headline_note.h"
#include "gui/core/model_palette.h"
#include "gui/core/run_snapshot.h"
#include "gui/widgets/palette.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace conviz::gui {
namespace {

// Section headings on a grey band, the monthly bills in bold.
class CostDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *o, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(o, index);
        const auto line = static_cast<CostTableModel::Line>(index.data(CostTableModel::LineRole).toInt());
        if (index.data(CostTableModel::HeadingRole).toBool()) {
            o->font.setBold(true);
            o->backgroundBrush = QColor(0xee, 0xee, 0xee);
            o->palette.setColor(QPalette::Text, inkColor());
        } else if (line == CostTableModel::LambdaMonthly || line == CostTableModel::ContainersMonthly) {
            o->font.setBold(true);
        } else if (index.column() == CostTableModel::LabelColumn) {
            o->palette.setColor(QPalette::Text, QColor(0x44, 0x44, 0x44));
        }
    }
};

// The model columns' headers with a swatch of the model's colour.
class SwatchedHeaders : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DecorationRole && section != CostTableModel::LabelColumn) {
            const QVariant model = index(0, section).data(CostTableModel::ModelRole);
            if (model.isValid()) {
                QPixmap swatch(12, 12);
                swatch.fill(modelColor(static_cast<ModelKind>(model.toInt())));
                return swatch;
            }
        }
        return QIdentityProxyModel::headerData(section, orientation, role);
    }
};

} // namespace

CostPane::CostPane(QWidget *parent) : QWidget(parent), m_model(std::make_unique<CostTableModel>())
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 2);
    layout->setSpacing(2);
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_prices = new QLabel(this);
    m_prices->setTextFormat(Qt::PlainText);
    m_prices->setWordWrap(true);
    m_prices->setStyleSheet(QStringLiteral("color: #666;"));
    auto *top = new QHBoxLayout;
    top->setSpacing(12);
    top->addWidget(m_summary);
    top->addWidget(m_prices, 1);
    layout->addLayout(top);

    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    m_table = new QTableView(this);
    auto *headers = new SwatchedHeaders(m_table);
    headers->setSourceModel(m_model.get());
    m_table->setModel(headers);
    m_table->setItemDelegate(new CostDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    // The models' columns as wide as their headers and figures, never cut; the labels take the rest.
    m_table->horizontalHeader()->setSectionResizeMode(CostTableModel::LabelColumn, QHeaderView::Stretch);
    for (int c = CostTableModel::FibersColumn; c <= CostTableModel::ThreadsColumn; ++c)
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_chart = new FigureView(this);
    m_chart->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_chart, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        QAction *exportChart = menu.addAction(QStringLiteral("Export this chart…"));
        if (menu.exec(m_chart->mapToGlobal(pos)) == exportChart)
            Q_EMIT exportRequested();
    });
    row->addWidget(m_table, 4);
    row->addWidget(m_chart, 3); // wide enough at 1920 × 1080 for "$1,161" over each bar
    layout->addLayout(row, 1);

    connect(m_model.get(), &QAbstractItemModel::modelReset, this, &CostPane::fitRows);
    setSnapshot(nullptr);
}

CostPane::~CostPane() = default;

void CostPane::setSnapshot(const std::shared_ptr<const RunSnapshot> &snapshot)
{
    const bool priced = snapshot && !snapshot->costs.empty();
    // Without costs the table would be an empty grid: the note and the chart's placeholder say why.
    m_table->setVisible(priced);
    if (!priced) {
        m_model->setCosts(snapshot ? snapshot->scenario : Scenario{}, {});
        m_summary->setText(QStringLiteral("Cost"));
        // A result without costs: a model measured no request (engine/cost.h), and the pane says which.
        std::vector<const ModelMetrics *> metrics;
        if (snapshot)
            for (const ModelRun &m : snapshot->models)
                metrics.push_back(&m.metrics);
        const QString unmeasured = unmeasuredSentences(metrics);
        m_prices->setText(unmeasured.isEmpty()
                              ? QStringLiteral("The cost estimate appears with the first result.")
                              : QStringLiteral("No estimate: it is sized by the CPU and the throughput of measured "
                                               "requests. ") +
                                    unmeasured);
        ChartData waiting;
        // "No result yet" rather than "Simulating…": a run the user stopped is not simulating.
        waiting.placeholder = unmeasured.isEmpty() ? QStringLiteral("No result yet") : QStringLiteral("No estimate");
        m_chart->setData(waiting);
        return;
    }
    m_model->setCosts(snapshot->scenario, snapshot->costs);
    m_summary->setText(m_model->summary());
    m_prices->setText(m_model->pricesNote());
    // The cost figure's bars; the table beside it says what the title, subtitle, legend (its
    // header's swatches), axis title and source line would, and the bars have the pane's height.
    ChartData bars = costFigure(snapshot->scenario, snapshot->costs);
    bars.title.clear();
    bars.subtitle.clear();
    bars.source.clear();
    bars.legend = false;
    bars.yTitle.clear(); // the table's "Per month" rows, and the labels above the bars, say what the bars are
    m_chart->setData(bars);
}

void CostPane::setTextScale(double scale) { m_chart->setTextScale(scale); }

void CostPane::fitRows()
{
    m_table->resizeRowsToContents();
    m_table->clearSpans();
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->data(m_model->index(r, 0), CostTableModel::HeadingRole).toBool())
            m_table->setSpan(r, 0, 1, CostTableModel::ColumnCount);
}

void CostPane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        fitRows();
}

} // namespace conviz::gui
