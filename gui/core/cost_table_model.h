// The cost estimate of a run (engine/cost.h) as the Cost tab's table: the lines of `conviz-cli
// cost` — Lambda, the article's two bills, containers, density — with section headings, a label
// column and one column per model. Cells use the CLI's units and precision (bytes as "60.0 MiB",
// "128 MB", "94 ms", "5.015 ms") and the app's dollars ("$13,397", "$98.39", as on the cost
// figure); ValueRole gives the number behind each cell. Qt Core only; the owner's thread.
#pragma once

#include "engine/cost.h"

#include <QAbstractTableModel>

#include <vector>

namespace conviz::gui {

class CostTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { LabelColumn, FibersColumn, EventLoopColumn, ThreadsColumn, ColumnCount };
    // One row each, in this order.
    enum Line {
        LambdaHeading,
        LambdaNeeds,    // bytes
        LambdaSetting,  // bytes (shown in Lambda's MB, which are MiB)
        LambdaDuration, // ms
        LambdaMonthly,  // USD
        LowBill,        // USD: the Lambda bill when the event loop's is kReferenceBills[0]
        HighBill,       // USD: ... kReferenceBills[1]
        ContainersHeading,
        CpuPerRequest,     // ms
        MemoryAtRest,      // bytes
        MemoryPer100Rps,   // bytes
        Capacity,          // req/s per container; BindsRole says what limits it
        ContainerCount,    // containers
        ContainersMonthly, // USD
        DensityHeading,
        PerHost, // copies per host; BindsRole says what limits it
        LineCount
    };
    enum Role {
        LineRole = Qt::UserRole + 1, // int: Line
        HeadingRole,                 // bool: a section heading (its text is in the label column)
        ValueRole,                   // double in the unit above; invalid for labels, headings and "–"
        BindsRole,                   // QString "CPU" or "memory" (Capacity, PerHost)
        ModelRole,                   // int: ModelKind of a model column; invalid for the label column
    };

    explicit CostTableModel(QObject *parent = nullptr);

    // Shows `costs` (any order; one per model) of `scenario`; empty costs: an empty table.
    void setCosts(const Scenario &scenario, std::vector<CostEstimate> costs);
    const std::vector<CostEstimate> &costs() const { return m_costs; }
    // "Cost of 290 req/s, 0.76 billion requests a month"; empty without costs.
    QString summary() const;
    // Where the prices come from: their date, and that they are the scenario's [cost] keys.
    QString pricesNote() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static bool isHeading(Line line)
    {
        return line == LambdaHeading || line == ContainersHeading || line == DensityHeading;
    }

private:
    const CostEstimate *estimateFor(int column) const;
    QString labelText(Line line) const;
    QString cellText(Line line, const CostEstimate &e) const;
    QVariant cellValue(Line line, const CostEstimate &e) const;

    Scenario m_scenario;
    std::vector<CostEstimate> m_costs;
};

} // namespace conviz::gui
