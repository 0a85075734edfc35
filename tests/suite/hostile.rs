//! Hostile and malformed input: links out of the site, pipes, huge and
//! broken files, YAML bombs. Whatever the input, the program must answer
//! in time with exit code 0 or 1 and a report, never panic, hang, or read
//! outside the site folder. Every build here runs under `build_in_time`,
//! which kills the program and fails the test after `HANG_LIMIT`.

use crate::common::*;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

/// A valid UMKM entry named `name`, with `more` fields from line 5 on.
fn umkm(name: &str, more: &str) -> String {
    format!("---\nname: {name}\ncategory: kuliner\ndistrict: Bekasi Timur\n{more}---\n")
}

/// Builds the site, asserting no panic, and returns the run.
#[track_caller]
fn build(site: &Site) -> Run {
    let run = site.build_in_time(&[]);
    run.no_panic();
    run
}

/// Bytes from a fixed seed (xorshift), so a failure can be reproduced.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(len);
    out
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

// ---- symbolic links ----

#[test]
fn errors_on_symlink_to_a_file_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    // Were it read, this would give a YAML error naming RAHASIA.
    fs::write(outside.path().join("luar.md"), "---\nRAHASIA: [\n---\n").unwrap();
    let site = Site::fixture("minimal");
    symlink(
        outside.path().join("luar.md"),
        site.root().join("content/umkm/luar.md"),
    )
    .unwrap();
    build(&site)
        .fails()
        .exactly(&[
            "content/umkm/luar.md: symbolic link leads outside the site folder; it is not followed",
        ])
        .lacks("RAHASIA");
}

#[test]
fn errors_on_symlink_to_a_folder_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("a.md"), umkm("Luar", "")).unwrap();
    fs::write(outside.path().join("b.yaml"), "RAHASIA: [\n").unwrap();
    let site = Site::fixture("minimal");
    symlink(outside.path(), site.root().join("content/pkl/luar")).unwrap();
    build(&site)
        .fails()
        .exactly(&[
            "content/pkl/luar: symbolic link leads outside the site folder; it is not followed",
        ])
        .lacks("RAHASIA");
}

#[test]
fn errors_on_content_folder_linked_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(outside.path().join("umkm")).unwrap();
    fs::write(outside.path().join("umkm/a.md"), "RAHASIA: [\n").unwrap();
    let site = Site::fixture("minimal");
    site.remove("content");
    symlink(outside.path(), site.root().join("content")).unwrap();
    build(&site)
        .fails()
        .exactly(&["content: symbolic link leads outside the site folder; it is not followed"])
        .lacks("RAHASIA");
}

#[test]
fn errors_on_site_config_linked_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("site.yaml"),
        "title: RAHASIA\nbase_url: https://x.example/\n",
    )
    .unwrap();
    let site = Site::fixture("minimal");
    site.remove("site.yaml");
    symlink(
        outside.path().join("site.yaml"),
        site.root().join("site.yaml"),
    )
    .unwrap();
    build(&site)
        .fails()
        .exactly(&["site.yaml: symbolic link leads outside the site folder; it is not followed"]);
    assert!(!site.public().exists());
}

#[test]
fn errors_on_pictures_linked_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("foto.png"), "RAHASIA").unwrap();
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/foto-warung.md",
        &umkm("Foto", "logo: foto.png\n"),
    );
    symlink(
        outside.path().join("foto.png"),
        site.root().join("content/umkm/foto.png"),
    )
    .unwrap();
    build(&site).fails().exactly(&[
        "content/umkm/foto-warung.md:5:7: picture \"foto.png\" not found in content/umkm/ or in static/",
        "content/umkm/foto.png: symbolic link leads outside the site folder; it is not followed",
    ]);
}

#[test]
fn errors_on_static_files_linked_outside_the_site() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("rahasia.txt"), "RAHASIA").unwrap();
    let site = Site::fixture("minimal");
    fs::create_dir_all(site.root().join("static")).unwrap();
    symlink(
        outside.path().join("rahasia.txt"),
        site.root().join("static/unduh.txt"),
    )
    .unwrap();
    symlink(outside.path(), site.root().join("static/folder")).unwrap();
    build(&site).fails().exactly(&[
        "static/folder: symbolic link leads outside the site folder; it is not followed",
        "static/unduh.txt: symbolic link leads outside the site folder; it is not followed",
    ]);
    assert!(!site.public().exists());
}

#[test]
fn errors_on_symlink_loops() {
    let site = Site::fixture("minimal");
    let umkm_dir = site.root().join("content/umkm");
    symlink("sendiri.md", umkm_dir.join("sendiri.md")).unwrap();
    symlink("b.md", umkm_dir.join("a.md")).unwrap();
    symlink("a.md", umkm_dir.join("b.md")).unwrap();
    symlink("..", umkm_dir.join("naik")).unwrap();
    symlink(".", umkm_dir.join("di-sini")).unwrap();
    build(&site).fails().exactly(&[
        "content/umkm/a.md: symbolic link loops (it leads back to itself); it is not followed",
        "content/umkm/b.md: symbolic link loops (it leads back to itself); it is not followed",
        "content/umkm/di-sini: symbolic link loops back to a folder that contains it; it is not followed",
        "content/umkm/naik: symbolic link loops back to a folder that contains it; it is not followed",
        "content/umkm/sendiri.md: symbolic link loops (it leads back to itself); it is not followed",
    ]);
}

#[test]
fn errors_on_broken_symlink() {
    let site = Site::fixture("minimal");
    symlink("tidak-ada.md", site.root().join("content/umkm/rusak.md")).unwrap();
    build(&site).fails().exactly(&[
        "content/umkm/rusak.md: symbolic link is broken: what it points to does not exist",
    ]);
}

#[test]
fn can_follow_symlinks_that_stay_inside_the_site() {
    let site = Site::fixture("minimal");
    site.write("bersama/warung-bersama.md", &umkm("Warung Bersama", ""));
    site.write(
        "bersama/pkl/daftar.yaml",
        "- name: Pkl Bersama\n  category: kuliner\n  district: Medansatria\n",
    );
    symlink(
        "../../bersama/warung-bersama.md",
        site.root().join("content/umkm/tautan.md"),
    )
    .unwrap();
    symlink("../../bersama/pkl", site.root().join("content/pkl/bersama")).unwrap();
    let run = build(&site);
    run.ok();
    assert!(site.public().join("umkm/tautan/index.html").is_file());
    assert!(site.public().join("pkl/pkl-bersama/index.html").is_file());
}

// ---- files that are not files ----

