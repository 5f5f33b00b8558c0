#include "engine/scenario/tour_file.h"

#include "engine/scenario/checkpoint_reader.h"
#include "engine/scenario/diagnostics.h"
#include "engine/scenario/document.h"
#include "engine/scenario/exercise_reader.h"
#include "engine/scenario/parameters.h"
#include "engine/scenario/schema.h"
#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"
#include "engine/scenario/value_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <fstream>
#include <system_error>

namespace conviz::scenario {
namespace {

using detail::Diagnostics;
using detail::trimmed;
using detail::ValueReader;

// A tour is read aloud to a room: a handful of steps, each a paragraph or two.
constexpr std::size_t kMaxSteps = 40;
constexpr std::size_t kMaxText = 2000;

constexpr std::array<std::string_view, 3> kTopKeys{"title", "step", "exercise"};
constexpr std::array<std::string_view, 15> kStepKeys{"text",   "focus",   "at",    "event",   "model",
                                                     "chart",  "set",     "ask",   "choices", "answer",
                                                     "lowest", "highest", "guess", "hide",    "why"};
constexpr std::array<std::string_view, 4> kViews{"headline", "scheduler", "timeline", "memory"};
constexpr std::pair<std::string_view, ModelKind> kModels[] = {
    {"fibers", ModelKind::Fibers}, {"event_loop", ModelKind::EventLoop}, {"threads", ModelKind::Threads}};
constexpr std::pair<std::string_view, TourFocus::Pane> kPanes[] = {{"charts", TourFocus::Pane::Charts},
                                                                   {"narration", TourFocus::Pane::Narration},
                                                                   {"parameters", TourFocus::Pane::Parameters},
                                                                   {"note", TourFocus::Pane::Note}};
constexpr std::pair<std::string_view, TourStep::Anchor> kAnchors[] = {
    {"start", TourStep::Anchor::Start}, {"busiest", TourStep::Anchor::Busiest}, {"end", TourStep::Anchor::End}};
constexpr std::pair<std::string_view, TourChart> kCharts[] = {
    {"over-time", TourChart::OverTime}, {"sweep", TourChart::Sweep}, {"cost", TourChart::Cost}};
constexpr std::pair<std::string_view, NarrationKind> kEvents[] = {
    {"steal", NarrationKind::Steal},         {"preempt", NarrationKind::Preempt},
    {"handoff", NarrationKind::Handoff},     {"thread", NarrationKind::ThreadCreated},
    {"pool", NarrationKind::PoolSaturated},  {"overflow", NarrationKind::QueueOverflow},
    {"refused", NarrationKind::Refused},     {"stack", NarrationKind::StackGrowth},
    {"lag", NarrationKind::LoopLag},         {"delay", NarrationKind::LoopDelay},
    {"overload", NarrationKind::Saturation}, {"growth", NarrationKind::QueueGrowth},
    {"note", NarrationKind::Info},
};

template <class E, std::size_t N>
std::vector<std::string_view> namesOf(const std::pair<std::string_view, E> (&options)[N])
{
    std::vector<std::string_view> names;
    for (const auto &option : options)
        names.push_back(option.first);
    return names;
}

template <class E, std::size_t N>
std::optional<E> lookUp(std::string_view name, const std::pair<std::string_view, E> (&options)[N])
{
    for (const auto &option : options)
        if (option.first == name)
            return option.second;
    return std::nullopt;
}

// Whether an unknown key of `table` is a misspelling of `word`: its "did you mean" already says
// what a "needs a `word`" message would, so that one is left out.
bool misspelt(const toml::table &table, std::string_view word, std::span<const std::string_view> allowed)
{
    for (const auto &[key, value] : table)
        if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end() &&
            detail::closestMatch(key.str(), allowed) == word)
            return true;
    return false;
}

class TourReader {
public:
    explicit TourReader(Diagnostics &diags) : m_diags(diags), m_reader(diags) {}

    Tour read(const toml::table &root);

private:
    std::optional<TourStep> step(const toml::node &node);
    std::optional<TourFocus> focus(const toml::node &node, std::string_view name);
    void anchor(const toml::table &table, TourStep &step);
    void set(const toml::node &node, TourStep &step);

