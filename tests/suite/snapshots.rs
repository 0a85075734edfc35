//! Snapshots of the key pages of the `full` fixture, one of each kind of
//! page, so that a change to a template or to the context the templates
//! get is reviewed as a diff of `tests/snapshots/`. After an intended
//! change, rewrite them with
//!
//! ```text
//! ETALASE_BLESS=1 cargo test --test suite snapshots
//! ```
//!
//! and read the diff before committing it.

use crate::common::*;
use std::fs;
use std::path::Path;

/// Output file → snapshot name.
const PAGES: &[(&str, &str)] = &[
    ("index.html", "home.html"),
    ("umkm/index.html", "listing-kind.html"),
    ("kategori/kuliner/index.html", "listing-category.html"),
    ("kecamatan/index.html", "terms-districts.html"),
    ("umkm/warung-lengkap/index.html", "entry-umkm.html"),
    (
        "koperasi/koperasi-masjid-al-ikhlas/index.html",
        "entry-koperasi.html",
    ),
    ("program/opop/index.html", "programme.html"),
    ("acara/bazaar-ramadhan/index.html", "event.html"),
    ("tentang/index.html", "page.html"),
    ("en/umkm/warung-lengkap/index.html", "entry-umkm-en.html"),
    ("404.html", "404.html"),
    ("sitemap.xml", "sitemap.xml"),
];

#[test]
fn key_pages_match_their_snapshots() {
    let site = Site::fixture("full");
    site.build(&[]).ok();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let bless = std::env::var_os("ETALASE_BLESS").is_some();
    if bless {
        fs::create_dir_all(&dir).unwrap();
    }
    let mut differ = Vec::new();
    for (page, name) in PAGES {
        let got = fs::read_to_string(site.public().join(page))
            .unwrap_or_else(|e| panic!("{page} was not written: {e}"));
        let file = dir.join(name);
        if bless {
            fs::write(&file, &got).unwrap();
            continue;
        }
        let want = fs::read_to_string(&file).unwrap_or_default();
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            differ.push(format!(
                "{page} differs from tests/snapshots/{name} at line {}:\n  now:      {}\n  snapshot: {}",
                line + 1,
                got.lines().nth(line).unwrap_or("(end)"),
                want.lines().nth(line).unwrap_or("(end)")
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "{}\n(if the change is intended: ETALASE_BLESS=1 cargo test --test suite snapshots, then review the diff)",
        differ.join("\n")
    );
}
