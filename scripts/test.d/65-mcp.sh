#!/usr/bin/env bash
# MCP servers (`promptsales mcp content|sales`, crate promptsales-mcp), embedded backend:
#   1. (the crate's Rust tests — tools against the generator's own rows, bearer check — run in
#      scripts/test.sh's `cargo test --workspace --release`, not again here);
#   2. the official Python SDK (PyPI `mcp`) over stdio: answers against values computed
#      independently from the Parquet files with pyarrow, and bad input (unknown tool →
#      JSON-RPC -32602, bad arguments → isError naming the argument; the server keeps serving);
#   3. Streamable HTTP on 127.0.0.1: no/wrong token → 401, bad Origin → 403, then the same
#      Python checks over HTTP; the token never appears in the server's output;
#   4. @modelcontextprotocol/inspector --cli (Node 24): tools/list (--strict schema portability)
#      and tools/call against both servers, answer checked against Parquet;
#   5. bad command-line input: one line, non-zero exit;
#   6. the LIVE backend (the binary has the `drivers` feature; the crate's live unit tests run
#      in scripts/test.sh's `cargo test --all-features`):
#      PostgreSQL 16 + pgvector (PyPI pgserver), SecantusDB (Mongo wire protocol, NOT mongod) and
#      Debian's Redis on free 127.0.0.1 ports, loaded with the CLI (load postgres --stores ads,
#      load pgvector, load mongo, load redis), and scripts/mcp_live_check.py: the same calls to
#      the embedded and the live servers give the same structuredContent; Redis hit + TTL; Mongo
#      read-back of generateCampaignContent; querySql's guards; Redis and PostgreSQL stopped
#      mid-run; start-up errors naming the flag.
# Not executed here: a real mongod, Pinecone (the live backend does not use it).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
source scripts/lib/venv.sh
source scripts/lib/node.sh

