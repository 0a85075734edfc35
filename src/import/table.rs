//! A spreadsheet as rows of text cells: CSV in any of the delimiters and
//! encodings Excel saves (comma, semicolon or tab; UTF-8 with or without
//! BOM, or Windows-1252), and XLSX/ODS through calamine.

use crate::message::Message;
use std::path::Path;

/// At most this many bytes of a file are read: a directory's sheet is a
/// few megabytes; a larger file is a mistake or an attack.
pub(crate) const MAX_BYTES: u64 = 64 * 1024 * 1024;

pub(crate) struct Table {
    /// The sheet's name, as cell references give it (`Sheet1!D14`).
    pub sheet: String,
    /// The rows, each its cells as text (trimmed), in order. Empty rows
    /// are kept, so row numbers stay the sheet's.
    pub rows: Vec<Vec<String>>,
}

/// `D14` for column 3, row 13 (both from 0).
pub(crate) fn cell_ref(col: usize, row: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        row + 1
    )
}

/// Reads `path` by its extension: `.csv`/`.tsv`/`.txt` as delimited text,
/// `.xlsx`, `.xlsm`, `.xls` and `.ods` as workbooks (`sheet`; else the
/// one named `prefer`, as Etalase's own workbook names a kind's sheet;
/// else the first).
pub(crate) fn read(path: &Path, sheet: Option<&str>, prefer: &str) -> Result<Table, Message> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| msg!("{shown} tidak bisa dibaca: {e}", "cannot read {shown}: {e}"))?;
    if meta.len() > MAX_BYTES {
        let mib = MAX_BYTES / 1024 / 1024;
        return Err(msg!(
            "{shown} lebih besar dari {mib} MB; bagi menjadi beberapa berkas",
            "{shown} is larger than {mib} MB; split it into several files"
        ));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => workbook(path, sheet, prefer),
        _ => {
            let bytes = std::fs::read(path)
                .map_err(|e| msg!("{shown} tidak bisa dibaca: {e}", "cannot read {shown}: {e}"))?;
            if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xd0\xcf\x11\xe0") {
                return Err(msg!(
                    "{shown} adalah buku kerja Excel, bukan CSV: beri nama berakhiran .xlsx (atau .xls)",
                    "{shown} is an Excel workbook, not CSV: give it a name ending in .xlsx (or .xls)"
                ));
            }
            if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0 {
                return Err(msg!(
                    "{shown} bukan berkas teks CSV (berisi data biner)",
                    "{shown} is not a CSV text file (it holds binary data)"
                ));
            }
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(Table {
                sheet: stem,
                rows: csv(&decode(&bytes)),
            })
        }
    }
}

/// UTF-8 (a BOM dropped), or Windows-1252 when the bytes are not UTF-8:
/// what Excel's "CSV" (not "CSV UTF-8") writes.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The delimiter of the first line: the most frequent of `,` `;` and tab
/// outside quotes (Excel in an Indonesian locale writes `;`).
fn delimiter(text: &str) -> char {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(',', 0usize), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in first.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if c == *d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == ','))
        .map_or(',', |(d, _)| *d)
}

/// RFC 4180 with the delimiter found: quoted cells may hold the delimiter,
/// line breaks and doubled quotes.
pub(crate) fn csv(text: &str) -> Vec<Vec<String>> {
    let delim = delimiter(text);
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    cell.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
        } else if c == '"' && cell.trim().is_empty() {
            cell.clear();
            quoted = true;
        } else if c == delim {
            row.push(std::mem::take(&mut cell).trim().to_string());
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut cell).trim().to_string());
            rows.push(std::mem::take(&mut row));
        } else {
            cell.push(c);
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell.trim().to_string());
        rows.push(row);
    }
    rows
}

#[cfg(feature = "spreadsheet")]
/// The largest table import reads: far beyond any office's directory
/// (Excel's own limit is 1,048,576 rows), and a bound on what a hostile
/// sheet can make it hold.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLUMNS: usize = 512;

