#include "gui/core/cost_table_model.h"

#include "gui/core/figure_charts.h"
#include "gui/core/format.h"
#include "gui/core/model_palette.h"
#include "report/report.h"

#include <cmath>

namespace conviz::gui {
namespace {

constexpr ModelKind kColumnModel[] = {ModelKind::Fibers, ModelKind::EventLoop, ModelKind::Threads};
constexpr double kUnbounded = 1e15; // estimateCosts says 1e18 where nothing limits

QString bytesText(double bytes) { return QString::fromStdString(report::humanBytes(std::llround(bytes))); }
QString billText(double usd) { return QStringLiteral("If Node's bill were %1").arg(formatDollars(usd)); }
// Labels to the left, numbers to the right (so that their digits line up).
int alignment(int column)
{
    return static_cast<int>(
        (Qt::AlignVCenter | (column == CostTableModel::LabelColumn ? Qt::AlignLeft : Qt::AlignRight)).toInt());
}

QString bindsText(bool memory) { return memory ? QStringLiteral("memory") : QStringLiteral("CPU"); }

QString tooltipOf(CostTableModel::Line line)
{
    switch (line) {
    case CostTableModel::LambdaHeading:
        return QStringLiteral("An instance serves one request at a time: the concurrency model plays no part, "
                              "memory and duration do");
    case CostTableModel::LambdaNeeds:
        return QStringLiteral("One process's baseline plus one request's share of the run's peak memory");
    case CostTableModel::LambdaSetting:
        return QStringLiteral("What is needed, rounded up to a whole MB and at least 128 MB (or cost.lambda_memory); "
                              "Lambda gives one vCPU per 1,769 MB");
    case CostTableModel::LambdaDuration:
        return QStringLiteral("The mean request's critical path, its CPU stretched by the vCPU share the memory "
                              "setting buys, rounded up to a whole ms");
    case CostTableModel::LambdaMonthly:
        return QStringLiteral("Requests × (GB-seconds × cost.lambda_gb_second + cost.lambda_per_million / 10⁶), "
                              "730 hours a month");
    case CostTableModel::LowBill:
    case CostTableModel::HighBill:
        return QStringLiteral("The article's bills: every model's Lambda bill scaled by the factor that makes the "
                              "event loop's equal to it");
    case CostTableModel::ContainersHeading:
        return QStringLiteral("Containers of cost.container_vcpu and cost.container_memory, CPU kept under "
                              "cost.target_utilization");
    case CostTableModel::CpuPerRequest: return QStringLiteral("Busy core time per request, every overhead included");
    case CostTableModel::MemoryAtRest:
        return QStringLiteral("Committed before the first request: runtime, processes, idle threads");
    case CostTableModel::MemoryPer100Rps:
        return QStringLiteral("What the peak added over the baseline, per 100 req/s of load");
    case CostTableModel::Capacity:
        return QStringLiteral("The req/s one container carries: as many as its CPU allows at the target "
                              "utilisation, or its memory, whichever is less");
    case CostTableModel::ContainerCount:
        return QStringLiteral("The priced traffic over one container's capacity, rounded up");
    case CostTableModel::ContainersMonthly:
        return QStringLiteral("Containers × (vCPU-hours × cost.vcpu_hour + GB-hours × cost.gb_hour)");
    case CostTableModel::DensityHeading:
    case CostTableModel::PerHost:
        return QStringLiteral("Copies of the simulated server (its cores, its load) that fit on one host, by CPU "
                              "at the target utilisation or by committed memory");
    case CostTableModel::LineCount: break;
    }
    return {};
}

} // namespace

CostTableModel::CostTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void CostTableModel::setCosts(const Scenario &scenario, std::vector<CostEstimate> costs)
{
    beginResetModel();
    m_scenario = scenario;
    m_costs = std::move(costs);
    endResetModel();
}

QString CostTableModel::summary() const
{
    if (m_costs.empty())
        return {};
    const double rate = m_costs.front().offeredRate;
    return QStringLiteral("Cost of %1 req/s, %2 billion requests a month")
        .arg(formatNumber(rate, 4), QString::number(rate * kHoursPerMonth * 3600 / 1e9, 'f', 2));
}

QString CostTableModel::pricesNote() const
{
    return QStringLiteral("AWS us-east-1 list prices read %1. They are the [cost] keys of the scenario file "
                          "(cost.lambda_gb_second, cost.vcpu_hour, cost.gb_hour, …): change them there.")
        .arg(QString::fromStdString(m_scenario.cost.pricesDate));
}

int CostTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_costs.empty() ? 0 : LineCount;
}

int CostTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

const CostEstimate *CostTableModel::estimateFor(int column) const
{
    if (column < FibersColumn || column > ThreadsColumn)
        return nullptr;
    const ModelKind model = kColumnModel[column - FibersColumn];
    for (const CostEstimate &e : m_costs)
        if (e.model == model)
            return &e;
    return nullptr;
}

