//! The tables as one Excel workbook (`data/semua.xlsx`): a sheet per kind
//! with the columns of its CSV, and a products sheet with a row per
//! product, for an office that works in Excel. Written here without a
//! crate: a handful of XML parts in a zip, deflated by flate2 (already in
//! the tree), with a fixed date so the same site gives the same bytes.
//!
//! Cells are inline strings (never formulas, so no guard is needed, and a
//! phone keeps its leading 0); a cell with line breaks wraps. Each sheet's
//! header is frozen and filtered.

use flate2::{Compress, Compression, Crc, FlushCompress};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One sheet, deflated as its rows are written: the sheet's XML is never
/// held whole (at 10,000 entries it is several times the CSV).
pub(crate) struct Sheet<'a> {
    name: &'a str,
    columns: usize,
    rows: usize,
    out: Deflated,
}

impl<'a> Sheet<'a> {
    /// A sheet named `name` with its `header` row (bold, frozen, filtered).
    pub(crate) fn new(name: &'a str, header: &[&str]) -> Sheet<'a> {
        let mut out = Deflated::new();
        let mut head = format!(
            "{XML}<worksheet xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><cols><col min=\"1\" max=\"{}\" width=\"24\" customWidth=\"1\"/></cols><sheetData>",
            header.len().max(1)
        )
        .into_bytes();
        head.extend(row_styled(1, header, true));
        out.text(&head);
        Sheet {
            name,
            columns: header.len(),
            rows: 0,
            out,
        }
    }

    /// The number the next row will have.
    pub(crate) fn next_row(&self) -> usize {
        self.rows + 2
    }

    /// The next `count` rows, made from `next_row` on (`row_of`).
    pub(crate) fn made_rows(&mut self, made: &MadeRow, count: usize) {
        self.rows += count;
        self.out.row(made);
    }

    fn finish(mut self) -> (String, usize, usize, Deflated) {
        let last = letters(self.columns.max(1) - 1);
        let tail = format!(
            "</sheetData><autoFilter ref=\"A1:{last}{}\"/></worksheet>",
            self.rows + 1
        );
        self.out.text(tail.as_bytes());
        (self.name.to_string(), self.columns, self.rows, self.out)
    }
}

/// A part's deflated bytes, checksum and size.
type Packed = (Vec<u8>, u32, usize);

/// A part is deflated in pieces of about this many bytes, each on its own
/// (a fresh compressor, ended byte-aligned): rows end a piece where their
/// own bytes say, so the same rows give the same piece wherever they
/// stand, and `serve` deflates again only the pieces whose rows changed.
const PIECE: usize = 64 * 1024;

/// Whether rows and pieces are kept between workbooks (`serve`).
static KEEP: AtomicBool = AtomicBool::new(false);

/// Keeps the rows and deflated pieces of each workbook for the next one:
/// for `serve`, where a save changes a few rows of ten thousand.
pub(crate) fn keep_pieces() {
    KEEP.store(true, Ordering::Relaxed);
}

/// Rows made of a table line: their XML, the products they list (a kind's
/// sheet), and whether a piece may end after them.
pub(crate) struct Made {
    xml: Vec<u8>,
    /// Shared on its own: the products sheet, written last, keeps these
    /// and not the rows' XML.
    pub(crate) products: Arc<Vec<Vec<String>>>,
    end: bool,
}

pub(crate) type MadeRow = Arc<Made>;

/// A deflated piece: its bytes, the checksum and length of what it holds.
struct Piece {
    bytes: Vec<u8>,
    crc: Crc,
    len: usize,
}

impl Piece {
    fn of(raw: &[u8]) -> Piece {
        let mut crc = Crc::new();
        crc.update(raw);
        Piece {
            bytes: deflate(raw),
            crc,
            len: raw.len(),
        }
    }
}

/// A run of rows and its piece.
type Run = (Vec<MadeRow>, Arc<Piece>);

/// What the last workbook made, kept for the next (`serve` only).
#[derive(Default)]
struct Kept {
    /// Rows by sheet (0 a kind's, 1 the products'), line and row number.
    rows: HashMap<(u8, usize, usize), (crate::output::Piece, MadeRow)>,
    /// Pieces of rows, by the rows (the same rows made: the same piece).
    runs: HashMap<u64, Vec<Run>>,
    /// Pieces of other text (a sheet's head and tail, the small parts),
    /// by two checksums and the length of the text.
    texts: HashMap<(u64, u32, usize), Arc<Piece>>,
}

/// The last workbook's, and this one's so far.
static KEPT: Mutex<Option<(Kept, Kept)>> = Mutex::new(None);

fn kept<T>(f: impl FnOnce(&Kept, &mut Kept) -> T) -> T {
    let mut k = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    let (last, now) = k.get_or_insert_with(Default::default);
    f(last, now)
}

/// The rows made of table line `line` from row `n` of sheet `sheet` (0 a
/// kind's, 1 the products'); in `serve`, those of the last workbook when
/// the line (the same bytes in memory) and the row are the same.
pub(crate) fn row_of(
    sheet: u8,
    line: &crate::output::Piece,
    n: usize,
    make: impl FnOnce() -> (Vec<u8>, Vec<Vec<String>>),
) -> MadeRow {
    let made = || {
        let (xml, products) = make();
        let end = crate::hash::quick(&xml) & 15 == 0;
        Arc::new(Made {
            xml,
            products: Arc::new(products),
            end,
        })
    };
    if !KEEP.load(Ordering::Relaxed) {
        return made();
    }
    let key = (sheet, Arc::as_ptr(line) as usize, n);
    let found = kept(|last, _| {
        last.rows
            .get(&key)
            .filter(|(l, _)| Arc::ptr_eq(l, line))
            .map(|(_, r)| r.clone())
    });
    let row = found.unwrap_or_else(made);
    kept(|_, now| now.rows.insert(key, (line.clone(), row.clone())));
    row
}

/// The piece of a run of rows.
fn run_piece(rows: &[MadeRow]) -> Arc<Piece> {
    let raw = || {
        rows.iter()
            .flat_map(|r| r.xml.iter().copied())
            .collect::<Vec<u8>>()
    };
    if !KEEP.load(Ordering::Relaxed) {
        return Arc::new(Piece::of(&raw()));
    }
    let key = rows.iter().fold(0u64, |h, r| {
        (h ^ Arc::as_ptr(r) as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29)
    });
    let same = |(list, _): &&Run| {
        list.len() == rows.len() && list.iter().zip(rows).all(|(a, b)| Arc::ptr_eq(a, b))
    };
    let found = kept(|last, now| {
        [&last.runs, &now.runs]
            .into_iter()
            .find_map(|m| m.get(&key)?.iter().find(same).map(|(_, p)| p.clone()))
    });
    let piece = found.unwrap_or_else(|| Arc::new(Piece::of(&raw())));
    kept(|_, now| {
        let list = now.runs.entry(key).or_default();
        if !list.iter().any(|e| same(&e)) {
            list.push((rows.to_vec(), piece.clone()));
        }
    });
    piece
}

/// The piece of other text.
fn text_piece(raw: &[u8]) -> Arc<Piece> {
    if !KEEP.load(Ordering::Relaxed) {
        return Arc::new(Piece::of(raw));
    }
    let mut crc = Crc::new();
    crc.update(raw);
    let key = (crate::hash::quick(raw), crc.sum(), raw.len());
    let found = kept(|last, now| {
        last.texts
            .get(&key)
            .or_else(|| now.texts.get(&key))
            .cloned()
    });
    let piece = found.unwrap_or_else(|| Arc::new(Piece::of(raw)));
    kept(|_, now| now.texts.insert(key, piece.clone()));
    piece
}

/// Ends a workbook: what it made is what is kept for the next.
fn workbook_done() {
    if let Some((last, now)) = KEPT.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
        *last = std::mem::take(now);
    }
}

