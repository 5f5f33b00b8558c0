#include "engine/scenario/validator.h"

#include "engine/scenario/step_reader.h"
#include "engine/scenario/suggest.h"
#include "engine/scenario/units.h"
#include "engine/scenario/value_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

namespace conviz::scenario::detail {
namespace {

constexpr std::size_t kMaxPools = 1000;

// TOML integers stop at 2^63 − 1, so a larger seed is written as a string of digits.
std::optional<std::uint64_t> readSeed(const toml::node &node)
{
    if (const auto *i = node.as_integer(); i && i->get() >= 0)
        return static_cast<std::uint64_t>(i->get());
    const auto *s = node.as_string();
    if (!s || s->get().empty())
        return std::nullopt;
    const std::string &digits = s->get();
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), seed);
    if (error != std::errc{} || end != digits.data() + digits.size())
        return std::nullopt;
    return seed;
}

class ScenarioReader {
public:
    explicit ScenarioReader(Diagnostics &diags) : m_diags(diags), m_reader(diags) {}

    Scenario read(const toml::table &root);

private:
    const toml::table *section(const toml::table &root, std::string_view name);
    void readTop(const toml::table &root);
    void readNumericKeys(const toml::table &table, std::string_view tableName);
    void readLoad(const toml::table &load);
    void readPools(const toml::table &pools);
    void readThreads(const toml::table &threads);
    void checkCommitted(const toml::table &table, std::string_view tableName, std::string_view reservedKey,
                        std::string_view committedKey, std::int64_t reserved, std::int64_t committed);
    void readSweep(const toml::table &sweep);
    void checkTotals(const toml::table *request, const toml::table *load, bool loadOk);

    Diagnostics &m_diags;
    ValueReader m_reader;
    Scenario m_s;
    bool m_stepsOk = false;
};

const toml::table *ScenarioReader::section(const toml::table &root, std::string_view name)
{
    const toml::node *node = root.get(name);
    if (!node)
        return nullptr;
    if (const auto *table = node->as_table())
        return table;
    m_diags.error(node->source(), fmt::format("`{}`: expected a table (a [{}] section), got {}", name, name,
                                              ValueReader::describe(*node)));
    return nullptr;
}

void ScenarioReader::readTop(const toml::table &root)
{
    m_reader.rejectUnknownKeys(root, keysOf(""), "at the top level");
    if (const toml::node *n = root.get("name"))
        m_s.name = m_reader.text(*n, "name", kMaxNameBytes).value_or(m_s.name);
    if (const toml::node *n = root.get("description"))
        m_s.description = m_reader.text(*n, "description", kMaxDescriptionBytes).value_or(m_s.description);
    if (const toml::node *n = root.get("seed")) {
        if (const std::optional<std::uint64_t> seed = readSeed(*n))
            m_s.seed = *seed;
        else
            m_diags.error(n->source(),
                          fmt::format("`seed`: expected a whole number from 0 to {}, got {}",
                                      std::numeric_limits<std::uint64_t>::max(), ValueReader::describe(*n)));
    }
}

void ScenarioReader::readNumericKeys(const toml::table &table, std::string_view tableName)
{
    for (const NumericKey &key : numericKeys()) {
        if (key.table != tableName || (tableName == "load" && key.key == "think"))
            continue;
        const toml::node *node = table.get(key.key);
        if (!node)
            continue;
        const std::optional<double> v = m_reader.numeric(*node, fmt::format("{}.{}", tableName, key.key), key);
        if (!v)
            continue;
        struct Store {
            Scenario &s;
            double v;
            void operator()(int &(*f)(Scenario &)) const { f(s) = static_cast<int>(v); }
            void operator()(std::int64_t &(*f)(Scenario &)) const { f(s) = static_cast<std::int64_t>(v); }
            void operator()(double &(*f)(Scenario &)) const { f(s) = v; }
            void operator()(Nanos &(*f)(Scenario &)) const { f(s) = Nanos{static_cast<std::int64_t>(v)}; }
        };
        std::visit(Store{m_s, *v}, key.field);
    }
}

