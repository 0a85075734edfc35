//! Syntax errors in words an office clerk can act on, placed where the
//! problem is.

use super::{lines, Positions, SyntaxError, OVER_BUDGET};
use crate::diagnostic::{Code, Pos};

/// Turns the parser's message into one an office clerk can act on, placed
/// where the problem is: `at` is (byte index, line, column) in `text`.
pub(super) fn syntax_error(
    text: &str,
    line_offset: usize,
    raw: &str,
    at: Option<(usize, usize, usize)>,
) -> SyntaxError {
    let first_line = 1 + line_offset;
    let mut pos = at
        .map(|(_, l, c)| Pos::new(l + line_offset, c))
        .unwrap_or(Pos::new(first_line, 1));
    let found = at.and_then(|(i, _, _)| text.get(i..)?.chars().next());
    let (main, context) = match raw.split_once(", while ") {
        Some((m, c)) => (m, Some(c)),
        None => (raw, None),
    };
    let main = main.find(" at line ").map_or(main, |i| &main[..i]);
    let main = main.rsplit_once(": duplicate").map_or(main, |(_, m)| m);
    let (code, message) = if raw.contains("duplicate entry with key") {
        let key = raw
            .split_once("with key ")
            .map(|(_, k)| k.trim_matches('"'))
            .unwrap_or("");
        let m = match Positions::scan(text, first_line).duplicate {
            Some((path, p)) => {
                pos = p;
                let (parent, key) = match path.rsplit_once('.') {
                    Some((parent, key)) => (last_name(parent), key),
                    None => (None, path.as_str()),
                };
                match parent {
                    Some(parent) => msg!(
                        "`{key}` tertulis dua kali di `{parent}`; simpan satu saja",
                        "`{key}` is written twice in `{parent}`; keep only one"
                    ),
                    None => msg!(
                        "kolom `{key}` tertulis dua kali; simpan satu saja",
                        "field `{key}` is written twice; keep only one"
                    ),
                }
            }
            None => msg!(
                "`{key}` tertulis dua kali; simpan satu saja",
                "`{key}` is written twice; keep only one"
            ),
        };
        (Code::DuplicateKey, m)
    } else if raw.contains("control characters are not allowed") {
        let m = if let Some((p, c)) = first_control(text, first_line) {
            pos = p;
            let u = c as u32;
            msg!(
                "karakter U+{u:04X} tidak boleh ada (karakter kendali yang tak terlihat); hapus",
                "invalid character U+{u:04X} (an invisible control character); remove it"
            )
        } else {
            msg!(
                "berkas memuat karakter kendali yang tak terlihat; hapus",
                "the file holds an invisible control character; remove it"
            )
        };
        (Code::YamlSyntax, m)
    } else if raw.contains("more than one document") {
        if let Some(line) = second_document(text) {
            pos = Pos::new(line + line_offset, 1);
        }
        (Code::YamlSyntax, msg!(
            "baris `---` di sini memulai dokumen kedua, yang tidak boleh; untuk banyak entri dalam satu berkas, tulis sebagai daftar (`- name: ...`)",
            "a `---` line starts a second YAML document, which is not allowed here; to keep many entries in one file, write them as a list (`- name: ...`)"
        ))
    } else if let Some((field, number)) = too_big(main) {
        // serde reads integers beyond 64 bits as u128/i128, which no
        // value can hold; staff meet this with a long ID typed as a number.
        let m = match field {
            Some(field) => msg!(
                "`{field}`: angka {number} terlalu besar untuk kolom mana pun; bila ini nomor (NIB, nomor izin), tulis dalam tanda kutip",
                "`{field}`: the number {number} is too large for any field; if it is an identifier (NIB, licence number), put it in quotes"
            ),
            None => msg!(
                "angka {number} terlalu besar untuk kolom mana pun",
                "the number {number} is too large for any field"
            ),
        };
        (Code::BadNumber, m)
    } else if raw.contains("recursion limit exceeded") {
        (
            Code::TooComplex,
            msg!(
                "daftar atau kolom di sini bersarang terlalu dalam",
                "lists or fields are nested too deeply here"
            ),
        )
    } else if raw.contains("repetition limit exceeded") || raw.contains(OVER_BUDGET) {
        (
            Code::TooComplex,
            msg!(
                "alias (`*nama`) mengulang data yang sama terlalu banyak kali",
                "aliases (`*name`) repeat the same data too many times"
            ),
        )
    } else {
        let context = context.unwrap_or("");
        // Where the construct that failed began: (line in the file, column).
        let opened = context.split_once(" at line ").and_then(|(_, at)| {
            let (l, c) = at.split_once(" column ")?;
            let c = c.split(|ch: char| !ch.is_ascii_digit()).next()?;
            Some((
                l.parse::<usize>().ok()? + line_offset,
                c.parse::<usize>().ok()?,
            ))
        });
        // The parser's own words are the last resort: a clerk cannot act
        // on "cannot start any token", so each known case says what to do.
        let mut m = msg!(
            "baris ini tidak bisa dibaca ({main})",
            "this line cannot be read ({main})"
        );
        let never_closed = main.contains("end of stream") || main.contains("document indicator");
        if context.starts_with("scanning a quoted scalar") && never_closed {
            if let Some((l, c)) = opened {
                pos = Pos::new(l, c);
            }
            m = msg!(
                "tanda kutip ini tidak pernah ditutup: tambahkan penutupnya di akhir nilai",
                "this quotation mark is never closed: add the closing one at the end of the value"
            );
        } else if main.contains("escape") {
            m = msg!(
                "di dalam tanda kutip ganda, `\\` memulai kode khusus: tulis `\\\\`, atau pakai tanda kutip tunggal",
                "inside double quotes a `\\` starts an escape: write `\\\\`, or use single quotes"
            );
        } else if found == Some('\t') || main.contains("tab character") {
            // Staff do not know YAML's words for it; they know the key.
            m = msg!(
                "baris ini menjorok dengan tombol Tab: menjoroklah dengan spasi saja",
                "this line is indented with the Tab key: indent with spaces only"
            );
        } else if matches!(found, Some('@' | '`' | '%')) {
            let c = found.unwrap_or('@');
            m = msg!(
                "nilai tidak boleh diawali `{c}` kecuali diberi tanda kutip, misalnya \"{c}warungbusri\"",
                "a value cannot start with `{c}` unless it is in quotes, e.g. \"{c}warungbusri\""
            );
        } else if main.contains("mapping values are not allowed") {
            m = msg!(
                "nilai yang memuat `: ` harus diberi tanda kutip, atau baris ini terlalu menjorok",
                "a value holding `: ` must be in quotes, or this line is indented too far"
            );
        } else if main.contains("unknown anchor") {
            m = msg!(
                "alias (`*nama`) di sini tidak merujuk ke `&nama` mana pun di atasnya",
                "the alias (`*name`) here refers to no `&name` above it"
            );
        } else if main.contains("did not find expected")
            && (context.contains("block mapping") || context.contains("block collection"))
        {
            m = msg!(
                "baris ini tidak sejajar dengan baris di atasnya: periksa spasi di awal baris",
                "this line does not line up with the lines above it: check the spaces at its start"
            );
        } else if context.contains("flow") {
            let (id, en) = if context.contains("flow mapping") {
                ("kolom dalam { }", "the fields in { }")
            } else {
                ("daftar dalam [ ]", "the list in [ ]")
            };
            m = match opened {
                Some((l, _)) => msg!(
                    "{id} yang dimulai di baris {l} tidak ditutup",
                    "{en} that starts on line {l} is not closed"
                ),
                None => msg!("{id} tidak ditutup", "{en} is not closed"),
            };
        }
        (Code::YamlSyntax, m)
    };
    SyntaxError { pos, code, message }
}