SEED=7
SCALE=0.02
WORK="$(mktemp -d /tmp/promptsales-mcp.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if declare -F mongo_stop >/dev/null; then mongo_stop; redis_stop; pgv_stop; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
t0=$SECONDS
step() { echo "-- [$((SECONDS - t0)) s] $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# With the database drivers (the suite's binary has them; see scripts/lib/build.sh): the live
# backend's checks need them; the embedded checks run on the same binary.
ps_build
# CARGO_TARGET_DIR may be absolute (a shared build cache) or relative to the repository.
T="${CARGO_TARGET_DIR:-target}"; case "$T" in /*) ;; *) T="$(pwd)/$T" ;; esac
P="$T/release/promptsales"
DATA="$WORK/data"
step "generate ads+content Parquet at seed $SEED scale $SCALE (the independent reference)"
"$P" generate --stores ads,content --format parquet --seed "$SEED" --scale "$SCALE" --out "$DATA" --quiet \
  || fail "generate"

# `mcp.client.stdio` (not `mcp`): the repository's own mcp/ folder would pass for a namespace package.
venv_ensure mcp "mcp.client.stdio=mcp" pyarrow
PY="$VENV_PY"

step "Python MCP SDK over stdio: sales + content answers vs Parquet, bad input"
mkdir -p "$WORK/state-stdio"
"$PY" scripts/mcp_check.py stdio "$P" "$DATA" "$WORK/state-stdio" "$SEED" "$SCALE" || fail "stdio checks"

step "Streamable HTTP on 127.0.0.1 with a bearer token"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/token"
TOKEN="$(cat "$WORK/token")"
SP="$(free_port)"; CP="$(free_port)"
mkdir -p "$WORK/state-http"
"$P" mcp sales --seed "$SEED" --scale "$SCALE" --listen "127.0.0.1:$SP" --token-file "$WORK/token" \
  >"$WORK/sales.log" 2>&1 &
PIDS+=($!)
MCP_SERVER_TOKEN="$TOKEN" "$P" mcp content --seed "$SEED" --scale "$SCALE" --listen "127.0.0.1:$CP" \
  --state-dir "$WORK/state-http" >"$WORK/content.log" 2>&1 &
PIDS+=($!)
for port in "$SP" "$CP"; do
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || fail "server on $port not up"
done
INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}'
code() { curl -s -o "$WORK/body" -w '%{http_code}' -X POST "http://127.0.0.1:$SP/mcp" \
  -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' "$@" -d "$INIT"; }
[ "$(code)" = 401 ] || fail "no token: want 401, got $(code)"
[ "$(code -H 'Authorization: Bearer wrong-token-0123456789')" = 401 ] || fail "wrong token: want 401"
[ "$(code -H "Authorization: Basic $TOKEN")" = 401 ] || fail "Basic scheme: want 401"
[ "$(code -H "Authorization: Bearer $TOKEN" -H 'Origin: http://evil.example')" = 403 ] || fail "bad Origin: want 403"
[ "$(code -H "Authorization: Bearer $TOKEN" -H "Origin: http://127.0.0.1:$SP")" = 200 ] || fail "good token + origin: want 200"
grep -q '"serverInfo"' "$WORK/body" || fail "initialize answer has no serverInfo: $(head -c 300 "$WORK/body")"
[ "$(code -H "Authorization: Bearer $TOKEN")" = 200 ] || fail "good token: want 200"
echo "401 without/with a wrong token, 403 for a foreign Origin, 200 with the token"
"$PY" scripts/mcp_check.py http "$P" "$DATA" "$WORK/state-http" "$SEED" "$SCALE" \
  "http://127.0.0.1:$SP/mcp" "http://127.0.0.1:$CP/mcp" "$WORK/token" || fail "http checks"
if grep -qF "$TOKEN" "$WORK/sales.log" "$WORK/content.log"; then fail "the token appears in a server log"; fi
echo "token absent from both servers' output"

step "@modelcontextprotocol/inspector --cli (Node 24): tools/list and tools/call, both servers"
npm_pkg_ensure inspector @modelcontextprotocol/inspector
# Its server catalog goes to the work folder (an ad-hoc command cannot be combined with --catalog).
INSPECT=(env MCP_CATALOG_PATH="$WORK/catalog.json" "$NODE24"
  "$NPM_PREFIX/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js" --cli)
mkdir -p "$WORK/state-inspector"
for kind in sales content; do
  "${INSPECT[@]}" --strict --method tools/list -- "$P" mcp "$kind" --seed "$SEED" --scale "$SCALE" \
    --state-dir "$WORK/state-inspector" >"$WORK/list-$kind.json" 2>"$WORK/list-$kind.err" \
    || { cat "$WORK/list-$kind.err"; fail "inspector tools/list $kind"; }
  if grep -q "^Warning:" "$WORK/list-$kind.err"; then cat "$WORK/list-$kind.err"; fail "schema portability warnings ($kind)"; fi
done
"${INSPECT[@]}" --method tools/call --tool-name getCampaignPerformance --tool-arg campaign_id=3 \
  -- "$P" mcp sales --seed "$SEED" --scale "$SCALE" >"$WORK/call-sales.json" 2>"$WORK/call.err" \
  || { cat "$WORK/call.err"; fail "inspector tools/call sales"; }
"${INSPECT[@]}" --method tools/call --tool-name getContent --tool-arg 'query=sunny beach summer swimwear' top_k=3 \
  -- "$P" mcp content --seed "$SEED" --scale "$SCALE" --state-dir "$WORK/state-inspector" \
  >"$WORK/call-content.json" 2>"$WORK/call.err" || { cat "$WORK/call.err"; fail "inspector tools/call content"; }
"${INSPECT[@]}" --method tools/list --transport http --server-url "http://127.0.0.1:$SP/mcp" \
  --header "Authorization: Bearer $TOKEN" >"$WORK/list-http.json" 2>"$WORK/call.err" \
  || { cat "$WORK/call.err"; fail "inspector tools/list over HTTP"; }
"$PY" - "$WORK" "$DATA" <<'PY' || fail "inspector answers"
import json, sys, pyarrow.parquet as pq, pyarrow.compute as pc
work, data = sys.argv[1:3]
names = lambda f: sorted(t["name"] for t in json.load(open(f"{work}/{f}"))["tools"])
assert names("list-sales.json") == ["campaignBreakdown", "compareCampaigns", "findCampaigns", "getCampaignPerformance", "topCampaigns"], names("list-sales.json")
assert names("list-content.json") == ["generateCampaignContent", "getContent"], names("list-content.json")
assert names("list-http.json") == names("list-sales.json")
s = json.load(open(f"{work}/call-sales.json"))["structuredContent"]
d = pq.read_table(f"{data}/ads/daily_results.parquet", filters=[("campaign_id", "=", 3)])
assert s["metrics"]["reach"] == pc.sum(d["reach"]).as_py(), (s["metrics"]["reach"], pc.sum(d["reach"]).as_py())
assert s["metrics"]["sales"] == pc.sum(d["conversions"]).as_py()
c = json.load(open(f"{work}/call-content.json"))["structuredContent"]
cats = {r["image_id"]: r["category"] for r in pq.read_table(f"{data}/content/images.parquet", columns=["image_id", "category"]).to_pylist()}
assert len(c["images"]) == 3 and all(cats[i["image_id"]] == "beachwear" for i in c["images"]), c
print("inspector: tools/list (both servers, stdio and HTTP) and tools/call answers match Parquet")
PY

step "bad command-line input: one line, non-zero exit"
bad() {
  local want="$1"; shift
  set +e; "$P" mcp "$@" </dev/null >"$WORK/out" 2>"$WORK/err"; local rc=$?; set -e
  [ "$rc" -ne 0 ] || fail "mcp $* should fail"
  [ "$(wc -l <"$WORK/err")" -le 1 ] || fail "mcp $*: more than one line: $(cat "$WORK/err")"
  grep -q -- "$want" "$WORK/err" || fail "mcp $*: '$(cat "$WORK/err")' should name $want"
  ! grep -q "panicked\|RUST_BACKTRACE" "$WORK/err" || fail "mcp $*: panic"
}
bad "content, sales" ads
bad "--listen" sales --scale 0.01 --listen nowhere
bad "--token-file" sales --scale 0.01 --listen 127.0.0.1:0
MCP_SERVER_TOKEN=short bad "at least 16" sales --scale 0.01 --listen 127.0.0.1:0
bad "--token-file" sales --scale 0.01 --listen 127.0.0.1:0 --token-file "$WORK/missing-token"
bad "--token-file" sales --scale 0.01 --token-file "$WORK/token"
bad "--scale" sales --scale 0
bad "--allow-origin" sales --scale 0.01 --listen 127.0.0.1:0 --token-file "$WORK/token" --allow-origin evil.example
echo "bad flags: one line each, naming the flag"

# (The crate's live unit tests run in scripts/test.sh's `cargo test --all-features`.)
source scripts/lib/mongo.sh
source scripts/lib/redis.sh
source scripts/lib/pgvector.sh
step "live backend: start PostgreSQL+pgvector, SecantusDB (not mongod), Redis; load them with the CLI"
pgv_start; mongo_start; redis_start
L=(--seed "$SEED" --scale "$SCALE")
"$P" load postgres --url "$PGVECTOR_URL" --stores ads "${L[@]}" >"$WORK/l1.log" 2>&1 || { cat "$WORK/l1.log"; fail "load postgres"; }
"$P" load pgvector --url "$PGVECTOR_URL" "${L[@]}" >"$WORK/l2.log" 2>&1 || { cat "$WORK/l2.log"; fail "load pgvector"; }
"$P" load mongo --url "$MONGODB_URL" "${L[@]}" >"$WORK/l3.log" 2>&1 || { cat "$WORK/l3.log"; fail "load mongo"; }
"$P" load redis --url "$REDIS_URL" "${L[@]}" >"$WORK/l4.log" 2>&1 || { cat "$WORK/l4.log"; fail "load redis"; }
echo "loaded: $(tail -1 "$WORK/l2.log" | cut -c1-100)"
PSQL=("$PGV_DIR/pginstall/bin/psql" "$PGVECTOR_URL" -v ON_ERROR_STOP=1 -q)
# querySql's read-only role (SELECT on the ads tables only) and a role that could write, with
# passwords drawn for this run.
READER_PW="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WRITER_PW="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
"${PSQL[@]}" -c "CREATE ROLE mcp_reader LOGIN PASSWORD '$READER_PW'; GRANT USAGE ON SCHEMA ads TO mcp_reader; GRANT SELECT ON ALL TABLES IN SCHEMA ads TO mcp_reader;
  CREATE ROLE mcp_writer LOGIN PASSWORD '$WRITER_PW'; GRANT USAGE ON SCHEMA ads TO mcp_writer; GRANT SELECT, INSERT ON ads.channels TO mcp_writer;" \
  || fail "creating the roles"
export PROMPTSALES_DATABASE_URL="$PGVECTOR_URL" PROMPTSALES_MONGO_URL="$MONGODB_URL" PROMPTSALES_REDIS_URL="$REDIS_URL"
export PROMPTSALES_SQL_URL="postgresql://mcp_reader:$READER_PW@127.0.0.1:$PGV_PORT/postgres"
CLOSED="$(free_port)"
step "live backend: start-up errors name the flag, one line, no password"
live_bad() {
  local want="$1"; shift
  set +e; "$@" </dev/null >"$WORK/out" 2>"$WORK/err"; local rc=$?; set -e
  [ "$rc" -ne 0 ] || fail "$* should fail"
  [ "$(wc -l <"$WORK/err")" -le 1 ] || fail "$*: more than one line: $(cat "$WORK/err")"
  grep -q -- "$want" "$WORK/err" || fail "'$(cat "$WORK/err")' should name $want"
  ! grep -q "S3cretPw\|$READER_PW\|$WRITER_PW\|$REDIS_PASSWORD\|panicked" "$WORK/err" || fail "$*: password or panic in '$(cat "$WORK/err")'"
  echo "ok   $(cat "$WORK/err")"
}
live_bad "--database-url: cannot reach PostgreSQL" "$P" mcp sales --database-url "postgresql://u:S3cretPw@127.0.0.1:$CLOSED/postgres"
live_bad "--database-url: invalid" "$P" mcp sales --database-url "nonsense S3cretPw"
live_bad "--database-url: .*refused the password" "$P" mcp sales --database-url "postgresql://postgres:S3cretPw@127.0.0.1:$PGV_PORT/postgres"
live_bad "--mongo-url" env -u PROMPTSALES_MONGO_URL "$P" mcp content --live
live_bad "--mongo-url: cannot reach MongoDB" "$P" mcp content --live --mongo-url "mongodb://u:S3cretPw@127.0.0.1:$CLOSED/"
live_bad "--redis-url: invalid Redis URL" "$P" mcp content --live --redis-url "http://x:S3cretPw@y"
live_bad "--mongo-url: only applies to the content server" "$P" mcp sales --live --mongo-url "$MONGODB_URL"
live_bad "--sql-url: only applies with --sql-tool" "$P" mcp sales --live --sql-url "$PROMPTSALES_SQL_URL"
live_bad "--sql-url: role 'postgres' is a superuser" env PROMPTSALES_SQL_URL="$PGVECTOR_URL" "$P" mcp sales --live --sql-tool
live_bad "--sql-url: role 'mcp_writer' may INSERT" "$P" mcp sales --live --sql-tool --sql-url "postgresql://mcp_writer:$WRITER_PW@127.0.0.1:$PGV_PORT/postgres"
"${PSQL[@]}" -c "ALTER TABLE content.images DROP COLUMN url" && live_bad "--database-url: content.images" "$P" mcp content --live
"$P" load pgvector --url "$PGVECTOR_URL" "${L[@]}" --if-exists truncate >/dev/null 2>&1 || fail "reload pgvector"
step "live backend: embedded vs live with the Python MCP SDK (+ pymongo read-back)"
venv_ensure mcp "mcp.client.stdio=mcp" pyarrow pymongo
STOP_REDIS="kill $(cat "$REDIS_DIR/redis.pid")"
STOP_PG="$([ "$(id -u)" -eq 0 ] && echo "runuser -u postgres --" || true) $PGV_DIR/pginstall/bin/pg_ctl -D $PGV_DIR/data -m immediate -w stop"
mkdir -p "$WORK/state-live"
STOP_REDIS="$STOP_REDIS" STOP_PG="$STOP_PG" "$VENV_PY" scripts/mcp_live_check.py "$P" "$SEED" "$SCALE" "$WORK/state-live" \
  2>&1 | tee "$WORK/live.log" || fail "embedded vs live"
# The servers' stderr reaches the client's: no panic, also not when they shut down.
! grep -q "internal error\|panicked\|aborting" "$WORK/live.log" || fail "a live server panicked (above)"
step "done"