void ScenarioReader::readLoad(const toml::table &load)
{
    m_reader.rejectUnknownKeys(load, keysOf("load"), "in [load]");
    if (const toml::node *n = load.get("kind"))
        m_s.load.kind = m_reader.choice<LoadKind>(*n, "load.kind", "load kind", kLoadKinds).value_or(m_s.load.kind);
    readNumericKeys(load, "load");
    if (const auto think = m_reader.timed(load, "load.", "think", "think_dist", "think_p99", m_s.load.think.mean))
        m_s.load.think = *think;
    const toml::node *warmup = load.get("warmup");
    const toml::node *duration = load.get("duration");
    if (m_s.load.duration > Nanos::zero() && m_s.load.warmup >= m_s.load.duration && (warmup || duration)) {
        m_diags.error(
            (warmup ? warmup : duration)->source(),
            fmt::format("`load.warmup` ({}) must be shorter than `load.duration` ({}), or nothing is measured",
                        formatDuration(m_s.load.warmup.count()), formatDuration(m_s.load.duration.count())));
    }
}

void ScenarioReader::readPools(const toml::table &pools)
{
    // Pools keep the order they were written in (toml++ sorts keys): steps refer to them by index.
    std::vector<std::pair<const toml::key *, const toml::node *>> entries;
    for (auto &&[key, value] : pools)
        entries.emplace_back(&key, &value);
    std::sort(entries.begin(), entries.end(), [&](const auto &a, const auto &b) {
        return m_diags.orderOf(a.first->source()) < m_diags.orderOf(b.first->source());
    });
    if (entries.size() > kMaxPools) {
        m_diags.error(pools.source(), fmt::format("[pools] defines {} pools; the limit is {}",
                                                  withCommas(static_cast<std::int64_t>(entries.size())), kMaxPools));
        return;
    }
    for (const auto &[key, node] : entries) {
        if (m_diags.full())
            return;
        const std::string_view name = key->str();
        if (name.empty() || name.size() > 64) {
            m_diags.error(key->source(), "a pool name must have 1 to 64 characters");
            continue;
        }
        const auto size = m_reader.count(*node, fmt::format("pools.{}", name), 1, limits::maxPoolSize);
        if (size)
            m_s.pools.push_back(Pool{std::string(name), *size});
    }
}

void ScenarioReader::checkCommitted(const toml::table &table, std::string_view tableName, std::string_view reservedKey,
                                    std::string_view committedKey, std::int64_t reserved, std::int64_t committed)
{
    if (committed <= reserved)
        return;
    const toml::node *at = table.get(committedKey);
    if (!at)
        at = table.get(reservedKey);
    if (!at)
        return;
    m_diags.error(at->source(),
                  fmt::format("`{}.{}` ({}) cannot exceed `{}.{}` ({}): only reserved stack can be resident", tableName,
                              committedKey, formatSize(committed), tableName, reservedKey, formatSize(reserved)));
}

void ScenarioReader::readThreads(const toml::table &threads)
{
    m_reader.rejectUnknownKeys(threads, keysOf("threads"), "in [threads]");
    if (const toml::node *n = threads.get("mode"))
        m_s.threads.mode =
            m_reader.choice<ThreadMode>(*n, "threads.mode", "thread mode", kThreadModes).value_or(m_s.threads.mode);
    readNumericKeys(threads, "threads");
    checkCommitted(threads, "threads", "stack_reserved", "stack_touched", m_s.threads.stackReserved,
                   m_s.threads.stackTouched);
}