fn workbook(path: &Path, sheet: Option<&str>, prefer: &str) -> Result<Table, Message> {
    use calamine::{open_workbook_auto, Data, Reader};
    let shown = path.display();
    guard_zip(path)?;
    let mut wb = open_workbook_auto(path).map_err(|e| {
        msg!(
            "{shown} tidak bisa dibuka sebagai buku kerja: {e}",
            "cannot open {shown} as a workbook: {e}"
        )
    })?;
    let names = wb.sheet_names().to_vec();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| {
                let list = names.join(", ");
                msg!(
                    "{shown} tidak punya lembar \"{s}\"; yang ada: {list}",
                    "{shown} has no sheet \"{s}\"; it has: {list}"
                )
            })?,
        None => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(prefer))
            .or(names.first())
            .cloned()
            .ok_or_else(|| msg!("{shown} tidak punya lembar kerja", "{shown} has no sheet"))?,
    };
    let text = |c: &Data| match c {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // A date cell: its serial number, read as a date by the field.
        Data::DateTime(d) => format!("{}", d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    };
    // Cell by cell, where they are: a sheet that claims a million rows by
    // sixteen thousand columns, or holds one cell at XFD1048576, costs
    // what its cells cost, never its claimed size.
    let too_wide = || {
        msg!(
            "lembar \"{name}\" di {shown} punya isi di luar kolom {MAX_COLUMNS} atau baris {MAX_ROWS}; bukan tabel usaha",
            "sheet \"{name}\" of {shown} has cells beyond column {MAX_COLUMNS} or row {MAX_ROWS}; not a table of businesses"
        )
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut put = |r: usize, c: usize, v: String| -> Result<(), Message> {
        if v.is_empty() {
            return Ok(());
        }
        if r >= MAX_ROWS || c >= MAX_COLUMNS {
            return Err(too_wide());
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = v;
        Ok(())
    };
    let unreadable = |e: &dyn std::fmt::Display| {
        msg!(
            "lembar \"{name}\" di {shown} tidak bisa dibaca: {e}",
            "cannot read sheet \"{name}\" of {shown}: {e}"
        )
    };
    if let calamine::Sheets::Xlsx(x) = &mut wb {
        let mut cells = x
            .worksheet_cells_reader(&name)
            .map_err(|e| unreadable(&e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| unreadable(&e))? {
            let (r, c) = cell.get_position();
            let data: Data = cell.get_value().clone().into();
            put(r as usize, c as usize, text(&data))?;
        }
    } else {
        let range = wb.worksheet_range(&name).map_err(|e| unreadable(&e))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                put(top as usize + r, left as usize + c, text(cell))?;
            }
        }
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    // Merged cells (a kecamatan written once over its rows): every cell of
    // a merged region reads as its top-left cell, as the office sees it.
    if let calamine::Sheets::Xlsx(x) = &mut wb {
        if let Some(Ok(regions)) = x.worksheet_merge_cells(&name) {
            for d in regions {
                let ((r0, c0), (r1, c1)) = (d.start, d.end);
                let (r0, c0, r1, c1) = (r0 as usize, c0 as usize, r1 as usize, c1 as usize);
                let Some(value) = rows.get(r0).and_then(|r| r.get(c0)).cloned() else {
                    continue;
                };
                // Within the rows the sheet has: a region cannot grow it.
                for row in rows.iter_mut().take(r1 + 1).skip(r0) {
                    if row.is_empty() {
                        continue;
                    }
                    for c in c0..=c1.min(c0 + 256) {
                        if row.len() <= c {
                            row.resize(c + 1, String::new());
                        }
                        if row[c].is_empty() {
                            row[c] = value.clone();
                        }
                    }
                }
            }
        }
    }
    Ok(Table { sheet: name, rows })
}

/// A workbook is a zip: its parts' declared sizes are checked before any
/// is inflated, so a zip bomb is refused instead of filling the memory.
#[cfg(feature = "spreadsheet")]
fn guard_zip(path: &Path) -> Result<(), Message> {
    let shown = path.display();
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(()); // reported by the reader
    };
    let Ok(mut zip) = zip::ZipArchive::new(file) else {
        return Ok(()); // an .xls (not a zip) or not a workbook: the reader says
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        total = total.saturating_add(f.size());
        let ratio = f.size() / f.compressed_size().max(1);
        if total > 4 * MAX_BYTES || (f.size() > 16 * 1024 * 1024 && ratio > 200) {
            let mib = total / 1024 / 1024;
            return Err(msg!(
                "{shown} mengembang menjadi lebih dari {mib} MB saat dibuka (bom zip?); tidak dibaca",
                "{shown} expands to more than {mib} MB when opened (a zip bomb?); not read"
            ));
        }
    }
    // A part whose data inflates past the size it declares: its size
    // cannot be trusted, and the checks above were made on it. Each part
    // is inflated once, up to one byte past what it declares.
    for i in 0..zip.len() {
        let Ok(mut f) = zip.by_index(i) else { continue };
        let (declared, name) = (f.size(), f.name().to_string());
        let inflated = std::io::copy(
            &mut std::io::Read::take(&mut f, declared.saturating_add(1)),
            &mut std::io::sink(),
        )
        .unwrap_or(0);
        if inflated > declared {
            return Err(msg!(
                "{shown}: bagian \"{name}\" lebih besar daripada ukuran yang dinyatakannya (bom zip?); tidak dibaca",
                "{shown}: part \"{name}\" inflates past the size it declares (a zip bomb?); not read"
            ));
        }
    }
    Ok(())
}

#[cfg(not(feature = "spreadsheet"))]
fn workbook(path: &Path, _sheet: Option<&str>, _prefer: &str) -> Result<Table, Message> {
    let shown = path.display();
    Err(msg!(
        "{shown}: Etalase ini dibuat tanpa pembaca XLSX/ODS (fitur `spreadsheet`); simpan lembarnya sebagai CSV",
        "{shown}: this Etalase was built without the XLSX/ODS reader (feature `spreadsheet`); save the sheet as CSV"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(3, 13), "D14");
        assert_eq!(cell_ref(25, 1), "Z2");
        assert_eq!(cell_ref(26, 1), "AA2");
    }

    #[test]
    fn reads_the_csv_excel_writes() {
        let rows = csv("Nama;Alamat;Harga\r\nWarung \"Sari\";\"Jl. Mawar; No. 1\";\"15.000\"\r\n\"Dua\nbaris\";x;\r\n");
        assert_eq!(rows[0], ["Nama", "Alamat", "Harga"]);
        assert_eq!(rows[1], ["Warung \"Sari\"", "Jl. Mawar; No. 1", "15.000"]);
        assert_eq!(rows[2], ["Dua\nbaris", "x", ""]);
        assert_eq!(csv("a\tb\n1\t2")[1], ["1", "2"]);
        assert_eq!(csv("a,\"b \"\"c\"\"\"\n")[0], ["a", "b \"c\""]);
    }

    #[test]
    fn decodes_utf8_with_a_bom_and_windows_1252() {
        assert_eq!(decode(b"\xef\xbb\xbfNama"), "Nama");
        assert_eq!(decode(b"Caf\xe9 \x93Sari\x94"), "Café “Sari”");
        assert_eq!(decode("Café".as_bytes()), "Café");
    }
}
