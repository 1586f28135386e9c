#!/usr/bin/env bash
# Deploys PromptSales to the current kubectl context, in order, waiting for readiness:
#   1. the namespace;  2. the Secrets must already exist (docs/kubernetes.md lists the
#   `kubectl create secret` commands; no secret value is in this repository);
#   3. everything long-running (policies, databases, services, MCP, n8n, backups);
#   4. each database StatefulSet rolled out;
#   5. generate-and-load: the Indexed generate Job, then verify, then the per-store load Jobs,
#      each phase waited for (`kubectl wait`) before the next starts (skip with DATAGEN=0);
#   6. the Deployments available.
# Usage: bash k8s/deploy.sh local|production   (KUBECTL=…, TIMEOUT=15m, DATAGEN=0|1)
set -euo pipefail
cd "$(dirname "$0")"

overlay="${1:-}"
case "$overlay" in
  local|production) ;;
  *) echo "usage: k8s/deploy.sh local|production (got '${overlay}')" >&2; exit 2 ;;
esac
KUBECTL="${KUBECTL:-kubectl}"
TIMEOUT="${TIMEOUT:-15m}"
DATAGEN="${DATAGEN:-1}"
NS=promptsales
k() { "$KUBECTL" "$@"; }

rendered="$(mktemp)"
trap 'rm -f "$rendered"' EXIT
k kustomize "overlays/$overlay" >"$rendered"
echo "== rendered overlays/$overlay ($(grep -c '^kind:' "$rendered") objects)"

echo "== 1. namespace"
k apply -f "$rendered" -l promptsales.io/phase=namespace

echo "== 2. secrets (referenced by name only)"
missing=()
for s in $(grep -oE 'secretName: [a-z0-9-]+' "$rendered" | awk '{print $2}' | sort -u); do
  k -n "$NS" get secret "$s" >/dev/null 2>&1 || missing+=("$s")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "missing Secrets in namespace $NS: ${missing[*]} (create them as docs/kubernetes.md shows)" >&2
  exit 1
fi

echo "== 3. long-running workloads, policies, services, backups"
k apply -f "$rendered" -l '!promptsales.io/phase'

echo "== 4. databases ready"
# The metadata.name of every StatefulSet document in the rendered stream.
for sts in $(awk '/^---/ {kind = ""} /^kind:/ {kind = $2} kind == "StatefulSet" && /^  name:/ {print $2}' "$rendered"); do
  k -n "$NS" rollout status "statefulset/$sts" --timeout="$TIMEOUT"
done

if [ "$DATAGEN" = 1 ]; then
  echo "== 5. generate and load"
  # Jobs are immutable: a new run replaces the previous one.
  k -n "$NS" delete job -l 'promptsales.io/phase in (generate,verify,load)' --ignore-not-found --wait=true
  for phase in generate verify load; do
    k apply -f "$rendered" -l "promptsales.io/phase=$phase"
    k -n "$NS" wait --for=condition=complete job -l "promptsales.io/phase=$phase" --timeout="$TIMEOUT"
  done
fi

echo "== 6. services available"
k -n "$NS" wait --for=condition=available deployment -l app.kubernetes.io/part-of=promptsales --timeout="$TIMEOUT"
echo "deployed overlays/$overlay"