QString CostTableModel::labelText(Line line) const
{
    const CostParams &c = m_scenario.cost;
    switch (line) {
    case LambdaHeading: return QStringLiteral("AWS Lambda: one request per instance");
    case LambdaNeeds: return QStringLiteral("Memory needed");
    case LambdaSetting: return QStringLiteral("Memory setting");
    case LambdaDuration: return QStringLiteral("Billed duration");
    case LambdaMonthly: return QStringLiteral("Per month");
    case LowBill: return billText(kReferenceBills[0]);
    case HighBill: return billText(kReferenceBills[1]);
    case ContainersHeading:
        return QStringLiteral("Containers: %1 vCPU, %2, CPU at most %3 %")
            .arg(QString::number(c.containerVcpu, 'g', 6), bytesText(static_cast<double>(c.containerMemory)),
                 QString::number(c.targetUtilization * 100, 'f', 0));
    case CpuPerRequest: return QStringLiteral("CPU per request");
    case MemoryAtRest: return QStringLiteral("Memory at rest");
    case MemoryPer100Rps: return QStringLiteral("Memory per 100 req/s");
    case Capacity: return QStringLiteral("Capacity per container");
    case ContainerCount: return QStringLiteral("Containers needed");
    case ContainersMonthly: return QStringLiteral("Per month");
    case DensityHeading:
        return QStringLiteral("Density: copies of this %1-core server on a %2-core, %3 host")
            .arg(m_scenario.machine.cores)
            .arg(c.hostCores)
            .arg(bytesText(static_cast<double>(c.hostMemory)));
    case PerHost: return QStringLiteral("Per host");
    case LineCount: break;
    }
    return {};
}

QVariant CostTableModel::cellValue(Line line, const CostEstimate &e) const
{
    switch (line) {
    case LambdaNeeds: return static_cast<double>(e.lambdaNeeds);
    case LambdaSetting: return static_cast<double>(e.lambdaMemory);
    case LambdaDuration: return e.lambdaDurationMs;
    case LambdaMonthly: return e.lambdaMonthly;
    case LowBill:
    case HighBill: {
        const auto v = scaledLambdaBill(m_costs, e, kReferenceBills[line == LowBill ? 0 : 1]);
        return v ? QVariant(*v) : QVariant();
    }
    case CpuPerRequest: return e.cpuMsPerRequest;
    case MemoryAtRest: return static_cast<double>(e.fixedMemory);
    case MemoryPer100Rps: return e.bytesPerRps * 100;
    case Capacity: return e.fits ? QVariant(e.capacityRps) : QVariant();
    case ContainerCount: return e.fits ? QVariant(static_cast<double>(e.containers)) : QVariant();
    case ContainersMonthly: return e.fits ? QVariant(e.containersMonthly) : QVariant();
    case PerHost: return e.perHost < kUnbounded ? QVariant(e.perHost) : QVariant();
    default: return {};
    }
}

QString CostTableModel::cellText(Line line, const CostEstimate &e) const
{
    const QVariant v = cellValue(line, e);
    if (line == Capacity && !e.fits)
        return QStringLiteral("does not fit");
    if (!v.isValid())
        return QStringLiteral("–");
    const double x = v.toDouble();
    switch (line) {
    case LambdaNeeds:
    case MemoryAtRest:
    case MemoryPer100Rps: return bytesText(x);
    case LambdaSetting: return QStringLiteral("%1 MB").arg(e.lambdaMemory / MiB);
    case LambdaDuration: return QStringLiteral("%1 ms").arg(QString::number(x, 'f', 0));
    case CpuPerRequest: return QStringLiteral("%1 ms").arg(QString::number(x, 'f', 3));
    case LambdaMonthly:
    case LowBill:
    case HighBill:
    case ContainersMonthly: return formatDollars(x);
    case Capacity: return QStringLiteral("%1 req/s (%2)").arg(formatCount(std::llround(x)), bindsText(e.memoryBound));
    case ContainerCount: return formatCount(e.containers);
    case PerHost: return QStringLiteral("%1 (%2)").arg(formatCount(std::llround(x)), bindsText(e.hostMemoryBound));
    default: return {};
    }
}

QVariant CostTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto line = static_cast<Line>(index.row());
    const CostEstimate *e = estimateFor(index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == LabelColumn)
            return labelText(line);
        return e && !isHeading(line) ? cellText(line, *e) : QString();
    case Qt::ToolTipRole: return tooltipOf(line);
    case Qt::TextAlignmentRole: return alignment(index.column());
    case LineRole: return static_cast<int>(line);
    case HeadingRole: return isHeading(line);
    case ValueRole: return e && !isHeading(line) ? cellValue(line, *e) : QVariant();
    case BindsRole:
        if (!e || (line != Capacity && line != PerHost))
            return {};
        return bindsText(line == Capacity ? e->memoryBound : e->hostMemoryBound);
    case ModelRole:
        return index.column() == LabelColumn ? QVariant()
                                             : QVariant(static_cast<int>(kColumnModel[index.column() - 1]));
    default: return {};
    }
}

QVariant CostTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return section == LabelColumn ? QString() : modelStyle(kColumnModel[section - FibersColumn]).title;
    if (role == Qt::TextAlignmentRole)
        return alignment(section);
    return {};
}

QHash<int, QByteArray> CostTableModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert(LineRole, "line");
    names.insert(HeadingRole, "heading");
    names.insert(ValueRole, "value");
    names.insert(BindsRole, "binds");
    names.insert(ModelRole, "model");
    return names;
}

} // namespace conviz::gui
