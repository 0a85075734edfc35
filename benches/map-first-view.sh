#!/usr/bin/env bash
# What the map page's first view transfers before any tile, from a host
# that compresses: the page, its stylesheets and scripts (Leaflet's among
# them) and the point list, each as `gzip -9` would send it.
#
#   benches/map-first-view.sh OUTPUT_DIR
#
# OUTPUT_DIR is a built site (`etalase build --root DIR --output OUTPUT_DIR`,
# e.g. of `cargo bench --bench build -- --generate-only 10000 DIR`). The test
# suite checks the sample's figure stays under 100 KB
# (opendata::the_map_pages_first_view_is_under_100_kb_before_tiles).
set -euo pipefail
out=$(realpath "$1")
page="$out/peta/index.html"
[ -f "$page" ] || { echo "$page not found: build the site first" >&2; exit 2; }
gz() { gzip -9 -c "$1" | wc -c; }
total=0
report() { printf '%8d  %s\n' "$2" "$1"; total=$((total + $2)); }
report peta/index.html "$(gz "$page")"
base=$(sed -n 's/.*<link rel="canonical" href="https\?:\/\/[^/]*\(\/[^"]*\)peta\/".*/\1/p' "$page" | head -1)
for url in $(grep -o '\(href\|src\)="[^"]*\.\(css\|js\)[^"]*"' "$page" | sed 's/^[a-z]*="//; s/[?"].*//' | sort -u) /"${base#/}"peta/titik.json; do
  rel=${url#"$base"}; rel=${rel#/}
  report "$rel" "$(gz "$out/$rel")"
done
printf '%8d  bytes in all (%d KiB)\n' "$total" "$((total / 1024))"
