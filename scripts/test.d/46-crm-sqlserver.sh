#!/usr/bin/env bash
# PromptCrm on SQL Server, checked as far as this machine allows (no SQL Server runs here):
#  1. the T-SQL checker itself (the parse + structure run over sql/crm/mssql happens in
#     45-sqlserver.sh, which checks every sql/*/mssql file): an allow-listed statement with a
#     misspelt option and a literal password are both refused, a well-formed one accepted;
#  2. the PostgreSQL twins of sql/crm/mssql (sql/crm/postgres/twins/) on a throwaway
#     PostgreSQL loaded with ads + crm at scale 0.3 (300 campaigns: the economics checks are
#     judged from 300 up), each asserting its answer (RAISE EXCEPTION otherwise); the
#     database's fingerprint is unchanged afterwards;
#  3. the twins' correlation figures equal `promptsales verify --json`'s (Rust) figures for the
#     same world: two independent implementations of each measurement agree;
#  4. no credential-shaped literal in the tracked files (scripts/secrets_check.py), and the
#     check fails on each kind of planted literal in a temporary copy.
# Not executed here: the T-SQL itself (linked server, certificates, SHOWPLAN, backup/restore,
# the two-pod deadlock) — docs/sqlserver.md, "PromptCrm".
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
source scripts/lib/venv.sh
source scripts/lib/pg.sh
fail() { echo "FAIL: $*" >&2; exit 1; }
STEP_START=$(date +%s)
lap() { echo "   ($1: $(( $(date +%s) - STEP_START )) s so far)"; }
SCALE=0.3
WORK="$(mktemp -d /tmp/promptsales-crm.XXXXXX)"
cleanup() { pg_stop; rm -rf "$WORK"; }
trap cleanup EXIT

echo "-- 1. tsql_check refuses a misshapen allow-listed statement and a literal password"
venv_ensure tsql "sqlfluff=sqlfluff==4.5.0"
mkdir -p "$WORK/t/sql/x/mssql"
printf 'CREATE SYMMETRIC KEY K WITH ALGORITHM = AES_256 ENCRYPTION BY CERTIFICATE C;\nGO\nCLOSE SYMMETRIC KEY K;\nGO\n' >"$WORK/t/sql/x/mssql/good.sql"
"$VENV_PY" scripts/tsql_check.py "$WORK/t" --parse-only >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; fail "tsql_check refused well-formed allow-listed statements"; }
printf 'CREATE SYMMETRIC KEY K WITH ALGORITHM = AES_999 ENCRYPTION BY CERTIFICATE C;\nGO\n' >"$WORK/t/sql/x/mssql/bad_shape.sql"
# Planted secrets are assembled from pieces so this script itself holds no credential-shaped
# literal for scripts/secrets_check.py to find (step 4 scans it too).
literal="Literal""-Pw-1"
printf "CREATE MASTER KEY ENCRYPTION BY PASSWORD = '%s';\nGO\n" "$literal" >"$WORK/t/sql/x/mssql/literal.sql"
if "$VENV_PY" scripts/tsql_check.py "$WORK/t" --parse-only >"$WORK/out.txt" 2>&1; then
  cat "$WORK/out.txt"; fail "tsql_check accepted AES_999 and a literal password"
fi
grep -q "bad_shape.sql: batch 1 line 1: allow-listed statement does not have its documented shape" "$WORK/out.txt" \
  || { cat "$WORK/out.txt"; fail "tsql_check did not name the misshapen statement"; }
grep -q "literal.sql: a literal password" "$WORK/out.txt" || { cat "$WORK/out.txt"; fail "tsql_check did not refuse the literal password"; }
grep -q "$literal" "$WORK/out.txt" && fail "tsql_check printed the password"
echo "ok   well-formed CREATE SYMMETRIC KEY / CLOSE SYMMETRIC KEY accepted; AES_999 and PASSWORD = '<literal>' refused"
# The two-pod deadlock Jobs (k8s/base/crm-deadlock.yaml) carry the client scripts verbatim.
"$VENV_PY" - <<'PY' || fail "k8s/base/crm-deadlock.yaml's scripts differ from sql/crm/mssql/06_concurrency"
import yaml
docs = [d for d in yaml.safe_load_all(open("k8s/base/crm-deadlock.yaml")) if d]
data = next(d for d in docs if d["kind"] == "ConfigMap")["data"]
jobs = [d for d in docs if d["kind"] == "Job"]
assert len(data) == 3 and len(jobs) == 2, (sorted(data), len(jobs))
for name, text in data.items():
    assert text == open(f"sql/crm/mssql/06_concurrency/{name}").read(), f"{name} differs"
for job in jobs:
    script = job["spec"]["template"]["spec"]["containers"][0]["args"][0]
    client = job["metadata"]["name"][-1]
    assert f"/scripts/08_two_client_deadlock_client_{client}.sql" in script, job["metadata"]["name"]
