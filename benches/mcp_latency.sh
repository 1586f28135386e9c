#!/usr/bin/env bash
# MCP latency: p50/p99 per call of getContent and of sales questions with CLIENTS concurrent
# clients (official Python SDK, Streamable HTTP, loopback), servers started here on free ports.
# usage: benches/mcp_latency.sh [SCALE=1] [CLIENTS=32] [CALLS=20]
# Records the machine. No peer server exists to compare with (see docs/mcp.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/venv.sh
SCALE="${1:-1}"; CLIENTS="${2:-32}"; CALLS="${3:-20}"
[ "$CLIENTS" -ge 1 ] && [ "$CLIENTS" -le 256 ] || { echo "CLIENTS must be 1..256" >&2; exit 2; }
WORK="$(mktemp -d /tmp/promptsales-mcp-bench.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
cargo build --release --bin promptsales
# CARGO_TARGET_DIR may be absolute (a shared build cache) or relative to the repository.
T="${CARGO_TARGET_DIR:-target}"; case "$T" in /*) ;; *) T="$(pwd)/$T" ;; esac
P="$T/release/promptsales"
venv_ensure mcp "mcp.client.stdio=mcp" pyarrow
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$WORK/token"
SP="$(free_port)"; CP="$(free_port)"
start=$(date +%s.%N)
"$P" mcp sales --scale "$SCALE" --listen "127.0.0.1:$SP" --token-file "$WORK/token" 2>"$WORK/sales.log" &
PIDS+=($!)
"$P" mcp content --scale "$SCALE" --listen "127.0.0.1:$CP" --token-file "$WORK/token" --state-dir "$WORK/state" 2>"$WORK/content.log" &
PIDS+=($!)
for port in "$SP" "$CP"; do
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scale $SCALE: both servers ready in $(echo "$(date +%s.%N) - $start" | bc) s ($(grep -h 'generated in' "$WORK"/*.log | sed 's/.*generated in/world generated in/; s/; building.*//' | tr '\n' ';'))"
CAMPAIGNS=$("$P" tables --scale "$SCALE" --json | python3 -c 'import json,sys; print([t["rows"] for t in json.load(sys.stdin)["tables"] if t["table"]=="ads.campaigns"][0])')
"$VENV_PY" benches/mcp_latency.py "http://127.0.0.1:$SP/mcp" "http://127.0.0.1:$CP/mcp" "$WORK/token" "$CLIENTS" "$CALLS" "$CAMPAIGNS"
echo "RSS after the run: sales $(ps -o rss= -p "${PIDS[0]}") kB, content $(ps -o rss= -p "${PIDS[1]}") kB"
