#!/usr/bin/env bash
# Benchmark, one server, one run: loading the content store's documents at scale S (default 1)
# into a MongoDB-protocol server (SecantusDB from PyPI — not mongod; see scripts/lib/mongo.sh)
#   A) `promptsales load mongo --from DATA` (unordered insert_many, 16 MiB batches, Rust driver),
#   B) the mongoimport-style peer: pymongo `insert_many(ordered=False)` of the same dump
#      documents (decoded once, before the clock starts), one collection after another.
# Both are timed on document insertion only (A's indexes and read-back are reported apart) and
# print documents/s and the ratio A/B. Both databases must end with the same counts.
# Usage: benches/load_mongo.sh [SCALE]
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE="${1:-1}"
source scripts/lib/venv.sh
source scripts/lib/mongo.sh
WORK="$(mktemp -d /tmp/promptsales-bench-mongo.XXXXXX)"
trap 'mongo_stop; rm -rf "$WORK"' EXIT

[ -n "${SKIP_BUILD:-}" ] || cargo build --release --bin promptsales --features drivers >/dev/null 2>&1
P="${CARGO_TARGET_DIR:-$PWD/target}/release/promptsales"
mongo_start
"$P" generate --stores content --format bson --scale "$SCALE" --out "$WORK/data" >/dev/null 2>&1

echo "== machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:       $(nproc)"
echo "cpu:         $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server:      SecantusDB $("$MONGO_PY" -c 'import importlib.metadata as m; print(m.version("secantusdb"))') (MongoDB wire protocol; not mongod)"
echo "commit:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "scale:       $SCALE (store content)"

echo "== A: promptsales load mongo"
"$P" load mongo --url "$MONGODB_URL" --db bench_rust --from "$WORK/data" 2>"$WORK/a.log"
grep -v '^indexes' "$WORK/a.log" | head -8
A=$(awk '/^promptcontent|^bench_rust\./ {docs += $2; secs += $3} END {printf "%.0f %.3f", docs, secs}' "$WORK/a.log")
echo "A: $A (documents, seconds of insert_many)"

echo "== B: pymongo insert_many(ordered=False), same documents"
B=$("$MONGO_PY" - "$MONGODB_URL" "$WORK/data/content/mongo/promptcontent" <<'PY'
import os, sys, time
import bson, pymongo
from bson.raw_bson import RawBSONDocument
url, dump = sys.argv[1], sys.argv[2]
db = pymongo.MongoClient(url)["bench_py"]
colls = {}
for f in sorted(os.listdir(dump)):
    if f.endswith(".bson"):
        with open(os.path.join(dump, f), "rb") as fh:
            colls[f[:-5]] = list(bson.decode_file_iter(fh, codec_options=bson.CodecOptions(document_class=RawBSONDocument)))
docs = secs = 0
for name, items in colls.items():
    t0 = time.perf_counter()
    db[name].insert_many(items, ordered=False)
    secs += time.perf_counter() - t0
    docs += db[name].count_documents({})
print(f"{docs} {secs:.3f}")
PY
)
echo "B: $B (documents, seconds of insert_many)"
read -r ad as <<<"$A"; read -r bd bs <<<"$B"
[ "$ad" = "$bd" ] || { echo "document counts differ: $ad vs $bd" >&2; exit 1; }
echo "== result"
awk -v ad="$ad" -v as="$as" -v bs="$bs" 'BEGIN {
  printf "A promptsales load mongo: %.0f docs/s\nB pymongo insert_many:    %.0f docs/s\nratio A/B (throughput):   %.2f\n", ad/as, ad/bs, (ad/as)/(ad/bs) }'
