#!/usr/bin/env bash
# The README's test command: installs what the tests need if it is missing, then runs the whole
# suite. Store-specific steps (PostgreSQL, Python, BSON decoding) live in scripts/test.d/*.sh and
# run in name order; each installs its own prerequisites and starts its own servers on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== toolchain =="
cargo --version
rustup component list --installed 2>/dev/null | grep -E '^(rustfmt|clippy)' >/dev/null 2>&1 || rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "== format and lints =="
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

echo "== cargo test (workspace) =="
cargo test --workspace --release

for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "== $step =="
  bash "$step"
done
echo "== all test steps passed =="
