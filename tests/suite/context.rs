//! The template context, seen through the test theme `dump`
//! (tests/fixtures/dump-theme/), which prints every value each page's
//! template gets (`entry.hours.5.overnight = true`). So these tests read
//! what the engine gives, not the default theme's words, and check
//! docs/THEMES.md against it.

use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The full fixture built with the dump theme.
fn dumped() -> Site {
    let site = Site::fixture("full");
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dump-theme");
    copy_dir(
        &theme.join("templates"),
        &site.root().join("themes/dump/templates"),
    );
    site.edit("site.yaml", "theme: default", "theme: dump");
    site.build(&[]).ok();
    site
}

/// The values a page's template got: path (`entry.hours.5.open`) →
/// value as printed (`none` for none); maps and lists map to "".
fn values(site: &Site, page: &str) -> BTreeMap<String, String> {
    site.read(page)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match l.split_once(" =") {
            Some((k, v)) => (k.to_string(), v.trim_start().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

/// Every key path the pages of `site` got, list indexes written `[]`
/// (`entry.products.[].name`), as docs/THEMES.md writes them.
fn paths(site: &Site) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in html_files(&site.public()) {
        for path in values(site, &file).into_keys() {
            let shape: Vec<&str> = path
                .split('.')
                .map(|s| {
                    if s.bytes().all(|b| b.is_ascii_digit()) {
                        "[]"
                    } else {
                        s
                    }
                })
                .collect();
            out.insert(shape.join("."));
        }
    }
    out
}

/// Asserts that `page` got each `(path, value)`.
#[track_caller]
fn got(site: &Site, page: &str, want: &[(&str, &str)]) {
    let v = values(site, page);
    for (path, value) in want {
        assert_eq!(
            v.get(*path).map(String::as_str),
            Some(*value),
            "{page}: {path}"
        );
    }
}

#[test]
fn an_entry_page_gets_its_contact_hours_products_and_links() {
    let site = dumped();
    got(
        &site,
        "umkm/warung-lengkap/index.html",
        &[
            ("site.title", "Direktori Uji Lengkap"),
            ("entry.name", "Warung Lengkap Bu Tini"),
            ("entry.kind_url", "/kota/umkm/"),
            ("entry.district.url", "/kota/kecamatan/bekasi-timur/"),
            ("entry.village", "Durenjaya"),
            ("entry.phone.href", "tel:+6281234567890"),
            ("entry.whatsapp.href", "https://wa.me/6281234567891"),
            // Hours past midnight, and a closed day.
            ("entry.hours.5.day", "sabtu"),
            ("entry.hours.5.open", "18.00"),
            ("entry.hours.5.close", "02.00"),
            ("entry.hours.5.overnight", "true"),
            ("entry.hours.6.day", "minggu"),
            ("entry.hours.6.closed", "true"),
            ("entry.hours.6.open", "none"),
            ("entry.products.0.price_label", "Rp 15.000"),
            ("entry.products.0.unit", "porsi"),
            ("entry.products.0.halal", "true"),
            ("entry.coop", "none"),
            // Every published one-cell field by its key, as the tables
            // write it: a new schema field reaches templates here.
            ("entry.fields.nib", "9120301234501"),
            ("entry.fields.category", "kuliner"),
            ("entry.fields.district", "Bekasi Timur"),
            (
                "entry.fields.gofood",
                "https://gofood.co.id/bekasi/restaurant/warung-tini-0f1e2d",
            ),
            ("page.template", "entry"),
            ("page.url", "/kota/umkm/warung-lengkap/"),
            (
                "page.permalink",
                "https://uji.example.go.id/kota/umkm/warung-lengkap/",
            ),
            ("page.alternates.1.lang", "en"),
            ("page.alternates.1.url", "/kota/en/umkm/warung-lengkap/"),
        ],
    );
    got(
        &site,
        "en/umkm/warung-lengkap/index.html",
        &[
            ("page.alternates.1.current", "true"),
            ("entry.url", "/kota/en/umkm/warung-lengkap/"),
        ],
    );
}

#[test]
fn listings_get_their_page_of_entries_and_the_pagination() {
    let site = dumped();
    got(
        &site,
        "umkm/halaman/2/index.html",
        &[
            ("listing.by", "kind"),
            ("listing.key", "umkm"),
            ("listing.total", "5"),
            ("listing.pagination.current", "2"),
            ("listing.pagination.total_pages", "3"),
            ("listing.pagination.prev_url", "/kota/umkm/"),
            ("listing.pagination.next_url", "/kota/umkm/halaman/3/"),
            ("page.url", "/kota/umkm/halaman/2/"),
        ],
    );
    let v = values(&site, "umkm/halaman/2/index.html");
    assert!(
        v.contains_key("listing.entries.1.name"),
        "two entries a page"
    );
    assert!(!v.contains_key("listing.entries.2"), "two entries a page");
    got(&site, "kecamatan/index.html", &[("terms.by", "district")]);
}

#[test]
fn drafts_reach_the_context_only_when_asked() {
    let site = dumped();
    assert!(!site.public().join("umkm/draf-rahasia/index.html").exists());
    let total = |site: &Site| values(site, "index.html")["home.total"].clone();
    assert_eq!(total(&site), "10");
    site.build(&["--drafts"]).ok();
    assert!(site.public().join("umkm/draf-rahasia/index.html").exists());
    assert_eq!(total(&site), "11");
}

/// The key paths docs/THEMES.md documents, in the same form
/// (`entry.products.[].price_label`): the rows of each table, under the
/// object its heading or label names, with the keys listed in a row's
/// type column (`list of {name, url}`) one level down.
fn documented() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/THEMES.md"))
        .unwrap();
    let mut out = BTreeSet::new();
    let mut object: Option<String> = None;
    let start = doc.find("## The template context").unwrap();
    let end = doc.find("### What the default theme reads").unwrap();
    for line in doc[start..end].lines() {
        let heading = |l: &str| -> Option<String> {
            if let Some(h) = l.strip_prefix("### ") {
                return Some(match h {
                    "Card" => "card".into(),
                    _ => h.rsplit('`').nth(1)?.to_string(),
                });
            }
            // `site` (map), `page` (map), `pagination`:
            let label = l.strip_prefix('`')?;
            let (name, rest) = label.split_once('`')?;
            matches!(rest, " (map)" | ":").then(|| match name {
                "pagination" => "listing.pagination".to_string(),
                n => n.to_string(),
            })
        };
        if let Some(o) = heading(line) {
            object = Some(o);
            continue;
        }
        if line.starts_with("`{slug, title, body_html}`") {
            for k in ["slug", "title", "body_html"] {
                out.insert(format!("content.{k}"));
            }
            continue;
        }
        let (Some(obj), Some(row)) = (&object, line.strip_prefix("| `")) else {
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        let first = format!("`{}", cells[0]);
        let keys: Vec<&str> = first.split(", ").map(|k| k.trim_matches('`')).collect();
        let ty = cells.get(1).copied().unwrap_or("");
        for key in keys {
            out.insert(format!("{obj}.{key}"));
            if ty.contains("cards") {
                continue;
            }
            if let Some(inner) = ty.split_once('{').and_then(|(_, r)| r.split_once('}')) {
                let list = if ty.starts_with("list of") || ty.contains(" list of ") {
                    ".[]"
                } else {
                    ""
                };
                for sub in inner.0.split(',') {
                    out.insert(format!("{obj}.{key}{list}.{}", sub.trim()));
                }
            }
        }
    }
    out
}

#[test]
fn docs_themes_md_documents_exactly_the_context() {
    let site = dumped();
    let all = paths(&site);
    // Two levels below each object, as the docs go; free-form maps
    // (`extra`) and card lists (documented once, as "Card") aside.
    let depth = |p: &str| p.split('.').filter(|s| *s != "[]").count();
    let card_lists = [
        "home.featured",
        "home.latest",
        "listing.entries",
        "program.entries",
        "event.participants",
    ];
    let mut cards: BTreeSet<String> = BTreeSet::new();
    let mut actual: BTreeSet<String> = BTreeSet::new();
    for p in &all {
        // The objects themselves, list items as such, and free-form maps.
        let whole = !p.contains('.') || p.ends_with(".[]");
        // `entry.fields` holds one key per schema field (checked by
        // value in the entry test): documented as a whole.
        if whole || p.contains(".extra.") || p.contains(".fields.") || p.starts_with("t.") {
            continue;
        }
        if let Some(list) = card_lists
            .iter()
            .find(|l| p.starts_with(&format!("{l}.[].")))
        {
            let rest = &p[list.len() + 4..];
            if depth(rest) <= 2 {
                cards.insert(format!("card.{rest}"));
            }
            continue;
        }
        let limit = if p.starts_with("listing.pagination.") {
            4
        } else {
            3
        };
        if depth(p) <= limit {
            actual.insert(p.clone());
        }
    }
    actual.extend(cards);
    // An entry is a card plus its own fields: the card's are documented
    // under Card.
    let mut documented = documented();
    let as_entry: Vec<String> = documented
        .iter()
        .filter_map(|d| d.strip_prefix("card.").map(|rest| format!("entry.{rest}")))
        .collect();
    documented.extend(as_entry);
    let undocumented: Vec<&String> = actual.difference(&documented).collect();
    let missing: Vec<&String> = documented.difference(&actual).collect();
    assert!(
        undocumented.is_empty() && missing.is_empty(),
        "docs/THEMES.md and the context differ.\nIn the context, not documented: {undocumented:#?}\nDocumented, not in the context: {missing:#?}"
    );
}
