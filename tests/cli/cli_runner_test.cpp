// `conviz-cli plan` and the real Go and Node.js runners behind `conviz-cli live --runtime go,node`:
// the plan holds exactly the Workload's requests, each runner completes small CPU-bound, I/O-bound
// and blocking plans with the figures their runtime must give, and a missing toolchain is named
// with what to install. The runners need `go` and `node` (packaging/install-deps.sh installs them).
#include "cli_process.h"

#include "engine/scenario/scenario_file.h"
#include "engine/workload.h"

#include <QJsonArray>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

using conviz::test::runCli;
using conviz::test::writeTemp;

namespace {

// Every step kind, a connection pool, nested fan-out and an open load.
const std::string kEveryStep = R"(name = "every step"
seed = 7
[load]
kind = "open"
rate = 500.0
requests = 40
[request]
steps = [
  { cpu = "100us", dist = "exp" },
  { cpu = "50us", offload = true },
  { io = "2ms", dist = "lognormal", p99 = "8ms", pool = "db" },
  { blocking = "1ms", dist = "exp" },
  { stack = "16KiB" },
  { fanout = 3, steps = [ { io = "1ms", dist = "exp" }, { fanout = 2, steps = [ { cpu = "10us" } ] } ] },
]
[pools]
db = 5
)";

QJsonObject field(const QJsonObject &o, const char *key) { return o[QLatin1String(key)].toObject(); }
double number(const QJsonObject &o, const char *key) { return o[QLatin1String(key)].toDouble(); }

// Program `p` of `plan` against the plan's JSON array of steps.
void expectSameProgram(const conviz::RequestPlan &plan, std::uint32_t p, const QJsonArray &steps, const std::string &at)
{
    const conviz::Program &prog = plan.programs[p];
    ASSERT_EQ(steps.size(), static_cast<qsizetype>(prog.end - prog.begin)) << at;
    for (std::uint32_t i = prog.begin; i < prog.end; ++i) {
        const conviz::Op &op = plan.ops[i];
        const QJsonObject s = steps[static_cast<qsizetype>(i - prog.begin)].toObject();
        const std::string where = at + " step " + std::to_string(i - prog.begin);
        const auto value = [&](const char *key) { return static_cast<std::int64_t>(s[QLatin1String(key)].toDouble()); };
        switch (op.kind) {
        case conviz::OpKind::Cpu: EXPECT_EQ(value("cpu"), op.value) << where; break;
        case conviz::OpKind::CpuOffload: EXPECT_EQ(value("offload"), op.value) << where; break;
        case conviz::OpKind::Io:
            EXPECT_EQ(value("io"), op.value) << where;
            EXPECT_EQ(s.contains(QLatin1String("pool")) ? value("pool") : -1, op.pool) << where;
            break;
        case conviz::OpKind::Blocking: EXPECT_EQ(value("blocking"), op.value) << where; break;
        case conviz::OpKind::Stack: EXPECT_EQ(value("stack"), op.value) << where; break;
        case conviz::OpKind::Fanout: {
            const QJsonArray children = s[QLatin1String("fanout")].toArray();
            ASSERT_EQ(children.size(), static_cast<qsizetype>(op.childCount)) << where;
            for (std::uint32_t c = 0; c < op.childCount; ++c)
                expectSameProgram(plan, op.childBegin + c, children[c].toArray(),
                                  where + " child " + std::to_string(c));
            break;
        }
        }
    }
}

