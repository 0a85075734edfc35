//! The columns of the entry tables (CSV): the schema's keys, so that a
//! table exported here, edited in a spreadsheet and given to `etalase
//! import` comes back as it went.
//!
//! A field's columns follow from its shape (`schema::Shape`): one column
//! for a value that fits a cell, two for a map point (`lat`, `lon`), one
//! per certificate, and one line per product in the products' columns.
//! Awards take one line per award in three columns, like products; the
//! deed three columns; pictures their file names as the entry writes
//! them; `extra` its YAML; and a last column names the file the entry
//! lives in. Personal data (`private`) and drafts are never here.

use crate::index::Site;
use crate::model::{CertStatus, Kind};
use crate::project::{self, Val};
use crate::schema::{
    cert_status_word, Def, EntryField, ProductField, Publish, Shape, AWARDS_PRIZE, AWARDS_YEAR,
    CERTIFICATES, CERTIFICATES_OTHER, DEED_DATE, DEED_NOTARY, DEED_NUMBER, ENTRY, FILE, LAT, LON,
    PRODUCTS_DESCRIPTION, PRODUCTS_HALAL, PRODUCTS_IMAGE,
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
    /// Certificates of no known type, one per line.
    OtherCertificates,
    /// One line per product: names, prices, units.
    ProductNames,
    ProductPrices,
    ProductUnits,
    ProductHalal,
    ProductDescriptions,
    ProductImages,
    /// One line per award: titles, years, prizes.
    AwardTitles,
    AwardYears,
    AwardPrizes,
    DeedNotary,
    DeedNumber,
    DeedDate,
}

/// Where a column's cells come from.
#[derive(Clone, Copy)]
enum Source {
    /// The file the entry lives in.
    File,
    Field(EntryField, Part),
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
    source: Source,
}

impl Column {
    /// The cell of this column for entry `i` (`text`: its Markdown).
    pub(crate) fn cell<'a>(&self, site: &'a Site, i: usize, text: &'a str) -> Cow<'a, str> {
        match self.source {
            Source::File => Cow::Borrowed(&site.content.entries[i].origin.file),
            Source::Field(field, part) => {
                cell(project::value(site, i, text, field), part).unwrap_or_default()
            }
        }
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
        source: Source::Field(field, part),
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
        | Shape::Programmes
        | Shape::Picture
        | Shape::Pictures
        | Shape::Extra => one("string"),
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
            .chain([col(
                CERTIFICATES_OTHER,
                "string",
                "sertifikat lain, satu per baris",
                d.field,
                Part::OtherCertificates,
            )])
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
            col(
                PRODUCTS_DESCRIPTION,
                "string",
                "keterangan produk, satu per baris (- bila tidak ada)",
                d.field,
                Part::ProductDescriptions,
            ),
            col(
                PRODUCTS_IMAGE,
                "string",
                "foto produk, satu per baris (- bila tidak ada)",
                d.field,
                Part::ProductImages,
            ),
        ],
        Shape::Awards => vec![
            col(
                d.key,
                "string",
                "penghargaan, satu per baris",
                d.field,
                Part::AwardTitles,
            ),
            col(
                AWARDS_YEAR,
                "string",
                "tahun penghargaan, satu per baris",
                d.field,
                Part::AwardYears,
            ),
            col(
                AWARDS_PRIZE,
                "string",
                "peringkat atau hadiah, satu per baris",
                d.field,
                Part::AwardPrizes,
            ),
        ],
        Shape::Deed => vec![
            col(
                DEED_NOTARY,
                "string",
                "notaris akta pendirian",
                d.field,
                Part::DeedNotary,
            ),
            col(
                DEED_NUMBER,
                "string",
                "nomor akta pendirian",
                d.field,
                Part::DeedNumber,
            ),
            col(
                DEED_DATE,
                "date",
                "tanggal akta pendirian",
                d.field,
                Part::DeedDate,
            ),
        ],
        // Never in a table: personal data, and programmes' and events'
        // own shapes.
        Shape::Private | Shape::Target | Shape::DateTime | Shape::Participants => vec![],
    }
}

