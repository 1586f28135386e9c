#!/usr/bin/env bash
# End-to-end generation benchmark, side by side with the peer in the same run:
#   promptsales generate --scale 1 --stores ads,crm (Parquet, Snappy) vs tpchgen-cli parquet -s 1
#   (Snappy), both with the same thread count; then peak RSS at scale 1 and scale 4.
# Usage: benches/e2e_generate.sh            (RUNS=3 THREADS=2 by default)
# Prints a Markdown table; nothing is asserted (timings never go in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
command -v tpchgen-cli >/dev/null || pip install -q tpchgen-cli
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
cargo build --release -q
bin="${CARGO_TARGET_DIR:-target}/release/promptsales"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# TPC-H SF1 row counts from the specification (lineitem 6001215, orders 1500000, partsupp
# 800000, part 200000, customer 150000, supplier 10000, nation 25, region 5).
TPCH_ROWS=8661245

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
timed() { # prints "seconds max_rss_kb" of the command
  /usr/bin/time -f "%e %M" -o "$work/t" "$@" >/dev/null 2>&1
  cat "$work/t"
}

echo "## Machine"
echo "- $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
echo "- $(uname -sr); $(rustc --version); tpchgen-cli $(tpchgen-cli --version 2>/dev/null | awk '{print $NF}'); promptsales $($bin --version | awk '{print $NF}')"
echo "- threads: $THREADS, runs: $RUNS (median), $(date -u +%Y-%m-%dT%H:%MZ)"
echo

ours_t=(); theirs_t=(); ours_rows=0
for i in $(seq "$RUNS"); do
  rm -rf "$work/tp" "$work/ps"
  read -r s _ < <(timed tpchgen-cli parquet -s 1 -n "$THREADS" -o "$work/tp")
  theirs_t+=("$s")
  read -r s _ < <(timed "$bin" generate --scale 1 --stores ads,crm --threads "$THREADS" --no-progress --out "$work/ps")
  ours_t+=("$s")
  ours_rows=$(python3 -c "import json,sys; print(sum(t['rows'] for t in json.load(open(sys.argv[1]))['tables'].values()))" "$work/ps/manifest.json")
done
ours_bytes=$(du -sb "$work/ps" | cut -f1); theirs_bytes=$(du -sb "$work/tp" | cut -f1)
t_ours=$(printf '%s\n' "${ours_t[@]}" | median); t_theirs=$(printf '%s\n' "${theirs_t[@]}" | median)

rm -rf "$work/ps"
read -r _ rss1 < <(timed "$bin" generate --scale 1 --stores ads,crm --threads "$THREADS" --no-progress --out "$work/ps")
rm -rf "$work/ps"
read -r _ rss4 < <(timed "$bin" generate --scale 4 --stores ads,crm --threads "$THREADS" --no-progress --out "$work/ps")
rm -rf "$work/ps"

echo "## Generation, Parquet (Snappy), scale 1"
echo
echo "| generator | rows | seconds (median of $RUNS: ${ours_t[*]} / ${theirs_t[*]}) | rows/s | MB written | MB/s |"
echo "|---|---:|---:|---:|---:|---:|"
awk -v r="$ours_rows" -v t="$t_ours" -v b="$ours_bytes" 'BEGIN {printf "| promptsales generate --scale 1 --stores ads,crm --threads %s | %d | %.2f | %.0f | %.1f | %.1f |\n", ENVIRON["THREADS"], r, t, r/t, b/1e6, b/1e6/t}' THREADS="$THREADS"
awk -v r="$TPCH_ROWS" -v t="$t_theirs" -v b="$theirs_bytes" 'BEGIN {printf "| tpchgen-cli parquet -s 1 -n %s | %d | %.2f | %.0f | %.1f | %.1f |\n", ENVIRON["THREADS"], r, t, r/t, b/1e6, b/1e6/t}' THREADS="$THREADS"
awk -v a="$ours_rows" -v ta="$t_ours" -v b="$TPCH_ROWS" -v tb="$t_theirs" 'BEGIN {printf "\nrows/s ratio promptsales / tpchgen-cli: %.2f\n", (a/ta)/(b/tb)}'
echo
echo "## Peak memory (max RSS)"
echo
echo "| scale | max RSS (MB) |"
echo "|---:|---:|"
echo "| 1 | $((rss1 / 1024)) |"
echo "| 4 | $((rss4 / 1024)) |"
awk -v a="$rss1" -v b="$rss4" 'BEGIN {printf "\nRSS ratio scale 4 / scale 1: %.2f (target ≤ 1.25)\n", b/a}'
