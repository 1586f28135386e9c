#!/usr/bin/env bash
# Change over time on a real, throwaway PostgreSQL (DESIGN.md §10, docs/deltas.md):
#   load postgres --as-of T, then --advance-to T' and T'' (each one transaction), and compare
#   every source table (ads.*, crm.*) row for row with a fresh --as-of T'' load; the same from
#   the window's end; the §5.4 reconciliation, Σ cost = spent ≤ budget and updated_at ≤ clock
#   inside PostgreSQL after every advance; the refusals (backwards, another seed/scale, no clock,
#   bad instant) are one line, non-zero, and change nothing.
# Scale 0.02 keeps the step to about a minute. The server is always stopped (trap).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
source scripts/lib/pg.sh
trap pg_stop EXIT
step_start=$(date +%s)
pg_start

fail() { echo "FAIL: $*" >&2; exit 1; }
S=0.02
T1=2025-11-03T10:00:00
T2=2025-11-20T08:15:00
T3=2026-01-10T00:00:00

ps_build
P="${CARGO_TARGET_DIR:-target}/release/promptsales"
url() { echo "postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/$1"; }
for db in ps_chain ps_fresh ps_window ps_sales; do psql -X -q -c "CREATE DATABASE $db"; done

# Every row of every ads and crm table, as text, hashed per table (order-independent).
fingerprint() {
  psql -X -At -d "$1" -c "
    SELECT table_schema || '.' || table_name || ' ' ||
           (xpath('/row/h/text()', query_to_xml(format(
              'SELECT count(*) || '':'' || coalesce(md5(string_agg(t::TEXT, chr(10) ORDER BY t::TEXT)), '''') AS h FROM %I.%I t',
              table_schema, table_name), false, true, '')))[1]::TEXT
    FROM information_schema.tables WHERE table_schema IN ('ads', 'crm') ORDER BY 1"
}
clock_of() { psql -X -At -d "$1" -c "SELECT to_char(as_of, 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM public.promptsales_clock"; }
# The window's invariants that concern the changing tables, inside PostgreSQL (expect 0 each).
invariants() {
  local db="$1" n
  n=$(psql -X -At -d "$db" -c "SELECT count(*) FROM ($(grep -v '^--' sql/checks/postgres/reconciliation.sql)) d")
  [ "$n" = "0" ] || fail "$db: $n placement-days do not reconcile (ads vs crm)"
  n=$(psql -X -At -d "$db" -c "
    SELECT count(*) FROM ads.campaigns c
    LEFT JOIN (SELECT campaign_id, sum(cost) AS cost FROM ads.daily_results GROUP BY 1) d USING (campaign_id)
    WHERE coalesce(d.cost, 0) <> c.spent OR c.spent > c.budget")
  [ "$n" = "0" ] || fail "$db: $n campaigns with Σ cost ≠ spent or spent > budget"
  n=$(psql -X -At -d "$db" -c "
    WITH k AS (SELECT as_of FROM public.promptsales_clock)
    SELECT (SELECT count(*) FROM ads.campaigns, k WHERE updated_at > as_of
              OR (status = 'active') <> (as_of < end_date + interval '1 day' - interval '1 second'))
         + (SELECT count(*) FROM ads.daily_results, k WHERE updated_at > as_of OR day > as_of::date)
         + (SELECT count(*) FROM crm.client_campaigns, k WHERE updated_at > as_of)
         + (SELECT count(*) FROM crm.interactions, k WHERE updated_at > as_of)
         + (SELECT count(*) FROM crm.sales, k WHERE updated_at > as_of)
         + (SELECT count(*) FROM (SELECT campaign_id, count(*) n FROM crm.client_campaigns GROUP BY 1) l
              WHERE n NOT BETWEEN 400 AND 1000)
         + (SELECT count(*) FROM crm.sales s LEFT JOIN crm.client_campaigns l USING (client_id, campaign_id)
              WHERE l.captured_on IS NULL OR l.captured_on > s.sold_on)")
  [ "$n" = "0" ] || fail "$db: $n rows break the clock, status, link or sale rules"
  echo "ok   $db at $(clock_of "$db"): reconciliation to the cent, Σ cost = spent ≤ budget, status, updated_at ≤ clock, 400–1000 links"
}
timed() { # runs a command, prints its wall time, keeps its exit status
  local t0 t1 rc=0; t0=$(date +%s%N); "$@" || rc=$?; t1=$(date +%s%N)
  echo "     ($(( (t1 - t0) / 1000000 )) ms: ${*:1:3} …)"; return $rc
}

echo "-- chain: load --as-of $T1, advance to $T2, then $T3"
timed "$P" load postgres --url "$(url ps_chain)" --stores ads,crm,sales --scale $S --as-of $T1 --no-progress 2>"$PG_DIR/load.log" \
  || { cat "$PG_DIR/load.log"; fail "load --as-of"; }
tail -1 "$PG_DIR/load.log"
[ "$(clock_of ps_chain)" = "$T1" ] || fail "clock after --as-of load: $(clock_of ps_chain)"
invariants ps_chain
for T in $T2 $T3; do
  timed "$P" load postgres --url "$(url ps_chain)" --scale $S --advance-to $T 2>"$PG_DIR/adv.log" \
    || { cat "$PG_DIR/adv.log"; fail "advance to $T"; }
  cat "$PG_DIR/adv.log"
  grep -q "one transaction" "$PG_DIR/adv.log" || fail "advance report"
  [ "$(clock_of ps_chain)" = "$T" ] || fail "clock after advance: $(clock_of ps_chain)"
  invariants ps_chain
done

echo "-- fresh load --as-of $T3: every ads and crm table equals the advanced one, row for row"
timed "$P" load postgres --url "$(url ps_fresh)" --stores ads,crm --scale $S --as-of $T3 --no-progress 2>/dev/null
fingerprint ps_chain >"$PG_DIR/chain.txt"
fingerprint ps_fresh >"$PG_DIR/fresh.txt"
[ "$(wc -l <"$PG_DIR/fresh.txt")" -eq 17 ] || fail "expected 17 ads and crm tables"
diff "$PG_DIR/chain.txt" "$PG_DIR/fresh.txt" || fail "state($T1) + deltas ≠ state($T3)"
echo "ok   state($T1) + delta($T1→$T2) + delta($T2→$T3) = state($T3) in all 17 source tables"

echo "-- from the window's end (plain load) in one step, and a no-op advance"
"$P" load postgres --url "$(url ps_window)" --stores ads,crm --scale $S --no-progress 2>/dev/null
[ "$(clock_of ps_window)" = "2025-10-31T23:59:59" ] || fail "a plain load records the window end"
"$P" load postgres --url "$(url ps_window)" --scale $S --advance-to $T3 2>/dev/null
fingerprint ps_window >"$PG_DIR/window.txt"
diff "$PG_DIR/window.txt" "$PG_DIR/fresh.txt" || fail "state(window) + delta ≠ state($T3)"
"$P" load postgres --url "$(url ps_window)" --scale $S --advance-to $T3 2>"$PG_DIR/noop.log"
grep -q ": 0 rows" "$PG_DIR/noop.log" || { cat "$PG_DIR/noop.log"; fail "advancing to the same instant must change nothing"; }
fingerprint ps_window | diff - "$PG_DIR/fresh.txt" >/dev/null || fail "no-op advance changed data"
echo "ok   window + delta(window→$T3) = state($T3); advancing to the clock again applies 0 rows"

echo "-- refusals: one line, exit 1, nothing changed"
expect_error() { # name, pattern, command...
  local name="$1" pattern="$2"; shift 2
  if "$@" >"$PG_DIR/out.txt" 2>&1; then fail "$name: exit 0"; fi
  [ "$(wc -l <"$PG_DIR/out.txt")" -eq 1 ] || { cat "$PG_DIR/out.txt"; fail "$name: not one line"; }
  grep -q -- "$pattern" "$PG_DIR/out.txt" || { cat "$PG_DIR/out.txt"; fail "$name: message"; }
  if grep -q "$PGPASSWORD" "$PG_DIR/out.txt"; then fail "$name: printed the password"; fi
  echo "ok   $name: $(cat "$PG_DIR/out.txt")"
}
before=$(fingerprint ps_chain)
expect_error "backwards" "is before the database's clock $T3" "$P" load postgres --url "$(url ps_chain)" --scale $S --advance-to $T2
expect_error "another seed" "holds seed 42 scale 0.02" "$P" load postgres --url "$(url ps_chain)" --scale $S --seed 7 --advance-to 2026-02-01T00:00:00
expect_error "another scale" "holds seed 42 scale 0.02" "$P" load postgres --url "$(url ps_chain)" --scale 0.03 --advance-to 2026-02-01T00:00:00
expect_error "bad instant" "^error: --advance-to: must be an instant YYYY-MM-DDTHH:MM:SS" "$P" load postgres --url "$(url ps_chain)" --scale $S --advance-to 2027-01-01T00:00:00
"$P" load postgres --url "$(url ps_sales)" --stores sales --scale $S --no-progress 2>/dev/null
expect_error "no clock" "has no promptsales clock" "$P" load postgres --url "$(url ps_sales)" --scale $S --advance-to $T2
[ "$(fingerprint ps_chain)" = "$before" ] && [ "$(clock_of ps_chain)" = "$T3" ] || fail "a refused advance changed the database"
echo "ok   refused advances left data and clock unchanged"

echo "deltas: all checks passed in $(( $(date +%s) - step_start )) s"
