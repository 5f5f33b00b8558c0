#include "cli/request_plan.h"

#include "engine/load_driver.h"
#include "engine/workload.h"
#include "report/json_writer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace conviz::cli {
namespace {

// A plan's format version: a runner refuses a plan whose version it does not know.
constexpr int kPlanVersion = 1;

const char *loadKindName(LoadKind k)
{
    switch (k) {
    case LoadKind::Open: return "open";
    case LoadKind::Closed: return "closed";
    case LoadKind::Batch: return "batch";
    }
    return "open";
}

// Program `p` of `plan` as a JSON array of steps; fan-out children nest as arrays of programs.
void writeProgram(std::string &out, const RequestPlan &plan, std::uint32_t p)
{
    out += '[';
    const Program &prog = plan.programs[p];
    for (std::uint32_t i = prog.begin; i < prog.end; ++i) {
        const Op &op = plan.ops[i];
        if (i > prog.begin)
            out += ',';
        switch (op.kind) {
        case OpKind::Cpu: out += fmt::format("{{\"cpu\":{}}}", op.value); break;
        case OpKind::CpuOffload: out += fmt::format("{{\"offload\":{}}}", op.value); break;
        case OpKind::Io:
            out += op.pool >= 0 ? fmt::format("{{\"io\":{},\"pool\":{}}}", op.value, op.pool)
                                : fmt::format("{{\"io\":{}}}", op.value);
            break;
        case OpKind::Blocking: out += fmt::format("{{\"blocking\":{}}}", op.value); break;
        case OpKind::Stack: out += fmt::format("{{\"stack\":{}}}", op.value); break;
        case OpKind::Fanout:
            out += "{\"fanout\":[";
            for (std::uint32_t c = 0; c < op.childCount; ++c) {
                if (c > 0)
                    out += ',';
                writeProgram(out, plan, op.childBegin + c);
            }
            out += "]}";
            break;
        }
    }
    out += ']';
}

std::int64_t requestsToIssue(const Scenario &s)
{
    return s.load.kind == LoadKind::Batch ? s.load.count : s.load.requests;
}

// Open load: the arrival times LoadGenerator issues, drawn one ahead and stopping at load.duration.
std::vector<std::int64_t> openArrivals(const Scenario &s)
{
    std::vector<std::int64_t> at;
    Workload::Arrivals arrivals(s.seed, s.load.rate);
    const std::int64_t n = requestsToIssue(s);
    for (std::int64_t i = 0; i < n; ++i) {
        const Nanos t = arrivals.next();
        if (!loadStillOpen(s, t))
            break;
        at.push_back(t.count());
    }
    return at;
}

} // namespace

std::string planJson(const Scenario &s)
{
    const Workload workload(s);
    std::vector<std::int64_t> arrivals;
    std::int64_t n = requestsToIssue(s);
    if (s.load.kind == LoadKind::Open) {
        arrivals = openArrivals(s);
        n = static_cast<std::int64_t>(arrivals.size());
    }
    const auto list = [](const std::vector<std::int64_t> &v) { return fmt::format("[{}]", fmt::join(v, ",")); };

    std::string out = "{\n";
    out += fmt::format("\"format\":\"conviz-plan\",\"version\":{},\n", kPlanVersion);
    out += fmt::format("\"scenario\":{},\"seed\":{},\n", report::jsonString(s.name), s.seed);
    out += fmt::format("\"model\":{{\"cores\":{},\"gomaxprocs\":{},\"threadpool\":{},\"processes\":{},"
                       "\"time_slice_ns\":{},\"preempt\":{}}},\n",
                       s.machine.cores, s.effectiveGomaxprocs(), s.eventLoop.threadpool, s.eventLoop.processes,
                       s.fibers.timeSlice.count(), s.live.preempt);
    out += "\"pools\":[";
    for (std::size_t i = 0; i < s.pools.size(); ++i)
        out += fmt::format("{}{{\"name\":{},\"size\":{}}}", i > 0 ? "," : "", report::jsonString(s.pools[i].name),
                           s.pools[i].size);
    out += "],\n";
    out += fmt::format("\"max_wall_ns\":{},\n", s.live.maxWall.count());
    out += fmt::format("\"load\":{{\"kind\":\"{}\",\"requests\":{},\"duration_ns\":{}", loadKindName(s.load.kind), n,
                       s.load.duration.count());
    if (s.load.kind == LoadKind::Open) {
        out += fmt::format(",\"rate\":{},\n\"arrivals_ns\":{}", s.load.rate, list(arrivals));
    } else if (s.load.kind == LoadKind::Closed) {
        std::vector<std::int64_t> think;
        think.reserve(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            think.push_back(workload.thinkTime(static_cast<std::uint64_t>(i)).count());
        out += fmt::format(",\"clients\":{},\n\"think_ns\":{}", s.load.clients, list(think));
    }
    out += "},\n\"requests\":[\n";
    RequestPlan plan;
    for (std::int64_t i = 0; i < n; ++i) {
        workload.plan(static_cast<std::uint64_t>(i), plan);
        writeProgram(out, plan, 0);
        out += i + 1 < n ? ",\n" : "\n";
    }
    out += "]}\n";
    return out;
}

std::string planSummary(const Scenario &s)
{
    const std::int64_t n = requestsToIssue(s);
    std::string load;
    switch (s.load.kind) {
    case LoadKind::Open: load = fmt::format("open arrivals at {} req/s", s.load.rate); break;
    case LoadKind::Closed: load = fmt::format("{} closed-load clients", s.load.clients); break;
    case LoadKind::Batch: load = "a batch released at once"; break;
    }
    return fmt::format("{}: {} requests, {}, {} tasks per request; GOMAXPROCS {}, libuv pool {} threads, {} "
                       "connection pools\nconviz-cli plan FILE --json writes every request's steps "
                       "(docs/live.md, \"The request plan\")\n",
                       s.name, n, load, tasksPerRequest(s.steps), s.effectiveGomaxprocs(), s.eventLoop.threadpool,
                       s.pools.size());
}

} // namespace conviz::cli
