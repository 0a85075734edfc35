//! `etalase new`: one new file per kind, with the schema's fields and the
//! site's choices; placeholders that `check` refuses until they are
//! replaced; no overwrite, no slug that another item already has.

use crate::common::*;

const KINDS: [&str; 6] = ["umkm", "koperasi", "pkl", "program", "acara", "halaman"];

fn new(site: &Site, kind: &str, name: &str) -> Run {
    site.run("new", &[kind, name])
}

fn read(site: &Site, rel: &str) -> String {
    std::fs::read_to_string(site.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The site's first category slug and first kecamatan, from its site.yaml.
fn first_choices(site: &Site) -> (String, String) {
    let yaml: serde_yaml::Value = serde_yaml::from_str(&read(site, "site.yaml")).unwrap();
    (
        yaml["categories"][0]["slug"].as_str().unwrap().to_string(),
        yaml["districts"][0]["name"].as_str().unwrap().to_string(),
    )
}

/// The file with each placeholder replaced by a valid value, as staff
/// would: the category and kecamatan from site.yaml, a date, a body.
fn filled(text: &str, category: &str, district: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = if !line.contains("<GANTI") {
            line.to_string()
        } else if line.starts_with("category:") {
            format!("category: {category}")
        } else if line.starts_with("district:") {
            format!("district: {district}")
        } else if line.starts_with("start:") {
            "start: 2026-08-17T09:00".to_string()
        } else if line.starts_with("<GANTI") {
            "Deskripsi yang ditulis petugas.".to_string()
        } else {
            panic!("a placeholder this test does not know how to fill: {line}");
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The 1-based lines of `text` that hold a placeholder, and the column of
/// the first one.
fn placeholder_lines(text: &str) -> (Vec<usize>, usize) {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("<GANTI"))
        .map(|(i, _)| i + 1)
        .collect();
    let first = text.lines().nth(lines[0] - 1).unwrap();
    (lines, first.find("<GANTI").unwrap() + 1)
}

#[test]
fn writes_each_kind_to_its_folder_named_by_its_slug() {
    let site = Site::fixture("minimal");
    for kind in KINDS {
        let rel = format!("content/{kind}/warung-bu-sri-n.md");
        let run = new(&site, kind, "  Warung Bu Sri Ñ 🍜 ");
        run.ok();
        let path = site.root().join(&rel);
        assert!(
            run.stdout.contains(&format!("Written: {}", path.display())),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("etalase check --root "),
            "{}",
            run.stdout
        );
        let text = read(&site, &rel);
        assert!(text.starts_with("---\n"), "{text}");
        let key = if kind == "halaman" { "title" } else { "name" };
        assert!(
            text.contains(&format!("\n{key}: \"Warung Bu Sri Ñ 🍜\"")),
            "{text}"
        );
    }
    // One file each, nothing else.
    let files = list_files(&site.root().join("content"));
    let written: Vec<&String> = files
        .iter()
        .filter(|f| f.contains("warung-bu-sri"))
        .collect();
    assert_eq!(written.len(), KINDS.len(), "{files:?}");
}

#[test]
fn check_fails_on_the_placeholders_and_passes_once_they_are_filled() {
    for kind in KINDS {
        let site = Site::fixture("minimal");
        let (category, district) = first_choices(&site);
        new(&site, kind, "Usaha Baru Sekali").ok();
        let rel = format!("content/{kind}/usaha-baru-sekali.md");
        let text = read(&site, &rel);

        let (lines, column) = placeholder_lines(&text);
        let also = match &lines[1..] {
            [] => String::new(),
            [one] => format!(" (also on line {one})"),
            more => format!(
                " (also on lines {})",
                more.iter()
                    .map(|l| l.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let first = text.lines().nth(lines[0] - 1).unwrap();
        let shown = &first[column - 1..];
        let shown = &shown[..=shown.find('>').unwrap()];
        let shown = if shown.chars().count() > 60 {
            format!("{}…", shown.chars().take(60).collect::<String>())
        } else {
            shown.to_string()
        };
        let checked = site.check(&[]);
        checked.fails().exactly(&[&format!(
            "{rel}:{}:{column}: the placeholder \"{shown}\" has not been replaced{also}: write the real value in its place, or delete its line if the field is optional; this file is not published until every GANTI placeholder is replaced",
            lines[0]
        )]);
        assert!(checked.codes().contains(&"E0111"), "{}", checked.stderr_raw);
        // A build publishes nothing of it either.
        site.build(&[]).fails();

        site.write(&rel, &filled(&text, &category, &district));
        let run = site.check(&[]);
        run.ok();
        assert!(run.stderr.is_empty(), "{kind}: {}", run.stderr);
    }
}

#[test]
fn the_new_file_offers_the_schemas_fields_and_the_sites_choices() {
    let site = Site::fixture("minimal");
    new(&site, "koperasi", "Koperasi Maju Jaya").ok();
    let text = read(&site, "content/koperasi/koperasi-maju-jaya.md");
    assert!(
        text.contains("category: \"<GANTI: slug kategori dari `site.yaml`>\"\n#   pilihan: kuliner, kerajinan\n"),
        "{text}"
    );
    assert!(
        text.contains("district: \"<GANTI: kecamatan (nama atau alias)>\"\n#   pilihan: Bekasi Timur, Medansatria\n"),
        "{text}"
    );
    // Optional fields, commented out with the schema's example and meaning;
    // the cooperative's own among them, the street vendor's not.
    for line in [
        "# village: \"Bekasijaya\"",
        "# phone: \"0812-3456-7001\"",
        "# members: 412",
        "# programs: [opop]",
        "#   pilihan: opop",
        "#   - name: Keripik Tempe Original",
    ] {
        assert!(text.contains(line), "{line}:\n{text}");
    }
    assert!(text.contains("# nomor telepon\n"), "{text}");
    assert!(!text.contains("stall"), "{text}");

    // Every optional line, uncommented, is a valid field, and the
    // products' lines a valid product; the published page shows them.
    let (category, district) = first_choices(&site);
    let mut all = String::new();
    let mut in_products = false;
    for line in filled(&text, &category, &district).lines() {
        let uncommented = line.strip_prefix("# ").unwrap_or(line);
        let (key, value) = uncommented.split_once(':').unwrap_or(("", ""));
        let field = key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') && !key.is_empty();
        let item = in_products && (key.starts_with("  - ") || key.starts_with("    "));
        in_products = (in_products && item) || (field && key == "products");
        // Not a field whose example is in the guide (`# hours:  # ...`),
        // nor pictures the fixture lacks, nor the draft switch.
        let keep = line.starts_with("# ")
            && (field || item)
            && (!value.trim_start().starts_with('#') || key == "products")
            && !["logo", "images", "draft", "    image"].contains(&key);
        all.push_str(if keep { uncommented } else { line });
        all.push('\n');
    }
    assert!(all.contains("\nproducts:"), "{all}");
    assert!(all.contains("\n  - name: Keripik Tempe Original"), "{all}");
    assert!(all.contains("\nmembers: 412"), "{all}");
    site.write("content/koperasi/koperasi-maju-jaya.md", &all);
    let run = site.build(&[]);
    run.ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let page = site.read("koperasi/koperasi-maju-jaya/index.html");
    assert!(page.contains("Keripik Tempe Original"), "{page}");
    site.check(&[]).ok();
}

#[test]
fn refuses_to_overwrite_a_file() {
    let site = Site::fixture("minimal");
    let before = read(&site, "content/umkm/warung-sari.md");
    let run = new(&site, "umkm", "Warung Sari");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: content/umkm/warung-sari.md already exists; `etalase new` does not overwrite a file: edit that file, or use another name\n"
    );
    assert_eq!(read(&site, "content/umkm/warung-sari.md"), before);

    // Its own file too, the second time.
    new(&site, "acara", "Pameran Kriya").ok();
    site.edit("content/acara/pameran-kriya.md", "<GANTI", "GANTI");
    let edited = read(&site, "content/acara/pameran-kriya.md");
    let again = new(&site, "acara", "Pameran Kriya");
    assert_eq!(again.code, 2);
    assert_eq!(read(&site, "content/acara/pameran-kriya.md"), edited);

    let id = site.run("new", &["umkm", "Warung Sari", "--lang", "id"]);
    assert_eq!(
        id.stderr,
        "kesalahan: content/umkm/warung-sari.md sudah ada; `etalase new` tidak menimpa berkas: ubah berkas itu, atau pakai nama lain\n"
    );
}

#[test]
fn refuses_a_slug_another_item_of_the_kind_has() {
    let site = Site::fixture("minimal");
    // In a list file, at its item's line.
    site.write(
        "content/pkl/semua.yaml",
        "# Semua pedagang.\n- name: Bakso Pak Kumis\n  category: kuliner\n  district: Medansatria\n- name: Es Cendol Bu Tini\n  category: kuliner\n  district: Bekasi Timur\n",
    );
    let run = new(&site, "pkl", "Es Cendol Bu Tini");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "error: the address `es-cendol-bu-tini` is already taken by another street vendor, in content/pkl/semua.yaml:5; use another name (with its kelurahan, for example), or edit that file\n"
    );
    // In another folder, and through a `slug` field.
    site.write(
        "content/umkm/medansatria/toko-lain.md",
        "---\nname: Toko Lain\nslug: toko-kue-ani\ncategory: kuliner\ndistrict: Medansatria\n---\n",
    );
    let run = new(&site, "umkm", "Toko Kue Ani");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "already taken by another UMKM entry, in content/umkm/medansatria/toko-lain.md:3;"
        ),
        "{}",
        run.stderr
    );
    // A file with problems keeps its name's slug.
    site.write("content/program/lama/rusak.md", "---\nname: [\n---\n");
    let run = new(&site, "program", "Rusak");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("in content/program/lama/rusak.md;"),
        "{}",
        run.stderr
    );
    // The same slug in another kind is another address.
    new(&site, "koperasi", "Es Cendol Bu Tini").ok();
    assert!(!site
        .root()
        .join("content/pkl/es-cendol-bu-tini.md")
        .exists());
}

#[test]
fn refuses_names_without_an_address_or_with_the_sites_own() {
    let site = Site::fixture("minimal");
    let before = list_files(site.root());
    for (kind, name, error) in [
        ("umkm", "🍜 !!", "error: the name \"🍜 !!\" gives no address or file name: use letters or digits"),
        ("umkm", "", "error: the name \"\" gives no address or file name: use letters or digits"),
        ("pkl", "Halaman", "error: the address `halaman` is reserved for listing pages (…/halaman/2/); use another name"),
        ("halaman", "Kategori", "error: the address /kategori/ is used by the site itself; use another title"),
    ] {
        let run = new(&site, kind, name);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert_eq!(run.stderr, format!("{error}\n"));
    }
    assert_eq!(list_files(site.root()), before);
}

#[test]
fn refuses_a_folder_that_is_not_a_site_and_an_unknown_kind() {
    let empty = Site::empty();
    let run = new(&empty, "umkm", "Warung");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not an Etalase site"),
        "{}",
        run.stderr
    );
    assert!(list_files(empty.root()).is_empty());

    let site = Site::fixture("minimal");
    let run = new(&site, "toko", "Warung");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("invalid value 'toko' for '<KIND>'"),
        "{}",
        run.stderr
    );
    let run = site.run("new", &["umkm"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("<NAME>"), "{}", run.stderr);
}

#[test]
fn tells_what_it_wrote_and_what_comes_next_in_indonesian() {
    let site = Site::fixture("minimal");
    let mut cmd = etalase();
    cmd.current_dir(site.root())
        .args(["new", "umkm", "Warung Bu Sri", "--lang", "id"]);
    let run = Run::from(cmd.output().unwrap());
    run.ok();
    let text = read(&site, "content/umkm/warung-bu-sri.md");
    let (lines, _) = placeholder_lines(&text);
    let [a, b, c] = lines[..] else {
        panic!("{lines:?}")
    };
    assert_eq!(
        run.stdout,
        format!("Ditulis: content/umkm/warung-bu-sri.md\nLangkah berikutnya: buka berkas itu, ganti isian GANTI di baris {a}, {b} dan {c} dengan isi yang sebenarnya (dan isi kolom lain yang perlu dari contoh bertanda #), lalu jalankan `etalase check`, atau `etalase serve` untuk melihatnya di peramban.\n")
    );
}
