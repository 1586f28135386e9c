#!/usr/bin/env bash
# `promptsales report`: the page rendered at a small scale opens in headless Chromium (Debian's
# `chromium`) with no console error and no network request, every chart present with data, and a
# screenshot written under target/; the checker itself is shown to catch a page that fetches and
# throws. Then the scale-1 page: its size is checked (< 5 MB) and its render time printed (timings
# are never asserted; benches/report.sh measures them).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/build.sh

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium (Debian)"
  flock /tmp/apt.lock sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium' >/dev/null
fi
ps_build --quiet
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/promptsales"
shots="$target/report"
mkdir -p "$shots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

charts=chart-months,chart-funnel,chart-spend-revenue,chart-roas,chart-cpa,chart-distance,chart-channel-market,chart-peak,chart-sentiment,chart-map,chart-categories,chart-hashtags,chart-embedding,verify

echo "-- render the report of a scale-0.02 world (all four stores)"
"$bin" generate --scale 0.02 --seed 11 --no-progress --out "$tmp/data" 2>/dev/null
"$bin" report "$tmp/data" --out "$tmp/report.html"

echo "-- open it in headless Chromium: console, network, charts, screenshot"
python3 scripts/lib/report_browser.py "$tmp/report.html" --charts "$charts" \
  --screenshot "$shots/report-small.png" --min-png-bytes 100000 --max-png-bytes 20000000

echo "-- the checker catches a page that fetches a resource and throws (expected to FAIL)"
sed -e "s|<body>|<body><img src=\"http://127.0.0.1:9/pixel.png\"><script>throw new Error('boom')</script>|" \
    -e "s|id=\"chart-map\" data-points=\"[0-9]*\"|id=\"chart-map\" data-points=\"0\"|" \
    -e "s|default-src 'none'; style-src 'unsafe-inline'; img-src data:|default-src * 'unsafe-inline'|" \
    "$tmp/report.html" > "$tmp/bad.html"
if python3 scripts/lib/report_browser.py "$tmp/bad.html" --charts "$charts" \
     --screenshot "$tmp/bad.png" >"$tmp/bad.txt" 2>&1; then
  cat "$tmp/bad.txt"; echo "FAIL: the browser check passed a page with a request, an exception and an empty chart"; exit 1
fi
for want in "network request: http://127.0.0.1:9/pixel.png" "uncaught exception" "chart chart-map: no data"; do
  grep -qF "$want" "$tmp/bad.txt" || { cat "$tmp/bad.txt"; echo "FAIL: checker did not report: $want"; exit 1; }
done
echo "   reported: the request, the exception and the empty chart"

echo "-- scale 1: size of the page (< 5 MB) and render time (printed, not asserted)"
"$bin" generate --scale 1 --seed 42 --no-progress --out "$tmp/s1" 2>/dev/null
start=$(date +%s%N)
"$bin" report "$tmp/s1" --out "$shots/report-scale1.html"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
bytes=$(stat -c %s "$shots/report-scale1.html")
echo "   scale 1: $bytes bytes, rendered in $ms ms"
[ "$bytes" -lt 5000000 ] || { echo "FAIL: scale-1 report is $bytes bytes (limit 5 MB)"; exit 1; }
python3 scripts/lib/report_browser.py "$shots/report-scale1.html" --charts "$charts" \
  --screenshot "$shots/report-scale1.png" --min-png-bytes 100000 --max-png-bytes 30000000
echo "== report: ok =="
