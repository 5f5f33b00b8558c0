// Every preset, shortened, under every model: its metrics and a digest of its trace against the
// golden file tests/golden/<preset>.golden. CONVIZ_UPDATE_GOLDEN=1 rewrites the files instead.
#include "engine/scenario/scenario_file.h"
#include "engine/simulate.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace conviz {
namespace {

// FNV-1a over the bytes of every trace record's fields, in order.
class Digest {
public:
    template <typename T>
    void add(const T &v)
    {
        const auto *p = reinterpret_cast<const unsigned char *>(&v);
        for (std::size_t i = 0; i < sizeof(T); ++i)
            m_h = (m_h ^ p[i]) * 0x100000001b3ULL;
    }
    std::uint64_t value() const { return m_h; }

private:
    std::uint64_t m_h = 0xcbf29ce484222325ULL;
};

std::uint64_t traceDigest(const Trace &t)
{
    Digest d;
    for (const Span &s : t.spans) {
        d.add(s.start.count()), d.add(s.end.count()), d.add(s.core), d.add(s.thread), d.add(s.task);
        d.add(s.request), d.add(static_cast<int>(s.kind));
    }
    for (const TaskEvent &e : t.tasks) {
        d.add(e.time.count()), d.add(e.task), d.add(e.request), d.add(e.parent), d.add(static_cast<int>(e.state));
        d.add(static_cast<int>(e.place)), d.add(e.index), d.add(e.slot);
    }
    for (const StackEvent &e : t.stacks)
        d.add(e.time.count()), d.add(e.owner), d.add(static_cast<int>(e.kind)), d.add(e.reserved), d.add(e.committed);
    for (const CounterSample &c : t.counters)
        d.add(c.time.count()), d.add(static_cast<int>(c.counter)), d.add(c.index), d.add(c.value);
    for (const ThreadInfo &i : t.threads)
        d.add(i.time.count()), d.add(i.thread), d.add(static_cast<int>(i.role)), d.add(i.group), d.add(i.exited);
    for (const Narration &n : t.narration)
        for (char ch : n.text)
            d.add(ch);
    return d.value();
}

std::string describe(const ModelResult &r)
{
    const ModelMetrics &m = r.metrics;
    std::string out = fmt::format("[{}]\n", modelKey(m.model));
    const auto line = [&out](std::string_view key, auto value) { out += fmt::format("{} = {}\n", key, value); };
    line("issued", m.issued);
    line("completed", m.completed);
    line("refused", m.refused);
    line("throughput_rps", m.throughputRps);
    line("latency_mean_ns", m.latency.mean);
    line("latency_p50_ns", m.latency.p50);
    line("latency_p99_ns", m.latency.p99);
    line("latency_max_ns", m.latency.max);
    line("scheduling_delay_p99_ns", m.schedulingDelay.p99);
    line("cpu_utilization", m.cpuUtilization);
    line("peak_committed", m.memory.peakCommitted);
    line("peak_reserved", m.memory.peakReserved);
    line("peak_stack_committed", m.memory.peakStackCommitted);
    line("peak_stack_reserved", m.memory.peakStackReserved);
    line("peak_tasks", m.peakTasks);
    line("peak_threads", m.peakThreads);
    line("kernel_switches", m.kernelSwitches);
    line("user_switches", m.userSwitches);
    line("threads_created", m.threadsCreated);
    line("steals", m.steals);
    line("preemptions", m.preemptions);
    line("handoffs", m.handoffs);
    line("stack_growths", m.stackGrowths);
    line("events", m.events);
    line("trace_records", r.trace->records());
    line("trace_digest", fmt::format("{:016x}", traceDigest(*r.trace)));
    return out;
}

std::string slurp(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct GoldenCase {
    const char *preset;
    std::vector<std::string> overrides; // shorten the run: goldens check behaviour, not scale
};

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, MetricsAndTraceMatchTheGoldenFileExactly)
{
    const GoldenCase &c = GetParam();
    const auto loaded =
        scenario::loadFile(std::filesystem::path(CONVIZ_SCENARIO_DIR) / (std::string(c.preset) + ".toml"), c.overrides);
    ASSERT_TRUE(loaded.ok()) << (loaded.errors.empty() ? "" : loaded.errors.front().format());
    RunOptions options;
    options.trace = true;
    std::string actual = fmt::format("# {} with {}\n", c.preset, fmt::join(c.overrides, " "));
    for (const ModelResult &r : simulateAll(*loaded.scenario, kAllModels, options))
        actual += describe(r);

    const auto path = std::filesystem::path(CONVIZ_GOLDEN_DIR) / (std::string(c.preset) + ".golden");
    if (const char *update = std::getenv("CONVIZ_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        GTEST_SKIP() << "rewrote " << path;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << "no golden file; run with CONVIZ_UPDATE_GOLDEN=1 to create " << path;
    EXPECT_EQ(slurp(path), actual)
        << "the engine's behaviour changed; if intended, regenerate with CONVIZ_UPDATE_GOLDEN=1";
}

INSTANTIATE_TEST_SUITE_P(
    Presets, Golden,
    ::testing::Values(GoldenCase{"default", {"load.requests=1500"}},
                      GoldenCase{"benchmark-trap", {"load.requests=4000"}},
                      GoldenCase{"crud-postgres", {"load.requests=2000", "load.warmup=100ms"}},
                      GoldenCase{"fanout-500", {"load.requests=20"}}, GoldenCase{"data-pipeline", {"load.count=100"}},
                      GoldenCase{"memory-at-scale", {"load.requests=2000"}},
                      GoldenCase{"libuv-pool-trap", {"load.requests=600", "load.warmup=200ms"}},
                      GoldenCase{"event-loop-lag", {"load.requests=1500", "load.warmup=200ms"}},
                      GoldenCase{"go-blocking-syscalls", {"load.requests=1500", "load.warmup=200ms"}},
                      GoldenCase{"c10k", {"load.requests=1500"}},
                      GoldenCase{"lambda-cost", {"load.requests=1500", "load.warmup=200ms"}}),
    [](const ::testing::TestParamInfo<GoldenCase> &param) {
        std::string name = param.param.preset;
        std::erase(name, '-');
        return name;
    });

} // namespace
} // namespace conviz
