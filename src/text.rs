//! Small text helpers every output shares: escaping for XML and JSON,
//! and numbers as residents read them (`Rp 15.000`) and staff write them
//! (`1.500.000`). A leaf: it imports nothing of the crate.

/// Text and attribute values in XML; characters XML 1.0 cannot hold are
/// left out.
pub(crate) fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A JSON string literal: quotes, backslashes and control characters
/// escaped. Also a YAML double-quoted scalar, as `init` writes names.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `15000` -> `Rp 15.000`.
pub(crate) fn rupiah_label(n: u64) -> String {
    format!("Rp {}", grouped(n))
}

/// `12345` -> `12.345`: thousands grouped as the default language writes
/// them.
pub(crate) fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A whole number written with or without thousands separators:
/// `1500000`, `1.500.000`, `1 500 000`.
pub(crate) fn parse_grouped(s: &str) -> Option<u64> {
    let sep = if s.contains('.') { '.' } else { ' ' };
    let groups: Vec<&str> = s.trim().split(sep).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let ok = match groups.as_slice() {
        [one] => digits(one) && one.len() <= 15,
        [first, rest @ ..] => {
            digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))
        }
        [] => false,
    };
    if !ok || groups.iter().map(|g| g.len()).sum::<usize>() > 15 {
        return None;
    }
    groups.concat().parse().ok()
}

/// Control characters (a line break in a file name or a cell, a
/// terminal's escape sequence) written as escapes (`\u{1b}`, `\n`), so a
/// problem or an import's note stays on one line and cannot move the
/// cursor or recolour the terminal.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_labels() {
        assert_eq!(rupiah_label(15000), "Rp 15.000");
        assert_eq!(rupiah_label(1500000), "Rp 1.500.000");
        assert_eq!(rupiah_label(500), "Rp 500");
    }
}
