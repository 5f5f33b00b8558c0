#include "gui/core/knobs.h"

#include <algorithm>
#include <cmath>

namespace conviz::gui {
namespace {

constexpr double kUs = 1e3, kMs = 1e6, kS = 1e9;
constexpr double kKiB = 1024, kMiB = 1024 * 1024;

// Sum of the means of the top-level steps of one kind (offloaded CPU counted apart).
double stepTotal(const std::vector<Step> &steps, StepKind kind, bool offload = false)
{
    double total = 0;
    for (const Step &s : steps)
        if (s.kind == kind && (kind != StepKind::Cpu || s.offload == offload))
            total += static_cast<double>(s.duration.mean.count());
    return total;
}

// Scales those steps so their means add up to `value` (keeping their proportions and, for
// lognormal steps, the p99/mean ratio).
void setStepTotal(std::vector<Step> &steps, StepKind kind, double value, bool offload = false)
{
    const double total = stepTotal(steps, kind, offload);
    std::size_t n = 0;
    for (const Step &s : steps)
        n += s.kind == kind && (kind != StepKind::Cpu || s.offload == offload) ? 1 : 0;
    for (Step &s : steps) {
        if (s.kind != kind || (kind == StepKind::Cpu && s.offload != offload))
            continue;
        const double old = static_cast<double>(s.duration.mean.count());
        const double next = total > 0 ? old * value / total : value / static_cast<double>(n);
        const double ratio = old > 0 ? static_cast<double>(s.duration.p99.count()) / old : 0;
        s.duration.mean = Nanos{std::llround(next)};
        if (s.duration.kind == Distribution::LogNormal)
            s.duration.p99 = Nanos{std::llround(next * ratio)};
    }
}

bool hasStep(const std::vector<Step> &steps, StepKind kind, bool offload = false)
{
    return std::any_of(steps.begin(), steps.end(), [&](const Step &s) {
        return s.kind == kind && (kind != StepKind::Cpu || s.offload == offload);
    });
}

Step *firstFanout(std::vector<Step> &steps)
{
    const auto it = std::find_if(steps.begin(), steps.end(), [](const Step &s) { return s.kind == StepKind::Fanout; });
    return it == steps.end() ? nullptr : &*it;
}
const Step *firstFanout(const std::vector<Step> &steps)
{
    const auto it = std::find_if(steps.begin(), steps.end(), [](const Step &s) { return s.kind == StepKind::Fanout; });
    return it == steps.end() ? nullptr : &*it;
}

std::int64_t maxStack(const std::vector<Step> &steps)
{
    std::int64_t m = 0;
    for (const Step &s : steps)
        if (s.kind == StepKind::Stack)
            m = std::max(m, s.bytes);
    return m;
}

// Knob builders: one line per knob below.
Knob nanos(QString id, QString group, QString label, QString tip, double min, double max, double divisor,
           Nanos &(*field)(Scenario &))
{
    const QString suffix = divisor == kUs ? QStringLiteral(" µs")
                          : divisor == kMs ? QStringLiteral(" ms")
                          : divisor == kS  ? QStringLiteral(" s")
                                           : QStringLiteral(" ns");
    return {std::move(id), std::move(group), std::move(label), std::move(tip), KnobUnit::Duration, min, max, true,
            divisor, suffix, divisor == 1 ? 0 : 2,
            [field](const Scenario &s) { return static_cast<double>(field(const_cast<Scenario &>(s)).count()); },
            [field](Scenario &s, double v) { field(s) = Nanos{std::llround(v)}; }};
}

Knob bytes(QString id, QString group, QString label, QString tip, double min, double max, double divisor,
           std::int64_t &(*field)(Scenario &))
{
    return {std::move(id), std::move(group), std::move(label), std::move(tip), KnobUnit::Size, min, max, true, divisor,
            divisor == kMiB ? QStringLiteral(" MiB") : divisor == kKiB ? QStringLiteral(" KiB") : QStringLiteral(" B"),
            divisor == 1 ? 0 : 1,
            [field](const Scenario &s) { return static_cast<double>(field(const_cast<Scenario &>(s))); },
            [field](Scenario &s, double v) { field(s) = std::llround(v); }};
}

template <typename T>
Knob count(QString id, QString group, QString label, QString tip, double min, double max, bool log, T &(*field)(Scenario &))
{
    return {std::move(id), std::move(group), std::move(label), std::move(tip), KnobUnit::Count, min, max, log, 1,
            QString(), 0,
            [field](const Scenario &s) { return static_cast<double>(field(const_cast<Scenario &>(s))); },
            [field](Scenario &s, double v) { field(s) = static_cast<T>(std::llround(v)); }};
}

void loadKnobs(const Scenario &sc, std::vector<Knob> &out)
{
    const QString g = QStringLiteral("Load");
    switch (sc.load.kind) {
    case LoadKind::Open:
        out.push_back({QStringLiteral("load.rate"), g, QStringLiteral("Arrival rate"),
                       QStringLiteral("Requests arriving per second (Poisson, open load): clients do not wait for "
                                      "answers, so an overloaded model builds an ever longer queue."),
                       KnobUnit::Rate, 1, 1e6, true, 1, QStringLiteral(" req/s"), 0,
                       [](const Scenario &s) { return s.load.rate; }, [](Scenario &s, double v) { s.load.rate = v; }});
        break;
    case LoadKind::Closed:
        out.push_back(count(QStringLiteral("load.clients"), g, QStringLiteral("Clients"),
                            QStringLiteral("Concurrent clients (closed load): each sends a request, waits for the "
                                           "answer, thinks, and sends the next."),
                            1, 100000, true, +[](Scenario &s) -> std::int64_t & { return s.load.clients; }));
        out.push_back(nanos(QStringLiteral("load.think"), g, QStringLiteral("Think time"),
                            QStringLiteral("Mean pause between a client's answer and its next request."), 0, 10 * kS,
                            kMs, +[](Scenario &s) -> Nanos & { return s.load.think.mean; }));
        break;
    case LoadKind::Batch:
        out.push_back(count(QStringLiteral("load.count"), g, QStringLiteral("Requests at once"),
                            QStringLiteral("Requests released together at t = 0 (batch load): how many tasks each "
                                           "model must hold at the same time."),
                            1, 1000000, true, +[](Scenario &s) -> std::int64_t & { return s.load.count; }));
        break;
    }
    if (sc.load.kind != LoadKind::Batch)
        out.push_back(count(QStringLiteral("load.requests"), g, QStringLiteral("Requests in the run"),
                            QStringLiteral("How many requests the run issues. More gives steadier numbers and a "
                                           "longer run to play back; fewer recomputes faster."),
                            10, 1000000, true, +[](Scenario &s) -> std::int64_t & { return s.load.requests; }));
}

void requestKnobs(const Scenario &sc, std::vector<Knob> &out)
{
    const QString g = QStringLiteral("Request");
    const auto durationKnob = [&](QString id, QString label, QString tip, StepKind kind, bool offload, double max) {
        // The unit that suits the scenario's value: µs for short bursts, ms for waits, s for long ones.
        const double now = stepTotal(sc.steps, kind, offload);
        const double divisor = now >= kS ? kS : now >= kMs ? kMs : kUs;
        const QString suffix = divisor == kS ? QStringLiteral(" s") : divisor == kMs ? QStringLiteral(" ms") : QStringLiteral(" µs");
        Knob k{std::move(id), g, std::move(label), std::move(tip), KnobUnit::Duration, 0, max, true, divisor,
               suffix, divisor == kUs ? 1 : 2,
               [kind, offload](const Scenario &s) { return stepTotal(s.steps, kind, offload); },
               [kind, offload](Scenario &s, double v) { setStepTotal(s.steps, kind, v, offload); }};
        out.push_back(std::move(k));
    };
    if (hasStep(sc.steps, StepKind::Cpu))
        durationKnob(QStringLiteral("request.cpu"), QStringLiteral("CPU per request"),
                     QStringLiteral("CPU time one request needs (the sum of its CPU steps). CPU-bound work is where "
                                    "the models differ most: one event loop uses one core."),
                     StepKind::Cpu, false, 10 * kS);
    if (hasStep(sc.steps, StepKind::Cpu, true))
        durationKnob(QStringLiteral("request.offload"), QStringLiteral("Offloaded CPU (crypto, zlib)"),
                     QStringLiteral("CPU work Node runs on its libuv pool (crypto, zlib); Go and threads run it inline."),
                     StepKind::Cpu, true, 10 * kS);
    if (hasStep(sc.steps, StepKind::Io))
        durationKnob(QStringLiteral("request.io"), QStringLiteral("Network wait per request"),
                     QStringLiteral("Time a request waits on the network (database, HTTP call, cache). A goroutine "
                                    "parks on the netpoller, Node waits in epoll, a thread blocks."),
                     StepKind::Io, false, 100 * kS);
    if (hasStep(sc.steps, StepKind::Blocking))
        durationKnob(QStringLiteral("request.blocking"), QStringLiteral("Blocking call per request"),
                     QStringLiteral("A blocking syscall or file read: Node sends it to the libuv pool, Go blocks the "
                                    "M and hands its P to another thread, a thread just blocks."),
                     StepKind::Blocking, false, 100 * kS);
    if (firstFanout(sc.steps))
        out.push_back({QStringLiteral("request.fanout"), g, QStringLiteral("Fan-out width"),
                       QStringLiteral("Children each request spawns and joins (goroutines / Promise.all / threads)."),
                       KnobUnit::Count, 1, 10000, true, 1, QString(), 0,
                       [](const Scenario &s) {
                           const Step *f = firstFanout(s.steps);
                           return f ? static_cast<double>(f->count) : 0.0;
                       },
                       [](Scenario &s, double v) {
                           if (Step *f = firstFanout(s.steps))
                               f->count = std::max<std::int64_t>(1, std::llround(v));
                       }});
    if (maxStack(sc.steps) > 0)
        out.push_back({QStringLiteral("request.stack"), g, QStringLiteral("Stack depth"),
                       QStringLiteral("How deep a request's stack goes. Goroutine stacks grow by doubling and copying; "
                                      "a thread's pages are committed as they are touched."),
                       KnobUnit::Size, 1024, 64 * kMiB, true, kKiB, QStringLiteral(" KiB"), 0,
                       [](const Scenario &s) { return static_cast<double>(maxStack(s.steps)); },
                       [](Scenario &s, double v) {
                           const std::int64_t old = maxStack(s.steps);
                           for (Step &st : s.steps)
                               if (st.kind == StepKind::Stack && st.bytes == old)
                                   st.bytes = std::max<std::int64_t>(1, std::llround(v));
                       }});
}

} // namespace

std::vector<Knob> knobsFor(const Scenario &sc)
{
    std::vector<Knob> out;
    loadKnobs(sc, out);
    requestKnobs(sc, out);

    const QString machine = QStringLiteral("Machine");
    out.push_back(count(QStringLiteral("machine.cores"), machine, QStringLiteral("CPU cores"),
                        QStringLiteral("Cores of the simulated machine, shared by all of a model's OS threads."), 1, 64,
                        false, +[](Scenario &s) -> int & { return s.machine.cores; }));
    for (std::size_t i = 0; i < sc.pools.size(); ++i) {
        const QString name = QString::fromStdString(sc.pools[i].name);
        out.push_back({QStringLiteral("pools.%1").arg(i), QStringLiteral("Pools"),
                       QStringLiteral("“%1” connections").arg(name),
                       QStringLiteral("Connections in pool “%1”, the same for every model: a request holds one "
                                      "during its network wait, the rest queue.")
                           .arg(name),
                       KnobUnit::Count, 1, 10000, true, 1, QString(), 0,
                       [i](const Scenario &s) { return i < s.pools.size() ? static_cast<double>(s.pools[i].size) : 0.0; },
                       [i](Scenario &s, double v) {
                           if (i < s.pools.size())
                               s.pools[i].size = std::max<std::int64_t>(1, std::llround(v));
                       }});
    }

    const QString go = QStringLiteral("Go (fibers)");
    out.push_back(count(QStringLiteral("fibers.gomaxprocs"), go, QStringLiteral("GOMAXPROCS"),
                        QStringLiteral("Logical processors (P) that run goroutines; 0 means one per core (the "
                                       "default since Go 1.5)."),
                        0, 64, false, +[](Scenario &s) -> int & { return s.fibers.gomaxprocs; }));
    out.push_back(bytes(QStringLiteral("fibers.stack_initial"), go, QStringLiteral("Initial goroutine stack"),
                        QStringLiteral("A goroutine's first stack: 2 KiB since Go 1.4. It doubles by copying when a "
                                       "call chain needs more."),
                        512, 1 * kMiB, kKiB, +[](Scenario &s) -> std::int64_t & { return s.fibers.stackInitial; }));
    out.push_back(nanos(QStringLiteral("fibers.time_slice"), go, QStringLiteral("Time slice"),
                        QStringLiteral("A goroutine that runs this long is preempted (forcePreemptNS, 10 ms)."), 1e4,
                        1e9, kMs, +[](Scenario &s) -> Nanos & { return s.fibers.timeSlice; }));
    out.push_back(nanos(QStringLiteral("fibers.switch_cost"), go, QStringLiteral("Goroutine switch"),
                        QStringLiteral("CPU one goroutine switch costs (measured 120–130 ns)."), 0, 1e5, 1,
                        +[](Scenario &s) -> Nanos & { return s.fibers.switchCost; }));
    out.push_back(nanos(QStringLiteral("fibers.spawn_cost"), go, QStringLiteral("Goroutine spawn"),
                        QStringLiteral("CPU for go f() plus exit (measured 0.4–0.55 µs)."), 0, 1e6, kUs,
                        +[](Scenario &s) -> Nanos & { return s.fibers.spawnCost; }));
    out.push_back(nanos(QStringLiteral("fibers.handoff_delay"), go, QStringLiteral("Syscall hand-off delay"),
                        QStringLiteral("How long a P waits with a goroutine blocked in a syscall before sysmon hands "
                                       "it to another OS thread (≥ 20 µs)."),
                        0, 1e8, kUs, +[](Scenario &s) -> Nanos & { return s.fibers.handoffDelay; }));

    const QString node = QStringLiteral("Node.js (event loop)");
    out.push_back(count(QStringLiteral("event_loop.processes"), node, QStringLiteral("Processes (cluster)"),
                        QStringLiteral("Node processes, each with one JavaScript thread; connections are dealt "
                                       "round-robin (the cluster module)."),
                        1, 64, false, +[](Scenario &s) -> int & { return s.eventLoop.processes; }));
    out.push_back(count(QStringLiteral("event_loop.threadpool"), node, QStringLiteral("libuv pool size"),
                        QStringLiteral("Threads in each process's libuv pool (UV_THREADPOOL_SIZE, default 4): "
                                       "blocking file, DNS and crypto work waits for one."),
                        1, 128, true, +[](Scenario &s) -> int & { return s.eventLoop.threadpool; }));
    out.push_back({QStringLiteral("event_loop.cpu_factor"), node, QStringLiteral("JS CPU factor"),
                   QStringLiteral("CPU time of JavaScript relative to the others; 1.0 = as fast (true for a trivial "
                                  "HTTP handler)."),
                   KnobUnit::Factor, 0.1, 10, true, 1, QStringLiteral(" ×"), 2,
                   [](const Scenario &s) { return s.eventLoop.cpuFactor; },
                   [](Scenario &s, double v) { s.eventLoop.cpuFactor = v; }});
    out.push_back(bytes(QStringLiteral("event_loop.task_memory"), node, QStringLiteral("Heap per pending request"),
                        QStringLiteral("V8 heap per pending request (promises, closures): about 0.5 KiB."), 16,
                        1 * kMiB, 1, +[](Scenario &s) -> std::int64_t & { return s.eventLoop.taskMemory; }));

    const QString th = QStringLiteral("OS threads");
    if (sc.threads.mode == ThreadMode::Pool)
        out.push_back(count(QStringLiteral("threads.pool_size"), th, QStringLiteral("Thread pool size"),
                            QStringLiteral("Worker threads created at start; requests queue for a free one."), 1,
                            100000, true, +[](Scenario &s) -> std::int64_t & { return s.threads.poolSize; }));
    out.push_back(count(QStringLiteral("threads.max_threads"), th, QStringLiteral("Thread limit"),
                        QStringLiteral("Threads the process may have; a request that needs one more is refused "
                                       "(vm.max_map_count allows about 32k)."),
                        1, 1000000, true, +[](Scenario &s) -> std::int64_t & { return s.threads.maxThreads; }));
    out.push_back(bytes(QStringLiteral("threads.stack_reserved"), th, QStringLiteral("Stack reserved"),
                        QStringLiteral("Virtual address space each thread's stack reserves: 8 MiB on Linux, 1 MiB "
                                       "for the JVM and Windows. Not resident until touched."),
                        64 * kKiB, 64 * kMiB, kMiB, +[](Scenario &s) -> std::int64_t & { return s.threads.stackReserved; }));
    out.push_back(bytes(QStringLiteral("threads.stack_touched"), th, QStringLiteral("Stack committed (idle)"),
                        QStringLiteral("Resident part of an idle thread's stack: about 8 KiB measured."), 4 * kKiB,
                        8 * kMiB, kKiB, +[](Scenario &s) -> std::int64_t & { return s.threads.stackTouched; }));
    out.push_back(nanos(QStringLiteral("threads.switch_cost"), th, QStringLiteral("Context switch"),
                        QStringLiteral("CPU a kernel context switch costs (1–4 µs direct); also paid by Go's and "
                                       "Node's OS threads."),
                        0, 1e6, kUs, +[](Scenario &s) -> Nanos & { return s.threads.switchCost; }));
    out.push_back(nanos(QStringLiteral("threads.spawn_cost"), th, QStringLiteral("Thread creation"),
                        QStringLiteral("CPU for pthread_create plus join (30–70 µs)."), 0, 1e7, kUs,
                        +[](Scenario &s) -> Nanos & { return s.threads.spawnCost; }));
    out.push_back(nanos(QStringLiteral("threads.time_slice"), th, QStringLiteral("Kernel time slice"),
                        QStringLiteral("How long the kernel lets a thread run before another gets the core; 0 = "
                                       "the EEVDF default for the core count."),
                        0, 1e9, kMs, +[](Scenario &s) -> Nanos & { return s.threads.timeSlice; }));
    return out;
}

const Knob *findKnob(const std::vector<Knob> &knobs, const QString &id)
{
    const auto it = std::find_if(knobs.begin(), knobs.end(), [&](const Knob &k) { return k.id == id; });
    return it == knobs.end() ? nullptr : &*it;
}

QString defaultSweepKnob(const Scenario &s)
{
    switch (s.load.kind) {
    case LoadKind::Open: return QStringLiteral("load.rate");
    case LoadKind::Closed: return QStringLiteral("load.clients");
    case LoadKind::Batch: return QStringLiteral("load.count");
    }
    return QStringLiteral("load.rate");
}

} // namespace conviz::gui
