#!/usr/bin/env bash
# Issue 13's targets measured in one run: builds conviz_bench, gui_bench and the app in the bench
# preset (Release, as `make run` builds the app), times SimPy on the same M/M/1 right before conviz's, runs every benchmark
# REPS times, and writes the measured tables into docs/performance.md between its "perf.sh" markers,
# with the machine, the load average before and after each program, and the spread.
#
#   docs/perf.sh                              build, measure (3 repetitions), rewrite the section
#   REPS=5 docs/perf.sh
#   OUT=/tmp/performance.md docs/perf.sh      leave docs/performance.md alone
#   RUNS=/tmp/perf docs/perf.sh               keep the JSON and the load readings in /tmp/perf
#   RUNS=/tmp/perf REUSE=1 docs/perf.sh       rewrite the section from runs kept before
#   SIMPY=0 docs/perf.sh                      no SimPy run (the comparison column stays empty)
#
# Run it on a quiet machine: every figure is written beside the load average it was taken at, and a
# load above the number of cores makes the figures measure the load. Needs python3; SimPy 2.3
# (Debian's python3-simpy, which the system's /usr/bin/python3 sees; PY names another) for the
# comparison.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$here/docs/performance.md}
REPS=${REPS:-3}
PY=${PY:-/usr/bin/python3}
CONVIZ_BENCH_FILTER=${CONVIZ_BENCH_FILTER:-'Kernel|MM1|MemoryAtScale|CRUD|Preset'}
GUI_BENCH_FILTER=${GUI_BENCH_FILTER:-'SliderToCharts|SliderDragPreset|SnapshotOfTheDefault|Seek|GuiStall|TraceOfPreset'}

runs=${RUNS:-$(mktemp -d)} # kept only when asked for
mkdir -p "$runs"
[[ -n ${RUNS-} ]] || trap 'rm -rf "$runs"' EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }

if [[ -z ${REUSE-} ]]; then
  echo "perf.sh: building conviz_bench, gui_bench and the app (bench preset: Release)" >&2
  (cd "$here" && cmake --preset bench >/dev/null &&
    cmake --build --preset bench --target conviz_bench gui_bench conviz)

  : >"$runs/loads"
  { date -u '+%Y-%m-%d %H:%M UTC'; lscpu | sed -n 's/^Model name: *//p'; nproc; uname -sr
    gcc --version | head -1; python3 --version; } >"$runs/machine"
  if [[ ${SIMPY-1} != 0 ]]; then
    if "$PY" -c 'import SimPy' 2>/dev/null; then
      : >"$runs/simpy"
      for rep in $(seq 1 "$REPS"); do
        echo "perf.sh: SimPy M/M/1, repetition $rep of $REPS (load average $(load))" >&2
        before=$(load)
        start=$(date +%s.%N)
        "$PY" "$here/docs/measurements/mm1_simpy.py" >/dev/null
        end=$(date +%s.%N)
        echo "$start $end $before $(load)" >>"$runs/simpy"
      done
    else
      echo "perf.sh: SimPy is not installed (apt-get install python3-simpy); no comparison" >&2
    fi
  fi

  run_bench() { # name binary filter
    echo "perf.sh: $1 (load average $(load))" >&2
    echo "$1 before $(load)" >>"$runs/loads"
    "$2" --benchmark_filter="$3" --benchmark_repetitions="$REPS" --benchmark_format=json \
      --benchmark_out="$runs/$1.json" --benchmark_out_format=json >/dev/null
    echo "$1 after $(load)" >>"$runs/loads"
  }
  # The app's peak memory on the preset with the largest trace: it opens fanout-500 offscreen, with
  # settings of its own, takes the traced result and stays up until `timeout` stops it.
  : >"$runs/app_rss"
  for rep in $(seq 1 "$REPS"); do
    echo "perf.sh: the app on fanout-500, repetition $rep of $REPS (load average $(load))" >&2
    before=$(load)
    home=$(mktemp -d)
    rss=$( (HOME=$home QT_QPA_PLATFORM=offscreen /usr/bin/time -f %M timeout -s INT 12 \
      "$here/build/bench/gui/app/conviz" "$here/scenarios/fanout-500.toml" || true) 2>&1 >/dev/null | tail -1)
    rm -rf "$home"
    echo "$rss $before" >>"$runs/app_rss"
  done

  run_bench conviz_bench "$here/build/bench/tests/bench/conviz_bench" "$CONVIZ_BENCH_FILTER"
  run_bench gui_bench "$here/build/bench/tests/gui/gui_bench" "$GUI_BENCH_FILTER"
fi

python3 "$here/docs/perf_report.py" "$runs" "$OUT"
