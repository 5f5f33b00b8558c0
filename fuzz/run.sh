#!/usr/bin/env bash
# Runs each fuzz target for a bounded time, each on one core, FUZZ_JOBS of them at once (default 1):
#   fuzz/run.sh BUILD_DIR SECONDS [TARGET...]      (make fuzz: build/fuzz, FUZZ_SECONDS=60)
# Inputs: the build's seeds (BUILD_DIR/fuzz/seeds/TARGET, from the presets and the tests) and the
# inputs that once failed (fuzz/corpus/TARGET). New interesting inputs go to BUILD_DIR/fuzz/work/TARGET,
# never into the source tree. Prints one line per target; on a crash, leak, timeout or sanitizer
# report, the end of libFuzzer's log and the path of the failing input, and exits 1 at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(scenario_fuzzer tour_fuzzer set_fuzzer export_fuzzer)

jobs=${FUZZ_JOBS:-1}
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz/run.sh: FUZZ_JOBS must be a positive whole number, not '$jobs'" >&2; exit 2; }
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# One target: its summary (and on a failure the end of its log) into $results/TARGET, its exit
# status into $results/TARGET.rc.
run_one() {
  local t=$1 bin work log start rc runs last cov ft corpus took
  bin=$build/fuzz/$t
  work=$build/fuzz/work/$t
  log=$build/fuzz/logs/$t.log
  mkdir -p "$work" "$build/fuzz/logs" "$build/fuzz/artifacts" "fuzz/corpus/$t"
  start=$(date +%s)
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    -dict="$build/fuzz/conviz.dict" -artifact_prefix="$build/fuzz/artifacts/$t-" \
    "$work" "$build/fuzz/seeds/$t" "fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corpus=$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$last")
  took=$(($(date +%s) - start))
  if [[ $rc -eq 0 ]]; then
    echo "fuzz $t: ${runs:-?} runs in ${took} s, coverage ${cov:-?} edges, ${ft:-?} features, corpus ${corpus:-?}: no failure"
  else
    echo "fuzz $t: FAILED after ${runs:-?} runs (${took} s, exit $rc); log $log; the end of it:"
    tail -n 40 "$log"
    ls -1 "$build/fuzz/artifacts/$t-"* 2>/dev/null | sed 's/^/  failing input: /'
    return 1
  fi
}

# FUZZ_JOBS targets at a time; the summaries are printed at the end, in the order given.
running=0
for t in "${targets[@]}"; do
  if ((running >= jobs)); then
    wait -n
    running=$((running - 1))
  fi
  { run_one "$t" >"$results/$t" 2>&1; echo $? >"$results/$t.rc"; } &
  running=$((running + 1))
done
wait
failed=0
for t in "${targets[@]}"; do
  cat "$results/$t"
  [[ "$(cat "$results/$t.rc" 2>/dev/null)" == 0 ]] || failed=1
done
exit $failed
