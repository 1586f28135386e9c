#!/usr/bin/env bash
# Regenerates docs/etl-canvas.png: the committed workflow on the n8n editor canvas. Starts a
# throwaway n8n (scripts/lib/n8n.sh) on 127.0.0.1 with placeholder credentials (no server behind
# them; they only let the editor draw the nodes without "missing credential" marks), creates the
# owner through n8n's REST API (a random password for this instance only), and screenshots the
# canvas in headless Chromium (etl/n8n/canvas_screenshot.py). Everything is removed on exit.
# Usage: etl/n8n/screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-docs/etl-canvas.png}"
source scripts/lib/n8n.sh
trap n8n_cleanup EXIT
command -v chromium >/dev/null 2>&1 || flock /tmp/apt.lock sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium' >/dev/null
n8n_ensure
n8n_home
python3 - "$N8N_HOME/placeholders.json" <<'PY'
import json, sys
pg = lambda cid, name: {"id": cid, "name": name, "type": "postgres",
                        "data": {"host": "placeholder.invalid", "port": 5432, "database": "placeholder", "user": "placeholder",
                                 "password": "placeholder-not-a-secret", "ssl": "disable"}}
json.dump([pg("psEtlPortal00001", "PromptSales portal (ETL role)"), pg("psEtlAdsSource01", "PromptAds source (ETL role)"),
           pg("psEtlCrmSource01", "PromptCrm source (ETL role)"),
           {"id": "psEtlContentSrc1", "name": "PromptContent source (MongoDB)", "type": "mongoDb",
            "data": {"configurationType": "connectionString", "connectionString": "mongodb://placeholder.invalid/", "database": "promptcontent"}}],
          open(sys.argv[1], "w"))
PY
n8n_run import:credentials --input "$N8N_HOME/placeholders.json" >/dev/null 2>&1
n8n_run import:workflow --input etl/n8n/promptsales-etl.json >/dev/null 2>&1
n8n_start
BASE="http://127.0.0.1:$N8N_PORT"
# /healthz answers before the REST routes exist: wait for the owner-setup route itself.
pw="Docs-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')-1A"
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -c "$N8N_HOME/cookies" -H 'Content-Type: application/json' -X POST "$BASE/rest/owner/setup" \
    -d "{\"email\":\"etl-docs@promptsales.example\",\"firstName\":\"ETL\",\"lastName\":\"Docs\",\"password\":\"$pw\"}")
  [ "$code" = 200 ] && break
  sleep 0.5
done
[ "$code" = 200 ] || { echo "owner setup answered $code" >&2; exit 1; }
cookie=$(awk '$6 == "n8n-auth" {print $7}' "$N8N_HOME/cookies")
nodes=$(python3 -c "import json; print(sum(1 for n in json.load(open('etl/n8n/promptsales-etl.json'))['nodes'] if n['type'] != 'n8n-nodes-base.stickyNote'))")
python3 etl/n8n/canvas_screenshot.py "$BASE" PromptSalesETL11 "$cookie" "$OUT" --nodes "$nodes"
echo "wrote $OUT"
