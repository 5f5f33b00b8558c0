#include "engine/scenario/exercise_reader.h"

#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string>

namespace conviz::scenario::detail {
namespace {

// A preset ends with two or three; a few more leave room for a workshop's own.
constexpr std::size_t kMaxExercises = 6;
constexpr std::size_t kMaxGoals = 4;
constexpr std::size_t kMaxText = 2000;

constexpr std::array<std::string_view, 5> kExerciseKeys{"text", "goal", "keep", "hint", "solution"};
constexpr std::array<std::string_view, 3> kGoalKeys{"metric", "below", "above"};
constexpr std::pair<std::string_view, ModelKind> kModels[] = {
    {"fibers", ModelKind::Fibers}, {"event_loop", ModelKind::EventLoop}, {"threads", ModelKind::Threads}};

// Every key a solution or `keep` may name: the numeric keys, then the choice keys.
std::vector<std::string> knownKeys(bool choices)
{
    std::vector<std::string> keys;
    for (const ParameterInfo &p : numericParameters())
        keys.push_back(p.key);
    if (choices)
        for (const ChoiceInfo &c : choiceParameters())
            keys.push_back(c.key);
    return keys;
}

// Whether an unknown key of `table` is a misspelling of `word`: its "did you mean" says it already.
bool misspelt(const toml::table &table, std::string_view word)
{
    for (const auto &[key, value] : table)
        if (std::find(kExerciseKeys.begin(), kExerciseKeys.end(), key.str()) == kExerciseKeys.end() &&
            closestMatch(key.str(), kExerciseKeys) == word)
            return true;
    return false;
}

bool knownKey(std::string_view key) { return findParameter(key) || findChoice(key); }

class ExerciseReader {
public:
    explicit ExerciseReader(ValueReader &reader) : m_reader(reader), m_diags(reader.diagnostics()) {}
    std::optional<Exercise> exercise(const toml::node &node);

private:
    void goals(const toml::node &node, Exercise &e);
    std::optional<ExerciseGoal> goal(const toml::node &node);
    void keep(const toml::node &node, Exercise &e);
    void solution(const toml::node &node, Exercise &e);

