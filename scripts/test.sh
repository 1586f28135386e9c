#!/usr/bin/env bash
# The README's test command: installs what the tests need if it is missing, then runs the whole
# suite. Store-specific steps (PostgreSQL, Python, BSON decoding) live in scripts/test.d/*.sh and
# run in name order; each installs its own prerequisites and starts its own servers on free ports.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every step prints its wall time; the summary at the end lists them all.
SUITE_START=$(date +%s)
STEP_NAME=""
STEP_START=$SUITE_START
TIMES=()
step() { # starts a new step, closing the previous one
  local now; now=$(date +%s)
  if [ -n "$STEP_NAME" ]; then
    TIMES+=("$(printf '%5ss  %s' $((now - STEP_START)) "$STEP_NAME")")
    echo "   ($STEP_NAME: $((now - STEP_START)) s)"
  fi
  STEP_NAME="$1"; STEP_START=$now
  [ -n "$1" ] && echo "== $1 =="
  return 0
}

step "toolchain"
cargo --version
rustup component list --installed 2>/dev/null | grep -E '^(rustfmt|clippy)' >/dev/null 2>&1 || rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "format and lints"
cargo fmt --all -- --check
# Both feature sets: the default build (what `cargo build --release` and the README's first
# command compile, without the database drivers) and the full one the tests run.
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --workspace --all-targets --all-features -- -D warnings

step "cargo test (workspace)"
cargo test --workspace --release --all-features
# The steps below reuse the binary this built (scripts/lib/build.sh).
export PROMPTSALES_BUILT=1

for script in scripts/test.d/*.sh; do
  [ -e "$script" ] || continue
  step "$script"
  bash "$script"
done
step ""
echo "== step times =="
printf '%s\n' "${TIMES[@]}"
echo "total: $(( $(date +%s) - SUITE_START )) s"
echo "== all test steps passed =="
