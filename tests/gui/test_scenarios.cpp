#include "test_scenarios.h"

namespace conviz::gui::test {

using namespace conviz::literals;

Scenario smallWebScenario(int requests)
{
    Scenario s;
    s.name = "small web";
    s.machine.cores = 2;
    s.load.rate = 2000;
    s.load.requests = requests;
    s.pools = {Pool{"db", 8}};
    Step cpu;
    cpu.kind = StepKind::Cpu;
    cpu.duration = {200_us, Distribution::Exponential, {}};
    Step io;
    io.kind = StepKind::Io;
    io.duration = {2_ms, Distribution::Exponential, {}};
    io.pool = 0;
    s.steps = {cpu, io, cpu};
    return s;
}

Scenario batchWaitScenario(int count)
{
    Scenario s;
    s.name = "batch wait";
    s.machine.cores = 4;
    s.load.kind = LoadKind::Batch;
    s.load.count = count;
    Step cpu;
    cpu.kind = StepKind::Cpu;
    cpu.duration = {20_us, Distribution::Constant, {}};
    Step io;
    io.kind = StepKind::Io;
    io.duration = {1_s, Distribution::Constant, {}};
    s.steps = {cpu, io, cpu};
    return s;
}

} // namespace conviz::gui::test
