#!/usr/bin/env bash
# Benchmark: one ETL delta run (the n8n workflow, all three sources) at two scales with the SAME
# delta size, to show the run's cost follows the delta, not the size of the stores.
# For each scale: PostgreSQL (ads+crm sources, portal) and SecantusDB (content; MongoDB wire
# protocol, not mongod) on free 127.0.0.1 ports; the stores loaded at T0 (`load postgres --as-of`);
# the ETL objects and role; a backfill (the extract/load SQL run through psql for ads and crm,
# as n8n would run it, then one n8n run for content); then a fixed delta at T1 — DELTA_RESULTS
# ads.daily_results rows, DELTA_CAMPAIGNS campaigns, DELTA_LEADS leads, DELTA_SALES sales, all in
# the same DELTA_TOUCHED campaigns (picked by a hash), and the used image with the fewest
# campaigns — and one timed `n8n execute`.
# Prints the machine and, per scale: source rows, the delta, the n8n wall time (includes n8n's
# own start, ~7 s here) and the ETL's own time per source (portal clock, begin → commit, from
# sales.etl_execution_logs), and the ratio between the two scales.
# Usage: benches/etl_delta.sh [SCALE...]   (default: 0.1 1)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=("$@")
[ ${#SCALES[@]} -gt 0 ] || SCALES=(0.1 1)
DELTA_RESULTS="${DELTA_RESULTS:-200}"
DELTA_CAMPAIGNS="${DELTA_CAMPAIGNS:-5}"
DELTA_LEADS="${DELTA_LEADS:-100}"
DELTA_SALES="${DELTA_SALES:-50}"
DELTA_TOUCHED="${DELTA_TOUCHED:-20}"
T0="${ETL_T0:-2025-11-03T20:50:00}"
T1="${ETL_T1:-2025-11-03T21:23:00}"
source scripts/lib/pg.sh
source scripts/lib/mongo.sh
source scripts/lib/n8n.sh
WORK="$(mktemp -d /tmp/promptsales-etlbench.XXXXXX)"
cleanup() { n8n_cleanup; mongo_stop; pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT

cargo build --release --bin promptsales --features drivers >/dev/null 2>&1
P="${PROMPTSALES_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/promptsales}"
n8n_ensure
pg_start
mongo_start
ETL_DB_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
export ETL_DB_PASSWORD

echo "== machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:       $(nproc)   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "postgresql:  $("$PG_BIN/postgres" --version)"
echo "n8n:         $N8N_VERSION on Node $("$NODE24" --version)"
echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "delta:       $DELTA_RESULTS daily results, $DELTA_CAMPAIGNS campaigns, $DELTA_LEADS leads, $DELTA_SALES sales, all within $DELTA_TOUCHED campaigns; 1 image (at $T1)"

now() { date +%s.%N; }
declare -A WALL ETL

for S in "${SCALES[@]}"; do
  tag="s${S//./_}"
  echo "== scale $S"
  src="src_$tag"; portal="portal_$tag"; mdb="content_$tag"
  psql -X -q -c "CREATE DATABASE $src" -c "CREATE DATABASE $portal"
  url() { echo "postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/$1"; }
  t0=$(now)
  "$P" load postgres --url "$(url "$src")" --stores ads,crm --scale "$S" --as-of "$T0" --no-progress 2>"$WORK/load.log" \
    || { cat "$WORK/load.log"; exit 1; }
  "$P" load postgres --url "$(url "$portal")" --stores sales --scale "$S" --no-progress 2>>"$WORK/load.log"
  "$P" load mongo --url "$MONGODB_URL" --db "$mdb" --scale "$S" 2>>"$WORK/load.log" >/dev/null
  echo "load:        $(printf '%.1f' "$(echo "$(now) - $t0" | bc -l)") s ($(psql -X -At -d "$src" -c "SELECT count(*) FROM ads.daily_results") daily results, $(psql -X -At -d "$src" -c "SELECT count(*) FROM crm.sales") sales)"
  psql -X -q -v ON_ERROR_STOP=1 -d "$src" -f sql/sales/etl/sources_postgres.sql -f sql/sales/etl/roles.sql >/dev/null
  for f in sql/sales/etl/0*.sql sql/sales/etl/roles.sql; do psql -X -q -v ON_ERROR_STOP=1 -d "$portal" -f "$f" >/dev/null; done
  printf "ALTER ROLE promptsales_etl LOGIN PASSWORD '%s'" "$ETL_DB_PASSWORD" | psql -X -q -f -

  # Backfill of ads and crm with the workflow's own SQL, through psql (a scale-1 first run moves
  # tens of MB of JSON, which is not what this benchmark measures).
  t0=$(now)
  E="postgresql://promptsales_etl:${ETL_DB_PASSWORD}@127.0.0.1:${PGPORT}"
  for s in ads crm; do
    IFS='|' read -r _ wm st < <(psql -X -At "$E/$portal" -c "SELECT * FROM sales.etl_begin('$s')")
    { echo "PREPARE x(TEXT) AS"; cat "sql/sales/etl/${s}_extract.sql"; echo "; EXECUTE x('$wm');"; } \
      | psql -X -q -At -v ON_ERROR_STOP=1 "$E/$src" -f - >"$WORK/payload.json"
    printf '%s\n' "\\set p \`cat $WORK/payload.json\`" "SELECT status FROM sales.etl_load_$s(:'p', '$st', '$wm');" \
      | psql -X -q -At -v ON_ERROR_STOP=1 "$E/$portal" -f - >/dev/null
  done
  echo "backfill:    $(printf '%.1f' "$(echo "$(now) - $t0" | bc -l)") s (ads + crm via psql)"

  n8n_cleanup
  n8n_home
  python3 - "$WORK/credentials.json" "$src" "$portal" "$mdb" <<'PY'
import json, os, sys
out, src, portal, mdb = sys.argv[1:]
pg = lambda cid, name, db: {"id": cid, "name": name, "type": "postgres", "data": {
    "host": "127.0.0.1", "port": int(os.environ["PGPORT"]), "database": db, "user": "promptsales_etl",
    "password": os.environ["ETL_DB_PASSWORD"], "ssl": "disable", "allowUnauthorizedCerts": False, "maxConnections": 4}}
json.dump([pg("psEtlPortal00001", "PromptSales portal (ETL role)", portal),
           pg("psEtlAdsSource01", "PromptAds source (ETL role)", src),
           pg("psEtlCrmSource01", "PromptCrm source (ETL role)", src),
           {"id": "psEtlContentSrc1", "name": "PromptContent source (MongoDB)", "type": "mongoDb",
            "data": {"configurationType": "connectionString", "connectionString": os.environ["MONGODB_URL"], "database": mdb}}],
          open(out, "w"))
PY
  chmod 600 "$WORK/credentials.json"
  n8n_run import:credentials --input "$WORK/credentials.json" >/dev/null 2>&1
  rm -f "$WORK/credentials.json"
  n8n_run import:workflow --input etl/n8n/promptsales-etl.json >/dev/null 2>&1
  N8N_LOG_LEVEL=info n8n_run execute --id PromptSalesETL11 --rawOutput >"$WORK/warm.out" 2>&1 || { tail "$WORK/warm.out"; exit 1; }

  # The fixed delta at T1, chosen by hash so it spreads over campaigns the same way at every scale.
  psql -X -q -v ON_ERROR_STOP=1 -d "$src" <<SQL
BEGIN;
-- The same number of campaigns at every scale, so the touched keys (and the campaign_performance
-- rows re-aggregated) are the same size too, not only the changed rows.
CREATE TEMP TABLE bench_campaigns AS
    SELECT campaign_id FROM ads.campaigns ORDER BY md5(campaign_id::TEXT) LIMIT $DELTA_TOUCHED;
UPDATE ads.daily_results SET clicks = clicks + 1, updated_at = '$T1'
WHERE (placement_id, day) IN (SELECT placement_id, day FROM ads.daily_results
    WHERE campaign_id IN (SELECT campaign_id FROM bench_campaigns)
    ORDER BY md5(placement_id::TEXT || day::TEXT) LIMIT $DELTA_RESULTS);
UPDATE ads.campaigns SET updated_at = '$T1'
WHERE campaign_id IN (SELECT campaign_id FROM bench_campaigns ORDER BY md5(campaign_id::TEXT) LIMIT $DELTA_CAMPAIGNS);
UPDATE crm.client_campaigns SET updated_at = '$T1'
WHERE (client_id, campaign_id) IN (SELECT client_id, campaign_id FROM crm.client_campaigns
    WHERE campaign_id IN (SELECT campaign_id FROM bench_campaigns)
    ORDER BY md5(client_id::TEXT || campaign_id::TEXT) LIMIT $DELTA_LEADS);
UPDATE crm.sales SET amount = amount + 0.01, updated_at = '$T1'
WHERE sale_id IN (SELECT sale_id FROM crm.sales WHERE campaign_id IN (SELECT campaign_id FROM bench_campaigns)
    ORDER BY md5(sale_id::TEXT) LIMIT $DELTA_SALES);
COMMIT;
SQL
  # The used image with the fewest campaigns (images are max(100, 100·S): more campaigns share each one at scale 1).
  "$MONGO_PY" - "$MONGODB_URL" "$mdb" "$T1" <<'PY'
import datetime, sys, pymongo
db = pymongo.MongoClient(sys.argv[1])[sys.argv[2]]
docs = [d for d in db.images.find({"campaign_ids.0": {"$exists": True}}, {"image_id": 1, "campaign_ids": 1})]
d = min(docs, key=lambda d: (len(d["campaign_ids"]), d["image_id"]))
db.images.update_one({"_id": d["_id"]}, {"$set": {"updated_at": datetime.datetime.fromisoformat(sys.argv[3])}})
print(f"content:     image {d['image_id']} (used by {len(d['campaign_ids'])} campaigns)")
PY
  base=$(psql -X -At -d "$portal" -c "SELECT max(execution_id) FROM sales.etl_execution_logs")
  t0=$(now)
  N8N_LOG_LEVEL=info n8n_run execute --id PromptSalesETL11 --rawOutput >"$WORK/delta.out" 2>&1 || { tail "$WORK/delta.out"; exit 1; }
  WALL[$S]=$(echo "$(now) - $t0" | bc -l)
  psql -X -At -d "$portal" -F ' ' -c "
    SELECT etl_name, status, records_processed, execution_metadata->>'summary_rows', execution_metadata->>'duration_ms'
    FROM sales.etl_execution_logs WHERE execution_id > $base ORDER BY execution_id" >"$WORK/logs"
  awk '{printf "  %-16s %-8s records %-6s summary rows %-6s %6s ms\n", $1, $2, $3, $4, $5}' "$WORK/logs"
  if grep -qv ' success ' "$WORK/logs"; then echo "a source failed"; exit 1; fi
  ETL[$S]=$(awk '{s += $5} END {print s}' "$WORK/logs")
  printf 'delta run:   n8n execute %.1f s wall; ETL work (sum of the three sources) %s ms\n' "${WALL[$S]}" "${ETL[$S]}"
done

if [ ${#SCALES[@]} -ge 2 ]; then
  a="${SCALES[0]}"; b="${SCALES[-1]}"
  echo "== ratio scale $b / scale $a (same delta)"
  printf 'n8n wall:    %.2f×\n' "$(echo "${WALL[$b]} / ${WALL[$a]}" | bc -l)"
  printf 'ETL work:    %.2f×\n' "$(echo "${ETL[$b]} / ${ETL[$a]}" | bc -l)"
fi
