//! The output folder: replaced whole on success, untouched on failure, and
//! never one that would lose the user's files (FORMAT.md, "Bad input").

use crate::common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|f| (f.clone(), fs::read(dir.join(&f)).unwrap()))
        .collect()
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[track_caller]
fn usage_error(run: &Run, part: &str) {
    assert_eq!(
        run.code, 2,
        "expected a usage error (exit 2), got {}:\n{}{}",
        run.code, run.stdout, run.stderr
    );
    assert!(
        run.stderr.contains(part),
        "the message does not mention {part:?}:\n{}",
        run.stderr
    );
    assert!(run.stdout.trim().is_empty(), "{}", run.stdout);
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = Site::fixture("full");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("situs");
    site.build_to(&out, &[]).ok();
    let before = snapshot(&out);
    assert!(before.len() > 50);
    assert_eq!(names(parent.path()), ["situs"]);

    // A content error: exit 1 before anything is written.
    site.write(
        "content/umkm/rusak.md",
        "---\nname: Rusak\ncategory: tidak-ada\ndistrict: Rawalumbu\n---\n",
    );
    site.build_to(&out, &[]).fails();
    assert!(
        snapshot(&out) == before,
        "a failed build changed the output"
    );
    assert_eq!(
        names(parent.path()),
        ["situs"],
        "a failed build left something beside the output"
    );
    fs::remove_file(site.root().join("content/umkm/rusak.md")).unwrap();

    // A template that fails while pages are being written: the new output
    // is thrown away and the old one stays.
    site.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ content.nope.nope }}{% endblock content %}");
    let run = site.build_to(&out, &[]);
    assert_eq!(
        run.code, 1,
        "a broken template is a content error:\n{}",
        run.stderr
    );
    assert!(run.stderr.contains("page.html"), "{}", run.stderr);
    assert!(
        snapshot(&out) == before,
        "a failed render changed the output"
    );
    assert_eq!(
        names(parent.path()),
        ["situs"],
        "a failed render left its temporary folder"
    );

    // A template that does not even parse.
    site.write(
        "themes/default/templates/page.html",
        "{% block content %}{{ oops",
    );
    site.build_to(&out, &[]).fails();
    assert!(snapshot(&out) == before);
    assert_eq!(names(parent.path()), ["situs"]);

    // The same with the default output folder inside the site.
    fs::remove_dir_all(site.root().join("themes")).unwrap();
    site.build(&[]).ok();
    let before = snapshot(&site.public());
    let root_names = names(site.root());
    site.write("content/pkl/rusak.yaml", "- name: [tidak, teks]\n");
    site.build(&[]).fails();
    assert!(snapshot(&site.public()) == before);
    let mut expected = root_names.clone();
    expected.retain(|n| n != "content");
    let mut now = names(site.root());
    now.retain(|n| n != "content");
    assert_eq!(now, expected, "something was left in the site folder");
}

#[test]
fn a_successful_build_replaces_the_output_whole() {
    let site = Site::fixture("full");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("situs");
    site.write(
        "content/halaman/lama.md",
        "---\ntitle: Halaman Lama\n---\nLama.\n",
    );
    site.write("static/lama.txt", "lama");
    site.build_to(&out, &[]).ok();
    assert!(out.join("lama/index.html").is_file());
    assert!(out.join("en/lama/index.html").is_file());
    assert!(out.join("lama.txt").is_file());
    assert!(out.join("umkm/warung-tutup/index.html").is_file());

    fs::remove_file(site.root().join("content/halaman/lama.md")).unwrap();
    fs::remove_file(site.root().join("static/lama.txt")).unwrap();
    fs::remove_file(
        site.root()
            .join("content/umkm/bekasi-timur/warung-tutup.md"),
    )
    .unwrap();
    site.build_to(&out, &[]).ok();
    for stale in [
        "lama/index.html",
        "en/lama/index.html",
        "lama.txt",
        "umkm/warung-tutup/index.html",
    ] {
        assert!(
            !out.join(stale).exists(),
            "{stale} from the previous build is still there"
        );
    }
    assert!(
        !out.join("lama").exists(),
        "an empty folder of the previous build is still there"
    );
    assert!(!fs::read_to_string(out.join("sitemap.xml"))
        .unwrap()
        .contains("/lama/"));
    assert!(!fs::read_to_string(out.join("sitemap.xml"))
        .unwrap()
        .contains("warung-tutup"));
    assert_eq!(
        names(parent.path()),
        ["situs"],
        "temporary folders left beside the output"
    );

    // The new output is exactly what a build into a fresh folder writes.
    let fresh = parent.path().join("baru");
    site.build_to(&fresh, &[]).ok();
    assert!(
        snapshot(&out) == snapshot(&fresh),
        "a rebuild differs from a fresh build"
    );
}

#[test]
fn it_refuses_an_output_that_is_or_holds_the_site_folder() {
    let site = Site::fixture("full");
    let root = site.root().to_path_buf();
    usage_error(
        &site.build_to(&root, &[]),
        &root.file_name().unwrap().to_string_lossy(),
    );
    usage_error(&site.build_to(&root.join("."), &[]), "site");
    usage_error(&site.build_to(&root.join("content/.."), &[]), "site");
    usage_error(&site.build_to(root.parent().unwrap(), &[]), "site");
    usage_error(&site.build_to(Path::new("/"), &[]), "");
    // Through a symbolic link to the site folder.
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("tautan");
    std::os::unix::fs::symlink(&root, &link).unwrap();
    usage_error(&site.build_to(&link, &[]), "");
    // Nothing was touched.
    assert!(root.join("site.yaml").is_file());
    assert!(root
        .join("content/umkm/bekasi-timur/warung-lengkap.md")
        .is_file());
    assert!(!root.join("public").exists());
    assert!(
        names(&root).iter().all(|n| !n.contains("etalase")),
        "{:?}",
        names(&root)
    );
}

