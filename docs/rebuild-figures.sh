#!/bin/sh
# Rebuilds every figure of a blog post from one scenario with conviz-cli, no display needed: the
# charts as 2× PNG (1200 × 675 points, 2400 × 1350 pixels) and SVG, the side-by-side view as a
# slide, an animation of the schedulers, and the data behind them (tidy CSV, full JSON). Same
# scenario and seed, same files: run it again after changing the scenario and commit the diff.
#
#   docs/rebuild-figures.sh [SCENARIO.toml] [OUTPUT-DIR]
#
# Environment: CONVIZ_CLI (default: conviz-cli on PATH, else build/dev/cli/conviz-cli),
# GIF_START and GIF_END (the stretch of the run the GIF shows; default: all of it).
set -eu

scenario=${1:-scenarios/crud-postgres.toml}
out=${2:-figures}
cli=${CONVIZ_CLI:-$(command -v conviz-cli || echo build/dev/cli/conviz-cli)}
name=$(basename "$scenario" .toml)
mkdir -p "$out"

for chart in throughput latency memory timeline queue cost; do
    "$cli" export "$scenario" --chart "$chart" --size 1200x675 --scale 2 --out "$out/$name-$chart.png" --force
    "$cli" export "$scenario" --chart "$chart" --size 1200x675 --out "$out/$name-$chart.svg" --force
done
"$cli" export "$scenario" --chart side-by-side --size 1920x1080 --out "$out/$name-side-by-side.png" --force

gif_range=""
[ -n "${GIF_START:-}" ] && gif_range="$gif_range --start $GIF_START"
[ -n "${GIF_END:-}" ] && gif_range="$gif_range --end $GIF_END"
# shellcheck disable=SC2086 # gif_range is a list of options
"$cli" export "$scenario" --gif --fps 20 --seconds 4 --size 960x540 $gif_range --out "$out/$name-schedulers.gif" --force

"$cli" export "$scenario" --csv --out "$out/$name-sweep.csv" --force
"$cli" export "$scenario" --json --out "$out/$name-result.json" --force
