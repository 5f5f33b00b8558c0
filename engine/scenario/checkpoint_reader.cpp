#include "engine/scenario/checkpoint_reader.h"

#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace conviz::scenario::detail {
namespace {

constexpr std::size_t kMaxText = 2000;
constexpr std::array<std::string_view, 4> kGuessKeys{"metric", "unit", "min", "max"};
constexpr std::array<std::string_view, 4> kBareViews{"headline", "scheduler", "timeline", "memory"};
constexpr std::array<TourFocus::View, 4> kViewOf{TourFocus::View::Headline, TourFocus::View::Scheduler,
                                                 TourFocus::View::Timeline, TourFocus::View::Memory};
constexpr std::array<std::string_view, 3> kModelNames{"fibers", "event_loop", "threads"};

struct UnitScale {
    std::string_view name;
    double scale;
};
constexpr UnitScale kDurationUnits[] = {{"ns", 1}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}};
constexpr UnitScale kSizeUnits[] = {{"B", 1}, {"KiB", 1024.0}, {"MiB", 1024.0 * 1024}, {"GiB", 1024.0 * 1024 * 1024}};
constexpr UnitScale kRateUnits[] = {{"req/s", 1}};
constexpr UnitScale kFractionUnits[] = {{"%", 0.01}};

std::span<const UnitScale> unitsOf(MetricUnit unit)
{
    switch (unit) {
    case MetricUnit::Duration: return kDurationUnits;
    case MetricUnit::Size: return kSizeUnits;
    case MetricUnit::Rate: return kRateUnits;
    case MetricUnit::Fraction: return kFractionUnits;
    case MetricUnit::Count: break;
    }
    return {};
}

std::vector<std::string_view> metricNames()
{
    std::vector<std::string_view> names;
    for (const ExerciseMetricInfo &info : exerciseMetrics())
        names.push_back(info.name);
    return names;
}

class CheckpointReader {
public:
    CheckpointReader(ValueReader &reader, const FocusReader &focus)
        : m_reader(reader), m_diags(reader.diagnostics()), m_focus(focus)
    {
    }
    std::optional<Checkpoint> read(const toml::table &step);

private:
    std::optional<ModelKind> model(const toml::node &node, std::string_view name);
    const ExerciseMetricInfo *metric(const toml::node &node, std::string_view name, std::string_view text);
    void choices(const toml::table &step, Checkpoint &c);
    void guess(const toml::node &node, Checkpoint &c);
    void hide(const toml::node &node, Checkpoint &c);

    ValueReader &m_reader;
    Diagnostics &m_diags;
    const FocusReader &m_focus;
};

std::optional<Checkpoint> CheckpointReader::read(const toml::table &step)
{
    const toml::node *ask = step.get("ask");
    if (!ask) {
        // Checkpoint keys without the question: say which key makes a step a checkpoint.
        for (const std::string_view key : kCheckpointKeys)
            if (const toml::node *n = step.get(key))
                m_diags.error(n->source(), fmt::format("`{}` belongs to a checkpoint; add `ask`, the question the "
                                                       "room answers before the reveal",
                                                       key));
        return std::nullopt;
    }
    Checkpoint c;
    if (const std::optional<std::string> q = m_reader.text(*ask, "ask", kMaxText)) {
        c.question = trimmed(*q);
        if (c.question.empty())
            m_diags.error(ask->source(), "`ask`: is empty; a checkpoint asks a question");
    }
    if (const toml::node *why = step.get("why")) {
        if (const std::optional<std::string> w = m_reader.text(*why, "why", kMaxText)) {
            c.why = trimmed(*w);
            if (c.why.empty())
                m_diags.error(why->source(), "`why`: is empty; say why the answer is what it is");
        }
    } else {
        m_diags.error(step.source(), "a checkpoint needs a `why`: the explanation shown after the reveal");
    }
    const toml::node *choicesNode = step.get("choices");
    const toml::node *guessNode = step.get("guess");
    if (choicesNode && guessNode) {
        m_diags.error(guessNode->source(), "a checkpoint has `choices` or `guess`, not both");
    } else if (guessNode) {
        c.kind = Checkpoint::Kind::Guess;
        for (const std::string_view key : {"answer", "lowest", "highest"})
            if (const toml::node *n = step.get(key))
                m_diags.error(n->source(), fmt::format("`{}` goes with `choices`; a guess is checked against the "
                                                       "run, which gives the answer",
                                                       key));
        guess(*guessNode, c);
    } else if (choicesNode) {
        choices(step, c);
    } else {
        m_diags.error(ask->source(), "a checkpoint needs `choices` (with `answer` and `lowest` or `highest`) or a "
                                     "`guess`, such as guess = { metric = \"event_loop.latency_p99\", unit = \"ms\", "
                                     "min = 0, max = 200 }");
    }
    if (const toml::node *h = step.get("hide")) {
        hide(*h, c);
    } else { // the numbers that give the answer away
        for (const ModelKind m : kAllModels)
            c.hide.push_back(TourFocus{TourFocus::Pane::Column, m, TourFocus::View::Headline});
        c.hide.push_back(TourFocus{TourFocus::Pane::Charts, ModelKind::Fibers, TourFocus::View::Whole});
    }
    return c;
}