#[test]
fn errors_on_a_named_pipe_without_hanging() {
    let site = Site::fixture("minimal");
    mkfifo(&site.root().join("content/umkm/x.md"));
    mkfifo(&site.root().join("content/pkl/daftar.yaml"));
    build(&site).fails().exactly(&[
        "content/pkl/daftar.yaml: is not an ordinary file (a named pipe, socket or device); remove it",
        "content/umkm/x.md: is not an ordinary file (a named pipe, socket or device); remove it",
    ]);
}

#[test]
fn errors_on_a_named_pipe_as_site_config() {
    let site = Site::fixture("minimal");
    site.remove("site.yaml");
    mkfifo(&site.root().join("site.yaml"));
    build(&site).fails().exactly(&[
        "site.yaml: is not an ordinary file (it is a folder, a named pipe, a socket or a device)",
    ]);
}

#[test]
fn errors_on_a_named_pipe_in_static() {
    let site = Site::fixture("minimal");
    fs::create_dir_all(site.root().join("static")).unwrap();
    mkfifo(&site.root().join("static/pipa.css"));
    build(&site).fails().exactly(&[
        "static/pipa.css: is not an ordinary file (a named pipe, socket or device); remove it",
    ]);
}

#[test]
fn errors_on_a_folder_as_site_config() {
    let site = Site::fixture("minimal");
    site.remove("site.yaml");
    fs::create_dir_all(site.root().join("site.yaml")).unwrap();
    build(&site).fails().exactly(&[
        "site.yaml: is not an ordinary file (it is a folder, a named pipe, a socket or a device)",
    ]);
}

// ---- sizes ----

/// A Markdown entry of exactly `size` bytes (a long body).
fn markdown_of_size(name: &str, size: usize) -> String {
    let head = umkm(name, "");
    let mut text = head.clone();
    let line = format!("{}\n", "kata ".repeat(15));
    while text.len() + line.len() <= size {
        text.push_str(&line);
    }
    text.push_str(&"x".repeat(size - text.len()));
    assert_eq!(text.len(), size);
    text
}

#[test]
fn can_read_a_single_entry_of_exactly_1_mib() {
    let site = Site::fixture("minimal");
    site.write("content/umkm/pas.md", &markdown_of_size("Pas", 1 << 20));
    build(&site).ok();
}

#[test]
fn errors_on_single_entry_files_over_1_mib() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/besar.md",
        &markdown_of_size("Besar", (1 << 20) + 1),
    );
    let mut yaml =
        String::from("name: Besar\ncategory: kuliner\ndistrict: Bekasi Timur\ndescription: |\n");
    while yaml.len() <= 1 << 20 {
        yaml.push_str("  baris deskripsi yang panjang sekali\n");
    }
    let size = yaml.len();
    site.write("content/koperasi/besar.yaml", &yaml);
    build(&site).fails().exactly(&[
        &format!("content/koperasi/besar.yaml: file is too large ({size} bytes): only a list of entries may be larger; for one entry the limit is 1 MiB (1048576 bytes)"),
        "content/umkm/besar.md: file is too large (1048577 bytes): the limit is 1 MiB (1048576 bytes)",
    ]);
}

/// A list file of a little over 1 MiB: `count` vendors with long
/// descriptions (few entries, so the build stays quick).
fn big_list(count: usize, last: &str) -> String {
    let description = "Pedagang kaki lima dengan deskripsi panjang. ".repeat(2000);
    let mut text = String::new();
    for i in 0..count {
        text.push_str(&format!(
            "- name: Pedagang {i}\n  category: kuliner\n  district: Medansatria\n  description: \"{description}\"\n"
        ));
    }
    text.push_str(last);
    text
}

#[test]
fn can_read_a_list_file_over_1_mib() {
    let site = Site::fixture("minimal");
    let list = big_list(12, "");
    assert!(list.len() > 1 << 20);
    site.write("content/pkl/besar.yaml", &list);
    let run = build(&site);
    run.within(256, 10);
    run.ok();
    assert!(run.stdout.contains("pkl 13"), "{}", run.stdout);
}

#[test]
fn errors_at_the_right_line_deep_in_a_big_list_file() {
    let site = Site::fixture("minimal");
    let list = big_list(
        12,
        "- name: Salah\n  category: kuliner\n  distrct: Medansatria\n",
    );
    site.write("content/pkl/besar.yaml", &list);
    build(&site).within(256, 10).fails().exactly(&[
        "content/pkl/besar.yaml:49:1: missing required field `district`",
        "content/pkl/besar.yaml:51:3: unknown field `distrct`: did you mean `district`?",
    ]);
}

#[test]
fn errors_on_list_files_over_64_mib() {
    let site = Site::fixture("minimal");
    // Sparse: the size is checked before anything is read.
    let file = fs::File::create(site.root().join("content/pkl/raksasa.yaml")).unwrap();
    file.set_len((64 << 20) + 1).unwrap();
    build(&site)
        .within(256, 10).fails().exactly(&[
        "content/pkl/raksasa.yaml: file is too large (67108865 bytes): the limit is 64 MiB (67108864 bytes)",
    ]);
}

#[test]
fn errors_on_site_config_over_1_mib() {
    let site = Site::fixture("minimal");
    let file = fs::OpenOptions::new()
        .append(true)
        .open(site.root().join("site.yaml"))
        .unwrap();
    file.set_len(2 << 20).unwrap();
    build(&site).fails().exactly(&[
        "site.yaml: file is too large (2097152 bytes): the limit is 1 MiB (1048576 bytes)",
    ]);
}

#[test]
fn can_read_a_huge_line() {
    let site = Site::fixture("minimal");
    let body = "sangat panjang ".repeat(60_000);
    site.write(
        "content/umkm/panjang.md",
        &format!("{}{body}\n", umkm("Panjang", "")),
    );
    site.write(
        "content/pkl/panjang.yaml",
        &format!(
            "- name: \"{}\"\n  category: kuliner\n  district: Medansatria\n  slug: nama-panjang\n",
            "Nama ".repeat(100_000)
        ),
    );
    build(&site).within(256, 10).ok();
}

// ---- encodings and bytes ----

#[test]
fn errors_on_invalid_utf8_with_its_position() {
    let site = Site::fixture("minimal");
    site.write_bytes(
        "content/umkm/latin1.md",
        b"---\nname: Caf\xe9 Sari\ncategory: kuliner\n---\n",
    );
    site.write_bytes(
        "content/pkl/daftar.yaml",
        b"- name: A\n  category: kuliner\n  district: Medansatria\n- name: \xc3\x28\n",
    );
    site.write_bytes("content/halaman/utf16.md", b"\xff\xfe-\x00-\x00-\x00\n\x00");
    build(&site).fails().exactly(&[
        "content/halaman/utf16.md:1:1: file is not UTF-8 text; save it as UTF-8",
        "content/pkl/daftar.yaml:4:9: file is not UTF-8 text; save it as UTF-8",
        "content/umkm/latin1.md:2:10: file is not UTF-8 text; save it as UTF-8",
    ]);
}

