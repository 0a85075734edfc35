//! Phone numbers and e-mail addresses written as plain text in Markdown
//! (a contact page's table, a description's last line) become links a
//! resident can tap: `tel:+62…` and `mailto:`.
//!
//! Only what is plainly a phone number is linked: it starts with `+`,
//! `0` or `(0`, its separators are spaces, hyphens and parentheses (never
//! dots, so amounts, dates, hours and tax numbers stay text), it has 9 to
//! 15 digits, and the phone reader of the format accepts it.

use crate::values;

/// A piece of a text: plain, or a link with its address.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    Text(&'a str),
    Link { text: &'a str, href: String },
}

/// Splits `text` into plain pieces and links.
pub(crate) fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let found = if bytes[i] == b'@' {
            email(text, i).map(|(s, e)| (s, e, format!("mailto:{}", &text[s..e])))
        } else if matches!(bytes[i], b'+' | b'0' | b'(') && boundary_before(bytes, i) {
            phone(text, i)
        } else {
            None
        };
        match found {
            Some((start, end, href)) if start >= plain => {
                if start > plain {
                    out.push(Piece::Text(&text[plain..start]));
                }
                out.push(Piece::Link {
                    text: &text[start..end],
                    href,
                });
                plain = end;
                i = end;
            }
            _ => i += 1,
        }
    }
    if plain < text.len() {
        out.push(Piece::Text(&text[plain..]));
    }
    out
}

fn boundary_before(bytes: &[u8], i: usize) -> bool {
    i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || matches!(bytes[i - 1], b'+' | b'-' | b'.'))
}

/// The phone number starting at `at`: (start, end, `tel:` address).
fn phone(text: &str, at: usize) -> Option<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut end = at;
    let mut digits = 0;
    while end < bytes.len() {
        match bytes[end] {
            b'0'..=b'9' => digits += 1,
            b' ' | b'-' | b'(' | b')' => {}
            b'+' if end == at => {}
            _ => break,
        }
        end += 1;
    }
    // Trailing separators belong to the sentence.
    while end > at && matches!(bytes[end - 1], b' ' | b'-' | b'(') {
        end -= 1;
    }
    if bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let candidate = &text[at..end];
    let international_zeroes = candidate.trim_start_matches('(').starts_with("00");
    if !(9..=15).contains(&digits) || international_zeroes {
        return None;
    }
    let p = values::phone(candidate).ok()?;
    Some((at, end, format!("tel:+{}", p.digits)))
}

/// The e-mail address around the `@` at `at`: (start, end).
fn email(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let local = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let domain = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-');
    let mut start = at;
    while start > 0 && local(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = at + 1;
    while end < bytes.len() && domain(bytes[end]) {
        end += 1;
    }
    while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
        end -= 1;
    }
    let host = &text[at + 1..end];
    let tld = host.rsplit('.').next()?;
    let ok = start < at
        && host.contains('.')
        && tld.len() >= 2
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
        && !text[start..at].starts_with('.');
    ok.then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(String, String)> {
        pieces(text)
            .into_iter()
            .filter_map(|p| match p {
                Piece::Link { text, href } => Some((text.to_string(), href)),
                Piece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn phones_and_emails_become_links() {
        assert_eq!(
            links("Telepon (021) 8800-0100 atau WA 0812-0000-0100."),
            [
                (
                    "(021) 8800-0100".to_string(),
                    "tel:+622188000100".to_string()
                ),
                (
                    "0812-0000-0100".to_string(),
                    "tel:+6281200000100".to_string()
                )
            ]
        );
        assert_eq!(
            links("Tulis ke layanan.umkm@example.go.id."),
            [(
                "layanan.umkm@example.go.id".to_string(),
                "mailto:layanan.umkm@example.go.id".to_string()
            )]
        );
        assert_eq!(links("+62 812 3456 7001")[0].1, "tel:+6281234567001");
    }

    #[test]
    fn numbers_that_are_not_phones_stay_text() {
        for text in [
            "Rp 500.000 sampai Rp 20 juta",
            "buka 08.00-16.00 WIB",
            "sejak 2009, 2026-03-01",
            "NIB 9120301234706",
            "NPWP 00.000.000.0-432.000",
            "rekening 7000000000",
            "0812",
            "@warungbusri",
            "a@b",
        ] {
            assert!(links(text).is_empty(), "{text}: {:?}", links(text));
        }
        let whole = pieces("ke 0812-0000-0100 ya");
        assert_eq!(whole.len(), 3);
    }
}
