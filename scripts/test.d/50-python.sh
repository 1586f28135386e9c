#!/usr/bin/env bash
# Python bindings: builds `promptsales` (bindings/python) into a cached virtualenv and runs its
# pytest suite against the CLI's output. Installs maturin, pyarrow, polars, duckdb, pytest and
# mypy (stubtest) into that virtualenv if they are missing; the system Python stays untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# The virtualenv is cached under ~/.cache/promptsales (scripts/lib/venv.sh), outside target/ and
# the repository: a warm run installs nothing, and the system interpreter is never modified.
source scripts/lib/venv.sh
venv_ensure python maturin pyarrow polars duckdb pytest mypy
PY="$VENV_PY"
# The maturin build backend runs `maturin` from PATH.
export PATH="$VENV_BIN:$PATH"

# bindings/python is its own workspace with its own tracked Cargo.lock: when core's dependencies
# change, that lock must change with them, or every `pip install ./bindings/python` rewrites it.
echo "python: bindings/python/Cargo.lock is current (cargo metadata --locked)"
cargo metadata --locked --format-version 1 --manifest-path bindings/python/Cargo.toml >/dev/null \
  || { echo "FAIL: bindings/python/Cargo.lock is stale: run 'cargo metadata --manifest-path bindings/python/Cargo.toml' and commit it"; exit 1; }
lock_before=$(sha256sum bindings/python/Cargo.lock)

echo "python: rustfmt and clippy of the extension crate"
(cd bindings/python && cargo fmt -- --check && cargo clippy --release --all-targets -- -D warnings)

echo "python: building the CLI (reference output) and the extension"
ps_build
# --no-build-isolation: use the virtualenv's maturin and reuse target/ (CARGO_TARGET_DIR).
"$PY" -m pip install -q --no-build-isolation --no-deps --force-reinstall ./bindings/python
[ "$(sha256sum bindings/python/Cargo.lock)" = "$lock_before" ] \
  || { echo "FAIL: pip install rewrote bindings/python/Cargo.lock"; exit 1; }

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
