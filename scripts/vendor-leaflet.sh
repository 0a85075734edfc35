#!/usr/bin/env bash
# Vendors Leaflet into the default theme, from its npm package at a pinned
# version, checked against a pinned integrity (sha512) before anything is
# copied. Run from anywhere: scripts/vendor-leaflet.sh
#
# Copied into themes/default/static/assets/leaflet/:
#   leaflet.js   the minified dist build
#   leaflet.css  as published (its url(images/...) rules are for the layers
#                control and L.Icon.Default, neither of which the theme uses:
#                peta.js draws L.circleMarker and L.divIcon markers only, so
#                images/ is deliberately not copied)
#   LICENSE      Leaflet's BSD-2-Clause licence text
#   VERSION      what was vendored, from where, when, and its gzip -9 sizes
#
# To move to another version: change VERSION and INTEGRITY below, taking the
# integrity from `npm view leaflet@NEW dist.integrity`, and read the
# changelog for anything peta.js uses.
set -euo pipefail

PACKAGE=leaflet
VERSION=1.9.4
# `npm view leaflet@1.9.4 dist.integrity`, recorded when this script was written
INTEGRITY='sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=='

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest="$root/themes/default/static/assets/leaflet"

for tool in npm node tar gzip; do
  command -v "$tool" >/dev/null || { echo "vendor-leaflet: '$tool' is needed" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
# --ignore-scripts: packing a registry spec runs nothing, but say so anyway
npm pack "$PACKAGE@$VERSION" --silent --ignore-scripts >pack.out
tarball=$(tail -n 1 pack.out)
[[ -f "$tarball" ]] || { echo "vendor-leaflet: npm pack did not produce a tarball ($tarball)" >&2; exit 1; }

# The integrity of the bytes we got, in npm's form (sha512-<base64>)
actual="sha512-$(node -e '
  var h = require("crypto").createHash("sha512");
  h.update(require("fs").readFileSync(process.argv[1]));
  process.stdout.write(h.digest("base64"));
' "$tarball")"
if [[ "$actual" != "$INTEGRITY" ]]; then
  echo "vendor-leaflet: integrity mismatch for $tarball" >&2
  echo "  expected $INTEGRITY" >&2
  echo "  got      $actual" >&2
  exit 1
fi

mkdir unpacked
tar -xzf "$tarball" -C unpacked
pkg="$tmp/unpacked/package"
got_version=$(node -p 'require(process.argv[1]).version' "$pkg/package.json")
[[ "$got_version" == "$VERSION" ]] || { echo "vendor-leaflet: package.json says $got_version, wanted $VERSION" >&2; exit 1; }
for f in dist/leaflet.js dist/leaflet.css LICENSE; do
  [[ -s "$pkg/$f" ]] || { echo "vendor-leaflet: $f missing from the package" >&2; exit 1; }
done

mkdir -p "$dest"
cp "$pkg/dist/leaflet.js" "$pkg/dist/leaflet.css" "$pkg/LICENSE" "$dest/"
# The files stay byte for byte as published, so they can be checked against
# the package. (leaflet.js ends with a sourceMappingURL comment; the .map is
# not vendored, which costs a 404 only when developer tools are open.)

size() { wc -c <"$1" | tr -d ' '; }
gzsize() { gzip -9 -c "$1" | wc -c | tr -d ' '; }

cat >"$dest/VERSION" <<VERSION_EOF
package: $PACKAGE
version: $VERSION
integrity: $INTEGRITY
vendored: $(date -u +%Y-%m-%d)
source: npm pack $PACKAGE@$VERSION
licence: BSD-2-Clause (LICENSE)
files: dist/leaflet.js, dist/leaflet.css, LICENSE; images/ not copied (unused: no default icons, no layers control)
leaflet.js: $(size "$dest/leaflet.js") bytes, $(gzsize "$dest/leaflet.js") gzip -9
leaflet.css: $(size "$dest/leaflet.css") bytes, $(gzsize "$dest/leaflet.css") gzip -9
VERSION_EOF

echo "vendor-leaflet: $PACKAGE@$VERSION -> ${dest#"$root"/}"
cat "$dest/VERSION"
