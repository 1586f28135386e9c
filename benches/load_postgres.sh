#!/usr/bin/env bash
# End-to-end benchmark, one server, one run: loading ads+crm+sales at scale S (default 1) with
#   A) `promptsales load postgres` (generator → binary COPY, keys after data, ANALYZE), versus
#   B) `promptsales generate --format csv` + `psql \copy … CSV HEADER` per table + the same
#      tables.sql / keys.sql + ANALYZE.
# Prints the machine, both wall times and the ratio A/B (target ≤ 0.7). Both databases are
# compared table by table (row counts) so the two paths loaded the same data.
# Usage: benches/load_postgres.sh [SCALE]
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:-1}"
source scripts/lib/pg.sh
trap pg_stop EXIT

cargo build --release --bin promptsales >/dev/null 2>&1
P="${CARGO_TARGET_DIR:-$PWD/target}/release/promptsales"
pg_start
psql -X -q -c "CREATE DATABASE bench_copy" -c "CREATE DATABASE bench_csv"
url() { echo "postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/$1"; }

echo "== machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:       $(nproc)"
echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:      $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
echo "postgresql:  $("$PG_BIN/postgres" --version)"
echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "scale:       $SCALE (stores ads,crm,sales)"
echo "server:      fsync=off, synchronous_commit=off (throwaway; same for both paths)"

now() { date +%s.%N; }

echo "== A: promptsales load postgres (binary COPY)"
t0=$(now)
"$P" load postgres --url "$(url bench_copy)" --stores ads,crm,sales --scale "$SCALE" --no-progress 2>"$PG_DIR/a.log"
t1=$(now)
tail -1 "$PG_DIR/a.log"
A=$(echo "$t1 - $t0" | bc -l)

echo "== B: generate CSV + psql \\copy + same keys"
CSV="$PG_DIR/csv"
t0=$(now)
"$P" generate --scale "$SCALE" --stores ads,crm,sales --format csv --out "$CSV" --no-progress 2>"$PG_DIR/b-gen.log"
tg=$(now)
for s in ads crm sales; do
  psql -X -q -v ON_ERROR_STOP=1 -d bench_csv -f "sql/$s/postgres/tables.sql"
  for f in "$CSV/$s"/*.csv; do
    t=$(basename "$f" .csv)
    psql -X -q -v ON_ERROR_STOP=1 -d bench_csv -c "\\copy $s.$t FROM '$f' WITH (FORMAT csv, HEADER true)"
  done
  psql -X -q -v ON_ERROR_STOP=1 -d bench_csv -f "sql/$s/postgres/keys.sql"
done
psql -X -q -v ON_ERROR_STOP=1 -d bench_csv -c "ANALYZE"
t1=$(now)
B=$(echo "$t1 - $t0" | bc -l)
G=$(echo "$tg - $t0" | bc -l)
echo "csv size:    $(du -sh "$CSV" | cut -f1)"

count_all() {
  psql -X -At -d "$1" -F ' ' -c "
    SELECT table_schema || '.' || table_name,
           (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::TEXT
    FROM information_schema.tables WHERE table_schema IN ('ads','crm','sales') ORDER BY 1"
}
diff <(count_all bench_copy) <(count_all bench_csv) >/dev/null || { echo "the two loads differ"; exit 1; }
ROWS=$(count_all bench_copy | awk '{s += $2} END {print s}')

echo "== result"
printf "rows loaded:                 %d (47 tables, identical counts in both databases)\n" "$ROWS"
printf "A load postgres (binary):    %8.1f s\n" "$A"
printf "B csv + \\\\copy + keys:       %8.1f s (of which generate csv %.1f s)\n" "$B" "$G"
printf "ratio A/B:                   %8.2f (target <= 0.70)\n" "$(echo "$A / $B" | bc -l)"
