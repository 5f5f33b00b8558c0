// The Cost tab: what a month of the run's traffic costs under each model, as `conviz-cli cost`
// prints it — Lambda, the article's two bills, containers, density — in a table, next to the cost
// figure's bars, with the traffic priced and where the prices come from. Follows every new result.
#pragma once

#include "gui/core/run_snapshot.h"

#include <QWidget>

#include <memory>

class QLabel;
class QTableView;

namespace conviz::gui {

class CostTableModel;
class FigureView;

class CostPane : public QWidget {
    Q_OBJECT
public:
    explicit CostPane(QWidget *parent = nullptr);
    ~CostPane() override;

    // Shows the snapshot's cost estimate (computed with the run, on the worker).
    void setSnapshot(const std::shared_ptr<const RunSnapshot> &snapshot);
    // The bars' text ×scale (presentation mode); the table follows the widget's font.
    void setTextScale(double scale);

    CostTableModel *model() const { return m_model.get(); }
    QTableView *table() const { return m_table; }
    FigureView *chart() const { return m_chart; }
    QLabel *summary() const { return m_summary; }
    QLabel *pricesNote() const { return m_prices; }

Q_SIGNALS:
    // The chart's context menu asked for the cost figure's export.
    void exportRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitRows();

    std::unique_ptr<CostTableModel> m_model;
    QLabel *m_summary;
    QLabel *m_prices;
    QTableView *m_table;
    FigureView *m_chart;
};

} // namespace conviz::gui
