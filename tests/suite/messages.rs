//! The report's language: Bahasa Indonesia by default, English with
//! `--lang en` or an English locale; and the messages a new clerk meets
//! first, in Indonesian, as they must read.

use crate::common::*;

/// A site with one broken umkm entry, `more` after its required fields.
fn broken(more: &str) -> Site {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/uji.md",
        &format!("---\nname: Uji\ncategory: kuliner\ndistrict: Bekasi Timur\n{more}---\n"),
    );
    site
}

/// Runs `build` with an environment of its own: `vars` set, every locale
/// variable else removed.
fn build_with_locale(site: &Site, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = etalase();
    cmd.env_remove("LANG");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.arg("build").arg("--root").arg(site.root()).args(args);
    Run::from(cmd.output().unwrap())
}

#[test]
fn reports_in_indonesian_by_default_and_in_english_when_asked() {
    let site = broken("kecamatan: Bekasi Timur\n");
    let id = "content/umkm/uji.md:5:1: kolom `kecamatan` tidak dikenal: maksud Anda `district`?";
    let en = "content/umkm/uji.md:5:1: unknown field `kecamatan`: did you mean `district`?";
    let run = build_with_locale(&site, &[], &[]);
    run.fails()
        .has_line(id)
        .has_line("kesalahan: 1 masalah ditemukan; tidak ada yang ditulis");
    build_with_locale(&site, &[("LANG", "id_ID.UTF-8")], &[])
        .fails()
        .has_line(id);
    build_with_locale(&site, &[("LANG", "en_US.UTF-8")], &[])
        .fails()
        .exactly(&[en]);
    build_with_locale(&site, &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "id_ID")], &[])
        .fails()
        .has_line(en);
    build_with_locale(&site, &[("LANG", "en_US.UTF-8")], &["--lang", "id"])
        .fails()
        .has_line(id);
    build_with_locale(&site, &[], &["--lang", "en"])
        .fails()
        .has_line(en);
}

#[test]
fn the_summary_and_usage_errors_speak_the_language_too() {
    let site = Site::fixture("minimal");
    let run = site.build(&["--lang", "id"]);
    run.ok();
    assert!(run.stdout.starts_with("Selesai: "), "{}", run.stdout);
    let empty = Site::empty();
    let run = empty.build(&["--lang", "id"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("kesalahan: ") && run.stderr.contains("bukan situs Etalase"),
        "{}",
        run.stderr
    );
    let json = broken("kecamatan: Bekasi Timur\n").check(&["--lang", "id", "--format", "json"]);
    json.fails();
    assert!(
        json.stderr
            .contains("\"message\":\"kolom `kecamatan` tidak dikenal: maksud Anda `district`?\""),
        "{}",
        json.stderr
    );
}

/// The mistakes a new clerk makes first, with the Indonesian message each
/// gets: each says what to write, in the staff's words.
#[test]
fn a_new_clerk_is_told_what_to_write_in_indonesian() {
    let cases: &[(&str, &str)] = &[
        ("alamat: Jl. Uji 1\n", "content/umkm/uji.md:5:1: kolom `alamat` tidak dikenal: maksud Anda `address`?"),
        ("telepon: \"0812-3456-7001\"\n", "content/umkm/uji.md:5:1: kolom `telepon` tidak dikenal: maksud Anda `phone`?"),
        ("jam_buka: 08.00-17.00\n", "content/umkm/uji.md:5:1: kolom `jam_buka` tidak dikenal: maksud Anda `hours`?"),
        ("produk: [Nasi Uduk]\n", "content/umkm/uji.md:5:1: kolom `produk` tidak dikenal: maksud Anda `products`?"),
        ("geo: { lat: \"-6,2337\", lon: 107.0212 }\n", "content/umkm/uji.md:5:13: `lat` ditulis dengan koma desimal: tulis -6.2337 dengan titik"),
        ("hours: Senin-Jumat 08.00-17.00\n", "content/umkm/uji.md:5:8: tulis jam buka satu hari per baris di bawah `hours:`, misalnya `senin: \"08:00-17:00\"` dan `minggu: tutup` masing-masing di barisnya sendiri; tertulis \"Senin-Jumat 08.00-17.00\""),
        ("instagram: @warungku\n", "content/umkm/uji.md:5:12: nilai tidak boleh diawali `@` kecuali diberi tanda kutip, misalnya \"@warungbusri\""),
        ("featured: ya\n", "content/umkm/uji.md:5:11: `featured` harus `true` atau `false`, tertulis \"ya\""),
        ("village: Pejuang\n", "content/umkm/uji.md:5:10: \"Pejuang\" bukan kelurahan di Bekasi Timur"),
        ("products:\n  - { nama: Nasi Uduk, harga: 12000 }\n", "content/umkm/uji.md:6:7: kolom `nama` tidak dikenal: maksud Anda `name`?"),
    ];
    for (fields, line) in cases {
        let run = broken(fields).build(&["--lang", "id"]);
        run.fails().has_line(line);
    }
    // A Tab, at its line.
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/uji.md",
        "---\nname: Uji\ncategory: kuliner\n\tdistrict: Bekasi Timur\n---\n",
    );
    site.build(&["--lang", "id"]).fails().has_line(
        "content/umkm/uji.md:4:1: baris ini menjorok dengan tombol Tab: menjoroklah dengan spasi saja",
    );
}
