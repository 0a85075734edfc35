//! The theme: the default one built into the binary, with a site's
//! `themes/NAME/` files replacing it file by file.

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::load::{self, SiteRoot};
use std::collections::BTreeMap;
use std::path::PathBuf;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Where a theme file's bytes come from.
#[derive(Clone, Debug)]
pub enum FileSource {
    Embedded(&'static [u8]),
    /// A file of the site (absolute path, and site-relative for messages).
    Disk(PathBuf, String),
}

impl FileSource {
    pub fn read(&self) -> Result<Vec<u8>, Diagnostic> {
        match self {
            FileSource::Embedded(b) => Ok(b.to_vec()),
            FileSource::Disk(abs, rel) => std::fs::read(abs).map_err(|e| {
                Diagnostic::file(
                    Code::Unreadable,
                    rel.clone(),
                    msg!("tidak bisa dibaca: {e}", "cannot be read: {e}"),
                )
            }),
        }
    }

    /// The site-relative path for messages, or the built-in name.
    pub fn label(&self, name: &str) -> String {
        match self {
            FileSource::Embedded(_) => format!("(built-in theme) {name}"),
            FileSource::Disk(_, rel) => rel.clone(),
        }
    }
}

/// The files of the theme in use, each by its path inside the theme folder.
pub struct Theme {
    /// `index.html`, `partials/card.html`, ...
    pub templates: BTreeMap<String, FileSource>,
    /// Copied to the output root: `assets/etalase.css`, ...
    pub static_files: BTreeMap<String, FileSource>,
    /// Language code -> UI strings files: the built-in one, then the
    /// site's, whose strings win key by key.
    pub i18n: BTreeMap<String, Vec<FileSource>>,
}

/// The default theme, then the site's `themes/NAME/` over it.
pub fn load(root: &SiteRoot, name: &str, pos: Option<Pos>, diags: &mut Vec<Diagnostic>) -> Theme {
    let mut theme = Theme {
        templates: BTreeMap::new(),
        static_files: BTreeMap::new(),
        i18n: BTreeMap::new(),
    };
    for (path, bytes) in DEFAULT_THEME {
        theme.add(path, FileSource::Embedded(bytes));
    }
    let dir = root.path.join("themes").join(name);
    // Links on the way (themes/, themes/NAME) are checked even when the
    // theme has no folder of its own.
    let before = diags.len();
    if load::folder_ok(root, &dir, diags) {
        let mut found = Vec::new();
        load::walk(root, &dir, diags, |p| found.push(p.to_path_buf()));
        for abs in found {
            let rel = root.rel(&abs);
            let inside = rel
                .strip_prefix(&format!("themes/{name}/"))
                .unwrap_or(&rel)
                .to_string();
            theme.add(&inside, FileSource::Disk(abs, rel));
        }
    } else if name != "default" && diags.len() == before {
        let message = msg!(
            "tema `{name}` tidak ditemukan: tidak ada folder themes/{name}/",
            "theme `{name}` not found: there is no folder themes/{name}/"
        );
        diags.push(match pos {
            Some(pos) => Diagnostic::at(Code::SiteConfig, "site.yaml", pos, message),
            None => Diagnostic::file(Code::SiteConfig, "site.yaml", message),
        });
    }
    theme
}

impl Theme {
    fn add(&mut self, path: &str, source: FileSource) {
        if let Some(t) = path.strip_prefix("templates/") {
            self.templates.insert(t.to_string(), source);
        } else if let Some(s) = path.strip_prefix("static/") {
            self.static_files.insert(s.to_string(), source);
        } else if let Some(code) = path
            .strip_prefix("i18n/")
            .and_then(|f| f.strip_suffix(".yaml").or_else(|| f.strip_suffix(".yml")))
        {
            self.i18n.entry(code.to_string()).or_default().push(source);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of themes/default/ is in the binary.
    #[test]
    fn embeds_the_whole_default_theme() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default");
        let on_disk: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .filter(|e| {
                !e.path()
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
            })
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        for f in &on_disk {
            assert!(
                DEFAULT_THEME.iter().any(|(p, _)| p == f),
                "{f} is not embedded"
            );
        }
        assert!(DEFAULT_THEME
            .iter()
            .any(|(p, _)| *p == "templates/entry.html"));
        assert!(DEFAULT_THEME.iter().any(|(p, _)| *p == "i18n/id.yaml"));
    }
}
