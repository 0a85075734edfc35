//! Search: one record per published entry, programme and event, made from
//! the validated data (never from written HTML, never from `private`),
//! and, with the `search` feature, made into Etalase's own static index
//! beside rendering, at `cari/indeks/` (index.rs).
//!
//! Filter and sort names are Indonesian, as they appear in the search
//! page's address (`/cari/?q=keripik&kecamatan=Medansatria`).

#[cfg(feature = "search")]
mod index;

#[cfg(feature = "search")]
pub(crate) use index::{Cache, Cost, Indexer};

use crate::index::Site;
use crate::model::Kind;
use crate::paths;
use crate::places;
use crate::project::{self, Val};
use crate::schema::{Shape, ENTRY};
use crate::text::rupiah_label;
use std::collections::BTreeMap;

/// What the index gets for one page of the site.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    /// The page's path in the site (`umkm/keripik-bu-sri/`), without the
    /// base path or language prefix: the search page adds its own.
    pub url: String,
    /// The words it is found by, each with the rank of the field they come
    /// from (`schema::Def::search`: 1 the name, 9 the description).
    pub words: Vec<(u8, String)>,
    /// Shown in a result (`title`, `jenis`, `kecamatan`, ...).
    pub meta: BTreeMap<String, String>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub sort: BTreeMap<String, String>,
}

/// The filters every record may carry, in the order the search page shows
/// them.
pub(crate) const FILTERS: [&str; 8] = [
    "jenis",
    "kategori",
    "kecamatan",
    "kelurahan",
    "program",
    "sertifikasi",
    "qris",
    "status",
];

/// How much of a description is indexed, in characters.
pub(crate) const MAX_DESCRIPTION: usize = 600;

/// The status filter's values.
pub(crate) const OPEN: &str = "Buka";
pub(crate) const CLOSED: &str = "Tutup permanen";

/// The record of entry `i`; `description` is its description as text
/// (`markdown::plain`), as made for its page.
pub(crate) fn entry_record(site: &Site, i: usize, description: &str) -> Record {
    let e = &site.content.entries[i];
    let cat = &site.config.categories[e.category];
    let dis = &site.config.districts[e.district];
    // The words it is found by: the searched fields of the schema, in the
    // order of their rank (`schema::Def::search`).
    let mut searched: Vec<_> = ENTRY
        .iter()
        .filter(|d| d.search > 0 && d.kinds.contains(&e.kind))
        .collect();
    searched.sort_by_key(|d| d.search);
    let mut pieces: Vec<(u8, String)> = Vec::new();
    for d in searched {
        let val = project::value(site, i, description, d.field);
        let mut found = Vec::new();
        words(val, d.shape == Shape::Markdown, &mut found);
        pieces.extend(found.into_iter().map(|w| (d.search, w)));
    }
    let programmes: Vec<String> = site.entry_programmes[i]
        .iter()
        .map(|&p| site.content.programmes[p].name.clone())
        .collect();

    let mut meta = BTreeMap::new();
    meta.insert("title".into(), e.name.clone());
    meta.insert("jenis".into(), e.kind.folder().into());
    meta.insert("kecamatan".into(), dis.name.clone());
    if let Some(v) = &e.village {
        meta.insert("kelurahan".into(), v.clone());
    }
    if let Some(p) = e.products.first() {
        meta.insert("produk".into(), p.name.clone());
        if let Some(price) = p.price {
            meta.insert("harga".into(), rupiah_label(price));
        }
    }
    if let Some(w) = &e.whatsapp {
        meta.insert("wa".into(), w.digits.clone());
    }
    if let Some(t) = &e.phone {
        meta.insert("tel".into(), t.digits.clone());
        meta.insert("telepon".into(), t.display.clone());
    }
    if let Some(logo) = &e.logo {
        meta.insert("image".into(), logo.output.clone());
    }
    if let Some(a) = &e.address {
        meta.insert("alamat".into(), a.clone());
    }
    if !e.hours.is_empty() {
        meta.insert("jam".into(), hours(&e.hours));
    }
    if e.closed {
        meta.insert("tutup".into(), "1".into());
    }

    let mut filters = BTreeMap::new();
    let one = |v: &str| vec![v.to_string()];
    filters.insert("jenis".into(), one(e.kind.folder()));
    filters.insert("kategori".into(), one(&cat.name));
    filters.insert("kecamatan".into(), one(&dis.name));
    if let Some(v) = &e.village {
        filters.insert("kelurahan".into(), one(v));
    }
    if !programmes.is_empty() {
        filters.insert("program".into(), programmes);
    }
    let mut certs: Vec<String> = e
        .certifications
        .iter()
        .filter(|c| c.kind != "other" && site.certified(c))
        .map(|c| c.kind.to_uppercase())
        .collect();
    if e.products.iter().any(|p| p.halal) && !certs.iter().any(|c| c == "HALAL") {
        certs.push("HALAL".into());
    }
    certs.sort();
    certs.dedup();
    if !certs.is_empty() {
        filters.insert("sertifikasi".into(), certs);
    }
    if e.qris.is_some() {
        filters.insert("qris".into(), one("QRIS"));
    }
    filters.insert("status".into(), one(if e.closed { CLOSED } else { OPEN }));

    Record {
        url: paths::entry(e.kind, &e.slug),
        words: pieces,
        meta,
        filters,
        sort: sort_keys(&e.name, e.updated.as_ref().map(|d| d.iso())),
    }
}

