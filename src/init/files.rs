//! The files of a new site, as text: written in Bahasa Indonesia, for the
//! office staff who will edit them.

use crate::places::region::{Regency, SOURCE};
use std::fmt::Write;

/// Categories to start from: the office edits the list to its own.
const CATEGORIES: &[(&str, &str)] = &[
    ("kuliner", "Kuliner"),
    ("makanan-ringan", "Makanan Ringan dan Oleh-oleh"),
    ("fesyen", "Fesyen dan Konveksi"),
    ("kerajinan", "Kerajinan"),
    ("pertanian", "Pertanian dan Peternakan"),
    ("perikanan", "Perikanan"),
    ("jasa", "Jasa"),
    ("perdagangan", "Perdagangan"),
    ("kesehatan-kecantikan", "Kesehatan dan Kecantikan"),
    ("simpan-pinjam", "Simpan Pinjam"),
];

/// Every file of the new site: (path in the site, text).
pub(super) fn site(r: &Regency) -> Vec<(String, String)> {
    vec![
        ("site.yaml".into(), site_yaml(r)),
        ("content/halaman/tentang.md".into(), about(r)),
        ("content/umkm/contoh-umkm.md".into(), umkm(r)),
        ("content/koperasi/contoh-koperasi.yaml".into(), koperasi(r)),
        ("content/pkl/pedagang-kaki-lima.yaml".into(), pkl(r)),
        ("content/program/contoh-program.md".into(), program()),
        ("content/acara/contoh-acara.md".into(), acara()),
        ("README.md".into(), readme(r)),
        (".github/workflows/situs.yml".into(), workflow()),
        (".gitignore".into(), GITIGNORE.into()),
    ]
}

/// What stays out of the site's repository: GitHub Pages is free only for
/// public repositories, so the office's workbooks, import reports and the
/// personal data import keeps aside must never be added to it.
const GITIGNORE: &str = "\
# Dibuat oleh `etalase init`. Berkas di bawah ini TIDAK ikut ke repositori
# (repositori GitHub Pages gratis hanya bila publik):
#
# data pribadi pemilik usaha yang disimpan `etalase import` (NIK, nama
# pemilik, alamat rumah, omzet: UU No. 27/2022 tentang Pelindungan Data
# Pribadi). Simpan salinannya di tempat aman kantor.
/pribadi/
# lembar kerja kantor dan laporan impornya
*.xlsx
*.xls
*.ods
*.csv
!/static/**/*.csv
# situs yang dibangun, dan tembolok gambar (ukuran foto yang sudah dibuat;
# dibuat ulang bila hilang)
/public/
/.etalase-cache/
";

/// A YAML double-quoted string: a JSON string literal is one.
fn q(s: &str) -> String {
    crate::text::json_string(s)
}

fn site_yaml(r: &Regency) -> String {
    let tz = r.timezone();
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Situs Etalase untuk {}, {}, dibuat oleh `etalase init`.",
        r.name, r.province
    );
    let _ = writeln!(
        y,
        "# Kecamatan dan kelurahan/desa: {SOURCE}.\n# Panduan lengkap: docs/panduan-format.md di proyek Etalase.\n"
    );
    let _ = writeln!(y, "title: {}", q(&format!("Direktori UMKM {}", r.name)));
    let _ = writeln!(
        y,
        "description: {}",
        q(&format!(
            "Usaha mikro, kecil dan menengah, koperasi, dan pedagang kaki lima di {}.",
            r.name
        ))
    );
    let _ = writeln!(
        y,
        "# Ganti dengan alamat situs yang sebenarnya; lihat README.md, bagian \"Menerbitkan\"."
    );
    let _ = writeln!(y, "base_url: https://umkm.example.go.id/");
    let _ = writeln!(y, "timezone: {}                    # {}", tz.name, tz.abbr);
    let _ = writeln!(y, "language: id\npaginate: 24\n");
    let _ = writeln!(
        y,
        "# Daftar awal kategori: ubah, hapus atau tambah sesuai kebutuhan kantor.\ncategories:"
    );
    for (slug, name) in CATEGORIES {
        let _ = writeln!(y, "  - {{ slug: {slug}, name: {} }}", q(name));
    }
    let _ = writeln!(
        y,
        "\n# {} kecamatan dengan kode Kemendagri dan kelurahan/desanya.\n# Ejaan lain yang dipakai warga boleh ditambahkan sebagai aliases: [...].\ndistricts:",
        r.districts.len()
    );
    for d in &r.districts {
        let _ = writeln!(y, "  - name: {}", q(d.name));
        let _ = writeln!(y, "    code: {}", q(d.code));
        let _ = writeln!(y, "    villages:");
        for (v, code) in d.villages.iter().zip(&d.village_codes) {
            match code.as_str() {
                "" => writeln!(y, "      - {}", q(v)),
                code => writeln!(y, "      - {{ name: {}, code: {} }}", q(v), q(code)),
            }
            .ok();
        }
    }
    y
}

