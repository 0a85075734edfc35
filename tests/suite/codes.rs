//! Every kind of problem comes with its stable code: one small broken site
//! per code, built (or checked), and the code looked for in the report.
//! The codes and what they mean are listed in the staff guide
//! (docs/panduan-format.md, "Daftar kode masalah"), kept equal to
//! src/codes.rs by a unit test there.

use crate::common::*;

const HEAD: &str = "---\nname: Uji\ncategory: kuliner\ndistrict: Bekasi Timur\n";

/// An umkm entry with `more` fields.
fn entry(more: &str) -> String {
    format!("{HEAD}{more}---\n")
}

/// Builds (or checks) the minimal fixture with `files` written over it and
/// asserts that the report has `code`.
#[track_caller]
fn gives(code: &str, command: &str, files: &[(&str, &str)]) {
    let site = Site::fixture("minimal");
    for (rel, text) in files {
        site.write(rel, text);
    }
    let run = site.run(command, &[]);
    assert!(
        run.codes().contains(&code),
        "expected {code}, got {:?}:\n{}",
        run.codes(),
        run.stderr_raw
    );
}

#[test]
fn problems_in_files_and_their_syntax_have_their_codes() {
    let site = Site::fixture("minimal");
    site.write_bytes("content/umkm/latin1.md", b"---\nname: Caf\xe9\n---\n");
    assert!(site.build(&[]).codes().contains(&"E0101"));

    let site = Site::fixture("minimal");
    site.write("content/umkm/besar.md", "");
    std::fs::File::options()
        .write(true)
        .open(site.root().join("content/umkm/besar.md"))
        .unwrap()
        .set_len(2 << 20)
        .unwrap();
    assert!(site.build(&[]).codes().contains(&"E0102"));

    let site = Site::fixture("minimal");
    std::os::unix::fs::symlink("/etc/hostname", site.root().join("content/umkm/luar.md")).unwrap();
    assert!(site.build(&[]).codes().contains(&"E0103"));

    gives(
        "E0104",
        "build",
        &[("content/umkm/uji.md", "---\nname: [\n---\n")],
    );
    gives(
        "E0105",
        "build",
        &[("content/umkm/uji.md", "---\nname: Uji\n")],
    );
    gives(
        "E0106",
        "build",
        &[("content/umkm/uji.md", &entry("name: Lagi\n"))],
    );
    let deep = format!("{}{}", "[".repeat(300), "]".repeat(300));
    gives(
        "E0107",
        "build",
        &[("content/umkm/uji.md", &entry(&format!("tags: {deep}\n")))],
    );
    gives(
        "E0108",
        "build",
        &[("content/pkl/semua.yaml", "- just a line\n")],
    );
    gives("E0109", "build", &[("content/toko/a.md", &entry(""))]);
    gives(
        "E0110",
        "build",
        &[("content/umkm/dua\nbaris.md", &entry(""))],
    );
    gives(
        "E0111",
        "check",
        &[(
            "content/umkm/uji.md",
            "---\nname: Uji\ncategory: \"<GANTI: kategori>\"\ndistrict: Bekasi Timur\n---\n",
        )],
    );
}

#[test]
fn problems_with_fields_have_their_codes() {
    let cases: &[(&str, &str)] = &[
        ("E0201", "---\nname: Uji\ncategory: kuliner\n---\n"),
        ("E0202", "featured: ya\n"),
        ("E0203", "kecamatan: Bekasi Timur\n"),
        ("E0204", "scale: besar\n"),
        ("E0205", "updated: 2024-02-30\n"),
        ("E0206", "phone: \"12\"\n"),
        ("E0207", "hours: Senin-Jumat 08.00-17.00\n"),
        ("E0208", "geo: { lat: -95, lon: 107 }\n"),
        ("E0209", "email: warung@\n"),
        ("E0210", "nib: \"12345\"\n"),
        ("E0211", "logo: tidak-ada.png\n"),
        ("E0212", "slug: Bukan_Slug\n"),
    ];
    for (code, fields) in cases {
        let text = if fields.starts_with("---") {
            fields.to_string()
        } else {
            entry(fields)
        };
        gives(code, "build", &[("content/umkm/uji.md", &text)]);
    }
}

#[test]
fn problems_across_files_have_their_codes() {
    gives(
        "E0301",
        "build",
        &[(
            "content/umkm/uji.md",
            "---\nname: Uji\ncategory: kulinerr\ndistrict: Bekasi Timur\n---\n",
        )],
    );
    gives(
        "E0302",
        "build",
        &[(
            "content/umkm/uji.md",
            "---\nname: Uji\ncategory: kuliner\ndistrict: Atlantis\n---\n",
        )],
    );
    gives(
        "E0303",
        "build",
        &[("content/umkm/uji.md", &entry("village: Pejuang\n"))],
    );
    gives(
        "E0304",
        "build",
        &[("content/umkm/uji.md", &entry("programs: [tidak-ada]\n"))],
    );
    gives(
        "E0305",
        "build",
        &[(
            "content/acara/uji.md",
            "---\nname: Acara\nstart: 2026-01-01\nparticipants: [umkm/tidak-ada]\n---\n",
        )],
    );
    gives(
        "E0306",
        "build",
        &[("content/umkm/uji.md", &entry("slug: warung-sari\n"))],
    );
    gives(
        "E0307",
        "build",
        &[("content/halaman/umkm.md", "---\ntitle: UMKM\n---\n")],
    );
}

#[test]
fn problems_of_the_site_theme_and_links_have_their_codes() {
    let site = Site::fixture("minimal");
    site.edit("site.yaml", "base_url: https://", "base_url: ftp://");
    assert!(site.build(&[]).codes().contains(&"E0401"));

    gives(
        "E0402",
        "build",
        &[("themes/default/templates/page.html", "{% if %}\n")],
    );

    let site = Site::fixture("minimal");
    site.edit(
        "site.yaml",
        "title: Direktori Minimal",
        "title: Direktori Minimal\nlanguages: [id, jv]",
    );
    assert!(site.build(&[]).codes().contains(&"E0404"));

    let site = Site::fixture("minimal");
    site.edit(
        "site.yaml",
        "title: Direktori Minimal",
        "title: Direktori Minimal\nlanguages: [id, en]",
    );
    site.write(
        "themes/default/i18n/id.yaml",
        "slogan: Belanja di tetangga\n",
    );
    let run = site.build(&[]);
    run.ok();
    assert!(run.codes().contains(&"W0405"), "{}", run.stderr_raw);

    gives("E0406", "build", &[("static/index.html", "<p>lama</p>")]);
    gives(
        "E0407",
        "build",
        &[("themes/default/templates/page.html", "{{ tidak.ada }}\n")],
    );
    gives(
        "E0501",
        "check",
        &[(
            "content/umkm/uji.md",
            &format!("{HEAD}---\n[menu](/menu-lama/)\n"),
        )],
    );
}