/// Opening hours as a result's card carries them, for "open now": seven
/// days from Monday, comma-separated, each empty (not said), `x` (closed)
/// or the opening and closing minute in base 36 (`dc-140`: 08:00 to 17:00).
fn hours(days: &[crate::model::DayHours]) -> String {
    let mut week = vec![String::new(); 7];
    for d in days {
        if let Some(slot) = week.get_mut(d.day as usize) {
            *slot = match d.open_close {
                Some((o, c)) => format!("{}-{}", b36(o.into()), b36(c.into())),
                None => "x".into(),
            };
        }
    }
    week.join(",")
}

/// Numbers in base 36, as `parseInt(x, 36)` reads them.
pub(crate) fn b36(n: u64) -> String {
    let mut s = String::new();
    push_b36(&mut s, n);
    s
}

/// Writes `n` in base 36 at the end of `out`, without a string of its own
/// (the index writes a million of them at 10,000 entries).
pub(crate) fn push_b36(out: &mut String, mut n: u64) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 13];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

/// The words of a field's value, for the record's text: a place in every
/// spelling residents type, a description's start only.
fn words(val: Val, description: bool, out: &mut Vec<String>) {
    match val {
        Val::Text(t) if description => {
            // The start of the description: where owners say what they
            // make and sell; the rest would only grow the index.
            let start: String = t.chars().take(MAX_DESCRIPTION).collect();
            if !start.is_empty() {
                out.push(start);
            }
        }
        Val::Text(t) => out.push(t.into_owned()),
        Val::Texts(list) => out.extend(list.iter().cloned()),
        Val::Category(c) => out.push(c.name.clone()),
        Val::District(d) => out.extend(places::spellings(&d.name, &d.aliases)),
        Val::Village(_, name, _) => out.extend(places::spellings(name, &[])),
        Val::Programmes(list) => out.extend(list.iter().map(|p| p.name.clone())),
        Val::Products(products) => {
            for p in products {
                out.push(p.name.clone());
                out.extend(p.description.clone());
            }
        }
        _ => {}
    }
}

/// The records of the programmes and events: found by name and summary,
/// filtered by their kind.
#[cfg_attr(not(feature = "search"), allow(dead_code))]
pub(crate) fn other_records(site: &Site) -> Vec<Record> {
    let mut out = Vec::new();
    for p in &site.content.programmes {
        let mut meta = BTreeMap::new();
        meta.insert("title".into(), p.name.clone());
        meta.insert("jenis".into(), Kind::Program.folder().into());
        let mut words = vec![(1, p.name.clone())];
        words.extend(p.summary.iter().map(|s| (9, s.clone())));
        let text: String = crate::markdown::plain(&p.description)
            .chars()
            .take(MAX_DESCRIPTION)
            .collect();
        words.push((9, text));
        out.push(Record {
            url: paths::item(Kind::Program, &p.slug),
            words,
            meta,
            filters: BTreeMap::from([("jenis".into(), vec![Kind::Program.folder().into()])]),
            sort: sort_keys(&p.name, None),
        });
    }
    for ev in &site.content.events {
        let mut meta = BTreeMap::new();
        meta.insert("title".into(), ev.name.clone());
        meta.insert("jenis".into(), Kind::Acara.folder().into());
        let mut words = vec![(1, ev.name.clone())];
        if let Some(v) = &ev.venue {
            words.push((4, v.clone()));
        }
        let mut filters = BTreeMap::from([("jenis".into(), vec![Kind::Acara.folder().into()])]);
        if let Some(d) = ev.district {
            let dis = &site.config.districts[d];
            meta.insert("kecamatan".into(), dis.name.clone());
            filters.insert("kecamatan".into(), vec![dis.name.clone()]);
            for name in places::spellings(&dis.name, &dis.aliases) {
                words.push((6, name));
            }
        }
        out.push(Record {
            url: paths::item(Kind::Acara, &ev.slug),
            words,
            meta,
            filters,
            sort: sort_keys(&ev.name, None),
        });
    }
    out
}

fn sort_keys(name: &str, updated: Option<String>) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("nama".into(), name.to_lowercase()),
        // Entries without a date sort as the oldest.
        (
            "diperbarui".into(),
            updated.unwrap_or_else(|| "0000-00-00".into()),
        ),
    ])
}
