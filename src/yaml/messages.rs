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
    let message = if raw.contains("duplicate entry with key") {
        let key = raw
            .split_once("with key ")
            .map(|(_, k)| k.trim_matches('"'))
            .unwrap_or("");
        match Positions::scan(text, first_line).duplicate {
            Some((path, p)) => {
                pos = p;
                let (parent, key) = match path.rsplit_once('.') {
                    Some((parent, key)) => (last_name(parent), key),
                    None => (None, path.as_str()),
                };
                match parent {
                    Some(parent) => {
                        format!("`{key}` is written twice in `{parent}`; keep only one")
                    }
                    None => format!("field `{key}` is written twice; keep only one"),
                }
            }
            None => format!("`{key}` is written twice; keep only one"),
        }
    } else if raw.contains("control characters are not allowed") {
        if let Some((p, c)) = first_control(text, first_line) {
            pos = p;
            format!(
                "invalid character U+{:04X} (an invisible control character); remove it",
                c as u32
            )
        } else {
            "the file holds an invisible control character; remove it".to_string()
        }
    } else if raw.contains("more than one document") {
        if let Some(line) = second_document(text) {
            pos = Pos::new(line + line_offset, 1);
        }
        "a `---` line starts a second YAML document, which is not allowed here; to keep many entries in one file, write them as a list (`- name: ...`)".to_string()
    } else if raw.contains("recursion limit exceeded") {
        "lists or fields are nested too deeply here".to_string()
    } else if raw.contains("repetition limit exceeded") || raw.contains(OVER_BUDGET) {
        "aliases (`*name`) repeat the same data too many times".to_string()
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
        let mut m = format!("this line cannot be read ({main})");
        let never_closed = main.contains("end of stream") || main.contains("document indicator");
        if context.starts_with("scanning a quoted scalar") && never_closed {
            if let Some((l, c)) = opened {
                pos = Pos::new(l, c);
            }
            m = "this quotation mark is never closed: add the closing one at the end of the value"
                .to_string();
        } else if main.contains("escape") {
            m = "inside double quotes a `\\` starts an escape: write `\\\\`, or use single quotes"
                .to_string();
        } else if found == Some('\t') || main.contains("tab character") {
            // Staff do not know YAML's words for it; they know the key.
            m = "this line is indented with the Tab key: indent with spaces only".to_string();
        } else if matches!(found, Some('@' | '`' | '%')) {
            let c = found.unwrap_or('@');
            m = format!(
                "a value cannot start with `{c}` unless it is in quotes, e.g. \"{c}warungbusri\""
            );
        } else if main.contains("mapping values are not allowed") {
            m = "a value holding `: ` must be in quotes, or this line is indented too far"
                .to_string();
        } else if main.contains("unknown anchor") {
            m = "the alias (`*name`) here refers to no `&name` above it".to_string();
        } else if main.contains("did not find expected")
            && (context.contains("block mapping") || context.contains("block collection"))
        {
            m = "this line does not line up with the lines above it: check the spaces at its start"
                .to_string();
        } else if context.contains("flow") {
            let what = if context.contains("flow mapping") {
                "the fields in { }"
            } else {
                "the list in [ ]"
            };
            m = match opened {
                Some((l, _)) => format!("{what} that starts on line {l} is not closed"),
                None => format!("{what} is not closed"),
            };
        }
        m
    };
    let code = if raw.contains("duplicate entry with key") {
        Code::DuplicateKey
    } else if raw.contains("recursion limit exceeded")
        || raw.contains("repetition limit exceeded")
        || raw.contains(OVER_BUDGET)
    {
        Code::TooComplex
    } else {
        Code::YamlSyntax
    };
    SyntaxError { pos, code, message }
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
