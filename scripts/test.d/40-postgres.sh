#!/usr/bin/env bash
# PostgreSQL end to end on a real, throwaway server: installs Debian's postgresql if missing,
# initdb as the non-root `postgres` user on a free port (pg_stat_statements preloaded), runs
# the loader's integration tests, the CLI's error and --if-exists behaviour, and every demo
# script in file-name order (each must pass and leave the database as it found it).
# The server is always stopped (trap).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
source scripts/lib/pg.sh
trap pg_stop EXIT
pg_start

fail() { echo "FAIL: $*" >&2; exit 1; }

echo "-- loader integration tests (counts, mirror, reconciliation, modes, --from, errors)"
cargo test --workspace --release --all-features --test postgres -- --ignored

ps_build
P="${CARGO_TARGET_DIR:-target}/release/promptsales"
psql -X -q -c "CREATE DATABASE ps_cli"
URL="postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/ps_cli"

echo "-- load ads,crm,sales at scale 0.02 through the CLI"
"$P" load postgres --url "$URL" --stores ads,crm,sales --scale 0.02 --no-progress 2>"$PG_DIR/load.log" \
  || { cat "$PG_DIR/load.log"; fail "load"; }
tail -1 "$PG_DIR/load.log"
# Counts equal `promptsales tables` (the generator) for every table.
"$P" tables --scale 0.02 | awk '$1 ~ /^(ads|crm|sales)\./ {print $1, $2}' | sort >"$PG_DIR/expected.txt"
psql -X -At -d ps_cli -F ' ' -c "
  SELECT table_schema || '.' || table_name,
         (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::TEXT
  FROM information_schema.tables WHERE table_schema IN ('ads','crm','sales')" | sort >"$PG_DIR/loaded.txt"
diff "$PG_DIR/expected.txt" "$PG_DIR/loaded.txt" || fail "table counts differ from the generator"
[ "$(wc -l <"$PG_DIR/loaded.txt")" -ge 47 ] || fail "expected at least 47 tables"
# The reconciliation of DESIGN §5.4 holds inside PostgreSQL.
n=$(psql -X -At -d ps_cli -c "SELECT count(*) FROM ($(grep -v '^--' sql/checks/postgres/reconciliation.sql)) d")
[ "$n" = "0" ] || fail "$n placement-days do not reconcile"

echo "-- --if-exists fail refuses, truncate reloads to the same counts"
if "$P" load postgres --url "$URL" --stores sales --scale 0.02 --no-progress 2>"$PG_DIR/err.txt"; then
  fail "--if-exists fail loaded over a loaded database"
fi
[ "$(wc -l <"$PG_DIR/err.txt")" -eq 1 ] && grep -q "already has tables" "$PG_DIR/err.txt" || { cat "$PG_DIR/err.txt"; fail "if-exists fail message"; }
"$P" load postgres --url "$URL" --stores ads,crm,sales --scale 0.02 --if-exists truncate --no-progress 2>/dev/null
psql -X -At -d ps_cli -F ' ' -c "
  SELECT table_schema || '.' || table_name,
         (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::TEXT
  FROM information_schema.tables WHERE table_schema IN ('ads','crm','sales')" | sort >"$PG_DIR/reloaded.txt"
diff "$PG_DIR/expected.txt" "$PG_DIR/reloaded.txt" || fail "truncate reload counts differ"

echo "-- bad input: one line, non-zero exit, no password"
expect_error() { # name, pattern, command...
  local name="$1" pattern="$2"; shift 2
  if "$@" >"$PG_DIR/out.txt" 2>&1; then fail "$name: exit 0"; fi
  [ "$(wc -l <"$PG_DIR/out.txt")" -eq 1 ] || { cat "$PG_DIR/out.txt"; fail "$name: not one line"; }
  grep -q "$pattern" "$PG_DIR/out.txt" || { cat "$PG_DIR/out.txt"; fail "$name: message"; }
  if grep -q "S3cretPw" "$PG_DIR/out.txt"; then fail "$name: printed the password"; fi
  echo "ok   $name: $(cat "$PG_DIR/out.txt")"
}
expect_error "bad url" "invalid PostgreSQL connection string" "$P" load postgres --url "postgresql://u:S3cretPw@[x" --scale 0.01
expect_error "unreachable" "cannot reach PostgreSQL" "$P" load postgres --url "postgresql://postgres:S3cretPw@127.0.0.1:1/postgres" --scale 0.01
expect_error "wrong password" "refused the password" "$P" load postgres --url "postgresql://postgres:S3cretPw@127.0.0.1:${PGPORT}/ps_cli" --scale 0.01
expect_error "not a dataset" "not a promptsales dataset" "$P" load postgres --url "$URL" --from "$PG_DIR"
expect_error "no url" "no connection string" env -u DATABASE_URL "$P" load postgres --scale 0.01

echo "-- demo scripts, in file-name order"
before=$(psql -X -At -d ps_cli -f sql/checks/postgres/fingerprint.sql)
for f in sql/sales/demo/*.sql; do
  psql -X -q -v ON_ERROR_STOP=1 -d ps_cli -f "$f" >"$PG_DIR/demo.log" 2>&1 || { cat "$PG_DIR/demo.log"; fail "$f"; }
  echo "ok   $f: $(grep -o 'NOTICE:.*' "$PG_DIR/demo.log" | tail -1)"
done
after=$(psql -X -At -d ps_cli -f sql/checks/postgres/fingerprint.sql)
[ "$before" = "$after" ] || fail "the demo scripts changed the database ($before → $after)"
echo "ok   database fingerprint unchanged by the demos"
echo "postgres: all checks passed"