#[test]
fn it_refuses_an_output_inside_content_static_or_themes() {
    let site = Site::fixture("full");
    site.write(
        "themes/default/templates/page.html",
        "{% extends \"base.html\" %}{% block content %}x{% endblock content %}",
    );
    let root = site.root().to_path_buf();
    for inner in [
        "content",
        "content/umkm",
        "content/keluaran",
        "static",
        "static/situs",
        "themes",
        "themes/default/static/out",
    ] {
        let before = snapshot(&root);
        let run = site.build_to(&root.join(inner), &[]);
        let top = inner.split('/').next().unwrap();
        usage_error(&run, top);
        assert!(
            snapshot(&root) == before,
            "--output {inner} changed the site folder"
        );
        assert!(
            names(&root).iter().all(|n| !n.contains("etalase")),
            "{:?}",
            names(&root)
        );
    }
    // Also when written with `..` or through a link.
    usage_error(
        &site.build_to(&root.join("public/../content/x"), &[]),
        "content",
    );
    let link = root.join("tautan-statis");
    std::os::unix::fs::symlink(root.join("static"), &link).unwrap();
    usage_error(&site.build_to(&link.join("out"), &[]), "static");
    // A folder of the site other than those is fine.
    fs::remove_file(&link).unwrap();
    site.build_to(&root.join("keluaran/situs"), &[]).ok();
    assert!(root.join("keluaran/situs/index.html").is_file());
}

#[test]
fn it_refuses_a_folder_holding_files_it_did_not_build_unless_forced() {
    let site = Site::fixture("full");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("dokumen");
    fs::create_dir_all(out.join("arsip")).unwrap();
    fs::write(out.join("penting.txt"), "jangan dihapus").unwrap();
    fs::write(out.join("arsip/2024.csv"), "a,b").unwrap();
    let before = snapshot(&out);

    usage_error(&site.build_to(&out, &[]), "--force");
    assert!(snapshot(&out) == before, "the refused folder was changed");
    assert_eq!(names(parent.path()), ["dokumen"]);

    // A hidden file counts too.
    let hidden = parent.path().join("tersembunyi");
    fs::create_dir(&hidden).unwrap();
    fs::write(hidden.join(".env"), "x").unwrap();
    usage_error(&site.build_to(&hidden, &[]), "--force");
    assert!(hidden.join(".env").is_file());

    // A file added to a folder Etalase built is not its own either.
    let built = parent.path().join("situs");
    site.build_to(&built, &[]).ok();
    fs::write(built.join("umkm/catatan-saya.txt"), "milik saya").unwrap();
    usage_error(&site.build_to(&built, &[]), "catatan-saya.txt");
    assert!(built.join("umkm/catatan-saya.txt").is_file());

    // A file that is not a folder.
    let file = parent.path().join("berkas.txt");
    fs::write(&file, "isi").unwrap();
    let run = site.build_to(&file, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), "isi");

    // With --force the folder is replaced whole.
    site.build_to(&out, &["--force"]).ok();
    assert!(out.join("index.html").is_file());
    assert!(!out.join("penting.txt").exists() && !out.join("arsip").exists());
    site.build_to(&built, &["--force"]).ok();
    assert!(!built.join("umkm/catatan-saya.txt").exists());
    let mut left = names(parent.path());
    left.retain(|n| n.contains("etalase"));
    assert!(left.is_empty(), "temporary folders left: {left:?}");
}

#[test]
fn it_accepts_an_empty_folder_and_its_own_previous_output() {
    let site = Site::fixture("full");
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("kosong");
    fs::create_dir(&out).unwrap();
    site.build_to(&out, &[]).ok();
    assert!(out.join("index.html").is_file());
    // Its own output again, without --force, also after deleting files.
    fs::remove_dir_all(out.join("umkm")).unwrap();
    site.build_to(&out, &[]).ok();
    assert!(out.join("umkm/warung-lengkap/index.html").is_file());
    // A folder that does not exist yet, several levels down.
    let deep = parent.path().join("a/b/c");
    site.build_to(&deep, &[]).ok();
    assert!(deep.join("index.html").is_file());
    // A relative --output is relative to the working folder.
    let run = etalase()
        .current_dir(parent.path())
        .args(["build", "--root"])
        .arg(site.root())
        .args(["--output", "relatif"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(parent.path().join("relatif/index.html").is_file());
    assert!(!site.root().join("relatif").exists());
}

#[test]
fn it_reports_a_missing_site_as_a_usage_error() {
    let empty = Site::empty();
    let run = empty.build(&[]);
    usage_error(&run, "site.yaml");
    assert!(!empty.public().exists());
    let run = etalase()
        .args(["build", "--root", "/nonexistent/etalase-site"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let run = etalase()
        .args(["build", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_whole() {
    let site = Site::sample();
    site.build(&[]).ok();
    let before = snapshot(&site.public());
    // Kills spread over the whole build, the swap at its end included.
    for i in 0..40u64 {
        let mut child = etalase()
            .arg("build")
            .arg("--root")
            .arg(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(i * 3));
        let _ = child.kill();
        let _ = child.wait();
        let after = snapshot(&site.public());
        assert!(
            after == before,
            "after a kill at {} ms the output is not the previous one whole ({} files, {} before)",
            i * 3,
            after.len(),
            before.len()
        );
    }
    site.build(&[]).ok();
    // (The picture cache is the site's own, not a build's leftover.)
    let leftovers: Vec<String> = names(site.root())
        .into_iter()
        .filter(|n| n.contains("etalase-") && n != ".etalase-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