/// `bytes` deflated on their own, ended with a full flush (byte-aligned,
/// no block marked last): pieces made so follow one another in a stream.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut c = Compress::new(Compression::default(), false);
    let mut out = Vec::with_capacity(bytes.len() / 3 + 64);
    loop {
        out.reserve(4096);
        let at = c.total_in() as usize;
        if c.compress_vec(&bytes[at..], &mut out, FlushCompress::Full)
            .is_err()
        {
            break;
        }
        if c.total_in() as usize == bytes.len() && out.len() < out.capacity() {
            break;
        }
    }
    out
}

/// A part of the zip, deflated in pieces as it is written, with its
/// checksum.
struct Deflated {
    out: Vec<u8>,
    crc: Crc,
    size: usize,
    run: Vec<MadeRow>,
    run_bytes: usize,
}

impl Deflated {
    fn new() -> Deflated {
        Deflated {
            out: Vec::new(),
            crc: Crc::new(),
            size: 0,
            run: Vec::new(),
            run_bytes: 0,
        }
    }

    fn add(&mut self, p: &Piece) {
        self.out.extend_from_slice(&p.bytes);
        self.crc.combine(&p.crc);
        self.size += p.len;
    }

    /// Text that is not rows: a piece of its own.
    fn text(&mut self, raw: &[u8]) {
        self.flush();
        let p = text_piece(raw);
        self.add(&p);
    }

    /// Rows: a piece ends past half a piece after rows whose bytes say
    /// so (a hash ending in four zero bits), or at two pieces.
    fn row(&mut self, made: &MadeRow) {
        self.run.push(made.clone());
        self.run_bytes += made.xml.len();
        if self.run_bytes >= PIECE / 2 && made.end || self.run_bytes >= PIECE * 2 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.run.is_empty() {
            return;
        }
        let p = run_piece(&self.run);
        self.add(&p);
        self.run.clear();
        self.run_bytes = 0;
    }

