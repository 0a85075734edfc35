//! The columns of the entry tables (CSV): the schema's keys, so that a
//! table exported here, edited in a spreadsheet and given to `etalase
//! import` comes back as it went.
//!
//! A field's columns follow from its shape (`schema::Shape`): one column
//! for a value that fits a cell, two for a map point (`lat`, `lon`), one
//! per certificate, and one line per product in the products' columns.
//! A shape without a form in a cell yet (hours, programmes, awards,
//! pictures, the deed) has no column; the JSON records carry it.

use crate::index::Site;
use crate::model::{CertStatus, Kind, Product};
use crate::project::{self, Val};
use crate::schema::{
    cert_status_word, Def, EntryField, ProductField, Publish, Shape, CERTIFICATES, ENTRY, LAT, LON,
    PRODUCTS_HALAL,
};
use std::borrow::Cow;

/// Which part of a field's value a column holds.
#[derive(Clone, Copy)]
enum Part {
    Whole,
    Lat,
    Lon,
    /// A certificate of this kind: its number or `ya` when granted,
    /// `proses`, `belum`.
    Certificate(&'static str),
    /// A certificate's last day.
    CertificateUntil(&'static str),
    /// One line per product: names, prices, units.
    ProductNames,
    ProductPrices,
    ProductUnits,
    ProductHalal,
}

/// One column of an entry table.
#[derive(Clone, Copy)]
pub(crate) struct Column {
    /// Its header: a schema key, or one `import` reads (`lat`, `halal`).
    pub(crate) key: &'static str,
    /// The Frictionless Data type (datapackage.json).
    pub(crate) kind: &'static str,
    /// What it holds, for datapackage.json, in Bahasa Indonesia.
    pub(crate) title: &'static str,
    /// `None`: the column that says which kind a row is.
    field: Option<EntryField>,
    part: Part,
}

impl Column {
    /// The cell of this column for entry `i` (`text`: its Markdown).
    pub(crate) fn cell<'a>(&self, site: &'a Site, i: usize, text: &'a str) -> Cow<'a, str> {
        let Some(field) = self.field else {
            return Cow::Borrowed(site.content.entries[i].kind.folder());
        };
        cell(project::value(site, i, text, field), self.part).unwrap_or_default()
    }
}

const fn col(
    key: &'static str,
    kind: &'static str,
    title: &'static str,
    field: EntryField,
    part: Part,
) -> Column {
    Column {
        key,
        kind,
        title,
        field: Some(field),
        part,
    }
}

/// The columns of a field, by its shape.
fn columns_of(d: &Def<EntryField>) -> Vec<Column> {
    let one = |kind| vec![col(d.key, kind, d.title, d.field, Part::Whole)];
    match d.shape {
        Shape::Text
        | Shape::Slug
        | Shape::Category
        | Shape::District
        | Shape::Village
        | Shape::Phone
        | Shape::Email
        | Shape::Web
        | Shape::Social { .. }
        | Shape::Shop { .. }
        | Shape::Choice(_)
        | Shape::Digits(_)
        | Shape::Codes
        | Shape::Tags
        | Shape::Status
        | Shape::Markdown
        | Shape::Hours
        | Shape::Programmes => one("string"),
        Shape::Year => one("year"),
        Shape::Count => one("integer"),
        Shape::Flag => one("boolean"),
        Shape::Date => one("date"),
        Shape::Geo => vec![
            col(
                LAT,
                "number",
                "lintang (derajat desimal)",
                d.field,
                Part::Lat,
            ),
            col(LON, "number", "bujur (derajat desimal)", d.field, Part::Lon),
        ],
        Shape::Certifications => CERTIFICATES
            .iter()
            .flat_map(|c| {
                [
                    col(c.key, "string", c.column, d.field, Part::Certificate(c.key)),
                    col(
                        c.until,
                        "date",
                        "berlaku sampai",
                        d.field,
                        Part::CertificateUntil(c.key),
                    ),
                ]
            })
            .collect(),
        Shape::Products => vec![
            col(
                EntryField::Products.key(),
                "string",
                "nama produk, satu per baris",
                d.field,
                Part::ProductNames,
            ),
            col(
                ProductField::Price.key(),
                "string",
                "harga (rupiah bulat), satu per baris",
                d.field,
                Part::ProductPrices,
            ),
            col(
                ProductField::Unit.key(),
                "string",
                "satuan, satu per baris",
                d.field,
                Part::ProductUnits,
            ),
            col(
                PRODUCTS_HALAL,
                "string",
                "produk halal: ya, satu per baris (- bila tidak)",
                d.field,
                Part::ProductHalal,
            ),
        ],
        // Not in a cell yet: the JSON records have them.
        Shape::Awards
        | Shape::Picture
        | Shape::Pictures
        | Shape::Deed
        | Shape::Extra
        | Shape::Private
        | Shape::Target
        | Shape::DateTime
        | Shape::Participants => vec![],
    }
}

/// A value in a cell, by the part of it the column holds.
fn cell(val: Val<'_>, part: Part) -> Option<Cow<'_, str>> {
    Some(match (val, part) {
        (Val::Geo(g), Part::Lat) => Cow::Owned(g.lat.to_string()),
        (Val::Geo(g), _) => Cow::Owned(g.lon.to_string()),
        (Val::Certifications(certs), Part::Certificate(kind)) => {
            let c = certs.iter().find(|c| c.kind == kind)?;
            match c.status {
                CertStatus::Certified => Cow::Borrowed(c.number.as_deref().unwrap_or("ya")),
                status => Cow::Borrowed(cert_status_word(status)),
            }
        }
        (Val::Certifications(certs), Part::CertificateUntil(kind)) => {
            let c = certs.iter().find(|c| c.kind == kind)?;
            Cow::Owned(c.valid_until?.iso())
        }
        (Val::Products(products), Part::ProductNames) => lines(products, |p| p.name.clone())?,
        (Val::Products(products), Part::ProductPrices) => lines(products, |p| {
            p.price.map(|n| n.to_string()).unwrap_or_default()
        })?,
        (Val::Products(products), Part::ProductUnits) => {
            lines(products, |p| p.unit.clone().unwrap_or_default())?
        }
        (Val::Products(products), Part::ProductHalal) => {
            lines(products, |p| if p.halal { "ya" } else { "" }.to_string())?
        }
        (val, _) => project::cell(val)?,
    })
}

/// One line per product, as `import` reads names, prices and units; `-`
/// for a product without one, so the lines stay in step.
fn lines<'a>(products: &[Product], f: fn(&Product) -> String) -> Option<Cow<'a, str>> {
    let cells: Vec<String> = products.iter().map(f).collect();
    cells.iter().any(|c| !c.is_empty()).then(|| {
        let cells: Vec<&str> = cells
            .iter()
            .map(|c| if c.is_empty() { "-" } else { c.as_str() })
            .collect();
        Cow::Owned(cells.join("\n"))
    })
}

/// The column that says which kind a row is, in the table of all kinds.
const KIND: Column = Column {
    key: "kind",
    kind: "string",
    title: "jenis: umkm, koperasi atau pkl",
    field: None,
    part: Part::Whole,
};

/// The columns of the table of `kind` (all kinds: `None`, with `kind`
/// first), in the schema's order: the fields every download carries.
pub(crate) fn columns(kind: Option<Kind>) -> Vec<Column> {
    let mut out = Vec::new();
    if kind.is_none() {
        out.push(KIND);
    }
    for d in ENTRY {
        if d.publish == Publish::All && kind.is_none_or(|k| d.kinds.contains(&k)) {
            out.extend(columns_of(d));
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
