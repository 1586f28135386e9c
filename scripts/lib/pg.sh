# Throwaway PostgreSQL for the test suite and the benchmark (sourced, not run).
# pg_start: installs Debian's postgresql if missing, initdb as the non-root `postgres` OS user
# into a temp dir, starts on a free port with pg_stat_statements preloaded, exports
# PGHOST/PGPORT/PGUSER/PGDATABASE, DATABASE_URL and PG_BIN. pg_stop: stops it and removes the dir.
# The caller sets `trap pg_stop EXIT`.

pg_find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}

pg_install() {
  if [ -z "$(pg_find_bin)" ]; then
    echo "installing postgresql (apt-get)…" >&2
    if [ "$(id -u)" -ne 0 ]; then
      echo "postgresql is not installed and this is not root: run 'apt-get install -y postgresql'" >&2
      return 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || {
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    }
  fi
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the server's OS user (root → postgres; otherwise as ourselves).
pg_as() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  pg_install
  PG_BIN="$(pg_find_bin)"
  export PG_BIN
  PG_DIR="$(mktemp -d /tmp/promptsales-pg.XXXXXX)"
  export PG_DIR
  chmod 755 "$PG_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR"; fi
  PGPORT="$(pg_free_port)"
  export PGPORT
  echo "${PG_TEST_PASSWORD:-promptsales-test}" >"$PG_DIR/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR/pwfile"; fi
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$PG_DIR/pwfile" -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  cat >>"$PG_DIR/data/postgresql.conf" <<CONF
port = $PGPORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
shared_preload_libraries = 'pg_stat_statements'
max_wal_size = 4GB
fsync = off
synchronous_commit = off
full_page_writes = off
deadlock_timeout = 200ms
CONF
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; return 1; }
  export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres
  export PGPASSWORD="${PG_TEST_PASSWORD:-promptsales-test}"
  export DATABASE_URL="postgresql://postgres:${PGPASSWORD}@127.0.0.1:${PGPORT}/postgres"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PGPORT ($PG_DIR)" >&2
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
