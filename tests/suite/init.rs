//! `etalase init`: a new site for any kota or kabupaten, that checks and
//! builds as written.

use crate::common::*;
use std::path::Path;

fn init(dir: &Path, wilayah: &str) -> Run {
    let mut cmd = etalase();
    cmd.arg("init").arg(dir).arg("--wilayah").arg(wilayah);
    Run::from(cmd.output().unwrap())
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| {
            p.strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The kecamatan of a site.yaml: (name, code, villages).
fn districts(site_yaml: &str) -> Vec<(String, String, Vec<String>)> {
    let v: serde_yaml::Value = serde_yaml::from_str(site_yaml).unwrap();
    v["districts"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|d| {
            let mut villages: Vec<String> = d["villages"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|x| x.as_str().or(x["name"].as_str()).unwrap().to_string())
                .collect();
            villages.sort();
            (
                d["name"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
                villages,
            )
        })
        .collect()
}

#[test]
fn writes_a_site_for_a_kota_that_checks_and_builds() {
    let site = Site::empty();
    let dir = site.root().join("bekasi");
    let run = init(&dir, "kota bekasi");
    run.ok();
    assert!(
        run.stdout.contains("Kota Bekasi (32.75), Jawa Barat"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("12 kecamatan, 56 kelurahan/desa"),
        "{}",
        run.stdout
    );
    assert_eq!(
        files_under(&dir),
        [
            ".github/workflows/situs.yml",
            ".gitignore",
            "README.md",
            "content/acara/contoh-acara.md",
            "content/halaman/tentang.md",
            "content/koperasi/contoh-koperasi.yaml",
            "content/pkl/pedagang-kaki-lima.yaml",
            "content/program/contoh-program.md",
            "content/umkm/contoh-umkm.md",
            "site.yaml",
        ]
    );
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(
        yaml.contains("title: \"Direktori UMKM Kota Bekasi\""),
        "{yaml}"
    );
    assert!(yaml.contains("timezone: Asia/Jakarta"), "{yaml}");
    // The kecamatan, their codes and kelurahan are the sample's, which
    // come from the same official list.
    let sample =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("site.yaml")).unwrap();
    assert_eq!(districts(&yaml), districts(&sample));

    let mut cmd = etalase();
    cmd.arg("check").arg("--root").arg(&dir);
    let checked = Run::from(cmd.output().unwrap());
    checked.ok();
    assert!(checked.stderr.is_empty(), "{}", checked.stderr);
    let mut cmd = etalase();
    cmd.arg("build").arg("--root").arg(&dir);
    Run::from(cmd.output().unwrap()).ok();
    let entry = std::fs::read_to_string(dir.join("public/umkm/contoh-umkm/index.html")).unwrap();
    assert!(entry.contains("Contoh Usaha Keripik"));
}

#[test]
fn takes_a_kemendagri_code_and_the_forms_staff_write() {
    for (wilayah, expected) in [
        ("32.75", "Kota Bekasi (32.75)"),
        ("3216", "Kabupaten Bekasi (32.16)"),
        ("Kab. Bekasi", "Kabupaten Bekasi (32.16)"),
        ("KAB BEKASI", "Kabupaten Bekasi (32.16)"),
        ("Kabupaten Bekasi", "Kabupaten Bekasi (32.16)"),
    ] {
        let site = Site::empty();
        let run = init(&site.root().join("s"), wilayah);
        run.ok();
        assert!(run.stdout.contains(expected), "{wilayah}: {}", run.stdout);
    }
}

#[test]
fn sets_the_time_zone_from_the_province_and_the_site_checks() {
    for (wilayah, zone) in [
        ("Kota Makassar", "timezone: Asia/Makassar"),
        ("Kota Jayapura", "timezone: Asia/Jayapura"),
        ("Kabupaten Badung", "timezone: Asia/Makassar"),
        ("Kota Pontianak", "timezone: Asia/Jakarta"),
    ] {
        let site = Site::empty();
        let dir = site.root().join("s");
        init(&dir, wilayah).ok();
        let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
        assert!(yaml.contains(zone), "{wilayah}: {yaml}");
        let mut cmd = etalase();
        cmd.arg("check").arg("--root").arg(&dir);
        Run::from(cmd.output().unwrap()).ok();
    }
}

#[test]
fn an_ambiguous_or_unknown_region_lists_the_closest_and_writes_nothing() {
    let site = Site::empty();
    let dir = site.root().join("s");
    let run = init(&dir, "Bekasi");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("Kabupaten Bekasi (32.16), Kota Bekasi (32.75)"),
        "{}",
        run.stderr
    );
    let run = init(&dir, "Kota Bekasy");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("the closest: Kota Bekasi (32.75), Kabupaten Bekasi (32.16)"),
        "{}",
        run.stderr
    );
    let run = init(&dir, "Gotham City");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a known kota or kabupaten"),
        "{}",
        run.stderr
    );
    assert!(!dir.exists(), "nothing written");
}

