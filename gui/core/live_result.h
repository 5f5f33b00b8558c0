// What `conviz-cli live FILE --json` prints, read into plain values: each model's measured figures
// from each source that measured it (`measured.cpp.<model>`: conviz's C++ executors;
// `measured.go.fibers`: real Go; `measured.node.event_loop`: real Node.js), the simulation of the same requests
// (`models.<model>`), the machine, and, when the CLI recorded one, the measured trace. Also the progress lines it
// writes to stderr while it runs. Qt Core only; any thread. docs/live.md describes the JSON.
#pragma once

#include "engine/metrics.h"
#include "engine/model_kind.h"
#include "engine/recorder.h" // Trace

#include <QList>
#include <QPointF>

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

namespace conviz::gui {

// Who measured a model: conviz's C++ executors (every model, with a trace), or the real Go and
// Node.js runners (resources/runners/; Go the fibers model, Node.js the event loop; no trace).
enum class MeasuredSource : std::uint8_t { Cpp, Go, Node };
inline constexpr std::array<MeasuredSource, 3> kAllSources{MeasuredSource::Cpp, MeasuredSource::Go,
                                                           MeasuredSource::Node};
// The JSON key under `measured`: "cpp", "go", "node" (also conviz-cli's --runtime names).
const char *sourceKey(MeasuredSource s);
// "C++", "Go", "Node.js": the source's short name in a headline or a legend.
QString sourceTitle(MeasuredSource s);
// Whether `s` can measure `model`: C++ every model, Go the fibers, Node.js the event loop.
bool sourceMeasures(MeasuredSource s, ModelKind model);

// A measured run's trace (`measured.cpp.<model>.trace`): which request ran on which thread and CPU
// and when, and each request's state changes. Times in ns since the run's start.
struct MeasuredTrace {
    enum class Role : std::uint8_t { Worker, Loop, Pool, Request };
    struct Thread {
        std::uint32_t serial = 0;
        Role role = Role::Worker;
    };
    struct Span {
        std::int64_t start = 0, end = 0;
        std::uint32_t cpu = 0, thread = 0, request = 0;
    };
    struct Task {
        std::int64_t time = 0;
        std::uint32_t request = 0;
        TaskState state = TaskState::Created;
    };
    std::vector<Thread> threads;
    std::vector<Span> spans;
    std::vector<Task> tasks;
    bool truncated = false;
};

// One model's measured figures, as the CLI printed them (latencies converted to ns).
// Points of a measured run's throughput over time on a chart: few enough to read as points.
inline constexpr int kMeasuredPointsOverTime = 40;

struct MeasuredModel {
    ModelKind model = ModelKind::Fibers;
    MeasuredSource source = MeasuredSource::Cpp;
    QString runtime; // the real runtime's version ("go1.19.8", "node v20.20.2"); empty for C++
    std::int64_t completed = 0, refused = 0, unfinished = 0;
    QString stopped; // "finished", "cancelled", "wall limit", "failed"; empty if not printed
    double throughputRps = 0;
    LatencySummary latency; // ns
    double cpuUtilization = 0;
    std::int64_t peakRssBytes = 0, peakVirtualBytes = 0;
    std::int64_t stackReservedBytes = 0, stackCommittedBytes = 0, tasksAtPeak = 0;
    std::int64_t peakTasks = 0, peakThreads = 0;
    std::int64_t voluntarySwitches = 0, involuntarySwitches = 0;
    double wallSeconds = 0;
    QString note;
    std::shared_ptr<const MeasuredTrace> trace; // null: no trace measured
    QList<QPointF> throughputOverTime;          // from the trace (s, req/s); empty without one

    // Committed (reserved) stack bytes per task at the sample with the most live tasks; 0 if none.
    std::int64_t committedPerTask() const { return tasksAtPeak > 0 ? stackCommittedBytes / tasksAtPeak : 0; }
    std::int64_t reservedPerTask() const { return tasksAtPeak > 0 ? stackReservedBytes / tasksAtPeak : 0; }
};

struct MachineDescription {
    int cpus = 0;
    QString modelName, kernel, loadAverage;
};

struct LiveResult {
    // [source][model], kAllSources and kAllModels order; absent: not run by that source.
    std::array<std::array<std::optional<MeasuredModel>, 3>, 3> measured;
    std::array<std::optional<ModelMetrics>, 3> simulated; // the same requests, simulated by the CLI
    MachineDescription machine;
    QStringList runnerErrors; // "real Go: …" for a runner that could not run (`measured.go.fibers.error`)

    const std::optional<MeasuredModel> &measuredOf(ModelKind m, MeasuredSource s = MeasuredSource::Cpp) const
    {
        return measured[static_cast<std::size_t>(s)][static_cast<std::size_t>(m)];
    }
    std::optional<MeasuredModel> &measuredOf(ModelKind m, MeasuredSource s = MeasuredSource::Cpp)
    {
        return measured[static_cast<std::size_t>(s)][static_cast<std::size_t>(m)];
    }
    // The sources that measured `m`, in kAllSources order.
    std::vector<MeasuredSource> sourcesOf(ModelKind m) const;
    // How many measured objects the result holds (a source per model).
    int measuredCount() const;
    const std::optional<ModelMetrics> &simulatedOf(ModelKind m) const { return simulated[static_cast<std::size_t>(m)]; }
};

// Reads the CLI's JSON; a sentence saying what is wrong if it is not that JSON.
std::variant<LiveResult, QString> parseLiveJson(const QByteArray &json);

// One progress line: `{"live_progress":{"model":"fibers","index":0,"models":3,"ended":120,"total":1000}}`.
struct LiveProgress {
    ModelKind model = ModelKind::Fibers;
    int index = 0;  // which of the run's models, from 0
    int models = 1; // how many models the run measures
    std::int64_t ended = 0, total = 0;
    // The whole run's fraction done, 0..1: the models before this one count as done.
    double fraction() const;
};

// The progress a stderr line reports, or nullopt for any other line (messages, warnings).
std::optional<LiveProgress> parseLiveProgress(QByteArrayView line);

// The measured trace as the engine's Trace, which the app's views draw: spans on the CPUs they ran
// on, each request's state changes (task serial = request index + 1), the threads' roles.
Trace toEngineTrace(const MeasuredTrace &measured, ModelKind model);

} // namespace conviz::gui
