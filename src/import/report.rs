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

/// `data-umkm.csv` -> `data-umkm.laporan.csv`, beside it.
pub(super) fn path(input: &Path) -> PathBuf {
    let stem = file_stem(input);
    input.with_file_name(format!("{stem}.laporan.csv"))
}

/// The report as CSV for Excel: UTF-8 with BOM, CRLF, `;`-free quoting.
pub(super) fn write(path: &Path, rows: &[RowReport]) -> Result<(), Message> {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("\u{feff}sel,status,slug,keterangan\r\n");
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{}\r\n",
            q(&r.cell),
            q(r.status.label()),
            q(&r.slug),
            q(&r.notes.join("; "))
        ));
    }
    std::fs::write(path, out).map_err(|e| io_error(path, e))
}
