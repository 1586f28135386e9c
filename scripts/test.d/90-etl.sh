#!/usr/bin/env bash
# The n8n ETL end to end, on real engines started here on free 127.0.0.1 ports and stopped by
# the trap:
#   * PostgreSQL 15 (Debian): the ads and crm stores (PostgreSQL twins of the SQL Server stores)
#     in database ps_sources, the portal (sales) in database ps_portal;
#   * SecantusDB (PyPI; a WiredTiger server speaking the MongoDB wire protocol — NOT mongod) with
#     the content store, loaded by `promptsales load mongo`;
#   * n8n 2.40.7 on Node 24 (scripts/lib/n8n.sh; cached install), headless: the committed
#     workflow etl/n8n/promptsales-etl.json is imported and run with `n8n execute`.
# Checks, each asserted on values:
#   the workflow JSON is what build_workflow.py makes from sql/sales/etl (no drift) and holds no
#   secret; the ETL role is least-privilege (reads only what the extracts read, writes only the
#   summaries and ETL tables; everything else refused); T0: after a full run every summary equals
#   its from-scratch recomputation (sql/sales/checks) row for row, to the cent, and each watermark
#   is the source's max(updated_at); T1 (a few 11-minute ticks later, `load postgres --advance-to`
#   and one content edit): after a run the summaries equal the recomputation again, exactly the
#   touched summary rows were rewritten (etl_processed_at moved, all others byte-identical) and
#   each logged records_processed equals the delta size counted on the sources; a run with no
#   change rewrites nothing and logs 0; a failing source (SELECT revoked from the ETL role) is
#   logged failed with the watermark unchanged, and after the GRANT the next run catches up exactly.
# Credentials: generated per run, handed to n8n through a 0600 temp file that is removed right
# after `n8n import:credentials`; never printed.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
STEP_START=$(date +%s)
source scripts/lib/pg.sh
source scripts/lib/mongo.sh
source scripts/lib/n8n.sh