    fn done(mut self) -> Packed {
        self.flush();
        // The last block: empty, fixed codes, marked last.
        self.out.extend_from_slice(&[0x03, 0x00]);
        (self.out, self.crc.sum(), self.size)
    }
}

/// The column letters of column `i` (0: `A`, 26: `AA`).
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Text as XML character data: escaped, and without the control
/// characters XML 1.0 cannot hold (a tab and a line break stay).
fn escape(out: &mut String, t: &str) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(c),
            '\r' => {}
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// Row `n` (1-based) of a sheet: its non-empty cells, each at its column.
/// Row `n` of a sheet, as `Sheet::row` writes it.
pub(crate) fn row_xml<C: AsRef<str>>(n: usize, cells: impl IntoIterator<Item = C>) -> Vec<u8> {
    row_styled(n, cells, false)
}

fn row_styled<C: AsRef<str>>(n: usize, cells: impl IntoIterator<Item = C>, bold: bool) -> Vec<u8> {
    let mut out = format!("<row r=\"{n}\">");
    for (i, c) in cells.into_iter().enumerate() {
        let c = c.as_ref();
        if c.is_empty() {
            continue;
        }
        // Style 1 wraps a cell of several lines; 2 is the bold header.
        let style = match (bold, c.contains('\n')) {
            (true, _) => " s=\"2\"",
            (false, true) => " s=\"1\"",
            (false, false) => "",
        };
        out.push_str(&format!(
            "<c r=\"{}{n}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">",
            letters(i)
        ));
        escape(&mut out, c);
        out.push_str("</t></is></c>");
    }
    out.push_str("</row>");
    out.into_bytes()
}

const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// The workbook's bytes, from its sheets (each finished in parallel).
pub(crate) fn file(sheets: Vec<Sheet>) -> Vec<u8> {
    let sheets: Vec<(String, usize, usize, Deflated)> =
        sheets.into_iter().map(Sheet::finish).collect();
    let n = sheets.len();
    let mut types = format!("{XML}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
    let mut book = format!(
        "{XML}<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\"><bookViews><workbookView/></bookViews><sheets>"
    );
    let mut rels = format!("{XML}<Relationships xmlns=\"{PKG_REL}\">");
    let mut names = String::new();
    for (i, (sheet_name, columns, rows, _)) in sheets.iter().enumerate() {
        let id = i + 1;
        types.push_str(&format!("<Override PartName=\"/xl/worksheets/sheet{id}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
        let mut name = String::new();
        escape(&mut name, sheet_name);
        book.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{id}\" r:id=\"rId{id}\"/>"
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{id}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{id}.xml\"/>"));
        names.push_str(&format!(
            "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">'{name}'!$A$1:${}${}</definedName>",
            letters(columns.max(&1) - 1),
            rows + 1
        ));
    }
    types.push_str("</Types>");
    book.push_str(&format!(
        "</sheets><definedNames>{names}</definedNames></workbook>"
    ));
    rels.push_str(&format!(
        "<Relationship Id=\"rId{}\" Type=\"{REL}/styles\" Target=\"styles.xml\"/></Relationships>",
        n + 1
    ));
    let root_rels = format!("{XML}<Relationships xmlns=\"{PKG_REL}\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    let styles = format!("{XML}<styleSheet xmlns=\"{MAIN}\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"3\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");
    let small = |name: &str, text: String| {
        let mut d = Deflated::new();
        d.text(text.as_bytes());
        (name.to_string(), d.done())
    };
    let mut parts = vec![
        small("[Content_Types].xml", types),
        small("_rels/.rels", root_rels),
        small("xl/workbook.xml", book),
        small("xl/_rels/workbook.xml.rels", rels),
        small("xl/styles.xml", styles),
    ];
    for (i, (_, _, _, out)) in sheets.into_iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), out.done()));
    }
    workbook_done();
    zip(&parts)
}

/// A zip of `parts` (each deflated, with its checksum and size), dated
/// 1980-01-01.
fn zip(parts: &[(String, Packed)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    const DATE: u16 = (1 << 5) | 1; // 1980-01-01, the zip format's first day
    for (name, (data, crc, size)) in parts {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed to extract
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend(0u16.to_le_bytes()); // time
            h.extend(DATE.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((*size as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let at = out.len() as u32;
    let count = parts.len() as u16;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(51), "AZ");
        assert_eq!(letters(52), "BA");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
    }

    #[test]
    fn cells_are_escaped_text() {
        let r =
            String::from_utf8(row_styled(3, ["a<b & \"c\"", "", "=1+1\nx\u{1}"], false)).unwrap();
        assert_eq!(
            r,
            "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t xml:space=\"preserve\">a&lt;b &amp; &quot;c&quot;</t></is></c><c r=\"C3\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">=1+1\nx</t></is></c></row>"
        );
    }
}