std::optional<ModelKind> CheckpointReader::model(const toml::node &node, std::string_view name)
{
    const std::optional<std::string> text = m_reader.text(node, name, 100);
    if (!text)
        return std::nullopt;
    if (const std::optional<ModelKind> m = modelFromKey(*text))
        return m;
    m_diags.error(node.source(), fmt::format("`{}`: unknown model {}; expected {}{}", name, quote(*text),
                                             joinOr(kModelNames), didYouMean(*text, kModelNames)));
    return std::nullopt;
}

const ExerciseMetricInfo *CheckpointReader::metric(const toml::node &node, std::string_view name, std::string_view text)
{
    const std::span<const ExerciseMetricInfo> all = exerciseMetrics();
    const auto info = std::find_if(all.begin(), all.end(), [&](const ExerciseMetricInfo &i) { return i.name == text; });
    if (info != all.end())
        return &*info;
    const std::vector<std::string_view> names = metricNames();
    m_diags.error(node.source(), fmt::format("`{}`: unknown metric {}; expected {}{}", name, quote(text), joinOr(names),
                                             didYouMean(text, names)));
    return nullptr;
}

void CheckpointReader::choices(const toml::table &step, Checkpoint &c)
{
    const toml::node &node = *step.get("choices");
    const auto *array = node.as_array();
    if (!array || array->size() < 2 || array->size() > 3) {
        m_diags.error(node.source(), "`choices` must be an array of two or three models, such as [\"fibers\", "
                                     "\"event_loop\", \"threads\"]");
        return;
    }
    for (const toml::node &n : *array)
        if (const std::optional<ModelKind> m = model(n, "choices")) {
            if (std::find(c.choices.begin(), c.choices.end(), *m) != c.choices.end())
                m_diags.error(n.source(), fmt::format("`choices`: {} is offered twice", modelKey(*m)));
            c.choices.push_back(*m);
        }
    if (const toml::node *a = step.get("answer")) {
        if (const std::optional<ModelKind> m = model(*a, "answer")) {
            const auto it = std::find(c.choices.begin(), c.choices.end(), *m);
            if (it == c.choices.end() && c.choices.size() == array->size())
                m_diags.error(a->source(), fmt::format("`answer`: {} is not one of the `choices`", modelKey(*m)));
            c.answer = static_cast<std::size_t>(it - c.choices.begin());
        }
    } else {
        m_diags.error(node.source(), "a checkpoint with `choices` needs an `answer`: the model that is right");
    }
    const toml::node *lowest = step.get("lowest");
    const toml::node *highest = step.get("highest");
    if (!lowest == !highest) {
        m_diags.error((lowest ? lowest : &node)->source(),
                      "a checkpoint with `choices` needs one of `lowest` or `highest`: the metric that decides, such "
                      "as lowest = \"latency_p99\"");
        return;
    }
    c.lowest = lowest != nullptr;
    const toml::node &by = lowest ? *lowest : *highest;
    const std::string_view byName = lowest ? "lowest" : "highest";
    if (const std::optional<std::string> text = m_reader.text(by, byName, 100))
        if (const ExerciseMetricInfo *info = metric(by, byName, *text))
            c.metric = info->metric;
}

