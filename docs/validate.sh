#!/usr/bin/env bash
# The presets under the simulation, conviz's C++ executors, real Go and real Node.js, several times
# each; writes the table into docs/validation.md (between its "validate.sh" markers).
#
#   docs/validate.sh                                  every preset, 3 repetitions
#   REPS=2 PRESETS="default crud-postgres" docs/validate.sh
#   CLI=build/release/cli/conviz-cli OUT=/tmp/v.md docs/validate.sh
#
# Each run is `conviz-cli live PRESET --runtime all --json` with `live.requests` lowered (below) so
# that a run takes seconds. How a preset is scaled to this machine: live::liveScenario gives the
# simulation and every live run the same scenario, with machine.cores and fibers.gomaxprocs at most
# this machine's hardware threads (2 on the development machine), no warm-up, and live.requests
# requests; rates, steps and pools are the preset's own, so a preset written for 8 cores runs its
# load on 2 in every column. Needs a built conviz-cli, go, node and python3.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CLI=${CLI:-$here/build/dev/cli/conviz-cli}
OUT=${OUT:-$here/docs/validation.md}
REPS=${REPS:-3}
# preset:live.requests (the requests issued per run; 0 = the preset's own)
ALL="default:1000 crud-postgres:800 benchmark-trap:5000 event-loop-lag:300 go-blocking-syscalls:1200
libuv-pool-trap:100 data-pipeline:100 fanout-500:20 lambda-cost:300 c10k:500 memory-at-scale:300"
PRESETS=${PRESETS:-$(for p in $ALL; do echo "${p%%:*}"; done)}

[[ -x $CLI ]] || { echo "validate.sh: no conviz-cli at $CLI; build it (make) or set CLI" >&2; exit 1; }
for tool in go node python3; do
  command -v "$tool" >/dev/null || { echo "validate.sh: $tool is not installed (packaging/install-deps.sh)" >&2; exit 1; }
done

