//! The template context, seen through the test theme `dump`
//! (tests/fixtures/dump-theme/), which prints the key paths each page's
//! template gets. So these tests read what the engine gives, not what the
//! default theme makes of it, and check docs/THEMES.md against it.

use crate::common::*;
use std::collections::BTreeSet;
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

/// Every key path printed on the pages of `site`.
fn paths(site: &Site) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in html_files(&site.public()) {
        let text = std::fs::read_to_string(site.public().join(&file)).unwrap();
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string),
        );
    }
    out
}

#[test]
fn every_page_gets_the_site_the_page_and_its_own_object() {
    let site = dumped();
    let entry = site.read("umkm/warung-lengkap/index.html");
    for key in [
        "site.title",
        "site.kinds.[].url",
        "page.permalink",
        "page.alternates.[].lang",
        "assets.css",
        "entry.name",
        "entry.kind_url",
        "entry.products.[].price_label",
        "entry.hours.[].open",
        "entry.coop",
    ] {
        assert!(
            entry.lines().any(|l| l == key),
            "no {key} on an entry page:\n{entry}"
        );
    }
    let listing = site.read("umkm/index.html");
    assert!(
        listing
            .lines()
            .any(|l| l == "listing.pagination.pages.[].url"),
        "{listing}"
    );
    assert!(
        listing.lines().any(|l| l == "listing.entries.[].name"),
        "{listing}"
    );
    let terms = site.read("kecamatan/index.html");
    assert!(
        terms.lines().any(|l| l == "terms.items.[].count"),
        "{terms}"
    );
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
        if p == "lang" || p.contains(".extra.") || p.starts_with("t.") {
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
