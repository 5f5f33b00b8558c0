#include "gui/core/tour.h"

#include "gui/core/run_snapshot.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <map>

namespace conviz::gui {
namespace {

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

TourStep stepOf(const scenario::TourStep &s)
{
    TourStep step;
    step.text = fromUtf8(s.text);
    step.focus = s.focus;
    step.anchor = s.anchor;
    step.time = s.time;
    step.event = s.event;
    step.eventModel = s.eventModel;
    if (s.chart)
        step.chartTab = static_cast<int>(*s.chart); // TourChart is in ChartsPane::Tab order
    for (const auto &[key, value] : s.set)
        step.set.emplace_back(fromUtf8(key), value);
    step.checkpoint = s.checkpoint;
    step.line = s.line;
    return step;
}

} // namespace

TourLoad loadTour(const QString &path)
{
    const scenario::TourLoadResult r = scenario::loadTourFile(path.toStdString());
    TourLoad out;
    if (!r.ok()) {
        QStringList lines;
        for (const scenario::Diagnostic &d : r.errors)
            lines << QString::fromStdString(d.format());
        out.error = lines.isEmpty() ? QStringLiteral("cannot load %1").arg(path) : lines.join(QLatin1Char('\n'));
        return out;
    }
    Tour tour;
    tour.title = fromUtf8(r.tour->title);
    tour.path = path;
    for (const scenario::TourStep &s : r.tour->steps)
        tour.steps.push_back(stepOf(s));
    out.tour = std::move(tour);
    return out;
}

QString tourPathFor(const QString &scenarioPath)
{
    if (scenarioPath.isEmpty())
        return {};
    const QFileInfo info(scenarioPath);
    const QString path =
        info.dir().filePath(QStringLiteral("tours/") + info.completeBaseName() + QStringLiteral(".toml"));
    return QFileInfo::exists(path) ? path : QString();
}

std::optional<Nanos> tourInstant(const TourStep &step, const RunSnapshot &snapshot)
{
    switch (step.anchor) {
    case TourStep::Anchor::Stay: return std::nullopt;
    case TourStep::Anchor::Start: return Nanos{0};
    case TourStep::Anchor::Busiest: return snapshot.busiest;
    case TourStep::Anchor::End: return snapshot.end;
    case TourStep::Anchor::Time: return min(step.time, snapshot.end);
    case TourStep::Anchor::Event:
        for (const NarrationLine &n : snapshot.narration)
            if (n.kind == step.event && (!step.eventModel || n.model == *step.eventModel))
                return min(n.time, snapshot.end);
        return std::nullopt;
    }
    return std::nullopt;
}

std::vector<std::pair<QString, double>> tourKnobsAt(const Tour &tour, std::size_t index,
                                                    const std::vector<std::pair<QString, double>> &baseline)
{
    std::map<QString, double> values;
    std::vector<QString> order; // first mention in the tour
    for (const TourStep &s : tour.steps)
        for (const auto &[id, v] : s.set)
            if (std::find(order.begin(), order.end(), id) == order.end())
                order.push_back(id);
    for (const QString &id : order)
        for (const auto &[bid, v] : baseline)
            if (bid == id)
                values[id] = v;
    for (std::size_t i = 0; i <= index && i < tour.steps.size(); ++i)
        for (const auto &[id, v] : tour.steps[i].set)
            values[id] = v;
    std::vector<std::pair<QString, double>> out;
    for (const QString &id : order)
        if (const auto it = values.find(id); it != values.end())
            out.emplace_back(id, it->second);
    return out;
}

} // namespace conviz::gui
