//! Placeholders: the `<GANTI: …>` values `etalase new` writes where an
//! item needs the author's own words. A file that still holds one is
//! refused when it is read (build, check and serve alike), so no
//! placeholder is ever published.

use crate::diagnostic::{Code, Diagnostic, Pos};

/// How a placeholder starts, matched in any case. No real name or text
/// starts a word with `<GANTI`, so a match is always a placeholder.
const OPEN: &str = "<GANTI";

/// The placeholder for `what`: `<GANTI: what>`.
pub(crate) fn make(what: &str) -> String {
    format!("{OPEN}: {what}>")
}

/// The byte offset of every placeholder in `text`.
fn offsets(text: &str) -> impl Iterator<Item = usize> + '_ {
    // `<` is rare in YAML and Markdown, and found by a fast search.
    text.match_indices('<').map(|(i, _)| i).filter(|&i| {
        text.as_bytes()
            .get(i..i + OPEN.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(OPEN.as_bytes()))
    })
}

/// Where each placeholder of `text` stands, with its text up to the `>`
/// that closes it on its line. Lines end with `\n`, `\r\n` or a lone `\r`
/// (as YAML counts them); columns count characters.
pub(crate) fn find(text: &str) -> Vec<(Pos, &str)> {
    let mut found = Vec::new();
    let (mut line, mut line_start, mut after) = (1, 0, 0);
    for at in offsets(text) {
        for (i, b) in text.as_bytes()[after..at].iter().enumerate() {
            let i = after + i;
            let ends = *b == b'\n' || (*b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'));
            if ends {
                line += 1;
                line_start = i + 1;
            }
        }
        after = at;
        let column = text[line_start..at].chars().count() + 1;
        let rest = &text[at..];
        let end = rest
            .find(['>', '\n', '\r'])
            .map_or(rest.len(), |e| e + usize::from(rest[e..].starts_with('>')));
        found.push((Pos::new(line, column), &rest[..end]));
    }
    found
}

/// The problem of a file `rel` whose `text` still holds placeholders: one,
/// at the first, naming the lines of the others.
pub(crate) fn problem(rel: &str, text: &str) -> Option<Diagnostic> {
    offsets(text).next()?;
    let found = find(text);
    let (pos, first) = found[0];
    // A long placeholder is shown by its start: the line says the rest.
    let shown: String = match first.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &first[..cut]),
        None => first.to_string(),
    };
    let mut lines: Vec<String> = Vec::new();
    for (p, _) in &found[1..] {
        let l = p.line.to_string();
        if p.line != pos.line && !lines.contains(&l) {
            lines.push(l);
        }
    }
    let (also_id, also_en) = match lines.len() {
        0 => (String::new(), String::new()),
        1 => {
            let l = &lines[0];
            (
                format!(" (juga di baris {l})"),
                format!(" (also on line {l})"),
            )
        }
        _ => {
            let l = lines.join(", ");
            (
                format!(" (juga di baris {l})"),
                format!(" (also on lines {l})"),
            )
        }
    };
    Some(Diagnostic::at(
        Code::Placeholder,
        rel,
        pos,
        msg!(
            "isian \"{shown}\" belum diganti{also_id}: tulis isi yang sebenarnya di tempatnya, atau hapus barisnya bila kolom itu tidak wajib; berkas ini tidak diterbitkan sebelum semua isian GANTI diganti",
            "the placeholder \"{shown}\" has not been replaced{also_en}: write the real value in its place, or delete its line if the field is optional; this file is not published until every GANTI placeholder is replaced"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_with_their_lines_and_columns() {
        let text = "---\nname: A\ncategory: \"<GANTI: kategori>\"\r\nx: 1\rstart: <ganti tanggal\n---\nTeks <GANTI: isi>\n";
        let found = find(text);
        assert_eq!(
            found,
            [
                (Pos::new(3, 12), "<GANTI: kategori>"),
                (Pos::new(5, 8), "<ganti tanggal"),
                (Pos::new(7, 6), "<GANTI: isi>"),
            ]
        );
        let d = problem("content/umkm/a.md", text).unwrap();
        assert_eq!(d.code, Code::Placeholder);
        assert_eq!(d.pos, Some(Pos::new(3, 12)));
        assert!(
            d.message.en.starts_with(
                "the placeholder \"<GANTI: kategori>\" has not been replaced (also on lines 5, 7): "
            ),
            "{}",
            d.message.en
        );
        assert!(d.message.id.contains("(juga di baris 5, 7)"));
    }

    #[test]
    fn columns_count_characters_and_long_placeholders_are_cut() {
        let long = make(&"panjang ".repeat(20));
        let text = format!("judul: \"Kafé {long}\"\n");
        let d = problem("a.md", &text).unwrap();
        assert_eq!(d.pos, Some(Pos::new(1, 14)));
        assert!(d.message.en.contains("…\" has not been replaced:"));
    }

    #[test]
    fn other_text_is_no_placeholder() {
        for text in [
            "name: Bengkel Ganti Oli\n",
            "GANTI: kata biasa\n",
            "<b>tebal</b> < GANTI",
            "",
        ] {
            assert!(problem("a.md", text).is_none(), "{text}");
        }
        assert_eq!(make("kategori"), "<GANTI: kategori>");
    }
}
