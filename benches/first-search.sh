#!/usr/bin/env bash
# What a first search transfers from a host that compresses.
#
#   benches/first-search.sh SITE_DIR [QUERY]      (QUERY defaults to keripik)
#
# Builds SITE_DIR (a site folder, e.g. one made by
# `cargo bench --bench build -- --generate-only 10000 DIR`) with the release
# binary for a local address, serves the output with python3's http.server,
# opens /cari/?q=QUERY in headless Chromium at a phone's size, and sums what
# the server sent, every file as `gzip -6` would send it. Needs python3 and
# chromium (apt-get install chromium).
set -euo pipefail
site=$(realpath "$1"); query=${2:-keripik}
here=$(cd "$(dirname "$0")/.." && pwd)
command -v chromium >/dev/null || { echo "install chromium first: apt-get install -y chromium" >&2; exit 2; }
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
"$here/target/release/etalase" build --root "$site" --output "$work/out" \
  --base-url "http://127.0.0.1:$port/" >/dev/null
(cd "$work/out" && exec python3 -m http.server "$port" --bind 127.0.0.1) >"$work/log" 2>&1 &
server=$!
sleep 1
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
  --window-size=360,740 --virtual-time-budget=20000 --dump-dom \
  "http://127.0.0.1:$port/cari/?q=$query" >/dev/null 2>&1
cd "$work/out"
total=0
while read -r path; do
  f=".${path%%\?*}"; [ -d "$f" ] && f="$f/index.html"
  n=$(gzip -6 -c "$f" | wc -c)
  printf '%8d  %s\n' "$n" "${path%%\?*}"
  total=$((total + n))
done < <(grep -o '"GET [^ ]*' "$work/log" | cut -c6-)
printf '%8d  bytes in all, for a first search for "%s"\n' "$total" "$query"