#[test]
fn errors_on_invalid_utf8_in_site_config() {
    let site = Site::fixture("minimal");
    let mut bytes = fs::read(site.root().join("site.yaml")).unwrap();
    bytes.extend_from_slice(b"description: Kota \xff\n");
    site.write_bytes("site.yaml", &bytes);
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    build(&site).fails().exactly(&[&format!(
        "site.yaml:{lines}:19: file is not UTF-8 text; save it as UTF-8"
    )]);
}

#[test]
fn errors_on_nul_and_control_characters_at_their_place() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/nul.md",
        &umkm("Nul", "address: \"Jl. Satu\"\ntags: [a\0b]\n"),
    );
    site.write(
        "content/koperasi/bel.yaml",
        "name: K\u{7}\ncategory: kuliner\ndistrict: Medansatria\n",
    );
    build(&site).fails().exactly(&[
        "content/koperasi/bel.yaml:1:8: invalid character U+0007 (an invisible control character); remove it",
        "content/umkm/nul.md:6:9: invalid character U+0000 (an invisible control character); remove it",
    ]);
}

#[test]
fn can_build_with_nul_in_a_markdown_body() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/nul.md",
        &format!("{}Teks \0 dengan NUL.\n", umkm("Nul", "")),
    );
    build(&site);
}

#[test]
fn errors_on_binary_garbage() {
    let site = Site::fixture("minimal");
    site.write_bytes("content/umkm/sampah.md", &noise(64 * 1024, 1));
    site.write_bytes("content/pkl/sampah.yaml", &noise(64 * 1024, 2));
    site.write_bytes(
        "content/program/gambar.yaml",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    // Valid UTF-8, but nonsense for YAML.
    let text: String = noise(20_000, 3)
        .iter()
        .map(|b| char::from_u32(0x20 + u32::from(*b) % 0x2000).unwrap_or('?'))
        .collect();
    site.write("content/acara/acak.yaml", &text);
    site.write("content/halaman/acak.md", &format!("---\n{text}\n---\n"));
    let run = build(&site);
    run.fails();
    for file in [
        "content/umkm/sampah.md",
        "content/pkl/sampah.yaml",
        "content/program/gambar.yaml",
        "content/acara/acak.yaml",
        "content/halaman/acak.md",
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with(&format!("{file}:"))),
            "no problem reported for {file}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn errors_on_old_mac_line_ends_at_the_right_line() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/mac.yaml",
        "name: Mac\rcategory: kuliner\rdistrict: Bekasi Timur\rdistrct: x\r",
    );
    build(&site)
        .fails()
        .exactly(&["content/umkm/mac.yaml:4:1: unknown field `distrct`: did you mean `district`?"]);
}

// ---- empty files ----

#[test]
fn errors_on_empty_markdown_files() {
    let site = Site::fixture("minimal");
    site.write("content/umkm/kosong.md", "");
    site.write("content/umkm/spasi.md", "  \n\n");
    site.write("content/pkl/front-kosong.md", "---\n---\nHanya badan.\n");
    build(&site).fails().exactly(&[
        "content/pkl/front-kosong.md:1:1: the front matter must be `field: value` lines",
        "content/umkm/kosong.md:1:1: a Markdown entry must start with front matter: a `---` line, the fields, and another `---` line",
        "content/umkm/spasi.md:1:1: a Markdown entry must start with front matter: a `---` line, the fields, and another `---` line",
    ]);
}

#[test]
fn can_read_empty_yaml_files_as_no_entries() {
    let site = Site::fixture("minimal");
    site.write("content/umkm/kosong.yaml", "");
    site.write("content/umkm/komentar.yaml", "# belum ada isi\n");
    site.write("content/pkl/daftar-kosong.yaml", "[]\n");
    site.write("content/koperasi/tilde.yaml", "~\n");
    let run = build(&site);
    run.ok();
    assert!(run.stdout.contains("Built 3 entries"), "{}", run.stdout);
}

#[test]
fn errors_on_empty_and_odd_list_items() {
    let site = Site::fixture("minimal");
    site.write(
        "content/pkl/daftar.yaml",
        "- name: A\n  category: kuliner\n  district: Medansatria\n-\n- [a, b]\n- 42\n- teks\n",
    );
    site.write("content/umkm/angka.yaml", "42\n");
    build(&site).fails().exactly(&[
        "content/pkl/daftar.yaml:4:1: each item of a list file must be an entry of `field: value` lines, found nothing",
        "content/pkl/daftar.yaml:5:1: each item of a list file must be an entry of `field: value` lines, found a list",
        "content/pkl/daftar.yaml:6:1: each item of a list file must be an entry of `field: value` lines, found a number",
        "content/pkl/daftar.yaml:7:1: each item of a list file must be an entry of `field: value` lines, found text",
        "content/umkm/angka.yaml:1:1: expected the fields of an entry or a list of entries, found a number",
    ]);
}

// ---- YAML bombs and oddities ----

#[test]
fn errors_on_deeply_nested_yaml() {
    let site = Site::fixture("minimal");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    site.write(
        "content/umkm/dalam.md",
        &umkm("Dalam", &format!("extra: {deep}\n")),
    );
    site.write(
        "content/pkl/dalam.yaml",
        &format!("{}x\n", "- ".repeat(10_000)),
    );
    site.write(
        "content/koperasi/dalam.yaml",
        &format!("name: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)),
    );
    let run = build(&site);
    run.within(256, 10);
    run.fails();
    assert_eq!(run.problems(), 3, "{}", run.stderr);
    run.has(
        "content/umkm/dalam.md:5:",
        "lists or fields are nested too deeply here",
    )
    .has("content/pkl/dalam.yaml:1:", "nested too deeply")
    .has(
        "content/koperasi/dalam.yaml:1:",
        "lists or fields are nested too deeply here",
    );
}

#[test]
fn errors_on_billion_laughs() {
    let site = Site::fixture("minimal");
    let mut text = String::from("name: Tawa\ncategory: kuliner\ndistrict: Bekasi Timur\nextra:\n  a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        text.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
    }
    site.write("content/umkm/tawa.yaml", &text);
    let run = build(&site);
    run.within(256, 10);
    run.fails();
    assert_eq!(run.problems(), 1, "{}", run.stderr);
    run.has(
        "content/umkm/tawa.yaml:",
        "aliases (`*name`) repeat the same data too many times",
    );
}

#[test]
fn errors_on_one_big_anchor_repeated_many_times() {
    // 10,000 references to a list of 10,000: few jumps, a hundred million
    // values. Must be refused quickly, not built in memory.
    let site = Site::fixture("minimal");
    let big = vec!["x"; 10_000].join(",");
    let refs = vec!["*a"; 10_000].join(",");
    site.write(
        "content/umkm/bom.yaml",
        &format!("name: Bom\ncategory: kuliner\ndistrict: Bekasi Timur\nextra:\n  a: &a [{big}]\n  b: [{refs}]\n"),
    );
    let run = build(&site);
    run.within(256, 10);
    run.fails();
    assert_eq!(run.problems(), 1, "{}", run.stderr);
    run.has(
        "content/umkm/bom.yaml:",
        "aliases (`*name`) repeat the same data too many times",
    );
}

#[test]
fn can_use_anchors_and_aliases_modestly() {
    let site = Site::fixture("minimal");
    site.write(
        "content/pkl/daftar.yaml",
        "- name: A & B\n  category: &k kuliner\n  district: &d Medansatria\n  tags: &t [sate, malam]\n- name: C\n  category: *k\n  district: *d\n  tags: *t\n",
    );
    build(&site).ok();
}

#[test]
fn errors_on_unknown_alias() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/alias.yaml",
        "name: A\ncategory: *tidak-ada\ndistrict: Bekasi Timur\n",
    );
    build(&site).fails().exactly(&[
        "content/umkm/alias.yaml:2:11: the alias (`*name`) here refers to no `&name` above it",
    ]);
}

