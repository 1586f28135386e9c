#!/usr/bin/env bash
# MCP latency: p50/p90/p99/max per call of getContent (distinct queries; one repeated query)
# and of sales questions (getCampaignPerformance, topCampaigns) under 1 and 32 concurrent
# clients, each its own MCP session of the official Rust SDK (rmcp, Streamable HTTP, loopback):
# benches/mcp-load/, built here with its own target dir (never by `cargo build` or the tests).
# Then the Python SDK peer (benches/mcp_latency.py) makes the same calls with fewer clients.
# Records the machine, the load average before/after and the servers' CPU per call.
#
# usage: benches/mcp_latency.sh [SCALE=1]
# environment (all optional):
#   CLIENTS=1,32 CALLS=200 WARMUP=5 MAX_SECONDS=60   the Rust client's run (per scenario)
#   PY_CLIENTS="1 4" PY_CALLS=100                     the Python peer (PY_CLIENTS=0: skip it)
#   MCP_LOAD_ARGS="--keep-alive --threads 2"          extra mcp-load flags (see its --help)
#   MCP_SERVER_ARGS="--seed 7 ..."                    extra flags for both servers started here
#   MCP_CONTENT_URL, MCP_SALES_URL, MCP_TOKEN_FILE    servers started elsewhere (e.g. the live
#     backend): nothing is started; MCP_CAMPAIGNS gives the number of campaigns they serve
#     (default: that of SCALE), MCP_CONTENT_PID / MCP_SALES_PID their pids for the CPU column.
#   MCP_LOAD_JSON=FILE                                keep the JSON report (default: discarded)
#   PROMPTSALES_BIN=PATH                              serve with this binary instead of building one
#                                                     (side-by-side runs of two builds)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/venv.sh
SCALE="${1:-1}"
CLIENTS="${CLIENTS:-1,32}"; CALLS="${CALLS:-200}"; WARMUP="${WARMUP:-5}"; MAX_SECONDS="${MAX_SECONDS:-60}"
PY_CLIENTS="${PY_CLIENTS:-1 4}"; PY_CALLS="${PY_CALLS:-100}"
WORK="$(mktemp -d /tmp/promptsales-mcp-bench.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
t0=$SECONDS
say() { echo "-- [$((SECONDS - t0)) s] $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# CARGO_TARGET_DIR may be absolute (a shared build cache) or relative to the repository.
T="${CARGO_TARGET_DIR:-target}"; case "$T" in /*) ;; *) T="$(pwd)/$T" ;; esac
say "build benches/mcp-load (own target dir $T/mcp-load)"
CARGO_TARGET_DIR="$T/mcp-load" cargo build --release --locked --quiet --manifest-path benches/mcp-load/Cargo.toml
LOAD="$T/mcp-load/release/mcp-load"
build_promptsales() {
  if [ -n "${PROMPTSALES_BIN:-}" ]; then P="$PROMPTSALES_BIN"; else
    cargo build --release --quiet --bin promptsales --features drivers; P="$T/release/promptsales"; fi
  echo "server binary: $P"
}

if [ -n "${MCP_CONTENT_URL:-}${MCP_SALES_URL:-}" ]; then
  [ -n "${MCP_TOKEN_FILE:-}" ] && [ -r "$MCP_TOKEN_FILE" ] \
    || { echo "MCP_TOKEN_FILE: must name a readable file holding the servers' bearer token" >&2; exit 2; }
  TOKEN_FILE="$MCP_TOKEN_FILE"
  CONTENT_URL="${MCP_CONTENT_URL:-}"; SALES_URL="${MCP_SALES_URL:-}"
  CONTENT_PID="${MCP_CONTENT_PID:-}"; SALES_PID="${MCP_SALES_PID:-}"
  say "servers started elsewhere: content ${CONTENT_URL:-(none)}, sales ${SALES_URL:-(none)}"
  build_promptsales
else
  say "start both servers (embedded backend, scale $SCALE) on 127.0.0.1"
  build_promptsales
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/token"
  TOKEN_FILE="$WORK/token"
  SP="$(free_port)"; CP="$(free_port)"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086  # MCP_SERVER_ARGS is a list of flags
  "$P" mcp sales --scale "$SCALE" ${MCP_SERVER_ARGS:-} --listen "127.0.0.1:$SP" --token-file "$TOKEN_FILE" 2>"$WORK/sales.log" &
  SALES_PID=$!; PIDS+=("$SALES_PID")
  # shellcheck disable=SC2086
  "$P" mcp content --scale "$SCALE" ${MCP_SERVER_ARGS:-} --listen "127.0.0.1:$CP" --token-file "$TOKEN_FILE" --state-dir "$WORK/state" 2>"$WORK/content.log" &
  CONTENT_PID=$!; PIDS+=("$CONTENT_PID")
  for port in "$SP" "$CP"; do
    for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$WORK"/*.log >&2; echo "a server did not start" >&2; exit 1; }
  done
  say "both servers ready in $(echo "$(date +%s.%N) - $start" | bc) s ($(grep -h 'generated in' "$WORK"/*.log | sed 's/.*generated in/world generated in/; s/; building.*//' | tr '\n' ';'))"
  CONTENT_URL="http://127.0.0.1:$CP/mcp"; SALES_URL="http://127.0.0.1:$SP/mcp"
fi
CAMPAIGNS="${MCP_CAMPAIGNS:-$("$P" tables --scale "$SCALE" --json | python3 -c 'import json,sys; print([t["rows"] for t in json.load(sys.stdin)["tables"] if t["table"]=="ads.campaigns"][0])')}"
NONCE="$(date +%s)"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average before $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (+ uncommitted changes)'), scale $SCALE, $CAMPAIGNS campaigns"
say "Rust client (rmcp): clients $CLIENTS, $CALLS calls each after $WARMUP warm-up calls, at most $MAX_SECONDS s per scenario; every answer checked"
ARGS=(--token-file "$TOKEN_FILE" --clients "$CLIENTS" --calls "$CALLS" --warmup "$WARMUP" --max-seconds "$MAX_SECONDS"
      --campaigns "$CAMPAIGNS" --nonce "$NONCE" --json "${MCP_LOAD_JSON:-$WORK/mcp-load.json}")
[ -n "$CONTENT_URL" ] && ARGS+=(--content-url "$CONTENT_URL")
[ -n "$SALES_URL" ] && ARGS+=(--sales-url "$SALES_URL")
[ -n "${CONTENT_PID:-}" ] && ARGS+=(--content-pid "$CONTENT_PID")
[ -n "${SALES_PID:-}" ] && ARGS+=(--sales-pid "$SALES_PID")
# shellcheck disable=SC2086  # MCP_LOAD_ARGS is a list of flags
"$LOAD" "${ARGS[@]}" ${MCP_LOAD_ARGS:-}

if [ "$PY_CLIENTS" != "0" ]; then
  venv_ensure mcp "mcp.client.stdio=mcp" pyarrow
  for c in $PY_CLIENTS; do
    say "Python SDK peer: $c client(s), $PY_CALLS calls each after $WARMUP warm-up calls"
    # Another nonce: the Rust run's distinct queries must not be cached for the peer.
    # The SDK warns "Session termination failed: 202" when a session server accepts its DELETE
    # with 202 rather than 200/204: harmless, filtered.
    "$VENV_PY" benches/mcp_latency.py "$SALES_URL" "$CONTENT_URL" "$TOKEN_FILE" "$c" "$PY_CALLS" "$WARMUP" "$CAMPAIGNS" "$((NONCE * 100 + c))" 2>&1 \
      | grep -v '^Session termination failed: 202$'
  done
fi
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
for name in sales content; do
  pid_var="${name^^}_PID"; pid="${!pid_var:-}"
  [ -n "$pid" ] && echo "RSS after the run: $name $(ps -o rss= -p "$pid" | xargs) kB"
done
say "done"