fn first_place<'a>(r: &'a Regency) -> (&'a str, Option<&'a str>) {
    let d = &r.districts[0];
    (d.name, d.villages.first().copied())
}

fn place_lines(r: &Regency, indent: &str) -> String {
    let (district, village) = first_place(r);
    let mut s = format!("{indent}district: {}\n", q(district));
    if let Some(v) = village {
        let _ = writeln!(s, "{indent}village: {}", q(v));
    }
    s
}

fn about(r: &Regency) -> String {
    format!(
        "---\ntitle: Tentang Direktori Ini\n---\n\
         Direktori ini memuat usaha mikro, kecil dan menengah (UMKM), koperasi, dan\n\
         pedagang kaki lima (PKL) di {name}, beserta program pembinaan dan acara\n\
         yang diikuti mereka.\n\n\
         Data dikelola oleh dinas yang membidangi koperasi dan UMKM. Untuk menambah\n\
         atau memperbaiki data usaha Anda, hubungi kantor kami.\n",
        name = r.name
    )
}

fn umkm(r: &Regency) -> String {
    format!(
        "---\n\
         # Contoh entri UMKM: salin berkas ini untuk usaha baru, lalu hapus contoh ini.\n\
         name: Contoh Usaha Keripik\n\
         category: makanan-ringan\n\
         {place}\
         address: \"Jl. Contoh No. 1\"\n\
         whatsapp: \"0812-0000-0000\"\n\
         hours:\n  senin: \"08:00-16:00\"\n  sabtu: \"08:00-12:00\"\n\
         scale: mikro\n\
         products:\n  - {{ name: Keripik Singkong, price: 15000, unit: bungkus 200 g, halal: true }}\n\
         tags: [oleh-oleh, camilan]\n\
         ---\n\
         Tulis di sini apa yang dibuat dan dijual usaha ini, sejak kapan, dan cara\n\
         memesannya. Teks ini tampil di halaman usaha.\n",
        place = place_lines(r, "")
    )
}

fn koperasi(r: &Regency) -> String {
    format!(
        "# Contoh entri koperasi: salin berkas ini untuk koperasi baru, lalu hapus contoh ini.\n\
         name: Koperasi Contoh Sejahtera\n\
         category: simpan-pinjam\n\
         {place}\
         whatsapp: \"0812-0000-0000\"\n\
         description: Koperasi simpan pinjam untuk warga dan pelaku usaha sekitar.\n",
        place = place_lines(r, "")
    )
}

fn pkl(r: &Regency) -> String {
    format!(
        "# Pedagang kaki lima: satu daftar, satu butir per pedagang.\n\
         # Tambahkan pedagang baru di bawah contoh ini, lalu hapus contohnya.\n\
         - name: Contoh Bakso Gerobak\n  \
           category: kuliner\n\
         {place}  \
           stall: gerobak\n",
        place = place_lines(r, "  ")
    )
}

fn program() -> String {
    "---\n\
     # Contoh program pembinaan. Usaha ikut program ini dengan `programs: [contoh-program]`.\n\
     name: Contoh Program Pendampingan\n\
     ---\n\
     Tulis di sini tujuan program, siapa yang boleh ikut, dan cara mendaftar.\n"
        .into()
}

fn acara() -> String {
    "---\n\
     # Contoh acara. Ganti tanggalnya; peserta ditulis sebagai participants: [umkm/contoh-umkm].\n\
     name: Contoh Bazaar UMKM\n\
     start: 2027-03-01\n\
     participants: [umkm/contoh-umkm]\n\
     ---\n\
     Tulis di sini tempat, waktu dan cara mendaftar sebagai peserta.\n"
        .into()
}