/// A certificate of no known type on one line: its name when that is all
/// it has, else a flow mapping with JSON's quotes (YAML's too), which the
/// import reads back.
fn other_certificate(c: &crate::model::Certification) -> String {
    let plain = c.number.is_none() && c.valid_until.is_none() && c.status == CertStatus::Certified;
    let quoted = |t: &str| serde_json::to_string(t).unwrap_or_default();
    if plain && !c.label.starts_with('{') && !c.label.contains('\n') {
        return c.label.clone();
    }
    let mut parts = vec![format!("type: {}", quoted(&c.label))];
    if let Some(n) = &c.number {
        parts.push(format!("number: {}", quoted(n)));
    }
    if c.status != CertStatus::Certified {
        parts.push(format!("status: {}", cert_status_word(c.status)));
    }
    if let Some(d) = c.valid_until {
        parts.push(format!("valid_until: {}", d.iso()));
    }
    format!("{{{}}}", parts.join(", "))
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
        (Val::Certifications(certs), Part::OtherCertificates) => {
            let lines: Vec<String> = certs
                .iter()
                .filter(|c| c.kind == "other")
                .map(other_certificate)
                .collect();
            if lines.is_empty() {
                return None;
            }
            Cow::Owned(lines.join("\n"))
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
        (Val::Products(products), Part::ProductDescriptions) => lines(products, |p| {
            p.description.as_deref().map(one_line).unwrap_or_default()
        })?,
        (Val::Products(products), Part::ProductImages) => lines(products, |p| {
            p.image
                .as_ref()
                .map(|a| a.written.clone())
                .unwrap_or_default()
        })?,
        (Val::Awards(awards), Part::AwardTitles) => lines(awards, |a| one_line(&a.title))?,
        (Val::Awards(awards), Part::AwardYears) => lines(awards, |a| {
            a.year.map(|y| y.to_string()).unwrap_or_default()
        })?,
        (Val::Awards(awards), Part::AwardPrizes) => lines(awards, |a| {
            a.prize.as_deref().map(one_line).unwrap_or_default()
        })?,
        (Val::Deed(d), Part::DeedNotary) => Cow::Borrowed(d.notary.as_deref()?),
        (Val::Deed(d), Part::DeedNumber) => Cow::Borrowed(d.number.as_deref()?),
        (Val::Deed(d), Part::DeedDate) => Cow::Owned(d.date?.iso()),
        (Val::Picture(a), _) => Cow::Borrowed(a.written.as_str()),
        (Val::Pictures(list), _) if !list.is_empty() => Cow::Owned(
            list.iter()
                .map(|a| a.written.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        (Val::Yaml(v), _) => match v {
            serde_yaml::Value::Mapping(m) if !m.is_empty() => {
                Cow::Owned(serde_yaml::to_string(v).ok()?.trim_end().to_string())
            }
            _ => return None,
        },
        (val, _) => project::cell(val)?,
    })
}

/// A text on one line, so the lines of a cell stay in step: a line break
/// inside is a space.
fn one_line(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One line per item, as `import` reads them; `-` for an item without
/// one, so the lines stay in step.
fn lines<'a, T>(items: &[T], f: fn(&T) -> String) -> Option<Cow<'a, str>> {
    let cells: Vec<String> = items.iter().map(f).collect();
    cells.iter().any(|c| !c.is_empty()).then(|| {
        let cells: Vec<&str> = cells
            .iter()
            .map(|c| if c.is_empty() { "-" } else { c.as_str() })
            .collect();
        Cow::Owned(cells.join("\n"))
    })
}

/// The columns of a table that hold products, a line per product: in the
/// workbook, the products sheet's (a row per product) instead.
pub(crate) const PRODUCT_COLUMNS: [&str; 6] = [
    "products",
    "price",
    "unit",
    PRODUCTS_HALAL,
    PRODUCTS_DESCRIPTION,
    PRODUCTS_IMAGE,
];

/// The column naming the file an entry lives in: where to look, and what
/// a re-import matches by after the slug.
const FILE_COLUMN: Column = Column {
    key: FILE,
    kind: "string",
    title: "berkas entri di folder situs",
    source: Source::File,
};

/// The columns of the table of `kind`, in the schema's order: every field
/// an entry of the kind can hold except personal data and the draft mark
/// (drafts are never published), then the file.
pub(crate) fn columns(kind: Kind) -> Vec<Column> {
    let mut out = Vec::new();
    for d in ENTRY {
        if d.publish != Publish::Never && d.kinds.contains(&kind) {
            out.extend(columns_of(d));
        }
    }
    out.push(FILE_COLUMN);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_is_read_back_by_import() {
        for kind in Kind::DIRECTORY {
            for c in columns(kind) {
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