/// The field and the number of a "too large" integer error:
/// `members: invalid type: integer `999…` as u128, expected …`.
fn too_big(main: &str) -> Option<(Option<&str>, &str)> {
    let (field, rest) = main.split_once("invalid type: integer `")?;
    let (number, rest) = rest.split_once('`')?;
    let field = last_name(field.trim_end_matches(": "));
    (rest.starts_with(" as u128") || rest.starts_with(" as i128")).then_some((field, number))
}

/// The name of the field at the end of `path`, skipping list indexes.
fn last_name(path: &str) -> Option<&str> {
    path.rsplit('.')
        .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
}

/// The first character YAML does not allow in a file, and where it is.
fn first_control(text: &str, first_line: usize) -> Option<(Pos, char)> {
    for (n, line) in lines(text).enumerate() {
        for (col, c) in line.chars().enumerate() {
            let allowed = matches!(c, '\t' | '\r' | '\u{85}')
                || !(c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}'));
            if !allowed {
                return Some((Pos::new(first_line + n, col + 1), c));
            }
        }
    }
    None
}

/// The 1-based line of a `---` that follows some content.
fn second_document(text: &str) -> Option<usize> {
    let mut seen_content = false;
    for (n, line) in lines(text).enumerate() {
        let t = line.trim_end();
        if (t == "---" || t.starts_with("--- ")) && seen_content {
            return Some(n + 1);
        }
        if !t.is_empty() && !t.starts_with('#') && !t.starts_with('%') && t != "---" {
            seen_content = true;
        }
    }
    None
}
