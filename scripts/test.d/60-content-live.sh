#!/usr/bin/env bash
# PromptContent live: the content loaders against real servers started here on free
# 127.0.0.1 ports and stopped by the trap —
#   * SecantusDB (PyPI, a WiredTiger-backed server speaking the MongoDB wire protocol; NOT mongod),
#   * PostgreSQL 16 + pgvector from PyPI `pgserver` (Debian has no pgvector package),
#   * Debian's redis-server,
#   * and, for Pinecone (which cannot run here), scripts/pinecone_standin.py: a local STAND-IN
#     that checks request shapes and limits and injects 429/5xx. It is not Pinecone.
# Checks: the loaders' integration tests (counts, indexes, documents, HNSW = exact kNN, the
# beachwear query, Redis types and TTLs, stand-in upserts/retries), then through the CLI:
# every document read back by pymongo equals the dump's bytes, --if-exists, and bad input.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
source scripts/lib/venv.sh
source scripts/lib/mongo.sh
source scripts/lib/redis.sh
source scripts/lib/pgvector.sh

WORK="$(mktemp -d /tmp/promptsales-content-live.XXXXXX)"
STANDIN_PID=""
AUTH_PID=""
cleanup() {
  [ -n "$STANDIN_PID" ] && kill "$STANDIN_PID" 2>/dev/null
  [ -n "$AUTH_PID" ] && kill "$AUTH_PID" 2>/dev/null
  mongo_stop; redis_stop; pgv_stop
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mongo_start
redis_start
pgv_start
export PINECONE_API_KEY="standin-key-not-a-secret"
SPORT="$(mongo_free_port)"
STANDIN_API_KEY="$PINECONE_API_KEY" STANDIN_FAULTS="429,503" \
  python3 scripts/pinecone_standin.py "$SPORT" 384 >"$WORK/standin.log" 2>&1 &
STANDIN_PID=$!
export PINECONE_STANDIN="http://127.0.0.1:$SPORT"
for _ in $(seq 1 50); do curl -s "$PINECONE_STANDIN/_standin/state" >/dev/null 2>&1 && break; sleep 0.1; done
echo "Pinecone stand-in (not Pinecone) on port $SPORT"

echo "-- loader integration tests (Mongo, pgvector, Redis, Pinecone stand-in)"
cargo test --workspace --release --all-features --test content_live -- --ignored --test-threads 1

ps_build
P="${CARGO_TARGET_DIR:-target}/release/promptsales"
DATA="$WORK/data"
"$P" generate --stores content --format bson,parquet --scale 0.01 --out "$DATA" >/dev/null 2>&1 || fail "generate"

echo "-- load mongo --from the dump; pymongo reads every document back = the dump's bytes"
"$P" load mongo --url "$MONGODB_URL" --db ps_cli --from "$DATA" 2>"$WORK/mongo.log" || { cat "$WORK/mongo.log"; fail "load mongo"; }
tail -1 "$WORK/mongo.log"
"$MONGO_PY" - "$MONGODB_URL" "$DATA/content/mongo/promptcontent" <<'PY' || fail "mongo read-back"
import os, sys
import bson, pymongo
from bson import json_util
from bson.raw_bson import RawBSONDocument
url, dump = sys.argv[1], sys.argv[2]
db = pymongo.MongoClient(url, document_class=RawBSONDocument)["ps_cli"]
plain = pymongo.MongoClient(url)["ps_cli"]
total = 0
for f in sorted(os.listdir(dump)):
    if not f.endswith(".bson"):
        continue
    name = f[:-5]
    with open(os.path.join(dump, f), "rb") as fh:
        docs = list(bson.decode_file_iter(fh, codec_options=bson.CodecOptions(document_class=RawBSONDocument)))
    coll = db[name]
    assert coll.count_documents({}) == len(docs), (name, coll.count_documents({}), len(docs))
    got = {bytes(d.raw) for d in coll.find({})}
    want = {bytes(d.raw) for d in docs}
    assert got == want, f"{name}: {len(want - got)} dump documents differ from the server's"
    with open(os.path.join(dump, name + ".metadata.json")) as fh:
        meta = json_util.loads(fh.read())
    have = {i["name"]: i for i in plain[name].list_indexes()}
    for idx in meta["indexes"]:
        assert idx["name"] in have, (name, idx["name"], sorted(have))
        assert dict(have[idx["name"]]["key"]) == dict(idx["key"]), (name, idx["name"])
        assert bool(have[idx["name"]].get("unique")) == bool(idx.get("unique")), (name, idx["name"])
    total += len(docs)
    print(f"ok   {name}: {len(docs)} documents byte-identical to the dump, {len(meta['indexes'])} indexes")
print(f"ok   {total} documents in all")
PY
if "$P" load mongo --url "$MONGODB_URL" --db ps_cli --from "$DATA" 2>"$WORK/err.txt"; then fail "mongo --if-exists fail loaded"; fi
[ "$(wc -l <"$WORK/err.txt")" -eq 1 ] && grep -q "already has data" "$WORK/err.txt" || { cat "$WORK/err.txt"; fail "mongo fail message"; }
echo "ok   --if-exists fail: $(cat "$WORK/err.txt")"
"$P" load mongo --url "$MONGODB_URL" --db ps_cli --from "$DATA" --if-exists truncate 2>"$WORK/mongo2.log" || { cat "$WORK/mongo2.log"; fail "truncate"; }
grep -q "verified counts" "$WORK/mongo2.log" || fail "truncate reload not verified"
echo "ok   --if-exists truncate: $(tail -1 "$WORK/mongo2.log")"

echo "-- load pgvector and redis through the CLI"
"$P" load pgvector --url "$PGVECTOR_URL" --from "$DATA" --if-exists truncate 2>"$WORK/pgv.log" || { cat "$WORK/pgv.log"; fail "load pgvector"; }
tail -1 "$WORK/pgv.log"
"$P" load redis --url "$REDIS_URL" --from "$DATA" --if-exists truncate 2>"$WORK/redis.log" || { cat "$WORK/redis.log"; fail "load redis"; }
tail -1 "$WORK/redis.log"
# Independent check with redis-cli: each warmed family has keys of its type and TTL window.
while IFS='|' read -r prefix type ttl; do
  key=$(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" --scan --pattern "${prefix}*" | head -1)
  [ -n "$key" ] || fail "no key $prefix*"
  t=$(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" type "$key")
  left=$(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" ttl "$key")
  [ "$t" = "$type" ] || fail "$key is $t, documented $type"
  [ "$left" -le "$ttl" ] && [ "$left" -ge $((ttl - 60)) ] || fail "$key TTL $left outside ($((ttl - 60)), $ttl]"
  echo "ok   $key: $t, TTL $left s (documented $ttl s)"
done <<'KEYS'
api:resultados:|string|3600
api:stats:|hash|86400
ai:generacion:|string|86400
ai:tokens:|hash|2592000
contenido:busqueda:|string|7200
etl:delta:|string|1320
estadisticas:campana:|hash|660
mcp:servidor:|hash|300
KEYS

echo "-- Pinecone stand-in through the CLI: request shapes, limits, retry on 429 with Retry-After"
kill "$STANDIN_PID"; wait "$STANDIN_PID" 2>/dev/null || true
STANDIN_API_KEY="$PINECONE_API_KEY" STANDIN_FAULTS="429" \
  python3 scripts/pinecone_standin.py "$SPORT" 384 >"$WORK/standin.log" 2>&1 &
STANDIN_PID=$!
for _ in $(seq 1 50); do curl -s "$PINECONE_STANDIN/_standin/state" >/dev/null 2>&1 && break; sleep 0.1; done
"$P" load pinecone --index-host "$PINECONE_STANDIN" --from "$DATA" 2>"$WORK/pc.log" || { cat "$WORK/pc.log"; fail "load pinecone"; }
tail -1 "$WORK/pc.log"
curl -s "$PINECONE_STANDIN/_standin/state" | python3 -c '
import json, sys
s = json.load(sys.stdin)
assert not s["violations"], s["violations"]
ups = [r for r in s["requests"] if r["path"] == "/vectors/upsert"]
assert ups[0]["status"] == 429, ups[0]
assert ups[1]["at"] - ups[0]["at"] >= 1.0, "retried before Retry-After"
assert all(r.get("vectors", 0) <= 1000 and r["bytes"] <= 2_000_000 for r in ups)
per_id = s["upserts_per_id"]
assert len(per_id) == 100 and set(per_id.values()) == {1}, "every id upserted exactly once"
wait = ups[1]["at"] - ups[0]["at"]
print(f"ok   {len(ups)} upsert requests (first answered 429, retried after {wait:.1f} s), 0 violations, 100 ids upserted once")
' || fail "pinecone stand-in checks"

echo "-- bad input: one line, non-zero exit, no credential printed"
expect_error() { # name, pattern, command...
  local name="$1" pattern="$2"; shift 2
  if "$@" >"$WORK/out.txt" 2>&1; then fail "$name: exit 0"; fi
  [ "$(wc -l <"$WORK/out.txt")" -eq 1 ] || { cat "$WORK/out.txt"; fail "$name: not one line"; }
  grep -q -- "$pattern" "$WORK/out.txt" || { cat "$WORK/out.txt"; fail "$name: message"; }
  if grep -q "S3cretPw\|$REDIS_PASSWORD\|$PINECONE_API_KEY" "$WORK/out.txt"; then fail "$name: printed a credential"; fi
  echo "ok   $name: $(cat "$WORK/out.txt")"
}
CLOSED="$(mongo_free_port)"
expect_error "mongo unreachable" "cannot reach MongoDB" "$P" load mongo --url "mongodb://u:S3cretPw@127.0.0.1:$CLOSED/" --scale 0.01
expect_error "mongo bad url" "invalid MongoDB URL" "$P" load mongo --url "mongo://u:S3cretPw@x" --scale 0.01
expect_error "mongo not a dataset" "^error: --from" "$P" load mongo --url "$MONGODB_URL" --from "$WORK"
expect_error "mongo bad dimension" "--embedding-dims" "$P" load mongo --url "$MONGODB_URL" --scale 0.01 --embedding-dims 512
expect_error "redis wrong password" "refused the credentials" "$P" load redis --url "redis://:S3cretPw@127.0.0.1:$REDIS_PORT/0" --scale 0.01
expect_error "redis unreachable" "cannot reach Redis" "$P" load redis --url "redis://:S3cretPw@127.0.0.1:$CLOSED/0" --scale 0.01
expect_error "redis not a dataset" "^error: --from" "$P" load redis --url "$REDIS_URL" --from "$WORK"
expect_error "pgvector wrong password" "refused the password" "$P" load pgvector --url "postgresql://postgres:S3cretPw@127.0.0.1:$PGV_PORT/postgres" --scale 0.01
expect_error "pgvector unreachable" "cannot reach PostgreSQL" "$P" load pgvector --url "postgresql://postgres:S3cretPw@127.0.0.1:$CLOSED/postgres" --scale 0.01
expect_error "pgvector bad dimension" "--embedding-dims" "$P" load pgvector --url "$PGVECTOR_URL" --scale 0.01 --embedding-dims 77
expect_error "pinecone wrong key" "refused the credentials" env PINECONE_API_KEY=S3cretPw "$P" load pinecone --index-host "$PINECONE_STANDIN" --scale 0.01
expect_error "pinecone no key" "PINECONE_API_KEY" env -u PINECONE_API_KEY "$P" load pinecone --index-host "$PINECONE_STANDIN" --scale 0.01
expect_error "pinecone plain http" "--index-host" "$P" load pinecone --index-host "http://example.com" --scale 0.01
expect_error "pinecone unreachable" "cannot reach Pinecone" "$P" load pinecone --index-host "http://127.0.0.1:$CLOSED" --scale 0.01
expect_error "pinecone index dimension" "--embedding-dims" "$P" load pinecone --index-host "$PINECONE_STANDIN" --scale 0.01 --embedding-dims 1536 --if-exists truncate
# Wrong credentials on the MongoDB-protocol server: a second SecantusDB with one SCRAM user,
# restarted with --auth (how its --help says to provision users).
APORT="$(mongo_free_port)"
start_auth() {
  "$VENV_BIN/secantusd-py" --host 127.0.0.1 --port "$APORT" --storage-path "$WORK/mauth" --log-level WARNING "$@" >>"$WORK/mauth.log" 2>&1 &
  AUTH_PID=$!
  for _ in $(seq 1 100); do
    "$MONGO_PY" -c "import pymongo; pymongo.MongoClient('mongodb://127.0.0.1:$APORT/', serverSelectionTimeoutMS=300).admin.command('hello')" >/dev/null 2>&1 && return 0
    sleep 0.3
  done
  return 1
}
start_auth || fail "auth server"
"$MONGO_PY" -c "import pymongo; pymongo.MongoClient('mongodb://127.0.0.1:$APORT/').admin.command('createUser', 'loader', pwd='right-pass-not-secret', roles=['root'])" || fail "createUser"
kill "$AUTH_PID"; wait "$AUTH_PID" 2>/dev/null || true
start_auth --auth || fail "auth server restart"
expect_error "mongo wrong password" "refused the credentials" "$P" load mongo --url "mongodb://loader:S3cretPw@127.0.0.1:$APORT/?authSource=admin" --scale 0.01
echo "content-live: all checks passed (MongoDB protocol = SecantusDB, not mongod; Pinecone = local stand-in, not Pinecone)"
