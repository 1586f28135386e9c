# Throwaway PostgreSQL 16 + pgvector for the test suite (sourced, not run).
# Debian ships no pgvector package and no pgvector source can be downloaded on these machines,
# so the server binaries come from PyPI `pgserver` (PostgreSQL 16 with the `vector` extension
# bundled). They are copied to a temp dir the non-root `postgres` OS user can read, then run
# like scripts/lib/pg.sh runs Debian's server: initdb, a free 127.0.0.1 port, SCRAM password.
# pgv_start exports PGV_PORT and PGVECTOR_URL; pgv_stop stops it. `trap pgv_stop EXIT`.

pgv_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pgv_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pgv_start() {
  # shellcheck source=venv.sh
  source "$(dirname "${BASH_SOURCE[0]}")/venv.sh"
  venv_ensure contentlive "pgserver" || return 1
  local install
  install="$("$VENV_PY" -c 'import os, pgserver; print(os.path.join(os.path.dirname(pgserver.__file__), "pginstall"))' 2>/dev/null)"
  [ -x "$install/bin/postgres" ] || { echo "pgserver has no bundled PostgreSQL at $install" >&2; return 1; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres || return 1
  fi
  PGV_DIR="$(mktemp -d /tmp/promptsales-pgv.XXXXXX)"
  chmod 755 "$PGV_DIR"
  # Keep the wheel's layout: the binaries' RPATH is $ORIGIN/../../../pgserver.libs.
  mkdir -p "$PGV_DIR/site/pgserver"
  cp -a "$install" "$PGV_DIR/site/pgserver/pginstall"
  cp -a "$install/../../pgserver.libs" "$PGV_DIR/site/pgserver.libs"
  ln -s "$PGV_DIR/site/pgserver/pginstall" "$PGV_DIR/pginstall"
  chmod -R a+rX "$PGV_DIR/site"
  mkdir -p "$PGV_DIR/run"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGV_DIR" "$PGV_DIR/run"; fi
  PGV_PORT="$(pgv_free_port)"
  local pw="${PGV_TEST_PASSWORD:-promptsales-pgv-test}"
  echo "$pw" >"$PGV_DIR/pwfile"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGV_DIR/pwfile"; fi
  pgv_as "$PGV_DIR/pginstall/bin/initdb" -D "$PGV_DIR/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 --pwfile="$PGV_DIR/pwfile" -E UTF8 >"$PGV_DIR/initdb.log" 2>&1 \
    || { cat "$PGV_DIR/initdb.log" >&2; return 1; }
  cat >>"$PGV_DIR/data/postgresql.conf" <<CONF
port = $PGV_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PGV_DIR/run'
fsync = off
synchronous_commit = off
CONF
  pgv_as "$PGV_DIR/pginstall/bin/pg_ctl" -D "$PGV_DIR/data" -l "$PGV_DIR/server.log" -w -t 60 start >/dev/null \
    || { cat "$PGV_DIR/server.log" >&2; return 1; }
  export PGV_DIR PGV_PORT
  export PGVECTOR_URL="postgresql://postgres:${pw}@127.0.0.1:${PGV_PORT}/postgres"
  echo "PostgreSQL $("$PGV_DIR/pginstall/bin/postgres" --version | awk '{print $3}') + pgvector (PyPI pgserver) on port $PGV_PORT ($PGV_DIR)" >&2
}

pgv_stop() {
  if [ -n "${PGV_DIR:-}" ] && [ -d "$PGV_DIR/data" ]; then
    pgv_as "$PGV_DIR/pginstall/bin/pg_ctl" -D "$PGV_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "${PGV_DIR:-}" ] && rm -rf "$PGV_DIR"
  return 0
}
