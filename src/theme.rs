//! The theme: the default one built into the binary, with a site's
//! `themes/NAME/` files replacing it file by file.

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::load::{self, SiteRoot};
use std::collections::BTreeMap;
use std::path::PathBuf;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Where a theme file's bytes come from.
#[derive(Clone, Debug)]
pub(crate) enum FileSource {
    Embedded(&'static [u8]),
    /// A file of the site (absolute path, and site-relative for messages).
    Disk(PathBuf, String),
    /// The parts of a `NAME.css.d/` or `NAME.js.d/` folder, in name order,
    /// published as the one file `NAME.css` or `NAME.js`.
    Joined(Vec<FileSource>),
}

impl FileSource {
    pub(crate) fn read(&self) -> Result<Vec<u8>, Diagnostic> {
        match self {
            FileSource::Embedded(b) => Ok(b.to_vec()),
            FileSource::Disk(abs, rel) => std::fs::read(abs).map_err(|e| {
                Diagnostic::file(
                    Code::Unreadable,
                    rel.clone(),
                    msg!("tidak bisa dibaca: {e}", "cannot be read: {e}"),
                )
            }),
            FileSource::Joined(parts) => {
                let mut all = Vec::new();
                for part in parts {
                    all.extend(part.read()?);
                    // A part without a last newline must not run into the
                    // next one (a script's last line, a comment).
                    if all.last().is_some_and(|b| *b != b'\n') {
                        all.push(b'\n');
                    }
                }
                Ok(all)
            }
        }
    }

    /// The site-relative path for messages, or the built-in name.
    pub(crate) fn label(&self, name: &str) -> String {
        match self {
            FileSource::Embedded(_) => format!("(built-in theme) {name}"),
            FileSource::Disk(_, rel) => rel.clone(),
            FileSource::Joined(_) => format!("(joined from {name}.d/) {name}"),
        }
    }
}

/// The files of the theme in use, each by its path inside the theme folder.
pub(crate) struct Theme {
    /// `index.html`, `partials/card.html`, ...
    pub templates: BTreeMap<String, FileSource>,
    /// Copied to the output root: `assets/etalase.js`, ..., and the joined
    /// parts of a `*.css.d/` or `*.js.d/` folder as one file
    /// (`assets/etalase.css`).
    pub static_files: BTreeMap<String, FileSource>,
    /// Language code -> UI strings files: the built-in one, then the
    /// site's, whose strings win key by key.
    pub i18n: BTreeMap<String, Vec<FileSource>>,
}

/// The default theme, then the site's `themes/NAME/` over it.
pub(crate) fn load(
    root: &SiteRoot,
    name: &str,
    pos: Option<Pos>,
    diags: &mut Vec<Diagnostic>,
) -> Theme {
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
    theme.join_parts();
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

    /// Replaces the files of each `NAME.css.d/` and `NAME.js.d/` folder
    /// with one `NAME.css` or `NAME.js` joined from them in name order, so
    /// a designer finds a component in its own file while a reader's
    /// browser fetches one. A site theme replaces a part by giving a file
    /// of the same name, adds one with a new name, or gives the whole file,
    /// which then wins over the parts. Other files of such a folder are
    /// not published.
    fn join_parts(&mut self) {
        let mut joined: BTreeMap<String, Vec<FileSource>> = BTreeMap::new();
        self.static_files
            .retain(|path, source| match parts_folder(path) {
                None => true,
                Some((whole, is_part)) => {
                    if is_part {
                        joined.entry(whole).or_default().push(source.clone());
                    }
                    false
                }
            });
        for (whole, parts) in joined {
            self.static_files
                .entry(whole)
                .or_insert(FileSource::Joined(parts));
        }
    }
}

/// For a file inside a `NAME.css.d/` or `NAME.js.d/` folder: the joined
/// file's path, and whether this file is one of its parts (a `.css` or
/// `.js` file right inside the folder).
fn parts_folder(path: &str) -> Option<(String, bool)> {
    let mut at = 0;
    for segment in path.split('/') {
        let end = at + segment.len();
        for ext in [".css", ".js"] {
            let folder = end < path.len();
            if folder && segment.len() > ext.len() + 2 && segment.ends_with(&format!("{ext}.d")) {
                let whole = path[..end - 2].to_string();
                let rest = path.get(end + 1..).unwrap_or("");
                let is_part = !rest.contains('/') && rest.ends_with(ext) && rest.len() > ext.len();
                return Some((whole, is_part));
            }
        }
        at = end + 1;
    }
    None
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

    #[test]
    fn tells_the_parts_of_a_joined_file() {
        let part = |p: &str| parts_folder(p);
        assert_eq!(
            part("assets/etalase.css.d/10-base.css"),
            Some(("assets/etalase.css".into(), true))
        );
        assert_eq!(part("x.js.d/a.js"), Some(("x.js".into(), true)));
        assert_eq!(
            part("assets/etalase.css.d/README.md"),
            Some(("assets/etalase.css".into(), false))
        );
        assert_eq!(
            part("assets/etalase.css.d/old/10-base.css"),
            Some(("assets/etalase.css".into(), false))
        );
        assert_eq!(part("assets/etalase.css"), None);
        assert_eq!(part("assets/a.css.d"), None);
        assert_eq!(part("assets/.css.d/a.css"), None);
        assert_eq!(part("assets/peta.js"), None);
    }

    #[test]
    fn joins_parts_in_name_order_and_a_whole_file_wins() {
        let mut theme = Theme {
            templates: BTreeMap::new(),
            static_files: BTreeMap::new(),
            i18n: BTreeMap::new(),
        };
        theme.add("static/s.css.d/20-b.css", FileSource::Embedded(b"b{}"));
        theme.add("static/s.css.d/10-a.css", FileSource::Embedded(b"a{}\n"));
        theme.add("static/s.js.d/1.js", FileSource::Embedded(b"// x"));
        theme.add("static/s.js.d/2.js", FileSource::Embedded(b"y()"));
        theme.add("static/w.css.d/1.css", FileSource::Embedded(b"part{}"));
        theme.add("static/w.css", FileSource::Embedded(b"whole{}"));
        theme.join_parts();
        let read = |p: &str| String::from_utf8(theme.static_files[p].read().unwrap()).unwrap();
        assert_eq!(read("s.css"), "a{}\nb{}\n");
        assert_eq!(read("s.js"), "// x\ny()\n");
        assert_eq!(read("w.css"), "whole{}");
        let paths: Vec<&String> = theme.static_files.keys().collect();
        assert_eq!(paths, ["s.css", "s.js", "w.css"]);
    }
}