runs=$(mktemp -d)
trap 'rm -rf "$runs"' EXIT
for preset in $PRESETS; do
  requests=0
  for p in $ALL; do [[ ${p%%:*} == "$preset" ]] && requests=${p##*:}; done
  set_args=()
  [[ $requests != 0 ]] && set_args=(--set "live.requests=$requests")
  for rep in $(seq 1 "$REPS"); do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "validate.sh: $preset, repetition $rep of $REPS (load average $load)" >&2
    rc=0
    "$CLI" live "$here/scenarios/$preset.toml" --runtime all --json "${set_args[@]}" \
      >"$runs/$preset.$rep.json" 2>"$runs/$preset.$rep.err" || rc=$?
    printf '%s\n%s\n%s\n' "$load" "$rc" "$requests" >"$runs/$preset.$rep.meta"
  done
done

python3 - "$runs" "$OUT" "$REPS" "$PRESETS" <<'EOF'
import datetime, json, os, statistics, subprocess, sys

runs, out_path, reps, presets = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split()
MODELS = [("fibers", "Go", "go"), ("event_loop", "Node", "node"), ("threads", "threads", None)]


def spread(values, fmt):
    """Median, and min–max when the repetitions differ."""
    if not values:
        return "—"
    med = statistics.median(values)
    text = fmt(med)
    lo, hi = fmt(min(values)), fmt(max(values))
    return text if lo == hi else f"{text} ({lo}–{hi})"


def diff(sim, values):
    if not values or not sim:
        return ""
    return f"{(statistics.median(values) - sim) / sim * 100:+.0f}%"


rows, machine, versions, notes = [], None, {}, []
for preset in presets:
    results, loads = [], []
    for rep in range(1, reps + 1):
        base = os.path.join(runs, f"{preset}.{rep}")
        load, rc, requests = open(base + ".meta").read().split("\n")[:3]
        loads.append(load)
        try:
            results.append(json.load(open(base + ".json")))
        except (ValueError, OSError):
            err = open(base + ".err").read().strip().splitlines()
            notes.append(f"{preset}, repetition {rep}: no result (exit {rc}): {err[-1] if err else ''}")
            continue
        if rc != "0":
            err = open(base + ".err").read().strip().splitlines()
            notes.append(f"{preset}, repetition {rep}: exit {rc}: {err[-1] if err else ''}")
    if not results:
        continue
    machine = results[0]["machine"]
    for key, title, runtime in MODELS:
        sim = results[0]["models"][key]
        sources = [("sim", [sim])]
        sources.append(("C++", [r["measured"]["cpp"][key] for r in results if key in r["measured"].get("cpp", {})]))
        if runtime:
            got = [r["measured"][runtime][key] for r in results if key in r["measured"].get(runtime, {})]
            got = [g for g in got if "error" not in g]
            for g in got:
                versions[runtime] = g.get("runtime", "")
            sources.append((runtime, got))
        for name, ms in sources:
            if not ms:
                continue
            live = name != "sim"
            tput = [m["throughput_rps"] for m in ms]
            p50 = [m["latency_ms"]["p50"] for m in ms]
            p99 = [m["latency_ms"]["p99"] for m in ms]
            rss = [m["memory"]["peak_rss_bytes"] / 2**20 for m in ms if live and m["memory"]["peak_rss_bytes"] is not None]
            if not live:
                rss = [sim["memory"]["peak_committed_bytes"] / 2**20]
            threads = [m["peak_threads"] for m in ms if m.get("peak_threads") is not None]
            rows.append(
                f"| {preset} | {title} | {name} | {spread(tput, lambda v: f'{v:.0f}')} "
                f"| {spread(p50, lambda v: f'{v:.1f}')} | {spread(p99, lambda v: f'{v:.1f}')} "
                f"| {spread(rss, lambda v: f'{v:.1f}')} | {spread(threads, lambda v: f'{v:.0f}')} "
                f"| {diff(sim['throughput_rps'], tput) if live else ''} "
                f"| {diff(sim['latency_ms']['p50'], p50) if live else ''} "
                f"| {diff(sim['latency_ms']['p99'], p99) if live else ''} |")
    rows.append(f"| {preset} | | load average before each run: {'; '.join(loads)} ||||||||")

now = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
lines = [
    "<!-- validate.sh begin: generated by docs/validate.sh; edits between these markers are replaced -->",
    "## The presets, simulated and run for real (docs/validate.sh)",
    "",
    f"Generated {now} by `docs/validate.sh` ({reps} repetitions of each preset). Machine: "
    + (f"{machine['model_name']}, {machine['cpus']} hardware threads, Linux {machine['kernel']}" if machine else "?")
    + f"; {versions.get('go', 'Go ?')}, {versions.get('node', 'Node.js ?')}. Every column runs "
    "`live::liveScenario(preset)`: cores and GOMAXPROCS at most the machine's hardware threads, no "
    "warm-up, `live.requests` as in the script. Each cell is the median of the repetitions with their "
    "range in brackets; the simulation is deterministic (one value). Peak RSS: the simulation's peak "
    "committed memory, the process's peak RSS for a live run (the C++ column's process also holds conviz). "
    "Differences are of the median against the simulation. The load average (1, 5, 15 min) was read "
    "before each run: on a loaded machine CPU-bound rows measure the load, not the model.",
    "",
    "| preset | model | run by | req/s | p50 ms | p99 ms | peak RSS MiB | peak threads | Δ req/s | Δ p50 | Δ p99 |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    *rows,
    "",
]
if notes:
    lines += ["Runs that did not finish cleanly:", ""] + [f"- {n}" for n in notes] + [""]
lines.append("<!-- validate.sh end -->")
block = "\n".join(lines) + "\n"

text = open(out_path).read() if os.path.exists(out_path) else ""
begin, end = text.find("<!-- validate.sh begin"), text.find("<!-- validate.sh end -->")
if begin >= 0 and end > begin:
    text = text[:begin] + block + text[end + len("<!-- validate.sh end -->") + 1:]
else:
    text = text.rstrip("\n") + "\n\n" + block
open(out_path, "w").write(text)
print(f"validate.sh: wrote the table into {out_path}", file=sys.stderr)
EOF
