#!/usr/bin/env bash
# Benchmark, one server, one run: the Redis cache warm-up at scale S (default 1),
#   A) `promptsales load redis` (pipelines of 1000 keys; hashes are DEL + HSET + EXPIRE,
#      strings SET … EX), versus
#   B) `redis-benchmark -P 64 -t set` on the same server (the server's pipelined SET ceiling).
# Prints keys/s and commands/s for A, SET/s for B, and the ratio A(commands)/B.
# Usage: benches/redis_warm.sh [SCALE]
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:-1}"
source scripts/lib/redis.sh
trap redis_stop EXIT
[ -n "${SKIP_BUILD:-}" ] || cargo build --release --bin promptsales --features drivers >/dev/null 2>&1
P="${CARGO_TARGET_DIR:-$PWD/target}/release/promptsales"
redis_start

echo "== machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:       $(nproc)"
echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg)"
echo "redis:       $(redis-server --version | awk '{print $3}')"
echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "scale:       $SCALE"

echo "== A: promptsales load redis"
"$P" load redis --url "$REDIS_URL" --scale "$SCALE" 2>"$REDIS_DIR/a.log"
cat "$REDIS_DIR/a.log"
# "warmed K keys (C commands) in S s of writes" — generation time is excluded.
read -r keys cmds secs <<<"$(sed -n 's/^warmed \([0-9]*\) keys (\([0-9]*\) commands) in \([0-9.]*\) s.*/\1 \2 \3/p' "$REDIS_DIR/a.log")"
[ -n "${secs:-}" ] || { echo "could not read the warm-up figures" >&2; exit 1; }

echo "== B: redis-benchmark -P 64 -t set (same server)"
REDISCLI_AUTH="$REDIS_PASSWORD" redis-benchmark -p "$REDIS_PORT" -a "$REDIS_PASSWORD" -P 64 -t set -n 2000000 -q 2>/dev/null | tr '\r' '\n' | grep -i 'SET:' | tail -1 | tee "$REDIS_DIR/b.log"
setps=$(grep -o '[0-9.]* requests per second' "$REDIS_DIR/b.log" | awk '{print $1}')
# The warm-up uses one connection; the same pipelining from one client, for context.
echo "== B1: redis-benchmark -c 1 -P 64 -t set (one client, same server)"
REDISCLI_AUTH="$REDIS_PASSWORD" redis-benchmark -p "$REDIS_PORT" -a "$REDIS_PASSWORD" -c 1 -P 64 -t set -n 1000000 -q 2>/dev/null | tr '\r' '\n' | grep -i 'SET:' | tail -1 | tee "$REDIS_DIR/b1.log"
set1=$(grep -o '[0-9.]* requests per second' "$REDIS_DIR/b1.log" | awk '{print $1}')

echo "== result"
awk -v k="$keys" -v c="$cmds" -v s="$secs" -v b="$setps" -v b1="$set1" 'BEGIN {
  printf "A promptsales load redis: %.0f keys/s, %.0f commands/s (%d keys, %d commands, %.3f s)\n", k/s, c/s, k, c, s
  printf "B redis-benchmark -P 64:  %.0f SET/s\n", b
  printf "B1 redis-benchmark -c 1 -P 64: %.0f SET/s\n", b1
  printf "ratio A commands/s : B SET/s = %.2f (A : B1 = %.2f)\n", (c/s)/b, (c/s)/b1 }'
