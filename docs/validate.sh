#!/usr/bin/env bash
# The presets under the simulation, conviz's C++ executors, real Go and real Node.js, several times
# each; writes the table and the judged claims into docs/validation.md (between its "validate.sh"
# markers) and each preset's verdict into its note (scenarios/PRESET.md, "Checked against the real
# runtimes"). docs/validate_report.py holds the claims and writes the report.
#
#   docs/validate.sh                                  every preset, 3 repetitions
#   REPS=2 PRESETS="default crud-postgres" docs/validate.sh
#   CLI=build/release/cli/conviz-cli OUT=/tmp/v.md NOTES=/tmp/notes docs/validate.sh
#   RUNS=/tmp/runs docs/validate.sh                  keep the runs' JSON in /tmp/runs
#   RUNS=/tmp/runs REUSE=1 docs/validate.sh          rewrite the report from runs kept before
#
# Each run is `conviz-cli live PRESET --runtime all --json` with `live.requests` lowered (below) so
# that a run takes seconds. How a preset is scaled to this machine: live::liveScenario gives the
# simulation and every live run the same scenario, with machine.cores and fibers.gomaxprocs at most
# this machine's hardware threads (2 on the development machine), no warm-up, and live.requests
# requests; rates, steps and pools are the preset's own, so a preset written for 8 cores runs its
# load on 2 in every column, except where a preset's point needs its proportions: libuv-pool-trap
# (8 cores, a pool of 4, 120 logins/s) runs on 2 cores with a pool of 1 and 30 logins/s, the same
# load per core and the pool again half the cores; and fanout-500's threads, 501 to a request, may
# have 8,000 alive (live.max_threads, 2,000 by default, refused half its requests). Needs a built conviz-cli, go, node and python3.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
CLI=${CLI:-$here/build/dev/cli/conviz-cli}
OUT=${OUT:-$here/docs/validation.md}
REPS=${REPS:-3}
# preset:live.requests[:key=value,...] (the requests issued per run, 0 = the preset's own; then
# further --set settings for that preset)
ALL="default:1000 crud-postgres:800 benchmark-trap:5000 event-loop-lag:1500 go-blocking-syscalls:1200
libuv-pool-trap:200:event_loop.threadpool=1,load.rate=30 data-pipeline:100 fanout-500:20:live.max_threads=8000
lambda-cost:300
c10k:500 memory-at-scale:300"
PRESETS=${PRESETS:-$(for p in $ALL; do echo "${p%%:*}"; done)}

[[ -x $CLI ]] || { echo "validate.sh: no conviz-cli at $CLI; build it (make) or set CLI" >&2; exit 1; }
for tool in go node python3; do
  command -v "$tool" >/dev/null || { echo "validate.sh: $tool is not installed (packaging/install-deps.sh)" >&2; exit 1; }
done

# As root, each run gets the highest priority (nice -20, in a scheduler autogroup of its own, since
# Linux weighs autogroups against each other before nice values), so that other work on the machine
# takes as little of the cores as it can; PRIORITY=0 leaves the priority alone.
priority=normal
if [[ ${PRIORITY-1} != 0 && $(id -u) == 0 && -w /proc/self/autogroup ]]; then priority=raised; fi
run_live() {
  if [[ $priority == raised ]]; then
    setsid -w bash -c 'echo -20 >/proc/self/autogroup && exec nice -n -20 "$@"' _ "$@"
  else
    "$@"
  fi
}

if [[ -n ${RUNS-} ]]; then
  runs=$RUNS
  mkdir -p "$runs"
else
  runs=$(mktemp -d)
  trap 'rm -rf "$runs"' EXIT
fi
for preset in $PRESETS; do
  [[ -n ${REUSE-} ]] && break
  spec=$preset:0
  for p in $ALL; do [[ ${p%%:*} == "$preset" ]] && spec=$p; done
  IFS=: read -r _ requests extra <<<"$spec"
  set_args=()
  [[ $requests != 0 ]] && set_args=(--set "live.requests=$requests")
  IFS=, read -ra extras <<<"${extra-}"
  for e in "${extras[@]}"; do set_args+=(--set "$e"); done
  for rep in $(seq 1 "$REPS"); do
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "validate.sh: $preset, repetition $rep of $REPS (load average $load)" >&2
    rc=0
    run_live "$CLI" live "$here/scenarios/$preset.toml" --runtime all --json "${set_args[@]}" \
      >"$runs/$preset.$rep.json" 2>"$runs/$preset.$rep.err" || rc=$?
    printf '%s\n%s\n%s\n%s\n' "$load" "$rc" "$requests" "$priority" >"$runs/$preset.$rep.meta"
  done
done

python3 "$here/docs/validate_report.py" "$runs" "$OUT" "$REPS" "$PRESETS" "${NOTES-$here/scenarios}"