#[test]
fn refuses_a_folder_that_is_not_empty() {
    let site = Site::empty();
    site.write("notes.txt", "catatan kantor");
    let run = init(site.root(), "Kota Bekasi");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert_eq!(files_under(site.root()), ["notes.txt"]);
    // An empty folder is fine.
    let empty = site.root().join("kosong");
    std::fs::create_dir(&empty).unwrap();
    init(&empty, "Kota Bekasi").ok();
    // A file where the folder should be is not.
    let run = init(&site.root().join("notes.txt"), "Kota Bekasi");
    assert_eq!(run.code, 2);
}

/// The documented path (init, import, a repository for GitHub Pages)
/// puts no personal value in the repository: import keeps it in
/// `pribadi/`, which the `.gitignore` of init leaves out with the
/// office's workbooks and the built site.
#[test]
fn the_documented_path_stages_no_personal_value() {
    let git_ok = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok();
    if !require_tool(git_ok, "git", "git") {
        return;
    }
    let site = Site::empty();
    let dir = site.root().join("bekasi");
    init(&dir, "kota bekasi").ok();
    std::fs::write(
        dir.join("data umkm 2026.csv"),
        "Nama Usaha;Kategori;Kecamatan;NIK Pemilik;Nama Pemilik;Omzet\r\n\
         Kue Rahasia;kuliner;Bekasi Timur;3275010101019999;Siti Rahasia Sekali;120000000\r\n",
    )
    .unwrap();
    let mut cmd = etalase();
    cmd.current_dir(&dir)
        .arg("import")
        .arg(dir.join("data umkm 2026.csv"))
        .arg("--root")
        .arg(&dir)
        .args(["--kind", "umkm"]);
    Run::from(cmd.output().unwrap()).ok();
    let mut cmd = etalase();
    cmd.arg("build").arg("--root").arg(&dir);
    Run::from(cmd.output().unwrap()).ok();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(&dir)
            .args(["-c", "user.name=uji", "-c", "user.email=uji@example.com"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    let staged = git(&["ls-files"]);
    assert!(staged.contains("content/umkm/kue-rahasia.yaml"), "{staged}");
    for left_out in ["pribadi/", "data umkm 2026", "laporan", "public/"] {
        assert!(!staged.contains(left_out), "{left_out} staged:\n{staged}");
    }
    for file in staged.lines() {
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        for secret in ["3275010101019999", "Siti Rahasia Sekali", "120000000"] {
            assert!(!text.contains(secret), "{secret} staged in {file}");
        }
    }
    // Kept aside for the office, and named in the report of check.
    let private = std::fs::read_to_string(dir.join("pribadi/umkm/kue-rahasia.yaml")).unwrap();
    assert!(private.contains("3275010101019999"), "{private}");
}

/// A site for another region names no other: every place in the theme's
/// words comes from site.yaml (the sample is Kota Bekasi's; the time
/// zone's own name, Asia/Jakarta, is not a place the site names).
#[test]
fn a_site_for_another_region_names_no_other_region() {
    let site = Site::empty();
    let dir = site.root().join("pangkalpinang");
    init(&dir, "Kota Pangkalpinang").ok();
    let mut cmd = etalase();
    cmd.arg("build").arg("--root").arg(&dir);
    Run::from(cmd.output().unwrap()).ok();
    let mut named = Vec::new();
    for path in walk(&dir) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let text = text.replace("Asia/Jakarta", "");
        for other in ["Bekasi", "Jawa Barat", "Jakarta", "(021)"] {
            if text.contains(other) {
                named.push(format!("{}: {other}", path.display()));
            }
        }
    }
    assert!(named.is_empty(), "{named:#?}");
    let districts = std::fs::read_to_string(dir.join("public/kecamatan/index.html")).unwrap();
    assert!(
        districts.contains("kecamatan di Kota Pangkal Pinang."),
        "{districts}"
    );
}