#[test]
fn errors_on_yaml_tags() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/tag.md",
        &umkm("Tag", "address: !!python/object:os.system {cmd: ls}\nqris: !rahasia ID123\ntags: !!set {a, b}\nextra: !!map {a: 1}\n"),
    );
    build(&site).fails().exactly(&[
        // Standard tags (`!!python/object` included) only change the type.
        "content/umkm/tag.md:5:10: `address` must be text, found a group of fields",
        "content/umkm/tag.md:6:7: `qris` must be text, found a value marked with `!`",
        "content/umkm/tag.md:7:7: `tags` must be a list, found a group of fields",
    ]);
}

#[test]
fn errors_on_field_names_that_are_not_text() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/kunci.md",
        &umkm(
            "Kunci",
            "1: satu\ntrue: benar\n[a, b]: daftar\n{a: 1}: peta\n",
        ),
    );
    build(&site).fails().exactly(&[
        "content/umkm/kunci.md:1:1: a group of fields stands where a field name should be: a field name is a word such as `name`",
        "content/umkm/kunci.md:1:1: a list stands where a field name should be: a field name is a word such as `name`",
        "content/umkm/kunci.md:5:1: `1` is not a field name: a field name is a word such as `name`",
        "content/umkm/kunci.md:6:1: `true` is not a field name: a field name is a word such as `name`",
    ]);
}

#[test]
fn errors_on_thousands_of_duplicate_keys() {
    let site = Site::fixture("minimal");
    let mut text = String::from("name: A\ncategory: kuliner\ndistrict: Bekasi Timur\n");
    for i in 0..10_000 {
        text.push_str(&format!("tags: [t{i}]\n"));
    }
    site.write("content/umkm/ganda.yaml", &text);
    build(&site)
        .within(256, 10)
        .fails()
        .exactly(&["content/umkm/ganda.yaml:5:1: field `tags` is written twice; keep only one"]);
}

#[test]
fn errors_on_many_documents_in_one_file() {
    let site = Site::fixture("minimal");
    site.write(
        "content/pkl/dokumen.yaml",
        &"---\nname: A\ncategory: kuliner\ndistrict: Medansatria\n".repeat(100),
    );
    build(&site)
        .within(256, 10).fails().exactly(&[
        "content/pkl/dokumen.yaml:5:1: a `---` line starts a second YAML document, which is not allowed here; to keep many entries in one file, write them as a list (`- name: ...`)",
    ]);
}

#[test]
fn errors_on_a_very_long_unknown_field_name_quickly() {
    let site = Site::fixture("minimal");
    let key = "k".repeat(500_000);
    site.write(
        "content/umkm/kunci.yaml",
        &format!("name: A\ncategory: kuliner\ndistrict: Bekasi Timur\n? {key}\n: nilai\n"),
    );
    let started = std::time::Instant::now();
    let run = build(&site);
    run.within(256, 10);
    run.fails();
    assert_eq!(run.problems(), 1, "{}", run.stderr);
    run.has(
        "content/umkm/kunci.yaml:",
        &format!(
            "unknown field `{}…`; custom data goes under `extra`",
            "k".repeat(60)
        ),
    );
    assert!(
        started.elapsed().as_secs() < 10,
        "took {:?}",
        started.elapsed()
    );
}

// ---- paths inside fields ----

#[test]
fn errors_on_picture_paths_that_leave_the_site_or_are_not_files() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/gambar.md",
        &umkm(
            "Gambar",
            "logo: ../../site.yaml\nimages:\n  - ../../../../etc/passwd.png\n  - /etc/passwd\n  - javascript:alert(1)\n  - file:///etc/hosts.png\n  - \"C:\\\\foto.png\"\n  - //evil.example/x.png\n  - https://evil.example/x.png\n  - a/./b.png\n  - \"data:image/png;base64,AAAA\"\nproducts:\n  - name: P\n    image: ../halaman/../../../x.png\n",
        ),
    );
    let note = "must be the path of a picture inside the site, relative to the entry file or to static/ (no `..`, no web address)";
    build(&site).fails().exactly(&[
        &format!("content/umkm/gambar.md:5:7: \"../../site.yaml\" {note}"),
        &format!("content/umkm/gambar.md:7:5: \"../../../../etc/passwd.png\" {note}"),
        "content/umkm/gambar.md:8:5: \"/etc/passwd\" is not a picture: use a .png, .jpg, .jpeg, .webp, .gif or .avif file",
        &format!("content/umkm/gambar.md:9:5: \"javascript:alert(1)\" {note}"),
        &format!("content/umkm/gambar.md:10:5: \"file:///etc/hosts.png\" {note}"),
        &format!("content/umkm/gambar.md:11:5: \"C:\\foto.png\" {note}"),
        &format!("content/umkm/gambar.md:12:5: \"//evil.example/x.png\" {note}"),
        &format!("content/umkm/gambar.md:13:5: \"https://evil.example/x.png\" {note}"),
        &format!("content/umkm/gambar.md:14:5: \"a/./b.png\" {note}"),
        &format!("content/umkm/gambar.md:15:5: \"data:image/png;base64,AAAA\" {note}"),
        &format!("content/umkm/gambar.md:18:12: \"../halaman/../../../x.png\" {note}"),
    ]);
}

#[test]
fn errors_on_absolute_picture_paths_outside_static() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/gambar.md",
        &umkm("Gambar", "logo: /etc/passwd.png\n"),
    );
    build(&site).fails().exactly(&[
        "content/umkm/gambar.md:5:7: picture \"/etc/passwd.png\" not found in content/umkm/ or in static/",
    ]);
}

