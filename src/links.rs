//! The link check of `etalase check`: every internal link and asset
//! address in the pages the site would write must lead to a file the site
//! writes. It reads the rendered pages from the in-memory output.

use crate::diagnostic::{Code, Diagnostic};
use crate::output::Stored;
use crate::paths;
use std::collections::{BTreeMap, HashMap};

/// Attributes that hold an address the browser fetches or follows.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "action"];

/// Checks the links of every HTML page in `files`. `base_url` is
/// `https://host/sub/`, `base_path` `/sub/`. One problem per broken
/// address, naming the first page (in path order) that has it and how
/// many do, so a broken link in a shared template is one line, not one per
/// page.
pub(crate) fn check(
    files: &HashMap<String, Stored>,
    base_url: &str,
    base_path: &str,
    diags: &mut Vec<Diagnostic>,
) -> usize {
    let mut broken: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut pages: Vec<&String> = files.keys().filter(|f| f.ends_with(".html")).collect();
    pages.sort();
    let mut checked = 0;
    for page in pages {
        let Some(Stored::Bytes(html)) = files.get(page) else {
            continue;
        };
        let html = String::from_utf8_lossy(html);
        for address in addresses(&html) {
            checked += 1;
            let Some(target) = resolve(page, &address, base_url, base_path) else {
                continue;
            };
            if !exists(files, &target) {
                let seen = broken
                    .entry(address.clone())
                    .or_insert_with(|| (page.clone(), 0));
                seen.1 += 1;
            }
        }
    }
    for (address, (first, count)) in broken {
        let (more_id, more_en) = match count {
            1 => (String::new(), String::new()),
            2 => (
                " (juga di 1 halaman lain)".to_string(),
                " (and on 1 more page)".to_string(),
            ),
            n => (
                format!(" (juga di {} halaman lain)", n - 1),
                format!(" (and on {} more pages)", n - 1),
            ),
        };
        diags.push(Diagnostic::file(
            Code::BrokenLink,
            first,
            msg!(
                "tautan `{address}` tidak menuju halaman atau berkas mana pun di situs{more_id}",
                "the link `{address}` leads to no page or file of the site{more_en}"
            ),
        ));
    }
    checked
}

/// Whether the site writes `target`, or a folder page there.
fn exists(files: &HashMap<String, Stored>, target: &str) -> bool {
    if target.is_empty() || target.ends_with('/') {
        return files.contains_key(&format!("{target}{}", paths::HOME_FILE));
    }
    files.contains_key(target) || files.contains_key(&format!("{target}/{}", paths::HOME_FILE))
}

/// The site path an address on `page` leads to, or `None` when it leaves
/// the site (another host, `mailto:`, a fragment of the same page).
fn resolve(page: &str, address: &str, base_url: &str, base_path: &str) -> Option<String> {
    let address = address.trim();
    let address = address.split('#').next().unwrap_or("");
    let address = address.split('?').next().unwrap_or("");
    if address.is_empty() {
        return None;
    }
    let path = if let Some(rest) = address.strip_prefix(base_url) {
        format!("{base_path}{rest}")
    } else if address.starts_with("//") || has_scheme(address) {
        return None;
    } else if address.starts_with('/') {
        address.to_string()
    } else {
        // Relative to the page's folder.
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        format!(
            "{base_path}{dir}{}{address}",
            if dir.is_empty() { "" } else { "/" }
        )
    };
    let decoded = percent_decode(&path);
    let Some(rel) = decoded.strip_prefix(base_path) else {
        // Under the host but outside the site's sub-path.
        return Some(format!("\u{0}{decoded}"));
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in rel.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn has_scheme(address: &str) -> bool {
    match address.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The addresses in the tags of an HTML page: the attributes of
/// `URL_ATTRIBUTES` and each candidate of a `srcset`, with character
/// references decoded. The text of `script` and `style` is skipped.
fn addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r);
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let (attrs, after) = split_tag(&rest[name_len..]);
        for (key, value) in attributes(attrs) {
            if URL_ATTRIBUTES.contains(&key.as_str()) {
                out.push(decode_entities(value));
            } else if key == "srcset" {
                for candidate in value.split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        out.push(decode_entities(url));
                    }
                }
            }
        }
        rest = after;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            rest = find_ci(rest, &close).map_or("", |i| &rest[i..]);
        }
    }
    out
}

/// A tag's attribute text and what follows its `>`, quotes respected.
fn split_tag(s: &str) -> (&str, &str) {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&s[..i], &s[i + 1..]),
            _ => {}
        }
    }
    (s, "")
}

/// `name="value"` pairs of a tag (names lowercased); bare attributes are
/// skipped.
fn attributes(mut s: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_end = s
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(s.len());
        if name_end == 0 {
            return out;
        }
        let name = s[..name_end].to_ascii_lowercase();
        s = s[name_end..].trim_start();
        let Some(after_eq) = s.strip_prefix('=') else {
            continue;
        };
        s = after_eq.trim_start();
        let value;
        match s.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &s[1..];
                let end = body.find(q).unwrap_or(body.len());
                value = &body[..end];
                s = body.get(end + 1..).unwrap_or("");
            }
            _ => {
                let end = s.find(char::is_whitespace).unwrap_or(s.len());
                value = &s[..end];
                s = &s[end..];
            }
        }
        out.push((name, value));
    }
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

/// The character references an attribute value may hold in an address.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&#x2F;", "/")
        .replace("&#47;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_addresses_in_tags_only() {
        let html = r#"<a href="/x/">x</a><img src='/a.png' srcset="/b.png 2x, /c.png 3x"><!-- <a href="/no/"> --><script>var s = "<a href='/no2/'>";</script><link rel=stylesheet href=/s.css>"#;
        assert_eq!(
            addresses(html),
            ["/x/", "/a.png", "/b.png", "/c.png", "/s.css"]
        );
    }

    #[test]
    fn resolves_against_the_base_path() {
        let r = |page, a| resolve(page, a, "https://x.example/sub/", "/sub/");
        assert_eq!(r("umkm/a/index.html", "/sub/umkm/"), Some("umkm/".into()));
        assert_eq!(r("umkm/a/index.html", "../b/"), Some("umkm/b/".into()));
        assert_eq!(
            r("index.html", "https://x.example/sub/a.css?v=1"),
            Some("a.css".into())
        );
        assert_eq!(r("index.html", "https://other.example/"), None);
        assert_eq!(r("index.html", "mailto:a@b.c"), None);
        assert_eq!(r("index.html", "tel:+6281"), None);
        assert_eq!(r("index.html", "#top"), None);
        assert_eq!(
            r("index.html", "/media/a%20b.png"),
            Some("\u{0}/media/a b.png".into())
        );
        assert_eq!(
            r("index.html", "/sub/media/a%20b.png"),
            Some("media/a b.png".into())
        );
    }
}
