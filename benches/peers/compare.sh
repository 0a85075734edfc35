#!/usr/bin/env bash
# Etalase against Hugo on the same generated directory, in one run, runs
# alternating so that both meet the same machine:
#
#   bash benches/peers/compare.sh [N] [RUNS]     (N = 10000 entries, RUNS = 3)
#
# The site comes from the build benchmark's generator (benches/build.rs);
# benches/peers/to_hugo.py turns it into a Hugo site with the same entries
# and pages. Needs hugo (apt-get install hugo) and python3 with PyYAML
# (apt-get install python3-yaml); prints which is missing. Work folder:
# $ETALASE_PEERS_DIR, default $TMPDIR/etalase-peers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
N=${1:-10000}
RUNS=${2:-3}
W=${ETALASE_PEERS_DIR:-${TMPDIR:-/tmp}/etalase-peers}/$N
command -v hugo >/dev/null || { echo "hugo is not installed: apt-get install hugo" >&2; exit 2; }
python3 -c 'import yaml' 2>/dev/null || { echo "PyYAML is not installed: apt-get install python3-yaml" >&2; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/etalase
if [ ! -f "$W/etalase/site.yaml" ]; then
  mkdir -p "$W"
  cargo bench --quiet --bench build -- --generate-only "$N" "$W/etalase"
  python3 benches/peers/to_hugo.py "$W/etalase" "$W/hugo"
fi
echo "Etalase $("$bin" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f2), $N entries, $RUNS runs each"
# One timed run: wall seconds, user seconds, peak resident KB.
measure() {
  sync
  /usr/bin/time -f '%e %U %M' -o "$W/time" "$@" >/dev/null 2>&1
  cat "$W/time"
}
: >"$W/etalase.times"
: >"$W/hugo.times"
for _ in $(seq "$RUNS"); do
  measure "$bin" build --root "$W/etalase" --output "$W/etalase-out" --force >>"$W/etalase.times"
  rm -rf "$W/hugo/public"
  measure sh -c "cd '$W/hugo' && exec hugo --quiet" >>"$W/hugo.times"
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-8s %10s %10s %12s %8s\n' tool "wall (med)" "user (med)" "peak (med)" files
for tool in etalase hugo; do
  out=$W/etalase-out
  [ "$tool" = hugo ] && out=$W/hugo/public
  printf '%-8s %9ss %9ss %9s MB %8s\n' "$tool" \
    "$(cut -d' ' -f1 "$W/$tool.times" | median)" \
    "$(cut -d' ' -f2 "$W/$tool.times" | median)" \
    "$(( $(cut -d' ' -f3 "$W/$tool.times" | median) / 1024 ))" \
    "$(find "$out" -type f | wc -l)"
done