void CheckpointReader::guess(const toml::node &node, Checkpoint &c)
{
    const auto *table = node.as_table();
    if (!table) {
        m_diags.error(node.source(), "`guess` must be a table such as { metric = \"event_loop.latency_p99\", unit = "
                                     "\"ms\", min = 0, max = 200 }");
        return;
    }
    if (m_reader.rejectUnknownKeys(*table, kGuessKeys, "in a guess") > 0)
        return;
    const toml::node *metricNode = table->get("metric");
    if (!metricNode) {
        m_diags.error(node.source(), "a guess needs a `metric`, such as \"event_loop.latency_p99\"");
        return;
    }
    const std::optional<std::string> whole = m_reader.text(*metricNode, "metric", 100);
    if (!whole)
        return;
    const std::size_t dot = whole->find('.');
    const std::string_view head = std::string_view(*whole).substr(0, dot);
    const std::optional<ModelKind> m = modelFromKey(head);
    if (!m || dot == std::string::npos) {
        m_diags.error(metricNode->source(),
                      fmt::format("`metric`: {} does not start with a model; write MODEL.METRIC with MODEL {}{}",
                                  quote(*whole), joinOr(kModelNames), didYouMean(head, kModelNames)));
        return;
    }
    const ExerciseMetricInfo *info = metric(*metricNode, "metric", std::string_view(*whole).substr(dot + 1));
    if (!info)
        return;
    c.model = *m;
    c.metric = info->metric;

    const std::span<const UnitScale> units = unitsOf(info->unit);
    std::vector<std::string_view> unitNames;
    for (const UnitScale &u : units)
        unitNames.push_back(u.name);
    if (const toml::node *u = table->get("unit")) {
        const std::optional<std::string> name = m_reader.text(*u, "unit", 20);
        if (!name)
            return;
        const auto it = std::find_if(units.begin(), units.end(), [&](const UnitScale &s) { return s.name == *name; });
        if (it == units.end()) {
            m_diags.error(u->source(), units.empty()
                                           ? fmt::format("`unit`: {} is a plain number; leave `unit` out", info->name)
                                           : fmt::format("`unit`: {} is not a unit of {}; expected {}{}", quote(*name),
                                                         info->name, joinOr(unitNames), didYouMean(*name, unitNames)));
            return;
        }
        c.unit = it->name == "us" ? std::string("µs") : std::string(it->name);
        c.scale = it->scale;
    } else if (info->unit == MetricUnit::Duration || info->unit == MetricUnit::Size) {
        m_diags.error(node.source(),
                      fmt::format("a guess of {} needs a `unit` for its slider: {}", info->name, joinOr(unitNames)));
        return;
    }
    const toml::node *minNode = table->get("min");
    const toml::node *maxNode = table->get("max");
    if (!minNode || !maxNode) {
        m_diags.error(node.source(), "a guess needs `min` and `max`: the slider's range, in its `unit`");
        return;
    }
    const std::optional<double> lo = m_reader.real(*minNode, "min", 0, false, 1e15);
    const std::optional<double> hi = m_reader.real(*maxNode, "max", 0, false, 1e15);
    if (!lo || !hi)
        return;
    if (*hi <= *lo) {
        m_diags.error(maxNode->source(), fmt::format("`max` must be above `min` ({})", *lo));
        return;
    }
    c.min = *lo;
    c.max = *hi;
}

void CheckpointReader::hide(const toml::node &node, Checkpoint &c)
{
    const auto *array = node.as_array();
    if (!array) {
        m_diags.error(node.source(), "`hide` must be an array of views, such as [\"headline\", \"charts\"] or "
                                     "[\"event_loop.headline\"]");
        return;
    }
    for (const toml::node &n : *array) {
        // A bare view name covers that view in every column.
        if (const auto *s = n.as_string()) {
            const auto bare = std::find(kBareViews.begin(), kBareViews.end(), s->get());
            if (bare != kBareViews.end()) {
                for (const ModelKind m : kAllModels)
                    c.hide.push_back(TourFocus{TourFocus::Pane::Column, m,
                                               kViewOf[static_cast<std::size_t>(bare - kBareViews.begin())]});
                continue;
            }
        }
        if (const std::optional<TourFocus> f = m_focus(n, "hide"))
            c.hide.push_back(*f);
    }
}

} // namespace

std::optional<Checkpoint> readCheckpoint(ValueReader &reader, const toml::table &step, const FocusReader &focus)
{
    return CheckpointReader(reader, focus).read(step);
}

} // namespace conviz::scenario::detail