fn readme(r: &Regency) -> String {
    format!(
        r#"# Direktori UMKM {name}

Situs direktori usaha, koperasi dan pedagang kaki lima {name}, dibuat
dengan Etalase.

## Bekerja sehari-hari

    etalase check     # memeriksa semua berkas; setiap kesalahan disebut berkas dan barisnya
    etalase build     # membuat situs di folder public/

Entri ada di `content/` (`umkm/`, `koperasi/`, `pkl/`, `program/`,
`acara/`, `halaman/`); pengaturan situs di `site.yaml`. Folder `public/`
adalah hasil: jangan diubah dengan tangan, dan jangan dimasukkan ke git.

## Menerbitkan

`base_url` di `site.yaml` harus alamat tempat situs dibuka orang, diakhiri
`/`. Pilih satu cara:

- **GitHub Pages.** Simpan folder ini sebagai repositori GitHub. Di
  *Settings → Pages*, pilih *Source: GitHub Actions*. Alur kerja
  `.github/workflows/situs.yml` memeriksa setiap *pull request* dan
  menerbitkan setiap perubahan di cabang `main`; alamatnya
  `https://NAMA.github.io/REPO/` (sub-folder tidak apa-apa), dan alur
  kerja memakainya sendiri sebagai `base_url`. Alur kerja memasang
  Etalase versi `ETALASE_VERSION` (versi yang membuat situs ini) dari
  repositori `ETALASE_GIT`, keduanya di bagian atas berkasnya; untuk
  pindah ke versi baru, ganti `ETALASE_VERSION` saja.
- **Netlify.** Jalankan `etalase build --base-url https://NAMA.netlify.app/`
  lalu unggah folder `public/` (seret ke *Netlify Drop*, atau
  `netlify deploy --prod --dir public`). Dengan domain sendiri, pakai
  alamat domain itu.
- **Cloudflare Pages.** Jalankan `etalase build --base-url https://NAMA.pages.dev/`
  lalu `wrangler pages deploy public`. Paket gratis menerima paling banyak
  20.000 berkas per situs: cukup untuk sekitar 10.000 entri.
- **Server web biasa atau object storage** (Apache, nginx, S3, MinIO):
  jalankan `etalase build --base-url https://alamat.anda/` (boleh dengan
  sub-folder, misalnya `https://dinas.go.id/umkm/`) lalu salin isi
  `public/` ke folder yang dilayani di alamat itu.

## Sumber data wilayah

Kecamatan dan kelurahan/desa di `site.yaml`: {source}.
"#,
        name = r.name,
        source = SOURCE
    )
}

/// Where Etalase is installed from in a new site's workflow: the project's
/// repository, one setting (`repository` in Cargo.toml; a fork changes it
/// there), and the version that wrote the site, pinned by its tag.
pub(crate) const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");
pub(crate) const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The GitHub Actions workflow: check every pull request, build and
/// publish the main branch to GitHub Pages, with the pinned Etalase
/// (installed once per version: the cache's key is the version, so
/// raising it takes effect, and a cached binary of another version is
/// replaced).
fn workflow() -> String {
    let install = r#"      - uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/etalase
          key: etalase-${{ runner.os }}-${{ env.ETALASE_VERSION }}
      - name: Pasang Etalase ${{ env.ETALASE_VERSION }}
        run: |
          if ! etalase --version 2>/dev/null | grep -qx "etalase $ETALASE_VERSION"; then
            cargo install --locked --force --git "$ETALASE_GIT" --tag "v$ETALASE_VERSION" etalase
          fi
          etalase --version"#;
    format!(
        r#"# Memeriksa setiap pull request, dan menerbitkan cabang main ke GitHub Pages.
# Aktifkan sekali: Settings -> Pages -> Source: GitHub Actions.
name: Situs

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: pages-${{{{ github.ref }}}}
  cancel-in-progress: true

env:
  # Etalase yang dipasang: dari repositori proyeknya, pada versi (tag
  # v{VERSION}) yang membuat situs ini. Untuk memakai versi yang lebih baru,
  # ganti ETALASE_VERSION; Etalase dipasang ulang sekali untuk versi itu.
  ETALASE_GIT: {REPOSITORY}
  ETALASE_VERSION: "{VERSION}"

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
{install}
      - name: Periksa isi situs
        run: etalase check

  publish:
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    needs: check
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - uses: actions/checkout@v4
{install}
      - id: pages
        uses: actions/configure-pages@v5
      # Foto yang sudah dibuat ulang (setiap lebar, WebP dan JPEG) disimpan
      # antar-build: hanya foto yang baru atau berubah yang dibuat lagi.
      - uses: actions/cache@v4
        with:
          path: .etalase-cache
          key: gambar-${{{{ env.ETALASE_VERSION }}}}-${{{{ hashFiles('content/**', 'static/**') }}}}
          restore-keys: gambar-${{{{ env.ETALASE_VERSION }}}}-
      - name: Buat situs
        run: etalase build --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
      - id: deployment
        uses: actions/deploy-pages@v4
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The site.yaml of each of the 514 kota and kabupaten is read by
    /// Etalase without a single problem: names with quotes, slashes and
    /// brackets, and villages that share a name, included.
    #[test]
    fn every_regions_site_yaml_is_valid() {
        let table = crate::places::region::table();
        let codes: Vec<&str> = table
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|c| c.matches('.').count() == 1)
            .collect();
        for code in codes {
            let r = crate::places::region::find(&table, code).unwrap();
            let mut diags = Vec::new();
            let config = crate::config::parse(&site_yaml(&r), &mut diags);
            assert!(diags.is_empty(), "{code}: {:?}", diags.first());
            let config = config.unwrap();
            assert_eq!(config.districts.len(), r.districts.len(), "{code}");
            assert_eq!(config.timezone, r.timezone(), "{code}");
        }
    }

    #[test]
    fn quotes_what_yaml_would_misread() {
        assert_eq!(q("Ujong 'Padang'"), "\"Ujong 'Padang'\"");
        assert_eq!(q("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(q("yes"), "\"yes\"");
    }
}