// ---- odd names and many files ----

#[test]
fn errors_on_file_names_with_line_breaks_on_one_line() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/baris\nbaru.md",
        &umkm("Baris", "warna: merah\n"),
    );
    // The name itself is the problem: reported on one line, escaped.
    build(&site).fails().exactly(&[
        "content/umkm/baris\\nbaru.md: this file name holds a control character (such as a line break); rename the file",
    ]);
}

#[test]
fn can_handle_file_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::fixture("minimal");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    let path = site.root().join("content/umkm").join(name);
    fs::write(&path, umkm("Kafe", "")).unwrap();
    let run = build(&site);
    // Either built (slug from the readable part) or reported; never a crash.
    if run.code == 1 {
        assert!(run.stderr.contains("content/umkm/caf"), "{}", run.stderr);
    }
}

#[test]
fn can_handle_deep_folders_and_long_names() {
    let site = Site::fixture("minimal");
    let deep = vec!["d"; 200].join("/");
    site.write(&format!("content/umkm/{deep}/dalam.md"), &umkm("Dalam", ""));
    let long = "a".repeat(240);
    site.write(&format!("content/umkm/{long}.md"), &umkm("Panjang", ""));
    build(&site).ok();
    assert!(site
        .public()
        .join(format!("umkm/{long}/index.html"))
        .is_file());
}

#[test]
fn errors_on_two_thousand_broken_files_in_one_run() {
    let site = Site::fixture("minimal");
    for i in 0..2000 {
        site.write(
            &format!("content/pkl/p{i:04}.yaml"),
            &format!("name: P{i}\ncategory: kuliner\n"),
        );
    }
    let run = build(&site);
    run.within(256, 15);
    run.fails();
    assert_eq!(
        run.problems(),
        2000,
        "{}",
        &run.stderr[..500.min(run.stderr.len())]
    );
    run.has_line("content/pkl/p0000.yaml:1:1: missing required field `district`")
        .has_line("content/pkl/p1999.yaml:1:1: missing required field `district`");
}

#[test]
fn errors_on_static_and_content_in_one_run() {
    let outside = tempfile::tempdir().unwrap();
    let site = Site::fixture("minimal");
    fs::create_dir_all(site.root().join("static")).unwrap();
    symlink(outside.path(), site.root().join("static/folder")).unwrap();
    site.write(
        "content/umkm/tanpa-nama.md",
        "---\ncategory: kuliner\ndistrict: Bekasi Timur\n---\n",
    );
    build(&site).fails().exactly(&[
        "content/umkm/tanpa-nama.md:1:1: missing required field `name`",
        "static/folder: symbolic link leads outside the site folder; it is not followed",
    ]);
}

#[test]
fn errors_on_a_broken_site_yaml_link() {
    let site = Site::fixture("minimal");
    fs::remove_file(site.root().join("site.yaml")).unwrap();
    symlink("nowhere.yaml", site.root().join("site.yaml")).unwrap();
    build(&site)
        .fails()
        .exactly(&["site.yaml: symbolic link is broken or loops; it is not followed"]);
}

#[test]
fn errors_on_an_unknown_theme_at_its_line() {
    let site = Site::fixture("minimal");
    let text = fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let line = text.lines().count() + 1;
    site.write("site.yaml", &format!("{text}theme: kota\n"));
    let expected =
        format!("site.yaml:{line}:8: theme `kota` not found: there is no folder themes/kota/");
    build(&site).fails().exactly(&[&expected]);
}

#[test]
fn errors_on_a_slug_too_long_for_a_file_name() {
    let site = Site::fixture("minimal");
    let long = "Warung ".repeat(40);
    site.write(
        "content/pkl/semua.yaml",
        &format!("- name: {long}\n  category: kuliner\n  district: Medansatria\n"),
    );
    site.build_in_time(&[]).fails().exactly(&[
        "content/pkl/semua.yaml:1:1: the address (slug) is too long: 279 characters, at most 255; write a shorter `slug`",
    ]);
}

#[test]
fn errors_on_a_language_code_that_is_a_folder_of_the_site() {
    let site = Site::fixture("minimal");
    site.edit(
        "site.yaml",
        "title: Direktori Minimal",
        "title: Direktori Minimal\nlanguages: [id, pkl]",
    );
    site.build_in_time(&[]).fails().has(
        "site.yaml:",
        "the language code `pkl` is a folder the site uses itself (/pkl/); use another code",
    );
}

#[test]
fn refuses_an_output_inside_a_content_folder_that_is_a_link() {
    let site = Site::fixture("minimal");
    let root = site.root();
    fs::rename(root.join("content"), root.join("data")).unwrap();
    symlink(root.join("data"), root.join("content")).unwrap();
    let out = root.join("data/public");
    let run = site.build(&["--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("lies inside content/"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn a_build_removes_what_an_interrupted_build_left_beside_the_output() {
    let site = Site::fixture("minimal");
    let root = site.root();
    // No process has these ids: the builds that made them were killed. A
    // temporary folder carries a build's mark, an old output its manifest.
    for left in [".public.etalase-tmp-4000000", ".public.etalase-old-4000001"] {
        fs::create_dir_all(root.join(left).join("umkm")).unwrap();
        fs::write(root.join(left).join("umkm/index.html"), "setengah").unwrap();
    }
    fs::write(
        root.join(".public.etalase-tmp-4000000/.etalase-build"),
        "4000000 123",
    )
    .unwrap();
    fs::write(
        root.join(".public.etalase-old-4000001/.etalase-manifest"),
        "umkm/index.html\n",
    )
    .unwrap();
    site.build(&[]).ok();
    let names: Vec<String> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains(".etalase-")),
        "left behind: {names:?}"
    );
}

#[test]
fn errors_on_a_dangling_link_where_a_folder_is_expected() {
    for folder in ["content", "static", "themes"] {
        let site = Site::fixture("minimal");
        let at = site.root().join(folder);
        if at.exists() {
            fs::remove_dir_all(&at).unwrap();
        }
        symlink(site.root().join("tidak-ada"), &at).unwrap();
        build(&site).fails().exactly(&[&format!(
            "{folder}: symbolic link is broken or loops; it is not followed"
        )]);
        assert!(!site.public().exists(), "{folder}: an empty site was built");
    }
}

#[test]
fn errors_on_a_themes_folder_linked_outside_even_when_unused() {
    let outside = tempfile::tempdir().unwrap();
    fs::create_dir_all(outside.path().join("default/templates")).unwrap();
    fs::write(
        outside.path().join("default/templates/page.html"),
        "RAHASIA",
    )
    .unwrap();
    let site = Site::fixture("minimal");
    symlink(outside.path(), site.root().join("themes")).unwrap();
    build(&site)
        .fails()
        .exactly(&["themes: symbolic link leads outside the site folder; it is not followed"]);
}

