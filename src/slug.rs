//! Slugs: lowercase ASCII letters, digits and single hyphens.

/// Transliterates to ASCII, lowercases, and joins the runs of letters and
/// digits with single hyphens. Composed and decomposed Unicode give the same
/// result: combining marks transliterate to nothing.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii() {
            push_ascii(&mut out, ch);
        } else if is_combining_mark(ch) {
            continue;
        } else {
            let ascii = deunicode::deunicode_char(ch).unwrap_or("");
            // Emoji and symbols transliterate to words (":ramen:"); drop them.
            if ascii.starts_with(':') || !ch.is_alphanumeric() {
                push_ascii(&mut out, ' ');
                continue;
            }
            for a in ascii.chars() {
                push_ascii(&mut out, a);
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Combining diacritics: part of the letter before them, not a separator.
fn is_combining_mark(ch: char) -> bool {
    matches!(ch as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn push_ascii(out: &mut String, ch: char) {
    if ch.is_ascii_alphanumeric() {
        out.push(ch.to_ascii_lowercase());
    } else if !out.is_empty() && !out.ends_with('-') {
        out.push('-');
    }
}

/// True for a slug already in canonical form.
pub(crate) fn is_valid(slug: &str) -> bool {
    !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies_like_the_spec() {
        assert_eq!(slugify("Warung Bu Siti Ñ 🍜"), "warung-bu-siti-n");
        // The same name in decomposed form (N + combining tilde).
        assert_eq!(slugify("Warung Bu Siti N\u{303} 🍜"), "warung-bu-siti-n");
        assert_eq!(slugify("  Kopi -- Susu!! "), "kopi-susu");
        assert_eq!(slugify("Café Ümit"), "cafe-umit");
        assert_eq!(slugify("🍜🍜"), "");
        assert_eq!(slugify("Man\u{303}ana"), "manana");
    }

    #[test]
    fn validates_slugs() {
        assert!(is_valid("warung-bu-siti-2"));
        assert!(!is_valid("Warung"));
        assert!(!is_valid("a--b"));
        assert!(!is_valid("-a"));
        assert!(!is_valid(""));
    }
}
