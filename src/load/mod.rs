//! Finding and reading the input files of a site.
//!
//! The walk is sequential and sorted (so every later stage sees the same
//! order); reading and parsing happen in parallel, file by file, in
//! `crate::validate`. Nothing outside the site folder is ever read: links
//! that lead out of it are reported, not followed.

pub(crate) mod frontmatter;
pub(crate) mod placeholder;

use crate::diagnostic::{Code, Diagnostic, Pos};
use crate::message::Message;
use crate::model::Kind;
use std::cell::RefCell;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A single-entry file over this size is refused.
pub(crate) const MAX_ENTRY_FILE: u64 = 1 << 20;
/// A list file over this size is refused.
pub(crate) const MAX_LIST_FILE: u64 = 64 << 20;

/// The three forms of entry file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// `slug.md`: front matter and a Markdown body.
    Markdown,
    /// `slug.yaml` or `anything.yaml`: one mapping or a list of them.
    Yaml,
}

/// An input file found under content/.
#[derive(Clone, Debug)]
pub(crate) struct InputFile {
    pub kind: Kind,
    pub form: Form,
    /// Relative to the site folder, `/`-separated.
    pub rel: String,
    pub abs: PathBuf,
}

impl InputFile {
    /// The file name without its extension.
    pub(crate) fn stem(&self) -> &str {
        let name = self.rel.rsplit('/').next().unwrap_or("");
        name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name)
    }

    /// The folder holding the file, relative to the site, `/`-separated.
    pub(crate) fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
    }
}

/// The site folder, canonicalised, with the checks that keep every read inside it.
pub(crate) struct SiteRoot {
    pub path: PathBuf,
}

impl SiteRoot {
    pub(crate) fn new(path: &Path) -> std::io::Result<SiteRoot> {
        Ok(SiteRoot {
            path: fs::canonicalize(path)?,
        })
    }

    /// Site-relative `/`-separated form of a path under the root.
    pub(crate) fn rel(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.path).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// True when `path` exists and, links resolved, is inside the site.
    pub(crate) fn contains(&self, path: &Path) -> bool {
        fs::canonicalize(path).is_ok_and(|p| p.starts_with(&self.path))
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Whether the folder `dir` under the root can be read: every link on the
/// way from the root to it (`content`, `themes`, `themes/NAME` themselves
/// included) must lead to something inside the site. A link that leads
/// outside or nowhere is reported, never taken for an empty folder; a
/// folder that simply does not exist is fine and holds nothing.
pub(crate) fn folder_ok(root: &SiteRoot, dir: &Path, diags: &mut Vec<Diagnostic>) -> bool {
    let Ok(rel) = dir.strip_prefix(&root.path) else {
        return false;
    };
    let mut at = root.path.clone();
    for part in rel.components() {
        at.push(part);
        let Ok(meta) = fs::symlink_metadata(&at) else {
            return false;
        };
        if !meta.file_type().is_symlink() {
            continue;
        }
        let message = if fs::canonicalize(&at).is_err() {
            msg!(
                "tautan simbolik ini rusak atau berputar; tidak diikuti",
                "symbolic link is broken or loops; it is not followed"
            )
        } else if !root.contains(&at) {
            msg!(
                "tautan simbolik ini mengarah ke luar folder situs; tidak diikuti",
                "symbolic link leads outside the site folder; it is not followed"
            )
        } else {
            continue;
        };
        diags.push(Diagnostic::file(Code::LinkOutside, root.rel(&at), message));
        return false;
    }
    at.is_dir()
}

/// Walks `dir` (inside the site) in sorted order, skipping hidden files and
/// reporting links that leave the site or loop. Calls `visit` with every
/// regular file.
pub(crate) fn walk(
    root: &SiteRoot,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
    mut visit: impl FnMut(&Path),
) {
    if !folder_ok(root, dir, diags) {
        return;
    }
    let problems = RefCell::new(Vec::new());
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_hidden(e.file_name()) {
                return false;
            }
            if e.path_is_symlink() && !root.contains(e.path()) {
                let why = if fs::canonicalize(e.path()).is_err() {
                    msg!(
                        "tautan simbolik ini rusak atau berputar; tidak diikuti",
                        "symbolic link is broken or loops; it is not followed"
                    )
                } else {
                    msg!(
                        "tautan simbolik ini mengarah ke luar folder situs; tidak diikuti",
                        "symbolic link leads outside the site folder; it is not followed"
                    )
                };
                problems.borrow_mut().push(Diagnostic::file(
                    Code::LinkOutside,
                    root.rel(e.path()),
                    why,
                ));
                return false;
            }
            true
        });
    for item in walker {
        match item {
            Ok(e) if e.file_type().is_file() => visit(e.path()),
            Ok(e) if e.file_type().is_dir() => {}
            Ok(e) => problems.borrow_mut().push(Diagnostic::file(
                Code::Unreadable,
                root.rel(e.path()),
                msg!(
                    "bukan berkas biasa (pipa, soket, atau perangkat); hapus",
                    "is not an ordinary file (a named pipe, socket or device); remove it"
                ),
            )),
            Err(err) => {
                let path = err.path().map(|p| root.rel(p)).unwrap_or_default();
                let is_link = err
                    .path()
                    .and_then(|p| fs::symlink_metadata(p).ok())
                    .is_some_and(|m| m.file_type().is_symlink());
                let code = if err.loop_ancestor().is_some() || is_link {
                    Code::LinkOutside
                } else {
                    Code::Unreadable
                };
                let message = if err.loop_ancestor().is_some() {
                    msg!(
                        "tautan simbolik ini kembali ke folder yang memuatnya; tidak diikuti",
                        "symbolic link loops back to a folder that contains it; it is not followed"
                    )
                } else if is_link {
                    let loops = err
                        .io_error()
                        .and_then(|e| e.raw_os_error())
                        .is_some_and(|c| c == 40 || c == 62); // ELOOP on Linux, macOS
                    if loops {
                        msg!(
                            "tautan simbolik ini berputar (mengarah ke dirinya sendiri); tidak diikuti",
                            "symbolic link loops (it leads back to itself); it is not followed"
                        )
                    } else {
                        msg!(
                            "tautan simbolik ini rusak: yang ditujunya tidak ada",
                            "symbolic link is broken: what it points to does not exist"
                        )
                    }
                } else {
                    let why = err
                        .io_error()
                        .map(|e| e.to_string())
                        .unwrap_or_else(|| err.to_string());
                    msg!("tidak bisa dibaca: {why}", "cannot be read: {why}")
                };
                problems
                    .borrow_mut()
                    .push(Diagnostic::file(code, path, message));
            }
        }
    }
    diags.append(&mut problems.into_inner());
}