#[test]
fn errors_on_thousands_of_misspelt_participants_in_near_linear_time() {
    const N: usize = 2000;
    let site = Site::fixture("minimal");
    let mut list = String::new();
    for i in 0..N {
        list.push_str(&format!(
            "- name: Pedagang Nomor {i}\n  category: kuliner\n  district: Medansatria\n"
        ));
    }
    site.write("content/pkl/semua.yaml", &list);
    let mut event = String::from("---\nname: Bazaar Besar\nstart: 2026-03-01\nparticipants:\n");
    for i in 0..N {
        // One letter off: each gets its own suggestion.
        event.push_str(&format!("  - pkl/pedagang-nomr-{i}\n"));
    }
    event.push_str("---\n");
    site.write("content/acara/besar.md", &event);
    let started = std::time::Instant::now();
    let run = site.build_in_time(&[]);
    run.within(512, 15);
    run.fails();
    assert_eq!(
        run.problems(),
        N,
        "{}",
        &run.stderr[..2000.min(run.stderr.len())]
    );
    assert!(
        run.stderr
            .contains("did you mean `pkl/pedagang-nomor-1999`?"),
        "{}",
        &run.stderr[..2000.min(run.stderr.len())]
    );
    // Generous: a debug build; the point is that it does not take minutes.
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn errors_on_an_entry_over_the_limit_inside_a_list_file() {
    let site = Site::fixture("minimal");
    // A list file may be large; one entry in it may not be.
    let big = "x".repeat(1_200_000);
    let mut list = String::from("- name: Kecil\n  category: kuliner\n  district: Medansatria\n");
    list.push_str(&format!(
        "- name: Besar\n  category: kuliner\n  district: Medansatria\n  description: \"{big}\"\n"
    ));
    for i in 0..20 {
        list.push_str(&format!(
            "- name: Lain {i}\n  category: kuliner\n  district: Medansatria\n"
        ));
    }
    site.write("content/pkl/semua.yaml", &list);
    let run = build(&site);
    run.within(256, 10);
    run.fails();
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("content/pkl/semua.yaml:4:1: this entry is too large (12000")
            && lines[0].ends_with("bytes): an entry of a list file may be at most 1 MiB, like an entry in a file of its own"),
        "{}",
        lines[0]
    );
}

#[test]
fn errors_on_a_long_anchored_string_repeated_by_aliases() {
    // 200 KB of text standing for 20 MB: strings count by their bytes.
    let site = Site::fixture("minimal");
    let long = "x".repeat(200_000);
    let refs = vec!["*s"; 100].join(", ");
    site.write(
        "content/umkm/bom.yaml",
        &format!("name: Bom\ncategory: kuliner\ndistrict: Bekasi Timur\nextra:\n  a: &s \"{long}\"\n  b: [{refs}]\n"),
    );
    let run = build(&site);
    run.within(256, 10);
    run.fails();
    run.has(
        "content/umkm/bom.yaml:",
        "aliases (`*name`) repeat the same data too many times",
    );
}

#[test]
fn errors_on_ui_strings_that_blow_up_through_aliases() {
    let site = Site::fixture("minimal");
    let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, prev) in ["a", "b", "c", "d", "e", "f", "g"].iter().enumerate() {
        let name = ["b", "c", "d", "e", "f", "g", "h"][i];
        yaml.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    site.write("themes/default/i18n/id.yaml", &yaml);
    let run = build(&site);
    run.within(256, 10);
    run.fails();
    run.has(
        "themes/default/i18n/id.yaml:",
        "aliases (`*name`) repeat the same data too many times",
    );
}

#[test]
fn errors_on_a_flow_list_broken_by_a_colon_without_hanging() {
    // Found by the fuzzer (src/fuzz.rs): the position scan looped for ever.
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/x.md",
        "---\nname: X\ncategory: kuliner\ndistrict: Bekasi Timur\ntags: [a, b{ lat: -6.2, lon: 107.0 a\nprivate:\n  nik: \"3275\"\n---\n",
    );
    build(&site).fails();
}

#[test]
fn errors_on_a_static_file_name_with_a_line_break() {
    let site = Site::fixture("minimal");
    site.write("static/dua\nbaris.txt", "x");
    build(&site).fails().exactly(&[
        "static/dua\\nbaris.txt: this file name holds a control character (such as a line break); rename the file",
    ]);
}

#[test]
fn errors_on_static_paths_that_lie_on_or_above_generated_ones() {
    let site = Site::fixture("minimal");
    // A folder named like a file the site writes, a file named like a
    // folder it writes, and the later pages' `halaman/` folder, whose
    // pages exist only once a listing is long enough.
    site.write("static/sitemap.xml/a.txt", "a");
    site.write("static/404.html/b.txt", "b");
    site.write("static/program", "c");
    site.write("static/umkm/halaman", "d");
    site.write("static/kategori/kuliner/halaman/9/foto.png", "e");
    site.write("static/umkm/foto.png", "fine");
    let run = build(&site);
    let clash = "this file would replace a page or picture the site writes; rename or remove it";
    run.exactly(&[
        &format!("static/404.html/b.txt: {clash}"),
        &format!("static/kategori/kuliner/halaman/9/foto.png: {clash}"),
        &format!("static/program: {clash}"),
        &format!("static/sitemap.xml/a.txt: {clash}"),
        &format!("static/umkm/halaman: {clash}"),
    ]);
}

// ---- themes that never end ----

/// The minimal fixture with a theme whose page template is `page`.
fn theme_site(page: &str) -> Site {
    let site = Site::fixture("minimal");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}theme: jahat\n"));
    site.write("themes/jahat/templates/page.html", page);
    site
}

