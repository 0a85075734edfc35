#!/usr/bin/env bash
# How long `etalase import` takes for a sheet of N rows (default 10,000).
#
#   benches/import.sh [N]
#
# Writes a CSV as an office's export looks (semicolons, a BOM, phones that
# lost their 0, "Rp" prices, coordinates, a NIK and an owner's name) into a
# copy of the sample site, then times the import, a re-import of the same
# sheet (every row matched, reported unchanged), `etalase check` of the result, and the
# round trip an office makes: a build, then an import of the site's own
# data/umkm.csv (every row matched by its slug, no file changed), with the
# release binary. Needs python3.
set -euo pipefail
n=${1:-10000}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cargo build --release --quiet --manifest-path "$here/Cargo.toml"
bin="$here/target/release/etalase"
cp -r "$here/site.yaml" "$here/content" "$here/pribadi" "$work/"
python3 - "$n" "$work/umkm.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
random.seed(7)
cats = ["Kuliner", "Makanan Ringan", "Fesyen", "Kerajinan Tangan", "Jasa", "Minuman"]
kec = ["Bekasi Timur", "Bks Barat", "Medan Satria", "Kec. Rawalumbu", "Jatiasih", "Pondokgede"]
rows = ["No;Nama Usaha;Jenis Usaha;Kecamatan;Alamat;No. HP;NIB;Produk;Harga;Tahun Berdiri;Skala Usaha;Koordinat;NIK;Nama Pemilik"]
for i in range(n):
    rows.append(f"{i+1};Usaha Contoh {i:06d};{random.choice(cats)};{random.choice(kec)};Jl. Contoh No. {i};"
                f"81{random.randint(10**8, 10**9 - 1)};{9120300000000 + i};\"Produk A\nProduk B\";"
                f"Rp {random.randint(5, 200)}.000;{random.randint(1990, 2025)};mikro;"
                f"-6.2{random.randint(0, 999):03d}, 107.0{random.randint(0, 999):03d};"
                f"3275{random.randint(10**11, 10**12 - 1)};Pemilik {i}")
open(path, "w", encoding="utf-8-sig").write("\r\n".join(rows) + "\r\n")
PY
t() { /usr/bin/time -f "  %e s wall, %U s user, %M KB peak" "$@" >/dev/null; }
echo "import of $n rows:"; t "$bin" import "$work/umkm.csv" --kind umkm --root "$work"
echo "re-import (every row matched, unchanged):"; t "$bin" import "$work/umkm.csv" --kind umkm --root "$work"
echo "check of the imported site:"; t "$bin" check --root "$work"
echo "build of the imported site:"; t "$bin" build --root "$work" --output "$work/public" --force
cp "$work/public/data/umkm.csv" "$work/ekspor.csv"
echo "import of its own export (every row matched, nothing to change):"
t "$bin" import "$work/ekspor.csv" --kind umkm --root "$work"