print("ok   k8s/base/crm-deadlock.yaml: 2 Jobs, each runs its client script; the ConfigMap equals the 3 files in sql/crm/mssql/06_concurrency")
PY
lap "tsql_check"

echo "-- 2. PostgreSQL twins on ads + crm at scale $SCALE"
pg_start
ps_build
P="${CARGO_TARGET_DIR:-target}/release/promptsales"
psql -X -q -c "CREATE DATABASE ps_crm"
URL="postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/ps_crm"
"$P" load postgres --url "$URL" --stores ads,crm --scale "$SCALE" --no-progress 2>"$WORK/load.log" \
  || { cat "$WORK/load.log"; fail "load"; }
tail -1 "$WORK/load.log"
campaigns=$(psql -X -At -d ps_crm -c "SELECT count(*) FROM ads.campaigns")
[ "$campaigns" -ge 300 ] || fail "scale $SCALE loaded $campaigns campaigns; the correlations are judged from 300"
lap "load"
# What the twins could leave behind: row counts of every ads/crm table, schemas, relations
# (views, materialized views), functions and extensions. (sql/checks/postgres/fingerprint.sql
# needs the sales store, not loaded here.)
cat >"$WORK/fingerprint.sql" <<'SQL'
SELECT md5(string_agg(item, '|' ORDER BY item)) FROM (
    SELECT format('%s.%s=%s', table_schema, table_name,
                  (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::TEXT) AS item
    FROM information_schema.tables WHERE table_schema IN ('ads', 'crm') AND table_type = 'BASE TABLE'
    UNION ALL SELECT 'rel:' || n.nspname || '.' || c.relname || ':' || c.relkind::TEXT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'
    UNION ALL SELECT 'schema:' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'
    UNION ALL SELECT 'ext:' || extname FROM pg_extension
    UNION ALL SELECT 'fn:' || p.oid::regprocedure::TEXT FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
) items;
SQL
before=$(psql -X -At -v ON_ERROR_STOP=1 -d ps_crm -f "$WORK/fingerprint.sql")
[ ${#before} -eq 32 ] || fail "fingerprint query gave '$before'"
twins=0
: >"$WORK/figures.txt"
for f in sql/crm/postgres/twins/*.sql; do
  t0=$(date +%s)
  # Each twin names its T-SQL original(s) on its first lines, and they exist.
  original=$(head -3 "$f" | grep -o 'sql/crm/mssql/[A-Za-z0-9_/.*]*' | head -1 | sed 's/\.$//')
  [ -n "$original" ] && compgen -G "$original" >/dev/null || fail "$f does not name an existing T-SQL original ($original)"
  psql -X -q -v ON_ERROR_STOP=1 -d ps_crm -f "$f" >"$WORK/twin.log" 2>&1 || { cat "$WORK/twin.log"; fail "$f"; }
  grep -o 'NOTICE:  figure .*' "$WORK/twin.log" | sed 's/^NOTICE:  figure //' >>"$WORK/figures.txt" || true
  verdicts=$(grep -o 'NOTICE:  .*' "$WORK/twin.log" | grep -v 'NOTICE:  figure ' | grep -v 'does not exist, skipping\|drop cascades\|already exists, skipping' || true)
  [ -n "$verdicts" ] || { cat "$WORK/twin.log"; fail "$f printed no verdict"; }
  while IFS= read -r v; do echo "ok   $(basename "$f"): ${v#NOTICE:  }"; done <<<"$verdicts"
  echo "     ($(( $(date +%s) - t0 )) s)"
  twins=$((twins + 1))
done
[ "$twins" -ge 5 ] || fail "expected at least 5 twins, ran $twins"
# The analytics twin must fail on a world without the relationship it claims to find:
# every client moved to one point (distance carries no signal), and "peak" months that are not.
mutant() { # name, expected message, sed expression
  sed "$3" sql/crm/postgres/twins/03_analytics.sql >"$WORK/mutant.sql"
  cmp -s sql/crm/postgres/twins/03_analytics.sql "$WORK/mutant.sql" && fail "mutant $1: the edit did not apply"
  if psql -X -q -v ON_ERROR_STOP=1 -d ps_crm -f "$WORK/mutant.sql" >"$WORK/mutant.log" 2>&1; then
    fail "03_analytics.sql passed with $1"
  fi
  grep -q "ERROR:  $2" "$WORK/mutant.log" || { cat "$WORK/mutant.log"; fail "mutant $1: wrong failure"; }
  echo "ok   03_analytics.sql fails with $1: $(grep -o "ERROR:  $2.*" "$WORK/mutant.log" | head -1)"
}
mutant "every client at one point" "distance:" 's/JOIN crm.clients cl ON/JOIN (SELECT client_id, 0.0::FLOAT8 AS latitude, 0.0::FLOAT8 AS longitude FROM crm.clients) cl ON/'
mutant "peak months 3, 4, 6" "peak months:" 's/IN (12, 1, 8)/IN (3, 4, 6)/g'
after=$(psql -X -At -v ON_ERROR_STOP=1 -d ps_crm -f "$WORK/fingerprint.sql")
[ "$before" = "$after" ] || fail "the twins changed the database ($before → $after)"
echo "ok   database fingerprint unchanged by the twins"
lap "twins"

echo "-- 3. the twins' figures against promptsales verify (Rust) on the same world"
"$P" generate --scale "$SCALE" --stores ads,crm --out "$WORK/data" --no-progress --quiet
"$P" verify "$WORK/data" --json >"$WORK/verify.json" || fail "verify rejected the scale-$SCALE world"
python3 - "$WORK/figures.txt" "$WORK/verify.json" <<'PY'
import json, sys
figures = dict(line.strip().split("=", 1) for line in open(sys.argv[1]) if "=" in line)
sections = {s["name"]: s for s in json.load(open(sys.argv[2]))["sections"]}
metrics = {m["name"]: m["value"] for m in sections["economics"]["metrics"]}
# Lead-level figures are the same counts over the same rows: equal to float rounding.
# Lead-cost quintiles group campaign x kind rows; SQL sorts exact NUMERIC cost per lead, Rust
# sorts f64 dollars, so near-ties can swap order across a quintile boundary: 2% relative.
compared = 0
for name, value in sorted(figures.items()):
    if name not in metrics:
        continue
    ours, theirs = float(value), metrics[name]
    tol = 0.02 if name.startswith("lead_cost.") else 1e-9
    ok = abs(ours - theirs) <= tol * max(abs(theirs), 1e-12)
    print(f"{'ok  ' if ok else 'FAIL'} {name}: SQL {ours:.6f}, verify {theirs:.6f}")
    if not ok:
        sys.exit(f"FAIL: {name} differs beyond {tol:g} relative")
    compared += 1
needed = ["peak.sales_per_lead.peak", "peak.sales_per_lead.other", "distance.sales_per_lead.q1",
          "distance.sales_per_lead.q5", "channel_market.interaction", "lead_cost.sales_per_lead.q1",
          "lead_cost.sales_per_lead.q5"]
missing = [n for n in needed if n not in figures or n not in metrics]
if missing:
    sys.exit(f"FAIL: figures missing on one side: {missing}")
print(f"ok   {compared} figures agree between the SQL twins and promptsales verify")
PY
lap "verify cross-check"

echo "-- 4. no credential-shaped literal in the tracked files; planted ones are caught"
python3 scripts/secrets_check.py . || fail "a tracked file holds a credential-shaped literal"
mkdir -p "$WORK/copy"
git ls-files -z | xargs -0 cp --parents -t "$WORK/copy"
python3 scripts/secrets_check.py "$WORK/copy" >/dev/null || fail "the untouched copy does not pass (walk mode differs from git mode)"
plant() { # kind, file, content
  printf '%s\n' "$3" >"$WORK/copy/$2"
  if python3 scripts/secrets_check.py "$WORK/copy" >"$WORK/secrets.txt" 2>&1; then fail "planted $1 not caught"; fi
  grep -q "^FAIL $2:1: $1" "$WORK/secrets.txt" || { cat "$WORK/secrets.txt"; fail "planted $1: wrong finding"; }
  grep -q -- "$4" "$WORK/secrets.txt" && fail "planted $1: the secret was printed"
  rm "$WORK/copy/$2"
  echo "ok   planted $1 caught: $(head -1 "$WORK/secrets.txt")"
}
pw="Sup3r""S3cret"; token="eyJhbGciOiJIUzI1NiJ9""abcdefghijklmnop"; keyid="AKIA""IOSFODNN7EXAMPLE"
plant "password literal" sql/planted.sql "ALTER LOGIN sa WITH PASSWORD = '$pw';" "$pw"
plant "password literal" k8s/planted.yaml "  password: \"$pw\"" "$pw"
plant "connection string with inline password" scripts/planted.sh "export DATABASE_URL=postgresql://app:$pw@db:5432/x" "$pw"
plant "connection string with inline password" src/planted.cs "var cs = \"Server=db;User Id=sa;Password=$pw;Encrypt=true\";" "$pw"
plant "bearer token" docs/planted.md "curl -H 'Authorization: Bearer $token'" "$token"
plant "AWS access key id" src/planted.rs "const KEY: &str = \"$keyid\";" "$keyid"
openssl genpkey -algorithm ed25519 -out "$WORK/key.pem" 2>/dev/null
plant "private key block" k8s/planted.pem "$(cat "$WORK/key.pem")" "$(sed -n 2p "$WORK/key.pem")"
lap "secrets"
echo "crm-sqlserver: all checks passed (T-SQL parsed, PostgreSQL twins run; the T-SQL is not executed: no SQL Server here)"