/// Asserts that the build stopped with the page's problem, and wrote
/// nothing: no output, no temporary folder left.
#[track_caller]
fn assert_stopped(site: &Site, run: &Run, why: &str) {
    run.exactly(&[&format!(
        "themes/jahat/templates/page.html: tentang/index.html was stopped: this template {why} for one page; look for nested loops (`for`)"
    )]);
    assert_eq!(run.codes(), ["E0407"]);
    assert!(!site.public().exists());
    let left: Vec<String> = list_files(site.root())
        .into_iter()
        .filter(|f| f.contains("etalase-tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn stops_a_template_that_loops_for_ever() {
    // Nested range() loops: each call of range() sees the page's time.
    let site = theme_site(
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% for c in range(end=100000) %}{% set x = a %}{% endfor %}{% endfor %}{% endfor %}",
    );
    let run = build(&site);
    run.within(256, 19);
    assert_stopped(&site, &run, "worked for more than 10 seconds");
}

#[test]
fn stops_a_template_that_loops_for_ever_over_one_list() {
    // No call and no output inside the loops: the watchdog ends the build.
    let site = theme_site(
        "{% set big = range(end=100000) %}{% for a in big %}{% for b in big %}{% for c in big %}{% endfor %}{% endfor %}{% endfor %}",
    );
    let run = build(&site);
    run.within(256, 19);
    assert_stopped(&site, &run, "worked for more than 10 seconds");
}

#[test]
fn stops_a_template_that_writes_without_end() {
    let site = theme_site(
        "{% set big = range(end=100000) %}{% for a in big %}{% for b in big %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    );
    let started = std::time::Instant::now();
    let run = build(&site);
    run.within(512, 10);
    assert_stopped(&site, &run, "wrote more than 64 MiB");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn errors_on_thousands_of_misspelt_names_among_thousands_of_choices_in_near_linear_time() {
    // 3,000 categories, districts, villages and programmes, and as many
    // entries, each with every name one letter off.
    const N: usize = 3000;
    let site = Site::fixture("minimal");
    let mut config = String::from("title: Besar\nbase_url: https://besar.example/\ncategories:\n");
    for i in 0..N {
        config.push_str(&format!(
            "  - {{ slug: kategori-nomor-{i}, name: Kategori {i} }}\n"
        ));
    }
    config.push_str("districts:\n  - name: Utama\n    villages:\n");
    for i in 0..N {
        config.push_str(&format!("      - Jati Nomor {i}\n"));
    }
    for i in 0..N {
        config.push_str(&format!("  - name: Rawa Nomor {i}\n"));
    }
    site.write("site.yaml", &config);
    site.remove("content");
    for i in 0..N {
        site.write(
            &format!("content/program/program-nomor-{i}.md"),
            &format!("---\nname: Program {i}\n---\n"),
        );
    }
    let mut list = String::new();
    for i in 0..N {
        list.push_str(&format!(
            "- name: Usaha {i}\n  category: kategori-nomr-{i}\n  district: Utama\n  village: Jati Nomr {i}\n  programs: [program-nomr-{i}]\n"
        ));
    }
    for i in 0..N {
        list.push_str(&format!(
            "- name: Usaha Lain {i}\n  category: kategori-nomor-{i}\n  district: Rawa Nomr {i}\n"
        ));
    }
    site.write("content/umkm/semua.yaml", &list);
    let run = site.build_in_time(&[]);
    run.within(512, 15).fails();
    assert_eq!(
        run.problems(),
        4 * N,
        "{}",
        &run.stderr[..2000.min(run.stderr.len())]
    );
    for hint in [
        "did you mean `kategori-nomor-2999`?",
        "did you mean \"Jati Nomor 2999\"?",
        "did you mean `program-nomor-2999`?",
        "did you mean \"Rawa Nomor 2999\"?",
    ] {
        assert!(
            run.stderr.contains(hint),
            "{hint}: {}",
            &run.stderr[..2000.min(run.stderr.len())]
        );
    }
}

/// The folders a build works in beside its output, as their names show.
fn build_folders(site: &Site) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.etalase-"))
        .collect();
    out.sort();
    out
}

/// At a terminal, nobody waits for the replaced output to be removed: a
/// process of its own removes it after the build has reported. The new
/// output is whole when the build ends, and the old one is gone soon after.
#[test]
#[cfg(target_os = "linux")]
fn at_a_terminal_the_old_output_is_removed_after_the_build_reports() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("SKIPPED: `script` (util-linux) is needed to give the build a terminal");
        return;
    }
    let site = crate::determinism::generated(300);
    site.build(&[]).ok();
    let before = std::fs::read(site.public().join("index.html")).unwrap();
    let quote =
        |p: &std::path::Path| format!("'{}'", p.display().to_string().replace('\'', "'\\''"));
    let command = format!(
        "SOURCE_DATE_EPOCH=1780246800 {} build --root {}",
        quote(std::path::Path::new(env!("CARGO_BIN_EXE_etalase"))),
        quote(site.root())
    );
    let status = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{status:?}");
    assert_eq!(
        std::fs::read(site.public().join("index.html")).unwrap(),
        before
    );
    let started = std::time::Instant::now();
    while !build_folders(&site).is_empty() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the old output stays: {:?}",
            build_folders(&site)
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A build in progress, stopped once its temporary folder exists.
#[cfg(target_os = "linux")]
fn stopped_build(site: &Site, signal: i32) -> Option<std::process::ExitStatus> {
    let mut child = etalase()
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while build_folders(site).is_empty() {
        if child.try_wait().unwrap().is_some() || started.elapsed().as_secs() > 60 {
            return None; // done before it could be stopped
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    // SAFETY: a signal to the child this test started.
    unsafe {
        libc::kill(child.id() as i32, signal);
    }
    Some(child.wait().unwrap())
}

/// Ctrl-C and SIGTERM during a build remove its temporary folder before
/// the process ends, and the last output stays whole; a SIGKILL leaves
/// the folder, and the next build removes it, while a folder that only
/// looks like a build's (no mark of one) is left alone.
#[test]
#[cfg(target_os = "linux")]
fn an_interrupted_build_leaves_nothing_behind() {
    use std::os::unix::process::ExitStatusExt;
    let site = crate::determinism::generated(1500);
    site.build(&[]).ok();
    let home = std::fs::read(site.public().join("index.html")).unwrap();
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // A build that ends before it could be stopped is tried again:
        // each signal must really stop one.
        let status = (0..3)
            .find_map(|_| stopped_build(&site, signal))
            .unwrap_or_else(|| panic!("no build stopped by signal {signal}"));
        assert_eq!(status.code(), Some(128 + signal), "{status:?}");
        assert_eq!(
            build_folders(&site),
            Vec::<String>::new(),
            "signal {signal}"
        );
        assert_eq!(
            std::fs::read(site.public().join("index.html")).unwrap(),
            home
        );
    }
    let status = stopped_build(&site, libc::SIGKILL).expect("a build to kill");
    assert_eq!(status.signal(), Some(libc::SIGKILL));
    let left = build_folders(&site);
    assert_eq!(left.len(), 1, "{left:?}");
    let look_alike = site.root().join(".public.etalase-tmp-1");
    std::fs::create_dir(&look_alike).unwrap();
    std::fs::write(look_alike.join("catatan.txt"), "bukan buatan Etalase").unwrap();
    site.build(&[]).ok();
    assert_eq!(build_folders(&site), [".public.etalase-tmp-1"]);
    assert!(look_alike.join("catatan.txt").is_file());
}

/// Flow collections nested 150,000 deep (`[[[…` and `{a: {a: …`, 300 KB
/// and more) are refused as nested too deeply, at the line they are on,
/// by check and build; the parser never sees them (its time grows with
/// the square of the depth: minutes at this size).
#[test]
fn deeply_nested_flow_yaml_is_refused() {
    let site = Site::fixture("minimal");
    let n = 150_000;
    site.write(
        "content/umkm/dalam.yaml",
        &format!(
            "name: Dalam\ncategory: kuliner\ndistrict: Bekasi Timur\ntags: {}{}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    site.write(
        "content/umkm/peta.md",
        &format!(
            "---\nname: Peta\ncategory: kuliner\ndistrict: Bekasi Timur\nextra: {}1{}\n---\nIsi.\n",
            "{a: ".repeat(n),
            "}".repeat(n)
        ),
    );
    // Behind an anchor and a tag, the same.
    site.write(
        "content/umkm/jangkar.yaml",
        &format!(
            "name: Jangkar\ncategory: kuliner\ndistrict: Bekasi Timur\ntags: &a !!seq {}{}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
    );
    let build = site.build_in_time(&[]);
    // Refused in one pass: well under a second of its own (the budget
    // leaves room for a loaded test machine and an unoptimised build).
    build.within(256, 5);
    for run in [site.check(&[]), build] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("content/umkm/dalam.yaml:4:")
                && run.stderr.contains("nested too deeply"),
            "{}",
            run.stderr
        );
        for file in ["content/umkm/peta.md:5:", "content/umkm/jangkar.yaml:4:"] {
            assert!(run.stderr.contains(file), "{file}: {}", run.stderr);
        }
    }
}

/// A Markdown body of 1 MiB built to be costly (block quotes, lists,
/// emphasis, links and brackets nested as deep as the text allows) builds
/// in under 10 s and 256 MiB; the same over the file limit is refused.
#[test]
fn pathological_markdown_builds_in_bounded_time_and_memory() {
    let site = Site::fixture("minimal");
    let body_of = |unit: &str, tail: &str| {
        let room = (1 << 20) - 200 - tail.len();
        let mut body = unit.repeat(room / unit.len());
        body.push_str(tail);
        body
    };
    let bodies = [
        ("kutipan", body_of(">", " a\n")),
        ("daftar", body_of("- ", "a\n")),
        ("selang", body_of("> - ", "a\n")),
        ("tebal", body_of("*a **b ", "\n")),
        ("tautan", body_of("[", "a](b)\n")),
        ("baris", body_of("> a\n>> b\n", "\n")),
    ];
    // One at a time: each body is held to the budget on its own.
    let file = "content/umkm/uji.md";
    for (name, body) in &bodies {
        site.write(
            file,
            &format!(
                "---\nname: Uji {name}\ncategory: kuliner\ndistrict: Bekasi Timur\n---\n{body}"
            ),
        );
        let run = site.build_in_time(&[]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        run.within(256, 10);
    }
    std::fs::remove_file(site.root().join(file)).unwrap();
    // Over the entry file limit (1 MiB): refused, named, nothing built.
    site.write(
        "content/umkm/besar.md",
        &format!(
            "---\nname: Besar\ncategory: kuliner\ndistrict: Bekasi Timur\n---\n{}",
            ">".repeat(1 << 20)
        ),
    );
    let run = site.build_in_time(&[]);
    run.within(256, 10);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/umkm/besar.md"),
        "{}",
        run.stderr
    );
}

/// A problem inside a flow list or mapping written over several lines is
/// reported at its own line and column, not at the key that opens it.
#[test]
fn a_problem_in_a_flow_list_over_lines_points_at_its_line() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/alir.yaml",
        "name: Alir\ncategory: kuliner\ndistrict: Bekasi Timur\nproducts: [\n  { name: Teh, price: 3000 },\n  { name: Kopi,\n    price: mahal },\n]\nphone: \"0812-3456-7001\"\n",
    );
    let run = site.check(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/umkm/alir.yaml:7:12:"),
        "{}",
        run.stderr
    );
}

