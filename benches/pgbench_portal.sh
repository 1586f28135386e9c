#!/usr/bin/env bash
# One PostgreSQL's throughput on the portal's queries, for the capacity planning in
# docs/kubernetes.md: a throwaway server (scripts/lib/pg.sh) loaded with ads+crm+sales at
# SCALE (default 1) by `promptsales load postgres`, then pgbench with the scripts in
# benches/pgbench_portal/ (five indexed reads and one audit insert, weighted like a portal
# session) for DURATION seconds (default 30) at each client count in CLIENTS (default "8 32").
# Durability is switched back on (fsync, synchronous_commit, full_page_writes) so the write
# costs what it would in production. Prints the machine and one row per client count.
# Usage: bash benches/pgbench_portal.sh [SCALE]  (DURATION=30 CLIENTS="8 32" THREADS=2 PROMPTSALES_BIN=)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:-${SCALE:-1}}"
DURATION="${DURATION:-30}"
CLIENTS="${CLIENTS:-8 32}"
THREADS="${THREADS:-2}"
source scripts/lib/pg.sh
trap pg_stop EXIT
pg_start

# PROMPTSALES_BIN: an already-built binary (skips the build).
P="${PROMPTSALES_BIN:-${CARGO_TARGET_DIR:-target}/release/promptsales}"
if [ -z "${PROMPTSALES_BIN:-}" ]; then
  cargo build --release --bin promptsales >/dev/null 2>&1 || cargo build --release --bin promptsales
fi
psql -X -q -c "CREATE DATABASE portal"
URL="postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/portal"
"$P" load postgres --url "$URL" --stores ads,crm,sales --scale "$SCALE" --no-progress 2>&1 | tail -1

psql -X -q -d portal >/dev/null <<'SQL'
ALTER SYSTEM SET fsync = on;
ALTER SYSTEM SET synchronous_commit = on;
ALTER SYSTEM SET full_page_writes = on;
SELECT pg_reload_conf();
SQL
psql -X -q -d portal -c "CREATE SEQUENCE bench_log_id START $(psql -X -At -d portal -c 'SELECT coalesce(max(log_id), 0) + 1 FROM sales.system_logs')"
max_campaign=$(psql -X -At -d portal -c "SELECT max(campaign_id) FROM sales.campaigns")
max_customer=$(psql -X -At -d portal -c "SELECT max(customer_id) FROM sales.campaigns")
max_user=$(psql -X -At -d portal -c "SELECT max(user_id) FROM sales.transactions")
rows=$(psql -X -At -d portal -c "SELECT sum(n_live_tup) FROM pg_stat_user_tables")
size=$(psql -X -At -d portal -c "SELECT pg_size_pretty(pg_database_size('portal'))")

echo "## pgbench, portal queries — bash benches/pgbench_portal.sh $SCALE"
echo "- $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "- PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), pgbench on the same machine (-j $THREADS), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- data: scale $SCALE, $rows rows, $size; campaigns 1..$max_campaign, customers ..$max_customer, users ..$max_user"
echo "- mix (weights): campaign_detail 25, customer_campaigns 20, campaign_results_30d 15, budget_ledger 15, user_transactions 15, audit_write 10"
echo
echo "| clients | operations/s | operations/min | mean latency (ms) | failed |"
echo "|---:|---:|---:|---:|---:|"
S=benches/pgbench_portal
for c in $CLIENTS; do
  out=$("$PG_BIN/pgbench" -n -M prepared -T "$DURATION" -c "$c" -j "$THREADS" \
    -D max_campaign="$max_campaign" -D max_customer="$max_customer" -D max_user="$max_user" \
    -f "$S/campaign_detail.sql@25" -f "$S/customer_campaigns.sql@20" -f "$S/campaign_results_30d.sql@15" \
    -f "$S/budget_ledger.sql@15" -f "$S/user_transactions.sql@15" -f "$S/audit_write.sql@10" \
    -d portal 2>&1) || { echo "$out" >&2; exit 1; }
  tps=$(echo "$out" | awk '/^tps = / {print $3; exit}')
  lat=$(echo "$out" | awk '/^latency average/ {print $4; exit}')
  failed=$(echo "$out" | awk '/^number of failed transactions/ {print $5; exit}')
  printf '| %s | %.0f | %.0f | %s | %s |\n' "$c" "$tps" "$(echo "$tps*60" | bc -l)" "$lat" "${failed:-0}"
done
