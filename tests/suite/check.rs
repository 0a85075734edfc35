//! `etalase check`: every check of build, plus the link check of the
//! rendered pages, with nothing written; text and JSON reports.

use crate::common::*;
use std::fs;

/// Every path in the site folder, where a build would put its output and
/// its temporary folder, to see that nothing was written.
fn names_around(site: &Site) -> Vec<String> {
    walkdir::WalkDir::new(site.root())
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().path().display().to_string())
        .collect()
}

#[test]
fn can_check_a_site_under_a_sub_path_writing_nothing() {
    let site = Site::fixture("full");
    let before = names_around(&site);
    let run = site.check(&[]);
    run.ok();
    assert!(
        run.stdout.starts_with("Checked 10 entries"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(" links, no errors"), "{}", run.stdout);
    assert_eq!(names_around(&site), before, "check wrote something");
}

#[test]
fn can_check_the_sample() {
    Site::sample().check(&[]).ok();
}

#[test]
fn errors_on_a_link_in_a_description_that_leads_nowhere() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/umkm/warung-sari.md",
        "Nasi uduk dan gorengan.",
        "Nasi uduk. [Tentang kami](/tentang/) dan [menu](/menu-lama/).",
    );
    // build does not look at links; check does.
    site.build(&[]).ok();
    site.check(&[]).fails().exactly(&[
        "umkm/warung-sari/index.html: the link `/menu-lama/` leads to no page or file of the site",
    ]);
}

#[test]
fn errors_on_a_root_link_outside_the_sub_path_of_the_site() {
    let site = Site::fixture("full");
    // `/` is the host's root, not the site's (/kota/): a classic mistake.
    site.write(
        "content/halaman/lokasi.md",
        "---\ntitle: Lokasi\n---\n[Beranda](/)\n",
    );
    site.check(&[]).fails().exactly(&[
        "en/lokasi/index.html: the link `/` leads to no page or file of the site (and on 1 more page)",
    ]);
}

#[test]
fn a_broken_link_in_a_shared_template_is_reported_once() {
    let site = Site::fixture("minimal");
    let base = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    let broken = base.replacen(
        "<body",
        "<link rel=\"icon\" href=\"/ikon-hilang.png\"><body",
        1,
    );
    assert_ne!(base, broken);
    site.write("themes/default/templates/base.html", &broken);
    let run = site.check(&[]);
    run.fails();
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("ikon-hilang"))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with(
            "404.html: the link `/ikon-hilang.png` leads to no page or file of the site (and on "
        ),
        "{}",
        lines[0]
    );
}

#[test]
fn json_report_has_one_object_per_problem() {
    let site = Site::fixture("invalid/references");
    let text = site.check(&[]);
    text.fails();
    let json = site.check(&["--format", "json"]);
    json.fails();
    let lines: Vec<&str> = json.stderr.lines().collect();
    assert_eq!(lines.len(), text.problems(), "{}", json.stderr);
    for line in &lines {
        assert!(line.starts_with("{\"path\":\"content/"), "{line}");
        assert!(
            line.contains(",\"severity\":\"error\",\"code\":\"E0"),
            "{line}"
        );
        assert!(line.ends_with("\"}"), "{line}");
    }
    assert!(
        lines.contains(&r#"{"path":"content/umkm/keripik-tempe.md","line":7,"column":5,"severity":"error","code":"E0304","message":"unknown programme `opopp`: did you mean `opop`?"}"#),
        "{}",
        json.stderr
    );
}

#[test]
fn check_exits_2_on_a_folder_that_is_no_site() {
    let site = Site::empty();
    let run = site.check(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("has no site.yaml"), "{}", run.stderr);
}

#[test]
fn theme_static_and_content_problems_come_in_one_run() {
    let site = Site::fixture("minimal");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% if %}\n{% endblock %}\n",
    );
    site.write(
        "themes/default/templates/event.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{{ x | }}\n{% endblock %}\n",
    );
    site.write("static/umkm/index.html", "<p>lama</p>");
    // A file where the site needs a folder: umkm/warung-sari/index.html.
    site.write("static/umkm/warung-sari", "x");
    site.edit(
        "content/umkm/warung-sari.md",
        "category: kuliner",
        "category: kulinerr",
    );
    for command in ["build", "check"] {
        let run = site.run(command, &[]);
        run.fails();
        run.has_line("themes/default/templates/page.html:3:7: template error: Found `%}` but expected one of: integer, float, string, bool, ident, `-`, `not`, `<`, `{`, `[` or `(`")
            .has_line("themes/default/templates/event.html:3:8: template error: Found `}}` but expected identifier.")
            .has_line("static/umkm/index.html: this file would replace a page or picture the site writes; rename or remove it")
            .has_line("static/umkm/warung-sari: this file would replace a page or picture the site writes; rename or remove it")
            .has("content/umkm/warung-sari.md:3:", "kulinerr");
        assert_eq!(run.problems(), 5, "{}", run.stderr);
    }
    assert!(!site.public().exists());
}

#[test]
fn a_broken_base_template_is_reported_once_not_for_every_child() {
    let site = Site::fixture("minimal");
    site.write("themes/default/templates/base.html", "<html>{% if x %}\n");
    let run = site.check(&[]);
    run.fails().exactly(&[
        "themes/default/templates/base.html:2:1: template error: Unexpected end of input",
    ]);
}

#[test]
fn a_ui_string_missing_in_one_language_is_a_warning_that_keeps_exit_0() {
    let site = Site::fixture("full");
    // The site adds a string to Indonesian only; no template prints it.
    site.write(
        "themes/default/i18n/id.yaml",
        "slogan: Belanja di tetangga\n",
    );
    for command in ["build", "check"] {
        let run = site.run(command, &[]);
        run.ok();
        assert!(
            run.stderr.lines().any(|l| l == "(built-in theme) i18n/en.yaml: warning: 1 UI string that the other languages have is missing: `slogan`; pages in this language that print it will fail"),
            "{}",
            run.stderr
        );
    }
    let json = site.check(&["--format", "json"]);
    json.ok();
    assert!(
        json.stderr.contains("\"severity\":\"warning\""),
        "{}",
        json.stderr
    );
}

/// Personal data written inline in an entry is never published, but goes
/// into a repository with content/: check names it. A file of `pribadi/`
/// that names no entry is reported too.
#[test]
fn personal_data_inline_or_orphaned_is_named() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/pribadi-inline.yaml",
        "name: Toko Pribadi\ncategory: kuliner\ndistrict: Bekasi Timur\nprivate:\n  nik: \"3275010101010001\"\n  nama_pemilik: Siti\n",
    );
    site.write("pribadi/umkm/sudah-dihapus.yaml", "nik: \"1\"\n");
    site.write("pribadi/umkm/pribadi-inline.yaml", "- bukan\n- peta\n");
    let run = site.check(&[]);
    run.ok();
    run.has(
        "content/umkm/pribadi-inline.yaml:4:1: warning:",
        "personal data (`nik`, `nama_pemilik`) is written in the entry file",
    );
    run.has(
        "pribadi/umkm/sudah-dihapus.yaml: warning:",
        "belongs to no entry: there is no entry `sudah-dihapus` in content/umkm",
    );
    run.has(
        "pribadi/umkm/pribadi-inline.yaml: warning:",
        "does not read as `field: value` lines",
    );
}
