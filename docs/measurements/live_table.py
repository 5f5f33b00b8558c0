#!/usr/bin/env python3
"""Measured against simulated for the presets, as docs/live.md shows them.

    python3 docs/measurements/live_table.py [path/to/conviz-cli] > table.md

Runs `conviz-cli live PRESET --json` for each preset below (with `live.requests` lowered so a run
takes seconds) and prints a Markdown table, the machine and its load average before each run.
"""
import json
import subprocess
import sys

CLI = sys.argv[1] if len(sys.argv) > 1 else "build/dev/cli/conviz-cli"
PRESETS = [
    ("default", ["--set", "live.requests=1000"]),
    ("benchmark-trap", ["--set", "live.requests=3000"]),
    ("go-blocking-syscalls", ["--set", "live.requests=600"]),
    ("libuv-pool-trap", ["--set", "live.requests=240"]),
    ("data-pipeline", []),
    ("memory-at-scale", ["--set", "live.requests=1500"]),
]
MODELS = [("fibers", "Go"), ("event_loop", "Node"), ("threads", "threads")]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def kib(b):
    return f"{b / 1024:.1f}"


print("| preset | model | req/s sim / measured | p50 ms sim / measured | p99 ms sim / measured "
      "| peak tasks sim / at stack sample | stacks committed KiB sim / measured | peak RSS MiB measured "
      "| load before |")
print("|---|---|---|---|---|---|---|---|---|")
machine = None
for preset, extra in PRESETS:
    before = loadavg()
    run = subprocess.run([CLI, "live", f"scenarios/{preset}.toml", "--json", *extra],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(f"| {preset} | refused: {run.stderr.strip()} |||||||")
        continue
    out = json.loads(run.stdout)
    machine = out["machine"]
    for key, name in MODELS:
        sim = out["models"][key]
        live = out["measured"]["cpp"].get(key)
        if live is None:
            continue
        stopped = "" if live["stopped"] == "finished" else f" ({live['stopped']})"
        print(f"| {preset} | {name} | {sim['throughput_rps']:.0f} / {live['throughput_rps']:.0f}{stopped} "
              f"| {sim['latency_ms']['p50']:.1f} / {live['latency_ms']['p50']:.1f} "
              f"| {sim['latency_ms']['p99']:.1f} / {live['latency_ms']['p99']:.1f} "
              f"| {sim['peak_tasks']} / {live['memory']['tasks_at_peak']} "
              f"| {kib(sim['memory']['peak_stack_committed_bytes'])} / {kib(live['memory']['stack_committed_bytes'])} "
              f"| {live['memory']['peak_rss_bytes'] / 2**20:.0f} | {before} |")
if machine:
    print(f"\nMachine: {machine['model_name']}, {machine['cpus']} hardware threads, Linux {machine['kernel']}.")
