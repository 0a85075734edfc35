//! The report of an import: a row per row of the sheet, what became of
//! it and why, beside the input.

use super::merge::io_error;
use super::RowReport;
use crate::message::Message;
use std::path::{Path, PathBuf};

/// `data-umkm` of `.../data-umkm.csv`: it names the list file and the report.
pub(super) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The report beside the input, one per input and sheet, so the PKL
/// sheet's report does not replace the UMKM sheet's: `data-umkm.csv` ->
/// `data-umkm.laporan.csv`; sheet `PKL` of `pendataan.xlsx` ->
/// `pendataan.pkl.laporan.csv`.
pub(super) fn path(input: &Path, sheet: &str) -> PathBuf {
    let stem = file_stem(input);
    let sheet = crate::slug::slugify(sheet);
    let name = if sheet.is_empty() || sheet == crate::slug::slugify(&stem) {
        format!("{stem}.laporan.csv")
    } else {
        format!("{stem}.{sheet}.laporan.csv")
    };
    input.with_file_name(name)
}

/// The report as CSV for Excel in Indonesia: UTF-8 with BOM, CRLF, `;`
/// between cells, and no cell that could run as a formula.
pub(super) fn write(path: &Path, rows: &[RowReport]) -> Result<(), Message> {
    let lines = rows.iter().map(|r| {
        [
            r.cell.clone(),
            r.status.label().to_string(),
            r.slug.clone(),
            r.notes.join("; "),
        ]
    });
    let out =
        crate::opendata::csv::write_with(';', &["sel", "status", "slug", "keterangan"], lines);
    std::fs::write(path, out).map_err(|e| io_error(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_per_input_and_sheet() {
        let p = |f: &str, sheet: &str| path(Path::new(f), sheet);
        assert_eq!(
            p("a/data-umkm.csv", "data-umkm"),
            Path::new("a/data-umkm.laporan.csv")
        );
        assert_eq!(
            p("pendataan.xlsx", "UMKM"),
            Path::new("pendataan.umkm.laporan.csv")
        );
        assert_eq!(
            p("pendataan.xlsx", "PKL 2026"),
            Path::new("pendataan.pkl-2026.laporan.csv")
        );
        assert_eq!(
            p("pendataan.xlsx", "___"),
            Path::new("pendataan.laporan.csv")
        );
    }
}
