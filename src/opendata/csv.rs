//! CSV as Excel opens it right: UTF-8 with a byte-order mark, CRLF line
//! ends, RFC 4180 quoting; a text cell that a spreadsheet would run as a
//! formula (`=`, `+`, `-`, `@` first) gets the apostrophe that keeps it
//! text, which `import` takes off again.

/// A table: its header and its rows, cells as text.
pub(crate) fn write<R, C>(header: &[&str], rows: impl IntoIterator<Item = R>) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    write_with(',', header, rows)
}

/// A table with another delimiter: `;` is what Excel set to Indonesian
/// (where `,` is the decimal mark) splits a CSV on.
pub(crate) fn write_with<R, C>(
    delimiter: char,
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> Vec<u8>
where
    R: IntoIterator<Item = C>,
    C: AsRef<str>,
{
    let mut out = String::from("\u{feff}");
    line_with(&mut out, delimiter, header.iter().copied());
    for row in rows {
        line_with(&mut out, delimiter, row);
    }
    out.into_bytes()
}

/// One record's line, CRLF included, to join with others by `file`.
pub(crate) fn line_bytes<C: AsRef<str>>(cells: impl IntoIterator<Item = C>) -> Vec<u8> {
    let mut out = String::new();
    line(&mut out, cells);
    out.into_bytes()
}

/// A table of lines made by `line_bytes`, as the pieces of its file.
pub(crate) fn file(header: &[&str], lines: Vec<crate::output::Piece>) -> Vec<crate::output::Piece> {
    let mut head = String::from("\u{feff}");
    line(&mut head, header.iter().copied());
    let mut out = Vec::with_capacity(lines.len() + 1);
    out.push(std::sync::Arc::new(head.into_bytes()));
    out.extend(lines);
    out
}

fn line<C: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = C>) {
    line_with(out, ',', cells);
}

fn line_with<C: AsRef<str>>(out: &mut String, delimiter: char, cells: impl IntoIterator<Item = C>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        cell(out, delimiter, c.as_ref());
    }
    out.push_str("\r\n");
}

fn cell(out: &mut String, delimiter: char, c: &str) {
    // A tab or a carriage return first also starts a formula in some
    // spreadsheets.
    let guard = c.starts_with(['=', '+', '-', '@', '\t', '\r']) && c.parse::<f64>().is_err();
    let quote = guard
        || c.contains([delimiter, ',', ';', '"', '\r', '\n'])
        || c.starts_with(char::is_whitespace)
        || c.ends_with(char::is_whitespace);
    if !quote {
        out.push_str(c);
        return;
    }
    out.push('"');
    if guard {
        out.push('\'');
    }
    // A quote is written twice; the rest as it is, a run at a time.
    let mut parts = c.split('"');
    out.push_str(parts.next().unwrap_or(""));
    for part in parts {
        out.push_str("\"\"");
        out.push_str(part);
    }
    out.push('"');
}

/// The cells of one line written by [`line_bytes`], the formula guard
/// taken off: what was written, for the workbook's sheets.
pub(crate) fn cells_of(line: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(line);
    let text = text.strip_suffix("\r\n").unwrap_or(&text);
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let (mut quoted, mut at_start) = (false, true);
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                // A guarded cell starts `"'=`: the apostrophe is the guard's.
                let mut look = chars.clone();
                if look.next() == Some('\'')
                    && look
                        .peek()
                        .is_some_and(|n| ['=', '+', '-', '@', '\t', '\r'].contains(n))
                {
                    chars.next();
                }
            }
            ',' => {
                out.push(std::mem::take(&mut cell));
                at_start = true;
                continue;
            }
            c => cell.push(c),
        }
        at_start = false;
    }
    out.push(cell);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_back_as_its_cells() {
        let cells = [
            "x, y",
            "say \"hi\"",
            "+65 6123 4567",
            "-6.25",
            "=1+1",
            "two\nlines",
            "",
            "'quoted'",
            "plain",
            "",
        ];
        let line = line_bytes(cells);
        assert_eq!(cells_of(&line), cells);
        assert_eq!(cells_of(&line_bytes(["a"])), ["a"]);
        assert_eq!(cells_of(&line_bytes(["\"a\""])), ["\"a\""]);
        assert_eq!(cells_of(&line_bytes(["a", "\"b\""])), ["a", "\"b\""]);
    }

    #[test]
    fn quotes_and_guards_like_a_spreadsheet_expects() {
        let bytes = write(
            &["a", "b"],
            [
                ["x, y", "say \"hi\""],
                ["+65 6123 4567", "-6.25"],
                ["=1+1", "two\nlines"],
            ],
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"'+65 6123 4567\",-6.25\r\n\"'=1+1\",\"two\nlines\"\r\n"
        );
    }
}