/// The files of static/ as (path relative to static/, absolute path),
/// sorted. Read with the content, so its problems (links out of the site,
/// named pipes) are reported in the same run as the content's.
pub(crate) fn static_files(root: &SiteRoot, diags: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let dir = root.path.join("static");
    let mut files = Vec::new();
    let mut bad = Vec::new();
    walk(root, &dir, diags, |p| {
        let rel = p.strip_prefix(&dir).unwrap_or(p);
        let rel = rel.to_string_lossy().replace('\\', "/");
        // It would become an address with a line break in it.
        if rel.chars().any(char::is_control) {
            bad.push(Diagnostic::file(
                Code::BadFileName,
                format!("static/{rel}"),
                msg!(
                    "nama berkas ini memuat karakter kendali (misalnya baris baru); ganti namanya",
                    "this file name holds a control character (such as a line break); rename the file"
                ),
            ));
            return;
        }
        files.push((rel, p.to_path_buf()));
    });
    diags.append(&mut bad);
    files
}

/// The size limit of an entry file of this form: a YAML file may be a
/// list of many entries, a Markdown file holds one.
pub(crate) fn limit(form: Form) -> u64 {
    match form {
        Form::Markdown => MAX_ENTRY_FILE,
        Form::Yaml => MAX_LIST_FILE,
    }
}

/// The folder of the site where `import` keeps personal data (NIK, the
/// owner's name, turnover): never read into any output, and ignored by
/// the `.gitignore` that `init` writes, so it stays out of a repository.
pub(crate) const PRIVATE: &str = "pribadi";

