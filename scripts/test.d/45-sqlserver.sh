#!/usr/bin/env bash
# PromptAds on SQL Server, checked as far as this machine allows (no SQL Server runs here):
#  1. every sql/*/mssql/**/*.sql parses as T-SQL (sqlfluff `tsql`, batch by batch on GO) and
#     the procedure and demos have the required structure (scripts/tsql_check.py);
#  2. the PostgreSQL twins of the demos (sql/ads/postgres/demo/) run on a throwaway
#     PostgreSQL loaded with `ads` at scale 0.1 and each asserts its answer against the data's
#     ground truth (RAISE EXCEPTION otherwise); the database is unchanged afterwards;
#  3. `load sqlserver` fails cleanly: bad URL, closed port, unresolvable host, a port that is
#     not SQL Server, no URL, a store without T-SQL schema: one line, non-zero exit, no password.
# The T-SQL DDL ↔ registry test and the TDS row encoding tests run in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
source scripts/lib/venv.sh
source scripts/lib/pg.sh
fail() { echo "FAIL: $*" >&2; exit 1; }

echo "-- T-SQL parse (sqlfluff tsql) and structure"
venv_ensure tsql "sqlfluff=sqlfluff==4.5.0"
"$VENV_PY" scripts/tsql_check.py .
# The checker itself must fail on broken T-SQL (a check that cannot fail proves nothing).
bad="$(mktemp -d)"; mkdir -p "$bad/sql/x/mssql"
printf 'SELECT 1;\nGO\nCREATE TABLE x.t (a INT,, b INT);\nGO\n' >"$bad/sql/x/mssql/broken.sql"
if "$VENV_PY" scripts/tsql_check.py "$bad" --parse-only >"$bad/out.txt" 2>&1; then
  cat "$bad/out.txt"; rm -rf "$bad"; fail "tsql_check accepted a broken batch"
fi
grep -q "broken.sql: batch 2 line 3: unparsable" "$bad/out.txt" || { cat "$bad/out.txt"; rm -rf "$bad"; fail "tsql_check did not name the broken batch"; }
rm -rf "$bad"
echo "ok   tsql_check rejects a broken batch"

trap pg_stop EXIT
pg_start
ps_build
P="${CARGO_TARGET_DIR:-target}/release/promptsales"
psql -X -q -c "CREATE DATABASE ps_ads"
URL="postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/ps_ads"

echo "-- load ads at scale 0.1 into PostgreSQL"
"$P" load postgres --url "$URL" --stores ads --scale 0.1 --no-progress 2>"$PG_DIR/load.log" \
  || { cat "$PG_DIR/load.log"; fail "load"; }
tail -1 "$PG_DIR/load.log"

echo "-- PostgreSQL twins of the T-SQL demos, each asserting its answer"
twins=0
before=$(psql -X -At -d ps_ads -c "SELECT md5(string_agg(table_name || ':' || n_live_tup, ',' ORDER BY table_name)) FROM (SELECT relname AS table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ads.%I', relname), false, true, '')))[1]::TEXT AS n_live_tup FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ads' AND c.relkind = 'r') t")
for f in sql/ads/postgres/demo/*.sql; do
  [ -f "sql/ads/mssql/demo/$(basename "$f")" ] || fail "$f has no T-SQL original"
  psql -X -q -v ON_ERROR_STOP=1 -d ps_ads -f "$f" >"$PG_DIR/demo.log" 2>&1 || { cat "$PG_DIR/demo.log"; fail "$f"; }
  grep -q 'NOTICE:' "$PG_DIR/demo.log" || { cat "$PG_DIR/demo.log"; fail "$f printed no verdict"; }
  echo "ok   $f: $(grep -o 'NOTICE:.*' "$PG_DIR/demo.log" | tail -1 | sed 's/^NOTICE:  //')"
  twins=$((twins + 1))
done
[ "$twins" -ge 8 ] || fail "expected at least 8 twins, ran $twins"
after=$(psql -X -At -d ps_ads -c "SELECT md5(string_agg(table_name || ':' || n_live_tup, ',' ORDER BY table_name)) FROM (SELECT relname AS table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ads.%I', relname), false, true, '')))[1]::TEXT AS n_live_tup FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'ads' AND c.relkind = 'r') t")
[ "$before" = "$after" ] || fail "the twins changed the ads tables"
echo "ok   ads tables unchanged by the twins"

echo "-- load sqlserver: bad input is one line, non-zero exit, no password"
expect_error() { # name, pattern, command...
  local name="$1" pattern="$2"; shift 2
  if "$@" >"$PG_DIR/out.txt" 2>&1; then fail "$name: exit 0"; fi
  [ "$(wc -l <"$PG_DIR/out.txt")" -eq 1 ] || { cat "$PG_DIR/out.txt"; fail "$name: not one line"; }
  grep -q -- "$pattern" "$PG_DIR/out.txt" || { cat "$PG_DIR/out.txt"; fail "$name: message"; }
  if grep -q "S3cretPw" "$PG_DIR/out.txt"; then fail "$name: printed the password"; fi
  echo "ok   $name: $(cat "$PG_DIR/out.txt")"
}
closed=$(pg_free_port)
expect_error "bad url" "invalid SQL Server connection URL" "$P" load sqlserver --url "postgresql://sa:S3cretPw@h/db" --scale 0.01
expect_error "bad port" "port must be 1–65535" "$P" load sqlserver --url "sqlserver://sa:S3cretPw@127.0.0.1:70000/db" --scale 0.01
expect_error "closed port" "cannot reach SQL Server at 127.0.0.1:$closed/PromptAds" "$P" load sqlserver --url "sqlserver://sa:S3cretPw@127.0.0.1:$closed/PromptAds" --scale 0.01
expect_error "unresolvable host" "cannot reach SQL Server at no-such-host.invalid:1433" "$P" load sqlserver --url "sqlserver://sa:S3cretPw@no-such-host.invalid/PromptAds" --scale 0.01
expect_error "not a SQL Server" "SQL Server at 127.0.0.1:$PGPORT" "$P" load sqlserver --url "sqlserver://sa:S3cretPw@127.0.0.1:$PGPORT/PromptAds" --scale 0.01
MSSQL_URL="sqlserver://sa:S3cretPw@127.0.0.1:$closed/x" expect_error "url from MSSQL_URL" "cannot reach SQL Server at 127.0.0.1:$closed/x" "$P" load sqlserver --scale 0.01
expect_error "no url" "no connection URL" env -u MSSQL_URL "$P" load sqlserver --scale 0.01
expect_error "store without T-SQL" "has no SQL Server schema" "$P" load sqlserver --url "sqlserver://sa:S3cretPw@127.0.0.1:$closed/x" --stores sales --scale 0.01
expect_error "bad if-exists" "--if-exists" "$P" load sqlserver --url "sqlserver://sa:S3cretPw@127.0.0.1:$closed/x" --if-exists replace --scale 0.01
echo "sqlserver: all checks passed (T-SQL parsed, not executed: no SQL Server here)"
