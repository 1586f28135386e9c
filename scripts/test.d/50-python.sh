#!/usr/bin/env bash
# Python bindings: builds `promptsales` (bindings/python) into a virtualenv under target/ and
# runs its pytest suite against the CLI's output. Installs maturin, pyarrow, polars, duckdb,
# pytest and mypy (stubtest) into that virtualenv if they are missing; the system Python stays
# untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
PYTHON="${PYTHON:-python3}"
VENV="$CARGO_TARGET_DIR/python-venv"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "python: $PYTHON not found; installing python3 (Debian)"
  apt-get update -qq && apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    echo "python: venv unavailable; installing python3-venv (Debian)"
    rm -rf "$VENV"
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    "$PYTHON" -m venv "$VENV"
  fi
fi
PY="$VENV/bin/python"
# The maturin build backend runs `maturin` from PATH.
export PATH="$VENV/bin:$PATH"

missing=()
for module in maturin pyarrow polars duckdb pytest mypy; do
  "$PY" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$module') is None)" \
    || missing+=("$module")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "python: installing ${missing[*]}"
  "$PY" -m pip install -q "${missing[@]}"
fi

echo "python: rustfmt and clippy of the extension crate"
(cd bindings/python && cargo fmt -- --check && cargo clippy --release --all-targets -- -D warnings)

echo "python: building the CLI (reference output) and the extension"
cargo build --release --bin promptsales
# --no-build-isolation: use the virtualenv's maturin and reuse target/ (CARGO_TARGET_DIR).
"$PY" -m pip install -q --no-build-isolation --no-deps --force-reinstall ./bindings/python

export PROMPTSALES_CLI="$CARGO_TARGET_DIR/release/promptsales"
set +e
(cd bindings/python/tests && "$PY" -m pytest -q -p no:cacheprovider .)
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "python: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
