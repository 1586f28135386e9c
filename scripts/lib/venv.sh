# Python virtualenvs for the test suite, cached outside the repository (sourced, not run).
# venv_ensure NAME PIP_SPEC... : creates ${PROMPTSALES_CACHE:-$HOME/.cache/promptsales}/venv-NAME
# if missing (installing Debian's python3-venv when needed), pip-installs each spec whose
# module is not importable yet, and exports VENV_PY (its python) and VENV_BIN (its bin dir).
# A spec is "module=pip-args" (e.g. "bson=pymongo", "secantusdb=--pre secantusdb") or a bare
# name used for both. The system interpreter is never modified.

PROMPTSALES_CACHE="${PROMPTSALES_CACHE:-$HOME/.cache/promptsales}"

venv_ensure() {
  local name="$1"; shift
  local dir="$PROMPTSALES_CACHE/venv-$name"
  mkdir -p "$PROMPTSALES_CACHE"
  if [ ! -x "$dir/bin/python" ]; then
    if ! python3 -m venv "$dir" >/dev/null 2>&1; then
      rm -rf "$dir"
      echo "venv: installing python3-venv (Debian)" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv) >/dev/null
      python3 -m venv "$dir"
    fi
    "$dir/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  fi
  local spec module args
  for spec in "$@"; do
    module="${spec%%=*}"
    if [ "$module" = "$spec" ]; then args="$spec"; else args="${spec#*=}"; fi
    if ! "$dir/bin/python" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$module') is None)" 2>/dev/null; then
      echo "venv-$name: pip install $args" >&2
      # shellcheck disable=SC2086
      "$dir/bin/python" -m pip install -q $args >&2
    fi
  done
  export VENV_PY="$dir/bin/python" VENV_BIN="$dir/bin"
}
