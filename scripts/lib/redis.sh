# Throwaway Redis for the test suite and benchmarks (sourced, not run).
# redis_start: installs Debian's redis-server if missing (under flock /tmp/apt.lock), starts it
# on a free 127.0.0.1 port with a password, no persistence, and exports REDIS_PORT,
# REDIS_PASSWORD, REDIS_URL and REDIS_DIR. redis_stop: shuts it down and removes the dir.
# The caller sets `trap redis_stop EXIT`.

redis_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

redis_install() {
  if ! command -v redis-server >/dev/null || ! command -v redis-benchmark >/dev/null; then
    echo "installing redis-server, redis-tools (apt-get)…" >&2
    flock /tmp/apt.lock sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >/dev/null 2>&1 || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >/dev/null; }'
  fi
}

redis_start() {
  redis_install
  REDIS_DIR="$(mktemp -d /tmp/promptsales-redis.XXXXXX)"
  REDIS_PORT="$(redis_free_port)"
  REDIS_PASSWORD="${REDIS_TEST_PASSWORD:-promptsales-redis-test}"
  # The password goes in a config file, not on the command line (ps would show it).
  cat >"$REDIS_DIR/redis.conf" <<CONF
bind 127.0.0.1
port $REDIS_PORT
requirepass $REDIS_PASSWORD
save ""
appendonly no
dir $REDIS_DIR
pidfile $REDIS_DIR/redis.pid
logfile $REDIS_DIR/redis.log
daemonize yes
CONF
  chmod 600 "$REDIS_DIR/redis.conf"
  redis-server "$REDIS_DIR/redis.conf" || return 1
  for _ in $(seq 1 50); do
    REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  export REDIS_DIR REDIS_PORT REDIS_PASSWORD
  export REDIS_URL="redis://:${REDIS_PASSWORD}@127.0.0.1:${REDIS_PORT}/0"
  echo "Redis $(redis-server --version | awk '{print $3}') on port $REDIS_PORT ($REDIS_DIR)" >&2
}

redis_stop() {
  if [ -n "${REDIS_DIR:-}" ] && [ -f "$REDIS_DIR/redis.pid" ]; then
    kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true
    sleep 0.2
  fi
  [ -n "${REDIS_DIR:-}" ] && rm -rf "$REDIS_DIR"
  return 0
}
