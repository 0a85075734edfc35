//! The columns of the entry tables (CSV) and the fields of the JSON
//! records: the schema's keys, so that a table exported here, edited in a
//! spreadsheet and given to `etalase import` comes back as it went.
//!
//! Each field of `schema::ENTRY` is matched here without a catch-all arm:
//! a new field does not compile until it is given its columns (or none,
//! with the reason).

use crate::index::Site;
use crate::model::{Entry, Kind};
use crate::schema::{EntryField, ENTRY};
use std::borrow::Cow;

/// What a cell is read from: the site, the entry, its Markdown text.
/// Borrowed where it can be: 10,000 descriptions are not copied twice.
type Get = for<'a> fn(&'a Site, &'a Entry, &'a str) -> Option<Cow<'a, str>>;

/// One column of an entry table.
#[derive(Clone, Copy)]
pub(crate) struct Column {
    /// Its header: a schema key, or one `import` reads (`lat`, `halal`).
    pub(crate) key: &'static str,
    /// The Frictionless Data type (datapackage.json).
    pub(crate) kind: &'static str,
    /// What it holds, for datapackage.json, in Bahasa Indonesia.
    pub(crate) title: &'static str,
    get: Get,
}

impl Column {
    /// The cell of this column for entry `e` (`text`: its Markdown).
    pub(crate) fn cell<'a>(&self, site: &'a Site, e: &'a Entry, text: &'a str) -> Cow<'a, str> {
        (self.get)(site, e, text).unwrap_or_default()
    }
}

const fn col(key: &'static str, kind: &'static str, title: &'static str, get: Get) -> Column {
    Column {
        key,
        kind,
        title,
        get,
    }
}

fn link<'a>(e: &'a Entry, network: &str) -> Option<Cow<'a, str>> {
    e.socials
        .iter()
        .chain(&e.shops)
        .find(|l| l.network == network)
        .map(|l| Cow::Borrowed(l.label.as_str()))
}

/// An optional text field, borrowed.
fn opt(v: &Option<String>) -> Option<Cow<'_, str>> {
    v.as_deref().map(Cow::Borrowed)
}

fn owned<'a>(v: Option<String>) -> Option<Cow<'a, str>> {
    v.map(Cow::Owned)
}

/// A certificate's number, or `ya` when it has none.
fn cert<'a>(e: &'a Entry, kind: &str) -> Option<Cow<'a, str>> {
    e.certifications
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| Cow::Borrowed(c.number.as_deref().unwrap_or("ya")))
}

/// One line per product, as `import` reads names, prices and units; `-`
/// for a product without one, so the lines stay in step.
fn lines<'a>(e: &Entry, f: fn(&crate::model::Product) -> String) -> Option<Cow<'a, str>> {
    let cells: Vec<String> = e.products.iter().map(f).collect();
    cells.iter().any(|c| !c.is_empty()).then(|| {
        let cells: Vec<&str> = cells
            .iter()
            .map(|c| if c.is_empty() { "-" } else { c.as_str() })
            .collect();
        Cow::Owned(cells.join("\n"))
    })
}

fn coop<'a>(
    e: &'a Entry,
    f: fn(&'a crate::model::Cooperative) -> Option<Cow<'a, str>>,
) -> Option<Cow<'a, str>> {
    e.coop.as_ref().and_then(f)
}

fn vendor<'a>(
    e: &'a Entry,
    f: fn(&'a crate::model::Vendor) -> Option<Cow<'a, str>>,
) -> Option<Cow<'a, str>> {
    e.vendor.as_ref().and_then(f)
}

