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

/// What a cell is read from: the site, the entry, its Markdown text.
type Get = fn(&Site, &Entry, &str) -> Option<String>;

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
    pub(crate) fn cell(&self, site: &Site, e: &Entry, text: &str) -> String {
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

fn link(e: &Entry, network: &str) -> Option<String> {
    e.socials
        .iter()
        .chain(&e.shops)
        .find(|l| l.network == network)
        .map(|l| l.label.clone())
}

/// A certificate's number, or `ya` when it has none.
fn cert(e: &Entry, kind: &str) -> Option<String> {
    e.certifications
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| c.number.clone().unwrap_or_else(|| "ya".into()))
}

/// One line per product, as `import` reads names, prices and units; `-`
/// for a product without one, so the lines stay in step.
fn lines(e: &Entry, f: fn(&crate::model::Product) -> String) -> Option<String> {
    let cells: Vec<String> = e.products.iter().map(f).collect();
    cells.iter().any(|c| !c.is_empty()).then(|| {
        let cells: Vec<&str> = cells
            .iter()
            .map(|c| if c.is_empty() { "-" } else { c.as_str() })
            .collect();
        cells.join("\n")
    })
}

fn coop<T>(e: &Entry, f: fn(&crate::model::Cooperative) -> Option<T>) -> Option<T> {
    e.coop.as_ref().and_then(f)
}

fn vendor(e: &Entry, f: fn(&crate::model::Vendor) -> Option<String>) -> Option<String> {
    e.vendor.as_ref().and_then(f)
}