/// Every entry file under content/, sorted by path.
pub(crate) fn discover(root: &SiteRoot, diags: &mut Vec<Diagnostic>) -> Vec<InputFile> {
    let content = root.path.join("content");
    let mut files = Vec::new();
    let mut misplaced = Vec::new();
    walk(root, &content, diags, |path| {
        let rel = root.rel(path);
        if rel.chars().any(char::is_control) {
            misplaced.push(Diagnostic::file(
                Code::BadFileName,
                rel,
                msg!(
                    "nama berkas ini memuat karakter kendali (misalnya baris baru); ganti namanya",
                    "this file name holds a control character (such as a line break); rename the file"
                ),
            ));
            return;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let form = match ext.as_deref() {
            Some("md" | "markdown") => Form::Markdown,
            Some("yaml" | "yml") => Form::Yaml,
            _ => return, // pictures and other files beside the entries
        };
        let kind = rel
            .split('/')
            .nth(1)
            .filter(|_| rel.matches('/').count() >= 2)
            .and_then(Kind::from_folder);
        match kind {
            Some(kind) => files.push(InputFile {
                kind,
                form,
                rel,
                abs: path.to_path_buf(),
            }),
            None => misplaced.push(Diagnostic::file(Code::MisplacedFile,
                rel,
                msg!(
                    "berkas entri harus berada di salah satu folder content/umkm, koperasi, pkl, program, acara atau halaman",
                    "an entry file must be inside one of content/umkm, koperasi, pkl, program, acara or halaman"
                ),
            )),
        }
    });
    diags.append(&mut misplaced);
    files
}

/// Reads a whole text file of at most `limit` bytes: UTF-8, an optional
/// byte-order mark removed. Refuses anything that is not a regular file, so
/// a named pipe cannot make the build hang, and a file that still holds a
/// placeholder of `etalase new` (`<GANTI: …>`), so none is published.
pub(crate) fn read_text(path: &Path, rel: &str, limit: u64) -> Result<String, Diagnostic> {
    let fail = |code: Code, m: Message| Diagnostic::file(code, rel.to_string(), m);
    let unreadable = |e: std::io::Error| {
        fail(
            Code::Unreadable,
            msg!("tidak bisa dibaca: {e}", "cannot be read: {e}"),
        )
    };
    let meta = fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(fail(
            Code::Unreadable,
            msg!(
                "bukan berkas biasa (melainkan folder, pipa, soket, atau perangkat)",
                "is not an ordinary file (it is a folder, a named pipe, a socket or a device)"
            ),
        ));
    }
    if meta.len() > limit {
        return Err(fail(
            Code::TooLarge,
            too_large(meta.len(), limit, Message::default()),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(fail(
            Code::TooLarge,
            too_large(bytes.len() as u64, limit, Message::default()),
        ));
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        Diagnostic::at(
            Code::Unreadable,
            rel.to_string(),
            Pos::new(line, column),
            msg!(
                "berkas bukan teks UTF-8; simpan sebagai UTF-8",
                "file is not UTF-8 text; save it as UTF-8"
            ),
        )
    })?;
    match placeholder::problem(rel, &text) {
        Some(d) => Err(d),
        None => Ok(text),
    }
}

/// The message for a file over `limit` bytes; `what` says which files the
/// limit is for.
pub(crate) fn too_large(size: u64, limit: u64, what: Message) -> Message {
    let mib = limit >> 20;
    let (w_id, w_en) = (what.id, what.en);
    msg!(
        "berkas terlalu besar ({size} bita): {w_id}batasnya {mib} MiB ({limit} bita)",
        "file is too large ({size} bytes): {w_en}the limit is {mib} MiB ({limit} bytes)"
    )
}

/// True when a YAML text's top level is a list (`- item` or `[`), judged
/// from its first significant line, without parsing it.
pub(crate) fn looks_like_list(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with('%') && *l != "---")
        .is_some_and(|l| l.starts_with('-') || l.starts_with('['))
}

/// A text kept in its entry file (a Markdown body), read again when its
/// page is rendered; an error when the file cannot be read again.
pub(crate) fn text(text: &crate::model::Text) -> Result<std::borrow::Cow<'_, str>, Diagnostic> {
    use crate::model::Text;
    match text {
        Text::Inline(s) => Ok(std::borrow::Cow::Borrowed(s)),
        Text::InFile {
            path,
            rel,
            from,
            hash,
        } => {
            let text = read_text(path, rel, MAX_ENTRY_FILE)?;
            // Only the version of the file that was validated may be
            // published: a file edited since is refused, never mixed.
            let same = crate::hash::quick(text.as_bytes()) == *hash;
            match text.get(*from..).filter(|_| same) {
                Some(body) => Ok(std::borrow::Cow::Owned(body.to_string())),
                None => Err(Diagnostic::file(
                    Code::Unreadable,
                    rel.clone(),
                    msg!(
                        "berkas berubah selama pembangunan; bangun lagi",
                        "the file changed during the build; build again"
                    ),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;

    #[test]
    fn a_body_is_read_again_only_from_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let first = "---\nname: A\nprivate: { nik: \"1\" }\n---\nBadan.\n";
        fs::write(&path, first).unwrap();
        let body = Text::InFile {
            path: path.clone(),
            rel: "content/umkm/a.md".into(),
            from: first.len() - "Badan.\n".len(),
            hash: crate::hash::quick(first.as_bytes()),
        };
        assert_eq!(text(&body).unwrap(), "Badan.\n");
        // Edited during the build: the body moved, the old offset now
        // points into the front matter. Nothing of it is published.
        fs::write(
            &path,
            "---\nname: A\n---\nBadan yang\npanjang.\nprivate: x\n",
        )
        .unwrap();
        let err = text(&body).unwrap_err();
        assert_eq!(err.code, Code::Unreadable);
        assert!(err.message.en.contains("changed during the build"));
    }
}