/// The columns a field fills: none for what a table cannot carry back
/// (pictures, hours, programmes, awards; JSON has them), or what is never
/// published (`private`, drafts).
fn columns_of(field: EntryField) -> Vec<Column> {
    use EntryField as F;
    match field {
        F::Name => vec![col("name", "string", "nama usaha", |_, e, _| {
            Some(Cow::Borrowed(e.name.as_str()))
        })],
        F::Slug => vec![col("slug", "string", "alamat web (slug)", |_, e, _| {
            Some(Cow::Borrowed(e.slug.as_str()))
        })],
        F::Category => vec![col("category", "string", "slug kategori", |s, e, _| {
            Some(Cow::Borrowed(s.config.categories[e.category].slug.as_str()))
        })],
        F::District => vec![col("district", "string", "kecamatan", |s, e, _| {
            Some(Cow::Borrowed(s.config.districts[e.district].name.as_str()))
        })],
        F::Village => vec![col("village", "string", "kelurahan", |_, e, _| {
            opt(&e.village)
        })],
        F::Address => vec![col(
            "address",
            "string",
            "alamat",
            |_, e, _| opt(&e.address),
        )],
        F::Geo => vec![
            col("lat", "number", "lintang (derajat desimal)", |_, e, _| {
                owned(e.geo.map(|g| g.lat.to_string()))
            }),
            col("lon", "number", "bujur (derajat desimal)", |_, e, _| {
                owned(e.geo.map(|g| g.lon.to_string()))
            }),
        ],
        F::Phone => vec![col("phone", "string", "telepon", |_, e, _| {
            e.phone.as_ref().map(|p| Cow::Borrowed(p.display.as_str()))
        })],
        F::Whatsapp => vec![col("whatsapp", "string", "WhatsApp", |_, e, _| {
            e.whatsapp
                .as_ref()
                .map(|p| Cow::Borrowed(p.display.as_str()))
        })],
        F::Email => vec![col("email", "string", "e-mail", |_, e, _| opt(&e.email))],
        F::Website => vec![col("website", "string", "situs web", |_, e, _| {
            opt(&e.website)
        })],
        F::Instagram => vec![col("instagram", "string", "Instagram", |_, e, _| {
            link(e, "instagram")
        })],
        F::Facebook => vec![col("facebook", "string", "Facebook", |_, e, _| {
            link(e, "facebook")
        })],
        F::Tiktok => vec![col("tiktok", "string", "TikTok", |_, e, _| {
            link(e, "tiktok")
        })],
        F::Tokopedia => vec![col("tokopedia", "string", "toko Tokopedia", |_, e, _| {
            link(e, "tokopedia")
        })],
        F::Shopee => vec![col("shopee", "string", "toko Shopee", |_, e, _| {
            link(e, "shopee")
        })],
        F::Scale => vec![col("scale", "string", "skala usaha", |_, e, _| {
            opt(&e.scale)
        })],
        F::Nib => vec![col("nib", "string", "Nomor Induk Berusaha", |_, e, _| {
            opt(&e.nib)
        })],
        F::Kbli => vec![col(
            "kbli",
            "string",
            "kode KBLI 2020, dipisah koma",
            |_, e, _| (!e.kbli.is_empty()).then(|| Cow::Owned(e.kbli.join(", "))),
        )],
        F::Qris => vec![col("qris", "string", "NMID QRIS", |_, e, _| opt(&e.qris))],
        F::Certifications => vec![
            col(
                "halal",
                "string",
                "sertifikat halal: nomornya, atau ya",
                |_, e, _| cert(e, "halal"),
            ),
            col("pirt", "string", "P-IRT: nomornya, atau ya", |_, e, _| {
                cert(e, "pirt")
            }),
            col("bpom", "string", "BPOM: nomornya, atau ya", |_, e, _| {
                cert(e, "bpom")
            }),
            col("sni", "string", "SNI: nomornya, atau ya", |_, e, _| {
                cert(e, "sni")
            }),
        ],
        F::Products => vec![
            col(
                "products",
                "string",
                "nama produk, satu per baris",
                |_, e, _| lines(e, |p| p.name.clone()),
            ),
            col(
                "price",
                "string",
                "harga (rupiah bulat), satu per baris",
                |_, e, _| lines(e, |p| p.price.map(|n| n.to_string()).unwrap_or_default()),
            ),
            col("unit", "string", "satuan, satu per baris", |_, e, _| {
                lines(e, |p| p.unit.clone().unwrap_or_default())
            }),
        ],
        F::Tags => vec![col("tags", "string", "label, dipisah koma", |_, e, _| {
            (!e.tags.is_empty()).then(|| Cow::Owned(e.tags.join(", ")))
        })],
        F::Founded => vec![col("founded", "year", "tahun berdiri", |_, e, _| {
            owned(e.founded.map(|y| y.to_string()))
        })],
        F::Updated => vec![col(
            "updated",
            "date",
            "tanggal perubahan terakhir",
            |_, e, _| owned(e.updated.map(|d| d.iso())),
        )],
        F::Verified => vec![col(
            "verified",
            "date",
            "tanggal terakhir dicek petugas",
            |_, e, _| owned(e.verified.map(|d| d.iso())),
        )],
        F::Status => vec![col("status", "string", "aktif atau tutup", |_, e, _| {
            Some(Cow::Borrowed(if e.closed { "tutup" } else { "aktif" }))
        })],
        F::Description => vec![col(
            "description",
            "string",
            "deskripsi (Markdown)",
            |_, _, t| Some(Cow::Borrowed(t.trim_end())),
        )],
        F::LegalNumber => vec![col(
            "legal_number",
            "string",
            "nomor badan hukum",
            |_, e, _| coop(e, |c| opt(&c.legal_number)),
        )],
        F::CooperativeType => vec![col(
            "cooperative_type",
            "string",
            "jenis koperasi",
            |_, e, _| coop(e, |c| opt(&c.cooperative_type)),
        )],
        F::Sharia => vec![col(
            "sharia",
            "boolean",
            "koperasi syariah: ya atau tidak",
            |_, e, _| {
                coop(e, |c| {
                    Some(Cow::Borrowed(if c.sharia { "ya" } else { "tidak" }))
                })
            },
        )],
        F::Members => vec![col("members", "integer", "jumlah anggota", |_, e, _| {
            coop(e, |c| owned(c.members.map(|n| n.to_string())))
        })],
        F::Mosque => vec![col("mosque", "string", "masjid", |_, e, _| {
            coop(e, |c| opt(&c.mosque))
        })],
        F::Stall => vec![col("stall", "string", "jenis lapak", |_, e, _| {
            vendor(e, |v| opt(&v.stall))
        })],
        F::Schedule => vec![col("schedule", "string", "jadwal berjualan", |_, e, _| {
            vendor(e, |v| opt(&v.schedule))
        })],
        // Not in a table: pictures are files; hours, programmes, awards
        // and the deed are nested (the JSON has them); `extra` is the
        // theme's, `featured` the home page's; a draft is never published
        // and `private` never leaves the office.
        F::Hours
        | F::Programs
        | F::Awards
        | F::Logo
        | F::Images
        | F::Featured
        | F::Draft
        | F::Extra
        | F::Private
        | F::Deed => vec![],
    }
}

/// The column that says which kind a row is, in the table of all kinds.
pub(crate) const KIND: Column = col(
    "kind",
    "string",
    "jenis: umkm, koperasi atau pkl",
    |_, e, _| Some(Cow::Borrowed(e.kind.folder())),
);

/// The columns of the table of `kind` (all kinds: `None`, with `kind`
/// first), in the schema's order.
pub(crate) fn columns(kind: Option<Kind>) -> Vec<Column> {
    let mut out = Vec::new();
    if kind.is_none() {
        out.push(KIND);
    }
    for d in ENTRY {
        if kind.is_none_or(|k| d.kinds.contains(&k)) {
            out.extend(columns_of(d.field));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_read_back_by_import() {
        for kind in Kind::DIRECTORY {
            for c in columns(Some(kind)) {
                let target = crate::import::columns::recognise(c.key, kind);
                assert!(
                    !matches!(
                        target,
                        crate::import::columns::Target::Extra(_)
                            | crate::import::columns::Target::Private(_)
                            | crate::import::columns::Target::Skip
                    ),
                    "{} of {kind:?} is not read by import: {target:?}",
                    c.key
                );
            }
        }
    }
}
