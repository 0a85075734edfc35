//! Addresses of pages and files, all under the site's base path, so a
//! site served from a sub-path (a project site) links right everywhere.

use crate::model::Entry;
use crate::paths;

#[derive(Clone)]
pub(crate) struct Urls {
    /// `/` or `/sub/`.
    base_path: String,
    /// `https://host/sub/`.
    base_url: String,
    /// `` for the default language, `en/` for another.
    prefix: String,
}

impl Urls {
    pub(crate) fn new(base_url: &str, base_path: &str, lang_prefix: &str) -> Urls {
        Urls {
            base_path: base_path.to_string(),
            base_url: base_url.to_string(),
            prefix: lang_prefix.to_string(),
        }
    }

    /// The root-relative address of a page path like `umkm/warung/`.
    pub(crate) fn page(&self, path: &str) -> String {
        format!("{}{}{}", self.base_path, self.prefix, path)
    }

    /// The absolute address of a page path.
    pub(crate) fn permalink(&self, path: &str) -> String {
        format!("{}{}{}", self.base_url, self.prefix, path)
    }

    /// The output file of a page path.
    pub(crate) fn file(&self, path: &str) -> String {
        paths::page_file(&self.prefix, path)
    }

    pub(crate) fn entry(&self, e: &Entry) -> String {
        self.page(&paths::entry(e.kind, &e.slug))
    }

    /// A file copied to the output (the same for every language).
    pub(crate) fn asset(&self, output: &str) -> String {
        format!("{}{}", self.base_path, encode_path(output))
    }

    /// The absolute address of a file the site publishes (for og:image).
    pub(crate) fn asset_permalink(&self, output: &str) -> String {
        format!("{}{}", self.base_url, encode_path(output))
    }
}

/// Percent-encodes what may not stand in a URL path (file names with
/// spaces or non-ASCII letters).
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_addresses_under_a_sub_path() {
        let u = Urls::new("https://x.example/sub/", "/sub/", "en/");
        assert_eq!(u.page("umkm/"), "/sub/en/umkm/");
        assert_eq!(u.file("umkm/"), "en/umkm/index.html");
        assert_eq!(u.asset("media/a b.png"), "/sub/media/a%20b.png");
    }
}
