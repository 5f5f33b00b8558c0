#include "gui/core/default_scenario.h"

namespace conviz::gui {

Scenario builtInScenario()
{
    using namespace conviz::literals;
    Scenario s;
    s.name = "Web API on a database (built in)";
    s.description = "A CRUD endpoint: parse, query the database, render. Mostly waiting.";
    s.machine.cores = 4;
    s.load.kind = LoadKind::Open;
    s.load.rate = 800;
    s.load.requests = 4000;
    s.load.warmup = 200_ms;
    s.pools = {Pool{"db", 40}};
    Step parse;
    parse.kind = StepKind::Cpu;
    parse.duration = {150_us, Distribution::Exponential, {}};
    Step query;
    query.kind = StepKind::Io;
    query.duration = {5_ms, Distribution::Exponential, {}};
    query.pool = 0;
    Step render;
    render.kind = StepKind::Cpu;
    render.duration = {100_us, Distribution::Exponential, {}};
    s.steps = {parse, query, render};
    s.sweep = {"load.rate", 200, 3200, 8, false};
    return s;
}

QString builtInNote()
{
    return QStringLiteral(
        "## A web API that mostly waits\n\n"
        "Each request parses its input (150 µs of CPU), queries a database (5 ms on the network, with a pool of "
        "40 connections) and renders the answer (100 µs).\n\n"
        "At 800 requests per second the three models give **the same throughput and almost the same latency**: "
        "the work is waiting, and every model waits well. Watch the *Network wait* lanes fill while the cores "
        "stay mostly idle.\n\n"
        "Things to try:\n\n"
        "- Raise **CPU per request** until one event loop saturates its single core.\n"
        "- Raise the **arrival rate** and watch the connection pool become the bottleneck for every model.\n"
        "- Compare the **stack memory**: a goroutine starts at 2 KiB; a thread reserves 8 MiB of address space "
        "but commits only the pages it touches.\n\n"
        "*No scenario files were found, so this is conviz's built-in default.*");
}

} // namespace conviz::gui