void ScenarioReader::readSweep(const toml::table &sweep)
{
    m_reader.rejectUnknownKeys(sweep, keysOf("sweep"), "in [sweep]");
    const toml::node *param = sweep.get("param");
    const toml::node *from = sweep.get("from");
    const toml::node *to = sweep.get("to");
    if (param)
        m_s.sweep.param = m_reader.text(*param, "sweep.param", 200).value_or("");
    if (const toml::node *n = sweep.get("steps"))
        m_s.sweep.steps = static_cast<int>(m_reader.count(*n, "sweep.steps", 2, 1000).value_or(m_s.sweep.steps));
    if (const toml::node *n = sweep.get("log"))
        m_s.sweep.log = m_reader.flag(*n, "sweep.log").value_or(m_s.sweep.log);

    // The keys a sweep can vary: every plain numeric key and the size of every pool.
    std::vector<std::string> keys;
    for (const NumericKey &k : numericKeys())
        keys.push_back(fmt::format("{}.{}", k.table, k.key));
    for (const Pool &p : m_s.pools)
        keys.push_back("pools." + p.name);
    const auto found = std::find(keys.begin(), keys.end(), m_s.sweep.param);
    const bool known = found != keys.end();
    const bool isPool = known && m_s.sweep.param.starts_with("pools.");
    const NumericKey *key = known && !isPool ? &numericKeys()[static_cast<std::size_t>(found - keys.begin())] : nullptr;
    if (!m_s.sweep.param.empty() && !known) {
        const std::vector<std::string_view> views(keys.begin(), keys.end());
        m_diags.error(param->source(), fmt::format("`sweep.param`: {} is not a numeric key a sweep can vary{}",
                                                   quote(m_s.sweep.param), didYouMean(m_s.sweep.param, views)));
    }

    // from and to are numbers in the key's base unit; for a duration or size key they may also be
    // written with a unit ("10us", "2KiB").
    const std::size_t errorsBefore = m_diags.count();
    const auto bound = [&](const toml::node &node, std::string_view name) -> std::optional<double> {
        const bool withUnit =
            node.is_string() && key && (key->kind == NumberKind::Duration || key->kind == NumberKind::Size);
        if (!withUnit)
            return m_reader.real(node, name, 0, false, std::numeric_limits<double>::max());
        const auto v = key->kind == NumberKind::Duration
                           ? m_reader.duration(node, name, 0, false, std::numeric_limits<std::int64_t>::max())
                           : m_reader.size(node, name, 0, std::numeric_limits<std::int64_t>::max());
        return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
    };
    if (from)
        m_s.sweep.from = bound(*from, "sweep.from").value_or(m_s.sweep.from);
    if (to)
        m_s.sweep.to = bound(*to, "sweep.to").value_or(m_s.sweep.to);
    if (!known || m_diags.count() != errorsBefore)
        return;
    if (!from || !to) {
        m_diags.error(sweep.source(), fmt::format("a sweep of `{}` needs both `from` and `to`", m_s.sweep.param));
        return;
    }
    const double lo = key ? key->min : 1;
    const double hi = key ? key->max : static_cast<double>(limits::maxPoolSize);
    const bool loExclusive = key && key->minExclusive;
    const std::string_view unit = !key                                ? ""
                                  : key->kind == NumberKind::Duration ? " ns"
                                  : key->kind == NumberKind::Size     ? " bytes"
                                                                      : "";
    for (const auto &[node, name, value] :
         {std::tuple{from, "from", m_s.sweep.from}, std::tuple{to, "to", m_s.sweep.to}}) {
        if (m_s.sweep.log && !(value > 0))
            m_diags.error(node->source(),
                          fmt::format("`sweep.{}`: a log sweep needs values above 0, got {}", name, value));
        else if ((loExclusive ? !(value > lo) : value < lo) || value > hi)
            m_diags.error(node->source(),
                          fmt::format("`sweep.{}`: {}{} is outside what `{}` accepts ({} {} to {}{})", name, value,
                                      unit, m_s.sweep.param, loExclusive ? "above" : "from", lo, hi, unit));
    }
}

void ScenarioReader::checkTotals(const toml::table *request, const toml::table *load, bool loadOk)
{
    const toml::node *steps = request ? request->get("steps") : nullptr;
    if (!m_stepsOk || !steps)
        return;
    const std::int64_t perRequest = tasksPerRequest(m_s.steps);
    if (perRequest > limits::maxTasksPerRequest) {
        m_diags.error(steps->source(),
                      fmt::format("one request creates {}{} tasks (itself plus every fan-out child; nested fan-outs "
                                  "multiply); the limit is {}",
                                  perRequest >= limits::maxTotalTasks * 1000 ? "over " : "", withCommas(perRequest),
                                  withCommas(limits::maxTasksPerRequest)));
        return;
    }
    if (!loadOk)
        return;
    const bool batch = m_s.load.kind == LoadKind::Batch;
    const std::int64_t requests = batch ? m_s.load.count : m_s.load.requests;
    const std::int64_t total = requests * perRequest; // both bounded: ≤ 5e6 × 1e5
    if (total <= limits::maxTotalTasks)
        return;
    const std::string_view key = batch ? "count" : "requests";
    const toml::node *at = load ? load->get(key) : nullptr;
    m_diags.error(
        (at ? at : steps)->source(),
        fmt::format("{} requests × {} tasks each = {} tasks, more than the limit of {}; lower `load.{}` or the "
                    "fan-out",
                    withCommas(requests), withCommas(perRequest), withCommas(total), withCommas(limits::maxTotalTasks),
                    key));
}

