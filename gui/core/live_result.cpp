#include "gui/core/live_result.h"

#include "gui/core/run_snapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <map>

namespace conviz::gui {
namespace {

std::int64_t int64Of(const QJsonValue &v) { return static_cast<std::int64_t>(v.toDouble()); }

LatencySummary latencyOf(const QJsonObject &ms)
{
    // The CLI prints milliseconds; the app's views take nanoseconds as the engine does.
    LatencySummary l;
    l.mean = ms[u"mean"].toDouble() * 1e6;
    l.p50 = ms[u"p50"].toDouble() * 1e6;
    l.p90 = ms[u"p90"].toDouble() * 1e6;
    l.p99 = ms[u"p99"].toDouble() * 1e6;
    l.max = ms[u"max"].toDouble() * 1e6;
    return l;
}

std::optional<TaskState> taskStateOf(const QString &name)
{
    static const std::map<QString, TaskState> states{
        {QStringLiteral("running"), TaskState::Running},  {QStringLiteral("io"), TaskState::IoWait},
        {QStringLiteral("pool"), TaskState::PoolWait},    {QStringLiteral("blocked"), TaskState::Blocked},
        {QStringLiteral("joining"), TaskState::Joining},  {QStringLiteral("done"), TaskState::Done},
        {QStringLiteral("refused"), TaskState::Refused},  {QStringLiteral("created"), TaskState::Created},
        {QStringLiteral("runnable"), TaskState::Runnable}};
    const auto it = states.find(name);
    return it == states.end() ? std::nullopt : std::optional(it->second);
}

// A trace that is not the documented shape is dropped whole (the figures stand without it).
std::shared_ptr<const MeasuredTrace> traceOf(const QJsonValue &value)
{
    if (!value.isObject())
        return nullptr;
    const QJsonObject o = value.toObject();
    auto t = std::make_shared<MeasuredTrace>();
    t->truncated = o[u"truncated"].toBool();
    for (const QJsonValue &row : o[u"threads"].toArray()) {
        const QJsonArray a = row.toArray();
        if (a.size() < 2)
            return nullptr;
        const QString role = a[1].toString();
        const MeasuredTrace::Role r = role == u"loop"      ? MeasuredTrace::Role::Loop
                                      : role == u"pool"    ? MeasuredTrace::Role::Pool
                                      : role == u"request" ? MeasuredTrace::Role::Request
                                                           : MeasuredTrace::Role::Worker;
        t->threads.push_back({static_cast<std::uint32_t>(a[0].toInt()), r});
    }
    for (const QJsonValue &row : o[u"spans"].toArray()) {
        const QJsonArray a = row.toArray();
        if (a.size() < 5)
            return nullptr;
        t->spans.push_back({int64Of(a[0]), int64Of(a[1]), static_cast<std::uint32_t>(a[2].toInt()),
                            static_cast<std::uint32_t>(a[3].toInt()), static_cast<std::uint32_t>(a[4].toInt())});
    }
    for (const QJsonValue &row : o[u"tasks"].toArray()) {
        const QJsonArray a = row.toArray();
        const auto state = a.size() >= 3 ? taskStateOf(a[2].toString()) : std::nullopt;
        if (!state)
            return nullptr;
        t->tasks.push_back({int64Of(a[0]), static_cast<std::uint32_t>(a[1].toInt()), *state});
    }
    return t;
}

MeasuredModel measuredOf(ModelKind model, MeasuredSource source, const QJsonObject &o)
{
    MeasuredModel m;
    m.model = model;
    m.source = source;
    m.runtime = o[u"runtime"].toString();
    m.completed = int64Of(o[u"completed"]);
    m.refused = int64Of(o[u"refused"]);
    m.unfinished = int64Of(o[u"unfinished"]);
    m.stopped = o[u"stopped"].toString();
    m.throughputRps = o[u"throughput_rps"].toDouble();
    m.latency = latencyOf(o[u"latency_ms"].toObject());
    m.latency.count = m.completed;
    m.cpuUtilization = o[u"cpu_utilization"].toDouble();
    const QJsonObject mem = o[u"memory"].toObject();
    m.peakRssBytes = int64Of(mem[u"peak_rss_bytes"]);
    m.peakVirtualBytes = int64Of(mem[u"peak_virtual_bytes"]);
    m.stackReservedBytes = int64Of(mem[u"stack_reserved_bytes"]);
    m.stackCommittedBytes = int64Of(mem[u"stack_committed_bytes"]);
    m.tasksAtPeak = int64Of(mem[u"tasks_at_peak"]);
    m.peakTasks = int64Of(o[u"peak_tasks"]);
    m.peakThreads = int64Of(o[u"peak_threads"]);
    const QJsonObject switches = o[u"context_switches"].toObject();
    m.voluntarySwitches = int64Of(switches[u"voluntary"]);
    m.involuntarySwitches = int64Of(switches[u"involuntary"]);
    m.wallSeconds = o[u"wall_seconds"].toDouble();
    m.note = o[u"note"].toString();
    m.trace = traceOf(o[u"trace"]);
    if (m.trace) // once, here: every later result in Both mode only copies it onto its chart
        m.throughputOverTime = throughputSeries(toEngineTrace(*m.trace, model),
                                                Nanos{std::max<std::int64_t>(1, std::llround(m.wallSeconds * 1e9))},
                                                kMeasuredPointsOverTime);
    return m;
}

ModelMetrics simulatedOf(ModelKind model, const QJsonObject &o)
{
    ModelMetrics m;
    m.model = model;
    m.completed = int64Of(o[u"completed"]);
    m.refused = int64Of(o[u"refused"]);
    m.issued = o.contains(u"issued") ? int64Of(o[u"issued"]) : m.completed + m.refused;
    m.measured = o.contains(u"measured") ? int64Of(o[u"measured"]) : m.completed;
    m.throughputRps = o[u"throughput_rps"].toDouble();
    m.latency = latencyOf(o[u"latency_ms"].toObject());
    m.latency.count = m.measured;
    m.cpuUtilization = o[u"cpu_utilization"].toDouble();
    const QJsonObject mem = o[u"memory"].toObject();
    m.memory.peakCommitted = int64Of(mem[u"peak_committed_bytes"]);
    m.memory.peakReserved = int64Of(mem[u"peak_reserved_bytes"]);
    m.memory.peakStackCommitted = int64Of(mem[u"peak_stack_committed_bytes"]);
    m.memory.peakStackReserved = int64Of(mem[u"peak_stack_reserved_bytes"]);
    m.peakTasks = int64Of(o[u"peak_tasks"]);
    return m;
}

} // namespace

std::variant<LiveResult, QString> parseLiveJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (doc.isNull())
        return QStringLiteral("conviz-cli printed no readable result (%1 at byte %2)")
            .arg(error.errorString())
            .arg(error.offset);
    const QJsonObject root = doc.object();
    const QJsonObject measured = root[u"measured"].toObject();
    LiveResult out;
    const QJsonObject models = root[u"models"].toObject();
    for (const ModelKind m : kAllModels) {
        const QString key = QString::fromLatin1(modelKey(m));
        for (const MeasuredSource s : kAllSources) {
            const QJsonObject o = measured[QString::fromLatin1(sourceKey(s))].toObject()[key].toObject();
            if (o.isEmpty() || !sourceMeasures(s, m))
                continue;
            if (o.contains(u"error")) // the runner could not run: its sentence, no figures
                out.runnerErrors.push_back(QStringLiteral("real %1: %2").arg(sourceTitle(s), o[u"error"].toString()));
            else
                out.measuredOf(m, s) = measuredOf(m, s, o);
        }
        if (models.contains(key))
            out.simulated[static_cast<std::size_t>(m)] = simulatedOf(m, models[key].toObject());
    }
    if (out.measuredCount() == 0)
        return out.runnerErrors.isEmpty()
                   ? QStringLiteral("conviz-cli's result holds no measured model (measured.cpp, measured.go and "
                                    "measured.node are missing or empty)")
                   : out.runnerErrors.join(QLatin1Char('\n'));
    const QJsonObject machine = root[u"machine"].toObject();
    out.machine = {machine[u"cpus"].toInt(), machine[u"model_name"].toString(), machine[u"kernel"].toString(),
                   machine[u"load_average"].toString()};
    return out;
}

