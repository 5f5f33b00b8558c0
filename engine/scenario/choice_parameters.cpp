// The choice keys of the parameter registry (parameters.h): the names come from the same tables the
// reader and the writer use (value_reader.h), so the three cannot disagree.
#include "engine/scenario/parameters.h"
#include "engine/scenario/value_reader.h"

#include <algorithm>

namespace conviz::scenario {
namespace {

template <typename E, std::size_t N>
std::vector<std::string> namesOf(const std::pair<std::string_view, E> (&table)[N])
{
    std::vector<std::string> names;
    for (const auto &[name, value] : table)
        names.emplace_back(name);
    return names;
}

template <typename E, std::size_t N>
std::optional<std::string> nameOf(const std::pair<std::string_view, E> (&table)[N], E value)
{
    for (const auto &[name, v] : table)
        if (v == value)
            return std::string(name);
    return std::nullopt;
}

template <typename E, std::size_t N>
bool setByName(const std::pair<std::string_view, E> (&table)[N], E &field, std::string_view name)
{
    for (const auto &[n, v] : table)
        if (n == name) {
            field = v;
            return true;
        }
    return false;
}

} // namespace

std::vector<ChoiceInfo> choiceParameters()
{
    return {
        {.key = "threads.mode",
         .choices = namesOf(detail::kThreadModes),
         .help = "per-request: a new thread per request | pool: `pool_size` workers and a queue",
         .label = "Thread model",
         .description = "per-request: every request gets a new OS thread. pool: `pool_size` threads exist "
                        "from the start and requests queue for a free one."},
        {.key = "memory.per",
         .choices = namesOf(detail::kMemoryUnits),
         .help = "task: a bare task (`*.task_memory`) | connection: an idle server connection (`*.connection_memory`)",
         .label = "Memory per request",
         .description = "task: each request holds what a bare task does (a parked goroutine, a pending promise, "
                        "an idle thread). connection: it holds what an idle keep-alive connection of a real "
                        "server does (its socket and buffers too), measured with Go net/http, Node http and a "
                        "thread-per-connection server. Fan-out children are bare tasks either way."},
    };
}

std::optional<ChoiceInfo> findChoice(std::string_view key)
{
    std::vector<ChoiceInfo> all = choiceParameters();
    const auto it = std::find_if(all.begin(), all.end(), [&](const ChoiceInfo &c) { return c.key == key; });
    if (it == all.end())
        return std::nullopt;
    return std::move(*it);
}

std::optional<std::string> choiceValue(std::string_view key, const Scenario &scenario)
{
    if (key == "threads.mode")
        return nameOf(detail::kThreadModes, scenario.threads.mode);
    if (key == "memory.per")
        return nameOf(detail::kMemoryUnits, scenario.memory.per);
    return std::nullopt;
}

bool setChoiceValue(std::string_view key, Scenario &scenario, std::string_view name)
{
    if (key == "threads.mode")
        return setByName(detail::kThreadModes, scenario.threads.mode, name);
    if (key == "memory.per")
        return setByName(detail::kMemoryUnits, scenario.memory.per, name);
    return false;
}

} // namespace conviz::scenario
