#!/usr/bin/env bash
# MCP latency against the LIVE backend: starts PostgreSQL 16 + pgvector (PyPI pgserver),
# SecantusDB (the MongoDB wire protocol; not mongod) and Redis on free 127.0.0.1 ports (the
# suite's scripts/lib helpers), loads them at SCALE with the CLI (ads into PostgreSQL, pgvector,
# mongo, the Redis warm-up), then runs benches/mcp_latency.sh with the servers in live mode:
# `getContent` with distinct queries is a Redis miss + a pgvector search each time; the
# repeated query is a Redis hit after its first call (the cached case).
#
# usage: benches/mcp_latency_live.sh [SCALE=1]   (the environment of benches/mcp_latency.sh applies)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/mongo.sh
source scripts/lib/redis.sh
source scripts/lib/pgvector.sh
SCALE="${1:-1}"
cleanup() { mongo_stop; redis_stop; pgv_stop; }
trap cleanup EXIT
T="${CARGO_TARGET_DIR:-target}"; case "$T" in /*) ;; *) T="$(pwd)/$T" ;; esac
if [ -n "${PROMPTSALES_BIN:-}" ]; then P="$PROMPTSALES_BIN"; else
  cargo build --release --quiet --bin promptsales --features drivers; P="$T/release/promptsales"; fi
pgv_start; mongo_start; redis_start
L=(--seed 42 --scale "$SCALE" --quiet)
start=$SECONDS
"$P" load postgres --url "$PGVECTOR_URL" --stores ads "${L[@]}"
"$P" load pgvector --url "$PGVECTOR_URL" "${L[@]}"
"$P" load mongo --url "$MONGODB_URL" "${L[@]}"
"$P" load redis --url "$REDIS_URL" "${L[@]}"
echo "-- stores loaded at scale $SCALE in $((SECONDS - start)) s (PostgreSQL+pgvector, SecantusDB, Redis)"
export PROMPTSALES_DATABASE_URL="$PGVECTOR_URL" PROMPTSALES_MONGO_URL="$MONGODB_URL" PROMPTSALES_REDIS_URL="$REDIS_URL"
PROMPTSALES_BIN="$P" MCP_SERVER_ARGS="--live ${MCP_SERVER_ARGS:-}" bash benches/mcp_latency.sh "$SCALE"