const char *sourceKey(MeasuredSource s)
{
    switch (s) {
    case MeasuredSource::Cpp: return "cpp";
    case MeasuredSource::Go: return "go";
    case MeasuredSource::Node: return "node";
    }
    return "cpp";
}

QString sourceTitle(MeasuredSource s)
{
    switch (s) {
    case MeasuredSource::Cpp: return QStringLiteral("C++");
    case MeasuredSource::Go: return QStringLiteral("Go");
    case MeasuredSource::Node: return QStringLiteral("Node.js");
    }
    return QString();
}

bool sourceMeasures(MeasuredSource s, ModelKind model)
{
    return s == MeasuredSource::Cpp || (s == MeasuredSource::Go && model == ModelKind::Fibers) ||
           (s == MeasuredSource::Node && model == ModelKind::EventLoop);
}

std::vector<MeasuredSource> LiveResult::sourcesOf(ModelKind m) const
{
    std::vector<MeasuredSource> out;
    for (const MeasuredSource s : kAllSources)
        if (measuredOf(m, s))
            out.push_back(s);
    return out;
}

int LiveResult::measuredCount() const
{
    int n = 0;
    for (const auto &source : measured)
        for (const auto &m : source)
            n += m ? 1 : 0;
    return n;
}

double LiveProgress::fraction() const
{
    const double within = total > 0 ? std::clamp(static_cast<double>(ended) / static_cast<double>(total), 0.0, 1.0) : 0;
    return std::clamp((index + within) / std::max(models, 1), 0.0, 1.0);
}

