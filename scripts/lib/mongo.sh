# Throwaway MongoDB-protocol server for the test suite and benchmarks (sourced, not run).
# It is SecantusDB (PyPI `secantusdb`, a WiredTiger-backed server speaking the MongoDB wire
# protocol and reporting 8.x) — not mongod, which cannot be installed here.
# mongo_start: ensures the venv (secantusdb + pymongo), starts it on a free 127.0.0.1 port with
# a temp storage dir, exports MONGO_PORT, MONGODB_URL, MONGO_DIR, MONGO_PY (venv python).
# mongo_stop: stops it (by its pid) and removes the dir. The caller sets `trap mongo_stop EXIT`.

mongo_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

mongo_start() {
  # shellcheck source=venv.sh
  source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
  venv_ensure contentlive "secantus=--pre secantusdb" "pymongo" || return 1
  MONGO_PY="$VENV_PY"
  MONGO_DIR="$(mktemp -d /tmp/promptsales-mongo.XXXXXX)"
  MONGO_PORT="$(mongo_free_port)"
  "$VENV_BIN/secantusd-py" --host 127.0.0.1 --port "$MONGO_PORT" --storage-path "$MONGO_DIR/data" \
    --log-level WARNING "$@" >"$MONGO_DIR/server.log" 2>&1 &
  echo $! >"$MONGO_DIR/pid"
  export MONGO_DIR MONGO_PORT MONGO_PY
  export MONGODB_URL="mongodb://127.0.0.1:${MONGO_PORT}/"
  for _ in $(seq 1 100); do
    "$MONGO_PY" -c "import pymongo,sys; pymongo.MongoClient('$MONGODB_URL', serverSelectionTimeoutMS=300).admin.command('ping')" >/dev/null 2>&1 && break
    sleep 0.3
  done
  local version
  version="$("$MONGO_PY" -c "import pymongo; print(pymongo.MongoClient('$MONGODB_URL', serverSelectionTimeoutMS=2000).server_info()['version'])" 2>/dev/null)" \
    || { cat "$MONGO_DIR/server.log" >&2; return 1; }
  echo "SecantusDB (MongoDB wire protocol, reports $version; not mongod) on port $MONGO_PORT ($MONGO_DIR)" >&2
}

mongo_stop() {
  if [ -n "${MONGO_DIR:-}" ] && [ -f "$MONGO_DIR/pid" ]; then
    local pid
    pid="$(cat "$MONGO_DIR/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  [ -n "${MONGO_DIR:-}" ] && rm -rf "$MONGO_DIR"
  return 0
}
