//! The products sheet of Etalase's own workbook: a row per product, named
//! by its entry's slug. Its rows are folded into one row per entry, each
//! product a line of the products' columns as the tables write them, so a
//! products sheet updates the products of entries that exist and nothing
//! else.

use super::columns::Target;
use super::{Column, RowReport, RowStatus};
use crate::model::Kind;
use crate::schema::EntryField;

/// Whether the sheet is a products sheet: a slug and product names, no
/// entry names or places.
pub(super) fn is_products_sheet(cols: &[Column]) -> bool {
    let has = |t: &Target| cols.iter().any(|c| &c.target == t);
    has(&Target::Field(EntryField::Slug.key()))
        && has(&Target::Products)
        && !has(&Target::Field(EntryField::Name.key()))
        && !has(&Target::Field(EntryField::Category.key()))
}

/// The columns that hold one value per product.
fn per_product(t: &Target) -> bool {
    matches!(
        t,
        Target::Products
            | Target::Price
            | Target::Unit
            | Target::ProductHalal
            | Target::ProductDescription
            | Target::ProductImage
    )
}

/// Folds the rows below `header` into one per slug, at the row of its
/// first product (so the report names that row); the others are emptied
/// and said in the report. A row of another kind (its `kind` cell) is
/// skipped, said too.
pub(super) fn fold(
    rows: &mut [Vec<String>],
    header: usize,
    cols: &[Column],
    kind: Kind,
    sheet: &str,
) -> Vec<RowReport> {
    let mut reports = Vec::new();
    let slug_at = cols
        .iter()
        .find(|c| c.target == Target::Field(EntryField::Slug.key()))
        .map(|c| c.index);
    let kind_at = cols
        .iter()
        .find(|c| c.target == Target::Kind)
        .map(|c| c.index);
    let Some(slug_at) = slug_at else {
        return reports;
    };
    let cell =
        |row: &[String], i: usize| row.get(i).map(|c| c.trim().to_string()).unwrap_or_default();
    // The first row of each slug, and the rows folded into it.
    let mut firsts: Vec<(String, usize)> = Vec::new();
    let mut lines: Vec<Vec<Vec<String>>> = Vec::new();
    for (r, row) in rows.iter_mut().enumerate().skip(header + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let at = format!("{sheet}!{}", super::table::cell_ref(0, r));
        if let Some(k) = kind_at.map(|i| cell(row, i)).filter(|k| !k.is_empty()) {
            if k != kind.folder() {
                reports.push(RowReport {
                    cell: at,
                    status: RowStatus::Skipped,
                    slug: cell(row, slug_at),
                    notes: vec![format!(
                        "produk entri {k}: impor lembar ini dengan --kind {k} untuk itu"
                    )],
                });
                row.clear();
                continue;
            }
        }
        let slug = cell(row, slug_at);
        if slug.is_empty() {
            continue; // rejected as a row without a slug, by the caller
        }
        let values: Vec<String> = cols
            .iter()
            .filter(|c| per_product(&c.target))
            .map(|c| cell(row, c.index))
            .collect();
        match firsts.iter().position(|(s, _)| *s == slug) {
            // Read with the entry's first row, which the report names.
            Some(n) => {
                lines[n].push(values);
                row.clear();
            }
            None => {
                firsts.push((slug, r));
                lines.push(vec![values]);
            }
        }
    }
    let name_at = cols
        .iter()
        .filter(|c| per_product(&c.target))
        .position(|c| c.target == Target::Products)
        .unwrap_or(0);
    for ((_, r), products) in firsts.iter().zip(lines) {
        let row = &mut rows[*r];
        for (n, c) in cols.iter().filter(|c| per_product(&c.target)).enumerate() {
            // A row with a slug and no product name says: no products.
            let joined: Vec<String> = products
                .iter()
                .filter(|p| !p[name_at].is_empty() || products.len() == 1)
                .map(|p| match p[n].as_str() {
                    "" if products.len() > 1 => "-".to_string(),
                    v => v.to_string(),
                })
                .collect();
            if row.len() <= c.index {
                row.resize(c.index + 1, String::new());
            }
            row[c.index] = joined.join("\n");
        }
    }
    reports
}