// `conviz-cli live FILE --runtime R --model M --json`'s measured.R.M object.
QJsonObject runRunner(const std::string &runtime, const std::string &model, const std::string &scenario)
{
    const auto r =
        runCli({"live", writeTemp(runtime + ".toml", scenario), "--runtime", runtime, "--model", model, "--json"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject measured = field(r.json(), "measured");
    EXPECT_FALSE(measured.contains(QLatin1String("cpp"))) << "--runtime without cpp ran the C++ executors";
    const QString key = model == "go" ? QStringLiteral("fibers") : QStringLiteral("event_loop");
    return measured[QString::fromStdString(runtime)].toObject()[key].toObject();
}

// The CPU time the runner's process used: its utilisation is of every hardware thread of the machine.
double processCpuSeconds(const QJsonObject &m)
{
    return number(m, "cpu_utilization") * number(m, "wall_seconds") * std::thread::hardware_concurrency();
}

void requireTools()
{
    ASSERT_EQ(std::system("command -v go >/dev/null && command -v node >/dev/null"), 0)
        << "the runner tests need `go` and `node`: run packaging/install-deps.sh";
}

} // namespace

TEST(CliPlan, ThePlanHoldsTheWorkloadsRequestsAndArrivalsExactly)
{
    const std::string path = writeTemp("every.toml", kEveryStep);
    const auto r = runCli({"plan", path, "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject plan = r.json();
    EXPECT_EQ(plan[QLatin1String("format")].toString(), QStringLiteral("conviz-plan"));
    EXPECT_EQ(number(field(plan, "model"), "threadpool"), 4);
    EXPECT_EQ(plan[QLatin1String("pools")].toArray()[0].toObject()[QLatin1String("size")].toInt(), 5);

    const auto loaded = conviz::scenario::loadFile(path);
    ASSERT_TRUE(loaded.ok());
    const conviz::Workload workload(*loaded.scenario);
    const QJsonArray requests = plan[QLatin1String("requests")].toArray();
    const QJsonArray arrivals = field(plan, "load")[QLatin1String("arrivals_ns")].toArray();
    ASSERT_EQ(requests.size(), 40);
    ASSERT_EQ(arrivals.size(), 40);
    conviz::RequestPlan request;
    auto drawn = workload.arrivals();
    for (qsizetype k = 0; k < requests.size(); ++k) {
        workload.plan(static_cast<std::uint64_t>(k), request);
        expectSameProgram(request, 0, requests[k].toArray(), "request " + std::to_string(k));
        EXPECT_EQ(static_cast<std::int64_t>(arrivals[k].toDouble()), drawn.next().count()) << "arrival " << k;
    }
}

TEST(CliPlan, AClosedLoadCarriesEachRequestsThinkTimeAndLiveRequestsLowersTheCount)
{
    const std::string path = writeTemp("closed.toml", R"(name = "closed"
[load]
kind = "closed"
clients = 3
think = "5ms"
think_dist = "exp"
requests = 100
[request]
steps = [ { cpu = "1ms" } ]
)");
    const auto r = runCli({"plan", path, "--json", "--set", "live.requests=12"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject load = field(r.json(), "load");
    EXPECT_EQ(load[QLatin1String("kind")].toString(), QStringLiteral("closed"));
    EXPECT_EQ(load[QLatin1String("clients")].toInt(), 3);
    const QJsonArray think = load[QLatin1String("think_ns")].toArray();
    ASSERT_EQ(think.size(), 12);
    const auto loaded = conviz::scenario::loadFile(path);
    ASSERT_TRUE(loaded.ok());
    const conviz::Workload workload(*loaded.scenario);
    for (qsizetype k = 0; k < think.size(); ++k)
        EXPECT_EQ(static_cast<std::int64_t>(think[k].toDouble()),
                  workload.thinkTime(static_cast<std::uint64_t>(k)).count());
}

// 40 clients each waiting 50 ms, back to back: 800 req/s if every wait takes 50 ms (long enough
// that the runtimes' millisecond timers and a loaded machine's scheduling delays stay small).
const std::string kIoBound = R"(name = "io bound"
[machine]
cores = 2
[load]
kind = "closed"
clients = 40
think = "0ms"
requests = 400
[request]
steps = [ { io = "50ms" } ]
)";

TEST(CliRunners, BothRunnersCompleteAnIoBoundPlanNearItsIdealThroughput)
{
    requireTools();
    for (const auto &[runtime, model] : {std::pair{"go", "go"}, std::pair{"node", "node"}}) {
        const QJsonObject m = runRunner(runtime, model, kIoBound);
        EXPECT_EQ(number(m, "completed"), 400) << runtime;
        EXPECT_NEAR(number(m, "throughput_rps"), 800, 120) << runtime; // within 15%
        EXPECT_GE(number(field(m, "latency_ms"), "p50"), 50) << runtime << ": an io step ended before its time";
        EXPECT_GT(number(field(m, "memory"), "peak_rss_bytes"), 0) << runtime;
        EXPECT_GE(number(m, "peak_tasks"), 40) << runtime;
    }
}

// 40 requests of 5 ms of CPU, all at once: 200 ms of CPU time.
const std::string kCpuBound = R"(name = "cpu bound"
[machine]
cores = 2
[load]
kind = "batch"
count = 40
[request]
steps = [ { cpu = "5ms" } ]
)";

TEST(CliRunners, ACpuStepBurnsItsCpuTimeAndNodeRunsThemOneAfterAnother)
{
    requireTools();
    for (const auto &[runtime, model] : {std::pair{"go", "go"}, std::pair{"node", "node"}}) {
        const QJsonObject m = runRunner(runtime, model, kCpuBound);
        EXPECT_EQ(number(m, "completed"), 40) << runtime;
        // CPU time the process used during the run: the 200 ms the steps burn, plus the runtime's own.
        const double cpuSeconds = processCpuSeconds(m);
        EXPECT_GE(cpuSeconds, 0.17) << runtime;
        EXPECT_LE(cpuSeconds, 0.45) << runtime;
        // One loop runs the 40 bursts one after another: the last ends after all 200 ms of them.
        if (std::string(runtime) == "node")
            EXPECT_GE(number(field(m, "latency_ms"), "max"), 190) << "Node ran CPU steps in parallel";
        else
            EXPECT_EQ(number(m, "workers"), 2); // GOMAXPROCS from the plan
    }
}

// 3,000 requests of two 100 µs CPU steps around a wait: 600 ms of CPU, in many short bursts from
// code the JIT has had time to optimise.
const std::string kManyShortCpuSteps = R"(name = "many short cpu steps"
[machine]
cores = 2
[load]
kind = "batch"
count = 3000
[request]
steps = [ { cpu = "100us" }, { io = "1ms" }, { cpu = "100us" } ]
)";

TEST(CliRunners, ACpuStepCostsItsCalibratedTimeAfterThousandsOfRequests)
{
    // Node's busy loop once ran about five times its calibrated cost after V8 inlined it into the
    // function that runs a request's steps (2.3 s of CPU here instead of about 0.7 s), and every
    // CPU-bound preset's real Node.js column measured the runner instead of the event loop.
    requireTools();
    for (const auto &[runtime, model] : {std::pair{"go", "go"}, std::pair{"node", "node"}}) {
        const QJsonObject m = runRunner(runtime, model, kManyShortCpuSteps);
        EXPECT_EQ(number(m, "completed"), 3000) << runtime;
        const double cpuSeconds = processCpuSeconds(m);
        EXPECT_GE(cpuSeconds, 0.55) << runtime;
        EXPECT_LE(cpuSeconds, 1.2) << runtime << ": the steps cost twice their calibrated CPU time";
    }
}

TEST(CliRunners, GoHandsOffThePOfABlockingSyscallAndNodesPoolQueuesBeyondItsThreads)
{
    requireTools();
    // Three requests block 100 ms in a system call on one P: Go hands the P to another M each
    // time, so all three wait at once; without the hand-off the last would end after 300 ms.
    const QJsonObject go = runRunner("go", "go", R"(name = "blocking"
[machine]
cores = 1
[load]
kind = "batch"
count = 3
[request]
steps = [ { blocking = "100ms" } ]
)");
    EXPECT_EQ(number(go, "completed"), 3);
    EXPECT_GE(number(field(go, "latency_ms"), "max"), 100);
    EXPECT_LT(number(field(go, "latency_ms"), "max"), 190);
    EXPECT_GE(number(go, "threads_created"), 3); // an M per blocked goroutine
    // Four blocking reads on a libuv pool of two threads: two waves.
    const QJsonObject node = runRunner("node", "node", R"(name = "blocking"
[machine]
cores = 2
[load]
kind = "batch"
count = 4
[request]
steps = [ { blocking = "100ms" } ]
[event_loop]
threadpool = 2
)");
    EXPECT_EQ(number(node, "completed"), 4);
    EXPECT_GE(number(field(node, "latency_ms"), "max"), 200);
    EXPECT_LT(number(field(node, "latency_ms"), "max"), 290);
    EXPECT_LT(number(field(node, "latency_ms"), "p50"), 150); // the first wave ran at once
}

TEST(CliRunners, NodeRunsAMultiProcessScenarioAsAClusterEachProcessWithItsOwnPool)
{
    requireTools();
    // Eight blocking reads on two processes, each with a pool of two threads: two waves, not four.
    const QJsonObject node = runRunner("node", "node", R"(name = "cluster"
[machine]
cores = 2
[load]
kind = "batch"
count = 8
[request]
steps = [ { blocking = "100ms" } ]
[event_loop]
threadpool = 2
processes = 2
)");
    EXPECT_EQ(number(node, "completed"), 8);
    EXPECT_EQ(number(node, "workers"), 2);
    EXPECT_GE(number(field(node, "latency_ms"), "max"), 200);
    EXPECT_LT(number(field(node, "latency_ms"), "max"), 290);
}

TEST(CliRunners, AFigureARunnerCannotMeasureIsNullInJsonAndADashInTheTable)
{
    requireTools();
    const QJsonObject node = runRunner("node", "node", kIoBound);
    EXPECT_TRUE(node[QLatin1String("threads_created")].isNull());
    EXPECT_TRUE(field(node, "memory")[QLatin1String("stack_committed_bytes")].isNull());
    EXPECT_FALSE(node[QLatin1String("peak_threads")].isNull());
    EXPECT_TRUE(node[QLatin1String("runtime")].toString().startsWith(QStringLiteral("node v")));

    const auto table = runCli({"live", writeTemp("io.toml", kIoBound), "--runtime", "cpp,node", "--model", "node"});
    ASSERT_EQ(table.exitCode, 0) << table.err;
    for (const char *head : {"Event loop (Node.js) sim", "measured", "node measured"})
        EXPECT_NE(table.out.find(head), std::string::npos) << head << "\n" << table.out;
    const auto row = table.out.substr(table.out.find("OS threads created"));
    EXPECT_NE(row.substr(0, row.find('\n')).find("—"), std::string::npos) << table.out;
}

TEST(CliRunners, RunWithLiveTakesTheRuntimesThatFollowIt)
{
    requireTools();
    const std::string file = writeTemp("run-live.toml", kIoBound);
    const auto r = runCli({"run", file, "--live", "go,node", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const QJsonObject measured = field(r.json(), "measured");
    EXPECT_TRUE(measured.contains(QLatin1String("go")));
    EXPECT_TRUE(measured.contains(QLatin1String("node")));
    EXPECT_FALSE(measured.contains(QLatin1String("cpp"))) << "only the runtimes named after --live";
    // A file after --live is still the file, not a runtime list.
    const auto plain = runCli({"run", "--live", file, "--model", "threads", "--json"});
    ASSERT_EQ(plain.exitCode, 0) << plain.err;
    EXPECT_TRUE(field(plain.json(), "measured").contains(QLatin1String("cpp")));
}

TEST(CliRunners, AMissingGoIsNamedWithWhatToInstallAndExitCodeOne)
{
    // A PATH with only node on it.
    const std::filesystem::path bin = conviz::test::tempPath("bin-without-go");
    std::error_code ec;
    std::filesystem::create_directories(bin, ec);
    std::filesystem::create_symlink("/usr/bin/node", bin / "node", ec);
    const std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
    ::setenv("PATH", bin.c_str(), 1);
    const auto r = runCli({"live", writeTemp("io.toml", kIoBound), "--runtime", "go,node"});
    ::setenv("PATH", saved.c_str(), 1);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("`go` is not on PATH"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("apt install golang-go"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("nodejs"), std::string::npos) << "node is on PATH: " << r.err;
    EXPECT_TRUE(r.out.empty()) << "nothing ran: " << r.out;
}

TEST(CliRunners, ARuntimeWhoseModelIsLeftOutIsBadInput)
{
    const auto r = runCli({"live", writeTemp("io.toml", kIoBound), "--runtime", "node", "--model", "go"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--runtime node runs the event_loop model"), std::string::npos) << r.err;
}
