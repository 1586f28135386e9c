#!/usr/bin/env bash
# Report rendering benchmark at scale 1, side by side with its peer in the same run: `verify` on
# the same folder (the report runs verify and then reads the tables again for its charts, so
# verify is its floor). Also the page's size and peak memory.
# Usage: benches/report.sh [SCALE]     (RUNS=3 by default)
# Prints a Markdown table; nothing is asserted (timings never go in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
RUNS=${RUNS:-3}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q --bin promptsales
bin="${CARGO_TARGET_DIR:-target}/release/promptsales"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1 || true; cat "$work/t"; }

echo "## Machine"
echo "- $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
echo "- $(uname -sr); $(rustc --version); promptsales $($bin --version | awk '{print $NF}')"
echo "- scale $SCALE, all four stores, runs: $RUNS (median), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
"$bin" generate --scale "$SCALE" --seed 42 --no-progress --out "$work/data" 2>/dev/null

v_t=(); r_t=(); v_rss=0; r_rss=0
for i in $(seq "$RUNS"); do
  read -r s m < <(timed "$bin" verify "$work/data"); v_t+=("$s"); v_rss=$m
  read -r s m < <(timed "$bin" report "$work/data" --out "$work/report.html"); r_t+=("$s"); r_rss=$m
done
read -r g_s _ < <(timed "$bin" report --scale "$SCALE" --seed 42 --out "$work/gen.html")
bytes=$(stat -c %s "$work/report.html")
echo "## Report at scale $SCALE"
echo
echo "| command | seconds (median of $RUNS: ${v_t[*]} / ${r_t[*]}) | max RSS (MB) |"
echo "|---|---:|---:|"
echo "| promptsales verify DIR | $(printf '%s\n' "${v_t[@]}" | median) | $((v_rss / 1024)) |"
echo "| promptsales report DIR --out report.html | $(printf '%s\n' "${r_t[@]}" | median) | $((r_rss / 1024)) |"
echo "| promptsales report --scale $SCALE --seed 42 (generate + report) | $g_s | |"
echo
echo "page size: $bytes bytes ($(awk -v b="$bytes" 'BEGIN {printf "%.2f", b/1048576}') MiB)"
