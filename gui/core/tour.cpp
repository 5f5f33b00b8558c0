#include "gui/core/tour.h"

#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"
#include "gui/core/run_snapshot.h"

#include <QDir>
#include <QFileInfo>

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

namespace conviz::gui {
namespace {

using scenario::detail::didYouMean;
using scenario::detail::joinOr;

constexpr std::size_t kMaxSteps = 40;
constexpr std::size_t kMaxText = 2000;

constexpr std::array<std::string_view, 2> kTopKeys{"title", "step"};
constexpr std::array<std::string_view, 7> kStepKeys{"text", "focus", "at", "event", "model", "chart", "set"};
constexpr std::array<std::string_view, 3> kModels{"fibers", "event_loop", "threads"};
constexpr std::array<std::string_view, 4> kPanes{"charts", "narration", "parameters", "note"};
constexpr std::array<std::string_view, 4> kViews{"headline", "scheduler", "timeline", "memory"};
constexpr std::array<std::string_view, 3> kAnchors{"start", "busiest", "end"};
constexpr std::array<std::string_view, 3> kCharts{"over-time", "sweep", "cost"};
constexpr std::array<std::pair<std::string_view, NarrationKind>, 10> kEvents{{
    {"steal", NarrationKind::Steal},
    {"preempt", NarrationKind::Preempt},
    {"handoff", NarrationKind::Handoff},
    {"thread", NarrationKind::ThreadCreated},
    {"pool", NarrationKind::PoolSaturated},
    {"overflow", NarrationKind::QueueOverflow},
    {"refused", NarrationKind::Refused},
    {"stack", NarrationKind::StackGrowth},
    {"lag", NarrationKind::LoopLag},
    {"note", NarrationKind::Info},
}};

// A message bound to a place in the file; thrown inside the loader only.
struct Problem {
    toml::source_region where;
    std::string what;
};

template <std::size_t N> std::size_t indexOf(std::string_view word, const std::array<std::string_view, N> &words)
{
    return static_cast<std::size_t>(std::find(words.begin(), words.end(), word) - words.begin());
}

template <std::size_t N>
[[noreturn]] void notOneOf(const toml::node &node, std::string_view what, std::string_view word,
                           const std::array<std::string_view, N> &words)
{
    throw Problem{node.source(), std::string(what) + " \"" + std::string(word) + "\": expected " + joinOr(words) +
                                     didYouMean(word, words)};
}

std::string_view stringOf(const toml::node &node, std::string_view key)
{
    const auto *s = node.as_string();
    if (!s)
        throw Problem{node.source(), "`" + std::string(key) + "` must be a string"};
    return s->get();
}

TourFocus focusOf(const toml::node &node)
{
    const std::string_view text = stringOf(node, "focus");
    TourFocus f;
    if (const std::size_t p = indexOf(text, kPanes); p < kPanes.size()) {
        constexpr TourFocus::Pane panes[] = {TourFocus::Pane::Charts, TourFocus::Pane::Narration,
                                             TourFocus::Pane::Parameters, TourFocus::Pane::Note};
        f.pane = panes[p];
        return f;
    }
    const std::size_t dot = text.find('.');
    const std::string_view model = text.substr(0, dot);
    const std::size_t m = indexOf(model, kModels);
    if (m == kModels.size()) {
        constexpr std::array<std::string_view, 7> all{"fibers", "event_loop", "threads", "charts", "narration", "parameters", "note"};
        notOneOf(node, "focus", model, all);
    }
    f.model = kAllModels[m];
    if (dot != std::string_view::npos) {
        const std::string_view view = text.substr(dot + 1);
        const std::size_t v = indexOf(view, kViews);
        if (v == kViews.size())
            notOneOf(node, "view", view, kViews);
        constexpr TourFocus::View views[] = {TourFocus::View::Headline, TourFocus::View::Scheduler,
                                             TourFocus::View::Timeline, TourFocus::View::Memory};
        f.view = views[v];
    }
    return f;
}

double knobValue(const toml::node &node, std::string_view key)
{
    if (const auto *i = node.as_integer())
        return static_cast<double>(i->get());
    if (const auto *d = node.as_floating_point()) {
        if (!std::isfinite(d->get()) || d->get() < 0)
            throw Problem{node.source(), "`set." + std::string(key) + "` must be a finite number of at least 0"};
        return d->get();
    }
    if (const auto *s = node.as_string()) {
        if (const scenario::detail::Quantity q = scenario::detail::parseDuration(s->get()); q.value)
            return static_cast<double>(*q.value);
        if (const scenario::detail::Quantity q = scenario::detail::parseSize(s->get()); q.value)
            return static_cast<double>(*q.value);
        throw Problem{node.source(), "`set." + std::string(key) + "` = \"" + std::string(s->get()) +
                                         "\": expected a duration (\"2ms\") or a size (\"16KiB\")"};
    }
    throw Problem{node.source(), "`set." + std::string(key) + "` must be a number or a string with a unit"};
}

TourStep stepOf(const toml::node &node)
{
    const auto *t = node.as_table();
    if (!t)
        throw Problem{node.source(), "each [[step]] must be a table"};
    TourStep step;
    step.line = static_cast<int>(node.source().begin.line);
    for (const auto &[k, v] : *t)
        if (indexOf(k.str(), kStepKeys) == kStepKeys.size())
            throw Problem{k.source(), "unknown key `" + std::string(k.str()) + "` in a step: expected " +
                                          joinOr(kStepKeys) + didYouMean(k.str(), kStepKeys)};
    const toml::node *text = t->get("text");
    if (!text)
        throw Problem{node.source(), "a step needs a `text`"};
    const std::string_view body = stringOf(*text, "text");
    if (body.empty() || body.size() > kMaxText)
        throw Problem{text->source(), "`text` must have 1 to " + std::to_string(kMaxText) + " characters"};
    step.text = QString::fromUtf8(body.data(), static_cast<qsizetype>(body.size())).trimmed();
    if (const toml::node *f = t->get("focus"))
        step.focus = focusOf(*f);
    const toml::node *at = t->get("at");
    const toml::node *event = t->get("event");
    if (at && event)
        throw Problem{event->source(), "a step has `at` or `event`, not both"};
    if (at) {
        const std::string_view a = stringOf(*at, "at");
        if (const std::size_t i = indexOf(a, kAnchors); i < kAnchors.size()) {
            constexpr TourStep::Anchor anchors[] = {TourStep::Anchor::Start, TourStep::Anchor::Busiest, TourStep::Anchor::End};
            step.anchor = anchors[i];
        } else if (const scenario::detail::Quantity q = scenario::detail::parseDuration(a); q.value) {
            step.anchor = TourStep::Anchor::Time;
            step.time = Nanos{*q.value};
        } else {
            throw Problem{at->source(), "`at` = \"" + std::string(a) + "\": expected start, busiest, end or a duration (\"120ms\")"};
        }
    }
    if (event) {
        const std::string_view e = stringOf(*event, "event");
        const auto it = std::find_if(kEvents.begin(), kEvents.end(), [&](const auto &p) { return p.first == e; });
        if (it == kEvents.end()) {
            std::array<std::string_view, kEvents.size()> names{};
            std::transform(kEvents.begin(), kEvents.end(), names.begin(), [](const auto &p) { return p.first; });
            notOneOf(*event, "event", e, names);
        }
        step.anchor = TourStep::Anchor::Event;
        step.event = it->second;
    }
    if (const toml::node *m = t->get("model")) {
        if (!event)
            throw Problem{m->source(), "`model` goes with `event` (whose first line to go to)"};
        const std::string_view name = stringOf(*m, "model");
        const std::size_t i = indexOf(name, kModels);
        if (i == kModels.size())
            notOneOf(*m, "model", name, kModels);
        step.eventModel = kAllModels[i];
    }
    if (const toml::node *c = t->get("chart")) {
        const std::string_view name = stringOf(*c, "chart");
        const std::size_t i = indexOf(name, kCharts);
        if (i == kCharts.size())
            notOneOf(*c, "chart", name, kCharts);
        step.chartTab = static_cast<int>(i);
    }
    if (const toml::node *s = t->get("set")) {
        const auto *knobs = s->as_table();
        if (!knobs)
            throw Problem{s->source(), "`set` must be a table of knob = value, such as { \"load.rate\" = 1600 }"};
        for (const auto &[k, v] : *knobs) {
            if (v.is_table()) // a bare dotted key (load.rate = 1) makes a nested table
                throw Problem{k.source(), "quote a knob id with a dot: { \"" + std::string(k.str()) + ".…\" = value }"};
            step.set.emplace_back(QString::fromUtf8(k.str().data(), static_cast<qsizetype>(k.str().size())), knobValue(v, k.str()));
        }
    }
    return step;
}

Tour tourOf(const toml::table &root, const QString &path)
{
    for (const auto &[k, v] : root)
        if (indexOf(k.str(), kTopKeys) == kTopKeys.size())
            throw Problem{k.source(), "unknown key `" + std::string(k.str()) + "`: expected title or [[step]]" +
                                          didYouMean(k.str(), kTopKeys)};
    Tour tour;
    tour.path = path;
    const toml::node *title = root.get("title");
    if (!title)
        throw Problem{root.source(), "a tour needs a `title`"};
    const std::string_view t = stringOf(*title, "title");
    tour.title = QString::fromUtf8(t.data(), static_cast<qsizetype>(t.size()));
    const toml::node *steps = root.get("step");
    const auto *array = steps ? steps->as_array() : nullptr;
    if (!array || array->empty())
        throw Problem{steps ? steps->source() : root.source(), "a tour needs at least one [[step]]"};
    if (array->size() > kMaxSteps)
        throw Problem{steps->source(), "a tour has at most " + std::to_string(kMaxSteps) + " steps"};
    for (const toml::node &n : *array)
        tour.steps.push_back(stepOf(n));
    return tour;
}

QString located(const QString &path, const toml::source_position &at, const std::string &what)
{
    return QStringLiteral("%1:%2:%3: %4").arg(path).arg(at.line).arg(at.column).arg(QString::fromStdString(what));
}

} // namespace

TourLoad loadTour(const QString &path)
{
    TourLoad out;
    const std::string file = path.toStdString();
    try {
        const toml::table root = toml::parse_file(file);
        out.tour = tourOf(root, path);
    } catch (const toml::parse_error &e) {
        out.error = located(path, e.source().begin, std::string(e.description()));
        if (e.source().begin.line == 0)
            out.error = QStringLiteral("%1: %2").arg(path, QString::fromStdString(std::string(e.description())));
    } catch (const Problem &p) {
        out.error = located(path, p.where.begin, p.what);
    }
    return out;
}

QString tourPathFor(const QString &scenarioPath)
{
    if (scenarioPath.isEmpty())
        return {};
    const QFileInfo info(scenarioPath);
    const QString path = info.dir().filePath(QStringLiteral("tours/") + info.completeBaseName() + QStringLiteral(".toml"));
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