/// The columns a field fills: none for what a table cannot carry back
/// (pictures, hours, programmes, awards; JSON has them), or what is never
/// published (`private`, drafts).
fn columns_of(field: EntryField) -> Vec<Column> {
    use EntryField as F;
    match field {
        F::Name => vec![col("name", "string", "nama usaha", |_, e, _| Some(e.name.clone()))],
        F::Slug => vec![col("slug", "string", "alamat web (slug)", |_, e, _| Some(e.slug.clone()))],
        F::Category => vec![col("category", "string", "slug kategori", |s, e, _| {
            Some(s.config.categories[e.category].slug.clone())
        })],
        F::District => vec![col("district", "string", "kecamatan", |s, e, _| {
            Some(s.config.districts[e.district].name.clone())
        })],
        F::Village => vec![col("village", "string", "kelurahan", |_, e, _| e.village.clone())],
        F::Address => vec![col("address", "string", "alamat", |_, e, _| e.address.clone())],
        F::Geo => vec![
            col("lat", "number", "lintang (derajat desimal)", |_, e, _| {
                e.geo.map(|g| g.lat.to_string())
            }),
            col("lon", "number", "bujur (derajat desimal)", |_, e, _| {
                e.geo.map(|g| g.lon.to_string())
            }),
        ],
        F::Phone => vec![col("phone", "string", "telepon", |_, e, _| {
            e.phone.as_ref().map(|p| p.display.clone())
        })],
        F::Whatsapp => vec![col("whatsapp", "string", "WhatsApp", |_, e, _| {
            e.whatsapp.as_ref().map(|p| p.display.clone())
        })],
        F::Email => vec![col("email", "string", "e-mail", |_, e, _| e.email.clone())],
        F::Website => vec![col("website", "string", "situs web", |_, e, _| e.website.clone())],
        F::Instagram => vec![col("instagram", "string", "Instagram", |_, e, _| link(e, "instagram"))],
        F::Facebook => vec![col("facebook", "string", "Facebook", |_, e, _| link(e, "facebook"))],
        F::Tiktok => vec![col("tiktok", "string", "TikTok", |_, e, _| link(e, "tiktok"))],
        F::Tokopedia => vec![col("tokopedia", "string", "toko Tokopedia", |_, e, _| link(e, "tokopedia"))],
        F::Shopee => vec![col("shopee", "string", "toko Shopee", |_, e, _| link(e, "shopee"))],
        F::Scale => vec![col("scale", "string", "skala usaha", |_, e, _| e.scale.clone())],
        F::Nib => vec![col("nib", "string", "Nomor Induk Berusaha", |_, e, _| e.nib.clone())],
        F::Kbli => vec![col("kbli", "string", "kode KBLI 2020, dipisah koma", |_, e, _| {
            (!e.kbli.is_empty()).then(|| e.kbli.join(", "))
        })],
        F::Qris => vec![col("qris", "string", "NMID QRIS", |_, e, _| e.qris.clone())],
        F::Certifications => vec![
            col("halal", "string", "sertifikat halal: nomornya, atau ya", |_, e, _| cert(e, "halal")),
            col("pirt", "string", "P-IRT: nomornya, atau ya", |_, e, _| cert(e, "pirt")),
            col("bpom", "string", "BPOM: nomornya, atau ya", |_, e, _| cert(e, "bpom")),
            col("sni", "string", "SNI: nomornya, atau ya", |_, e, _| cert(e, "sni")),
        ],
        F::Products => vec![
            col("products", "string", "nama produk, satu per baris", |_, e, _| {
                lines(e, |p| p.name.clone())
            }),
            col("price", "string", "harga (rupiah bulat), satu per baris", |_, e, _| {
                lines(e, |p| p.price.map(|n| n.to_string()).unwrap_or_default())
            }),
            col("unit", "string", "satuan, satu per baris", |_, e, _| {
                lines(e, |p| p.unit.clone().unwrap_or_default())
            }),
        ],
        F::Tags => vec![col("tags", "string", "label, dipisah koma", |_, e, _| {
            (!e.tags.is_empty()).then(|| e.tags.join(", "))
        })],
        F::Founded => vec![col("founded", "year", "tahun berdiri", |_, e, _| {
            e.founded.map(|y| y.to_string())
        })],
        F::Updated => vec![col("updated", "date", "tanggal perubahan terakhir", |_, e, _| {
            e.updated.map(|d| d.iso())
        })],
        F::Verified => vec![col("verified", "date", "tanggal terakhir dicek petugas", |_, e, _| {
            e.verified.map(|d| d.iso())
        })],
        F::Status => vec![col("status", "string", "aktif atau tutup", |_, e, _| {
            Some(if e.closed { "tutup" } else { "aktif" }.into())
        })],
        F::Description => vec![col("description", "string", "deskripsi (Markdown)", |_, _, t| {
            Some(t.trim_end().to_string())
        })],
        F::LegalNumber => vec![col("legal_number", "string", "nomor badan hukum", |_, e, _| {
            coop(e, |c| c.legal_number.clone())
        })],
        F::CooperativeType => vec![col("cooperative_type", "string", "jenis koperasi", |_, e, _| {
            coop(e, |c| c.cooperative_type.clone())
        })],
        F::Sharia => vec![col("sharia", "boolean", "koperasi syariah: ya atau tidak", |_, e, _| {
            coop(e, |c| Some(if c.sharia { "ya" } else { "tidak" }.to_string()))
        })],
        F::Members => vec![col("members", "integer", "jumlah anggota", |_, e, _| {
            coop(e, |c| c.members.map(|n| n.to_string()))
        })],
        F::Mosque => vec![col("mosque", "string", "masjid", |_, e, _| coop(e, |c| c.mosque.clone()))],
        F::Stall => vec![col("stall", "string", "jenis lapak", |_, e, _| vendor(e, |v| v.stall.clone()))],
        F::Schedule => vec![col("schedule", "string", "jadwal berjualan", |_, e, _| {
            vendor(e, |v| v.schedule.clone())
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
pub(crate) const KIND: Column = col("kind", "string", "jenis: umkm, koperasi atau pkl", |_, e, _| {
    Some(e.kind.folder().into())
});

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
