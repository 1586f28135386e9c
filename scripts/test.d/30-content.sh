#!/usr/bin/env bash
# PromptContent: the BSON dump and Extended JSON lines decoded by pymongo's `bson` (no MongoDB
# server can run here), determinism under --threads and --parts, verify on every layout, and
# proof that verify catches a breach that the file checksums do not.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh

# pymongo's independent BSON decoder, in a cached virtualenv (never the system interpreter).
source scripts/lib/venv.sh
venv_ensure content "bson=pymongo"
ps_build --quiet
bin="${CARGO_TARGET_DIR:-target}/release/promptsales"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() { "$bin" generate --scale 0.01 --no-progress "$@" 2>/dev/null; }

echo "-- generate ads (csv) + content (csv, bson, jsonl) with 2 threads and with 1"
gen --stores ads,content --format csv,bson,jsonl --threads 2 --out "$tmp/a"
gen --stores ads,content --format csv,bson,jsonl --threads 1 --out "$tmp/b"
diff -r "$tmp/a" "$tmp/b" >/dev/null || { echo "FAIL: output differs between 1 and 2 threads"; exit 1; }
echo "   1 thread = 2 threads, byte for byte"

echo "-- pymongo decodes the dump; JSONL = BSON; counts, types, indexes, cross-store"
"$VENV_PY" scripts/content_check.py "$tmp/a"

echo "-- verify (BSON layout)"
"$bin" verify "$tmp/a" >"$tmp/verify.txt" || { grep FAIL "$tmp/verify.txt"; exit 1; }
grep -c '\[ok\]' "$tmp/verify.txt" | sed 's/^/   checks passed: /'

echo "-- parts 1..3: each a dump of its own; concatenated = whole"
for k in 1 2 3; do gen --stores ads,content --format csv,bson,jsonl --parts 3 --part "$k" --out "$tmp/p"; done
for c in images services credentials request_log campaign_logs mcp_servers; do
  cat "$tmp"/p/content/mongo/part-{1,2,3}/promptcontent/$c.bson | cmp - "$tmp/a/content/mongo/promptcontent/$c.bson"
  cat "$tmp"/p/content/$c/$c.{1,2,3}.jsonl | cmp - "$tmp/a/content/$c.jsonl"
  test -s "$tmp/p/content/mongo/part-1/promptcontent/$c.metadata.json"
done
"$bin" verify "$tmp/p" >"$tmp/verify-p.txt" || { grep FAIL "$tmp/verify-p.txt"; exit 1; }
echo "   parts concatenate to the whole; verify passes on the parts"

echo "-- Parquet layout (images with FixedSizeList embedding) and --embedding-dims 1536"
gen --stores ads,content --format parquet --embedding-dims 1536 --out "$tmp/q"
"$bin" verify "$tmp/q" >"$tmp/verify-q.txt" || { grep FAIL "$tmp/verify-q.txt"; exit 1; }
grep -q 'dim 1536' "$tmp/verify-q.txt" || { echo "FAIL: 1536 dims not verified"; exit 1; }
if "$bin" generate --scale 0.01 --embedding-dims 512 --out "$tmp/x" 2>"$tmp/err"; then
  echo "FAIL: --embedding-dims 512 accepted"; exit 1
fi
grep -q -- '--embedding-dims' "$tmp/err" || { echo "FAIL: error does not name the flag"; cat "$tmp/err"; exit 1; }
test ! -e "$tmp/x" || { echo "FAIL: a rejected run created its --out folder"; exit 1; }
# Formats apply per table: ads cannot be BSON, so it is written as Parquet with a one-line note.
"$bin" generate --scale 0.01 --stores ads --format bson --out "$tmp/x" 2>"$tmp/err"
grep -q '^note: .*ads.campaigns.* written as parquet' "$tmp/err" || { echo "FAIL: no note for ads as parquet"; cat "$tmp/err"; exit 1; }
test -f "$tmp/x/ads/campaigns.parquet" || { echo "FAIL: ads not written as parquet"; exit 1; }
echo "   parquet + 1536 verified; bad --embedding-dims rejected in one line; --format bson for ads falls back to parquet with a note"

echo "-- verify catches breaches the checksums do not"
for mode in hashtag campaign_ids; do
  rm -rf "$tmp/bad"
  cp -r "$tmp/a" "$tmp/bad"
  "$VENV_PY" scripts/content_check.py --corrupt "$mode" "$tmp/bad" >/dev/null
  if "$bin" verify --json "$tmp/bad" >"$tmp/bad.json"; then
    echo "FAIL: verify passed a corrupted dataset ($mode)"; exit 1
  fi
  "$VENV_PY" - "$tmp/bad.json" "$mode" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
failed = [c["name"] for s in report["sections"] for c in s["checks"] if not c["passed"]]
want = {"hashtag": "every hashtag is spelled by words of its description",
        "campaign_ids": "each image's campaign_ids equals the campaigns whose ads use it"}[sys.argv[2]]
assert want in failed, failed
assert not any(n.startswith("files match") for n in failed), failed
print(f"   {sys.argv[2]}: verify failed exactly on: {failed}")
PY
done
echo "content: all checks passed"