WORK="$(mktemp -d /tmp/promptsales-etl.XXXXXX)"
cleanup() { n8n_cleanup; mongo_stop; pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
lap() { echo "   [$(( $(date +%s) - STEP_START )) s] $*"; }

SCALE="${ETL_SCALE:-0.02}"
# Simulated instants after the window (2024-07-01 … 2025-10-31, docs/deltas.md): T0 is the state
# first loaded, T1 three 11-minute ticks later, T2 four more (the failure/catch-up round). Evening
# UTC is when the markets (UTC−6…UTC+1) are busy: at scale 0.02, T0→T1 holds the 21:00 hourly
# report of every active placement, leads and a sale; T1→T2 the 22:00 report.
T0="${ETL_T0:-2025-11-03T20:50:00}"
T1="${ETL_T1:-2025-11-03T21:23:00}"
T2="${ETL_T2:-2025-11-03T22:07:00}"
P="${PROMPTSALES_BIN:-${CARGO_TARGET_DIR:-target}/release/promptsales}"

echo "-- n8n $N8N_VERSION on Node 24 (cached install; first run builds sqlite3 with node-gyp)"
n8n_ensure
n8n_home
v="$(n8n_run --version 2>/dev/null | tail -1)"
[ "$v" = "$N8N_VERSION" ] || fail "n8n --version says '$v', expected $N8N_VERSION"
lap "n8n $v ready"

echo "-- workflow JSON: generated from sql/sales/etl, no secrets"
python3 etl/n8n/build_workflow.py --check || fail "etl/n8n/promptsales-etl.json is stale"
python3 - etl/n8n/promptsales-etl.json <<'PY' || fail "workflow JSON"
import json, sys
wf = json.load(open(sys.argv[1]))
nodes = {n["name"]: n for n in wf["nodes"]}
sched = [n for n in wf["nodes"] if n["type"] == "n8n-nodes-base.scheduleTrigger"]
assert len(sched) == 1 and sched[0]["parameters"]["rule"]["interval"] == [{"field": "minutes", "minutesInterval": 11}], sched
kinds = {n["type"] for n in wf["nodes"]}
assert {"n8n-nodes-base.postgres", "n8n-nodes-base.mongoDb"} <= kinds, kinds
for n in wf["nodes"]:
    for cred in n.get("credentials", {}).values():
        assert set(cred) == {"id", "name"}, (n["name"], cred)
text = json.dumps(wf).lower()
for word in ("password", "mongodb://", "postgresql://", "secret"):
    assert word not in text, f"workflow JSON mentions {word!r}"
# every source's load and extract route errors to its failure logger
for src in ("Ads", "CRM", "Content"):
    fail_node = f"{src} · log failure"
    feeding = [a for a, c in wf["connections"].items() for outs in c["main"][1:] for d in outs if d["node"] == fail_node]
    assert len(feeding) >= 2, (src, feeding)
print(f"ok   {len(wf['nodes'])} nodes, schedule every 11 minutes, credentials by reference only, every source's error output logged")
PY

"$NODE24" etl/n8n/schedule_check.js "$NPM_PREFIX" etl/n8n/promptsales-etl.json || fail "the schedule is not every 11 minutes"

echo "-- T-SQL twins of the extracts (SQL Server cannot run here): parsed with sqlfluff's tsql dialect"
source scripts/lib/venv.sh
venv_ensure tsql "sqlfluff=sqlfluff==4.5.0" >/dev/null
tsql_parse() { "$VENV_BIN/sqlfluff" parse --dialect tsql --templater raw "$1" >"$WORK/parse.out" 2>&1 && ! grep -q unparsable "$WORK/parse.out"; }
for f in sql/sales/etl/mssql/*.sql; do
  tsql_parse "$f" || { grep -B2 -A4 unparsable "$WORK/parse.out" | head -20; fail "$f does not parse as T-SQL"; }
  echo "ok   $f parses (tsql)"
done
# The parse check must be able to fail: a GROUP BY without BY is refused.
sed 's/GROUP BY d.campaign_id/GROUP d.campaign_id/' sql/sales/etl/mssql/ads_extract.sql >"$WORK/broken.sql"
if tsql_parse "$WORK/broken.sql"; then fail "sqlfluff accepted broken T-SQL"; fi
echo "ok   a broken extract is refused by the same check"

echo "-- servers and data (scale $SCALE, state at $T0)"
pg_start
mongo_start
ps_build 2>&1 | tail -1
psql -X -q -c "CREATE DATABASE ps_sources" -c "CREATE DATABASE ps_portal"
ADMIN_SRC="postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/ps_sources"
ADMIN_PORTAL="postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/ps_portal"
"$P" load postgres --url "$ADMIN_SRC" --stores ads,crm --scale "$SCALE" --as-of "$T0" --no-progress 2>"$WORK/load.log" \
  || { cat "$WORK/load.log"; fail "load ads,crm --as-of $T0"; }
"$P" load postgres --url "$ADMIN_PORTAL" --stores sales --scale "$SCALE" --no-progress 2>>"$WORK/load.log" \
  || { cat "$WORK/load.log"; fail "load sales"; }
"$P" load mongo --url "$MONGODB_URL" --db promptcontent --scale "$SCALE" 2>>"$WORK/load.log" \
  || { cat "$WORK/load.log"; fail "load mongo"; }
lap "loaded ads+crm, sales and content"

echo "-- ETL objects: source indexes, portal migration and functions, least-privilege role"
psql_src() { psql -X -q -v ON_ERROR_STOP=1 -d ps_sources "$@"; }
psql_portal() { psql -X -q -v ON_ERROR_STOP=1 -d ps_portal "$@"; }
psql_src -f sql/sales/etl/sources_postgres.sql >/dev/null
for f in sql/sales/etl/0*.sql; do psql_portal -f "$f" >/dev/null; done
psql_portal -f sql/sales/etl/roles.sql >/dev/null
psql_src -f sql/sales/etl/roles.sql >/dev/null
# Idempotent: applying everything twice changes nothing and fails nothing.
for f in sql/sales/etl/0*.sql sql/sales/etl/roles.sql; do psql_portal -f "$f" >/dev/null 2>&1 || fail "$f is not re-runnable"; done
ETL_DB_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
export ETL_DB_PASSWORD
printf "ALTER ROLE promptsales_etl LOGIN PASSWORD '%s'" "$ETL_DB_PASSWORD" | psql -X -q -v ON_ERROR_STOP=1 -f -
ETL_SRC="postgresql://promptsales_etl:${ETL_DB_PASSWORD}@127.0.0.1:${PGPORT}/ps_sources"
ETL_PORTAL="postgresql://promptsales_etl:${ETL_DB_PASSWORD}@127.0.0.1:${PGPORT}/ps_portal"

# The role may (allowed) or may not (refused) run each statement; writes run in a rolled-back transaction.
expect_priv() { # allowed|refused url label sql
  local want="$1" url="$2" label="$3" sql="$4" got
  if printf 'BEGIN;\n%s;\nROLLBACK;\n' "$sql" | psql -X -q -v ON_ERROR_STOP=1 "$url" -f - >"$WORK/priv.out" 2>&1; then
    got=allowed
  elif grep -q "permission denied" "$WORK/priv.out"; then
    got=refused
  else
    cat "$WORK/priv.out"; fail "$label: neither allowed nor a permission error"
  fi
  [ "$got" = "$want" ] || { cat "$WORK/priv.out"; fail "$label: $got, expected $want"; }
  echo "ok   $want: $label"
}
expect_priv allowed "$ETL_SRC" "read ads.daily_results" "SELECT count(*) FROM ads.daily_results"
expect_priv allowed "$ETL_SRC" "read crm.sales" "SELECT count(*) FROM crm.sales"
expect_priv refused "$ETL_SRC" "read crm.clients (personal data)" "SELECT count(*) FROM crm.clients"
expect_priv refused "$ETL_SRC" "read crm.interactions (no summary needs it)" "SELECT count(*) FROM crm.interactions"
expect_priv refused "$ETL_SRC" "write ads.daily_results" "UPDATE ads.daily_results SET clicks = clicks WHERE day = DATE '2025-01-01'"
expect_priv refused "$ETL_SRC" "delete crm.sales" "DELETE FROM crm.sales WHERE sale_id = -1"
expect_priv refused "$ETL_SRC" "create a table in ads" "CREATE TABLE ads.etl_probe (x INT)"
expect_priv allowed "$ETL_PORTAL" "upsert sales.ads_summary" \
  "INSERT INTO sales.ads_summary (campaign_id, summary_date, channel, impressions, clicks, spent, reach, engagement, conversions, etl_processed_at) VALUES (1, DATE '2000-01-01', 'probe', 0, 0, 0, 0, 0, 0, TIMESTAMP '2000-01-01')"
expect_priv allowed "$ETL_PORTAL" "update sales.etl_watermarks" "UPDATE sales.etl_watermarks SET etl_status = etl_status"
expect_priv allowed "$ETL_PORTAL" "append to sales.etl_execution_logs" \
  "INSERT INTO sales.etl_execution_logs (etl_name, status, records_processed, records_failed, started_at, completed_at) VALUES ('probe', 'success', 0, 0, now(), now())"
expect_priv refused "$ETL_PORTAL" "rewrite sales.etl_execution_logs history" "UPDATE sales.etl_execution_logs SET status = status"
expect_priv refused "$ETL_PORTAL" "write sales.campaigns" "UPDATE sales.campaigns SET name = name WHERE campaign_id = 1"
expect_priv refused "$ETL_PORTAL" "read sales.users" "SELECT count(*) FROM sales.users"
expect_priv refused "$ETL_PORTAL" "delete sales.transactions" "DELETE FROM sales.transactions WHERE transaction_id = -1"
expect_priv refused "$ETL_PORTAL" "create a table in sales" "CREATE TABLE sales.etl_probe (x INT)"

echo "-- n8n: credentials from this run's environment (temp file, removed after import), workflow"
umask 077
python3 - "$WORK/credentials.json" <<'PY'
import json, os, sys
pg = lambda cid, name, db: {"id": cid, "name": name, "type": "postgres", "data": {
    "host": "127.0.0.1", "port": int(os.environ["PGPORT"]), "database": db, "user": "promptsales_etl",
    "password": os.environ["ETL_DB_PASSWORD"], "ssl": "disable", "allowUnauthorizedCerts": False, "maxConnections": 4}}
creds = [
    pg("psEtlPortal00001", "PromptSales portal (ETL role)", "ps_portal"),
    pg("psEtlAdsSource01", "PromptAds source (ETL role)", "ps_sources"),
    pg("psEtlCrmSource01", "PromptCrm source (ETL role)", "ps_sources"),
    {"id": "psEtlContentSrc1", "name": "PromptContent source (MongoDB)", "type": "mongoDb",
     "data": {"configurationType": "connectionString", "connectionString": os.environ["MONGODB_URL"], "database": "promptcontent"}},
]
with open(sys.argv[1], "w") as fh:
    json.dump(creds, fh)
PY
umask 022
n8n_run import:credentials --input "$WORK/credentials.json" >"$WORK/import.log" 2>&1 || { cat "$WORK/import.log"; fail "import:credentials"; }
rm -f "$WORK/credentials.json"
n8n_run import:workflow --input etl/n8n/promptsales-etl.json >>"$WORK/import.log" 2>&1 || { cat "$WORK/import.log"; fail "import:workflow"; }
if grep -rq "$ETL_DB_PASSWORD" "$WORK/import.log" "$N8N_HOME"/.n8n/*.log 2>/dev/null; then fail "a credential was logged"; fi
lap "credentials and workflow imported"

# One ETL run: `n8n execute` of the imported workflow (the manual trigger; the schedule fires the
# same branches every 11 minutes when the workflow is active).
RUN=0
etl_run() {
  RUN=$((RUN + 1))
  local t0 t1
  t0=$(date +%s.%N)
  N8N_LOG_LEVEL=info n8n_run execute --id PromptSalesETL11 --rawOutput >"$WORK/run$RUN.out" 2>"$WORK/run$RUN.err" \
    || { tail -20 "$WORK/run$RUN.err" "$WORK/run$RUN.out"; fail "n8n execute (run $RUN)"; }
  t1=$(date +%s.%N)
  python3 - "$WORK/run$RUN.out" <<'PY' || fail "run $RUN: execution output"
import json, sys
text = open(sys.argv[1]).read()
# n8n prints log lines around the execution's JSON (before it, and sometimes after it when a
# node failed): decode the one JSON document that starts a line, ignore what follows it.
start = 0 if text.startswith("{") else text.index("\n{") + 1
data, end = json.JSONDecoder().raw_decode(text[start:])
rest = text[start + end:].strip()
if rest:
    print(f"   (n8n printed {len(rest.splitlines())} more line(s) after the execution's JSON: {rest.splitlines()[0][:100]!r})")
assert data.get("status") == "success", data.get("status")
PY
  if grep -q -- "$ETL_DB_PASSWORD" "$WORK/run$RUN.out" "$WORK/run$RUN.err"; then fail "run $RUN printed the ETL password"; fi
  echo "   run $RUN: n8n execute $(python3 -c "print(f'{$t1 - $t0:.1f}')") s"
}

# The ETL's log rows of the last run, one line per source: name|status|records|error.
last_logs() {
  psql -X -At -d ps_portal -c "
    SELECT etl_name || '|' || status || '|' || records_processed || '|' || coalesce(left(error_message, 80), '')
    FROM sales.etl_execution_logs WHERE execution_id > $1 ORDER BY execution_id"
}
max_log() { psql -X -At -d ps_portal -c "SELECT max(execution_id) FROM sales.etl_execution_logs"; }
watermark() { psql -X -At -d ps_portal -c "SELECT to_char(last_updated_at, 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM sales.etl_watermarks WHERE source_system = '$1'"; }

# Content source rows as a temp table for the content check (pymongo reads the server, not the dump).
images_tsv() {
  "$MONGO_PY" - "$MONGODB_URL" <<'PY' >"$WORK/images.tsv"
import sys, pymongo
db = pymongo.MongoClient(sys.argv[1])["promptcontent"]
for d in db.images.find({}, {"image_id": 1, "campaign_ids": 1, "created_at": 1, "approval.status": 1}).sort("image_id", 1):
    ids = "{" + ",".join(str(int(c)) for c in d.get("campaign_ids", [])) + "}"
    print(f"{d['image_id']}\t{ids}\t{d['created_at'].strftime('%Y-%m-%d %H:%M:%S')}\t{d['approval']['status']}")
PY
}

# Every summary equals its from-scratch recomputation, row for row and to the cent.
check_all() {
  local label="$1" c n
  for c in ads_summary crm_summary campaign_performance; do
    psql -X -At -v ON_ERROR_STOP=1 -d ps_sources -f "sql/sales/checks/$c.sql" >"$WORK/$c.want"
    psql -X -At -v ON_ERROR_STOP=1 -d ps_portal -f "sql/sales/checks/$c.portal.sql" >"$WORK/$c.got"
    diff "$WORK/$c.want" "$WORK/$c.got" >"$WORK/$c.diff" || { head -20 "$WORK/$c.diff"; fail "$label: $c differs from its recomputation"; }
    n=$(wc -l <"$WORK/$c.want")
    [ "$n" -gt 0 ] || fail "$label: $c recomputation is empty"
    echo "ok   $label: $c = recomputation from the sources ($n rows)"
  done
  images_tsv
  { echo "CREATE TEMP TABLE etl_check_images (image_id BIGINT, campaign_ids BIGINT[], created_at TIMESTAMP, approval_status TEXT);"
    echo "\\copy etl_check_images FROM '$WORK/images.tsv'"
    cat sql/sales/checks/content_summary.sql; } | psql -X -q -At -v ON_ERROR_STOP=1 -d ps_portal -f - >"$WORK/content.want"
  psql -X -At -d ps_portal -f sql/sales/checks/content_summary.portal.sql >"$WORK/content.got"
  diff "$WORK/content.want" "$WORK/content.got" >"$WORK/content.diff" || { head -20 "$WORK/content.diff"; fail "$label: content_summary differs"; }
  n=$(wc -l <"$WORK/content.want")
  [ "$n" -gt 0 ] || fail "$label: content recomputation is empty"
  echo "ok   $label: content_summary = recomputation from MongoDB ($n rows)"
}

# Every summary row with its processing stamp, to see which rows a run rewrote.
snapshot() {
  psql -X -At -d ps_portal -c "
    SELECT 'ads|' || campaign_id || '|' || summary_date || '|' || channel || '|' || etl_processed_at FROM sales.ads_summary
    UNION ALL SELECT 'crm|' || campaign_id || '|' || summary_date || '|' || etl_processed_at FROM sales.crm_summary
    UNION ALL SELECT 'content|' || campaign_id || '|' || summary_date || '|' || content_type || '|' || etl_processed_at FROM sales.content_summary
    UNION ALL SELECT 'perf|' || campaign_id || '|' || last_updated FROM sales.campaign_performance" | sort >"$1"
}
# Keys (without stamps) of the rows that differ between two snapshots.
changed_keys() { comm -13 "$1" "$2" | sed -E 's/\|[^|]*$//' | sort -u; }

# Delta size and touched keys, counted on the sources (independently of the ETL), since watermark $1/$2.
delta_ads() { psql -X -At -d ps_sources -c "SELECT (SELECT count(*) FROM ads.daily_results WHERE updated_at > '$1') + (SELECT count(*) FROM ads.campaigns WHERE updated_at > '$1')"; }
delta_crm() { psql -X -At -d ps_sources -c "SELECT (SELECT count(*) FROM crm.client_campaigns WHERE updated_at > '$1') + (SELECT count(*) FROM crm.sales WHERE updated_at > '$1')"; }
expected_keys() { # ads_wm crm_wm content_campaigns(csv or empty)
  psql -X -At -d ps_sources -c "
    WITH a AS (SELECT DISTINCT d.campaign_id, d.day, ch.name FROM ads.daily_results d JOIN ads.channels ch USING (channel_id) WHERE d.updated_at > '$1'),
         c AS (SELECT campaign_id, captured_on AS day FROM crm.client_campaigns WHERE updated_at > '$2'
               UNION SELECT campaign_id, sold_on FROM crm.sales WHERE updated_at > '$2')
    SELECT 'ads|' || campaign_id || '|' || day || '|' || name FROM a
    UNION ALL SELECT 'crm|' || campaign_id || '|' || day FROM c
    UNION SELECT 'perf|' || campaign_id FROM (SELECT campaign_id FROM a UNION SELECT campaign_id FROM c
        UNION SELECT campaign_id FROM ads.campaigns WHERE updated_at > '$1') p" >"$WORK/expected.keys"
  if [ -n "$3" ]; then
    psql -X -At -d ps_portal -c "SELECT 'content|' || campaign_id || '|' || summary_date || '|' || content_type FROM sales.content_summary WHERE campaign_id IN ($3)" >>"$WORK/expected.keys"
  fi
  sort -u -o "$WORK/expected.keys" "$WORK/expected.keys"
}

echo "-- run 1 (T0 = $T0): full backfill from epoch watermarks"
[ "$(watermark ads)" = "1970-01-01T00:00:00" ] || fail "the migration did not reset the ads watermark of an empty summary"
base=$(max_log)
want_ads=$(delta_ads 1970-01-01); want_crm=$(delta_crm 1970-01-01)
want_content=$("$MONGO_PY" -c "import pymongo; print(pymongo.MongoClient('$MONGODB_URL')['promptcontent'].images.count_documents({}))")
etl_run
last_logs "$base" | tee "$WORK/logs1"
printf 'ads_summary|success|%s|\ncrm_summary|success|%s|\ncontent_summary|success|%s|\n' "$want_ads" "$want_crm" "$want_content" \
  | diff - "$WORK/logs1" || fail "run 1 logs: expected every source success with records = source rows"
check_all "T0"
src_wm=$(psql -X -At -d ps_sources -c "SELECT to_char(greatest((SELECT max(updated_at) FROM ads.daily_results), (SELECT max(updated_at) FROM ads.campaigns)), 'YYYY-MM-DD\"T\"HH24:MI:SS')")
[ "$(watermark ads)" = "$src_wm" ] || fail "ads watermark $(watermark ads) is not the sources' max(updated_at) $src_wm"
echo "ok   ads watermark = max(updated_at) on the source = $src_wm (simulated time, not the clock)"
snapshot "$WORK/snap1"
lap "run 1 checked"

echo "-- run 2 (T1 = $T1): the delta since T0"
wm_ads=$(watermark ads); wm_crm=$(watermark crm); wm_content=$(watermark content)
"$P" load postgres --url "$ADMIN_SRC" --scale "$SCALE" --advance-to "$T1" --no-progress 2>"$WORK/advance.log" \
  || { cat "$WORK/advance.log"; fail "load postgres --advance-to $T1"; }
# One content edit at T1 (a reviewer rejects a piece in use): content deltas come from the editor.
edited=$("$MONGO_PY" - "$MONGODB_URL" "$T1" <<'PY'
import datetime, sys, pymongo
db = pymongo.MongoClient(sys.argv[1])["promptcontent"]
doc = db.images.find_one({"campaign_ids.1": {"$exists": True}}, sort=[("image_id", 1)])
at = datetime.datetime.fromisoformat(sys.argv[2])
db.images.update_one({"_id": doc["_id"]}, {"$set": {"approval.status": "rejected", "updated_at": at}})
print(",".join(str(c) for c in doc["campaign_ids"]))
PY
)
want_ads=$(delta_ads "$wm_ads"); want_crm=$(delta_crm "$wm_crm")
[ "$want_ads" -gt 0 ] && [ "$want_crm" -gt 0 ] || fail "the advance to $T1 changed nothing (ads $want_ads, crm $want_crm): no delta to test"
expected_keys "$wm_ads" "$wm_crm" "$edited"
base=$(max_log)
etl_run
last_logs "$base" | tee "$WORK/logs2"
printf 'ads_summary|success|%s|\ncrm_summary|success|%s|\ncontent_summary|success|1|\n' "$want_ads" "$want_crm" \
  | diff - "$WORK/logs2" || fail "run 2 logs: records_processed must equal the delta size counted on the sources"
echo "ok   records processed = delta size (ads $want_ads, crm $want_crm, content 1)"
check_all "T1"
snapshot "$WORK/snap2"
changed_keys "$WORK/snap1" "$WORK/snap2" >"$WORK/changed.keys"
diff "$WORK/expected.keys" "$WORK/changed.keys" >"$WORK/keys.diff" \
  || { head -20 "$WORK/keys.diff"; fail "run 2 rewrote other rows than the delta's keys"; }
total=$(wc -l <"$WORK/snap2")
echo "ok   exactly the $(wc -l <"$WORK/changed.keys") touched summary rows moved (of $total); the others are byte-identical"
for s in ads crm content; do
  [ "$(watermark $s)" \> "$(eval echo \$wm_$s)" ] || fail "$s watermark did not advance"
done
lap "run 2 checked"

echo "-- run 3: nothing changed"
base=$(max_log)
etl_run
last_logs "$base" | tee "$WORK/logs3"
printf 'ads_summary|success|0|\ncrm_summary|success|0|\ncontent_summary|success|0|\n' | diff - "$WORK/logs3" || fail "run 3 must log 0 records"
snapshot "$WORK/snap3"
cmp -s "$WORK/snap2" "$WORK/snap3" || fail "run 3 rewrote summary rows with no source change"
echo "ok   no change → nothing rewritten, 0 records logged"

echo "-- run 4: a failing source (SELECT on ads.daily_results revoked from the ETL role)"
wm_ads=$(watermark ads); wm_crm=$(watermark crm)
"$P" load postgres --url "$ADMIN_SRC" --scale "$SCALE" --advance-to "$T2" --no-progress 2>"$WORK/advance2.log" \
  || { cat "$WORK/advance2.log"; fail "load postgres --advance-to $T2"; }
want_ads=$(delta_ads "$wm_ads"); want_crm=$(delta_crm "$wm_crm")
[ "$want_ads" -gt 0 ] || fail "the advance to $T2 changed no ads row: nothing for the catch-up to prove"
psql_src -c "REVOKE SELECT ON ads.daily_results FROM promptsales_etl"
snapshot "$WORK/snap3"
base=$(max_log)
etl_run
last_logs "$base" | tee "$WORK/logs4"
grep -q '^ads_summary|failed|0|.*permission denied' "$WORK/logs4" || fail "run 4: the ads failure is not logged as failed with its error"
grep -q "^crm_summary|success|$want_crm|" "$WORK/logs4" || fail "run 4: crm must still run (records $want_crm)"
[ "$(watermark ads)" = "$wm_ads" ] || fail "run 4 moved the ads watermark on failure"
[ "$(psql -X -At -d ps_portal -c "SELECT etl_status FROM sales.etl_watermarks WHERE source_system = 'ads'")" = failed ] || fail "ads watermark row not marked failed"
snapshot "$WORK/snap4"
if comm -13 "$WORK/snap3" "$WORK/snap4" | grep -q '^ads|'; then fail "run 4 wrote ads_summary rows although the ads source failed"; fi
echo "ok   failed run logged, ads watermark stays at $wm_ads, no ads row written; crm went on"

echo "-- run 5: GRANT back, the next run catches up exactly"
psql_src -c "GRANT SELECT ON ads.daily_results TO promptsales_etl"
base=$(max_log)
etl_run
last_logs "$base" | tee "$WORK/logs5"
printf 'ads_summary|success|%s|\ncrm_summary|success|0|\ncontent_summary|success|0|\n' "$want_ads" \
  | diff - "$WORK/logs5" || fail "run 5: the ads catch-up must read exactly the missed delta ($want_ads)"
check_all "after catch-up"
lap "all runs checked"
echo "etl: all checks passed (MongoDB protocol = SecantusDB, not mongod; ads/crm = PostgreSQL twins of the SQL Server stores)"
