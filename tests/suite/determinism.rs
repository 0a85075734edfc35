//! The same input gives the same bytes, whatever the number of threads:
//! the sample and a generated site of a few hundred entries, each built
//! with RAYON_NUM_THREADS=1 and with 8, compared file by file.

use crate::common::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    list_files(dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
        .collect()
}

/// Builds `site` into two folders, one thread and eight, and compares the
/// trees; returns the number of files.
fn assert_same_both_ways(site: &Site, extra_env: &[(&str, &str)]) -> usize {
    let outs = tempfile::tempdir().unwrap();
    let one = outs.path().join("satu");
    let many = outs.path().join("banyak");
    let arg = |p: &Path| p.to_str().unwrap().to_string();
    let mut env1 = vec![("RAYON_NUM_THREADS", "1")];
    env1.extend_from_slice(extra_env);
    site.build_env(&["--output", &arg(&one)], &env1).ok();
    let mut env8 = vec![("RAYON_NUM_THREADS", "8")];
    env8.extend_from_slice(extra_env);
    site.build_env(&["--output", &arg(&many)], &env8).ok();
    let a = snapshot(&one);
    let b = snapshot(&many);
    let names_a: Vec<&String> = a.keys().collect();
    let names_b: Vec<&String> = b.keys().collect();
    assert_eq!(names_a, names_b, "the two builds wrote different files");
    let differ: Vec<&String> = a
        .iter()
        .filter(|(k, v)| b[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    if let Some(first) = differ.first() {
        let (x, y) = (
            String::from_utf8_lossy(&a[*first]),
            String::from_utf8_lossy(&b[*first]),
        );
        let line = x
            .lines()
            .zip(y.lines())
            .position(|(l, r)| l != r)
            .unwrap_or(0);
        panic!(
            "{} files differ between 1 thread and 8, e.g. {first} at line {}:\n  1 thread:  {}\n  8 threads: {}",
            differ.len(),
            line + 1,
            x.lines().nth(line).unwrap_or(""),
            y.lines().nth(line).unwrap_or("")
        );
    }
    // A third build into a used folder changes nothing either.
    site.build_env(&["--output", &arg(&many), "--drafts"], extra_env)
        .ok();
    site.build_env(&["--output", &arg(&many)], &[("RAYON_NUM_THREADS", "3")])
        .ok();
    assert!(snapshot(&many) == a, "a rebuild with 3 threads differs");
    a.len()
}

#[test]
fn the_sample_builds_to_the_same_bytes_with_any_thread_count() {
    let site = Site::sample();
    let n = assert_same_both_ways(&site, &[]);
    assert!(n > 100, "{n} files");
}

#[test]
fn the_full_fixture_builds_to_the_same_bytes_with_any_thread_count() {
    let site = Site::fixture("full");
    assert_same_both_ways(&site, &[]);
}

const DISTRICTS: &[&str] = &[
    "Bekasi Timur",
    "Bekasi Barat",
    "Rawalumbu",
    "Medansatria",
    "Jatiasih",
];
const CATEGORIES: &[&str] = &["kuliner", "fesyen", "kerajinan", "jasa"];

/// A site of `n` entries in every form, with names that sort alike (case,
/// accents, equal names in different kinds), equal update dates, many
/// programmes and events, two languages and small pages.
pub(crate) fn generated(n: usize) -> Site {
    let site = Site::empty();
    let mut yaml = String::from(
        "title: Direktori Besar\nbase_url: https://besar.example/sub/\nlanguages: [id, en]\npaginate: 7\ncategories:\n",
    );
    for c in CATEGORIES {
        writeln!(yaml, "  - {{ slug: {c}, name: {c} }}").unwrap();
    }
    yaml.push_str("districts:\n");
    for d in DISTRICTS {
        writeln!(yaml, "  - {{ name: {d}, villages: [Satu, Dua] }}").unwrap();
    }
    site.write("site.yaml", &yaml);
    for p in 0..6 {
        site.write(
            &format!("content/program/program-{p}.md"),
            &format!("---\nname: Program {}\ntarget: {{ count: 50, year: 2030, label: usaha }}\n---\nProgram nomor {p}.\n", ["B", "a", "A", "c", "É", "e"][p]),
        );
    }
    let mut vendors = String::new();
    let mut participants = Vec::new();
    for i in 0..n {
        // Names that collide once lowercased or stripped of accents.
        let name = match i % 5 {
            0 => format!("Warung {}", i / 5),
            1 => format!("warung {}", i / 5),
            2 => format!("Wárung {} Ñ", i / 5),
            3 => format!("Toko {:03}", n - i),
            _ => format!("Usaha {}", i % 17),
        };
        let slug = format!("e{i}");
        let body = format!(
            "name: \"{name}\"\nslug: {slug}\ncategory: {}\ndistrict: \"{}\"\nvillage: {}\nupdated: 2026-0{}-1{}\nfeatured: {}\n\
             programs: [program-{}, program-{}]\nhours: {{ senin: \"18:00-02:00\", selasa: \"08:00-17:00\" }}\n\
             products:\n  - {{ name: \"Produk {i}\", price: {} }}\n  - {{ name: Kedua, price: 1000 }}\ntags: [t{}, umum]\n",
            CATEGORIES[i % CATEGORIES.len()],
            DISTRICTS[i % DISTRICTS.len()].to_lowercase(),
            ["Satu", "Dua"][i % 2],
            1 + i % 3,
            i % 2,
            i % 7 == 0,
            i % 6,
            (i + 1) % 6,
            1000 * (i + 1),
            i % 4,
        );
        let kind = match i % 3 {
            0 => "umkm",
            1 => "koperasi",
            _ => "pkl",
        };
        if kind == "pkl" {
            // Form 3: all vendors in one list file.
            for (j, line) in body.lines().enumerate() {
                let _ = writeln!(vendors, "{}{line}", if j == 0 { "- " } else { "  " });
            }
        } else if i % 2 == 0 {
            site.write(
                &format!("content/{kind}/sub{}/{slug}.md", i % 4),
                &format!("---\n{body}---\nDeskripsi **{i}**.\n"),
            );
        } else {
            site.write(
                &format!("content/{kind}/{slug}.yaml"),
                &format!("{body}description: Deskripsi {i}.\n"),
            );
        }
        if i % 4 == 0 {
            participants.push(format!("{kind}/{slug}"));
        }
    }
    site.write("content/pkl/semua.yaml", &vendors);
    for ev in 0..4 {
        let list: Vec<&String> = participants.iter().skip(ev).step_by(3).collect();
        site.write(
            &format!("content/acara/acara-{ev}.md"),
            &format!(
                // Two events start at the same moment.
                "---\nname: Acara {ev}\nstart: 2026-03-0{}T10:00\nprograms: [program-{ev}]\nparticipants: [{}]\n---\nAcara.\n",
                1 + ev / 2,
                list.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    for pg in ["tentang", "kontak", "Bantuan"] {
        site.write(
            &format!("content/halaman/{pg}.md"),
            &format!("---\ntitle: {pg}\n---\nHalaman {pg}.\n"),
        );
    }
    site
}

#[test]
fn a_generated_site_builds_to_the_same_bytes_with_any_thread_count() {
    let site = generated(360);
    let n = assert_same_both_ways(&site, &[]);
    assert!(n > 1000, "{n} files");
}

#[test]
fn the_output_does_not_depend_on_where_the_site_or_output_lives() {
    let a = Site::fixture("full");
    let b = Site::fixture("full");
    a.build(&[]).ok();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("jauh/sekali");
    b.build_to(&out, &[]).ok();
    assert!(
        snapshot(&a.public()) == snapshot(&out),
        "the output depends on the folders' paths"
    );
    // No absolute path of the machine in any file.
    for (f, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for p in [a.root(), b.root(), elsewhere.path()] {
            assert!(
                !text.contains(&*p.to_string_lossy()),
                "{f} holds the path {}",
                p.display()
            );
        }
    }
}