    Diagnostics &m_diags;
    ValueReader m_reader;
};

Tour TourReader::read(const toml::table &root)
{
    m_reader.rejectUnknownKeys(root, kTopKeys, "at the top of a tour");
    Tour tour;
    if (const toml::node *title = root.get("title"))
        tour.title = m_reader.text(*title, "title", detail::kMaxNameBytes).value_or("");
    else if (!misspelt(root, "title", kTopKeys))
        m_diags.error(root.source(), "a tour needs a `title`");
    const toml::node *steps = root.get("step");
    const auto *array = steps ? steps->as_array() : nullptr;
    if (!array || array->empty()) {
        if (steps || !misspelt(root, "step", kTopKeys))
            m_diags.error(steps ? steps->source() : root.source(), "a tour needs at least one [[step]]");
        return tour;
    }
    if (array->size() > kMaxSteps) {
        m_diags.error(steps->source(),
                      fmt::format("a tour has at most {} steps; this one has {}", kMaxSteps, array->size()));
        return tour;
    }
    for (const toml::node &n : *array)
        if (std::optional<TourStep> s = step(n))
            tour.steps.push_back(std::move(*s));
    if (const toml::node *exercises = root.get("exercise"))
        tour.exercises = detail::readExercises(m_reader, *exercises);
    return tour;
}

std::optional<TourStep> TourReader::step(const toml::node &node)
{
    const auto *table = node.as_table();
    if (!table) {
        m_diags.error(node.source(), fmt::format("each [[step]] must be a table, got {}", ValueReader::describe(node)));
        return std::nullopt;
    }
    const std::size_t errorsBefore = m_diags.count();
    m_reader.rejectUnknownKeys(*table, kStepKeys, "in a step");
    TourStep step;
    step.line = static_cast<int>(node.source().begin.line);
    if (const toml::node *text = table->get("text")) {
        if (const std::optional<std::string> body = m_reader.text(*text, "text", kMaxText)) {
            step.text = trimmed(*body);
            if (step.text.empty())
                m_diags.error(text->source(), "`text`: is empty; a step shows a short Markdown text");
        }
    } else if (!table->contains("ask") && !misspelt(*table, "text", kStepKeys)) {
        m_diags.error(node.source(), "a step needs a `text` (or an `ask`: a checkpoint)");
    }
    if (const toml::node *f = table->get("focus"))
        step.focus = focus(*f, "focus");
    step.checkpoint = detail::readCheckpoint(
        m_reader, *table, [this](const toml::node &n, std::string_view name) { return focus(n, name); });
    anchor(*table, step);
    if (const toml::node *c = table->get("chart"))
        step.chart = m_reader.choice<TourChart>(*c, "chart", "chart", kCharts);
    if (const toml::node *s = table->get("set"))
        set(*s, step);
    if (m_diags.count() != errorsBefore)
        return std::nullopt;
    return step;
}

std::optional<TourFocus> TourReader::focus(const toml::node &node, std::string_view name)
{
    const std::optional<std::string> text = m_reader.text(node, name, 100);
    if (!text)
        return std::nullopt;
    const std::string_view whole = *text;
    const std::size_t dot = whole.find('.');
    const std::string_view head = whole.substr(0, dot);
    TourFocus f;
    if (const auto pane = lookUp(head, kPanes)) {
        if (dot != std::string_view::npos) {
            m_diags.error(node.source(), fmt::format("`{}`: the {} pane has no views; write \"{}\"", name, head, head));
            return std::nullopt;
        }
        f.pane = *pane;
        return f;
    }
    const auto model = lookUp(head, kModels);
    if (!model) {
        std::vector<std::string_view> names = namesOf(kModels);
        for (std::string_view pane : namesOf(kPanes))
            names.push_back(pane);
        m_diags.error(node.source(),
                      fmt::format("`{}`: unknown column or pane {}; expected {}{}", name, detail::quote(head),
                                  detail::joinOr(names), detail::didYouMean(head, names)));
        return std::nullopt;
    }
    f.model = *model;
    if (dot == std::string_view::npos)
        return f;
    const std::string_view view = whole.substr(dot + 1);
    const auto v = std::find(kViews.begin(), kViews.end(), view);
    if (v == kViews.end()) {
        m_diags.error(node.source(),
                      fmt::format("`{}`: unknown view {} of {}; expected {}{}", name, detail::quote(view), head,
                                  detail::joinOr(kViews), detail::didYouMean(view, kViews)));
        return std::nullopt;
    }
    constexpr TourFocus::View views[] = {TourFocus::View::Headline, TourFocus::View::Scheduler,
                                         TourFocus::View::Timeline, TourFocus::View::Memory};
    f.view = views[v - kViews.begin()];
    return f;
}

void TourReader::anchor(const toml::table &table, TourStep &step)
{
    const toml::node *at = table.get("at");
    const toml::node *event = table.get("event");
    const toml::node *model = table.get("model");
    if (at && event)
        m_diags.error(event->source(), "a step has `at` or `event`, not both");
    if (at) {
        if (const std::optional<std::string> a = m_reader.text(*at, "at", 100)) {
            const std::vector<std::string_view> names = namesOf(kAnchors);
            if (const auto named = lookUp(std::string_view(*a), kAnchors)) {
                step.anchor = *named;
            } else if (const detail::Quantity q = detail::parseDuration(*a); q.value) {
                step.anchor = TourStep::Anchor::Time;
                step.time = Nanos{*q.value};
            } else if (!a->empty() && (std::isdigit(static_cast<unsigned char>(a->front())) || a->front() == '.')) {
                m_diags.error(at->source(), fmt::format("`at`: {}", q.error));
            } else {
                m_diags.error(at->source(),
                              fmt::format("`at`: {} is not start, busiest, end or a duration (\"120ms\"){}",
                                          detail::quote(*a), detail::didYouMean(*a, names)));
            }
        }
    }
    if (event) {
        if (const auto kind = m_reader.choice<NarrationKind>(*event, "event", "narration kind", kEvents)) {
            step.anchor = TourStep::Anchor::Event;
            step.event = *kind;
        }
    }
    if (model) {
        if (!event)
            m_diags.error(model->source(), "`model` goes with `event` (whose first line to go to)");
        else
            step.eventModel = m_reader.choice<ModelKind>(*model, "model", "model", kModels);
    }
}

void TourReader::set(const toml::node &node, TourStep &step)
{
    const auto *sliders = node.as_table();
    if (!sliders) {
        m_diags.error(node.source(), "`set` must be a table of slider = value, such as { \"load.rate\" = 1600 }");
        return;
    }
    for (const auto &[k, v] : *sliders) {
        if (m_diags.full())
            return;
        const std::string_view key = k.str();
        if (v.is_table()) { // a bare dotted key (load.rate = 1) makes a nested table
            m_diags.error(k.source(),
                          fmt::format("quote a knob id with a dot: {{ \"{}.…\" = value }}", detail::clipped(key)));
            continue;
        }
        const std::optional<ParameterInfo> info = findParameter(key);
        if (!info) {
            detail::reportUnknownKey(m_diags, k, "set", false);
            continue;
        }
        // The scenario loader's own readers: the same units, hints and ranges as in a scenario file.
        const std::optional<double> value = detail::readParameter(m_reader, v, key, *info);
        if (value)
            step.set.emplace_back(std::string(key), *value);
    }
}

TourLoadResult failure(std::string_view file, std::string message)
{
    TourLoadResult r;
    r.errors.push_back(Diagnostic{std::string(file), 0, 0, std::move(message)});
    return r;
}

// The file's text, at most one byte past the document limit (so that a huge file is refused
// without reading it whole); an error sentence when it cannot be read.
std::optional<std::string> readText(const std::filesystem::path &path, std::string &text)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return "this is a directory, not a file";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::error_code(errno, std::generic_category()).message();
    text.assign(detail::kMaxDocumentBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad())
        return std::error_code(errno, std::generic_category()).message();
    text.resize(static_cast<std::size_t>(in.gcount()));
    return std::nullopt;
}

} // namespace