Scenario ScenarioReader::read(const toml::table &root)
{
    readTop(root);

    if (const toml::table *machine = section(root, "machine")) {
        m_reader.rejectUnknownKeys(*machine, keysOf("machine"), "in [machine]");
        readNumericKeys(*machine, "machine");
    }
    const toml::table *load = section(root, "load");
    const std::size_t beforeLoad = m_diags.count();
    if (load)
        readLoad(*load);
    const bool loadOk = m_diags.count() == beforeLoad;

    if (const toml::table *pools = section(root, "pools"))
        readPools(*pools);

    const toml::table *request = section(root, "request");
    if (request) {
        const std::size_t unknown = m_reader.rejectUnknownKeys(*request, keysOf("request"), "in [request]");
        readNumericKeys(*request, "request");
        if (const toml::node *steps = request->get("steps")) {
            std::optional<std::vector<Step>> list = readSteps(m_reader, *steps, "request.steps", m_s.pools, 0);
            m_stepsOk = list.has_value();
            if (list)
                m_s.steps = std::move(*list);
        } else if (unknown == 0) { // a misspelt `steps` was reported already
            m_diags.error(request->source(), "[request] needs `steps`, what one request does, e.g. steps = [ { cpu = "
                                             "\"1ms\" } ]");
        }
    } else if (!root.get("request")) {
        m_diags.error("the scenario has no [request] table; add one with the request's steps, e.g. "
                      "[request] steps = [ { cpu = \"1ms\" } ]");
    }

    if (const toml::table *fibers = section(root, "fibers")) {
        m_reader.rejectUnknownKeys(*fibers, keysOf("fibers"), "in [fibers]");
        readNumericKeys(*fibers, "fibers");
        checkCommitted(*fibers, "fibers", "thread_stack_reserved", "thread_stack_committed",
                       m_s.fibers.threadStackReserved, m_s.fibers.threadStackCommitted);
    }
    if (const toml::table *eventLoop = section(root, "event_loop")) {
        m_reader.rejectUnknownKeys(*eventLoop, keysOf("event_loop"), "in [event_loop]");
        readNumericKeys(*eventLoop, "event_loop");
        checkCommitted(*eventLoop, "event_loop", "thread_stack_reserved", "thread_stack_committed",
                       m_s.eventLoop.threadStackReserved, m_s.eventLoop.threadStackCommitted);
    }
    if (const toml::table *threads = section(root, "threads"))
        readThreads(*threads);
    if (const toml::table *memory = section(root, "memory")) {
        m_reader.rejectUnknownKeys(*memory, keysOf("memory"), "in [memory]");
        if (const toml::node *n = memory->get("per"))
            m_s.memory.per =
                m_reader.choice<MemoryUnit>(*n, "memory.per", "memory unit", kMemoryUnits).value_or(m_s.memory.per);
    }
    if (const toml::table *sweep = section(root, "sweep"))
        readSweep(*sweep);
    if (const toml::table *cost = section(root, "cost")) {
        m_reader.rejectUnknownKeys(*cost, keysOf("cost"), "in [cost]");
        readNumericKeys(*cost, "cost");
        if (const toml::node *n = cost->get("prices_date"))
            m_s.cost.pricesDate = m_reader.text(*n, "cost.prices_date", 40).value_or(m_s.cost.pricesDate);
    }

    if (const toml::table *live = section(root, "live")) {
        m_reader.rejectUnknownKeys(*live, keysOf("live"), "in [live]");
        readNumericKeys(*live, "live");
    }
    if (const toml::table *narration = section(root, "narration")) {
        m_reader.rejectUnknownKeys(*narration, keysOf("narration"), "in [narration]");
        readNumericKeys(*narration, "narration");
    }

    checkTotals(request, load, loadOk);
    return m_s;
}

} // namespace

Scenario readScenario(const toml::table &root, Diagnostics &diags) { return ScenarioReader(diags).read(root); }

} // namespace conviz::scenario::detail