std::optional<LiveProgress> parseLiveProgress(QByteArrayView line)
{
    const QByteArray trimmed = line.trimmed().toByteArray();
    if (!trimmed.startsWith('{'))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed);
    const QJsonObject p = doc.object()[u"live_progress"].toObject();
    if (p.isEmpty())
        return std::nullopt;
    const auto model = modelFromKey(p[u"model"].toString().toStdString());
    if (!model)
        return std::nullopt;
    LiveProgress out;
    out.model = *model;
    out.index = p[u"index"].toInt();
    out.models = std::max(1, p[u"models"].toInt(1));
    out.ended = int64Of(p[u"ended"]);
    out.total = int64Of(p[u"total"]);
    return out;
}

Trace toEngineTrace(const MeasuredTrace &measured, ModelKind model)
{
    Trace t;
    for (const MeasuredTrace::Thread &th : measured.threads) {
        const ThreadRole role = th.role == MeasuredTrace::Role::Loop   ? ThreadRole::Loop
                                : th.role == MeasuredTrace::Role::Pool ? ThreadRole::PoolThread
                                : model == ModelKind::Fibers           ? ThreadRole::Machine
                                                                       : ThreadRole::Worker;
        t.threads.push_back({Nanos{0}, th.serial, role, 0, false});
    }
    // One CPU runs one thread at a time, but the ends the executors read from their clocks can
    // overlap by a few ns: each CPU's spans in time order, each starting no earlier than the last ended.
    std::vector<MeasuredTrace::Span> spans = measured.spans;
    std::sort(spans.begin(), spans.end(),
              [](const auto &a, const auto &b) { return std::tie(a.cpu, a.start) < std::tie(b.cpu, b.start); });
    std::map<std::uint32_t, std::int64_t> lastEnd;
    std::vector<Span> cpuSpans;
    for (const MeasuredTrace::Span &s : spans) {
        const std::int64_t start = std::max(s.start, lastEnd[s.cpu]);
        if (s.end <= start)
            continue;
        lastEnd[s.cpu] = s.end;
        cpuSpans.push_back(
            {Nanos{start}, Nanos{s.end}, s.cpu, s.thread, std::uint64_t{s.request} + 1, s.request, SpanKind::Work});
    }
    std::stable_sort(cpuSpans.begin(), cpuSpans.end(), [](const Span &a, const Span &b) { return a.end < b.end; });
    t.spans = PackedLog<Span>(cpuSpans.begin(), cpuSpans.end());
    // Each request's state changes; its first one also creates it, as the engine's Recorder has it.
    std::vector<MeasuredTrace::Task> tasks = measured.tasks;
    std::stable_sort(tasks.begin(), tasks.end(), [](const auto &a, const auto &b) { return a.time < b.time; });
    std::map<std::uint32_t, bool> seen;
    std::int64_t inFlight = 0;
    std::vector<CounterSample> counters;
    for (const MeasuredTrace::Task &e : tasks) {
        const std::uint64_t task = std::uint64_t{e.request} + 1;
        if (!seen[e.request]) {
            seen[e.request] = true;
            t.tasks.push_back({Nanos{e.time}, task, e.request, 0, TaskState::Created, Place::None, 0, -1});
            counters.push_back({Nanos{e.time}, Counter::InFlight, 0, ++inFlight});
        }
        t.tasks.push_back({Nanos{e.time}, task, e.request, 0, e.state,
                           e.state == TaskState::Running ? Place::Core : Place::None, 0, -1});
        if (e.state == TaskState::Done || e.state == TaskState::Refused) {
            counters.push_back({Nanos{e.time}, Counter::InFlight, 0, --inFlight});
            if (e.state == TaskState::Done)
                t.completions.push_back(Nanos{e.time});
        }
    }
    counters.push_back({Nanos{0}, Counter::Threads, 0, static_cast<std::int64_t>(measured.threads.size())});
    std::stable_sort(counters.begin(), counters.end(),
                     [](const CounterSample &a, const CounterSample &b) { return a.time < b.time; });
    t.counters = PackedLog<CounterSample>(counters.begin(), counters.end());
    if (measured.truncated) {
        std::int64_t last = 0;
        for (const Span &s : t.spans)
            last = std::max(last, s.end.count());
        for (const TaskEvent &e : t.tasks)
            last = std::max(last, e.time.count());
        t.truncatedAt = Nanos{last};
    }
    return t;
}

} // namespace conviz::gui