TourLoadResult loadTourString(std::string_view text, std::string_view sourceName)
{
    try {
        Diagnostics diags{std::string(sourceName)};
        const std::optional<toml::table> root = detail::parseDocument(text, sourceName, diags);
        if (!root)
            return TourLoadResult{std::nullopt, diags.take()};
        Tour tour = TourReader(diags).read(*root);
        if (diags.count() > 0)
            return TourLoadResult{std::nullopt, diags.take()};
        tour.path = std::string(sourceName);
        return TourLoadResult{std::move(tour), {}};
    } catch (const std::exception &e) {
        return failure(sourceName, fmt::format("internal error while reading the tour: {}", e.what()));
    } catch (...) {
        return failure(sourceName, "internal error while reading the tour");
    }
}

TourLoadResult loadTourFile(const std::filesystem::path &path)
{
    std::string name;
    try {
        name = path.string();
        std::string text;
        if (const std::optional<std::string> error = readText(path, text))
            return failure(name, fmt::format("cannot read the tour file: {}", *error));
        return loadTourString(text, name);
    } catch (const std::exception &e) {
        return failure(name, fmt::format("cannot read the tour file: {}", e.what()));
    } catch (...) {
        return failure(name, "cannot read the tour file");
    }
}

bool looksLikeTour(std::string_view text)
{
    Diagnostics quiet{""};
    const std::optional<toml::table> root = detail::parseDocument(text, "", quiet);
    if (!root || (!root->contains("title") && !root->contains("step")))
        return false;
    const std::span<const std::string_view> scenarioKeys = detail::keysOf("");
    return std::none_of(scenarioKeys.begin(), scenarioKeys.end(),
                        [&](std::string_view key) { return root->contains(key); });
}

bool looksLikeTourFile(const std::filesystem::path &path)
{
    try {
        std::string text;
        return !readText(path, text) && looksLikeTour(text);
    } catch (...) {
        return false;
    }
}

} // namespace conviz::scenario
