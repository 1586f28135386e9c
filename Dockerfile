# syntax=docker/dockerfile:1
# The `promptsales` CLI image the Kubernetes Jobs and MCP Deployments run (k8s/). Two stages:
# the Rust toolchain builds the binary; the runtime is Debian slim with the binary, CA
# certificates and a non-root user — and /bin/sh, which the Indexed Job needs to turn
# JOB_COMPLETION_INDEX into --part. Not built on the project's machines (no container engine
# there): docs/kubernetes.md says which checks ran instead.

# Build stage: the toolchain the project is tested with (README, rustc 1.95), with the
# `drivers` feature: the Jobs load SQL Server, MongoDB and Redis too.
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin promptsales --features drivers \
 && strip target/release/promptsales \
 && ./target/release/promptsales --version

# Runtime stage: no compiler, no package manager cache, no shell for the user beyond /bin/sh.
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 promptsales \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin promptsales
COPY --from=build /src/target/release/promptsales /usr/local/bin/promptsales
# The UID the manifests' securityContext uses (runAsUser: 10001, runAsNonRoot).
USER 10001:10001
WORKDIR /data
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/promptsales"]
CMD ["--help"]
