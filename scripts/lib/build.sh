# The promptsales binary for a step script. scripts/test.sh's `cargo test` step already built
# target/release/promptsales with every feature (the integration tests run it) and exports
# PROMPTSALES_BUILT=1, so the steps reuse that binary instead of building a second one whose
# dependency features differ (which recompiled parquet and tokio in every suite run). A step run
# on its own builds it here, with the `drivers` feature (the MongoDB/SQL Server/Redis/Pinecone
# clients are off in a default build).
ps_build() { # extra cargo flags, e.g. --quiet
  if [ "${PROMPTSALES_BUILT:-}" = 1 ] && [ -x "${CARGO_TARGET_DIR:-target}/release/promptsales" ]; then
    return 0
  fi
  cargo build --release --bin promptsales --features drivers "$@"
}