    ValueReader &m_reader;
    Diagnostics &m_diags;
};

std::optional<Exercise> ExerciseReader::exercise(const toml::node &node)
{
    const auto *table = node.as_table();
    if (!table) {
        m_diags.error(node.source(),
                      fmt::format("each [[exercise]] must be a table, got {}", ValueReader::describe(node)));
        return std::nullopt;
    }
    const std::size_t errorsBefore = m_diags.count();
    m_reader.rejectUnknownKeys(*table, kExerciseKeys, "in an exercise");
    Exercise e;
    e.line = static_cast<int>(node.source().begin.line);
    for (const std::string_view required : {"text", "goal", "solution"})
        if (!table->get(required) && !misspelt(*table, required))
            m_diags.error(node.source(), fmt::format("an exercise needs a `{}`", required));
    if (const toml::node *text = table->get("text"))
        if (const std::optional<std::string> body = m_reader.text(*text, "text", kMaxText)) {
            e.text = trimmed(*body);
            if (e.text.empty())
                m_diags.error(text->source(), "`text`: is empty; an exercise states its task in Markdown");
        }
    if (const toml::node *hint = table->get("hint"))
        e.hint = trimmed(m_reader.text(*hint, "hint", kMaxText).value_or(""));
    if (const toml::node *g = table->get("goal"))
        goals(*g, e);
    if (const toml::node *k = table->get("keep"))
        keep(*k, e);
    if (const toml::node *s = table->get("solution"))
        solution(*s, e);
    if (m_diags.count() != errorsBefore)
        return std::nullopt;
    return e;
}

void ExerciseReader::goals(const toml::node &node, Exercise &e)
{
    if (node.is_table()) {
        if (std::optional<ExerciseGoal> g = goal(node))
            e.goals.push_back(*g);
        return;
    }
    const auto *array = node.as_array();
    if (!array || array->empty() || array->size() > kMaxGoals) {
        m_diags.error(node.source(),
                      fmt::format("`goal` must be a condition such as {{ metric = \"event_loop.latency_p99\", below = "
                                  "\"20ms\" }}, or an array of 1 to {} of them",
                                  kMaxGoals));
        return;
    }
    for (const toml::node &n : *array)
        if (std::optional<ExerciseGoal> g = goal(n))
            e.goals.push_back(*g);
}

std::optional<ExerciseGoal> ExerciseReader::goal(const toml::node &node)
{
    const auto *table = node.as_table();
    if (!table) {
        m_diags.error(node.source(),
                      fmt::format("each goal must be a table such as {{ metric = \"fibers.throughput\", above = 1500 "
                                  "}}, got {}",
                                  ValueReader::describe(node)));
        return std::nullopt;
    }
    if (m_reader.rejectUnknownKeys(*table, kGoalKeys, "in a goal") > 0)
        return std::nullopt;
    const toml::node *metric = table->get("metric");
    const toml::node *below = table->get("below");
    const toml::node *above = table->get("above");
    if (!metric) {
        m_diags.error(node.source(), "a goal needs a `metric`, such as \"event_loop.latency_p99\"");
        return std::nullopt;
    }
    if (!below == !above) {
        m_diags.error(node.source(), "a goal needs one limit: `below` or `above`");
        return std::nullopt;
    }
    const std::optional<std::string> name = m_reader.text(*metric, "metric", 100);
    if (!name)
        return std::nullopt;
    const std::string_view whole = *name;
    const std::size_t dot = whole.find('.');
    const std::string_view head = whole.substr(0, dot);
    std::vector<std::string_view> models;
    for (const auto &m : kModels)
        models.push_back(m.first);
    const auto model = std::find_if(std::begin(kModels), std::end(kModels), [&](auto &m) { return m.first == head; });
    if (model == std::end(kModels) || dot == std::string_view::npos) {
        m_diags.error(metric->source(),
                      fmt::format("`metric`: {} does not start with a model; write MODEL.METRIC with MODEL {}{}",
                                  quote(whole), joinOr(models), didYouMean(head, models)));
        return std::nullopt;
    }
    const std::string_view tail = whole.substr(dot + 1);
    std::vector<std::string_view> names;
    for (const ExerciseMetricInfo &info : exerciseMetrics())
        names.push_back(info.name);
    const auto info = std::find_if(exerciseMetrics().begin(), exerciseMetrics().end(),
                                   [&](const ExerciseMetricInfo &i) { return i.name == tail; });
    if (info == exerciseMetrics().end()) {
        m_diags.error(metric->source(), fmt::format("`metric`: unknown metric {} of {}; expected {}{}", quote(tail),
                                                    head, joinOr(names), didYouMean(tail, names)));
        return std::nullopt;
    }
    ExerciseGoal g;
    g.model = model->second;
    g.metric = info->metric;
    g.below = below != nullptr;
    const toml::node &limit = below ? *below : *above;
    const std::string_view limitName = below ? "below" : "above";
    constexpr auto kHuge = std::int64_t{1} << 60;
    std::optional<double> value;
    switch (info->unit) {
    case MetricUnit::Duration: value = m_reader.duration(limit, limitName, 0, false, kHuge); break;
    case MetricUnit::Size: value = m_reader.size(limit, limitName, 0, kHuge); break;
    case MetricUnit::Count: value = m_reader.count(limit, limitName, 0, kHuge); break;
    case MetricUnit::Rate: value = m_reader.real(limit, limitName, 0, false, 1e12); break;
    case MetricUnit::Fraction: value = m_reader.real(limit, limitName, 0, false, 1); break;
    }
    if (!value)
        return std::nullopt;
    g.limit = *value;
    return g;
}

void ExerciseReader::keep(const toml::node &node, Exercise &e)
{
    const auto *array = node.as_array();
    if (!array) {
        m_diags.error(node.source(), "`keep` must be an array of scenario keys, such as [\"machine.cores\"]");
        return;
    }
    const std::vector<std::string> keys = knownKeys(true);
    const std::vector<std::string_view> names(keys.begin(), keys.end());
    for (const toml::node &n : *array) {
        const std::optional<std::string> key = m_reader.text(n, "keep", 100);
        if (!key)
            continue;
        if (!knownKey(*key)) {
            std::string hint = didYouMean(*key, names);
            if (hint.empty())
                hint = "; expected a scenario key such as machine.cores or event_loop.processes";
            m_diags.error(n.source(), fmt::format("`keep`: unknown key `{}`{}", clipped(*key), hint));
            continue;
        }
        e.keep.push_back(*key);
    }
}

void ExerciseReader::solution(const toml::node &node, Exercise &e)
{
    const auto *table = node.as_table();
    if (!table || table->empty()) {
        m_diags.error(
            node.source(),
            "`solution` must be a table of key = value that meets the goal, such as { \"event_loop.processes\" "
            "= 4 }");
        return;
    }
    for (const auto &[k, v] : *table) {
        if (m_diags.full())
            return;
        const std::string_view key = k.str();
        if (v.is_table()) { // a bare dotted key (load.rate = 1) makes a nested table
            m_diags.error(k.source(), fmt::format("quote a key with a dot: {{ \"{}.…\" = value }}", clipped(key)));
            continue;
        }
        if (std::find(e.keep.begin(), e.keep.end(), key) != e.keep.end()) {
            m_diags.error(k.source(),
                          fmt::format("`solution` changes `{}`, which the exercise keeps at the preset's value", key));
            continue;
        }
        ExerciseSetting s;
        s.key = std::string(key);
        if (const std::optional<ChoiceInfo> choice = findChoice(key)) {
            const std::optional<std::string> name = m_reader.text(v, key, 100);
            if (!name)
                continue;
            const std::vector<std::string_view> names(choice->choices.begin(), choice->choices.end());
            if (std::find(names.begin(), names.end(), *name) == names.end()) {
                m_diags.error(v.source(), fmt::format("`{}`: unknown choice {}; expected {}{}", key, quote(*name),
                                                      joinOr(names), didYouMean(*name, names)));
                continue;
            }
            s.choice = *name;
        } else if (const std::optional<ParameterInfo> info = findParameter(key)) {
            s.value = readParameter(m_reader, v, key, *info);
            if (!s.value)
                continue;
        } else {
            reportUnknownKey(m_diags, k, "solution", true);
            continue;
        }
        e.solution.push_back(std::move(s));
    }
}

} // namespace

std::optional<double> readParameter(ValueReader &reader, const toml::node &node, std::string_view key,
                                    const ParameterInfo &info)
{
    const auto lo = static_cast<std::int64_t>(info.min);
    const auto hi = static_cast<std::int64_t>(info.max);
    switch (info.kind) {
    case ParameterKind::Count: return reader.count(node, key, lo, hi);
    case ParameterKind::Real: return reader.real(node, key, info.min, info.minExclusive, info.max);
    case ParameterKind::Duration: return reader.duration(node, key, lo, info.minExclusive, hi);
    case ParameterKind::Size: return reader.size(node, key, lo, hi);
    }
    return std::nullopt;
}

void reportUnknownKey(Diagnostics &diags, const toml::key &key, std::string_view what, bool choices)
{
    const std::vector<std::string> keys = knownKeys(choices);
    const std::vector<std::string_view> names(keys.begin(), keys.end());
    std::string hint = didYouMean(key.str(), names);
    if (hint.empty())
        hint = "; expected a scenario key such as load.rate, machine.cores or request.cpu";
    diags.error(key.source(),
                fmt::format("`{}`: unknown {} `{}`{}", what, choices ? "key" : "slider", clipped(key.str()), hint));
}

std::vector<Exercise> readExercises(ValueReader &reader, const toml::node &node)
{
    std::vector<Exercise> out;
    const auto *array = node.as_array();
    if (!array || array->empty()) {
        reader.diagnostics().error(node.source(), "`exercise` must be written as [[exercise]] tables");
        return out;
    }
    if (array->size() > kMaxExercises) {
        reader.diagnostics().error(node.source(), fmt::format("a tour has at most {} exercises; this one has {}",
                                                              kMaxExercises, array->size()));
        return out;
    }
    ExerciseReader r(reader);
    for (const toml::node &n : *array)
        if (std::optional<Exercise> e = r.exercise(n))
            out.push_back(std::move(*e));
    return out;
}

} // namespace conviz::scenario::detail