/// A file whose name holds a line break or an escape sequence is named
/// escaped in the terminal's report, as text and as JSON, never obeyed.
#[test]
fn a_file_name_with_control_characters_is_shown_escaped() {
    let site = Site::fixture("minimal");
    site.write(
        "content/umkm/baris\nbaru\u{1b}[31m.yaml",
        "name: X\ncategory: tidak-ada\ndistrict: Bekasi Timur\n",
    );
    for args in [&[][..], &["--format", "json"]] {
        let run = site.check(args);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
        assert!(
            run.stderr.contains("baris\\nbaru\\u{1b}[31m.yaml")
                || run.stderr.contains("baris\\nbaru\\u001b[31m.yaml"),
            "{:?}",
            run.stderr
        );
        // One line per problem: the name's line break is not one.
        assert!(
            run.stderr.lines().all(|l| !l.starts_with("baru")),
            "{:?}",
            run.stderr
        );
    }
    // The import's report and the build's output folder, named so too.
    std::fs::remove_file(site.root().join("content/umkm/baris\nbaru\u{1b}[31m.yaml")).unwrap();
    let sheet = site.root().join("data\u{1b}[31m\n.csv");
    std::fs::write(
        &sheet,
        "Nama Usaha;Kategori;Kecamatan\r\nUji;kuliner;Bekasi Timur\r\n",
    )
    .unwrap();
    let out = site.root().join("keluar\u{1b}[31m\nx");
    let runs = [
        Run::from(
            etalase()
                .args(["import", "--kind", "umkm", "--root"])
                .arg(site.root())
                .arg(&sheet)
                .output()
                .unwrap(),
        ),
        site.build(&["--output", out.to_str().unwrap()]),
    ];
    for run in runs {
        run.ok();
        for text in [&run.stdout, &run.stderr] {
            assert!(!text.contains('\u{1b}'), "{text:?}");
            // A name's line break is not a line of the output.
            assert!(
                text.lines()
                    .all(|l| !l.starts_with('x') && !l.starts_with(".csv")),
                "{text:?}"
            );
        }
    }
}

/// Under --drafts a draft is shown, but never counted as a programme's
/// achievement: not in /data/statistik/program.csv, not on its page.
#[test]
fn drafts_are_never_counted_in_programme_statistics() {
    let site = Site::fixture("minimal");
    for (slug, draft) in [("ikut-satu", false), ("ikut-draf", true)] {
        site.write(
            &format!("content/umkm/{slug}.yaml"),
            &format!(
                "name: {slug}\ncategory: kuliner\ndistrict: Bekasi Timur\nprograms: [opop]\ndraft: {draft}\n"
            ),
        );
    }
    for args in [&[][..], &["--drafts"]] {
        site.build(args).ok();
        let csv = site.read("data/statistik/program.csv");
        let row = csv
            .lines()
            .find(|l| l.contains("One Pesantren One Product"))
            .unwrap_or_else(|| panic!("{csv}"));
        assert!(
            row.ends_with(",1") || row.contains(",1,"),
            "{args:?}: {row}"
        );
    }
}
