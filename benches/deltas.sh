#!/usr/bin/env bash
# Delta generation and apply time vs delta size (DESIGN.md §10, docs/deltas.md), one server,
# one run, per scale (default: 0.1 and 1):
#   - `promptsales delta --from T --to T'` (generate the delta and write it as Parquet): wall time;
#   - `promptsales load postgres --advance-to T'` on a database loaded `--as-of T`: the
#     loader's own report (delta generation inside it, COPY + upsert + commit in one transaction).
# Delta sizes grow with the step: 1 hour, 1 day, 7 days, 30 days, chained from T0.
# As a peer, a fresh `load postgres --as-of` of the same end state is timed too (what an ETL
# without deltas would have to reload). Timings are printed, never asserted.
# Usage: benches/deltas.sh [SCALE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=("${@:-0.1 1}")
read -r -a SCALES <<<"${SCALES[*]}"
source scripts/lib/pg.sh
trap pg_stop EXIT

cargo build --release --bin promptsales >/dev/null 2>&1
P="${CARGO_TARGET_DIR:-$PWD/target}/release/promptsales"
pg_start
url() { echo "postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/$1"; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

echo "== machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:       $(nproc)"
echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:      $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg)"
echo "postgresql:  $("$PG_BIN/postgres" --version)"
echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "server:      fsync=off, synchronous_commit=off (throwaway)"

T0=2025-11-15T00:00:00
STEPS=(2025-11-15T01:00:00 2025-11-16T01:00:00 2025-11-23T01:00:00 2025-12-23T01:00:00)
LABELS=("1 hour" "1 day" "7 days" "30 days")
for S in "${SCALES[@]}"; do
  db="bench_delta_${S//./_}"
  psql -X -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  t0=$(date +%s%N)
  "$P" load postgres --url "$(url "$db")" --stores ads,crm --scale "$S" --as-of $T0 --no-progress 2>"$PG_DIR/load.log"
  t1=$(date +%s%N)
  echo
  echo "== scale $S: load --as-of $T0 (ads,crm): $(ms "$t0" "$t1") ms — $(tail -1 "$PG_DIR/load.log" | cut -d' ' -f2-4)"
  echo "| step | from → to | delta rows | promptsales delta (ms) | advance-to total (ms) | of which generation (ms) | apply rows/s | fresh --as-of load (ms) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  from=$T0
  for i in "${!STEPS[@]}"; do
    to=${STEPS[$i]}
    out=$(mktemp -d /tmp/promptsales-delta.XXXXXX)
    rmdir "$out"
    t0=$(date +%s%N)
    "$P" delta --scale "$S" --from "$from" --to "$to" --out "$out" --quiet
    t1=$(date +%s%N)
    rows=$(python3 -c "import json,sys; print(sum(t['rows'] for t in json.load(open(sys.argv[1]))['tables'].values()))" "$out/delta.json")
    rm -rf "$out"
    "$P" load postgres --url "$(url "$db")" --scale "$S" --advance-to "$to" 2>"$PG_DIR/adv.log"
    line=$(tail -1 "$PG_DIR/adv.log")
    total=$(echo "$line" | sed -E 's/.* rows in ([0-9.]+) s.*/\1/')
    gen=$(echo "$line" | sed -E 's/.*generated in ([0-9.]+) s.*/\1/')
    applied=$(echo "$line" | sed -E 's/.*: ([0-9]+) rows in.*/\1/')
    [ "$applied" = "$rows" ] || { echo "advance applied $applied rows, delta has $rows" >&2; exit 1; }
    psql -X -q -c "DROP DATABASE IF EXISTS fresh" -c "CREATE DATABASE fresh"
    f0=$(date +%s%N)
    "$P" load postgres --url "$(url fresh)" --stores ads,crm --scale "$S" --as-of "$to" --no-progress 2>/dev/null
    f1=$(date +%s%N)
    python3 - "$i" "$from" "$to" "$rows" "$(ms "$t0" "$t1")" "$total" "$gen" "$(ms "$f0" "$f1")" "${LABELS[$i]}" <<'PY'
import sys
i, f, t, rows, cli, total, gen, fresh, label = sys.argv[1:]
total_ms, gen_ms = float(total) * 1000, float(gen) * 1000
apply_ms = max(total_ms - gen_ms, 1e-3)
print(f"| {label} | {f} → {t} | {rows} | {cli} | {total_ms:.0f} | {gen_ms:.0f} | {int(rows) / apply_ms * 1000:.0f} | {fresh} |")
PY
    from=$to
  done
done
